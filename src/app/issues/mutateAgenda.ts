import type { Agenda } from '../../domain/issues/agenda';
import { mutateVersioned, type VersionedMutation } from '../mutateVersioned';
import type { AgendaRepository } from './ports';

export type AgendaMutation<R> = VersionedMutation<Agenda, R>;
export type AgendaMutationOutcome<R> =
  | { readonly kind: 'done'; readonly result: R; readonly agenda: Agenda; readonly saved: boolean }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'busy' };

/** Optimistic concurrency on one agenda (see mutateVersioned). */
export async function mutateAgenda<R>(repo: AgendaRepository, wardId: string, agendaId: string, decide: (a: Agenda) => AgendaMutation<R>): Promise<AgendaMutationOutcome<R>> {
  const out = await mutateVersioned({ load: () => repo.load(wardId, agendaId), replace: (a: Agenda, etag: string) => repo.replace(a, etag) }, decide, { attempts: 10 });
  return out.kind === 'done' ? { kind: 'done', result: out.result, agenda: out.value, saved: out.saved } : out;
}
