import assert from 'node:assert/strict';
import { familyRoadmap } from '../../../../src/app/roadmap/familyRoadmap';
import { buildRoadmap, type RoadmapItem, type RoadmapView } from '../../../../src/app/roadmap/roadmap';
import { formatIsoDate } from '../../../../src/domain/dates';
import { CatalogueMother } from '../../domain/services/servicesMother';
import { CHILD_NAME, GUARDIAN_NAME, inputOf, recordOf, roadmapData, STAFF_NAME, TODAY } from './roadmapMother';

const data = roadmapData();
const rawCatalogue = CatalogueMother.rawFile();
const iso = (i: RoadmapItem): string => (i.date ? formatIsoDate(i.date) : '');
const byId = (view: RoadmapView, id: string): RoadmapItem => {
  const item = [...view.items, ...view.undated].find((i) => i.id === id);
  assert.ok(item, `expected ${id} in ${[...view.items, ...view.undated].map((i) => i.id).join(', ')}`);
  return item;
};
const ids = (view: RoadmapView): string[] => [...view.items, ...view.undated].map((i) => i.id);

/**
 * Does a rule path name something that exists in the data? "shoman.eligibility.ages[0]" must be an
 * element of the raw catalogue entry; "transitions.<milestone id>" a milestone of config/transitions.json;
 * "inUse.<id>.renewalDue" the date the caller gave.
 */
function ruleExists(rule: string): boolean {
  if (rule.startsWith('transitions.')) return data.transitions.milestones.some((m) => `transitions.${m.id}` === rule);
  if (rule.startsWith('inUse.')) return true;
  const [serviceId, ...rest] = rule.split('.');
  let node: unknown = rawCatalogue.services.find((s) => s.id === serviceId);
  for (const part of rest.join('.').split('.')) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
    if (!m || !node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[m[1]!];
    if (m[2] !== undefined) node = Array.isArray(node) ? node[Number(m[2])] : undefined;
  }
  return node !== undefined && node !== false;
}

