import { markScheduled, type Meeting, type MeetingWork } from '../../domain/meetings/meeting';
import type { AuditTrail, Clock, Versioned } from '../ports';
import type { Calendar, CalendarFailure } from './calendarPort';
import type { MeetingRepository } from './meetingRepository';

/**
 * Calendar work a conference owes, done from the card click (inline) or later by the meeting worker. The work
 * is committed to the meeting document first (ETag), then done, then its result committed: a crash, a 429 or
 * a 5xx leaves the work in the document for the next attempt, never lost. Creates are safe to repeat (the
 * event carries the meeting id as Graph `transactionId`), updates and cancels are idempotent.
 */

export interface MeetingWorkDeps {
  readonly meetings: MeetingRepository;
  readonly calendar: Calendar;
  readonly clock: Clock;
  /** Told after every commit that leaves something owed (kicks the worker). */
  readonly onWork?: (wardId: string, meetingId: string) => void;
  /** Text put into the event body before the join link when a body is written (ward language). */
  readonly joinLinkLabel?: string;
}

const MAX_BACKOFF_MS = 10 * 60_000;
const MAX_SAVE_ATTEMPTS = 8;

/** When to try again: what the service asked for, or an exponential backoff (5 s, 10 s, … 10 min). */
export function retryAt(now: Date, attempts: number, failure: CalendarFailure): string {
  const asked = failure.kind === 'throttled' ? failure.retryAfterMs : failure.kind === 'transient' ? (failure.retryAfterMs ?? 0) : 0;
  const backoff = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + Math.max(asked, backoff)).toISOString();
}

/** A failure worth trying again later (429, 5xx, no answer), as opposed to one that will not change. */
export function isRetryable(failure: CalendarFailure): boolean {
  return failure.kind === 'throttled' || failure.kind === 'transient';
}

export type Change = { readonly kind: 'save'; readonly meeting: Meeting } | { readonly kind: 'stop' };

/**
 * Load → decide → replace with the ETag, again on a conflict (someone saved in between: decide on their
 * version). Returns the stored version, or undefined when the meeting does not exist.
 */
export async function changeMeeting(
  deps: Pick<MeetingWorkDeps, 'meetings'>,
  wardId: string,
  meetingId: string,
  decide: (current: Meeting) => Change,
): Promise<{ readonly saved: boolean; readonly current: Versioned<Meeting> } | undefined> {
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const loaded = await deps.meetings.load(wardId, meetingId);
    if (!loaded) return undefined;
    const d = decide(loaded.value);
    if (d.kind === 'stop') return { saved: false, current: loaded };
    const r = await deps.meetings.replace(d.meeting, loaded.etag);
    if (r.kind === 'saved') return { saved: true, current: { value: d.meeting, etag: r.etag } };
  }
  throw new Error(`MEETING.CONTENDED: meeting ${meetingId} changed ${MAX_SAVE_ATTEMPTS} times while being saved; try again`);
}

/** The body as written into the event: the agenda text, then the Teams join link (see CalendarEventChange.bodyText). */
export function eventBodyOf(meeting: Meeting, label: string | undefined): string | undefined {
  if (meeting.bodyText === undefined) return undefined;
  return meeting.joinUrl === undefined ? meeting.bodyText : `${meeting.bodyText}\n\n${label ?? 'Teams:'} ${meeting.joinUrl}`;
}

const sameWork = (a: MeetingWork | undefined, b: MeetingWork) => a !== undefined && a.kind === b.kind && (a.kind !== 'reschedule' || (b.kind === 'reschedule' && a.slot.start.getTime() === b.slot.start.getTime()));

/**
 * Does the meeting's owed calendar work once, if it is due (or `force`), and commits the result.
 * `inline`: the card is being answered right now (so it is not owed afterwards); otherwise the card is
 * marked owed and the worker rewrites it.
 */
