import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import type { CardPlace, ConferenceSubject, Refusal, SearchOutcome, SearchRequest, StepOutcome } from '../../app/meetings/conferenceFlow';
import type { MeetingCards } from '../../app/meetings/meetingWorker';
import type { CardDelivery, Clock } from '../../app/ports';
import { addDays, dayOfWeek } from '../../domain/businessCalendar';
import { formatIsoDate, parseIsoDate, tokyoDate, type CalendarDate } from '../../domain/dates';
import { ORGANISATION_KEYS, type Actor, type WardDirectory } from '../../domain/directory';
import type { Meeting, MeetingCardRef } from '../../domain/meetings/meeting';
import { durationMinutes, tokyoLocalDateTime, type TimeInterval } from '../../domain/meetings/time';
import { translator, type MessageKey, type Translate } from '../../i18n';
import type { ConversationAddress } from '../../domain/handoff';
import { cardAttachment, expandCard } from './cardRenderer';
import { noticeCardData } from './cardData';
import { escapeCardText } from './escape';
import { invokeCard, invokeError } from './invokeResponses';

/** The conference use cases the bot calls (bound in main.ts). */
export interface ConferenceUseCases {
  open(req: { actor: Actor; subject: ConferenceSubject }): Promise<{ kind: 'form'; meetingId: string } | Refusal>;
  search(req: SearchRequest): Promise<SearchOutcome>;
  pick(req: { actor: Actor; meetingId: string; start: string; conversationId: string | undefined; card: CardPlace | undefined }): Promise<StepOutcome>;
  retryLink(req: { actor: Actor; meetingId: string; conversationId: string | undefined }): Promise<StepOutcome>;
  reschedule(req: { actor: Actor; meetingId: string; window: { from: CalendarDate; to: CalendarDate }; conversationId: string | undefined; card: CardPlace | undefined }): Promise<SearchOutcome>;
  cancel(req: { actor: Actor; meetingId: string; conversationId: string | undefined; card: CardPlace | undefined }): Promise<StepOutcome>;
}

const DURATIONS = [30, 60, 90, 120] as const;
const DEFAULT_WINDOW_DAYS = 14;
type Notice = { readonly text: string; readonly good: boolean };

/**
 * 会議調整 [案件番号] (issue 6) as the bot shows it: the form (attendees from the ward directory by
 * organisation, length, dates), the proposals, the scheduled card with the Teams link (or 再試行 when Graph
 * gave none), 日程変更 and 中止. A case conference lives in the organiser's personal chat (its attendees and
 * time are case data); the ward conference may be organised anywhere. Cards carry the meeting id only.
 */
export class ConferenceHandlers {
  constructor(
    private readonly useCases: ConferenceUseCases,
    private readonly directory: WardDirectory,
    private readonly clock: Clock,
  ) {}

