import { isAllowed } from './authorisation';
import type { BusinessCalendar } from './businessCalendar';
import { tokyoDate, type CalendarDate } from './dates';
import type { Actor, OrganisationKey } from './directory';

/** Why a receiver sends a handoff back (差し戻し理由). */
export const DECLINE_REASONS = ['noCapacity', 'outOfScope', 'insufficientInfo', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export interface PersonRef {
  readonly aadObjectId: string;
  readonly displayName: string;
  /** Teams user id (29:…), when known, for user-specific views. */
  readonly teamsUserId?: string;
}

export type HandoffState =
  | { readonly status: 'sent' }
  | { readonly status: 'accepted'; readonly by: PersonRef; readonly at: string }
  | { readonly status: 'returned'; readonly by: PersonRef; readonly at: string; readonly reason: DeclineReason; readonly comment: string };

export type HandoffEvent =
  | { readonly type: 'sent'; readonly to: OrganisationKey; readonly by: PersonRef; readonly at: string }
  | { readonly type: 'accepted'; readonly by: PersonRef; readonly at: string }
  | { readonly type: 'declined'; readonly by: PersonRef; readonly at: string; readonly reason: DeclineReason; readonly comment: string; readonly forwardedTo: OrganisationKey | 'desk' };

/** Where a card about this handoff lives in Teams, and which version of the handoff it shows. */
export const PLACEMENT_ROLES = ['receiver', 'sender', 'escalation'] as const;
export interface CardPlacement {
  readonly id: string;
  /**
   * receiver: the shared card in a department channel; sender: the desk's own copy (the submitted form);
   * escalation: a copy for information in the 障がい児支援係 channel when nobody accepts in time (no actions).
   */
  readonly role: (typeof PLACEMENT_ROLES)[number];
  readonly organisation: OrganisationKey;
  readonly conversation: ConversationAddress;
  /** Undefined until the card has been posted. */
  readonly activityId: string | undefined;
  readonly syncedVersion: number;
  readonly superseded: boolean;
  /**
   * Set when Teams answered 403/404 for the channel (the app was removed from the team, or the channel is
   * gone): the card waits, without retries, until the app is added to the team again (see releaseParked).
   */
  readonly parkedAt?: string;
  /**
   * Set by the instance about to post this card (not yet posted), until the lease runs out: with two
   * instances only the holder posts it, so a card is not posted twice. Cleared after the attempt.
   */
  readonly postClaim?: PostClaim;
}

/** Who is about to post a card and until when that claim holds (ISO instant). */
export interface PostClaim {
  readonly by: string;
  readonly until: string;
}

/** Enough to reach a Teams conversation proactively (no personal data). */
export interface ConversationAddress {
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
  /** For a channel post before it exists: the channel id; afterwards the conversation id of the thread. */
  readonly conversationId: string;
  readonly channelId: string | undefined;
  readonly isChannel: boolean;
}

export interface ProcessedAction {
  readonly key: string;
  readonly result: string;
  readonly at: string;
}

export interface Handoff {
  readonly id: string;
  readonly kind: 'intake';
  readonly target: OrganisationKey;
  readonly state: HandoffState;
  /** Increases on every change; cards carry it so that stale clicks are recognised. */
  readonly version: number;
  readonly history: readonly HandoffEvent[];
  readonly placements: readonly CardPlacement[];
  readonly createdAt: string;
  readonly createdBy: PersonRef;
  /** Steps taken because nobody accepted in time (absent: none). See escalationDue. */
  readonly escalations?: readonly HandoffEscalation[];
}

/**
 * A handoff raised again because nobody accepted it: level 1 posts a fresh card in the receiving channel,
 * level 2 (after as many business days again) also posts it to 障がい児支援係. Recorded once per level and
 * per sending (a forwarded or resent handoff starts counting again from its new `sent` event).
 */
export interface HandoffEscalation {
  readonly level: 1 | 2;
  /** The instant of the `sent` event this escalation belongs to. */
  readonly since: string;
  readonly at: string;
  /** Full ward business days the handoff had waited, after the day it was sent, when it was escalated. */
  readonly businessDays: number;
}

export const MAX_PROCESSED_ACTIONS = 200;

/** The owner of a handoff right now: a person once accepted, else the organisation it waits at. Never empty. */
export function ownerOf(h: Handoff): { kind: 'person'; person: PersonRef } | { kind: 'organisation'; organisation: OrganisationKey } {
  if (h.state.status === 'accepted') return { kind: 'person', person: h.state.by };
  if (h.state.status === 'returned') return { kind: 'organisation', organisation: 'desk' };
  return { kind: 'organisation', organisation: h.target };
}

/** A placement still owes Teams a post or an update (parked ones wait for the app to be added back). */
export function placementNeedsSync(p: CardPlacement, version: number): boolean {
  return !p.superseded && p.parkedAt === undefined && (p.activityId === undefined || p.syncedVersion < version);
}

export function needsCardSync(h: Handoff): boolean {
  return h.placements.some((p) => placementNeedsSync(p, h.version));
}

/** The instant the handoff was last sent to its current target, while it waits there; else undefined. */
export function awaitingSince(h: Handoff): string | undefined {
  if (h.state.status !== 'sent') return undefined;
  return [...h.history].reverse().find((e) => e.type === 'sent')?.at;
}

/** The escalation in force for the current sending (the highest level), if any. */
export function currentEscalation(h: Handoff): HandoffEscalation | undefined {
  const since = awaitingSince(h);
  if (since === undefined) return undefined;
  return (h.escalations ?? []).filter((e) => e.since === since).sort((a, b) => b.level - a.level)[0];
}

/**
 * Full ward business days a handoff has waited since it was sent, not counting the day it was sent nor
 * today: sent on a Friday before a Monday holiday, on Thursday it has waited 2 (Tuesday, Wednesday).
 */
export function businessDaysWaiting(sentAt: string, today: CalendarDate, calendar: BusinessCalendar): number {
  return Math.max(0, calendar.businessDaysBetween(tokyoDate(new Date(sentAt)), today) - 1);
}

export type EscalationDue = { readonly kind: 'none' } | { readonly kind: 'escalate'; readonly from: 0 | 1; readonly to: 1 | 2; readonly businessDays: number; readonly since: string };

/**
 * Whether a handoff must be raised again today: it still waits (sent, nobody accepted), today is a ward
 * working day, and it has waited `n` full business days (level 1) or `2n` (level 2) without that level
 * being recorded yet. A run missed for days catches up to the level due, once.
 */
export function escalationDue(h: Handoff, today: CalendarDate, calendar: BusinessCalendar, n: number): EscalationDue {
  const since = awaitingSince(h);
  if (since === undefined || !calendar.isBusinessDay(today)) return { kind: 'none' };
  const waited = businessDaysWaiting(since, today, calendar);
  const due = waited >= 2 * n ? 2 : waited >= n ? 1 : 0;
  const done = currentEscalation(h)?.level ?? 0;
  if (due === 0 || due <= done) return { kind: 'none' };
  return { kind: 'escalate', from: done === 1 ? 1 : 0, to: due, businessDays: waited, since };
}

/**
 * Records the escalation levels reached (from+1 … to) and adds their cards: `fresh` (a new card in the
 * receiving channel) when level 1 is reached, `casework` (a copy for 障がい児支援係) when level 2 is. The
 * version goes up, so every existing card of the handoff is rewritten to show 「未対応 N営業日」.
 */
export function applyEscalation(h: Handoff, due: Extract<EscalationDue, { kind: 'escalate' }>, at: string, cards: { readonly fresh?: CardPlacement; readonly casework?: CardPlacement }): Handoff {
  const levels: (1 | 2)[] = [];
  for (let level = due.from + 1; level <= due.to; level++) levels.push(level as 1 | 2);
  const added: CardPlacement[] = [];
  if (levels.includes(1) && cards.fresh) added.push(cards.fresh);
  if (levels.includes(2) && cards.casework) added.push(cards.casework);
  return {
    ...h,
    version: h.version + 1,
    escalations: [...(h.escalations ?? []), ...levels.map((level) => ({ level, since: due.since, at, businessDays: due.businessDays }))],
    placements: [...h.placements, ...added],
  };
}

/** Parked placements are offered again (the app was added back to the team). */
export function releaseParkedPlacements(h: Handoff): Handoff {
  if (!h.placements.some((p) => p.parkedAt !== undefined)) return h;
  return { ...h, placements: h.placements.map(({ parkedAt: _parked, ...p }) => p) };
}

export type AcceptDecision =
  | { kind: 'accepted'; handoff: Handoff }
  | { kind: 'alreadyAcceptedBy'; by: PersonRef; at: string; self: boolean }
  | { kind: 'notAuthorised' }
  | { kind: 'notOpen'; state: HandoffState['status'] };

const personOf = (actor: Actor): PersonRef => ({ aadObjectId: actor.aadObjectId, displayName: actor.displayName, ...(actor.teamsUserId ? { teamsUserId: actor.teamsUserId } : {}) });

export function decideAccept(h: Handoff, actor: Actor, at: string): AcceptDecision {
  if (h.state.status === 'accepted') {
    return { kind: 'alreadyAcceptedBy', by: h.state.by, at: h.state.at, self: h.state.by.aadObjectId === actor.aadObjectId };
  }
  if (!isAllowed(actor, 'handoff.accept', { handoffTarget: h.target })) return { kind: 'notAuthorised' };
  if (h.state.status !== 'sent') return { kind: 'notOpen', state: h.state.status };
  const by = personOf(actor);
  return {
    kind: 'accepted',
    handoff: { ...h, state: { status: 'accepted', by, at }, version: h.version + 1, history: [...h.history, { type: 'accepted', by, at }] },
  };
}

export interface DeclineInput {
  readonly reason: DeclineReason;
  readonly comment: string;
  /** A suggested receiver, or back to the desk: a handoff never stays without an owner. */
  readonly forwardTo: OrganisationKey | 'desk';
}

export type DeclineDecision =
  | { kind: 'declined'; handoff: Handoff; forwardedTo: OrganisationKey | 'desk' }
  | { kind: 'alreadyAcceptedBy'; by: PersonRef; at: string; self: boolean }
  | { kind: 'notAuthorised' }
  | { kind: 'notOpen'; state: HandoffState['status'] }
  | { kind: 'invalidForward' };

export function decideDecline(h: Handoff, actor: Actor, input: DeclineInput, at: string, newPlacement: (org: OrganisationKey) => CardPlacement | undefined): DeclineDecision {
  if (h.state.status === 'accepted') {
    return { kind: 'alreadyAcceptedBy', by: h.state.by, at: h.state.at, self: h.state.by.aadObjectId === actor.aadObjectId };
  }
  if (!isAllowed(actor, 'handoff.decline', { handoffTarget: h.target })) return { kind: 'notAuthorised' };
  if (h.state.status !== 'sent') return { kind: 'notOpen', state: h.state.status };
  if (input.forwardTo === h.target) return { kind: 'invalidForward' };
  const by = personOf(actor);
  const event: HandoffEvent = { type: 'declined', by, at, reason: input.reason, comment: input.comment, forwardedTo: input.forwardTo };
  if (input.forwardTo === 'desk') {
    return {
      kind: 'declined',
      forwardedTo: 'desk',
      handoff: { ...h, state: { status: 'returned', by, at, reason: input.reason, comment: input.comment }, version: h.version + 1, history: [...h.history, event] },
    };
  }
  const placement = newPlacement(input.forwardTo);
  if (!placement) return { kind: 'invalidForward' };
  return {
    kind: 'declined',
    forwardedTo: input.forwardTo,
    handoff: {
      ...h,
      target: input.forwardTo,
      state: { status: 'sent' },
      version: h.version + 1,
      history: [...h.history, event, { type: 'sent', to: input.forwardTo, by, at }],
      placements: [...h.placements, placement],
    },
  };
}

/** The desk sends a returned handoff out again (to the coordinators or another organisation). */
export type ResendDecision = { kind: 'resent'; handoff: Handoff } | { kind: 'notAuthorised' } | { kind: 'notOpen'; state: HandoffState['status'] } | { kind: 'invalidForward' };

export function decideResend(h: Handoff, actor: Actor, to: OrganisationKey, at: string, newPlacement: (org: OrganisationKey) => CardPlacement | undefined): ResendDecision {
  if (!isAllowed(actor, 'handoff.create')) return { kind: 'notAuthorised' };
  if (h.state.status !== 'returned') return { kind: 'notOpen', state: h.state.status };
  const placement = newPlacement(to);
  if (!placement || to === 'desk') return { kind: 'invalidForward' };
  const by = personOf(actor);
  return {
    kind: 'resent',
    handoff: {
      ...h,
      target: to,
      state: { status: 'sent' },
      version: h.version + 1,
      history: [...h.history, { type: 'sent', to, by, at }],
      placements: [...h.placements, placement],
    },
  };
}
