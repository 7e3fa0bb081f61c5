import type { Actor } from '../../domain/directory';
import { newAgenda, refreshDraft, type Agenda } from '../../domain/issues/agenda';
import { compareDates } from '../../domain/dates';
import { deliverAgendaOutbox } from './agendaOutbox';
import { maySecretary, type AgendaDeps } from './agendaDeps';
import type { AgendaView } from './agendaView';

export type PullOutcome = { readonly kind: 'agenda'; readonly view: AgendaView } | { readonly kind: 'notAuthorised' } | { readonly kind: 'busy' };

/**
 * 議題: the current agenda of the ward's conference. When the last one is closed (or there is none), a new
 * draft is made — its id comes from the sequence, so two secretaries pulling at once share one draft. A
 * draft is brought up to date with the stock on every pull (raised, unsettled issues; carried-over first)
 * and with the next conference on the calendar.
 */
export async function pullAgenda(deps: AgendaDeps, actor: Actor): Promise<PullOutcome> {
  if (!maySecretary(actor)) return { kind: 'notAuthorised' };
  for (let attempt = 0; attempt < 6; attempt++) {
    const all = await deps.agendas.list(deps.wardId);
    const latest = all[all.length - 1];
    if (latest && latest.value.state === 'closed' && (latest.value.outbox.channelCard || latest.value.outbox.eventBody || latest.value.outbox.issues)) {
      // Outcomes not yet applied to the stock (a crash after the close): apply them first, or settled items would come back.
      await deliverAgendaOutbox(deps, latest.value.agendaId);
    }
    if (!latest || latest.value.state === 'closed') {
      await deps.agendas.create(newAgenda(deps.wardId, (latest?.value.seq ?? 0) + 1, deps.clock.now().toISOString(), deps.fictional));
      continue;
    }
    let agenda: Agenda = latest.value;
    if (agenda.state === 'draft') {
      const refreshed = refreshDraft(agenda, await deps.issues.awaitingConference(deps.wardId), deps.categoryOrder);
      const conference = await deps.conferences.next(deps.wardId, deps.clock.now());
      const sameConference = conference?.meetingId === refreshed.conference?.meetingId && conference?.start === refreshed.conference?.start;
      const next = sameConference ? refreshed : { ...refreshed, conference, version: refreshed.version === agenda.version ? agenda.version + 1 : refreshed.version };
      if (next !== agenda) {
        const saved = await deps.agendas.replace(next, latest.etag);
        if (saved.kind === 'conflict') continue;
        agenda = next;
      }
    }
    return { kind: 'agenda', view: { agenda, openFollowUps: openFollowUps(all.map((v) => v.value)) } };
  }
  return { kind: 'busy' };
}

export function openFollowUps(agendas: readonly Agenda[]): AgendaView['openFollowUps'] {
  return agendas
    .flatMap((a) => a.followUps.filter((f) => !f.done).map((f) => ({ ...f, agendaId: a.agendaId, seq: a.seq })))
    .sort((x, y) => compareDates(x.due, y.due) || x.id.localeCompare(y.id));
}
