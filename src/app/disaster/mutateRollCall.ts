import type { RollCall } from '../../domain/disaster/rollCall';
import type { DisasterDeps } from './ports';

/** A decision on the current roll-call: a new version to save (with a result), or a result with no change. */
export type RollCallMutation<R> = { readonly save: RollCall; readonly result: R } | { readonly result: R };

export type RollCallMutationOutcome<R> =
  | { readonly kind: 'done'; readonly result: R; readonly rollCall: RollCall; readonly saved: boolean }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'busy' };

/**
 * One roll-call document takes every confirmation of a disaster, so several people may click at once:
 * more attempts than for a case file, with a short random wait so that the losers do not collide again.
 */
export const MAX_ROLL_CALL_ATTEMPTS = 30;
const MAX_WAIT_MS = 200;

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Optimistic concurrency: read with the ETag, decide, replace with IfMatch; on a conflict decide again on
 * the fresh roll-call (so a racing click sees the winner's state, and both confirmations survive).
 */
export async function mutateRollCall<R>(deps: DisasterDeps, rollCallId: string, decide: (rc: RollCall) => RollCallMutation<R>): Promise<RollCallMutationOutcome<R>> {
  const sleep = deps.sleep ?? timer;
  for (let attempt = 0; attempt < MAX_ROLL_CALL_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.floor(Math.random() * Math.min(MAX_WAIT_MS, 5 * 2 ** attempt)));
    const current = await deps.rollCalls.load(rollCallId);
    if (!current) return { kind: 'notFound' };
    const decision = decide(current.value);
    if (!('save' in decision)) return { kind: 'done', result: decision.result, rollCall: current.value, saved: false };
    const saved = await deps.rollCalls.replace(decision.save, current.etag);
    if (saved.kind === 'saved') return { kind: 'done', result: decision.result, rollCall: decision.save, saved: true };
  }
  return { kind: 'busy' };
}