export async function performMeetingWork(deps: MeetingWorkDeps, wardId: string, meetingId: string, options: { readonly inline: boolean; readonly force?: boolean }): Promise<Versioned<Meeting> | undefined> {
  const loaded = await deps.meetings.load(wardId, meetingId);
  if (!loaded) return undefined;
  const m = loaded.value;
  const work = m.work;
  if (!work) return loaded;
  const now = deps.clock.now();
  if (!options.force && Date.parse(work.notBefore) > now.getTime()) return loaded;

  const settle = async (apply: (current: Meeting, at: string) => Meeting) => {
    const done = await changeMeeting(deps, wardId, meetingId, (current) => {
      // Someone else finished (or replaced) this work meanwhile: keep theirs.
      if (!sameWork(current.work, work)) return { kind: 'stop' };
      const at = deps.clock.now().toISOString();
      const next = apply(current, at);
      return { kind: 'save', meeting: { ...next, updatedAt: at, card: next.card && { ...next.card, owed: next.card.owed || !options.inline } } };
    });
    if (done?.saved && done.current.value.work !== undefined) deps.onWork?.(wardId, meetingId);
    if (done?.saved && !options.inline && done.current.value.card?.owed) deps.onWork?.(wardId, meetingId);
    return done?.current;
  };
  const later = (failure: CalendarFailure) =>
    settle((current) => {
      const w = current.work;
      if (!w) return current;
      return { ...current, work: { ...w, attempts: w.attempts + 1, notBefore: retryAt(deps.clock.now(), w.attempts + 1, failure) } };
    });
  const problemOf = (failure: CalendarFailure) => (failure.kind === 'forbidden' ? 'MEETING.CALENDAR_FORBIDDEN' : failure.kind === 'notFound' ? 'MEETING.EVENT_GONE' : 'MEETING.CALENDAR_REJECTED');

  switch (work.kind) {
    case 'create': {
      const body = eventBodyOf({ ...m, joinUrl: undefined }, deps.joinLinkLabel);
      const r = await deps.calendar.createEvent(m.organiser, { transactionId: m.meetingId, subject: m.subject, start: m.start, end: m.end, attendees: m.attendees, ...(body !== undefined ? { bodyText: body } : {}) });
      if (r.kind === 'created') {
        return settle((current) => {
          const s = markScheduled({ ...current, work: undefined }, r.eventId, r.joinUrl);
          return s.kind === 'changed' ? { ...s.meeting, problem: undefined } : { ...current, work: undefined };
        });
      }
      if (isRetryable(r)) return later(r);
      return settle((current) => ({ ...current, work: undefined, problem: problemOf(r) }));
    }
    case 'reschedule': {
      const body = eventBodyOf(m, deps.joinLinkLabel);
      if (m.eventId === undefined) return settle((current) => ({ ...current, work: undefined, problem: 'MEETING.NOT_SCHEDULED' }));
      const r = await deps.calendar.updateEvent(m.organiser, m.eventId, { start: work.slot.start, end: work.slot.end, ...(body !== undefined ? { bodyText: body } : {}) });
      if (r.kind === 'updated') return settle((current) => ({ ...current, work: undefined, start: work.slot.start, end: work.slot.end, joinUrl: r.joinUrl ?? current.joinUrl, problem: undefined }));
      if (isRetryable(r)) return later(r);
      if (r.kind === 'notFound') return settle((current) => ({ ...current, work: undefined, status: 'cancelled', problem: 'MEETING.EVENT_GONE' }));
      return settle((current) => ({ ...current, work: undefined, problem: problemOf(r) }));
    }
    case 'cancel': {
      if (m.eventId === undefined) return settle((current) => ({ ...current, work: undefined, status: 'cancelled', proposals: [] }));
      const r = await deps.calendar.cancelEvent(m.organiser, m.eventId);
      // An event already gone (deleted in Outlook) still cancels the conference.
      if (r.kind === 'cancelled' || r.kind === 'notFound') return settle((current) => ({ ...current, work: undefined, status: 'cancelled', proposals: [], problem: undefined }));
      if (isRetryable(r)) return later(r);
      return settle((current) => ({ ...current, work: undefined, problem: problemOf(r) }));
    }
    case 'body': {
      const body = eventBodyOf(m, deps.joinLinkLabel);
      if (m.eventId === undefined || body === undefined) return settle((current) => ({ ...current, work: undefined }));
      const r = await deps.calendar.updateEvent(m.organiser, m.eventId, { bodyText: body });
      if (r.kind === 'updated') return settle((current) => ({ ...current, work: undefined, joinUrl: r.joinUrl ?? current.joinUrl, problem: undefined }));
      if (isRetryable(r)) return later(r);
      if (r.kind === 'notFound') return settle((current) => ({ ...current, work: undefined, status: 'cancelled', problem: 'MEETING.EVENT_GONE' }));
      return settle((current) => ({ ...current, work: undefined, problem: problemOf(r) }));
    }
  }
}

/** Delivers the audit entries a meeting still owes, then drops them from the document (ETag). */
export async function deliverMeetingAudit(deps: Pick<MeetingWorkDeps, 'meetings'> & { readonly audit: Pick<AuditTrail, 'append'> }, wardId: string, meetingId: string): Promise<void> {
  const loaded = await deps.meetings.load(wardId, meetingId);
  if (!loaded || loaded.value.pendingAudit.length === 0) return;
  const entries = loaded.value.pendingAudit;
  await deps.audit.append(entries);
  const delivered = new Set(entries.map((e) => e.id));
  await changeMeeting(deps, wardId, meetingId, (current) =>
    current.pendingAudit.some((e) => delivered.has(e.id)) ? { kind: 'save', meeting: { ...current, pendingAudit: current.pendingAudit.filter((e) => !delivered.has(e.id)) } } : { kind: 'stop' },
  );
}
