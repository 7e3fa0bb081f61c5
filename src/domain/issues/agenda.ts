import { compareDates, type CalendarDate } from '../dates';
import { ORGANISATION_KEYS, type OrganisationKey } from '../directory';
import type { LifeStage } from '../lifeStage';
import { awaitsConference, type Issue, type IssueSeverity } from './issue';

/** What an agenda needs of an issue (no description, no case, no history). */
export type AgendaCandidate = Pick<Issue, 'issueId' | 'category' | 'lifeStage' | 'severity' | 'summary' | 'discussedOn' | 'recordedAt' | 'raise' | 'status'>;

/**
 * The agenda of the 重症心身障がい・医療的ケア児等会議 (issue 6): the secretary pulls it (issues raised and not yet
 * settled, carried-over items first), includes, excludes and orders items, publishes it (into the meeting's
 * calendar event and the secretariat channel), and after the meeting records an outcome per item. An item
 * shows the category, life stage, severity and the issue's summary — never a name or a case code.
 */
export const AGENDA_STATES = ['draft', 'published', 'closed'] as const;
export type AgendaState = (typeof AGENDA_STATES)[number];

export const OUTCOME_RESULTS = ['resolved', 'continue', 'systemic'] as const;
/** resolved 解決 · continue 継続 (carried to the next agenda) · systemic 制度課題 (taken up by the ward). */
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export const DECISION_MAX = 400;

export interface AgendaOutcome {
  /** 決定事項 */
  readonly decision: string;
  /** 担当課 */
  readonly department: OrganisationKey | undefined;
  /** 期限 */
  readonly due: CalendarDate | undefined;
  readonly result: OutcomeResult;
}

export interface AgendaItem {
  readonly issueId: string;
  readonly category: string;
  readonly lifeStage: LifeStage;
  readonly severity: IssueSeverity;
  readonly summary: string;
  /** Discussed at an earlier conference and not settled there. */
  readonly carriedOver: boolean;
  readonly included: boolean;
  readonly outcome: AgendaOutcome | undefined;
}

/** A decision with a department and a deadline becomes a task that is reminded until it is done. */
export interface FollowUp {
  readonly id: string;
  readonly issueId: string;
  readonly decision: string;
  readonly department: OrganisationKey;
  readonly due: CalendarDate;
  readonly done: { readonly by: string; readonly at: string } | undefined;
  /** The last day a reminder was claimed for it (one a day at most). */
  readonly remindedOn: CalendarDate | undefined;
}

export interface ConferenceRef {
  readonly meetingId: string;
  readonly start: string;
}

export interface Agenda {
  readonly agendaId: string;
  readonly wardId: string;
  /** 1, 2, 3…: the ward's conferences in order; the id is derived from it, so two secretaries never make two drafts. */
  readonly seq: number;
  readonly state: AgendaState;
  /** Bumped on every change; cards carry it, so an edit from an old card is refused instead of overwriting. */
  readonly version: number;
  readonly createdAt: string;
  readonly conference: ConferenceRef | undefined;
  readonly items: readonly AgendaItem[];
  readonly published: { readonly by: string; readonly at: string } | undefined;
  readonly closed: { readonly by: string; readonly at: string } | undefined;
  readonly followUps: readonly FollowUp[];
  /** Work owed to the outside world after a committed change (retried until done). */
  readonly outbox: { readonly channelCard: boolean; readonly eventBody: boolean; readonly issues: boolean };
  /** The agenda card in the secretariat channel, once posted. */
  readonly channelCard: { readonly activityId: string; readonly conversationId: string } | undefined;
  readonly fictional: boolean;
}

export const agendaIdOf = (wardId: string, seq: number): string => `agenda:${wardId}:${seq}`;

export function newAgenda(wardId: string, seq: number, at: string, fictional: boolean): Agenda {
  return {
    agendaId: agendaIdOf(wardId, seq),
    wardId,
    seq,
    state: 'draft',
    version: 1,
    createdAt: at,
    conference: undefined,
    items: [],
    published: undefined,
    closed: undefined,
    followUps: [],
    outbox: { channelCard: false, eventBody: false, issues: false },
    channelCard: undefined,
    fictional,
  };
}

const SEVERITY_RANK: Readonly<Record<IssueSeverity, number>> = { high: 0, medium: 1, low: 2 };

function itemOf(issue: AgendaCandidate): AgendaItem {
  return { issueId: issue.issueId, category: issue.category, lifeStage: issue.lifeStage, severity: issue.severity, summary: issue.summary, carriedOver: issue.discussedOn.length > 0, included: true, outcome: undefined };
}

/**
 * A draft brought up to date with the stock: items whose issue no longer waits are dropped, the secretary's
 * choices on the others are kept (and their text refreshed), new ones are added — carried-over ones at the
 * front, others at the end — each group by category order, then severity, then age.
 */
