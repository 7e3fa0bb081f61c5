import assert from 'node:assert/strict';
import { ageOn, compareDates, elementaryEntryYear, formatIsoDate, parseIsoDate, schoolYearOf, tokyoDate, type CalendarDate } from '../../../src/domain/dates';

const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('domain/dates', () => {
  describe('parseIsoDate', () => {
    it('when the date is 2024-02-29 (a leap year), then it is accepted', () => {
      assert.deepEqual(parseIsoDate('2024-02-29'), d(2024, 2, 29));
    });
    it('when the date is 2023-02-29 (not a leap year), then it is rejected', () => {
      assert.equal(parseIsoDate('2023-02-29'), undefined);
    });
    it('when the date is 2100-02-29 (century, not a leap year), then it is rejected', () => {
      assert.equal(parseIsoDate('2100-02-29'), undefined);
    });
    it('when the date is 2000-02-29 (400-year leap year), then it is accepted', () => {
      assert.deepEqual(parseIsoDate('2000-02-29'), d(2000, 2, 29));
    });
    it('when the month is 13, then it is rejected', () => {
      assert.equal(parseIsoDate('2024-13-01'), undefined);
    });
    it('when the month is 00 or the day is 00, then it is rejected', () => {
      assert.equal(parseIsoDate('2024-00-10'), undefined);
      assert.equal(parseIsoDate('2024-01-00'), undefined);
    });
    it('when the day is 31 in a 30-day month, then it is rejected', () => {
      assert.equal(parseIsoDate('2024-04-31'), undefined);
    });
    it('when the month has one digit (2024-1-01), then it is rejected', () => {
      assert.equal(parseIsoDate('2024-1-01'), undefined);
    });
    for (const text of ['', '2024/01/01', '20240101', ' 2024-01-01', '2024-01-01 ', '2024-01-01\n', '2024-01-01T00:00:00Z', '２０２４-０１-０１', 'abcd-ef-gh']) {
      it(`when the text is ${JSON.stringify(text)}, then it is rejected`, () => {
        assert.equal(parseIsoDate(text), undefined);
      });
    }
    it('when a parsed date is formatted again, then the same text comes back', () => {
      for (const text of ['2024-02-29', '2019-04-01', '2026-12-31']) {
        const parsed = parseIsoDate(text);
        assert.ok(parsed);
        assert.equal(formatIsoDate(parsed), text);
      }
    });
  });

  describe('tokyoDate (Asia/Tokyo = UTC+9, no daylight saving)', () => {
    it('when the instant is 2026-03-31T15:00:00Z, then the date in Tokyo is 2026-04-01', () => {
      assert.deepEqual(tokyoDate(new Date('2026-03-31T15:00:00Z')), d(2026, 4, 1));
    });
    it('when the instant is one millisecond earlier, then the date in Tokyo is still 2026-03-31', () => {
      assert.deepEqual(tokyoDate(new Date('2026-03-31T14:59:59.999Z')), d(2026, 3, 31));
    });
    it('when the instant is 2025-12-31T15:00:00Z, then it is already new year in Tokyo', () => {
      assert.deepEqual(tokyoDate(new Date('2025-12-31T15:00:00Z')), d(2026, 1, 1));
    });
    it('when the instant is in northern summer, then no daylight saving is applied', () => {
      assert.deepEqual(tokyoDate(new Date('2026-07-15T14:59:00Z')), d(2026, 7, 15));
      assert.deepEqual(tokyoDate(new Date('2026-07-15T15:00:00Z')), d(2026, 7, 16));
    });
  });

  describe('compareDates', () => {
    it('when dates differ by year, month or day, then the order follows the calendar', () => {
      assert.ok(compareDates(d(2025, 12, 31), d(2026, 1, 1)) < 0);
      assert.ok(compareDates(d(2026, 2, 1), d(2026, 1, 31)) > 0);
      assert.ok(compareDates(d(2026, 1, 2), d(2026, 1, 1)) > 0);
      assert.equal(compareDates(d(2026, 1, 1), d(2026, 1, 1)), 0);
    });
  });

  describe('ageOn (completed years)', () => {
    const birth = d(2020, 6, 10);
    it('when it is the day before the birthday, then the age is not yet increased', () => {
      assert.equal(ageOn(birth, d(2026, 6, 9)), 5);
    });
    it('when it is the birthday, then the age is increased', () => {
      assert.equal(ageOn(birth, d(2026, 6, 10)), 6);
    });
    it('when it is the day after the birthday, then the age stays increased', () => {
      assert.equal(ageOn(birth, d(2026, 6, 11)), 6);
    });
    it('when the birthday month has not come yet, then the age is one less than the difference of years', () => {
      assert.equal(ageOn(birth, d(2026, 5, 31)), 5);
    });
    it('when it is the day of birth, then the age is 0', () => {
      assert.equal(ageOn(birth, birth), 0);
    });
    it('when the child was born on 29 February, then in a common year the age increases from 1 March (民法143条: the year ends with February)', () => {
      const leap = d(2020, 2, 29);
      assert.equal(ageOn(leap, d(2021, 2, 28)), 0);
      assert.equal(ageOn(leap, d(2021, 3, 1)), 1);
      assert.equal(ageOn(leap, d(2024, 2, 29)), 4);
    });
  });

  describe('elementaryEntryYear (学校教育法17条: the April after reaching 6; age is reached the day before the birthday)', () => {
    it('when born 2019-04-01, then the child enters in April 2025 (早生まれ cohort)', () => {
      assert.equal(elementaryEntryYear(d(2019, 4, 1)), 2025);
    });
    it('when born 2019-04-02, then the child enters in April 2026', () => {
      assert.equal(elementaryEntryYear(d(2019, 4, 2)), 2026);
    });
    it('when born 2020-01-15, then the child enters in April 2026 (same cohort as 2019-04-02)', () => {
      assert.equal(elementaryEntryYear(d(2020, 1, 15)), 2026);
    });
    it('when born 2020-03-31, then the child enters in April 2026', () => {
      assert.equal(elementaryEntryYear(d(2020, 3, 31)), 2026);
    });
    it('when born 2019-12-31, then the child enters in April 2026', () => {
      assert.equal(elementaryEntryYear(d(2019, 12, 31)), 2026);
    });
    it('when born 2020-02-29, then the child enters in April 2026', () => {
      assert.equal(elementaryEntryYear(d(2020, 2, 29)), 2026);
    });
  });

  describe('schoolYearOf (年度, April–March)', () => {
    it('when the date is 31 March, then it belongs to the previous school year', () => {
      assert.equal(schoolYearOf(d(2026, 3, 31)), 2025);
    });
    it('when the date is 1 April, then it starts the school year of that year', () => {
      assert.equal(schoolYearOf(d(2026, 4, 1)), 2026);
    });
    it('when the date is in January, then it belongs to the previous year\'s school year', () => {
      assert.equal(schoolYearOf(d(2027, 1, 15)), 2026);
    });
  });
});
