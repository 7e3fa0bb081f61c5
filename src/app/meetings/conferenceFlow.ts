import { isAllowed } from '../../domain/authorisation';
import type { AuditEntry } from '../../domain/audit';
import type { BusinessCalendar } from '../../domain/businessCalendar';
import type { CaseCode } from '../../domain/case';
import type { CalendarDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import { proposeCaseConference, type Meeting, type MeetingCardRef, type MeetingKind } from '../../domain/meetings/meeting';
import type { ConferenceHours } from '../../domain/meetings/slotFinder';
import { durationMinutes, type TimeInterval } from '../../domain/meetings/time';
import { auditEntry } from '../auditEntries';
import { caseIdFor } from '../placements';
import { relationshipTo } from '../readCase';
import type { CaseFileRepository, IdGenerator } from '../ports';
import { retryJoinLink } from './conferenceEvents';
import { changeMeeting, performMeetingWork, type MeetingWorkDeps } from './meetingWork';
import { proposeConferenceSlots, type ProposeSlotsOutcome } from './proposeConferenceSlots';

/**
 * 会議調整: a conference from the card, step by step. A case conference (支援会議) is organised by people
 * holding the case; the ward's conference (重症心身障がい・医療的ケア児等会議) by the secretariat. Each step
 * re-reads the meeting and re-checks permission (never trusting the card), writes with the ETag, and records
 * audit entries for case conferences (their attendees and times are case data) in the same write. Calendar
 * work goes through meetingWork.ts: done at once when Graph answers, owed (and finished by the worker, which
 * then rewrites the card) when Graph is throttled or down.
 */

/**
 * Work written by a click is done by that click first: the worker leaves it alone for this long (it takes it
 * over only if the click's process died meanwhile).
 */
const INLINE_LEASE_MS = 30_000;

export interface ConferenceFlowDeps extends MeetingWorkDeps {
  readonly wardId: string;
  readonly cases: CaseFileRepository;
  readonly ids: IdGenerator;
  readonly businessCalendar: Pick<BusinessCalendar, 'isBusinessDay'>;
  readonly hours?: ConferenceHours;
  /** Whether a mailbox belongs to someone the ward directory lists (the attendee picker's choices). */
  readonly isKnownMailbox: (mailbox: string) => boolean;
}

/** Where the card of the conference is (rewritten by the worker when deferred work finishes). */
export type CardPlace = Omit<MeetingCardRef, 'owed'>;

export type Refusal =
  /** The case does not exist or the actor does not hold it (not told apart, so nothing is revealed). */
  | { readonly kind: 'caseNotFoundOrForbidden' }
  /** Not the secretariat (ward conference), or not the organiser of this conference. */
  | { readonly kind: 'notAuthorised' }
  /** The actor's mailbox is unknown (directory / Entra): no calendar to organise from. */
  | { readonly kind: 'noMailbox' }
  | { readonly kind: 'meetingNotFound' };

export interface ConferenceSubject {
  readonly kind: MeetingKind;
  readonly caseCode: CaseCode | undefined;
}

async function authorise(deps: ConferenceFlowDeps, actor: Actor, subject: ConferenceSubject): Promise<Refusal | undefined> {
  if (!actor.mailbox) return { kind: 'noMailbox' };
  if (subject.kind === 'wardConference') return isAllowed(actor, 'conference.ward') ? undefined : { kind: 'notAuthorised' };
  if (subject.caseCode === undefined) return { kind: 'caseNotFoundOrForbidden' };
  const file = await deps.cases.load(caseIdFor(deps.wardId, subject.caseCode));
  if (!file || !isAllowed(actor, 'conference.case', relationshipTo(file.value, actor))) return { kind: 'caseNotFoundOrForbidden' };
  return undefined;
}

/** The organiser of an existing conference, still allowed to organise it. */
async function authoriseOn(deps: ConferenceFlowDeps, actor: Actor, m: Meeting): Promise<Refusal | undefined> {
  if (m.organiserId !== actor.aadObjectId) return { kind: 'notAuthorised' };
  return authorise(deps, actor, { kind: m.kind, caseCode: m.caseCode });
}

function audited(deps: ConferenceFlowDeps, m: Meeting, actor: Actor, action: string, fields: readonly string[], conversationId: string | undefined, discriminator: string): readonly AuditEntry[] {
  if (m.kind !== 'caseConference' || m.caseCode === undefined) return m.pendingAudit;
  const caseId = caseIdFor(deps.wardId, m.caseCode);
  const e = auditEntry({ caseId, actor: actor.aadObjectId, operation: 'update', action, fields, at: deps.clock.now().toISOString(), conversationId, discriminator: `${m.meetingId}|${discriminator}` });
  return [...m.pendingAudit.filter((x) => x.id !== e.id), e];
}

/** 会議調整 [案件番号]: may this person organise it? Then a fresh meeting id for the form (nothing stored yet). */
export async function openConference(deps: ConferenceFlowDeps, req: { readonly actor: Actor; readonly subject: ConferenceSubject }): Promise<{ readonly kind: 'form'; readonly meetingId: string } | Refusal> {
  const refused = await authorise(deps, req.actor, req.subject);
  return refused ?? { kind: 'form', meetingId: deps.ids.newId() };
}

export interface SearchRequest {
  readonly actor: Actor;
  readonly meetingId: string;
  readonly subject: ConferenceSubject;
  readonly attendees: readonly string[];
  readonly durationMinutes: number;
  readonly window: { readonly from: CalendarDate; readonly to: CalendarDate };
  readonly conversationId: string | undefined;
  readonly card: CardPlace | undefined;
}

export type SearchOutcome =
  | { readonly kind: 'proposed'; readonly meeting: Meeting; readonly unknownAttendees: readonly string[] }
  | Extract<ProposeSlotsOutcome, { kind: 'noneFound' | 'invalid' | 'calendarUnavailable' }>
  | { readonly kind: 'invalid'; readonly code: 'MEETING.UNKNOWN_ATTENDEE'; readonly detail: string }
  /** The conference already went further (a time was picked): the card shows where it is. */
  | { readonly kind: 'current'; readonly meeting: Meeting }
  | Refusal;

/** 候補を探す: free/busy of everyone over the window, up to three times; the proposal is stored (ETag). */
export async function searchConferenceSlots(deps: ConferenceFlowDeps, req: SearchRequest): Promise<SearchOutcome> {
  const refused = await authorise(deps, req.actor, req.subject);
  if (refused) return refused;
  const organiser = req.actor.mailbox ?? '';
  const unknown = req.attendees.find((a) => !deps.isKnownMailbox(a.trim().toLowerCase()));
  if (unknown !== undefined) return { kind: 'invalid', code: 'MEETING.UNKNOWN_ATTENDEE', detail: 'attendees are chosen from the ward directory' };
  const existing = await deps.meetings.load(deps.wardId, req.meetingId);
  if (existing) {
    if (existing.value.organiserId !== req.actor.aadObjectId || existing.value.kind !== req.subject.kind || existing.value.caseCode !== req.subject.caseCode) return { kind: 'notAuthorised' };
    if (existing.value.status !== 'proposed' || existing.value.work !== undefined) return { kind: 'current', meeting: existing.value };
  }
  const found = await proposeConferenceSlots(
    { calendar: deps.calendar, businessCalendar: deps.businessCalendar, clock: deps.clock, ...(deps.hours ? { hours: deps.hours } : {}) },
    { organiser, attendees: req.attendees, durationMinutes: req.durationMinutes, window: req.window, maxPerDay: 2 },
  );
  if (found.kind !== 'proposed') return found;
  const at = deps.clock.now().toISOString();
  const first = found.slots[0];
  if (!first) throw new Error('MEETING.UNEXPECTED: proposed without a slot');
  const made = proposeCaseConference({ meetingId: req.meetingId, wardId: deps.wardId, kind: req.subject.kind, caseCode: req.subject.caseCode, organiser, organiserId: req.actor.aadObjectId, attendees: req.attendees, slot: first, proposals: found.slots, at });
  if (made.kind !== 'ready') return { kind: 'invalid', code: made.code === 'MEETING.BAD_MAILBOX' || made.code === 'MEETING.NO_ATTENDEES' ? made.code : 'MEETING.BAD_DURATION', detail: made.detail };
  const card = req.card && { ...req.card, owed: false };
  const fresh: Meeting = { ...made.meeting, card, pendingAudit: [] };
  const withAudit = (m: Meeting): Meeting => ({ ...m, pendingAudit: audited(deps, m, req.actor, 'conference.propose', ['meeting.attendees', 'meeting.proposals'], req.conversationId, at) });
  if ((await deps.meetings.create(withAudit(fresh))) === 'created') {
    deps.onWork?.(deps.wardId, req.meetingId);
    return { kind: 'proposed', meeting: fresh, unknownAttendees: found.unknownAttendees };
  }
  // Searched again on the same form (other attendees, another window): replace the proposal, unless a time was picked meanwhile.
  let current: Meeting | undefined;
  const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) => {
    current = m;
    if (m.organiserId !== req.actor.aadObjectId || m.status !== 'proposed' || m.work !== undefined) return { kind: 'stop' };
    return { kind: 'save', meeting: withAudit({ ...fresh, createdAt: m.createdAt, pendingAudit: m.pendingAudit, card: card ?? m.card }) };
  });
  if (!saved?.saved) return current && current.organiserId === req.actor.aadObjectId ? { kind: 'current', meeting: current } : { kind: 'notAuthorised' };
  deps.onWork?.(deps.wardId, req.meetingId);
  return { kind: 'proposed', meeting: saved.current.value, unknownAttendees: found.unknownAttendees };
}

