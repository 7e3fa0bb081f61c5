import holidayJp from '@holiday-jp/holiday_jp';
import { createBusinessCalendar, type BusinessCalendar, type BusinessCalendarOptions, type HolidayLookup } from '../../domain/businessCalendar';
import { formatIsoDate } from '../../domain/dates';

/**
 * Japanese public holidays from `@holiday-jp/holiday_jp` (a maintained table of 国民の祝日, 振替休日 and
 * 国民の休日, generated from the holiday-jp/holiday_jp data set). Looked up by the ISO date string, never
 * through `Date`, so the host time zone cannot shift a holiday by a day.
 */
const table: Readonly<Record<string, { readonly name: string }>> = holidayJp.holidays;
const own = Object.prototype.hasOwnProperty;

export const holidayJpLookup: HolidayLookup = (date) => {
  const key = formatIsoDate(date);
  return own.call(table, key) ? table[key]?.name : undefined;
};

/**
 * The years the installed table covers. Outside them every weekday would look like a working day, so
 * callers planning far ahead (a child's 20th birthday) should check `covers` and update the package.
 */
const years = Object.keys(table).map((k) => Number(k.slice(0, 4)));
export const holidayJpCoverage = Object.freeze({
  version: holidayJp.VERSION,
  firstYear: Math.min(...years),
  lastYear: Math.max(...years),
  covers(year: number): boolean {
    return year >= this.firstYear && year <= this.lastYear;
  },
});

/** The ward's business calendar: weekends, public holidays from holiday_jp, and the 12/29–1/3 closure. */
export function holidayJpCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  return createBusinessCalendar(holidayJpLookup, options);
}