  async onCommand(ctx: TurnContext, t: Translate, actor: Actor, code: string | undefined): Promise<void> {
    const subject: ConferenceSubject = code === undefined ? { kind: 'wardConference', caseCode: undefined } : { kind: 'caseConference', caseCode: code };
    if (subject.kind === 'caseConference' && ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code: code ?? '' });
    const opened = await this.useCases.open({ actor, subject });
    if (opened.kind !== 'form') return this.notice(ctx, t, refusalKey(opened, subject, code), { code: code ?? '' });
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('conferenceForm', this.formData(t, actor, opened.meetingId, subject, {}))));
  }

  async onSearch(ctx: TurnContext, t: Translate, actor: Actor, data: { meetingId: string; kind: ConferenceSubject['kind']; caseCode: string; duration: string; from: string; to: string; attendees: string[] }): Promise<void> {
    const subject: ConferenceSubject = data.kind === 'wardConference' ? { kind: 'wardConference', caseCode: undefined } : { kind: 'caseConference', caseCode: data.caseCode };
    if (data.kind === 'caseConference' && !/^\d{4}-\d{4,}$/.test(data.caseCode)) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    const from = parseIsoDate(data.from);
    const to = parseIsoDate(data.to);
    const duration = Number(data.duration);
    const again = (key: MessageKey, params: Record<string, string | number> = {}) =>
      invokeCard(ctx, expandCard('conferenceForm', this.formData(t, actor, data.meetingId, subject, { notice: { text: t(key, params), good: false }, attendees: data.attendees, duration: data.duration, from: data.from, to: data.to })));
    if (!from || !to) return again('MEETING.BAD_DATE');
    const outcome = await this.useCases.search({ actor, meetingId: data.meetingId, subject, attendees: data.attendees, durationMinutes: duration, window: { from, to }, conversationId: ctx.activity.conversation?.id, card: this.place(ctx, t) });
    switch (outcome.kind) {
      case 'proposed':
        return invokeCard(ctx, this.card(t, outcome.meeting, undefined, outcome.unknownAttendees));
      case 'current':
        return invokeCard(ctx, this.card(t, outcome.meeting, { text: t('MEETING.ALREADY_DONE'), good: true }));
      case 'noneFound':
        return outcome.businessDays === 0 ? again('MEETING.NONE_FOUND_NO_DAYS') : again('MEETING.NONE_FOUND', { days: outcome.businessDays, minutes: duration });
      case 'invalid':
        return again(outcome.code);
      case 'calendarUnavailable':
        return again(...calendarMessage(outcome.failure));
      default:
        return invokeError(ctx, 403, refusalKey(outcome, subject, data.caseCode), t(refusalKey(outcome, subject, data.caseCode), { code: data.caseCode }));
    }
  }

  async onPick(ctx: TurnContext, t: Translate, actor: Actor, data: { meetingId: string; start: string }): Promise<void> {
    return this.step(ctx, t, await this.useCases.pick({ actor, meetingId: data.meetingId, start: data.start, conversationId: ctx.activity.conversation?.id, card: this.place(ctx, t) }), 'MEETING.SCHEDULED');
  }

  async onRetryLink(ctx: TurnContext, t: Translate, actor: Actor, data: { meetingId: string }): Promise<void> {
    return this.step(ctx, t, await this.useCases.retryLink({ actor, meetingId: data.meetingId, conversationId: ctx.activity.conversation?.id }), 'MEETING.LINK_READY');
  }

  async onCancel(ctx: TurnContext, t: Translate, actor: Actor, data: { meetingId: string }): Promise<void> {
    return this.step(ctx, t, await this.useCases.cancel({ actor, meetingId: data.meetingId, conversationId: ctx.activity.conversation?.id, card: this.place(ctx, t) }), 'MEETING.CANCELLED');
  }

  async onReschedule(ctx: TurnContext, t: Translate, actor: Actor, data: { meetingId: string; from: string; to: string }): Promise<void> {
    const from = parseIsoDate(data.from);
    const to = parseIsoDate(data.to);
    if (!from || !to) return invokeError(ctx, 400, 'MEETING.BAD_DATE', t('MEETING.BAD_DATE'));
    const outcome = await this.useCases.reschedule({ actor, meetingId: data.meetingId, window: { from, to }, conversationId: ctx.activity.conversation?.id, card: this.place(ctx, t) });
    switch (outcome.kind) {
      case 'proposed':
        return invokeCard(ctx, this.card(t, outcome.meeting, undefined, outcome.unknownAttendees));
      case 'current':
        return invokeCard(ctx, this.card(t, outcome.meeting, { text: t('MEETING.BUSY'), good: false }));
      case 'noneFound': {
        const key: MessageKey = outcome.businessDays === 0 ? 'MEETING.NONE_FOUND_NO_DAYS' : 'MEETING.NONE_FOUND';
        return invokeError(ctx, 409, key, t(key, { days: outcome.businessDays, minutes: '' }));
      }
      case 'invalid':
        return invokeError(ctx, 400, outcome.code, t(outcome.code));
      case 'calendarUnavailable': {
        const [key, params] = calendarMessage(outcome.failure);
        return invokeError(ctx, 503, key, t(key, params));
      }
      default:
        return invokeError(ctx, 403, refusalKey(outcome, undefined, undefined), t(refusalKey(outcome, undefined, undefined), { code: '' }));
    }
  }

  private async step(ctx: TurnContext, t: Translate, outcome: StepOutcome, doneKey: MessageKey): Promise<void> {
    switch (outcome.kind) {
      case 'state': {
        const m = outcome.meeting;
        const noteKey: MessageKey | undefined =
          outcome.note === 'alreadyDone' ? 'MEETING.ALREADY_DONE' : outcome.note === 'alreadyCancelled' ? 'MEETING.ALREADY_CANCELLED' : outcome.note === 'stillWithoutJoinLink' ? 'MEETING.STILL_NO_LINK' : outcome.note === 'calendarUnavailable' ? 'MEETING.CALENDAR_UNAVAILABLE' : undefined;
        // A note about this click first; otherwise what was done (the card shows a problem or owed work itself).
        const notice: Notice | undefined = noteKey ? { text: t(noteKey), good: outcome.note === 'alreadyDone' } : m.problem === undefined && m.work === undefined ? { text: t(doneKey), good: true } : undefined;
        return invokeCard(ctx, this.card(t, m, notice));
      }
      case 'invalid':
        return invokeError(ctx, outcome.code === 'MEETING.BUSY' ? 409 : 400, outcome.code, t(outcome.code));
      default:
        return invokeError(ctx, 403, refusalKey(outcome, undefined, undefined), t(refusalKey(outcome, undefined, undefined), { code: '' }));
    }
  }

  private async notice(ctx: TurnContext, t: Translate, key: MessageKey, params: Record<string, string> = {}): Promise<void> {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, key, params))));
  }

  /** The card that was clicked: the worker rewrites it there when deferred calendar work is done. */
  private place(ctx: TurnContext, t: Translate): CardPlace | undefined {
    const a = ctx.activity;
    if (!a.replyToId || !a.conversation?.id) return undefined;
    const tenantId = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId;
    const channelId = (a.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const address: ConversationAddress = { serviceUrl: a.serviceUrl, tenantId, conversationId: a.conversation.id, channelId, isChannel: a.conversation.conversationType === 'channel' };
    return { address, activityId: a.replyToId, language: t('meeting.weekday.1') === '月' ? 'ja' : 'en' };
  }

  private formData(t: Translate, actor: Actor, meetingId: string, subject: ConferenceSubject, values: { notice?: Notice; attendees?: readonly string[]; duration?: string; from?: string; to?: string }) {
    const today = tokyoDate(this.clock.now());
    const chosen = new Set((values.attendees ?? []).map((a) => a.toLowerCase()));
    const groups = ORGANISATION_KEYS.map((org) => ({
      org,
      people: (this.directory.membersOf?.(org) ?? []).filter((p) => p.mailbox !== undefined && p.aadObjectId !== actor.aadObjectId),
    }))
      .filter((g) => g.people.length > 0)
      .map((g) => ({
        id: `att_${g.org}`,
        label: t(`org.${g.org}` as MessageKey),
        value: g.people.filter((p) => chosen.has(p.mailbox ?? '')).map((p) => p.mailbox).join(','),
        choices: g.people.map((p) => ({ title: escapeCardText(p.displayName), value: p.mailbox ?? '' })),
      }));
    return {
      title: subject.kind === 'wardConference' ? t('meeting.formTitleWard') : t('meeting.formTitleCase', { code: subject.caseCode ?? '' }),
      hasNotice: values.notice !== undefined,
      notice: values.notice?.text ?? '',
      noticeColor: values.notice?.good ? 'Good' : 'Attention',
      intro: t('meeting.formIntro'),
      labels: { attendees: t('meeting.attendees'), duration: t('meeting.duration'), from: t('meeting.from'), to: t('meeting.to'), search: t('meeting.search') },
      groups,
      duration: values.duration ?? '60',
      durations: DURATIONS.map((n) => ({ title: t('meeting.minutes', { n }), value: String(n) })),
      from: values.from ?? formatIsoDate(addDays(today, 1)),
      to: values.to ?? formatIsoDate(addDays(today, DEFAULT_WINDOW_DAYS)),
      meetingId,
      kind: subject.kind,
      caseCode: subject.caseCode ?? '',
    };
  }

  /** The conference card for its current state (also what the worker rewrites the card with). */
  card(t: Translate, m: Meeting, notice?: Notice, unknownAttendees: readonly string[] = []): Record<string, unknown> {
    return expandCard('conference', conferenceCardData(t, m, this.directory, this.clock, notice, unknownAttendees));
  }
}

