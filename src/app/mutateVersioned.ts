import type { SaveResult, Versioned } from './ports';

/** A decision on the current document: a new version to save (with a result), or a result with no change. */
export type VersionedMutation<T, R> = { readonly save: T; readonly result: R } | { readonly result: R };

export type VersionedMutationOutcome<T, R> =
  | { readonly kind: 'done'; readonly result: R; readonly value: T; readonly saved: boolean }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'busy' };

export interface MutationStore<T> {
  load(): Promise<Versioned<T> | undefined>;
  replace(value: T, etag: string): Promise<SaveResult>;
}

/**
 * Optimistic concurrency on one document: read with the ETag, decide, replace with IfMatch; on a conflict
 * decide again on the fresh document, so a racing click sees the winner's state and both changes survive.
 * `pause(attempt)` may wait before a retry (documents many people click at once spread their retries).
 */
export async function mutateVersioned<T, R>(store: MutationStore<T>, decide: (current: T) => VersionedMutation<T, R>, options: { readonly attempts: number; readonly pause?: (attempt: number) => Promise<void> }): Promise<VersionedMutationOutcome<T, R>> {
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    if (attempt > 0 && options.pause) await options.pause(attempt);
    const current = await store.load();
    if (!current) return { kind: 'notFound' };
    const decision = decide(current.value);
    if (!('save' in decision)) return { kind: 'done', result: decision.result, value: current.value, saved: false };
    const saved = await store.replace(decision.save, current.etag);
    if (saved.kind === 'saved') return { kind: 'done', result: decision.result, value: decision.save, saved: true };
  }
  return { kind: 'busy' };
}
