import assert from 'node:assert/strict';
import { formatIsoDate } from '../../../../src/domain/dates';
import { addMonths, dueDateOf } from '../../../../src/domain/transitions/dueDates';
import { d, wardCalendar } from './transitionMother';

const calendar = wardCalendar();
const entry = d(2027, 4, 1);

describe('domain/transitions/dueDates', () => {
  describe('addMonths', () => {
    it('when 3 months are taken from 31 May, then the day clamps to 28 February', () => {
      assert.deepEqual(addMonths(d(2027, 5, 31), -3), d(2027, 2, 28));
    });
    it('when 12 months are added across a year, then the year changes', () => {
      assert.deepEqual(addMonths(d(2026, 11, 25), 12), d(2027, 11, 25));
      assert.deepEqual(addMonths(d(2026, 1, 15), -1), d(2025, 12, 15));
    });
  });

  describe('fixedDateInSchoolYear', () => {
    it('when the month is September of the year before entry, then it is in the previous calendar year', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'fixedDateInSchoolYear', schoolYearOffset: -1, month: 9, day: 30, adjust: 'none' }, entry, calendar)), '2026-09-30');
    });
    it('when the month is January of the year before entry, then it is in the entry calendar year (年度 ends in March)', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'fixedDateInSchoolYear', schoolYearOffset: -1, month: 1, day: 31, adjust: 'none' }, entry, calendar)), '2027-01-31');
    });
    it('when the date is a holiday, then previousBusinessDay and nextBusinessDay move it the right way', () => {
      // 2026-09-22 is a 国民の休日 between 敬老の日 (9/21) and 秋分の日 (9/23).
      const rule = { kind: 'fixedDateInSchoolYear', schoolYearOffset: -1, month: 9, day: 22 } as const;
      assert.equal(formatIsoDate(dueDateOf({ ...rule, adjust: 'previousBusinessDay' }, entry, calendar)), '2026-09-18');
      assert.equal(formatIsoDate(dueDateOf({ ...rule, adjust: 'nextBusinessDay' }, entry, calendar)), '2026-09-24');
      assert.equal(formatIsoDate(dueDateOf({ ...rule, adjust: 'none' }, entry, calendar)), '2026-09-22');
    });
    it('when 29 February is asked for in a common year, then it clamps to 28 February', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'fixedDateInSchoolYear', schoolYearOffset: -1, month: 2, day: 29, adjust: 'none' }, entry, calendar)), '2027-02-28');
    });
  });

  describe('businessDaysBeforeEntry', () => {
    it('when 5 working days before 1 April 2026 are counted, then weekends are skipped', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'businessDaysBeforeEntry', days: 5 }, d(2026, 4, 1), calendar)), '2026-03-25');
    });
    it('when the count crosses the year-end closure, then the closure is skipped', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'businessDaysBeforeEntry', days: 1 }, d(2027, 1, 4), calendar)), '2026-12-28');
    });
  });

  describe('monthsBeforeEntry', () => {
    it('when the months are negative, then the date is after entry', () => {
      assert.equal(formatIsoDate(dueDateOf({ kind: 'monthsBeforeEntry', months: -1, adjust: 'none' }, d(2026, 8, 3), calendar)), '2026-09-03');
    });
  });
});
