import type { RollCall } from '../../domain/disaster/rollCall';
import { mutateVersioned } from '../mutateVersioned';
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

/** Optimistic concurrency on one roll-call (see mutateVersioned), with a short random wait between attempts. */
export async function mutateRollCall<R>(deps: DisasterDeps, rollCallId: string, decide: (rc: RollCall) => RollCallMutation<R>): Promise<RollCallMutationOutcome<R>> {
  const sleep = deps.sleep ?? timer;
  const out = await mutateVersioned({ load: () => deps.rollCalls.load(rollCallId), replace: (rc: RollCall, etag: string) => deps.rollCalls.replace(rc, etag) }, decide, {
    attempts: MAX_ROLL_CALL_ATTEMPTS,
    pause: (attempt) => sleep(Math.floor(Math.random() * Math.min(MAX_WAIT_MS, 5 * 2 ** attempt))),
  });
  return out.kind === 'done' ? { kind: 'done', result: out.result, rollCall: out.value, saved: out.saved } : out;
}
