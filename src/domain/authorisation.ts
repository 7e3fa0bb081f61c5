import type { Actor, OrganisationKey, Role } from './directory';

/** Everything a person can attempt; each is checked here, in one place, as a pure function. */
export const ACTIONS = ['handoff.create', 'handoff.accept', 'handoff.decline', 'handoff.viewMinimal', 'case.viewDetails', 'consent.manage', 'audit.view', 'package.send', 'package.respond', 'package.answer', 'conference.case', 'conference.ward'] as const;
export type Action = (typeof ACTIONS)[number];

/** How the actor relates to the record the action is about. */
export interface Relationship {
  /** The organisation the handoff is addressed to (its owner while it waits). */
  readonly handoffTarget?: OrganisationKey;
  /** True when the actor is the case's assigned coordinator. */
  readonly isAssignedCoordinator?: boolean;
}

const has = (actor: Actor, role: Role): boolean => actor.roles.includes(role);

/**
 * Members of the receiving organisation: coordinators for the coordinators' pool, the desk for the desk,
 * and for a department its liaisons or case workers (an administrator who sits there is not a receiver).
 */
function belongsToTarget(actor: Actor, target: OrganisationKey | undefined): boolean {
  if (target === undefined) return false;
  if (target === 'coordinators') return has(actor, 'coordinator');
  if (target === 'desk') return has(actor, 'desk');
  return actor.organisation === target && (has(actor, 'liaison') || has(actor, 'caseWorker'));
}

/** The desk, the ward's case workers, and the coordinator assigned to this case (a coordinator by role). */
function holdsTheCase(actor: Actor, rel: Relationship): boolean {
  return (rel.isAssignedCoordinator === true && has(actor, 'coordinator')) || has(actor, 'desk') || has(actor, 'caseWorker');
}

export function isAllowed(actor: Actor, action: Action, rel: Relationship = {}): boolean {
  switch (action) {
    case 'handoff.create':
      return has(actor, 'desk') || has(actor, 'caseWorker') || has(actor, 'coordinator');
    case 'handoff.accept':
    case 'handoff.decline':
      return belongsToTarget(actor, rel.handoffTarget);
    case 'handoff.viewMinimal':
      return actor.roles.length > 0;
    case 'case.viewDetails':
    case 'consent.manage':
    case 'package.send':
    case 'package.answer':
      return holdsTheCase(actor, rel);
    case 'package.respond':
      return belongsToTarget(actor, rel.handoffTarget);
    case 'audit.view':
      return has(actor, 'admin');
    /** A case conference (支援会議) about a case: organised by the people holding it. */
    case 'conference.case':
      return holdsTheCase(actor, rel);
    /** The ward's 重症心身障がい・医療的ケア児等会議: organised by the secretariat. */
    case 'conference.ward':
      return has(actor, 'secretary');
  }
}