export type StepOutcome =
  /** The conference as it now is (scheduled, pending work, cancelled …): render it. */
  | { readonly kind: 'state'; readonly meeting: Meeting; readonly note?: StepNote }
  | { readonly kind: 'invalid'; readonly code: 'MEETING.SLOT_NOT_OFFERED' | 'MEETING.BAD_TIME' | 'MEETING.NOT_SCHEDULED' | 'MEETING.BUSY' }
  | Refusal;

/** What the card adds to the state: the step was a repeat, or the calendar could not be asked. */
export type StepNote = 'alreadyDone' | 'stillWithoutJoinLink' | 'calendarUnavailable' | 'alreadyCancelled';

async function loadOwn(deps: ConferenceFlowDeps, actor: Actor, meetingId: string): Promise<{ meeting: Meeting } | Refusal> {
  const loaded = await deps.meetings.load(deps.wardId, meetingId);
  if (!loaded) return { kind: 'meetingNotFound' };
  const refused = await authoriseOn(deps, actor, loaded.value);
  return refused ?? { meeting: loaded.value };
}

/**
 * 決定 on one of the offered times: the first click writes the choice and the owed create (or reschedule),
 * then does it; a repeated or concurrent click finds it chosen and ends in the same state — the create carries
 * the meeting id as transactionId, so at most one event exists.
 */
