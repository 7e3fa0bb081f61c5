import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStandardWork, readStandardWorkFile } from '../../../../src/adapters/services/standardWorkData';

const FILE = join(__dirname, '../../../../config/standardWork.json');
type Raw = { phases: Array<{ items: Array<Record<string, unknown>> } & Record<string, unknown>> } & Record<string, unknown>;
const raw = (): Raw => JSON.parse(readFileSync(FILE, 'utf8')) as Raw;

describe('adapters/services/standardWorkData (loader)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-work-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the checked-in file is read with the default path, then it validates and keeps the typed data', () => {
    const data = readStandardWorkFile();
    assert.equal(data.phases.length, 7);
    assert.equal(data.phases[0]?.items[0]?.phase, 'intake');
  });

  it('when a broken copy has an unknown phase id, then loading fails naming the field', () => {
    const broken = raw();
    broken.phases[6]!.id = 'ending';
    const path = join(dir, 'standardWork.json');
    writeFileSync(path, JSON.stringify(broken));
    assert.throws(() => readStandardWorkFile(path), (err: Error) => {
      assert.match(err.message, /^STANDARD_WORK\.INVALID: /);
      assert.match(err.message, /phases\[6\]\.id: /);
      return true;
    });
  });

  it('when an item misses its title, then zod names it', () => {
    const broken = raw();
    delete broken.phases[1]!.items[2]!.title;
    const result = checkStandardWork(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), ['phases[1].items[2].title']);
  });

  it('when the shape is right but an item id belongs to another phase, then the domain rule names it', () => {
    const broken = raw();
    broken.phases[2]!.items[0]!.id = 'closure.early';
    const result = checkStandardWork(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), ['phases[2].items[0].id']);
  });

  it('when the file is missing, then the error says it cannot be read', () => {
    assert.throws(() => readStandardWorkFile(join(dir, 'nope.json')), /STANDARD_WORK\.UNREADABLE/);
  });
});
