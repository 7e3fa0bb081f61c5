import type { CalendarDate } from '../dates';

/**
 * Instants and wall-clock times for meetings. Every wall-clock time in Tsunagu is Asia/Tokyo, which has no
 * daylight saving since 1951, so a Tokyo time is always UTC+9 and the arithmetic below needs no zone table.
 */

/** A half-open span of time [start, end) between two instants. */
export interface TimeInterval {
  readonly start: Date;
  readonly end: Date;
}

/** A time of day in Tokyo as minutes after midnight (0–1440), e.g. 9:30 = 570. */
export type MinuteOfDay = number;

const MINUTE_MS = 60_000;
const JST_OFFSET_MS = 9 * 60 * MINUTE_MS;

/** The instant at a Tokyo wall-clock time on a date (minute 1440 is the next midnight). */
export function tokyoInstant(date: CalendarDate, minuteOfDay: MinuteOfDay): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS - JST_OFFSET_MS);
}

/** The Tokyo wall-clock time of an instant, minutes after midnight (seconds are dropped). */
export function tokyoMinuteOfDay(instant: Date): MinuteOfDay {
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/**
 * The Tokyo wall-clock reading of an instant as "YYYY-MM-DDTHH:mm:ss" (no offset), the form Graph's
 * dateTimeTimeZone carries together with the zone name.
 */
export function tokyoLocalDateTime(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19);
}

/** "HH:MM" (00:00–24:00) → minutes after midnight, or undefined when it is not such a time. */
export function parseTimeOfDay(text: string): MinuteOfDay | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

export function durationMinutes(interval: TimeInterval): number {
  return (interval.end.getTime() - interval.start.getTime()) / MINUTE_MS;
}

/** True when two half-open intervals share any time (touching ends do not overlap). */
export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export function isProperInterval(interval: TimeInterval): boolean {
  const [s, e] = [interval.start.getTime(), interval.end.getTime()];
  return Number.isFinite(s) && Number.isFinite(e) && s < e;
}