export function refreshDraft(agenda: Agenda, waiting: readonly AgendaCandidate[], categoryOrder: readonly string[]): Agenda {
  if (agenda.state !== 'draft') return agenda;
  const candidates = new Map(waiting.filter(awaitsConference).map((i) => [i.issueId, i]));
  const kept = agenda.items.filter((it) => candidates.has(it.issueId)).map((it) => ({ ...itemOf(candidates.get(it.issueId)!), included: it.included }));
  const known = new Set(kept.map((it) => it.issueId));
  const rank = (c: string) => {
    const i = categoryOrder.indexOf(c);
    return i < 0 ? categoryOrder.length : i;
  };
  const fresh = [...candidates.values()]
    .filter((i) => !known.has(i.issueId))
    .sort((a, b) => rank(a.category) - rank(b.category) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.recordedAt.localeCompare(b.recordedAt) || a.issueId.localeCompare(b.issueId))
    .map(itemOf);
  const items = [...fresh.filter((i) => i.carriedOver), ...kept, ...fresh.filter((i) => !i.carriedOver)];
  const same = items.length === agenda.items.length && items.every((it, i) => JSON.stringify(it) === JSON.stringify(agenda.items[i]));
  return same ? agenda : { ...agenda, items, version: agenda.version + 1 };
}

export interface ItemEdit {
  readonly issueId: string;
  readonly included: boolean;
  /** The position the secretary typed (1 = first); ties keep the current order. */
  readonly position: number;
}

export type AgendaChange =
  | { readonly kind: 'changed'; readonly agenda: Agenda }
  | { readonly kind: 'unchanged'; readonly agenda: Agenda }
  | { readonly kind: 'stale'; readonly agenda: Agenda }
  | { readonly kind: 'wrongState'; readonly agenda: Agenda }
  | { readonly kind: 'invalid'; readonly code: 'AGENDA.EMPTY' | 'AGENDA.OUTCOME_MISSING' | 'AGENDA.DECISION_TOO_LONG' | 'AGENDA.FOLLOW_UP_INCOMPLETE'; readonly issueIds: readonly string[] };

/** Includes, excludes and orders the items of a draft, from a card of the given version. */
export function editDraft(agenda: Agenda, cardVersion: number, edits: readonly ItemEdit[]): AgendaChange {
  if (agenda.state !== 'draft') return { kind: 'wrongState', agenda };
  if (cardVersion !== agenda.version) return { kind: 'stale', agenda };
  const byId = new Map(edits.map((e) => [e.issueId, e]));
  const positioned = agenda.items.map((it, index) => {
    const e = byId.get(it.issueId);
    return { item: e ? { ...it, included: e.included } : it, key: e ? e.position : index + 1, index };
  });
  positioned.sort((a, b) => a.key - b.key || a.index - b.index);
  const items = positioned.map((p) => p.item);
  if (items.every((it, i) => it === agenda.items[i])) return { kind: 'unchanged', agenda };
  return { kind: 'changed', agenda: { ...agenda, items, version: agenda.version + 1 } };
}

/** Publishes a draft: it must include something. The event body and the channel card are owed from now on. */
export function publishDraft(agenda: Agenda, cardVersion: number, by: string, at: string, conference: ConferenceRef | undefined): AgendaChange {
  if (agenda.state !== 'draft') return { kind: 'wrongState', agenda };
  if (cardVersion !== agenda.version) return { kind: 'stale', agenda };
  if (!agenda.items.some((i) => i.included)) return { kind: 'invalid', code: 'AGENDA.EMPTY', issueIds: [] };
  return {
    kind: 'changed',
    agenda: { ...agenda, state: 'published', version: agenda.version + 1, conference, published: { by, at }, outbox: { ...agenda.outbox, channelCard: true, eventBody: conference !== undefined } },
  };
}

export interface OutcomeInput {
  readonly issueId: string;
  readonly decision: string;
  readonly department: OrganisationKey | undefined;
  readonly due: CalendarDate | undefined;
  readonly result: OutcomeResult | undefined;
}

/** Checks outcomes as typed (decision length; a department and a deadline go together, with a decision). */
function checkOutcomes(agenda: Agenda, outcomes: readonly OutcomeInput[]): AgendaChange | undefined {
  const known = new Set(agenda.items.filter((i) => i.included).map((i) => i.issueId));
  const given = outcomes.filter((o) => known.has(o.issueId));
  const tooLong = given.filter((o) => [...o.decision].length > DECISION_MAX).map((o) => o.issueId);
  if (tooLong.length > 0) return { kind: 'invalid', code: 'AGENDA.DECISION_TOO_LONG', issueIds: tooLong };
  const half = given.filter((o) => (o.department === undefined) !== (o.due === undefined) || (o.department !== undefined && o.decision.trim() === '')).map((o) => o.issueId);
  if (half.length > 0) return { kind: 'invalid', code: 'AGENDA.FOLLOW_UP_INCOMPLETE', issueIds: half };
  return undefined;
}

