/**
 * Graph's dateTimeTimeZone ({ dateTime: "2026-11-24T10:00:00", timeZone: "Tokyo Standard Time" }): a wall-clock
 * reading without offset plus a zone name (Windows names, or the IANA names Graph also accepts). Tsunagu only
 * ever writes Tokyo time and reads Tokyo or UTC (what Graph returns without a Prefer: outlook.timezone header),
 * so only zones with a fixed offset are known here; anything else is reported as unreadable, never guessed.
 * See test/contract/graphCalendarContract.md.
 */

/** The Windows name Graph uses for Asia/Tokyo (UTC+9, no daylight saving). */
export const TOKYO_TIME_ZONE = 'Tokyo Standard Time';

/** `Prefer: outlook.timezone="Tokyo Standard Time"`: start and end times in responses come back in Tokyo time. */
export const PREFER_TOKYO = `outlook.timezone="${TOKYO_TIME_ZONE}"`;

const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'tokyo standard time': 9 * 60,
  'asia/tokyo': 9 * 60,
  utc: 0,
  'etc/utc': 0,
  'etc/gmt': 0,
};

/** The offset from UTC in minutes of a zone name we can read, or undefined. */
export function fixedOffsetMinutes(timeZone: string): number | undefined {
  return FIXED_OFFSET_MINUTES[timeZone.trim().toLowerCase()];
}

export interface GraphDateTimeTimeZone {
  readonly dateTime: string;
  readonly timeZone: string;
}

/** "2019-03-15T12:00:00.0000000", "2019-03-15T12:00:00" or "2019-03-15T12:00" (Graph writes up to 7 fraction digits). */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** The instant a dateTimeTimeZone names, or undefined when the text or the zone cannot be read. */
export function parseGraphDateTime(value: GraphDateTimeTimeZone): Date | undefined {
  const offset = fixedOffsetMinutes(value.timeZone);
  const m = LOCAL_DATE_TIME.exec(value.dateTime);
  if (offset === undefined || !m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000) - offset * 60_000;
  const check = new Date(ms + offset * 60_000);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute) return undefined;
  return new Date(ms);
}

/** An instant as a request dateTimeTimeZone ("YYYY-MM-DDTHH:mm:ss" in a fixed-offset zone). */
export function toGraphDateTime(instant: Date, timeZone: string = TOKYO_TIME_ZONE): GraphDateTimeTimeZone {
  const offset = fixedOffsetMinutes(timeZone);
  if (offset === undefined) throw new RangeError(`GRAPH.UNKNOWN_TIME_ZONE: "${timeZone}" has no fixed offset known to Tsunagu`);
  return { dateTime: new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19), timeZone };
}

/** As Graph writes it in responses: seven fraction digits ("2019-03-15T12:00:00.0000000"). */
export function toGraphResponseDateTime(instant: Date, timeZone: string): GraphDateTimeTimeZone {
  const offset = fixedOffsetMinutes(timeZone);
  if (offset === undefined) throw new RangeError(`GRAPH.UNKNOWN_TIME_ZONE: "${timeZone}" has no fixed offset known to Tsunagu`);
  const shifted = new Date(instant.getTime() + offset * 60_000).toISOString();
  return { dateTime: `${shifted.slice(0, 19)}.${shifted.slice(20, 23)}0000`, timeZone };
}

/**
 * Retry-After as milliseconds: delta-seconds ("120") or an HTTP-date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable; never negative.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
