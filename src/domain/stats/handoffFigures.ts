import { addDays, type BusinessCalendar } from '../businessCalendar';
import { compareDates, tokyoDate, type CalendarDate } from '../dates';
import { ORGANISATION_KEYS, type OrganisationKey } from '../directory';
import { countInto, type RawCountTable } from './countTable';
import { startOfTokyoDay, endOfTokyoDay, type DateRange } from './period';
import { median, p90 } from './quantiles';
import { HANDOFF_TYPES, type HandoffType, type StatsCase, type StatsHandoff } from './statsCase';

/**
 * Handoffs by type (受付の引継ぎ / 引継ぎパッケージ) and receiving organisation, with how long they took, in
 * ward business days (開庁日, from the injected calendar's isBusinessDay: weekends, public holidays and
 * the year-end closure do not count). A duration is the number of working days d with start < d ≤ end
 * on Tokyo dates: accepted the day it was sent = 0, the next working day = 1.
 *
 * - intake handoff: time to accept = from its last sending (to the organisation that accepted) to 受理;
 *   time to complete = from the first sending to 受理 (so declines and forwarding count: the family's wait).
 * - handoff package: time to accept = from 送付 to 受領 (a question also acknowledges receipt, as in the
 *   package rules); time to complete = from 送付 to 受入準備完了.
 *
 * A handoff belongs to the quarter in which it was first sent; its state and times are those at the end of
 * the quarter (later events do not change a past quarter's figures).
 */
