import type { BusinessCalendar } from '../../domain/businessCalendar';
import type { CalendarDate } from '../../domain/dates';
import { blockingIntervals } from '../../domain/meetings/freeBusy';
import { isMailbox } from '../../domain/meetings/meeting';
import { checkSlotRequest, findConferenceSlots, type ConferenceHours, type SlotGranularity, type SlotInvalidCode } from '../../domain/meetings/slotFinder';
import { tokyoInstant, type TimeInterval } from '../../domain/meetings/time';
import type { Clock } from '../ports';
import type { Calendar, CalendarFailure } from './calendarPort';

export interface ProposeSlotsDeps {
  readonly calendar: Calendar;
  readonly businessCalendar: Pick<BusinessCalendar, 'isBusinessDay'>;
  readonly clock: Clock;
  /** The ward's conference hours (default 9:00–17:00). */
  readonly hours?: ConferenceHours;
  /** No slot starts sooner than this many minutes from now (default 60). */
  readonly noticeMinutes?: number;
}

export interface ProposeSlotsRequest {
  readonly organiser: string;
  readonly attendees: readonly string[];
  readonly durationMinutes: number;
  readonly window: { readonly from: CalendarDate; readonly to: CalendarDate };
  readonly granularityMinutes?: SlotGranularity;
  readonly maxPerDay?: number;
}

export type ProposeSlotsOutcome =
  /** Up to three times, earliest first. `unknownAttendees`: calendars that could not be read (say so on the card). */
  | { readonly kind: 'proposed'; readonly slots: readonly TimeInterval[]; readonly unknownAttendees: readonly string[] }
  | { readonly kind: 'noneFound'; readonly businessDays: number; readonly unknownAttendees: readonly string[] }
  | { readonly kind: 'invalid'; readonly code: SlotInvalidCode | 'MEETING.BAD_MAILBOX' | 'MEETING.NO_ATTENDEES'; readonly detail: string }
  | { readonly kind: 'calendarUnavailable'; readonly failure: CalendarFailure };

/**
 * Case conference, step 1: ask the calendars of the organiser and the attendees for their busy times over
 * the window (whole Tokyo days) and propose the earliest free times in conference hours on ward working days.
 */
export async function proposeConferenceSlots(deps: ProposeSlotsDeps, req: ProposeSlotsRequest): Promise<ProposeSlotsOutcome> {
  const organiser = req.organiser.trim().toLowerCase();
  const attendees = [...new Set(req.attendees.map((a) => a.trim().toLowerCase()))].filter((a) => a !== organiser);
  if (![organiser, ...attendees].every(isMailbox)) return { kind: 'invalid', code: 'MEETING.BAD_MAILBOX', detail: 'every organiser and attendee must be a mailbox address' };
  if (attendees.length === 0) return { kind: 'invalid', code: 'MEETING.NO_ATTENDEES', detail: 'invite at least one person besides the organiser' };

  const now = deps.clock.now();
  const search = {
    durationMinutes: req.durationMinutes,
    window: req.window,
    notBefore: new Date(now.getTime() + (deps.noticeMinutes ?? 60) * 60_000),
    ...(deps.hours ? { hours: deps.hours } : {}),
    ...(req.granularityMinutes ? { granularityMinutes: req.granularityMinutes } : {}),
    ...(req.maxPerDay ? { maxPerDay: req.maxPerDay } : {}),
  };
  const invalid = checkSlotRequest(search);
  if (invalid) return invalid;

  const window: TimeInterval = { start: tokyoInstant(req.window.from, 0), end: tokyoInstant(req.window.to, 24 * 60) };
  const busy = await deps.calendar.getBusy(organiser, [organiser, ...attendees], window);
  if (busy.kind !== 'availability') return { kind: 'calendarUnavailable', failure: busy };

  const unknownAttendees = [...busy.byAttendee].filter(([, a]) => a.kind === 'unknown').map(([who]) => who);
  const found = findConferenceSlots({ ...search, busy: blockingIntervals(busy.byAttendee.values()) }, deps.businessCalendar);
  switch (found.kind) {
    case 'found':
      return { kind: 'proposed', slots: found.slots, unknownAttendees };
    case 'noneFound':
      return { kind: 'noneFound', businessDays: found.businessDays, unknownAttendees };
    case 'invalid':
      return found;
  }
}
