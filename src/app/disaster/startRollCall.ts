import type { Actor } from '../../domain/directory';
import { mayStartRollCall } from '../../domain/disaster/policy';
import { startRollCall as decideStart, summarise, withRollCallAudit, type RollCall, type RollCallError, type RollCallReason, type RollCallScope, type RollCallSummary } from '../../domain/disaster/rollCall';
import type { DisasterCaseSummary, DisasterDeps } from './ports';
import { rollCallAuditEntry, rollCallSubject, START_FIELDS } from './rollCallAudit';

export interface StartRollCallRequest {
  /**
   * The roll-call's id, derived by the caller from the request's idempotency key: starting twice with the
   * same id finds the first roll-call instead of making a second.
   */
  readonly rollCallId: string;
  readonly wardId: string;
  readonly actor: Actor;
  readonly scope: RollCallScope;
  readonly reason: RollCallReason;
  /** When the event began (battery margins count from it); defaults to now. */
  readonly eventStartedAt?: string;
  readonly includeDistrictUnknown?: boolean;
  /** Every case of the ward as the case index knows it (the use case picks those in scope). */
  readonly cases: readonly DisasterCaseSummary[];
  readonly conversationId: string | undefined;
  /** Records the cards the roll-call keeps in Teams (they are posted by its outbox). */
  readonly placeCards?: (rc: RollCall) => RollCall;
}

export type StartRollCallOutcome =
  | { readonly kind: 'started'; readonly rollCall: RollCall; readonly summary: RollCallSummary }
  | { readonly kind: 'alreadyStarted'; readonly rollCall: RollCall; readonly summary: RollCallSummary }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'invalid'; readonly errors: readonly RollCallError[] }
  | { readonly kind: 'emptyScope'; readonly knownDistricts: readonly string[] };

/** 安否確認 開始: snapshot the children in scope and who checks each, and store the roll-call with its audit. */
export async function startRollCall(deps: DisasterDeps, req: StartRollCallRequest): Promise<StartRollCallOutcome> {
  if (!mayStartRollCall(req.actor)) return { kind: 'notAuthorised' };
  const existing = await deps.rollCalls.load(req.rollCallId);
  if (existing) return alreadyStarted(existing.value, req);
  const at = deps.clock.now().toISOString();
  const decision = decideStart({
    id: req.rollCallId,
    wardId: req.wardId,
    scope: req.scope,
    reason: req.reason,
    startedBy: { aadObjectId: req.actor.aadObjectId, displayName: req.actor.displayName },
    startedAt: at,
    ...(req.eventStartedAt !== undefined ? { eventStartedAt: req.eventStartedAt } : {}),
    candidates: req.cases,
    options: { includeDistrictUnknown: req.includeDistrictUnknown ?? true },
  });
  if (decision.kind !== 'started') return decision;
  const common = { actor: req.actor.aadObjectId, at, conversationId: req.conversationId, discriminator: req.rollCallId };
  const rollCall = withRollCallAudit(
    req.placeCards ? req.placeCards(decision.rollCall) : decision.rollCall,
    rollCallAuditEntry({ ...common, subject: rollCallSubject(req.rollCallId), operation: 'create', action: 'rollcall.start', fields: ['scope', 'reason', 'children', 'groups'] }),
    ...decision.rollCall.children.map((c) => rollCallAuditEntry({ ...common, subject: c.caseId, operation: 'read', action: 'rollcall.start', fields: START_FIELDS })),
  );
  if ((await deps.rollCalls.create(rollCall)) === 'exists') {
    const raced = await deps.rollCalls.load(req.rollCallId);
    if (raced) return alreadyStarted(raced.value, req);
  }
  return { kind: 'started', rollCall, summary: summarise(rollCall) };
}

function alreadyStarted(rc: RollCall, req: StartRollCallRequest): StartRollCallOutcome {
  // An id of another ward is not "already started" for this one: a caller bug (ids are per request).
  if (rc.wardId !== req.wardId) throw new Error(`ROLLCALL.ID_CLASH: roll-call ${rc.id} belongs to another ward; derive ids from the request key`);
  return { kind: 'alreadyStarted', rollCall: rc, summary: summarise(rc) };
}
