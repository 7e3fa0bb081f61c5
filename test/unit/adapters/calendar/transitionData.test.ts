import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTransitionData, readTransitionDataFile } from '../../../../src/adapters/calendar/transitionData';

const FILE = join(__dirname, '../../../../config/transitions.json');
const raw = (): { milestones: Array<Record<string, unknown>> } & Record<string, unknown> => JSON.parse(readFileSync(FILE, 'utf8'));

describe('adapters/calendar/transitionData (loader)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-transitions-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the checked-in file is read with the default path, then it validates and keeps the typed data', () => {
    const data = readTransitionDataFile();
    assert.equal(data.schemaVersion, 1);
    assert.ok(data.milestones.length >= 30);
    assert.deepEqual(data.milestones[0]?.sources[0]?.checkedOn, { year: 2026, month: 11, day: 25 });
  });

  it('when a broken copy has an unknown organisation, then loading fails with a message naming the field', () => {
    const broken = raw();
    broken.milestones[2]!.organisation = 'ward';
    const path = join(dir, 'transitions.json');
    writeFileSync(path, JSON.stringify(broken));
    assert.throws(() => readTransitionDataFile(path), (err: Error) => {
      assert.match(err.message, /^TRANSITIONS\.INVALID: /);
      assert.match(err.message, /milestones\[2\]\.organisation: /);
      return true;
    });
  });

  it('when a broken copy has a field with the wrong type, then zod names it with its path', () => {
    const broken = raw();
    (broken.milestones[0]!.due as Record<string, unknown>).month = 'June';
    const result = checkTransitionData(broken);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.startsWith('milestones[0].due')), JSON.stringify(result));
  });

  it('when the shape is right but a placeholder has no NOT FOUND note, then the domain rule names the note', () => {
    const broken = raw();
    const i = broken.milestones.findIndex((m) => m.status === 'placeholder');
    broken.milestones[i]!.note = 'to be confirmed';
    const result = checkTransitionData(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), [`milestones[${i}].note`]);
  });

  it('when the file is missing, then the error says it cannot be read and what it should be', () => {
    assert.throws(() => readTransitionDataFile(join(dir, 'nope.json')), /TRANSITIONS\.UNREADABLE: cannot read .*nope\.json/);
  });

  it('when the file is not JSON, then the error says it cannot be read', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "schemaVersion": 1,');
    assert.throws(() => readTransitionDataFile(path), /TRANSITIONS\.UNREADABLE/);
  });
});
