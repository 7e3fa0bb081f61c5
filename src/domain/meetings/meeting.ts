import { CASE_CODE_PATTERN, type CaseCode } from '../case';
import { durationMinutes, isProperInterval, type TimeInterval } from './time';

/**
 * A case conference (支援会議) as Tsunagu keeps it: who organises it, who is invited, when, and the calendar
 * event created for it. The subject carries the case code only — never a name — because it is shown in
 * every attendee's calendar, in notifications and on lock screens.
 */

export const MEETING_STATUSES = ['proposed', 'scheduled', 'cancelled'] as const;
/** proposed: times offered, no event yet · scheduled: the event exists · cancelled: the event was cancelled. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface Meeting {
  /** Tsunagu's id; also the Graph `transactionId` of the create, so a retried create makes no second event. */
  readonly meetingId: string;
  readonly kind: 'caseConference';
  readonly caseCode: CaseCode | undefined;
  /** Mailbox (UPN / SMTP address) of the organiser; the event lives in this calendar. */
  readonly organiser: string;
  /** Mailboxes of the people invited (lower case, without the organiser, no duplicates). */
  readonly attendees: readonly string[];
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  readonly status: MeetingStatus;
  /** The calendar event id, once created. */
  readonly eventId: string | undefined;
  /** The Teams join link; undefined while the calendar has not given one (the card then offers a retry). */
  readonly joinUrl: string | undefined;
}

export const MAX_ATTENDEES = 50;
const MAILBOX = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** 「支援会議 2026-0012」, or 「支援会議」 for a conference about no single case. */
export function caseConferenceSubject(caseCode: CaseCode | undefined): string {
  if (caseCode === undefined) return '支援会議';
  if (!CASE_CODE_PATTERN.test(caseCode)) throw new RangeError(`MEETING.BAD_CASE_CODE: "${caseCode}" is not a case code such as 2026-0012`);
  return `支援会議 ${caseCode}`;
}

export function isMailbox(text: string): boolean {
  return MAILBOX.test(text);
}

export type NewConference =
  | { readonly kind: 'ready'; readonly meeting: Meeting }
  | { readonly kind: 'invalid'; readonly code: 'MEETING.NO_ATTENDEES' | 'MEETING.TOO_MANY_ATTENDEES' | 'MEETING.BAD_MAILBOX' | 'MEETING.BAD_TIME'; readonly detail: string };

export interface NewConferenceInput {
  readonly meetingId: string;
  readonly caseCode: CaseCode | undefined;
  readonly organiser: string;
  readonly attendees: readonly string[];
  readonly slot: TimeInterval;
}

/** A conference at a chosen time, not yet on anybody's calendar. */
export function proposeCaseConference(input: NewConferenceInput): NewConference {
  const organiser = input.organiser.trim().toLowerCase();
  const bad = [organiser, ...input.attendees.map((a) => a.trim())].find((a) => !isMailbox(a));
  if (bad !== undefined) return { kind: 'invalid', code: 'MEETING.BAD_MAILBOX', detail: 'every organiser and attendee must be a mailbox address' };
  const attendees = [...new Set(input.attendees.map((a) => a.trim().toLowerCase()))].filter((a) => a !== organiser);
  if (attendees.length === 0) return { kind: 'invalid', code: 'MEETING.NO_ATTENDEES', detail: 'invite at least one person besides the organiser' };
  if (attendees.length > MAX_ATTENDEES) return { kind: 'invalid', code: 'MEETING.TOO_MANY_ATTENDEES', detail: `invite at most ${MAX_ATTENDEES} people` };
  if (!isProperInterval(input.slot) || durationMinutes(input.slot) > 24 * 60) return { kind: 'invalid', code: 'MEETING.BAD_TIME', detail: 'the meeting must end after it starts, within a day' };
  return {
    kind: 'ready',
    meeting: {
      meetingId: input.meetingId,
      kind: 'caseConference',
      caseCode: input.caseCode,
      organiser,
      attendees,
      subject: caseConferenceSubject(input.caseCode),
      start: input.slot.start,
      end: input.slot.end,
      status: 'proposed',
      eventId: undefined,
      joinUrl: undefined,
    },
  };
}

export type MeetingChange =
  | { readonly kind: 'changed'; readonly meeting: Meeting }
  | { readonly kind: 'alreadyCancelled' }
  | { readonly kind: 'notScheduled' }
  | { readonly kind: 'invalid'; readonly code: 'MEETING.BAD_TIME'; readonly detail: string };

/** The calendar event exists (possibly without a join link yet). Idempotent for the same event. */
export function markScheduled(meeting: Meeting, eventId: string, joinUrl: string | undefined): MeetingChange {
  if (meeting.status === 'cancelled') return { kind: 'alreadyCancelled' };
  return { kind: 'changed', meeting: { ...meeting, status: 'scheduled', eventId, joinUrl: joinUrl ?? meeting.joinUrl } };
}

/** A join link arrived later (a retry after the calendar created the event without one). */
export function withJoinUrl(meeting: Meeting, joinUrl: string): MeetingChange {
  if (meeting.status === 'cancelled') return { kind: 'alreadyCancelled' };
  if (meeting.status !== 'scheduled') return { kind: 'notScheduled' };
  return { kind: 'changed', meeting: { ...meeting, joinUrl } };
}

export function reschedule(meeting: Meeting, slot: TimeInterval): MeetingChange {
  if (meeting.status === 'cancelled') return { kind: 'alreadyCancelled' };
  if (meeting.status !== 'scheduled') return { kind: 'notScheduled' };
  if (!isProperInterval(slot) || durationMinutes(slot) > 24 * 60) return { kind: 'invalid', code: 'MEETING.BAD_TIME', detail: 'the meeting must end after it starts, within a day' };
  return { kind: 'changed', meeting: { ...meeting, start: slot.start, end: slot.end } };
}

export function cancel(meeting: Meeting): MeetingChange {
  if (meeting.status === 'cancelled') return { kind: 'alreadyCancelled' };
  return { kind: 'changed', meeting: { ...meeting, status: 'cancelled' } };
}

/** A scheduled conference whose calendar event came back without a Teams link. */
export function isMissingJoinLink(meeting: Meeting): boolean {
  return meeting.status === 'scheduled' && meeting.joinUrl === undefined;
}
