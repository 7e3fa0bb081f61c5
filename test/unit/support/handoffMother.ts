import type { Actor, OrganisationKey } from '../../../src/domain/directory';
import type { CardPlacement, Handoff, PersonRef } from '../../../src/domain/handoff';
import { ActorMother } from './actorMother';

export const T0 = '2026-11-25T00:05:00.000Z';
export const T1 = '2026-11-25T01:00:00.000Z';
export const T2 = '2026-11-25T02:00:00.000Z';

export const personOf = (a: Actor): PersonRef => ({ aadObjectId: a.aadObjectId, displayName: a.displayName });

let seq = 0;
/** A card placement already posted and synced at the given version (override what a test needs). */
export function placementFor(organisation: OrganisationKey, role: CardPlacement['role'] = 'receiver', over: Partial<CardPlacement> = {}): CardPlacement {
  const n = ++seq;
  return {
    id: `placement-${n}`,
    role,
    organisation,
    conversation: { serviceUrl: 'https://smba.example.invalid/jp/', tenantId: 'tenant-fictional', conversationId: `19:${organisation}@thread.tacv2;messageid=${n}`, channelId: `19:${organisation}@thread.tacv2`, isChannel: true },
    activityId: `activity-${n}`,
    syncedVersion: 1,
    superseded: false,
    ...over,
  };
}

/** A new placement not yet posted (what the use case would hand to decideDecline/decideResend). */
export const unpostedPlacement = (organisation: OrganisationKey): CardPlacement => placementFor(organisation, 'receiver', { activityId: undefined, syncedVersion: 0 });

export const HandoffMother = {
  /** Just sent by the desk, both cards posted and synced (version 1). */
  sent(target: OrganisationKey = 'coordinators'): Handoff {
    const desk = personOf(ActorMother.desk());
    return {
      id: 'handoff-0001',
      kind: 'intake',
      target,
      state: { status: 'sent' },
      version: 1,
      history: [{ type: 'sent', to: target, by: desk, at: T0 }],
      placements: [placementFor(target, 'receiver'), placementFor('desk', 'sender')],
      createdAt: T0,
      createdBy: desk,
    };
  },
  acceptedBy(actor: Actor, target: OrganisationKey = 'coordinators'): Handoff {
    const h = HandoffMother.sent(target);
    const by = personOf(actor);
    return { ...h, state: { status: 'accepted', by, at: T1 }, version: 2, history: [...h.history, { type: 'accepted', by, at: T1 }] };
  },
  returnedBy(actor: Actor, target: OrganisationKey = 'coordinators'): Handoff {
    const h = HandoffMother.sent(target);
    const by = personOf(actor);
    return {
      ...h,
      state: { status: 'returned', by, at: T1, reason: 'noCapacity', comment: '今月は担当枠がありません' },
      version: 2,
      history: [...h.history, { type: 'declined', by, at: T1, reason: 'noCapacity', comment: '今月は担当枠がありません', forwardedTo: 'desk' }],
    };
  },
};