export async function pickConferenceSlot(deps: ConferenceFlowDeps, req: { readonly actor: Actor; readonly meetingId: string; readonly start: string; readonly conversationId: string | undefined; readonly card: CardPlace | undefined }): Promise<StepOutcome> {
  const own = await loadOwn(deps, req.actor, req.meetingId);
  if (!('meeting' in own)) return own;
  const at = deps.clock.now();
  let early: StepOutcome | undefined;
  let rerun = false;
  const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) => {
    early = undefined;
    rerun = false;
    if (m.status === 'cancelled') return (early = { kind: 'state', meeting: m, note: 'alreadyCancelled' }), { kind: 'stop' };
    const slot = m.proposals.find((p) => p.start.toISOString() === req.start);
    const pending = m.work;
    if (pending?.kind === 'create' || pending?.kind === 'reschedule') {
      const chosen = pending.kind === 'create' ? m.start : pending.slot.start;
      if (chosen.toISOString() !== req.start) return (early = { kind: 'invalid', code: 'MEETING.BUSY' }), { kind: 'stop' };
      // The same time chosen again while its calendar work is owed: try it now unless the service asked us to wait.
      rerun = pending.attempts === 0;
      return (early = { kind: 'state', meeting: m, note: 'alreadyDone' }), { kind: 'stop' };
    }
    if (pending !== undefined) return (early = { kind: 'invalid', code: 'MEETING.BUSY' }), { kind: 'stop' };
    if (!slot) {
      const repeat = m.status === 'scheduled' && m.start.toISOString() === req.start;
      return (early = repeat ? { kind: 'state', meeting: m, note: 'alreadyDone' } : { kind: 'invalid', code: 'MEETING.SLOT_NOT_OFFERED' }), { kind: 'stop' };
    }
    const iso = at.toISOString();
    const lease = new Date(at.getTime() + INLINE_LEASE_MS).toISOString();
    const card = req.card ? { ...req.card, owed: false } : m.card;
    const base = { ...m, proposals: [] as TimeInterval[], card, problem: undefined, updatedAt: iso };
    const next: Meeting =
      m.status === 'proposed'
        ? { ...base, start: slot.start, end: slot.end, work: { kind: 'create', attempts: 0, notBefore: lease } }
        : { ...base, work: { kind: 'reschedule', slot, attempts: 0, notBefore: lease } };
    const action = m.status === 'proposed' ? 'conference.schedule' : 'conference.reschedule';
    return { kind: 'save', meeting: { ...next, pendingAudit: audited(deps, next, req.actor, action, ['meeting.time', 'meeting.attendees'], req.conversationId, req.start) } };
  });
  if (!saved) return { kind: 'meetingNotFound' };
  if (!saved.saved && !rerun) return early ?? { kind: 'state', meeting: saved.current.value };
  if (saved.saved) deps.onWork?.(deps.wardId, req.meetingId);
  const after = await performMeetingWork(deps, deps.wardId, req.meetingId, { inline: true, force: true });
  return { kind: 'state', meeting: (after ?? saved.current).value, ...(saved.saved ? {} : { note: 'alreadyDone' as const }) };
}

