import type { Actor } from '../../domain/directory';
import { mayViewSummary } from '../../domain/disaster/policy';
import { summarise, type RollCallSummary } from '../../domain/disaster/rollCall';
import type { DisasterDeps } from './ports';
import { rollCallAuditEntry, rollCallSubject } from './rollCallAudit';

export interface RollCallSummaryRequest {
  readonly rollCallId: string;
  readonly actor: Actor;
  readonly conversationId: string | undefined;
}

export type RollCallSummaryOutcome = { readonly kind: 'found'; readonly summary: RollCallSummary } | { readonly kind: 'notFound' } | { readonly kind: 'notAuthorised' };

/**
 * The live summary: counts per status, the children not yet confirmed and those unreachable (case codes
 * only). The read is written to the audit trail before the summary is returned — no audit, no data.
 */
export async function viewRollCallSummary(deps: DisasterDeps, req: RollCallSummaryRequest): Promise<RollCallSummaryOutcome> {
  if (!mayViewSummary(req.actor)) return { kind: 'notAuthorised' };
  const loaded = await deps.rollCalls.load(req.rollCallId);
  if (!loaded) return { kind: 'notFound' };
  const at = deps.clock.now().toISOString();
  await deps.audit.append([
    rollCallAuditEntry({ subject: rollCallSubject(req.rollCallId), actor: req.actor.aadObjectId, operation: 'read', action: 'rollcall.summary', fields: ['children', 'confirmations.status', 'confirmations.needs'], at, conversationId: req.conversationId, discriminator: `${req.actor.aadObjectId}|${at}` }),
  ]);
  return { kind: 'found', summary: summarise(loaded.value) };
}
