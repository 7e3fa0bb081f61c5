import { addDays, daysBetween, type BusinessCalendar } from '../businessCalendar';
import { compareDates, type CalendarDate } from '../dates';
import { isProperInterval, tokyoInstant, type MinuteOfDay, type TimeInterval } from './time';

/**
 * Finding times for a case conference (支援会議): the earliest times, inside the ward's conference hours on
 * ward working days (no weekends, public holidays or year-end closure — the business calendar decides),
 * that overlap nobody's busy time. Pure: busy times, the calendar and "now" are given.
 */

/** The hours in which conferences are held, Asia/Tokyo, with optional breaks (e.g. lunch) inside them. */
export interface ConferenceHours {
  readonly open: MinuteOfDay;
  readonly close: MinuteOfDay;
  readonly breaks: readonly { readonly from: MinuteOfDay; readonly to: MinuteOfDay }[];
}

/** 9:00–17:00 without a break; a ward can configure other hours or a lunch break. */
export const DEFAULT_CONFERENCE_HOURS: ConferenceHours = Object.freeze({ open: 9 * 60, close: 17 * 60, breaks: Object.freeze([]) });

/** Cards offer at most this many times to choose from. */
export const MAX_PROPOSED_SLOTS = 3;
/** The longest window searched at once (calendar days, both ends included). */
export const MAX_WINDOW_DAYS = 62;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 8 * 60;

export type SlotGranularity = 15 | 30;

export interface SlotRequest {
  /** Minutes; a multiple of 15 between 15 and 480. */
  readonly durationMinutes: number;
  /** Calendar dates in Tokyo, both included. */
  readonly window: { readonly from: CalendarDate; readonly to: CalendarDate };
  /** Everything that keeps the meeting out (all attendees together; see freeBusy.blockingIntervals). */
  readonly busy: readonly TimeInterval[];
  /** No slot starts before this instant (usually now, or now plus a notice period). */
  readonly notBefore?: Date;
  readonly hours?: ConferenceHours;
  /** Slots start on these minute boundaries of the hour (default 30: 9:00, 9:30, …). */
  readonly granularityMinutes?: SlotGranularity;
  /** 1–3 (default 3). */
  readonly maxSlots?: number;
  /** At most this many proposals on one day, to offer a choice of days (default: no limit). */
  readonly maxPerDay?: number;
}

export type SlotInvalidCode = 'MEETING.BAD_DURATION' | 'MEETING.BAD_WINDOW' | 'MEETING.WINDOW_TOO_LONG' | 'MEETING.BAD_HOURS' | 'MEETING.BAD_SLOT_COUNT';

export type SlotSearch =
  /** One to maxSlots proposals, earliest first, not overlapping each other or any busy time. */
  | { readonly kind: 'found'; readonly slots: readonly TimeInterval[] }
  /** Nothing fits; `businessDays` says how many working days were searched (0: the window has none). */
  | { readonly kind: 'noneFound'; readonly businessDays: number }
  | { readonly kind: 'invalid'; readonly code: SlotInvalidCode; readonly detail: string };

const MINUTE_MS = 60_000;

/** The open periods of a day: [open, close) minus the breaks, in order. */
export function openPeriods(hours: ConferenceHours): { from: MinuteOfDay; to: MinuteOfDay }[] {
  const breaks = [...hours.breaks].sort((a, b) => a.from - b.from);
  const periods: { from: MinuteOfDay; to: MinuteOfDay }[] = [];
  let from = hours.open;
  for (const b of breaks) {
    if (b.to <= from || b.from >= hours.close) continue;
    if (b.from > from) periods.push({ from, to: Math.min(b.from, hours.close) });
    from = Math.max(from, b.to);
  }
  if (from < hours.close) periods.push({ from, to: hours.close });
  return periods;
}

function validHours(h: ConferenceHours): boolean {
  const minute = (m: number) => Number.isInteger(m) && m >= 0 && m <= 24 * 60;
  return minute(h.open) && minute(h.close) && h.open < h.close && h.breaks.every((b) => minute(b.from) && minute(b.to) && b.from < b.to);
}

