import type { Actor, Role } from '../directory';
import { coordinatorGroupKey, findChild, type RollCall } from './rollCall';

/**
 * Who may do what in a roll-call (kept beside the roll-call until authorisation.ts takes these actions):
 * - start and close: the ward's own staff — the desk (相談窓口) and the case workers (障がい児支援係);
 * - confirm a child: the coordinator the child was assigned to when the roll-call started, or ward staff
 *   (who also answer for children without a coordinator);
 * - see the summary (case codes and counts only): ward staff and coordinators;
 * - see the priority list (devices and battery margins: 要配慮個人情報): ward staff for every child, a
 *   coordinator for their own children only.
 * Every check is made on the stored roll-call, never on what a card says.
 */
const has = (actor: Actor, role: Role) => actor.roles.includes(role);
const isWardStaff = (actor: Actor) => has(actor, 'desk') || has(actor, 'caseWorker');

export function mayStartRollCall(actor: Actor): boolean {
  return isWardStaff(actor);
}

export function mayCloseRollCall(actor: Actor): boolean {
  return isWardStaff(actor);
}

export function mayConfirmChild(actor: Actor, rc: RollCall, caseId: string): boolean {
  if (isWardStaff(actor)) return true;
  const child = findChild(rc, caseId);
  return child !== undefined && has(actor, 'coordinator') && child.groupKey === coordinatorGroupKey(actor.aadObjectId);
}

export function mayViewSummary(actor: Actor): boolean {
  return isWardStaff(actor) || has(actor, 'coordinator');
}

/** Which children's priority rows the actor may see: all, only their own group's, or none. */
export function priorityVisibility(actor: Actor): { readonly kind: 'all' } | { readonly kind: 'group'; readonly groupKey: string } | { readonly kind: 'none' } {
  if (isWardStaff(actor)) return { kind: 'all' };
  if (has(actor, 'coordinator')) return { kind: 'group', groupKey: coordinatorGroupKey(actor.aadObjectId) };
  return { kind: 'none' };
}
