import assert from 'node:assert/strict';
import { holidayJpCalendar, holidayJpCoverage, holidayJpLookup } from '../../../../src/adapters/calendar/holidayJpCalendar';
import { addDays, createBusinessCalendar, dayOfWeek } from '../../../../src/domain/businessCalendar';
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../../../../src/domain/dates';

/**
 * The ward's business calendar with the real holiday table (@holiday-jp/holiday_jp). The domain rules
 * (src/domain/businessCalendar.ts) are exercised here through the production adapter.
 */
const calendar = holidayJpCalendar();
const at = (iso: string): CalendarDate => {
  const date = parseIsoDate(iso);
  assert.ok(date, iso);
  return date;
};
const iso = (x: CalendarDate): string => formatIsoDate(x);

describe('adapters/calendar/holidayJpCalendar', () => {
  describe('weekends', () => {
    it('when it is Saturday 2026-11-28 or Sunday 2026-11-29, then the ward is closed', () => {
      assert.equal(calendar.isBusinessDay(at('2026-11-28')), false);
      assert.equal(calendar.isBusinessDay(at('2026-11-29')), false);
      assert.deepEqual(calendar.closedReason(at('2026-11-28')), { reason: 'weekend' });
    });
    it('when it is Friday 2026-11-27 or Monday 2026-11-30, then the ward is open', () => {
      assert.equal(calendar.isBusinessDay(at('2026-11-27')), true);
      assert.equal(calendar.isBusinessDay(at('2026-11-30')), true);
    });
    it('when one business day is added to a Friday, then it is the Monday', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-11-27'), 1)), '2026-11-30');
    });
  });

  describe('2026 public holidays', () => {
    const closed: ReadonlyArray<[string, string]> = [
      ['2026-01-12', '成人の日'],
      ['2026-02-11', '建国記念の日'],
      ['2026-02-23', '天皇誕生日'],
      ['2026-03-20', '春分の日'],
      ['2026-04-29', '昭和の日'],
      ['2026-05-04', 'みどりの日'],
      ['2026-05-05', 'こどもの日'],
      ['2026-05-06', 'こどもの日 振替休日'],
      ['2026-07-20', '海の日'],
      ['2026-09-21', '敬老の日'],
      ['2026-09-22', '休日'], // 国民の休日 between two holidays
      ['2026-09-23', '秋分の日'],
      ['2026-11-03', '文化の日'],
      ['2026-11-23', '勤労感謝の日'],
    ];
    for (const [date, name] of closed) {
      it(`when it is ${date}, then the ward is closed for ${name}`, () => {
        assert.equal(calendar.isBusinessDay(at(date)), false);
        assert.deepEqual(calendar.closedReason(at(date)), { reason: 'publicHoliday', holidayName: name });
      });
    }
    it('when it is 2026-05-07, the day after Golden Week, then the ward is open', () => {
      assert.equal(calendar.isBusinessDay(at('2026-05-07')), true);
      assert.equal(holidayJpLookup(at('2026-05-07')), undefined);
    });
    it('when one business day is added to Friday 2026-05-01, then Golden Week and the 振替休日 are skipped', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-05-01'), 1)), '2026-05-07');
      assert.equal(iso(calendar.addBusinessDays(at('2026-05-07'), -1)), '2026-05-01');
    });
    it('when the silver week of 2026 is crossed, then 9/21–9/23 are skipped', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-09-18'), 1)), '2026-09-24');
    });
  });

  describe('the year-end closure 12/29–1/3', () => {
    const days: ReadonlyArray<[string, string]> = [
      ['2025-12-29', 'yearEndClosure'], // Monday
      ['2025-12-30', 'yearEndClosure'],
      ['2025-12-31', 'yearEndClosure'],
      ['2026-01-01', 'publicHoliday'], // 元日
      ['2026-01-02', 'yearEndClosure'], // Friday
      ['2026-01-03', 'weekend'],
    ];
    for (const [date, reason] of days) {
      it(`when it is ${date}, then the ward is closed (${reason})`, () => {
        assert.equal(calendar.isBusinessDay(at(date)), false);
        assert.equal(calendar.closedReason(at(date))?.reason, reason);
      });
    }
    it('when it is 2025-12-26 or 2026-01-05, then the ward is open', () => {
      assert.equal(calendar.isBusinessDay(at('2025-12-26')), true);
      assert.equal(calendar.isBusinessDay(at('2026-01-05')), true);
    });
    it('when one business day is added to Monday 2026-12-28, then it is Monday 2027-01-04', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-12-28'), 1)), '2027-01-04');
    });
    it('when 3 business days are added across the year end, then the closure and weekends are skipped', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2025-12-25'), 3)), '2026-01-06');
    });
    it('when one business day is taken from 2027-01-04, then it is 2026-12-28', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2027-01-04'), -1)), '2026-12-28');
    });
    it('when the next business day from 2026-12-29 is asked for, then it is 2027-01-04', () => {
      assert.equal(iso(calendar.nextBusinessDayOnOrAfter(at('2026-12-29'))), '2027-01-04');
      assert.equal(iso(calendar.previousBusinessDayOnOrBefore(at('2027-01-03'))), '2026-12-28');
    });
    it('when the calendar is built without closures, then 12/29 is an ordinary weekday', () => {
      const noClosure = holidayJpCalendar({ closures: [] });
      assert.equal(noClosure.isBusinessDay(at('2025-12-29')), true);
    });
  });

  describe('counting and stepping', () => {
    it('when the date is already a business day, then next/previous business day return it', () => {
      assert.equal(iso(calendar.nextBusinessDayOnOrAfter(at('2026-11-25'))), '2026-11-25');
      assert.equal(iso(calendar.previousBusinessDayOnOrBefore(at('2026-11-25'))), '2026-11-25');
    });
    it('when zero business days are added, then the date is unchanged, even on a Sunday', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-11-29'), 0)), '2026-11-29');
    });
    it('when counting from a Saturday, then the first step lands on Monday', () => {
      assert.equal(iso(calendar.addBusinessDays(at('2026-11-28'), 1)), '2026-11-30');
      assert.equal(iso(calendar.addBusinessDays(at('2026-11-28'), -1)), '2026-11-27');
    });
    it('when business days between 2026-04-30 and 2026-05-08 are counted, then only 5/1, 5/7 and 5/8 count', () => {
      assert.equal(calendar.businessDaysBetween(at('2026-04-30'), at('2026-05-08')), 3);
      assert.equal(calendar.businessDaysBetween(at('2026-05-08'), at('2026-04-30')), -3);
      assert.equal(calendar.businessDaysBetween(at('2026-05-08'), at('2026-05-08')), 0);
    });
    it('when business days between 2025-12-26 and 2026-01-05 are counted, then the result is 1', () => {
      assert.equal(calendar.businessDaysBetween(at('2025-12-26'), at('2026-01-05')), 1);
    });
    it('when every pair of dates in Dec 2026 – Jan 2027 is tried, then adding the count between them returns the later working day', () => {
      const start = at('2026-12-01');
      for (let i = 0; i < 62; i++) {
        const a = addDays(start, i);
        for (let j = 0; j < 62; j++) {
          const b = addDays(start, j);
          if (!calendar.isBusinessDay(b)) continue;
          const n = calendar.businessDaysBetween(a, b);
          assert.equal(iso(calendar.addBusinessDays(a, n)), iso(b), `${iso(a)} + ${n}`);
        }
      }
    });
    it('when a fractional count is given, then it is a programming error', () => {
      assert.throws(() => calendar.addBusinessDays(at('2026-11-25'), 1.5), /CALENDAR.BAD_COUNT/);
    });
    it('when the holiday source says every day is a holiday, then the calendar stops with an error instead of looping', () => {
      const broken = createBusinessCalendar(() => 'broken');
      assert.throws(() => broken.nextBusinessDayOnOrAfter(at('2026-11-25')), /CALENDAR.NO_WORKING_DAY/);
    });
  });

  describe('the holiday table', () => {
    it('when the table is asked which years it covers, then it reaches at least 2046 (a child born 2026 turns 20)', () => {
      assert.ok(holidayJpCoverage.covers(2026));
      assert.ok(holidayJpCoverage.covers(2046));
      assert.equal(holidayJpCoverage.covers(holidayJpCoverage.lastYear + 1), false);
    });
    it('when the host time zone is not Tokyo, then the lookup is unaffected (it keys on the ISO date)', () => {
      const saved = process.env.TZ;
      try {
        process.env.TZ = 'America/Los_Angeles';
        assert.equal(holidayJpLookup(at('2026-05-06')), 'こどもの日 振替休日');
        assert.equal(dayOfWeek(at('2026-05-06')), 3);
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });
  });
});
