import assert from 'node:assert/strict';
import { formatIsoDate } from '../../../../src/domain/dates';
import { applyMilestoneStates, childOnCalendar, decideDone, decidePostpone, MAX_POSTPONE_DAYS, type MilestoneState } from '../../../../src/domain/transitions/milestoneState';
import { upcomingMilestones } from '../../../../src/domain/transitions/upcoming';
import { ChildMother, d, TransitionDataMother, wardCalendar } from './transitionMother';

const data = TransitionDataMother.checkedIn();
const calendar = wardCalendar();
const today = d(2026, 12, 1);
/** A fictional child born 2020-10-10 (school entry 2027-04-01) at home, seen on 2026-12-01. */
const list = upcomingMilestones(ChildMother.atHome(d(2020, 10, 10)), today, data, calendar, 90);
const BY = '00000000-0000-4000-8000-000000000002';
const AT = '2026-12-01T00:00:00.000Z';

describe('domain/transitions/milestoneState', () => {
  describe('applyMilestoneStates', () => {
    it('when nothing was recorded, then the list is as computed, with no planned date', () => {
      const shown = applyMilestoneStates(list, [], today, 90);
      assert.deepEqual(shown.map((m) => m.id), list.map((m) => m.id));
      assert.ok(shown.every((m) => m.plannedDueDate === undefined));
    });
    it('when a milestone is done, then it is left out', () => {
      const shown = applyMilestoneStates(list, [{ id: 'elementary.gakureibo', status: 'done', by: BY, at: AT }], today, 90);
      assert.ok(!shown.some((m) => m.id === 'elementary.gakureibo'));
      assert.equal(shown.length, list.length - 1);
    });
    it('when a milestone is postponed, then it shows the new date, its timing and its planned date, in date order', () => {
      const shown = applyMilestoneStates(list, [{ id: 'elementary.gakureibo', status: 'postponed', until: d(2027, 1, 20), by: BY, at: AT }], today, 90);
      const m = shown.find((x) => x.id === 'elementary.gakureibo')!;
      assert.equal(formatIsoDate(m.dueDate), '2027-01-20');
      assert.equal(formatIsoDate(m.plannedDueDate!), '2026-10-30');
      assert.equal(m.daysUntilDue, 50);
      assert.equal(m.status, 'dueWithin90Days');
      const dates = shown.map((x) => formatIsoDate(x.dueDate));
      assert.deepEqual(dates, [...dates].sort());
    });
    it('when a milestone is postponed beyond the horizon, then it leaves the list', () => {
      const shown = applyMilestoneStates(list, [{ id: 'elementary.gakureibo', status: 'postponed', until: d(2027, 6, 1), by: BY, at: AT }], today, 90);
      assert.ok(!shown.some((m) => m.id === 'elementary.gakureibo'));
    });
  });

  describe('decideDone', () => {
    it('when a milestone is marked done, then who and when are kept; again, then nothing changes', () => {
      const first = decideDone([], 'elementary.gakureibo', BY, AT);
      assert.equal(first.kind, 'changed');
      const states = first.kind === 'changed' ? first.states : [];
      assert.deepEqual(states, [{ id: 'elementary.gakureibo', status: 'done', by: BY, at: AT }]);
      assert.equal(decideDone(states, 'elementary.gakureibo', 'someone-else', AT).kind, 'unchanged');
    });
    it('when a postponed milestone is marked done, then it replaces the postponement', () => {
      const r = decideDone([{ id: 'a.b', status: 'postponed', until: d(2027, 1, 1), by: BY, at: AT }], 'a.b', BY, AT);
      assert.deepEqual(r.kind === 'changed' && r.states.map((s) => s.status), ['done']);
    });
  });

  describe('decidePostpone', () => {
    const due = d(2026, 12, 28);
    const cases: ReadonlyArray<[string, ReturnType<typeof d>, 'changed' | 'invalidDate']> = [
      ['today', today, 'invalidDate'],
      ['before the current due date', d(2026, 12, 20), 'invalidDate'],
      ['the current due date itself', due, 'invalidDate'],
      ['the day after the due date', d(2026, 12, 29), 'changed'],
      [`${MAX_POSTPONE_DAYS} days from today`, d(2027, 12, 2), 'changed'],
      [`${MAX_POSTPONE_DAYS + 1} days from today`, d(2027, 12, 3), 'invalidDate'],
    ];
    for (const [label, until, kind] of cases) {
      it(`when the new date is ${label}, then ${kind}`, () => assert.equal(decidePostpone([], 'x.y', due, until, today, BY, AT).kind, kind));
    }
    it('when an overdue milestone is postponed to tomorrow, then that is allowed', () => {
      assert.equal(decidePostpone([], 'x.y', d(2026, 10, 30), d(2026, 12, 2), today, BY, AT).kind, 'changed');
    });
    it('when it is postponed to the same date again, then nothing changes; to another date, it is replaced (one state per milestone)', () => {
      const states: MilestoneState[] = [{ id: 'x.y', status: 'postponed', until: d(2027, 2, 1), by: BY, at: AT }];
      assert.equal(decidePostpone(states, 'x.y', d(2027, 2, 1), d(2027, 2, 1), today, BY, AT).kind, 'invalidDate', 'not later than the current (postponed) date');
      const again = decidePostpone(states, 'x.y', d(2027, 1, 1), d(2027, 2, 1), today, BY, AT);
      assert.equal(again.kind, 'unchanged');
      const moved = decidePostpone(states, 'x.y', d(2027, 2, 1), d(2027, 3, 1), today, BY, AT);
      assert.deepEqual(moved.kind === 'changed' && moved.states.map((s) => formatIsoDate(s.until!)), ['2027-03-01']);
    });
  });

  describe('childOnCalendar: the case record as the engine needs it', () => {
    const record = (birthDate: ReturnType<typeof d>, kind?: 'nursery' | 'elementary' | 'highSchool') => ({ child: { birthDate }, enrolment: kind && { kind } });
    const cases: ReadonlyArray<[string, ReturnType<typeof record>, string]> = [
      ['a recorded nursery', record(d(2021, 5, 1), 'nursery'), 'nursery'],
      ['a recorded elementary school', record(d(2015, 5, 1), 'elementary'), 'elementary'],
      ['no enrolment, aged 1', record(d(2025, 5, 1)), 'home'],
      ['no enrolment, aged 5 (preschool: at home, so nursery and kindergarten stay in view)', record(d(2021, 5, 1)), 'home'],
      ['no enrolment, in the first grade by age', record(d(2019, 10, 1)), 'elementary'],
      ['no enrolment, junior high by age', record(d(2013, 10, 1)), 'juniorHigh'],
      ['no enrolment, high school by age', record(d(2010, 10, 1)), 'highSchool'],
      ['no enrolment, 19', record(d(2007, 10, 1)), 'adultServices'],
    ];
    for (const [label, r, kind] of cases) it(`when ${label}, then the enrolment is ${kind}`, () => assert.equal(childOnCalendar(r, today).enrolment.kind, kind));
  });
});
