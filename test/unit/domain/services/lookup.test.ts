import assert from 'node:assert/strict';
import { careItemsNamedBy, lookupServices } from '../../../../src/domain/services/lookup';
import { CatalogueMother } from './servicesMother';

const catalogue = CatalogueMother.checkedIn();
const found = (query: string): string[] => lookupServices(catalogue, query, 50).hits.map((h) => h.service.id);

describe('domain/services/lookup (制度 <keyword>)', () => {
  it('when the query is 「吸引」, then the systems whose rules name suction are found through the care item', () => {
    const result = lookupServices(catalogue, '吸引', 50);
    const ids = result.hits.map((h) => h.service.id);
    for (const id of ['dailyLifeEquipment', 'homeRespite', 'tokyoHomeVisit']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    const equipment = result.hits.find((h) => h.service.id === 'dailyLifeEquipment');
    assert.deepEqual(equipment?.careItems, ['SUCTION']);
    assert.ok(equipment?.matchedBy.includes('careItem'));
    assert.ok(!ids.includes('ventilatorDisasterPlan'), 'a ventilator-only rule is not a suction rule');
  });

  it('when the query is written in half-width katakana (ｷｭｳｲﾝ), then it finds what 「きゅういん」 finds', () => {
    assert.deepEqual(found('ｷｭｳｲﾝ'), found('きゅういん'));
    assert.ok(found('ｷｭｳｲﾝ').includes('dailyLifeEquipment'));
  });

  it('when 「レスパイト」 is typed in katakana, half-width or hiragana, then the respite systems come first', () => {
    const katakana = found('レスパイト');
    assert.deepEqual(found('ﾚｽﾊﾟｲﾄ'), katakana);
    assert.deepEqual(found('れすぱいと'), katakana);
    assert.deepEqual(katakana.slice(0, 2).sort(), ['homeRespite', 'shortStayMedical']);
  });

  it('when the query is 「学校」, then 就学相談, school nurses, after-school services and school transport are found', () => {
    const ids = found('学校');
    for (const id of ['schoolEntryConsultation', 'schoolMedicalCare', 'afterSchoolDayService', 'specialSchoolTransport']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    assert.ok(!ids.includes('shoman'));
  });

  it('when the exact name is typed, then that system is first, matched by name', () => {
    const result = lookupServices(catalogue, '特別児童扶養手当');
    assert.equal(result.hits[0]?.service.id, 'specialChildRearingAllowance');
    assert.equal(result.hits[0]?.matchedBy[0], 'name');
  });

  it('when a short alias is typed (小慢, 放デイ), then the system is found by its alias', () => {
    assert.equal(lookupServices(catalogue, '小慢').hits[0]?.service.id, 'shoman');
    assert.equal(lookupServices(catalogue, '放デイ').hits[0]?.service.id, 'afterSchoolDayService');
    assert.equal(lookupServices(catalogue, 'ﾎｳﾃﾞｲ').hits.length, 0, 'no reading was recorded for 放デイ');
  });

  it('when a full-width Latin name is typed (ＭＥＩＳ), then it is found like MEIS', () => {
    assert.equal(lookupServices(catalogue, 'ＭＥＩＳ').hits[0]?.service.id, 'meis');
    assert.equal(lookupServices(catalogue, 'meis').hits[0]?.service.id, 'meis');
  });

  it('when a sentence contains a catalogue word (たん吸引器がほしい), then the word inside it matches', () => {
    assert.equal(lookupServices(catalogue, 'たん吸引器がほしい').hits[0]?.service.id, 'dailyLifeEquipment');
  });

  it('when two words are given, then a system must match both', () => {
    const both = found('手当 20歳');
    assert.ok(both.includes('specialDisabilityAllowance'));
    assert.ok(!both.includes('disabilityBasicPension'), 'the pension matches 20歳 but not 手当');
    assert.ok(!both.includes('specialChildRearingAllowance'), 'this allowance matches 手当 but not 20歳');
  });

  it('when the query is empty or only spaces, then nothing is returned', () => {
    assert.deepEqual(lookupServices(catalogue, '　 ').hits, []);
    assert.deepEqual(lookupServices(catalogue, '').terms, []);
  });

  it('when nothing matches, then the result is empty with a total of 0', () => {
    const r = lookupServices(catalogue, 'ピアノ');
    assert.equal(r.total, 0);
    assert.deepEqual(r.hits, []);
  });

  it('when the limit is smaller than the hits, then the total still counts all of them', () => {
    const r = lookupServices(catalogue, '手当', 2);
    assert.equal(r.hits.length, 2);
    assert.ok(r.total > 2);
  });

  describe('careItemsNamedBy', () => {
    const cases: ReadonlyArray<[string, readonly string[]]> = [
      ['吸引', ['SUCTION']],
      ['胃ろう', ['TUBE']],
      ['イロウ', ['TUBE']],
      ['人工呼吸器', ['VENT']],
      ['ｹｲｶﾝｴｲﾖｳ', ['TUBE']],
      ['インスリン', ['SC_INJ', 'SC_PUMP']],
      ['保育園', []],
    ];
    for (const [word, codes] of cases) {
      it(`when 「${word}」 is read, then it names ${codes.join(', ') || 'no care item'}`, () => assert.deepEqual(careItemsNamedBy(word), codes));
    }
  });
});
