import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ManifestUtil } from '@microsoft/app-manifest';
import { COMMAND_KINDS, parseCommand, MANIFEST_COMMANDS, MANIFEST_COMMAND_LISTS } from '../../src/adapters/teams/commands';

const SCHEMA_DIR = 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30';
const manifest = JSON.parse(readFileSync('manifest/manifest.json', 'utf8'));
const en = JSON.parse(readFileSync('manifest/en-us.json', 'utf8'));

function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  assert.equal(b.subarray(1, 4).toString('ascii'), 'PNG', `${path} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('contract: the Teams app manifest', () => {
  it('when validated against the v1.30 schema shipped in @microsoft/app-manifest, then there are no errors', async () => {
    const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}/MicrosoftTeams.schema.json`, 'utf8'));
    assert.equal(manifest.manifestVersion, '1.30');
    assert.deepEqual(await ManifestUtil.validateManifestAgainstSchema(manifest, schema), []);
  });

  it('when the English localisation file is validated against the shipped localisation schema, then there are no errors', async () => {
    const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}/MicrosoftTeams.Localization.schema.json`, 'utf8')) as { patternProperties: Record<string, unknown> };
    // The shipped schema has one pattern (activities.activityTypes) that is not a valid unicode regular
    // expression, so ajv cannot compile it; we drop that pattern only (we localise no activity types).
    const broken = Object.keys(schema.patternProperties).filter((p) => {
      try {
        new RegExp(p, 'u');
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(broken.every((p) => p.startsWith('^activities')), 'only the activity-type pattern is dropped');
    for (const p of broken) delete schema.patternProperties[p];
    assert.deepEqual(await ManifestUtil.validateManifestAgainstSchema(en, schema as never), []);
  });

  it('when the command lists are read, then they are exactly the commands the bot understands, in Japanese and English', () => {
    MANIFEST_COMMAND_LISTS.forEach((list, li) => {
      const inManifest = manifest.bots[0].commandLists[li] as { scopes: string[]; commands: { title: string; description: string }[] };
      assert.deepEqual(inManifest.scopes, list.scopes);
      assert.deepEqual(inManifest.commands, list.ja);
      const enCommands = list.en.map((_, i) => ({ title: en[`bots[0].commandLists[${li}].commands[${i}].title`], description: en[`bots[0].commandLists[${li}].commands[${i}].description`] }));
      assert.deepEqual(enCommands, list.en);
    });
    assert.equal(manifest.bots[0].commandLists.length, MANIFEST_COMMAND_LISTS.length);
    for (const c of [...MANIFEST_COMMANDS.ja, ...MANIFEST_COMMANDS.en]) assert.notEqual(parseCommand(c.title).kind, 'unknown', `the bot understands "${c.title}"`);
    // Every command the bot understands is listed (監査 covers both audit kinds: by case and by user).
    const listed = new Set([...MANIFEST_COMMANDS.ja, ...MANIFEST_COMMANDS.en].flatMap((c) => [parseCommand(c.title).kind, parseCommand(`${c.title} 利用者 x`).kind]));
    for (const kind of COMMAND_KINDS) assert.ok(listed.has(kind), `the manifest lists a command for ${kind}`);
  });

  it('when the icons are read, then color is 192×192 and outline is 32×32', () => {
    assert.deepEqual(pngSize('manifest/color.png'), { width: 192, height: 192 });
    assert.deepEqual(pngSize('manifest/outline.png'), { width: 32, height: 32 });
  });

  it('when the bot scopes are read, then the bot is in personal, team and groupChat scopes', () => {
    assert.deepEqual([...manifest.bots[0].scopes].sort(), ['groupChat', 'personal', 'team']);
  });
});
