import type { Meeting } from '../../domain/meetings/meeting';
import { changeMeeting, performMeetingWork, type MeetingWorkDeps } from './meetingWork';

/**
 * Writes plain text (a published agenda) into a conference's calendar event body: stored on the meeting first
 * (ETag), then PATCHed through the Calendar port. Graph throttling (429 + Retry-After beyond a turn) and 5xx
 * leave the write owed on the meeting; the meeting worker finishes it — `deferred` says so, nothing is lost.
 * Permission is the caller's (the agenda use case checks the secretary). The text must carry no names.
 */

export interface WriteConferenceBodyRequest {
  readonly wardId: string;
  readonly meetingId: string;
  readonly bodyText: string;
}

export type WriteConferenceBodyOutcome =
  /** The event body now holds the text. */
  | { readonly kind: 'written'; readonly meeting: Meeting }
  /** Stored; the calendar answered 429/5xx (or other work was owed first): the worker writes it after `notBefore`. */
  | { readonly kind: 'deferred'; readonly meeting: Meeting }
  | { readonly kind: 'notFound' }
  /** The conference has no calendar event yet (times still being chosen). */
  | { readonly kind: 'notScheduled' }
  | { readonly kind: 'cancelled' }
  /** The event is no longer in the organiser's calendar (deleted in Outlook); the conference is now cancelled. */
  | { readonly kind: 'eventGone' }
  /** 401/403 or another refusal that will not change by waiting (code: MEETING.CALENDAR_FORBIDDEN / _REJECTED). */
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'invalid'; readonly code: 'MEETING.BODY_EMPTY' | 'MEETING.BODY_TOO_LONG' };

/** Graph has no documented limit under a few MB; an agenda is short. */
export const MAX_BODY_CHARS = 20_000;

export async function writeConferenceBody(deps: MeetingWorkDeps, req: WriteConferenceBodyRequest): Promise<WriteConferenceBodyOutcome> {
  const text = req.bodyText.replace(/\r\n/g, '\n').trim();
  if (text === '') return { kind: 'invalid', code: 'MEETING.BODY_EMPTY' };
  if (text.length > MAX_BODY_CHARS) return { kind: 'invalid', code: 'MEETING.BODY_TOO_LONG' };

  let refusal: WriteConferenceBodyOutcome | undefined;
  const stored = await changeMeeting(deps, req.wardId, req.meetingId, (m) => {
    refusal = m.status === 'cancelled' ? { kind: 'cancelled' } : m.status !== 'scheduled' && m.work?.kind !== 'create' ? { kind: 'notScheduled' } : undefined;
    if (refusal) return { kind: 'stop' };
    const at = deps.clock.now().toISOString();
    const lease = new Date(Date.parse(at) + 30_000).toISOString();
    // Owed work that writes the body anyway (create, reschedule) carries the new text; otherwise owe a body write.
    const work = m.work ?? { kind: 'body' as const, attempts: 0, notBefore: lease };
    return { kind: 'save', meeting: { ...m, bodyText: text, work, updatedAt: at } };
  });
  if (!stored) return { kind: 'notFound' };
  if (refusal) return refusal;
  if (stored.current.value.work?.kind !== 'body') {
    deps.onWork?.(req.wardId, req.meetingId);
    return { kind: 'deferred', meeting: stored.current.value };
  }
  const after = await performMeetingWork(deps, req.wardId, req.meetingId, { inline: true, force: true });
  if (!after) return { kind: 'notFound' };
  const m = after.value;
  if (m.work !== undefined) return { kind: 'deferred', meeting: m };
  if (m.problem === 'MEETING.EVENT_GONE') return { kind: 'eventGone' };
  if (m.problem !== undefined) return { kind: 'refused', code: m.problem };
  return { kind: 'written', meeting: m };
}