describe('app/roadmap/buildRoadmap (見通し)', () => {
  /** Born 2020-06-12 at a nursery with 吸引 and 経管栄養: elementary school from April 2027. */
  const nurseryChild = recordOf({ year: 2020, month: 6, day: 12 }, ['SUCTION', 'TUBE'], { enrolment: 'nursery' });
  const view = buildRoadmap(
    inputOf(nurseryChild, {
      servicesInUse: [{ serviceId: 'specialChildRearingAllowance' }, { serviceId: 'shoman', renewalDue: { year: 2027, month: 5, day: 31 } }, { serviceId: 'childDevelopmentSupport' }, { serviceId: 'noSuchService' }],
    }),
    data,
  );

  it('when the roadmap is built, then it covers today to 24 months ahead, in date order', () => {
    assert.equal(formatIsoDate(view.until), '2028-11-25');
    const dates = view.items.map(iso);
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(view.items.every((i) => iso(i) <= '2028-11-25'));
  });

  it('when a milestone is already overdue, then it comes first and is flagged', () => {
    const first = view.items[0]!;
    assert.equal(first.kind, 'milestone');
    assert.equal(first.overdue, true);
    assert.ok(iso(first) < formatIsoDate(TODAY));
  });

  it('when the child enters school in April 2027, then the 就学 milestones come from the transition data with the ward calendar', () => {
    const notice = byId(view, 'elementary.entryNotice');
    assert.equal(iso(notice), '2027-01-29'); // 31 January 2027 is a Sunday
    assert.equal(notice.where.organisation, 'school');
    assert.deepEqual(notice.rules, ['transitions.elementary.entryNotice']);
  });

  it('when the child becomes school age, then 放課後等デイサービス is suggested from 1 April 2027 with the desk to go to', () => {
    const item = byId(view, 'afterSchoolDayService:start');
    assert.equal(iso(item), '2027-04-01');
    assert.equal(item.dateKind, 'from');
    assert.equal(item.where.organisation, 'casework');
    assert.deepEqual(item.rules, ['afterSchoolDayService.eligibility.ages[0]', 'afterSchoolDayService.eligibility.needs.anyCareItem']);
  });

  it('when a system is in use, then it is not suggested again; its renewal and yearly report are listed instead', () => {
    assert.ok(!ids(view).includes('shoman:start'));
    assert.ok(!ids(view).includes('specialChildRearingAllowance:start'));
    assert.equal(iso(byId(view, 'shoman:renewal')), '2027-05-31');
    assert.deepEqual(
      view.items.filter((i) => i.kind === 'annualEvent').map((i) => [i.id, iso(i), i.dateKind]),
      [
        ['specialChildRearingAllowance.incomeReport:2027', '2027-08-01', 'month'],
        ['specialChildRearingAllowance.incomeReport:2028', '2028-08-01', 'month'],
      ],
    );
  });

  it('when a system in use has a renewal cycle but no recorded date, then it is listed apart as "date to check"', () => {
    const item = byId(view, 'childDevelopmentSupport:renewal');
    assert.equal(item.date, undefined);
    assert.equal(item.toConfirm, true);
    assert.ok(view.undated.includes(item));
  });

  it('when a system in use ends by age inside the window, then its end is listed (児童発達支援 at school entry)', () => {
    const ends = byId(view, 'childDevelopmentSupport:ends');
    assert.equal(iso(ends), '2027-04-01');
    assert.deepEqual(ends.rules, ['childDevelopmentSupport.eligibility.ages']);
  });

  it('when a system in use is past its age limit (an allowance at 21), then no yearly report is listed for it', () => {
    const adult = buildRoadmap(inputOf(recordOf({ year: 2005, month: 6, day: 12 }, ['VENT']), { servicesInUse: [{ serviceId: 'specialChildRearingAllowance' }] }), data);
    assert.deepEqual(adult.items.filter((i) => i.serviceId === 'specialChildRearingAllowance'), []);
  });

  it('when a service id in use is unknown to the catalogue, then it is reported, not guessed', () => {
    assert.deepEqual(view.unknownServicesInUse, ['noSuchService']);
  });

  it('when certificates are not recorded, then the roadmap says so and certificate rules are 要確認', () => {
    assert.equal(view.certificatesUnknown, true);
    const item = byId(view, 'dailyLifeEquipment:start');
    assert.equal(item.toConfirm, true);
    assert.ok(item.rules.includes('dailyLifeEquipment.eligibility.certificates'));
  });

  it('when a system is decided by an assessment alone or is the ward desk itself, then it is not suggested', () => {
    assert.ok(!ids(view).includes('aiNoTecho:start'));
    assert.ok(!ids(view).includes('physicalDisabilityCertificate:start'));
    assert.ok(!ids(view).includes('itabashiIkeaDesk:start'));
  });

  it('when several systems start on the same day, then the likely ones come before the 要確認 ones', () => {
    const today = view.items.filter((i) => i.kind === 'serviceStart' && i.dateKind === 'now').map((i) => i.toConfirm);
    assert.ok(today.length > 3);
    assert.deepEqual(today, [...today].sort((a, b) => Number(a) - Number(b)));
  });

  it('when a milestone is marked done or postponed, then it leaves the list or moves to its new date', () => {
    const states = [
      { id: 'elementary.gakureibo', status: 'done' as const, by: 'x', at: '2026-11-01T00:00:00Z' },
      { id: 'elementary.healthCheck', status: 'postponed' as const, until: { year: 2027, month: 1, day: 15 }, by: 'x', at: '2026-11-01T00:00:00Z' },
    ];
    const v = buildRoadmap(inputOf(nurseryChild, { milestoneStates: states }), data);
    assert.ok(!ids(v).includes('elementary.gakureibo'));
    assert.equal(iso(byId(v, 'elementary.healthCheck')), '2027-01-15');
  });

  it('when the horizon is 12 months, then nothing after it is listed', () => {
    const v = buildRoadmap(inputOf(nurseryChild, { horizonMonths: 12 }), data);
    assert.equal(formatIsoDate(v.until), '2027-11-25');
    assert.ok(v.items.every((i) => iso(i) <= '2027-11-25'));
  });

  describe('ten children of different ages and care items: every item is justified by a rule in the data', () => {
    /** [who, birth date, care items, options, an item the roadmap must hold, the rule it must name] */
    const CHILDREN: ReadonlyArray<[string, { year: number; month: number; day: number }, Parameters<typeof recordOf>[1], Parameters<typeof recordOf>[2], string, string]> = [
      ['a newborn on a ventilator', { year: 2026, month: 9, day: 3 }, ['VENT', 'TRACH', 'SUCTION'], { devices: ['ventilator', 'suction'] }, 'ventilatorDisasterPlan:start', 'ventilatorDisasterPlan.eligibility.needs.devices'],
      ['a 1-year-old with tube feeding', { year: 2025, month: 2, day: 1 }, ['TUBE', 'TUBE_PUMP'], {}, 'homeBasedChildcare:start', 'homeBasedChildcare.eligibility.ages[0]'],
      ['a 2-year-old (demo さくら)', { year: 2024, month: 9, day: 3 }, ['VENT', 'TRACH', 'SUCTION'], {}, 'nurseryMedicalCarePlace:start', 'nurseryMedicalCarePlace.eligibility.ages[0]'],
      ['a 4-year-old with 吸引 and 経管栄養', { year: 2022, month: 6, day: 12 }, ['SUCTION', 'TUBE'], {}, 'schoolEntryConsultation:start', 'schoolEntryConsultation.eligibility.ages[0]'],
      ['a 5-year-old at nursery (demo 陽太)', { year: 2021, month: 6, day: 12 }, ['SUCTION', 'TUBE'], { enrolment: 'nursery' }, 'nurseryVisitSupport:start', 'nurseryVisitSupport.eligibility.enrolments'],
      ['a 9-year-old with insulin (demo 蓮)', { year: 2017, month: 1, day: 20 }, ['GLUCOSE', 'SC_INJ'], { enrolment: 'elementary' }, 'aikidsMedicalCare:start', 'aikidsMedicalCare.eligibility.ages[0]'],
      ['an 11-year-old with catheterisation', { year: 2015, month: 7, day: 1 }, ['CATH_INT'], { enrolment: 'elementary' }, 'juniorHigh.entryNotice', 'transitions.juniorHigh.entryNotice'],
      ['a 15-year-old with a stoma', { year: 2011, month: 10, day: 5 }, ['STOMA'], { enrolment: 'juniorHigh' }, 'highSchool.pathwayConsultation', 'transitions.highSchool.pathwayConsultation'],
      ['a 17-year-old on oxygen', { year: 2009, month: 8, day: 30 }, ['O2'], { enrolment: 'highSchool', devices: ['oxygenConcentrator'] }, 'age18.consentFromYoungPerson', 'transitions.age18.consentFromYoungPerson'],
      ['a 19-year-old with suction', { year: 2007, month: 6, day: 12 }, ['SUCTION'], { enrolment: 'adultServices' }, 'disabilityBasicPension:start', 'disabilityBasicPension.eligibility.ages[0]'],
    ];
    for (const [who, birth, care, over, itemId, rule] of CHILDREN) {
      it(`when the roadmap of ${who} is built, then ${itemId} is on it because of ${rule}, and every item names a rule that exists`, () => {
        const v = buildRoadmap(inputOf(recordOf(birth, care, over)), data);
        assert.ok(byId(v, itemId).rules.includes(rule), `${itemId}: ${byId(v, itemId).rules.join(', ')}`);
        for (const item of [...v.items, ...v.undated]) {
          assert.ok(item.rules.length > 0, `${item.id} has no rule`);
          for (const r of item.rules) assert.ok(ruleExists(r), `${item.id}: rule ${r} does not exist in the data`);
        }
        const dates = v.items.map(iso);
        assert.deepEqual(dates, [...dates].sort(), `${who}: not in date order`);
      });
    }
  });
});

