import { addDays } from '../businessCalendar';
import { compareDates, schoolYearOf, type CalendarDate } from '../dates';
import { daysInMonth } from '../transitions/dueDates';

/**
 * The periods statistics are published for: quarters of the school year (年度, April–March), and nothing
 * else. One grain on purpose: if both a quarter and a year (or a month, or "the year to date") could be
 * asked for, subtracting one published count from another would give the count of the difference period
 * (year − Q1 − Q2 − Q3 = Q4; "to 11 June" − "to 10 June" = what happened on 11 June), which may be a
 * small number that suppression hid. Quarters never overlap, so no difference of two reports is a count
 * of anything. Only quarters that have ended are reported, so a report never changes from day to day.
 */
export type Quarter = 1 | 2 | 3 | 4;

export interface ReportPeriod {
  /** The school year, named by its April: 2026 = 2026年度 (April 2026 – March 2027). */
  readonly schoolYear: number;
  /** 1 = April–June, 2 = July–September, 3 = October–December, 4 = January–March. */
  readonly quarter: Quarter;
}

export interface DateRange {
  readonly from: CalendarDate;
  /** Inclusive. */
  readonly to: CalendarDate;
}

const FIRST_MONTH: Readonly<Record<Quarter, number>> = { 1: 4, 2: 7, 3: 10, 4: 1 };

/** First and last day (inclusive) of a quarter. */
export function periodRange(p: ReportPeriod): DateRange {
  const month = FIRST_MONTH[p.quarter];
  const year = p.quarter === 4 ? p.schoolYear + 1 : p.schoolYear;
  return { from: { year, month, day: 1 }, to: { year, month: month + 2, day: daysInMonth(year, month + 2) } };
}

/** The quarter a date falls in. */
export function periodOf(date: CalendarDate): ReportPeriod {
  const schoolYear = schoolYearOf(date);
  const quarter: Quarter = date.month >= 10 ? 3 : date.month >= 7 ? 2 : date.month >= 4 ? 1 : 4;
  return { schoolYear, quarter };
}

/** The quarter a date range is, when it is exactly one; anything else is refused (see the note above). */
export function periodOfRange(range: DateRange): ReportPeriod | undefined {
  const p = periodOf(range.from);
  const exact = periodRange(p);
  return compareDates(exact.from, range.from) === 0 && compareDates(exact.to, range.to) === 0 ? p : undefined;
}

export function hasEnded(p: ReportPeriod, today: CalendarDate): boolean {
  return compareDates(periodRange(p).to, today) < 0;
}

/** The latest quarter that has ended before today. */
export function lastEndedPeriod(today: CalendarDate): ReportPeriod {
  return periodOf(addDays(periodRange(periodOf(today)).from, -1));
}

export function previousPeriod(p: ReportPeriod): ReportPeriod {
  return periodOf(addDays(periodRange(p).from, -1));
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The first instant (epoch ms) after the end of a Tokyo calendar date: events before it happened on or before that date. */
export function endOfTokyoDay(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day + 1) - JST_OFFSET_MS;
}

/** The first instant (epoch ms) of a Tokyo calendar date. */
export function startOfTokyoDay(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) - JST_OFFSET_MS;
}

/**
 * A quarter as people type it after 統計: "2026Q3", "2026-Q3", "2026年度Q3", "2026年度第3四半期" (full-width
 * digits too). Undefined for anything else.
 */
export function parsePeriod(text: string): ReportPeriod | undefined {
  const m = /^(\d{4})(?:年度)?[-/]?(?:[Qq]|第)([1-4])(?:四半期)?$/.exec(text.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return undefined;
  return { schoolYear: Number(m[1]), quarter: Number(m[2]) as Quarter };
}
