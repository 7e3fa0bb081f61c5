import type { CaseFile } from '../domain/caseFile';
import type { CaseFileRepository } from './ports';

/** A decision on the current file: either a new file to save (with a result) or a result with no change. */
export type Mutation<R> = { readonly save: CaseFile; readonly result: R } | { readonly result: R };

export type MutationOutcome<R> =
  | { readonly kind: 'done'; readonly result: R; readonly file: CaseFile; readonly saved: boolean }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

export const MAX_MUTATION_ATTEMPTS = 8;

/**
 * Optimistic concurrency: read the file with its ETag, decide, replace with IfMatch. When somebody else
 * saved in between (412), decide again on the fresh file, so that a racing click sees the winner's state.
 */
export async function mutateCaseFile<R>(repo: CaseFileRepository, caseId: string, decide: (file: CaseFile) => Mutation<R>): Promise<MutationOutcome<R>> {
  // The first attempt may start from this instance's last known version (no read round trip): a stale
  // version makes the conditional replace fail, and a decision to change nothing is confirmed on a fresh read.
  let cached = repo.loadCached?.(caseId);
  for (let attempt = 0; attempt < MAX_MUTATION_ATTEMPTS; attempt++) {
    const current = cached ?? (await repo.load(caseId));
    const fromCache = cached !== undefined;
    cached = undefined;
    if (!current) return { kind: 'caseNotFound' };
    const decision = decide(current.value);
    if (!('save' in decision)) {
      if (fromCache) continue;
      return { kind: 'done', result: decision.result, file: current.value, saved: false };
    }
    const saved = await repo.replace(decision.save, current.etag);
    if (saved.kind === 'saved') return { kind: 'done', result: decision.result, file: decision.save, saved: true };
  }
  return { kind: 'busy' };
}
