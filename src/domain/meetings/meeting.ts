import type { AuditEntry } from '../audit';
import { CASE_CODE_PATTERN, type CaseCode } from '../case';
import type { ConversationAddress } from '../handoff';
import { durationMinutes, isProperInterval, type TimeInterval } from './time';

/**
 * A case conference (支援会議) as Tsunagu keeps it: who organises it, who is invited, when, and the calendar
 * event created for it. The subject carries the case code only — never a name — because it is shown in
 * every attendee's calendar, in notifications and on lock screens.
 */

export const MEETING_STATUSES = ['proposed', 'scheduled', 'cancelled'] as const;
/** proposed: times offered, no event yet · scheduled: the event exists · cancelled: the event was cancelled. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * caseConference: a 支援会議 about one case (organised by people holding the case; its attendees and time are
 * case data, so reading and writing them is audited). wardConference: the ward's 重症心身障がい・医療的ケア児等会議
 * (no case; organised by the secretariat), whose event body carries the published agenda.
 */
export const MEETING_KINDS = ['caseConference', 'wardConference'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * Calendar work a conference still owes (Graph throttled or unavailable when it was asked): done by the
 * meeting worker after `notBefore`, never dropped. `create` uses the meeting's start/end (the chosen time).
 */
export type MeetingWork =
  | { readonly kind: 'create'; readonly attempts: number; readonly notBefore: string }
  | { readonly kind: 'reschedule'; readonly slot: TimeInterval; readonly attempts: number; readonly notBefore: string }
  | { readonly kind: 'cancel'; readonly attempts: number; readonly notBefore: string }
  /** Write `bodyText` into the event (a published agenda). */
  | { readonly kind: 'body'; readonly attempts: number; readonly notBefore: string };

/** The Teams card that shows this conference (rewritten when deferred work finishes). */
export interface MeetingCardRef {
  readonly address: ConversationAddress;
  readonly activityId: string;
  readonly language: 'ja' | 'en';
  /** True while the card shows an older state than the stored one (the worker rewrites it). */
  readonly owed: boolean;
}

export interface Meeting {
  /** Tsunagu's id; also the Graph `transactionId` of the create, so a retried create makes no second event. */
  readonly meetingId: string;
  /** The ward (the Cosmos partition). */
  readonly wardId: string;
  readonly kind: MeetingKind;
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
  /** Entra object id of the organiser (who may pick, reschedule and cancel). */
  readonly organiserId: string | undefined;
  /** The times last offered on the card (a pick must be one of them); empty once one is taken. */
  readonly proposals: readonly TimeInterval[];
  /** Calendar work still owed (see MeetingWork). */
  readonly work: MeetingWork | undefined;
  readonly card: MeetingCardRef | undefined;
  /** Plain-text event body last written (the agenda of a ward conference); never names. */
  readonly bodyText: string | undefined;
  /** Audit entries committed with this version and not yet in the audit trail (the worker delivers them). */
  readonly pendingAudit: readonly AuditEntry[];
  /** Why the last calendar step failed for good (e.g. MEETING.CALENDAR_FORBIDDEN), shown on the card. */
  readonly problem: string | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const MAX_ATTENDEES = 50;
const MAILBOX = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** The subject of the ward's conference: the meeting's name only. */
export const WARD_CONFERENCE_SUBJECT = '重症心身障がい・医療的ケア児等会議';

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
  | { readonly kind: 'invalid'; readonly code: 'MEETING.NO_ATTENDEES' | 'MEETING.TOO_MANY_ATTENDEES' | 'MEETING.BAD_MAILBOX' | 'MEETING.BAD_TIME' | 'MEETING.BAD_KIND'; readonly detail: string };

export interface NewConferenceInput {
  readonly meetingId: string;
  readonly caseCode: CaseCode | undefined;
  readonly organiser: string;
  readonly attendees: readonly string[];
  readonly slot: TimeInterval;
  /** Default caseConference. A wardConference has no case code. */
  readonly kind?: MeetingKind;
  /** Default '' (calendar-only uses that store nothing). */
  readonly wardId?: string;
  readonly organiserId?: string;
  readonly proposals?: readonly TimeInterval[];
  /** ISO instant of creation (default: the epoch, for calendar-only uses). */
  readonly at?: string;
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
  const kind = input.kind ?? 'caseConference';
  if (kind === 'wardConference' && input.caseCode !== undefined) return { kind: 'invalid', code: 'MEETING.BAD_KIND', detail: 'a ward conference is about no single case' };
  const at = input.at ?? new Date(0).toISOString();
  return {
    kind: 'ready',
    meeting: {
      meetingId: input.meetingId,
      wardId: input.wardId ?? '',
      kind,
      caseCode: input.caseCode,
      organiser,
      attendees,
      subject: kind === 'wardConference' ? WARD_CONFERENCE_SUBJECT : caseConferenceSubject(input.caseCode),
      start: input.slot.start,
      end: input.slot.end,
      status: 'proposed',
      eventId: undefined,
      joinUrl: undefined,
      organiserId: input.organiserId,
      proposals: input.proposals ?? [],
      work: undefined,
      card: undefined,
      bodyText: undefined,
      pendingAudit: [],
      problem: undefined,
      createdAt: at,
      updatedAt: at,
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

/** Whether anything is still owed for this meeting: calendar work, audit entries, or a card rewrite. */
export function hasMeetingWork(meeting: Meeting): boolean {
  return meeting.work !== undefined || meeting.pendingAudit.length > 0 || meeting.card?.owed === true;
}
