import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServiceCatalogue, readServiceCatalogueFile } from '../../../../src/adapters/services/serviceCatalogueData';

const FILE = join(__dirname, '../../../../config/services.json');
type Raw = { services: Array<Record<string, unknown> & { eligibility: Record<string, unknown>; apply: Record<string, unknown> }> } & Record<string, unknown>;
const raw = (): Raw => JSON.parse(readFileSync(FILE, 'utf8')) as Raw;

describe('adapters/services/serviceCatalogueData (loader)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-services-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the checked-in file is read with the default path, then it validates and keeps the typed data', () => {
    const data = readServiceCatalogueFile();
    assert.equal(data.schemaVersion, 1);
    assert.ok(data.services.length >= 25);
    assert.deepEqual(data.services[0]?.sources[0]?.checkedOn, { year: 2026, month: 11, day: 25 });
    assert.equal(data.services.find((s) => s.id === 'itabashiIkeaDesk')?.suggestOnRoadmap, false);
    assert.equal(data.services.find((s) => s.id === 'shoman')?.suggestOnRoadmap, true, 'absent means true');
  });

  it('when a broken copy has an unknown apply level, then loading fails with a message naming the field', () => {
    const broken = raw();
    broken.services[2]!.apply.level = 'city';
    const path = join(dir, 'services.json');
    writeFileSync(path, JSON.stringify(broken));
    assert.throws(() => readServiceCatalogueFile(path), (err: Error) => {
      assert.match(err.message, /^SERVICES\.INVALID: /);
      assert.match(err.message, /services\[2\]\.apply\.level: /);
      return true;
    });
  });

  it('when a broken copy has a field with the wrong type, then zod names it with its path', () => {
    const broken = raw();
    broken.services[5]!.eligibility.conditions = 'income limit';
    const result = checkServiceCatalogue(broken);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.startsWith('services[5].eligibility.conditions')), JSON.stringify(result));
  });

  it('when a broken copy has an unknown care item code, then zod names the element', () => {
    const broken = raw();
    const i = broken.services.findIndex((s) => s.id === 'homeRespite');
    (broken.services[i]!.eligibility.needs as { careItems: string[] }).careItems[1] = 'TRACHEA';
    const result = checkServiceCatalogue(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), [`services[${i}].eligibility.needs.careItems[1]`]);
  });

  it('when the shape is right but a placeholder has no NOT FOUND note, then the domain rule names the note', () => {
    const broken = raw();
    const i = broken.services.findIndex((s) => s.status === 'placeholder');
    broken.services[i]!.note = 'to be confirmed';
    const result = checkServiceCatalogue(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), [`services[${i}].note`]);
  });

  it('when the shape is right but two ids repeat, then the domain rule names the later id', () => {
    const broken = raw();
    broken.services[4]!.id = broken.services[0]!.id;
    const result = checkServiceCatalogue(broken);
    assert.deepEqual(result.ok ? [] : result.errors.map((e) => e.split(':')[0]), ['services[4].id']);
  });

  it('when the file is missing, then the error says it cannot be read and what it should be', () => {
    assert.throws(() => readServiceCatalogueFile(join(dir, 'nope.json')), /SERVICES\.UNREADABLE: cannot read .*nope\.json.*service catalogue/);
  });

  it('when the file is not JSON, then the error says it cannot be read', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "schemaVersion": 1,');
    assert.throws(() => readServiceCatalogueFile(path), /SERVICES\.UNREADABLE/);
  });
});