export function conferenceCardData(t: Translate, m: Meeting, directory: WardDirectory, clock: Clock, notice?: Notice, unknownAttendees: readonly string[] = []) {
  const nameOf = (mailbox: string) => escapeCardText(peopleByMailbox(directory).get(mailbox)?.displayName ?? mailbox);
  const pending = m.work !== undefined;
  const state = pending ? t('meeting.state.pending') : t(`meeting.state.${m.status}`);
  const today = tokyoDate(clock.now());
  const facts = [
    { title: t('meeting.state'), value: state },
    ...(m.status === 'proposed' && !pending ? [] : [{ title: t('meeting.when'), value: slotText(t, m.work?.kind === 'reschedule' ? m.work.slot : m) }]),
    { title: t('meeting.organiser'), value: nameOf(m.organiser) },
    { title: t('meeting.who'), value: m.attendees.map(nameOf).join('、') },
  ];
  const problem = m.problem !== undefined ? t(m.problem as MessageKey) : undefined;
  const shown = notice ?? (problem ? { text: problem, good: false } : undefined);
  return {
    title: m.kind === 'wardConference' ? t('meeting.titleWard') : t('meeting.titleCase', { code: m.caseCode ?? '' }),
    hasNotice: shown !== undefined,
    notice: shown?.text ?? '',
    noticeColor: shown?.good ? 'Good' : 'Attention',
    facts,
    hasPending: pending,
    pending: m.work ? t(`meeting.pending.${m.work.kind}`) : '',
    missingLink: m.status === 'scheduled' && !pending && m.joinUrl === undefined,
    hasUnknown: unknownAttendees.length > 0,
    unknown: t('meeting.unknownAttendees', { names: unknownAttendees.map(nameOf).join('、') }),
    hasProposals: !pending && m.status !== 'cancelled' && m.proposals.length > 0,
    proposals: m.proposals.map((p) => ({ title: slotText(t, p), meetingId: m.meetingId, start: p.start.toISOString() })),
    hasJoin: m.status === 'scheduled' && !pending && m.joinUrl !== undefined,
    joinUrl: m.joinUrl ?? '',
    canChange: m.status === 'scheduled' && !pending,
    meetingId: m.meetingId,
    from: formatIsoDate(addDays(today, 1)),
    to: formatIsoDate(addDays(today, DEFAULT_WINDOW_DAYS)),
    labels: {
      pickHint: t('meeting.pickHint'),
      join: t('meeting.join'),
      noJoinLink: t('meeting.noJoinLink'),
      retryLink: t('meeting.retryLink'),
      reschedule: t('meeting.reschedule'),
      rescheduleIntro: t('meeting.rescheduleIntro'),
      from: t('meeting.from'),
      to: t('meeting.to'),
      rescheduleSearch: t('meeting.rescheduleSearch'),
      cancel: t('meeting.cancel'),
      cancelConfirm: t('meeting.cancelConfirm'),
    },
    durationMinutes: durationMinutes(m),
  };
}