/** 再試行 on a card whose event came without a Teams link: ask the calendar again; store the link when it comes. */
export async function retryConferenceLink(deps: ConferenceFlowDeps, req: { readonly actor: Actor; readonly meetingId: string; readonly conversationId: string | undefined }): Promise<StepOutcome> {
  const own = await loadOwn(deps, req.actor, req.meetingId);
  if (!('meeting' in own)) return own;
  const r = await retryJoinLink({ calendar: deps.calendar }, own.meeting);
  switch (r.kind) {
    case 'changed': {
      const joinUrl = r.meeting.joinUrl;
      const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) =>
        m.joinUrl !== undefined || joinUrl === undefined || m.status !== 'scheduled'
          ? { kind: 'stop' }
          : { kind: 'save', meeting: { ...m, joinUrl, updatedAt: deps.clock.now().toISOString(), pendingAudit: audited(deps, m, req.actor, 'conference.joinLink', ['meeting.joinUrl'], req.conversationId, 'link') } },
      );
      if (saved?.saved) deps.onWork?.(deps.wardId, req.meetingId);
      return { kind: 'state', meeting: (saved?.current ?? { value: own.meeting }).value };
    }
    case 'stillWithoutJoinLink':
      return { kind: 'state', meeting: own.meeting, note: 'stillWithoutJoinLink' };
    case 'calendarUnavailable':
      return { kind: 'state', meeting: own.meeting, note: 'calendarUnavailable' };
    case 'alreadyCancelled':
      return { kind: 'state', meeting: own.meeting, note: 'alreadyCancelled' };
    case 'eventGone': {
      const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) => (m.status === 'cancelled' ? { kind: 'stop' } : { kind: 'save', meeting: { ...m, status: 'cancelled', problem: 'MEETING.EVENT_GONE', updatedAt: deps.clock.now().toISOString() } }));
      return { kind: 'state', meeting: (saved?.current ?? { value: own.meeting }).value };
    }
    case 'notScheduled':
    case 'invalid':
      return { kind: 'invalid', code: 'MEETING.NOT_SCHEDULED' };
  }
}

