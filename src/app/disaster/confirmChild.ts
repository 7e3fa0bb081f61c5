import type { Actor } from '../../domain/directory';
import { mayConfirmChild } from '../../domain/disaster/policy';
import { confirmChild as decideConfirm, findChild, withRollCallAudit, type Confirmation, type RollCallClosure, type RollCallError, type SafetyStatus, type SupportNeed } from '../../domain/disaster/rollCall';
import { mutateRollCall } from './mutateRollCall';
import type { DisasterDeps } from './ports';
import { CONFIRMATION_FIELDS, rollCallAuditEntry } from './rollCallAudit';

export interface ConfirmChildRequest {
  readonly rollCallId: string;
  readonly caseId: string;
  readonly status: SafetyStatus;
  readonly needs: readonly SupportNeed[];
  readonly note: string;
  /** The card action's idempotency key: the same key twice records once. */
  readonly key: string;
  readonly actor: Actor;
  readonly conversationId: string | undefined;
}

export type ConfirmChildOutcome =
  | { readonly kind: 'recorded'; readonly confirmation: Confirmation }
  | { readonly kind: 'alreadyRecorded'; readonly confirmation: Confirmation }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notInRollCall' }
  | { readonly kind: 'closed'; readonly closed: RollCallClosure }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'invalid'; readonly errors: readonly RollCallError[] }
  /** Too many people saved at the same moment: nothing was recorded, try again. */
  | { readonly kind: 'busy' };

/** 無事 / 要支援 / 連絡つかず for one child: permission checked on the stored roll-call, audited with the change. */
export async function confirmChild(deps: DisasterDeps, req: ConfirmChildRequest): Promise<ConfirmChildOutcome> {
  const at = deps.clock.now().toISOString();
  const by = { aadObjectId: req.actor.aadObjectId, displayName: req.actor.displayName };
  const outcome = await mutateRollCall<ConfirmChildOutcome>(deps, req.rollCallId, (rc) => {
    const earlier = rc.confirmations.find((c) => c.key === req.key);
    if (earlier) return { result: { kind: 'alreadyRecorded', confirmation: earlier } };
    if (!mayConfirmChild(req.actor, rc, req.caseId)) return { result: { kind: 'notAuthorised' } };
    if (!findChild(rc, req.caseId)) return { result: { kind: 'notInRollCall' } };
    const decision = decideConfirm(rc, { key: req.key, caseId: req.caseId, status: req.status, needs: req.needs, note: req.note, by, at });
    if (decision.kind !== 'recorded') return { result: decision.kind === 'alreadyRecorded' ? { kind: 'alreadyRecorded', confirmation: decision.confirmation } : decision };
    const entry = rollCallAuditEntry({ subject: req.caseId, actor: by.aadObjectId, operation: 'update', action: 'rollcall.confirm', fields: CONFIRMATION_FIELDS, at, conversationId: req.conversationId, discriminator: `${req.rollCallId}|${req.key}` });
    return { save: withRollCallAudit(decision.rollCall, entry), result: { kind: 'recorded', confirmation: decision.confirmation } };
  });
  return outcome.kind === 'done' ? outcome.result : outcome;
}