export const HANDOFF_OUTCOMES = ['completed', 'inProgress', 'returned'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

export const HANDOFF_RECEIVERS: readonly OrganisationKey[] = ORGANISATION_KEYS.filter((o) => o !== 'desk');
export type HandoffRowKey = `${HandoffType}:${OrganisationKey}`;
export const HANDOFF_ROWS: readonly HandoffRowKey[] = HANDOFF_TYPES.flatMap((t) => HANDOFF_RECEIVERS.map((o): HandoffRowKey => `${t}:${o}`));
export const HANDOFF_COLUMNS = HANDOFF_OUTCOMES;

export interface HandoffFact {
  readonly type: HandoffType;
  readonly organisation: OrganisationKey;
  readonly outcome: HandoffOutcome;
  readonly businessDaysToAccept: number | undefined;
  readonly businessDaysToComplete: number | undefined;
}

/** Ward working days d with from < d ≤ to (0 when to is not after from). */
export function workingDaysAfter(from: CalendarDate, to: CalendarDate, isBusinessDay: BusinessCalendar['isBusinessDay']): number {
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (isBusinessDay(d)) count++;
  return count;
}

const dateOf = (iso: string): CalendarDate => tokyoDate(new Date(iso));
const before = <E extends { readonly at: string }>(events: readonly E[], endMs: number): E[] =>
  events.filter((e) => Date.parse(e.at) < endMs).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

function intakeFact(h: Extract<StatsHandoff, { type: 'intake' }>, endMs: number, isBusinessDay: BusinessCalendar['isBusinessDay']): HandoffFact | undefined {
  let target: OrganisationKey | undefined;
  let status: 'sent' | 'accepted' | 'returned' = 'sent';
  let lastSentAt: string | undefined;
  let acceptedAt: string | undefined;
  for (const e of before(h.events, endMs)) {
    if (e.type === 'sent') {
      target = e.to;
      status = 'sent';
      lastSentAt = e.at;
    } else if (e.type === 'accepted') {
      status = 'accepted';
      acceptedAt = e.at;
    } else if (e.forwardedTo === 'desk') {
      status = 'returned';
    }
  }
  if (target === undefined || lastSentAt === undefined) return undefined;
  const accepted = status === 'accepted' && acceptedAt !== undefined ? dateOf(acceptedAt) : undefined;
  return {
    type: 'intake',
    organisation: target,
    outcome: status === 'accepted' ? 'completed' : status === 'returned' ? 'returned' : 'inProgress',
    businessDaysToAccept: accepted && workingDaysAfter(dateOf(lastSentAt), accepted, isBusinessDay),
    businessDaysToComplete: accepted && workingDaysAfter(dateOf(h.createdAt), accepted, isBusinessDay),
  };
}

function packageFact(h: Extract<StatsHandoff, { type: 'package' }>, endMs: number, isBusinessDay: BusinessCalendar['isBusinessDay']): HandoffFact | undefined {
  const events = before(h.events, endMs);
  const sent = events.find((e) => e.type === 'sent');
  if (!sent) return undefined;
  let status: 'sent' | 'received' | 'ready' | 'returned' = 'sent';
  let acceptedAt: string | undefined;
  let readyAt: string | undefined;
  for (const e of events) {
    if ((e.type === 'received' || e.type === 'asked' || e.type === 'ready') && acceptedAt === undefined) acceptedAt = e.at;
    if ((e.type === 'received' || e.type === 'asked') && status === 'sent') status = 'received';
    if (e.type === 'ready') {
      status = 'ready';
      readyAt ??= e.at;
    }
    if (e.type === 'returned') status = 'returned';
  }
  const sentOn = dateOf(sent.at);
  return {
    type: 'package',
    organisation: h.organisation,
    outcome: status === 'ready' ? 'completed' : status === 'returned' ? 'returned' : 'inProgress',
    businessDaysToAccept: acceptedAt === undefined ? undefined : workingDaysAfter(sentOn, dateOf(acceptedAt), isBusinessDay),
    businessDaysToComplete: status === 'ready' && readyAt !== undefined ? workingDaysAfter(sentOn, dateOf(readyAt), isBusinessDay) : undefined,
  };
}

const firstSentAt = (h: StatsHandoff): string | undefined => (h.type === 'intake' ? h.createdAt : h.events.find((e) => e.type === 'sent')?.at);

/** The handoffs first sent in the range, each as it stood at the end of the range. */
export function handoffFacts(cases: readonly StatsCase[], range: DateRange, isBusinessDay: BusinessCalendar['isBusinessDay']): HandoffFact[] {
  const startMs = startOfTokyoDay(range.from);
  const endMs = endOfTokyoDay(range.to);
  const facts: HandoffFact[] = [];
  for (const c of cases) {
    for (const h of c.handoffs) {
      const first = firstSentAt(h);
      if (first === undefined || Date.parse(first) < startMs || Date.parse(first) >= endMs) continue;
      const fact = h.type === 'intake' ? intakeFact(h, endMs, isBusinessDay) : packageFact(h, endMs, isBusinessDay);
      if (fact) facts.push(fact);
    }
  }
  return facts;
}

export function handoffTable(facts: readonly HandoffFact[]): RawCountTable<HandoffRowKey, HandoffOutcome> {
  return countInto({ id: 'handoffs.byType', unit: 'handoffs', rowKeys: HANDOFF_ROWS, colKeys: HANDOFF_COLUMNS, margins: 'both' }, facts.filter((f) => f.organisation !== 'desk'), (f) => [[`${f.type}:${f.organisation}`, f.outcome]]);
}

/** Median and 90th percentile (nearest rank) of business days; hidden for fewer than k values. */
export type DurationSummary =
  | { readonly kind: 'value'; readonly median: number; readonly p90: number }
  | { readonly kind: 'suppressed' }
  | { readonly kind: 'none' };

export interface HandoffTiming {
  /** A handoff type over all organisations, or one row of the table. */
  readonly key: HandoffType | HandoffRowKey;
  readonly toAccept: DurationSummary;
  readonly toComplete: DurationSummary;
}

export function summarise(values: readonly number[], k: number): DurationSummary {
  if (values.length === 0) return { kind: 'none' };
  if (values.length < k) return { kind: 'suppressed' };
  return { kind: 'value', median: median(values) as number, p90: p90(values) as number };
}

/**
 * Timing per type and per table row. A duration summary of fewer than k handoffs is suppressed (with
 * so few, the 90th percentile is one handoff's own time). The number behind a summary is not published
 * here: it is the table's count, which has its own suppression.
 */
export function handoffTimings(facts: readonly HandoffFact[], k: number): HandoffTiming[] {
  const values = (keep: (f: HandoffFact) => boolean, pick: (f: HandoffFact) => number | undefined): number[] =>
    facts.filter(keep).flatMap((f) => {
      const v = pick(f);
      return v === undefined ? [] : [v];
    });
  const timing = (key: HandoffType | HandoffRowKey, keep: (f: HandoffFact) => boolean): HandoffTiming => ({
    key,
    toAccept: summarise(values(keep, (f) => f.businessDaysToAccept), k),
    toComplete: summarise(values(keep, (f) => f.businessDaysToComplete), k),
  });
  return [
    ...HANDOFF_TYPES.map((t) => timing(t, (f) => f.type === t)),
    ...HANDOFF_ROWS.map((row) => timing(row, (f) => `${f.type}:${f.organisation}` === row)),
  ];
}