describe('app/roadmap/familyRoadmap (ご家族用)', () => {
  const record = recordOf({ year: 2020, month: 6, day: 12 }, ['SUCTION', 'TUBE'], { enrolment: 'nursery' });
  const view = buildRoadmap(inputOf(record, { servicesInUse: [{ serviceId: 'shoman' }] }), data);
  const family = familyRoadmap(view);
  const json = JSON.stringify(family);

  it('when the family version is made, then it names no staff member, no guardian and not the child', () => {
    for (const name of [STAFF_NAME, '鈴木', GUARDIAN_NAME, CHILD_NAME, 'かくう']) assert.ok(!json.includes(name), `found ${name}`);
  });

  it('when the family version is made, then no internal note, gap, rule path, source URL or case code is in it', () => {
    for (const internal of ['NOT FOUND', 'NOT VERIFIED', 'REFERENCE', 'eligibility.', 'transitions.', 'http', record.code, '内部メモ', '診断名']) {
      assert.ok(!json.includes(internal), `found ${internal}`);
    }
    const notes = [...view.items, ...view.undated].map((i) => i.note).filter((n): n is string => !!n);
    assert.ok(notes.length > 0, 'the staff view does carry notes');
    for (const note of notes) assert.ok(!json.includes(note.slice(0, 30)), `note leaked: ${note.slice(0, 30)}`);
  });

  it('when a milestone is overdue, then the family version leaves it out (the staff card keeps it)', () => {
    assert.ok(view.items.some((i) => i.overdue));
    assert.equal(family.items.length, view.items.filter((i) => !i.overdue).length);
  });

  it('when dates are shown, then they are plain Japanese dates', () => {
    assert.equal(family.period, '2026年11月25日 から 2028年11月25日 まで');
    assert.ok(family.items.some((i) => i.when === '2027年1月29日まで'));
    assert.ok(family.items.some((i) => i.when === '今から'));
    assert.ok(family.items.some((i) => i.when === '2027年4月1日から'));
  });

  it('when a system is suggested, then the family sees what it gives, where to go and what to check', () => {
    const item = family.items.find((i) => i.what.includes('「放課後等デイサービス」'));
    assert.ok(item);
    assert.match(item.about ?? '', /放課後/);
    assert.equal(item.where, '区の障がい児支援の窓口（通所受給者証の支給決定）');
    assert.ok(item.check.includes('窓口は区に確認してください。'));
  });

  it('when asked in English, then the same items come in English', () => {
    const en = familyRoadmap(view, 'en');
    assert.equal(en.items.length, family.items.length);
    assert.match(en.title, /Looking ahead/);
  });

  describe('the demo children (架空) of the embedded seed', () => {
    const DEMO: ReadonlyArray<[string, Parameters<typeof recordOf>[1], { year: number; month: number; day: number }]> = [
      ['陽太', ['SUCTION', 'TUBE'], { year: 2021, month: 6, day: 12 }],
      ['さくら', ['VENT', 'TRACH', 'SUCTION'], { year: 2024, month: 9, day: 3 }],
      ['蓮', ['GLUCOSE', 'SC_INJ'], { year: 2017, month: 1, day: 20 }],
    ];
    for (const [name, care, birth] of DEMO) {
      it(`when the family roadmap of ${name} is made, then it has items and no internal notes or names`, () => {
        const v = buildRoadmap(inputOf(recordOf(birth, care)), data);
        const f = JSON.stringify(familyRoadmap(v));
        assert.ok(familyRoadmap(v).items.length > 3);
        for (const internal of ['NOT FOUND', 'http', 'eligibility.', STAFF_NAME, GUARDIAN_NAME, CHILD_NAME]) assert.ok(!f.includes(internal), `${name}: found ${internal}`);
      });
    }
  });
});
