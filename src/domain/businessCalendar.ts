import { compareDates, formatIsoDate, type CalendarDate } from './dates';

/**
 * The ward's working days (開庁日), on Asia/Tokyo calendar dates. "N business days" in Tsunagu always
 * means N ward working days: not Saturday or Sunday, not a Japanese public holiday (国民の祝日・振替休日・
 * 国民の休日), and not inside the ward's year-end closure (年末年始, 12/29–1/3).
 *
 * The domain holds no holiday table: the public-holiday source is injected as a function (an adapter
 * wraps a maintained library), so the rules here stay pure and testable with any table.
 */

/** The public-holiday name on a date, or undefined on an ordinary day. Must not throw. */
export type HolidayLookup = (date: CalendarDate) => string | undefined;

export interface MonthDay {
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

/** A closure that recurs every year; `from` after `to` means it wraps over the new year. */
export interface AnnualClosure {
  readonly from: MonthDay;
  readonly to: MonthDay;
}

/**
 * The year-end closure 12/29–1/3, the usual closed days of a Tokyo ward office
 * (地方自治法4条の2 lets each ward fix its closed days by ordinance). Taken from the task brief; the
 * Itabashi ordinance itself is not quoted in ../shared/domain/REFERENCE.md.
 */
export const WARD_YEAR_END_CLOSURE: AnnualClosure = Object.freeze({ from: { month: 12, day: 29 }, to: { month: 1, day: 3 } });

export type ClosedReason = 'weekend' | 'publicHoliday' | 'yearEndClosure';
export interface ClosedDay {
  readonly reason: ClosedReason;
  /** The holiday name when the reason is a public holiday (e.g. "こどもの日 振替休日"). */
  readonly holidayName?: string;
}

export interface BusinessCalendar {
  isBusinessDay(date: CalendarDate): boolean;
  /** Why the ward is closed on a date, or undefined on a working day. */
  closedReason(date: CalendarDate): ClosedDay | undefined;
  /**
   * Move n working days from a date (the date itself is not counted). n > 0 goes forward, n < 0 back;
   * the result is always a working day, except that n = 0 returns the date unchanged.
   */
  addBusinessDays(date: CalendarDate, n: number): CalendarDate;
  /**
   * Working days from `from` to `to`: the number of working days d with from < d ≤ to (negative, counting
   * to ≤ d < from, when `to` is earlier). For a working day `to`, addBusinessDays(from, result) = to.
   */
  businessDaysBetween(from: CalendarDate, to: CalendarDate): number;
  nextBusinessDayOnOrAfter(date: CalendarDate): CalendarDate;
  previousBusinessDayOnOrBefore(date: CalendarDate): CalendarDate;
}

export interface BusinessCalendarOptions {
  /** Annual closures; defaults to the year-end closure only. */
  readonly closures?: readonly AnnualClosure[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A run of closed days longer than this means a broken holiday source, not a real calendar. */
const MAX_CLOSED_RUN = 60;

const utc = (d: CalendarDate): number => Date.UTC(d.year, d.month - 1, d.day);
const fromUtc = (ms: number): CalendarDate => {
  const t = new Date(ms);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

/** The date n calendar days later (n may be negative). */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  return fromUtc(utc(date) + n * DAY_MS);
}

/** Calendar days from a to b (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(utc(date)).getUTCDay();
}

const monthDayKey = (m: MonthDay): number => m.month * 100 + m.day;

function inClosure(date: CalendarDate, closure: AnnualClosure): boolean {
  const k = monthDayKey(date);
  const from = monthDayKey(closure.from);
  const to = monthDayKey(closure.to);
  return from <= to ? k >= from && k <= to : k >= from || k <= to;
}

export function createBusinessCalendar(holidayOf: HolidayLookup, options: BusinessCalendarOptions = {}): BusinessCalendar {
  const closures = options.closures ?? [WARD_YEAR_END_CLOSURE];

  const closedReason = (date: CalendarDate): ClosedDay | undefined => {
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) return { reason: 'weekend' };
    const holidayName = holidayOf(date);
    if (holidayName !== undefined) return { reason: 'publicHoliday', holidayName };
    if (closures.some((c) => inClosure(date, c))) return { reason: 'yearEndClosure' };
    return undefined;
  };
  const isBusinessDay = (date: CalendarDate): boolean => closedReason(date) === undefined;

  /** The first working day reached by stepping `step` days at a time from `date` (inclusive). */
  const scan = (date: CalendarDate, step: 1 | -1): CalendarDate => {
    let d = date;
    for (let i = 0; i <= MAX_CLOSED_RUN; i++) {
      if (isBusinessDay(d)) return d;
      d = addDays(d, step);
    }
    throw new Error(`CALENDAR.NO_WORKING_DAY: no ward working day within ${MAX_CLOSED_RUN} days of ${formatIsoDate(date)}; check the holiday source`);
  };

  const addBusinessDays = (date: CalendarDate, n: number): CalendarDate => {
    if (!Number.isInteger(n)) throw new RangeError(`CALENDAR.BAD_COUNT: business days must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let d = date;
    for (let left = Math.abs(n); left > 0; left--) d = scan(addDays(d, step), step);
    return d;
  };

  const businessDaysBetween = (from: CalendarDate, to: CalendarDate): number => {
    const order = compareDates(from, to);
    if (order === 0) return 0;
    const [start, end, sign] = order < 0 ? [addDays(from, 1), to, 1] : [to, addDays(from, -1), -1];
    let count = 0;
    for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) if (isBusinessDay(d)) count++;
    return sign * count;
  };

  return {
    isBusinessDay,
    closedReason,
    addBusinessDays,
    businessDaysBetween,
    nextBusinessDayOnOrAfter: (date) => scan(date, 1),
    previousBusinessDayOnOrBefore: (date) => scan(date, -1),
  };
}
