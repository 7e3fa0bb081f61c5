import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { ManifestUtil } from '@microsoft/app-manifest';
import { BOT_ID_PLACEHOLDER, botIdFromEnv, buildAppPackage } from '../../scripts/packageManifest';

const BOT_ID = '3f2a9c1e-7b4d-4e8a-9c6f-0d1e2f3a4b5c';
const ENTRIES = ['color.png', 'en-us.json', 'manifest.json', 'outline.png'];

interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** Reads a zip through its end record and central directory (as unzippers do), checking each local header and CRC. */
function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0 && eocd === zip.length - 22, 'the end-of-central-directory record closes the file');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  assert.equal(cdOffset + cdSize, eocd, 'the central directory ends where the end record starts');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'central directory header signature');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');

    assert.equal(zip.readUInt32LE(localOffset), 0x04034b50, `${name}: local header signature`);
    assert.equal(zip.readUInt32LE(localOffset + 14), crc, `${name}: local and central CRC agree`);
    const localName = zip.subarray(localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26)).toString('utf8');
    assert.equal(localName, name, 'local and central names agree');
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressed);
    assert.ok(method === 0 || method === 8, `${name}: stored or deflated`);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    assert.equal(data.length, size, `${name}: uncompressed size`);
    assert.equal(crc32(data) >>> 0, crc, `${name}: CRC-32`);
    entries.push({ name, data });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** What an independent zip reader (Info-ZIP unzip or Python's zipfile) lists, or undefined when none is installed. */
function listWithSystemTool(file: string): string[] | undefined {
  const unzip = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  if (unzip.status === 0) {
    assert.equal(spawnSync('unzip', ['-tq', file], { encoding: 'utf8' }).status, 0, 'unzip -t finds no error');
    return unzip.stdout.split('\n').filter(Boolean);
  }
  const py = spawnSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))', file], { encoding: 'utf8' });
  if (py.status === 0) return py.stdout.split('\n').filter(Boolean);
  return undefined;
}

describe('contract: the Teams app package (npm run package)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-package-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when built with a bot id, then the zip holds the four files at its root and manifest.json carries that bot id', () => {
    const outFile = join(dir, 'tsunagu.zip');
    const result = buildAppPackage({ outFile, botId: BOT_ID });

    assert.equal(result.outFile, outFile);
    assert.equal(result.botId, BOT_ID);
    const entries = readZip(readFileSync(outFile));
    assert.deepEqual(entries.map((e) => e.name).sort(), ENTRIES);

    const manifestEntry = entries.find((e) => e.name === 'manifest.json');
    assert.ok(manifestEntry);
    const packaged = JSON.parse(manifestEntry.data.toString('utf8'));
    assert.equal(packaged.bots[0].botId, BOT_ID);
    const original = JSON.parse(readFileSync('manifest/manifest.json', 'utf8'));
    assert.equal(original.bots[0].botId, BOT_ID_PLACEHOLDER, 'the checked-in manifest keeps its placeholder');
    assert.deepEqual({ ...packaged, bots: [{ ...packaged.bots[0], botId: BOT_ID_PLACEHOLDER }] }, original, 'nothing but the bot id changes (no version bump)');

    for (const name of ['en-us.json', 'color.png', 'outline.png']) {
      assert.ok(entries.find((e) => e.name === name)?.data.equals(readFileSync(join('manifest', name))), `${name} is copied byte for byte`);
    }
  });

  it('when the packaged manifest.json is validated against the v1.30 schema, then there are no errors', async () => {
    const outFile = join(dir, 'tsunagu.zip');
    buildAppPackage({ outFile, botId: BOT_ID });
    const packaged = JSON.parse(readZip(readFileSync(outFile)).find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}');
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json', 'utf8'));
    assert.deepEqual(await ManifestUtil.validateManifestAgainstSchema(packaged, schema), []);
  });

  it('when an independent zip reader opens the package, then it lists the same four entries and finds no error', function () {
    const outFile = join(dir, 'tsunagu.zip');
    buildAppPackage({ outFile, botId: BOT_ID });
    const listed = listWithSystemTool(outFile);
    if (listed === undefined) this.skip(); // neither unzip nor python3 on this machine; readZip above still checks the format
    assert.deepEqual([...listed].sort(), ENTRIES);
  });

  it('when built twice from the same inputs, then the bytes are the same', () => {
    const a = join(dir, 'a.zip');
    const b = join(dir, 'b.zip');
    buildAppPackage({ outFile: a, botId: BOT_ID });
    buildAppPackage({ outFile: b, botId: BOT_ID });
    assert.ok(readFileSync(a).equals(readFileSync(b)));
  });

  it('when no bot id is given, then the placeholder stays', () => {
    const outFile = join(dir, 'tsunagu.zip');
    const result = buildAppPackage({ outFile });
    assert.equal(result.botId, BOT_ID_PLACEHOLDER);
    const manifestEntry = readZip(readFileSync(outFile)).find((e) => e.name === 'manifest.json');
    assert.equal(JSON.parse(manifestEntry?.data.toString('utf8') ?? '{}').bots[0].botId, BOT_ID_PLACEHOLDER);
  });

  it('when the bot id is not a GUID, then packaging fails with a message naming BOT_ID and writes nothing', () => {
    const outFile = join(dir, 'tsunagu.zip');
    assert.throws(() => buildAppPackage({ outFile, botId: 'my-bot' }), (err: Error) => /BOT_ID/.test(err.message) && /GUID/.test(err.message));
    assert.throws(() => readFileSync(outFile), { code: 'ENOENT' });
  });

  it('when BOT_ID or MicrosoftAppId is in the environment, then BOT_ID wins and blanks count as not given', () => {
    assert.equal(botIdFromEnv({ BOT_ID: BOT_ID, MicrosoftAppId: '11111111-1111-1111-1111-111111111111' }), BOT_ID);
    assert.equal(botIdFromEnv({ MicrosoftAppId: BOT_ID }), BOT_ID);
    assert.equal(botIdFromEnv({ BOT_ID: ' ', MicrosoftAppId: '' }), undefined);
    assert.equal(botIdFromEnv({}), undefined);
  });

  it('when the CLI runs with an invalid BOT_ID, then it exits non-zero and says BOT_ID', () => {
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/packageManifest.ts'], {
      encoding: 'utf8',
      env: { ...process.env, BOT_ID: 'not-a-guid', MicrosoftAppId: '' },
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /BOT_ID must be a GUID/);
  });
});
