import type { BusinessCalendar } from '../businessCalendar';
import { schoolYearOf, type CalendarDate } from '../dates';
import type { DateAdjustment, DueRule } from './transitionData';

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The same day n months later (n may be negative); a day the month lacks clamps to its last day. */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

function adjust(date: CalendarDate, how: DateAdjustment, calendar: BusinessCalendar): CalendarDate {
  switch (how) {
    case 'none':
      return date;
    case 'previousBusinessDay':
      return calendar.previousBusinessDayOnOrBefore(date);
    case 'nextBusinessDay':
      return calendar.nextBusinessDayOnOrAfter(date);
  }
}

/** The due date of a milestone from its rule and the entry date of its transition. */
export function dueDateOf(rule: DueRule, entryDate: CalendarDate, calendar: BusinessCalendar): CalendarDate {
  switch (rule.kind) {
    case 'monthsBeforeEntry':
      return adjust(addMonths(entryDate, -rule.months), rule.adjust, calendar);
    case 'businessDaysBeforeEntry':
      return calendar.addBusinessDays(entryDate, -rule.days);
    case 'fixedDateInSchoolYear': {
      const schoolYear = schoolYearOf(entryDate) + rule.schoolYearOffset;
      const year = rule.month >= 4 ? schoolYear : schoolYear + 1;
      const date = { year, month: rule.month, day: Math.min(rule.day, daysInMonth(year, rule.month)) };
      return adjust(date, rule.adjust, calendar);
    }
  }
}