function peopleByMailbox(directory: WardDirectory) {
  const map = new Map<string, { displayName: string }>();
  for (const org of ORGANISATION_KEYS) for (const p of directory.membersOf?.(org) ?? []) if (p.mailbox) map.set(p.mailbox, p);
  return map;
}

/** 「2026/11/24（火）11:00–12:30」 in Tokyo time. */
export function slotText(t: Translate, slot: TimeInterval): string {
  const start = tokyoLocalDateTime(slot.start);
  const end = tokyoLocalDateTime(slot.end);
  const date = tokyoDate(slot.start);
  return t('meeting.slot', { date: start.slice(0, 10).replace(/-/g, '/'), weekday: t(`meeting.weekday.${dayOfWeek(date)}` as MessageKey), from: start.slice(11, 16), to: end.slice(11, 16) });
}

function refusalKey(r: Refusal | { kind: string }, subject: ConferenceSubject | undefined, code: string | undefined): MessageKey {
  switch (r.kind) {
    case 'noMailbox':
      return 'MEETING.NO_MAILBOX';
    case 'meetingNotFound':
      return 'MEETING.NOT_FOUND';
    case 'caseNotFoundOrForbidden':
      return 'CASE.NOT_FOUND_OR_FORBIDDEN';
    case 'notAuthorised':
      return subject?.kind === 'wardConference' && code === undefined ? 'MEETING.NOT_AUTHORISED_WARD' : 'MEETING.NOT_AUTHORISED';
    default:
      return 'COMMON.ERROR';
  }
}

function calendarMessage(failure: { kind: string; retryAfterMs?: number }): [MessageKey, Record<string, string | number>] {
  if (failure.kind === 'throttled') return ['MEETING.CALENDAR_THROTTLED', { seconds: Math.ceil((failure.retryAfterMs ?? 30_000) / 1000) }];
  if (failure.kind === 'forbidden') return ['MEETING.CALENDAR_FORBIDDEN', {}];
  if (failure.kind === 'rejected' || failure.kind === 'notFound') return ['MEETING.CALENDAR_REJECTED', {}];
  return ['MEETING.CALENDAR_UNAVAILABLE', {}];
}

/** Rewrites a conference card in Teams (the worker, when deferred calendar work is done). */
export class TeamsConferenceCards implements MeetingCards {
  constructor(
    private readonly deliver: (address: ConversationAddress, activityId: string, card: Attachment) => Promise<CardDelivery>,
    private readonly directory: WardDirectory,
    private readonly clock: Clock,
  ) {}

  async show(ref: MeetingCardRef, m: Meeting): Promise<CardDelivery> {
    const t = translator(ref.language);
    const key: MessageKey | undefined = m.problem !== undefined ? undefined : m.status === 'cancelled' ? 'MEETING.CANCELLED' : m.status === 'scheduled' ? 'MEETING.SCHEDULED' : undefined;
    const data = conferenceCardData(t, m, this.directory, this.clock, key ? { text: t(key), good: true } : undefined);
    return this.deliver(ref.address, ref.activityId, cardAttachment('conference', data));
  }
}
