import type { CaseCode } from '../../domain/case';
import { cancel, markScheduled, proposeCaseConference, reschedule, withJoinUrl, type Meeting, type NewConference } from '../../domain/meetings/meeting';
import type { TimeInterval } from '../../domain/meetings/time';
import type { Calendar, CalendarFailure } from './calendarPort';

/**
 * Case conference, steps 2–4: put the chosen time on the calendars as a Teams meeting, ask again for a
 * missing join link, reschedule, cancel. Each step returns the meeting as it now is; storing it (and the
 * card) is the caller's. The calendar event is the source of truth for attendees: invitations, updates and
 * cancellations go out from the organiser's calendar.
 */

export interface ConferenceDeps {
  readonly calendar: Calendar;
}

export type ScheduleOutcome =
  | { readonly kind: 'scheduled'; readonly meeting: Meeting }
  /** The event exists and invitations went out, but without a Teams link: say so and offer retryJoinLink. */
  | { readonly kind: 'scheduledWithoutJoinLink'; readonly meeting: Meeting }
  | Extract<NewConference, { kind: 'invalid' }>
  /** Nothing was created (or a retry with the same meetingId will find the created event). */
  | { readonly kind: 'calendarUnavailable'; readonly failure: CalendarFailure };

export interface ScheduleRequest {
  /** Stable per conference: retrying with the same id never creates a second event (Graph transactionId). */
  readonly meetingId: string;
  readonly caseCode: CaseCode | undefined;
  readonly organiser: string;
  readonly attendees: readonly string[];
  readonly slot: TimeInterval;
  /**
   * Plain text for the event body, from the i18n catalogue: no names, no case details (the card in Teams has
   * those, behind permissions). Optional.
   */
  readonly bodyText?: string;
}

export async function scheduleConference(deps: ConferenceDeps, req: ScheduleRequest): Promise<ScheduleOutcome> {
  const proposed = proposeCaseConference(req);
  if (proposed.kind !== 'ready') return proposed;
  const m = proposed.meeting;
  const created = await deps.calendar.createEvent(m.organiser, {
    transactionId: m.meetingId,
    subject: m.subject,
    start: m.start,
    end: m.end,
    attendees: m.attendees,
    ...(req.bodyText !== undefined ? { bodyText: req.bodyText } : {}),
  });
  if (created.kind !== 'created') return { kind: 'calendarUnavailable', failure: created };
  const scheduled = markScheduled(m, created.eventId, created.joinUrl);
  if (scheduled.kind !== 'changed') throw new Error(`MEETING.UNEXPECTED: a new conference could not be marked scheduled (${scheduled.kind})`);
  return scheduled.meeting.joinUrl === undefined ? { kind: 'scheduledWithoutJoinLink', meeting: scheduled.meeting } : { kind: 'scheduled', meeting: scheduled.meeting };
}

export type ChangeOutcome =
  | { readonly kind: 'changed'; readonly meeting: Meeting }
  | { readonly kind: 'stillWithoutJoinLink'; readonly meeting: Meeting }
  | { readonly kind: 'alreadyCancelled' }
  | { readonly kind: 'notScheduled' }
  /** The event is no longer in the organiser's calendar (deleted in Outlook). */
  | { readonly kind: 'eventGone' }
  | { readonly kind: 'invalid'; readonly code: 'MEETING.BAD_TIME'; readonly detail: string }
  | { readonly kind: 'calendarUnavailable'; readonly failure: CalendarFailure };

/** Asks the calendar again for the Teams link of a conference created without one. */
export async function retryJoinLink(deps: ConferenceDeps, meeting: Meeting): Promise<ChangeOutcome> {
  if (meeting.status === 'cancelled') return { kind: 'alreadyCancelled' };
  if (meeting.status !== 'scheduled' || meeting.eventId === undefined) return { kind: 'notScheduled' };
  if (meeting.joinUrl !== undefined) return { kind: 'changed', meeting };
  const updated = await deps.calendar.updateEvent(meeting.organiser, meeting.eventId, {});
  if (updated.kind === 'notFound') return { kind: 'eventGone' };
  if (updated.kind !== 'updated') return { kind: 'calendarUnavailable', failure: updated };
  if (updated.joinUrl === undefined) return { kind: 'stillWithoutJoinLink', meeting };
  return withJoinUrl(meeting, updated.joinUrl);
}

export async function rescheduleConference(deps: ConferenceDeps, meeting: Meeting, slot: TimeInterval): Promise<ChangeOutcome> {
  const next = reschedule(meeting, slot);
  if (next.kind !== 'changed') return next;
  if (meeting.eventId === undefined) return { kind: 'notScheduled' };
  const updated = await deps.calendar.updateEvent(meeting.organiser, meeting.eventId, { start: slot.start, end: slot.end });
  if (updated.kind === 'notFound') return { kind: 'eventGone' };
  if (updated.kind !== 'updated') return { kind: 'calendarUnavailable', failure: updated };
  return { kind: 'changed', meeting: { ...next.meeting, joinUrl: updated.joinUrl ?? next.meeting.joinUrl } };
}

export type CancelOutcome =
  | { readonly kind: 'cancelled'; readonly meeting: Meeting; readonly eventWasGone: boolean }
  | { readonly kind: 'alreadyCancelled' }
  | { readonly kind: 'calendarUnavailable'; readonly failure: CalendarFailure };

/** Cancels the event (attendees are told) and the conference. An event already deleted in Outlook still cancels the conference. */
export async function cancelConference(deps: ConferenceDeps, meeting: Meeting, comment?: string): Promise<CancelOutcome> {
  const next = cancel(meeting);
  if (next.kind === 'alreadyCancelled') return next;
  if (next.kind !== 'changed') throw new Error(`MEETING.UNEXPECTED: cancel returned ${next.kind}`);
  if (meeting.eventId === undefined) return { kind: 'cancelled', meeting: next.meeting, eventWasGone: false };
  const result = await deps.calendar.cancelEvent(meeting.organiser, meeting.eventId, comment);
  if (result.kind === 'notFound') return { kind: 'cancelled', meeting: next.meeting, eventWasGone: true };
  if (result.kind !== 'cancelled') return { kind: 'calendarUnavailable', failure: result };
  return { kind: 'cancelled', meeting: next.meeting, eventWasGone: false };
}
