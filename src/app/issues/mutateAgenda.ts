import type { Agenda } from '../../domain/issues/agenda';
import type { AgendaRepository } from './ports';

export type AgendaMutation<R> = { readonly save: Agenda; readonly result: R } | { readonly result: R };
export type AgendaMutationOutcome<R> =
  | { readonly kind: 'done'; readonly result: R; readonly agenda: Agenda; readonly saved: boolean }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'busy' };

const MAX_ATTEMPTS = 10;

/** Optimistic concurrency on one agenda: read with the ETag, decide, replace with IfMatch; decide again on a conflict. */
export async function mutateAgenda<R>(repo: AgendaRepository, wardId: string, agendaId: string, decide: (a: Agenda) => AgendaMutation<R>): Promise<AgendaMutationOutcome<R>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await repo.load(wardId, agendaId);
    if (!current) return { kind: 'notFound' };
    const decision = decide(current.value);
    if (!('save' in decision)) return { kind: 'done', result: decision.result, agenda: current.value, saved: false };
    const saved = await repo.replace(decision.save, current.etag);
    if (saved.kind === 'saved') return { kind: 'done', result: decision.result, agenda: decision.save, saved: true };
  }
  return { kind: 'busy' };
}