/** Why a request cannot be searched, or undefined when it can (check before asking calendars for busy times). */
export function checkSlotRequest(req: Omit<SlotRequest, 'busy'>): Extract<SlotSearch, { kind: 'invalid' }> | undefined {
  const hours = req.hours ?? DEFAULT_CONFERENCE_HOURS;
  const d = req.durationMinutes;
  if (!Number.isInteger(d) || d < MIN_DURATION_MINUTES || d > MAX_DURATION_MINUTES || d % 15 !== 0) {
    return { kind: 'invalid', code: 'MEETING.BAD_DURATION', detail: `duration must be a multiple of 15 minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES}, got ${d}` };
  }
  if (compareDates(req.window.from, req.window.to) > 0) return { kind: 'invalid', code: 'MEETING.BAD_WINDOW', detail: 'the window ends before it starts' };
  if (daysBetween(req.window.from, req.window.to) + 1 > MAX_WINDOW_DAYS) {
    return { kind: 'invalid', code: 'MEETING.WINDOW_TOO_LONG', detail: `search at most ${MAX_WINDOW_DAYS} days at once` };
  }
  if (!validHours(hours)) return { kind: 'invalid', code: 'MEETING.BAD_HOURS', detail: 'conference hours must be whole minutes with open before close' };
  const max = req.maxSlots ?? MAX_PROPOSED_SLOTS;
  const perDay = req.maxPerDay ?? max;
  if (!Number.isInteger(max) || max < 1 || max > MAX_PROPOSED_SLOTS || !Number.isInteger(perDay) || perDay < 1) {
    return { kind: 'invalid', code: 'MEETING.BAD_SLOT_COUNT', detail: `propose 1 to ${MAX_PROPOSED_SLOTS} slots` };
  }
  return undefined;
}

export function findConferenceSlots(req: SlotRequest, calendar: Pick<BusinessCalendar, 'isBusinessDay'>): SlotSearch {
  const invalid = checkSlotRequest(req);
  if (invalid) return invalid;
  const hours = req.hours ?? DEFAULT_CONFERENCE_HOURS;

  const maxSlots = req.maxSlots ?? MAX_PROPOSED_SLOTS;
  const maxPerDay = req.maxPerDay ?? maxSlots;
  const stepMs = (req.granularityMinutes ?? 30) * MINUTE_MS;
  const durationMs = req.durationMinutes * MINUTE_MS;
  const notBefore = req.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY;
  const busy = req.busy.filter(isProperInterval).map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  const periods = openPeriods(hours);

  const slots: TimeInterval[] = [];
  let businessDays = 0;
  for (let date = req.window.from; compareDates(date, req.window.to) <= 0 && slots.length < maxSlots; date = addDays(date, 1)) {
    if (!calendar.isBusinessDay(date)) continue;
    businessDays++;
    const midnight = tokyoInstant(date, 0).getTime();
    /** The first step boundary of this day at or after an instant. */
    const boundaryAtOrAfter = (ms: number) => midnight + Math.ceil((ms - midnight) / stepMs) * stepMs;
    let today = 0;
    for (const period of periods) {
      const periodEnd = midnight + period.to * MINUTE_MS;
      let start = boundaryAtOrAfter(Math.max(midnight + period.from * MINUTE_MS, notBefore));
      while (start + durationMs <= periodEnd && slots.length < maxSlots && today < maxPerDay) {
        const end = start + durationMs;
        // Jump past the latest-ending busy time that overlaps the candidate; repeat until nothing overlaps.
        let clashEnd = Number.NEGATIVE_INFINITY;
        for (const b of busy) if (b.start < end && start < b.end && b.end > clashEnd) clashEnd = b.end;
        if (clashEnd > Number.NEGATIVE_INFINITY) {
          start = boundaryAtOrAfter(clashEnd);
          continue;
        }
        slots.push({ start: new Date(start), end: new Date(end) });
        today++;
        start = boundaryAtOrAfter(end);
      }
    }
  }
  return slots.length > 0 ? { kind: 'found', slots } : { kind: 'noneFound', businessDays };
}
