import assert from 'node:assert/strict';
import { formatIsoDate } from '../../../../src/domain/dates';
import { childProfileOf, classAgeOn, matchServices, type EligibilityResult, type ServiceMatch } from '../../../../src/domain/services/eligibility';
import { CaseFileMother } from '../../support/caseFileMother';
import { CatalogueMother, ProfileMother, TODAY } from './servicesMother';

const catalogue = CatalogueMother.checkedIn();
const match = (result: EligibilityResult, id: string): ServiceMatch => {
  const m = result.matches.find((x) => x.service.id === id);
  assert.ok(m, `expected ${id} among ${result.matches.map((x) => x.service.id).join(', ')}`);
  return m;
};
const rulesOf = (result: EligibilityResult, id: string): string[] => match(result, id).rules.map((r) => r.rule);
const exclusion = (result: EligibilityResult, id: string) => result.excluded.find((e) => e.serviceId === id);
const ids = (result: EligibilityResult): string[] => result.matches.map((m) => m.service.id);

describe('domain/services/eligibility', () => {
  describe('classAgeOn (the nursery/school class, April 2 – April 1 cohorts)', () => {
    it('when a child born on 1 April and one born on 2 April are compared, then the first is a class ahead', () => {
      assert.equal(classAgeOn({ year: 2022, month: 4, day: 1 }, { year: 2026, month: 4, day: 1 }), 4);
      assert.equal(classAgeOn({ year: 2022, month: 4, day: 2 }, { year: 2026, month: 4, day: 1 }), 3);
    });
    it('when the school year has not changed, then the class stays the same across the birthday', () => {
      const birth = { year: 2022, month: 6, day: 12 };
      assert.equal(classAgeOn(birth, { year: 2026, month: 6, day: 11 }), 3);
      assert.equal(classAgeOn(birth, { year: 2026, month: 6, day: 12 }), 3);
      assert.equal(classAgeOn(birth, { year: 2027, month: 4, day: 1 }), 4);
    });
  });

  describe('a child with 吸引 and 経管栄養: age 4 against age 19', () => {
    const four = matchServices(catalogue, ProfileMother.suctionAndTube(4), TODAY, []);
    const nineteen = matchServices(catalogue, ProfileMother.suctionAndTube(19), TODAY, []);

    it('when the child is 4, then the ward nursery place is likely, by the 3歳児クラス rule and the care items', () => {
      const m = match(four, 'nurseryMedicalCarePlace');
      assert.equal(m.verdict, 'likely');
      assert.deepEqual(m.rules.map((r) => r.rule), ['nurseryMedicalCarePlace.eligibility.ages[0]', 'nurseryMedicalCarePlace.eligibility.needs.anyCareItem']);
      assert.equal(formatIsoDate(m.eligibleUntil!), '2029-04-01'); // school entry (born 2022-06-12) ends it
    });
    it('when the child is 19, then the nursery place, 児童発達支援 and 放課後等デイ are excluded by their age rules', () => {
      assert.deepEqual(exclusion(nineteen, 'nurseryMedicalCarePlace'), { serviceId: 'nurseryMedicalCarePlace', reason: 'age', rule: 'nurseryMedicalCarePlace.eligibility.ages' });
      assert.equal(exclusion(nineteen, 'childDevelopmentSupport')?.reason, 'age');
      assert.equal(exclusion(nineteen, 'afterSchoolDayService')?.reason, 'age');
      assert.equal(exclusion(nineteen, 'consultationSupport')?.reason, 'age');
    });
    it('when the child is 4, then Tokyo’s home-visit programme is likely by age and by 吸引・経管栄養 on its 12-item list', () => {
      const m = match(four, 'tokyoHomeVisit');
      assert.equal(m.verdict, 'likely');
      assert.deepEqual(m.rules.map((r) => [r.rule, r.detail]), [
        ['tokyoHomeVisit.eligibility.ages[0]', 'birthday 0–18'],
        ['tokyoHomeVisit.eligibility.needs.careItems', 'SUCTION,TUBE'],
      ]);
    });
    it('when the child is 19, then the home-visit programme is only possible through its exception (重症心身障害児(者)): 要確認', () => {
      const m = match(nineteen, 'tokyoHomeVisit');
      assert.equal(m.verdict, 'toConfirm');
      assert.ok(m.rules.some((r) => r.rule === 'tokyoHomeVisit.eligibility.ageException' && r.holds === 'unknown'));
      assert.match(m.toConfirm[0]?.ja ?? '', /年齢制限がありません/);
    });
    it('when the child is 19, then allowances for under-20s still match but the adult pension does not yet', () => {
      assert.ok(ids(nineteen).includes('specialChildRearingAllowance'));
      assert.equal(exclusion(nineteen, 'disabilityBasicPension')?.reason, 'age');
    });
    it('when the window reaches two years ahead, then the pension matches from the 20th birthday', () => {
      const ahead = matchServices(catalogue, ProfileMother.suctionAndTube(19), TODAY, [], { until: { year: 2028, month: 11, day: 25 } });
      const m = match(ahead, 'disabilityBasicPension');
      assert.equal(formatIsoDate(m.eligibleFrom), '2027-06-12');
      assert.ok(m.rules.some((r) => r.rule === 'disabilityBasicPension.eligibility.ages[0]'));
    });
    it('when no certificate is recorded, then 日常生活用具 says 要確認 and names its certificate rule', () => {
      const m = match(four, 'dailyLifeEquipment');
      assert.equal(m.verdict, 'toConfirm');
      assert.deepEqual(
        m.rules.map((r) => [r.rule, r.holds]),
        [
          ['dailyLifeEquipment.eligibility.needs.careItems', 'yes'],
          ['dailyLifeEquipment.eligibility.certificates', 'unknown'],
          ['dailyLifeEquipment.status', 'unknown'],
        ],
      );
      assert.ok(m.toConfirm.some((t) => t.ja.includes('手帳・受給者証の有無が記録されていません（要確認）')));
    });
    it('when the ventilator plan asks for a ventilator, then neither child matches it', () => {
      assert.equal(exclusion(four, 'ventilatorDisasterPlan')?.reason, 'needs');
      assert.equal(exclusion(nineteen, 'ventilatorDisasterPlan')?.rule, 'ventilatorDisasterPlan.eligibility.needs');
    });
  });

  describe('certificates, enrolment and systems in use', () => {
    it('when a 手帳 1級 is recorded, then 児童育成手当(障害手当) is likely by its certificate rule and the certificate itself counts as in use', () => {
      const r = matchServices(catalogue, ProfileMother.child(10, ['VENT'], { certificates: [{ kind: 'physicalDisability', grade: 1 }] }), TODAY, []);
      const m = match(r, 'childRearingAllowanceDisability');
      assert.equal(m.verdict, 'likely');
      assert.deepEqual(m.rules.map((x) => x.rule), ['childRearingAllowanceDisability.eligibility.ages[0]', 'childRearingAllowanceDisability.eligibility.certificates.anyOf[0]']);
      assert.ok(m.toConfirm.some((t) => t.ja.includes('所得制限')), 'text conditions are still listed to check');
      assert.deepEqual(exclusion(r, 'physicalDisabilityCertificate'), { serviceId: 'physicalDisabilityCertificate', reason: 'certificateHeld', rule: 'physicalDisabilityCertificate.grantsCertificate' });
    });
    it('when the recorded grade is too light (4級), then a rule with other routes says 要確認 instead of excluding', () => {
      const r = matchServices(catalogue, ProfileMother.child(10, ['VENT'], { certificates: [{ kind: 'physicalDisability', grade: 4 }] }), TODAY, []);
      const m = match(r, 'childRearingAllowanceDisability');
      assert.equal(m.verdict, 'toConfirm');
      assert.ok(m.rules.some((x) => x.rule === 'childRearingAllowanceDisability.eligibility.certificates.otherRoutes'));
    });
    it('when the grade is not recorded, then the certificate rule is unknown and says so', () => {
      const r = matchServices(catalogue, ProfileMother.child(10, ['VENT'], { certificates: [{ kind: 'physicalDisability', grade: undefined }] }), TODAY, []);
      const m = match(r, 'childRearingAllowanceDisability');
      assert.deepEqual(m.rules.find((x) => x.rule.includes('certificates'))?.holds, 'unknown');
      assert.ok(m.toConfirm.some((t) => t.ja.includes('等級が記録されていません')));
    });
    it('when certificates are recorded as none, then a system that needs one without other routes is excluded (小慢の日常生活用具)', () => {
      const r = matchServices(catalogue, ProfileMother.child(6, ['TUBE'], { certificates: [] }), TODAY, []);
      assert.deepEqual(exclusion(r, 'shomanEquipment'), { serviceId: 'shomanEquipment', reason: 'certificate', rule: 'shomanEquipment.eligibility.certificates' });
    });
    it('when the child attends a nursery, then 保育所等訪問支援 holds by its enrolment rule; at home it is excluded', () => {
      const atNursery = matchServices(catalogue, ProfileMother.child(4, ['TUBE'], { enrolment: 'nursery' }), TODAY, []);
      assert.ok(rulesOf(atNursery, 'nurseryVisitSupport').includes('nurseryVisitSupport.eligibility.enrolments'));
      const atHome = matchServices(catalogue, ProfileMother.child(4, ['TUBE'], { enrolment: 'home' }), TODAY, []);
      assert.equal(exclusion(atHome, 'nurseryVisitSupport')?.reason, 'enrolment');
    });
    it('when the enrolment is not recorded, then the enrolment rule is 要確認', () => {
      const r = matchServices(catalogue, ProfileMother.child(4, ['TUBE']), TODAY, []);
      assert.deepEqual(match(r, 'nurseryVisitSupport').rules.find((x) => x.rule.endsWith('enrolments'))?.holds, 'unknown');
    });
    it('when a system is listed as in use, then it is excluded as inUse, not evaluated', () => {
      const r = matchServices(catalogue, ProfileMother.suctionAndTube(4), TODAY, [{ serviceId: 'shoman' }, { serviceId: 'tokyoHomeVisit' }]);
      assert.deepEqual(r.excluded.filter((e) => e.reason === 'inUse').map((e) => e.serviceId), ['shoman', 'tokyoHomeVisit']);
      assert.ok(!ids(r).includes('tokyoHomeVisit'));
    });
    it('when an entry is a placeholder, then its match is never "likely"', () => {
      const r = matchServices(catalogue, ProfileMother.child(7, ['GLUCOSE', 'SC_INJ'], { enrolment: 'elementary' }), TODAY, []);
      for (const m of r.matches.filter((x) => x.service.status === 'placeholder')) assert.equal(m.verdict, 'toConfirm', m.service.id);
      assert.ok(rulesOf(r, 'schoolMedicalCare').includes('schoolMedicalCare.status'));
    });
    it('when a system is decided by an assessment alone (愛の手帳), then the match carries no evidence from the record', () => {
      const r = matchServices(catalogue, ProfileMother.suctionAndTube(4), TODAY, []);
      assert.equal(match(r, 'aiNoTecho').evidence, false);
      assert.equal(match(r, 'tokyoHomeVisit').evidence, true);
    });
  });

  describe('ten children of different ages and care items: each match names the catalogue rule behind it', () => {
    /** [who, years, care items, options, service, the rules the match must name] */
    const CASES: ReadonlyArray<[string, number, Parameters<typeof ProfileMother.child>[1], Parameters<typeof ProfileMother.child>[2], string, readonly string[]]> = [
      ['a newborn on a ventilator', 0, ['VENT', 'TRACH'], { devices: ['ventilator'] }, 'ventilatorDisasterPlan', ['ventilatorDisasterPlan.eligibility.needs.careItems', 'ventilatorDisasterPlan.eligibility.needs.devices']],
      ['a newborn on a ventilator, for the nursery place', 0, ['VENT', 'TRACH'], {}, 'nurseryMedicalCarePlace', ['nurseryMedicalCarePlace.eligibility.ageException', 'nurseryMedicalCarePlace.eligibility.needs.anyCareItem']],
      ['a 2-year-old (ventilator, tracheostomy, suction)', 2, ['VENT', 'TRACH', 'SUCTION'], {}, 'homeRespite', ['homeRespite.eligibility.needs.careItems', 'homeRespite.status']],
      ['a 3-year-old with oxygen', 3, ['O2'], { devices: ['oxygenConcentrator'] }, 'dailyLifeEquipment', ['dailyLifeEquipment.eligibility.needs.careItems', 'dailyLifeEquipment.eligibility.needs.devices', 'dailyLifeEquipment.eligibility.certificates', 'dailyLifeEquipment.status']],
      ['a 4-year-old with tube feeding', 4, ['TUBE'], {}, 'childDevelopmentSupport', ['childDevelopmentSupport.eligibility.ages[0]', 'childDevelopmentSupport.eligibility.needs.anyCareItem']],
      ['a 5-year-old in the last nursery year', 5, ['SUCTION', 'TUBE'], { birthDate: { year: 2020, month: 6, day: 12 } }, 'schoolEntryConsultation', ['schoolEntryConsultation.eligibility.ages[0]', 'schoolEntryConsultation.eligibility.needs.anyCareItem', 'schoolEntryConsultation.status']],
      ['a 7-year-old with insulin', 7, ['GLUCOSE', 'SC_INJ'], { enrolment: 'elementary' }, 'afterSchoolDayService', ['afterSchoolDayService.eligibility.ages[0]', 'afterSchoolDayService.eligibility.needs.anyCareItem']],
      ['a 12-year-old in 6th grade with catheterisation', 12, ['CATH_INT'], { birthDate: { year: 2014, month: 6, day: 12 } }, 'schoolEntryConsultation', ['schoolEntryConsultation.eligibility.ages[1]', 'schoolEntryConsultation.eligibility.needs.anyCareItem', 'schoolEntryConsultation.status']],
      ['a 14-year-old on dialysis', 14, ['DIALYSIS'], {}, 'tokyoHomeVisit', ['tokyoHomeVisit.eligibility.ages[0]', 'tokyoHomeVisit.eligibility.needs.careItems']],
      ['a 16-year-old with a stoma and 手帳2級', 16, ['STOMA'], { certificates: [{ kind: 'physicalDisability', grade: 2 }] }, 'childRearingAllowanceDisability', ['childRearingAllowanceDisability.eligibility.ages[0]', 'childRearingAllowanceDisability.eligibility.certificates.anyOf[0]']],
      ['a 19-year-old with suction', 19, ['SUCTION'], {}, 'disabledChildWelfareAllowance', ['disabledChildWelfareAllowance.eligibility.ages[0]', 'disabledChildWelfareAllowance.eligibility.assessment', 'disabledChildWelfareAllowance.status']],
      ['a 21-year-old on a ventilator', 21, ['VENT'], {}, 'specialDisabilityAllowance', ['specialDisabilityAllowance.eligibility.ages[0]', 'specialDisabilityAllowance.eligibility.assessment']],
    ];
    for (const [who, years, care, over, service, rules] of CASES) {
      it(`when ${who} is matched, then ${service} is listed by ${rules.join(' + ')}`, () => {
        const r = matchServices(catalogue, ProfileMother.child(years, care, over), TODAY, []);
        assert.deepEqual(rulesOf(r, service), rules);
      });
    }
  });

  describe('childProfileOf (from the case record)', () => {
    it('when built from a case file, then it keeps the care item codes and leaves certificates unknown', () => {
      const profile = childProfileOf(CaseFileMother.preschoolChild().record);
      assert.deepEqual(profile.careItems, ['SUCTION', 'TUBE']);
      assert.equal(profile.certificates, undefined);
      assert.equal(profile.enrolment, undefined);
    });
  });

  it('when matches are returned, then they are in order of the date they apply from', () => {
    const r = matchServices(catalogue, ProfileMother.suctionAndTube(19), TODAY, [], { until: { year: 2028, month: 11, day: 25 } });
    const dates = r.matches.map((m) => formatIsoDate(m.eligibleFrom));
    assert.deepEqual(dates, [...dates].sort());
  });
});