/** The items with the given outcomes written in (items not given keep what they had). */
function withOutcomes(agenda: Agenda, outcomes: readonly OutcomeInput[]): AgendaItem[] {
  const byId = new Map(outcomes.map((o) => [o.issueId, o]));
  return agenda.items.map((it) => {
    const o = byId.get(it.issueId);
    if (!it.included || !o?.result) return it;
    return { ...it, outcome: { decision: o.decision.trim(), department: o.department, due: o.due, result: o.result } };
  });
}

/**
 * Saves outcomes of some items of a published agenda without closing it (the outcome card comes in pages:
 * a long agenda does not fit one Teams card). Items given without a result keep what they had.
 */
export function saveOutcomes(agenda: Agenda, cardVersion: number, outcomes: readonly OutcomeInput[]): AgendaChange {
  if (agenda.state !== 'published') return { kind: 'wrongState', agenda };
  if (cardVersion !== agenda.version) return { kind: 'stale', agenda };
  const problem = checkOutcomes(agenda, outcomes);
  if (problem) return problem;
  const items = withOutcomes(agenda, outcomes);
  if (items.every((it, i) => it === agenda.items[i])) return { kind: 'unchanged', agenda };
  return { kind: 'changed', agenda: { ...agenda, items, version: agenda.version + 1 } };
}

/**
 * Records the last outcomes of a published agenda and closes it. Every included item needs a result (given
 * now or saved before); a department and a deadline go together and make a follow-up task. Excluded items
 * stay raised for the next agenda.
 */
export function closeWithOutcomes(agenda: Agenda, cardVersion: number, outcomes: readonly OutcomeInput[], by: string, at: string): AgendaChange {
  if (agenda.state !== 'published') return { kind: 'wrongState', agenda };
  if (cardVersion !== agenda.version) return { kind: 'stale', agenda };
  const problem = checkOutcomes(agenda, outcomes);
  if (problem) return problem;
  const items = withOutcomes(agenda, outcomes);
  const missing = items.filter((i) => i.included && i.outcome === undefined).map((i) => i.issueId);
  if (missing.length > 0) return { kind: 'invalid', code: 'AGENDA.OUTCOME_MISSING', issueIds: missing };
  const followUps: FollowUp[] = items.flatMap((it) =>
    it.outcome?.department !== undefined && it.outcome.due !== undefined
      ? [{ id: `${agenda.agendaId}:${it.issueId}`, issueId: it.issueId, decision: it.outcome.decision, department: it.outcome.department, due: it.outcome.due, done: undefined, remindedOn: undefined }]
      : [],
  );
  return { kind: 'changed', agenda: { ...agenda, items, state: 'closed', version: agenda.version + 1, closed: { by, at }, followUps, outbox: { ...agenda.outbox, channelCard: true, issues: true } } };
}

/** Marks a follow-up task done (a repeated click changes nothing). */
export function completeFollowUp(agenda: Agenda, followUpId: string, by: string, at: string): AgendaChange {
  const task = agenda.followUps.find((f) => f.id === followUpId);
  if (!task) return { kind: 'wrongState', agenda };
  if (task.done) return { kind: 'unchanged', agenda };
  return { kind: 'changed', agenda: { ...agenda, version: agenda.version + 1, followUps: agenda.followUps.map((f) => (f === task ? { ...f, done: { by, at } } : f)), outbox: { ...agenda.outbox, channelCard: true } } };
}

/** Open follow-ups due within `leadDays` calendar days (or overdue) and not yet reminded today. */
export function followUpsToRemind(agenda: Agenda, today: CalendarDate, addDays: (d: CalendarDate, n: number) => CalendarDate, leadDays: number): FollowUp[] {
  const horizon = addDays(today, leadDays);
  return agenda.followUps.filter((f) => !f.done && compareDates(f.due, horizon) <= 0 && (f.remindedOn === undefined || compareDates(f.remindedOn, today) < 0));
}

export function markReminded(agenda: Agenda, ids: readonly string[], today: CalendarDate): Agenda {
  return { ...agenda, followUps: agenda.followUps.map((f) => (ids.includes(f.id) ? { ...f, remindedOn: today } : f)) };
}

/** The items grouped by category, in agenda order of first appearance, with their counts. */
export function groupedItems(items: readonly AgendaItem[]): { readonly category: string; readonly items: readonly AgendaItem[] }[] {
  const groups = new Map<string, AgendaItem[]>();
  for (const it of items) groups.set(it.category, [...(groups.get(it.category) ?? []), it]);
  return [...groups.entries()].map(([category, list]) => ({ category, items: list }));
}

export const isOrganisationKey = (v: string): v is OrganisationKey => (ORGANISATION_KEYS as readonly string[]).includes(v);
