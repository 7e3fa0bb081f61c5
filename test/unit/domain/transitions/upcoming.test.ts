import assert from 'node:assert/strict';
import { formatIsoDate } from '../../../../src/domain/dates';
import { timingOf, upcomingMilestones, type UpcomingMilestone } from '../../../../src/domain/transitions/upcoming';
import { ChildMother, d, TransitionDataMother, wardCalendar } from './transitionMother';

const data = TransitionDataMother.checkedIn();
const calendar = wardCalendar();

/** A nursery child born 2020-05-10 (school entry 2027-04-01), seen on 2026-10-15: 就学 is in full swing. */
const child = ChildMother.inNursery(d(2020, 5, 10));
const today = d(2026, 10, 15);
const byId = (list: readonly UpcomingMilestone[], id: string): UpcomingMilestone => {
  const m = list.find((x) => x.id === id);
  assert.ok(m, `expected ${id} in ${list.map((x) => x.id).join(', ')}`);
  return m;
};

describe('domain/transitions/upcoming', () => {
  describe('timingOf', () => {
    const cases: ReadonlyArray<[number, string]> = [[-1, 'overdue'], [0, 'dueWithin30Days'], [30, 'dueWithin30Days'], [31, 'dueWithin90Days'], [90, 'dueWithin90Days'], [91, 'later']];
    for (const [days, timing] of cases) {
      it(`when a milestone is due in ${days} days, then it is ${timing}`, () => assert.equal(timingOf(days), timing));
    }
  });

  describe('a nursery child in the 就学 year', () => {
    const list = upcomingMilestones(child, today, data, calendar, 120);

    it('when the June and September 就学相談 dates have passed, then they are overdue', () => {
      assert.equal(byId(list, 'elementary.shugakuSodanStart').status, 'overdue');
      assert.equal(byId(list, 'elementary.shugakuSodanStart').daysUntilDue, -107);
      assert.equal(byId(list, 'elementary.shugakuSodanTarget').status, 'overdue');
    });
    it('when the 学齢簿 check is 15 days away, then it is due within 30 days', () => {
      const m = byId(list, 'elementary.gakureibo');
      assert.equal(formatIsoDate(m.dueDate), '2026-10-30'); // 31 October is a Saturday
      assert.equal(m.status, 'dueWithin30Days');
      assert.equal(m.daysUntilDue, 15);
    });
    it('when the health check and the place decision are 1–3 months away, then they are due within 90 days', () => {
      assert.equal(byId(list, 'elementary.healthCheck').status, 'dueWithin90Days');
      assert.equal(byId(list, 'elementary.placeDecision').status, 'dueWithin90Days');
    });
    it('when the entry notice is more than 90 days away but inside the horizon, then it is later', () => {
      assert.equal(byId(list, 'elementary.entryNotice').status, 'later');
    });
    it('when the list is returned, then it is in due-date order', () => {
      const dates = list.map((m) => formatIsoDate(m.dueDate));
      assert.deepEqual(dates, [...dates].sort());
    });
    it('when a milestone is a placeholder, then the output flags it and says NOT FOUND', () => {
      const m = byId(list, 'elementary.shugakuSodanStart');
      assert.equal(m.placeholder, true);
      assert.equal(m.dataStatus, 'placeholder');
      assert.match(m.note ?? '', /NOT FOUND — confirm with the ward/);
    });
    it('when a milestone comes from a statute, then it is not flagged and cites its source', () => {
      const m = byId(list, 'elementary.gakureibo');
      assert.equal(m.placeholder, false);
      assert.equal(m.dataStatus, 'sourced');
      assert.ok(m.sources.length > 0 && m.sources.every((s) => s.url.startsWith('http')));
    });
    it('when a milestone is listed, then it names its transition and the organisation that acts', () => {
      const m = byId(list, 'aikids.applicationAndCare');
      assert.equal(m.organisation, 'aikids');
      assert.equal(m.transitionTitle.ja, 'あいキッズ（放課後の居場所）');
      assert.equal(formatIsoDate(m.transitionEntryDate), '2027-04-01');
    });
  });

  describe('horizon and completion', () => {
    it('when the horizon is 30 days, then overdue milestones stay and those further out are left off', () => {
      const list = upcomingMilestones(child, today, data, calendar, 30);
      assert.ok(list.some((m) => m.status === 'overdue'));
      assert.ok(list.every((m) => m.status === 'overdue' || m.status === 'dueWithin30Days'));
      assert.ok(!list.some((m) => m.id === 'elementary.healthCheck'));
    });
    it('when a milestone is marked completed, then it is no longer listed, even if overdue', () => {
      const list = upcomingMilestones(child, today, data, calendar, 120, { completed: new Set(['elementary.shugakuSodanStart']) });
      assert.ok(!list.some((m) => m.id === 'elementary.shugakuSodanStart'));
      assert.ok(list.some((m) => m.id === 'elementary.shugakuSodanTarget'));
    });
    it('when the horizon is negative, then it is a programming error', () => {
      assert.throws(() => upcomingMilestones(child, today, data, calendar, -1), /TRANSITIONS.BAD_HORIZON/);
    });
  });

  describe('a child at home at age 2 in November', () => {
    it('when the digest looks 365 days ahead, then the first nursery steps appear and nothing is overdue', () => {
      const list = upcomingMilestones(ChildMother.atHome(d(2024, 6, 10)), d(2026, 11, 25), data, calendar, 365);
      assert.deepEqual(list.map((m) => m.id), ['kindergarten.acceptanceConsultation', 'nursery.ikeaConsultation', 'nursery.guidance', 'nursery.physicianConfirmation', 'kindergarten.application', 'nursery.application']);
      assert.ok(list.every((m) => m.status !== 'overdue'));
    });
  });
});
