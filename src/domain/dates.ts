/** Calendar dates (no time) as ISO strings "YYYY-MM-DD", and the Japanese notion of age. Asia/Tokyo. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export function formatIsoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date in Asia/Tokyo (JST has no daylight saving) at an instant. */
export function tokyoDate(instant: Date): CalendarDate {
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Completed years of age on a date (birthday reached → +1). */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}

/**
 * The school year (年度, April–March) in which the child enters elementary school.
 * Japanese law counts age as reached on the day before the birthday, so a child born on April 1 is
 * "6 on April 1" a year before a child born on April 2 (the April 2 – April 1 cohort rule).
 */
export function elementaryEntryYear(birth: CalendarDate): number {
  const bornOnOrBeforeApril1 = birth.month < 4 || (birth.month === 4 && birth.day === 1);
  return birth.year + (bornOnOrBeforeApril1 ? 6 : 7);
}

/** The school year (年度) an instant belongs to: April–March, named by the April year. */
export function schoolYearOf(d: CalendarDate): number {
  return d.month >= 4 ? d.year : d.year - 1;
}
