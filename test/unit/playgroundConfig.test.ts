import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PLAYGROUND_CONFIG_FILE,
  personalChatId,
  renderPlaygroundConfig,
  type PlaygroundDirectory,
} from '../../src/adapters/embedded/playground/playgroundConfig';

const ROOT = join(__dirname, '..', '..');
const WARD = JSON.parse(readFileSync(join(ROOT, 'config', 'ward.embedded.json'), 'utf8')) as PlaygroundDirectory;
const DESK = '00000000-0000-4000-8000-000000000001';
const COORDINATOR = '00000000-0000-4000-8000-000000000002';

/** The quoted values of `key:` lines (every value is a JSON/YAML double-quoted scalar). */
function values(yml: string, key: string): string[] {
  return yml
    .split('\n')
    .map((line) => new RegExp(`^\\s*(?:- )?${key}: (.*)$`).exec(line)?.[1])
    .filter((v): v is string => v !== undefined)
    .map((v) => JSON.parse(v) as string);
}

describe('adapters/embedded/playground: renderPlaygroundConfig', () => {
  it('when rendered for the desk nurse, then it equals the checked-in .m365agentsplayground.yml', () => {
    assert.equal(renderPlaygroundConfig(WARD, DESK), readFileSync(join(ROOT, PLAYGROUND_CONFIG_FILE), 'utf8'));
  });

  it('when rendered for a coordinator, then the coordinator is the current user and the desk nurse a colleague', () => {
    const yml = renderPlaygroundConfig(WARD, COORDINATOR);
    const [current, ...colleagues] = values(yml, 'aadObjectId');
    assert.equal(current, COORDINATOR);
    assert.equal(colleagues.length, 5);
    assert.ok(colleagues.includes(DESK));
    assert.ok(yml.includes(`personalChat:\n  id: ${JSON.stringify(personalChatId({ id: '29:user-coord-suzuki' }))}\n`));
  });

  it('when no channel is chosen, then only the new-handoff channel is listed besides the implicit General', () => {
    const yml = renderPlaygroundConfig(WARD, DESK);
    assert.deepEqual(values(yml.slice(yml.indexOf('  channels:')), 'id'), ['19:coordinators@thread.tacv2']);
    assert.deepEqual(values(yml.slice(yml.indexOf('  channels:')), 'name'), ['コーディネーター']);
  });

  it('when a channel key is given, then that channel is listed; General or unknown keys are refused', () => {
    const yml = renderPlaygroundConfig(WARD, DESK, { channelKey: 'nursery' });
    assert.deepEqual(values(yml.slice(yml.indexOf('  channels:')), 'id'), ['19:nursery@thread.tacv2']);
    assert.throws(() => renderPlaygroundConfig(WARD, DESK, { channelKey: 'general' }), /PLAYGROUND.UNKNOWN_CHANNEL/);
    assert.throws(() => renderPlaygroundConfig(WARD, DESK, { channelKey: 'nope' }), /PLAYGROUND.UNKNOWN_CHANNEL/);
  });

  it('when the user is unknown or the colleagues are not exactly 5, then it throws', () => {
    assert.throws(() => renderPlaygroundConfig(WARD, 'nobody'), /PLAYGROUND.UNKNOWN_USER/);
    assert.throws(() => renderPlaygroundConfig(WARD, DESK, { colleagueAadObjectIds: [COORDINATOR] }), /PLAYGROUND.USER_COUNT/);
    assert.throws(() => renderPlaygroundConfig({ ...WARD, users: WARD.users.slice(0, 3) }, DESK), /PLAYGROUND.USER_COUNT/);
  });

  it('when a name holds quotes, colons, # or a backslash, then it is quoted and reads back unchanged', () => {
    const name = 'O\'Brien: "テスト" #1 \\ end';
    const users = WARD.users.map((u) => (u.aadObjectId === DESK ? { ...u, name } : u));
    assert.equal(values(renderPlaygroundConfig({ ...WARD, users }, DESK), 'name')[1], name);
  });
});
