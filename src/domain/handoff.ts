import { isAllowed } from './authorisation';
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
export interface CardPlacement {
  readonly id: string;
  /** receiver: the shared card in a department channel; sender: the desk's own copy (the submitted form). */
  readonly role: 'receiver' | 'sender';
  readonly organisation: OrganisationKey;
  readonly conversation: ConversationAddress;
  /** Undefined until the card has been posted. */
  readonly activityId: string | undefined;
  readonly syncedVersion: number;
  readonly superseded: boolean;
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
}

export const MAX_PROCESSED_ACTIONS = 200;

/** The owner of a handoff right now: a person once accepted, else the organisation it waits at. Never empty. */
export function ownerOf(h: Handoff): { kind: 'person'; person: PersonRef } | { kind: 'organisation'; organisation: OrganisationKey } {
  if (h.state.status === 'accepted') return { kind: 'person', person: h.state.by };
  if (h.state.status === 'returned') return { kind: 'organisation', organisation: 'desk' };
  return { kind: 'organisation', organisation: h.target };
}

export function needsCardSync(h: Handoff): boolean {
  return h.placements.some((p) => !p.superseded && (p.activityId === undefined || p.syncedVersion < h.version));
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
