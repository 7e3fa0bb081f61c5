import type { Actor } from '../../domain/directory';
import { mayCloseRollCall } from '../../domain/disaster/policy';
import { closeRollCall as decideClose, summarise, withRollCallAudit, type RollCallClosure, type RollCallSummary } from '../../domain/disaster/rollCall';
import { mutateRollCall } from './mutateRollCall';
import type { DisasterDeps } from './ports';
import { rollCallAuditEntry, rollCallSubject } from './rollCallAudit';

export interface CloseRollCallRequest {
  readonly rollCallId: string;
  readonly actor: Actor;
  readonly note: string;
  readonly conversationId: string | undefined;
}

export type CloseRollCallOutcome =
  | { readonly kind: 'closed'; readonly summary: RollCallSummary }
  | { readonly kind: 'alreadyClosed'; readonly closed: RollCallClosure }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'busy' };

/** 安否確認 終了: no more confirmations or reminders; the summary at closing is returned. */
export async function closeRollCall(deps: DisasterDeps, req: CloseRollCallRequest): Promise<CloseRollCallOutcome> {
  if (!mayCloseRollCall(req.actor)) return { kind: 'notAuthorised' };
  const at = deps.clock.now().toISOString();
  const by = { aadObjectId: req.actor.aadObjectId, displayName: req.actor.displayName };
  const outcome = await mutateRollCall<CloseRollCallOutcome>(deps, req.rollCallId, (rc) => {
    const decision = decideClose(rc, by, at, req.note);
    if (decision.kind === 'alreadyClosed') return { result: decision };
    const entry = rollCallAuditEntry({ subject: rollCallSubject(rc.id), actor: by.aadObjectId, operation: 'update', action: 'rollcall.close', fields: ['closed'], at, conversationId: req.conversationId, discriminator: 'close' });
    const closed = withRollCallAudit(decision.rollCall, entry);
    return { save: closed, result: { kind: 'closed', summary: summarise(closed) } };
  });
  return outcome.kind === 'done' ? outcome.result : outcome;
}
