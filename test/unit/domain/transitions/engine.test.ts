import assert from 'node:assert/strict';
import { addDays } from '../../../../src/domain/businessCalendar';
import { ageOn, formatIsoDate, type CalendarDate } from '../../../../src/domain/dates';
import { birthdayAt, plannedTransitions, type PlannedTransition } from '../../../../src/domain/transitions/engine';
import { ChildMother, d, TransitionDataMother, wardCalendar } from './transitionMother';

const data = TransitionDataMother.checkedIn();
const calendar = wardCalendar();
const iso = (x: CalendarDate): string => formatIsoDate(x);
const kinds = (ts: readonly PlannedTransition[]): string[] => ts.map((t) => t.kind);
const find = (ts: readonly PlannedTransition[], kind: string): PlannedTransition => {
  const t = ts.find((x) => x.kind === kind);
  assert.ok(t, `expected a ${kind} transition in ${kinds(ts).join(', ')}`);
  return t;
};
const dueOf = (t: PlannedTransition, id: string): string => {
  const m = t.milestones.find((x) => x.id === id);
  assert.ok(m, `expected milestone ${id} in ${t.kind}`);
  return iso(m.dueDate);
};

describe('domain/transitions/engine', () => {
  describe('the April 2 – April 1 cohort rule', () => {
    const today = d(2025, 5, 1);
    const bornApril1 = plannedTransitions(ChildMother.inNursery(d(2020, 4, 1)), today, data, calendar);
    const bornApril2 = plannedTransitions(ChildMother.inNursery(d(2020, 4, 2)), today, data, calendar);

    it('when a child is born on 2020-04-01, then school entry is 2026-04-01', () => {
      assert.equal(iso(find(bornApril1, 'elementaryEntry').entryDate), '2026-04-01');
    });
    it('when a child is born on 2020-04-02, then school entry is a year later, 2027-04-01', () => {
      assert.equal(iso(find(bornApril2, 'elementaryEntry').entryDate), '2027-04-01');
    });
    it('when the two children are compared, then their 就学相談 milestones fall in different years', () => {
      const early = find(bornApril1, 'elementaryEntry');
      const late = find(bornApril2, 'elementaryEntry');
      assert.equal(dueOf(early, 'elementary.shugakuSodanStart'), '2025-06-30');
      assert.equal(dueOf(late, 'elementary.shugakuSodanStart'), '2026-06-30');
      assert.equal(dueOf(early, 'elementary.shugakuSodanTarget'), '2025-09-30');
      assert.equal(dueOf(late, 'elementary.shugakuSodanTarget'), '2026-09-30');
    });
    it('when the child is born on April 1, then junior high and high school also come a year earlier', () => {
      assert.equal(iso(find(bornApril1, 'juniorHighEntry').entryDate), '2032-04-01');
      assert.equal(iso(find(bornApril2, 'juniorHighEntry').entryDate), '2033-04-01');
      assert.equal(iso(find(bornApril1, 'highSchoolEntry').entryDate), '2035-04-01');
      assert.equal(iso(find(bornApril2, 'highSchoolEntry').entryDate), '2036-04-01');
    });
  });

  describe('a child at home at age 2 (born 2024-06-10, seen 2026-11-25)', () => {
    const ts = plannedTransitions(ChildMother.atHome(d(2024, 6, 10)), d(2026, 11, 25), data, calendar);

    it('when transitions are planned, then nursery entry and 就学 are among them, in entry order', () => {
      assert.deepEqual(kinds(ts), [
        'nurseryEntry', 'kindergartenEntry', 'elementaryEntry', 'aikidsEntry', 'afterSchoolDayService',
        'juniorHighEntry', 'highSchoolEntry', 'age18', 'adultServices', 'age20',
      ]);
    });
    it('when nursery entry is placed, then it is the April of the 3-year-old class (医療的ケア児枠 原則3歳児クラス以上)', () => {
      const nursery = find(ts, 'nurseryEntry');
      assert.equal(iso(nursery.entryDate), '2028-04-01');
      assert.equal(ageOn(d(2024, 6, 10), nursery.entryDate), 3);
      assert.equal(dueOf(nursery, 'nursery.application'), '2027-11-15');
    });
    it('when 就学 is placed, then it carries 就学相談, the health check, the place decision, the notice and the nurse request', () => {
      const school = find(ts, 'elementaryEntry');
      assert.equal(iso(school.entryDate), '2031-04-01');
      assert.deepEqual(
        school.milestones.map((m) => m.id).sort(),
        ['elementary.entryNotice', 'elementary.gakureibo', 'elementary.healthCheck', 'elementary.placeDecision', 'elementary.schoolNurseRequest', 'elementary.shugakuSodanStart', 'elementary.shugakuSodanTarget'],
      );
    });
    it('when milestones are listed for a transition, then they are in date order', () => {
      for (const t of ts) {
        const dates = t.milestones.map((m) => iso(m.dueDate));
        assert.deepEqual(dates, [...dates].sort(), t.kind);
      }
    });
    it('when no entry date has passed, then none is flagged', () => {
      assert.ok(ts.every((t) => !t.entryPassed));
    });
  });

  describe('a child at home who is already 4 (born 2022-05-10, seen 2026-11-25)', () => {
    it('when nursery entry is placed, then it is the next April (2027), not a past one', () => {
      const ts = plannedTransitions(ChildMother.atHome(d(2022, 5, 10)), d(2026, 11, 25), data, calendar);
      assert.equal(iso(find(ts, 'nurseryEntry').entryDate), '2027-04-01');
    });
    it('when the child is in the last pre-school year (年長), then no nursery entry is planned', () => {
      const ts = plannedTransitions(ChildMother.atHome(d(2020, 5, 10)), d(2026, 11, 25), data, calendar);
      assert.ok(!kinds(ts).includes('nurseryEntry'));
      assert.ok(kinds(ts).includes('elementaryEntry'));
    });
  });

  describe('a child in junior high (born 2012-09-01, seen 2026-11-25)', () => {
    const ts = plannedTransitions(ChildMother.inJuniorHigh(d(2012, 9, 1), d(2025, 4, 1)), d(2026, 11, 25), data, calendar);

    it('when transitions are planned, then high school and the 18 and 20 transitions come, and nothing earlier', () => {
      assert.deepEqual(kinds(ts), ['highSchoolEntry', 'age18', 'adultServices', 'age20']);
    });
    it('when the 18 transition is placed, then it is the 18th birthday', () => {
      assert.equal(iso(find(ts, 'age18').entryDate), '2030-09-01');
      assert.equal(iso(find(ts, 'adultServices').entryDate), '2031-04-01');
    });
    it('when the 20 transition is placed, then the pension certificate can be asked for from 19 years 9 months', () => {
      const age20 = find(ts, 'age20');
      assert.equal(iso(age20.entryDate), '2032-09-01');
      assert.equal(dueOf(age20, 'age20.pensionCertificate'), '2032-06-01');
    });
  });

  describe('age transitions', () => {
    it('when a young person in adult services is 19, then only the 20 transition is still ahead', () => {
      const ts = plannedTransitions(ChildMother.inAdultServices(d(2007, 1, 15), d(2025, 4, 1)), d(2026, 11, 25), data, calendar);
      assert.deepEqual(kinds(ts), ['age20']);
    });
    it('when the 20th birthday was less than a year ago, then the transition stays listed for its follow-ups', () => {
      const ts = plannedTransitions(ChildMother.inAdultServices(d(2006, 3, 1), d(2024, 4, 1)), d(2026, 11, 25), data, calendar);
      assert.deepEqual(kinds(ts), ['age20']);
    });
    it('when the 20th birthday was more than a year ago, then nothing is left', () => {
      const ts = plannedTransitions(ChildMother.inAdultServices(d(2005, 3, 1), d(2023, 4, 1)), d(2026, 11, 25), data, calendar);
      assert.deepEqual(ts, []);
    });
  });

  describe('leap day', () => {
    it('when a child is born on 2008-02-29, then the 18th birthday is 2026-03-01 and the 20th 2028-02-29', () => {
      assert.equal(iso(birthdayAt(d(2008, 2, 29), 18)), '2026-03-01');
      assert.equal(iso(birthdayAt(d(2008, 2, 29), 20)), '2028-02-29');
    });
    it('when the birthday is moved, then it is the first day ageOn counts the new age', () => {
      for (const [birth, age] of [[d(2008, 2, 29), 18], [d(2008, 2, 29), 20], [d(2010, 7, 31), 18]] as const) {
        const b = birthdayAt(birth, age);
        assert.equal(ageOn(birth, b), age);
        assert.equal(ageOn(birth, addDays(b, -1)), age - 1);
      }
    });
    it('when a child born 2024-02-29 is at home, then school entry is 2030 (born before April 2)', () => {
      const ts = plannedTransitions(ChildMother.atHome(d(2024, 2, 29)), d(2026, 11, 25), data, calendar);
      assert.equal(iso(find(ts, 'elementaryEntry').entryDate), '2030-04-01');
    });
  });

  describe('dates that fall on a closed day', () => {
    it('when 31 December is the deadline, then the milestone moves to the last working day before the year-end closure', () => {
      const ts = plannedTransitions(ChildMother.inNursery(d(2020, 5, 10)), d(2026, 4, 10), data, calendar);
      assert.equal(dueOf(find(ts, 'elementaryEntry'), 'elementary.placeDecision'), '2026-12-28');
    });
    it('when 31 January is a Sunday, then the notice check moves back to Friday 29 January', () => {
      const ts = plannedTransitions(ChildMother.inNursery(d(2020, 5, 10)), d(2026, 4, 10), data, calendar);
      assert.equal(dueOf(find(ts, 'elementaryEntry'), 'elementary.entryNotice'), '2027-01-29');
    });
    it('when 19 years 9 months falls in Golden Week, then the pension certificate moves forward (never back out of its window) to 2026-05-07', () => {
      // 20th birthday 2026-08-03 → 3 months before is Sunday 2026-05-03, then 5/4, 5/5 and the 振替休日 5/6.
      const ts = plannedTransitions(ChildMother.inAdultServices(d(2006, 8, 3), d(2025, 4, 1)), d(2026, 1, 10), data, calendar);
      assert.equal(dueOf(find(ts, 'age20'), 'age20.pensionCertificate'), '2026-05-07');
    });
  });

  describe('an enrolment that is out of date', () => {
    it('when a child is still recorded at nursery after the school entry date, then 就学 is flagged as passed', () => {
      const ts = plannedTransitions(ChildMother.inNursery(d(2019, 5, 10)), d(2026, 5, 1), data, calendar);
      const school = find(ts, 'elementaryEntry');
      assert.equal(iso(school.entryDate), '2026-04-01');
      assert.equal(school.entryPassed, true);
      assert.equal(find(ts, 'juniorHighEntry').entryPassed, false);
    });
  });
});
