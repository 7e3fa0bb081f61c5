import assert from 'node:assert/strict';
import { ageRangeText, eligibilityLines, serviceLookupView, serviceSummary } from '../../../../src/app/roadmap/serviceLookup';
import { findService } from '../../../../src/domain/services/catalogue';
import { CatalogueMother } from '../../domain/services/servicesMother';

const catalogue = CatalogueMother.checkedIn();
const service = (id: string) => {
  const s = findService(catalogue, id);
  assert.ok(s, id);
  return s;
};

describe('app/roadmap/serviceLookup (制度 <keyword> view)', () => {
  const ranges: ReadonlyArray<[Parameters<typeof ageRangeText>[0], string, string]> = [
    [{ basis: 'birthday', fromYears: undefined, untilYears: 20 }, '20歳未満', 'under 20'],
    [{ basis: 'birthday', fromYears: 20, untilYears: undefined }, '20歳以上', 'aged 20 or over'],
    [{ basis: 'schoolClass', fromYears: 3, untilYears: 6 }, '3歳児クラス〜5歳児クラス', 'age-3 class – age-5 class'],
    [{ basis: 'schoolClass', fromYears: 6, untilYears: 18 }, '小学1年〜高校3年', 'grade 1 – grade 12'],
    [{ basis: 'schoolClass', fromYears: 11, untilYears: 12 }, '小学6年', 'grade 6'],
    [{ basis: 'schoolClass', fromYears: undefined, untilYears: 6 }, '小学校入学前', 'before elementary school'],
  ];
  for (const [range, ja, en] of ranges) {
    it(`when the range is ${JSON.stringify(range)}, then it reads 「${ja}」 / "${en}"`, () => {
      assert.equal(ageRangeText(range, 'ja'), ja);
      assert.equal(ageRangeText(range, 'en'), en);
    });
  }

  it('when the eligibility of 児童育成手当(障害手当) is described, then age, certificates, other routes and conditions are listed', () => {
    const lines = eligibilityLines(service('childRearingAllowanceDisability'), 'ja');
    assert.equal(lines[0], '20歳未満');
    assert.equal(lines[1], '手帳など：身体障害者手帳（1〜2級）、愛の手帳（1〜3度）');
    assert.ok(lines.some((l) => l.includes('脳性まひ')));
    assert.ok(lines.some((l) => l.includes('所得制限')));
  });

  it('when a summary is made, then it carries the desk with its phone, who runs it and the date checked', () => {
    const s = serviceSummary(service('specialChildRearingAllowance'), 'ja');
    assert.equal(s.where, '板橋区 子どもの手当医療係（赤塚支所でも受付）（電話 03-3579-2477）');
    assert.equal(s.runBy, '国');
    assert.equal(s.checkedOn, '2026-11-25');
    assert.equal(s.toConfirm, false);
  });

  it('when the Itabashi desk is only inferred, then the summary is 要確認', () => {
    assert.equal(serviceSummary(service('shoman'), 'ja').toConfirm, true);
  });

  it('when 制度 レスパイト is looked up, then the view lists the respite systems with how they matched', () => {
    const view = serviceLookupView(catalogue, 'レスパイト', 'ja');
    assert.deepEqual(view.hits.slice(0, 2).map((h) => h.id).sort(), ['homeRespite', 'shortStayMedical']);
    assert.ok(view.hits[0]?.matchedBy.includes('alias'));
  });
});