/** 日程変更: fresh times for the same people and length over a new window; 決定 on one then moves the event. */
export async function searchRescheduleSlots(deps: ConferenceFlowDeps, req: { readonly actor: Actor; readonly meetingId: string; readonly window: { readonly from: CalendarDate; readonly to: CalendarDate }; readonly conversationId: string | undefined; readonly card: CardPlace | undefined }): Promise<SearchOutcome> {
  const own = await loadOwn(deps, req.actor, req.meetingId);
  if (!('meeting' in own)) return own;
  const m0 = own.meeting;
  if (m0.status !== 'scheduled' || m0.work !== undefined) return { kind: 'current', meeting: m0 };
  const found = await proposeConferenceSlots(
    { calendar: deps.calendar, businessCalendar: deps.businessCalendar, clock: deps.clock, ...(deps.hours ? { hours: deps.hours } : {}) },
    { organiser: m0.organiser, attendees: m0.attendees, durationMinutes: durationMinutes(m0), window: req.window, maxPerDay: 2 },
  );
  if (found.kind !== 'proposed') return found;
  const at = deps.clock.now().toISOString();
  // The conference's own time is busy in everyone's calendar, so it is never offered again.
  const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) =>
    m.status !== 'scheduled' || m.work !== undefined
      ? { kind: 'stop' }
      : { kind: 'save', meeting: { ...m, proposals: found.slots, card: req.card ? { ...req.card, owed: false } : m.card, updatedAt: at, pendingAudit: audited(deps, m, req.actor, 'conference.rescheduleSearch', ['meeting.proposals'], req.conversationId, at) } },
  );
  if (!saved) return { kind: 'meetingNotFound' };
  if (!saved.saved) return { kind: 'current', meeting: saved.current.value };
  deps.onWork?.(deps.wardId, req.meetingId);
  return { kind: 'proposed', meeting: saved.current.value, unknownAttendees: found.unknownAttendees };
}

/** 中止: cancels the event (attendees are told) and the conference; repeated clicks change nothing more. */
export async function cancelConferenceFromCard(deps: ConferenceFlowDeps, req: { readonly actor: Actor; readonly meetingId: string; readonly conversationId: string | undefined; readonly card: CardPlace | undefined }): Promise<StepOutcome> {
  const own = await loadOwn(deps, req.actor, req.meetingId);
  if (!('meeting' in own)) return own;
  let early: StepOutcome | undefined;
  const saved = await changeMeeting(deps, deps.wardId, req.meetingId, (m) => {
    early = undefined;
    if (m.status === 'cancelled') return (early = { kind: 'state', meeting: m, note: 'alreadyCancelled' }), { kind: 'stop' };
    if (m.work?.kind === 'cancel') return (early = { kind: 'state', meeting: m, note: 'alreadyDone' }), { kind: 'stop' };
    if (m.work !== undefined) return (early = { kind: 'invalid', code: 'MEETING.BUSY' }), { kind: 'stop' };
    const iso = deps.clock.now().toISOString();
    const next: Meeting = { ...m, proposals: [], work: { kind: 'cancel', attempts: 0, notBefore: new Date(Date.parse(iso) + INLINE_LEASE_MS).toISOString() }, card: req.card ? { ...req.card, owed: false } : m.card, updatedAt: iso };
    return { kind: 'save', meeting: { ...next, pendingAudit: audited(deps, next, req.actor, 'conference.cancel', ['meeting.status'], req.conversationId, 'cancel') } };
  });
  if (!saved) return { kind: 'meetingNotFound' };
  if (!saved.saved) return early ?? { kind: 'state', meeting: saved.current.value };
  deps.onWork?.(deps.wardId, req.meetingId);
  const after = await performMeetingWork(deps, deps.wardId, req.meetingId, { inline: true, force: true });
  return { kind: 'state', meeting: (after ?? saved.current).value };
}

