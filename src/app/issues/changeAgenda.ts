import type { Actor } from '../../domain/directory';
import { closeWithOutcomes, completeFollowUp, editDraft, publishDraft, saveOutcomes, type Agenda, type AgendaChange, type ItemEdit, type OutcomeInput } from '../../domain/issues/agenda';
import { deliverAgendaOutbox, type AgendaDelivery } from './agendaOutbox';
import { maySecretary, type AgendaDeps } from './agendaDeps';
import { mutateAgenda } from './mutateAgenda';
import { openFollowUps } from './pullAgenda';
import type { AgendaView } from './agendaView';

export type AgendaStep =
  | { readonly kind: 'edit'; readonly edits: readonly ItemEdit[] }
  | { readonly kind: 'publish'; readonly edits: readonly ItemEdit[] }
  | { readonly kind: 'saveOutcomes'; readonly outcomes: readonly OutcomeInput[] }
  | { readonly kind: 'close'; readonly outcomes: readonly OutcomeInput[] }
  | { readonly kind: 'followUpDone'; readonly followUpId: string };

export type AgendaStepOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly view: AgendaView; readonly delivery: AgendaDelivery | undefined }
  /** Somebody changed the agenda since this card was shown: the fresh agenda, nothing written. */
  | { readonly kind: 'stale' | 'wrongState'; readonly view: AgendaView }
  | Extract<AgendaChange, { kind: 'invalid' }>
  | { readonly kind: 'notAuthorised' | 'notFound' | 'busy' };

/**
 * One step on an agenda from its card: save the order and inclusions, publish, record the outcomes (closes
 * it), or mark a follow-up done. Guarded by the card's version and the document's ETag, so a repeated or
 * concurrent click gives one outcome; what the step owes the outside world is delivered at once, and by the
 * sweep when that fails.
 */
export async function stepAgenda(deps: AgendaDeps, req: { actor: Actor; agendaId: string; cardVersion: number; step: AgendaStep }): Promise<AgendaStepOutcome> {
  const { actor, step } = req;
  const by = actor.aadObjectId;
  const at = deps.clock.now().toISOString();
  const conference = step.kind === 'publish' ? await deps.conferences.next(deps.wardId, deps.clock.now()) : undefined;
  const outcome = await mutateAgenda<AgendaChange | { kind: 'notAuthorised' }>(deps.agendas, deps.wardId, req.agendaId, (agenda) => {
    const change = decide(agenda);
    return change.kind === 'changed' ? { save: change.agenda, result: change } : { result: change };
  });
  function decide(agenda: Agenda): AgendaChange | { kind: 'notAuthorised' } {
    switch (step.kind) {
      case 'edit':
        return maySecretary(actor) ? editDraft(agenda, req.cardVersion, step.edits) : { kind: 'notAuthorised' };
      case 'publish': {
        if (!maySecretary(actor)) return { kind: 'notAuthorised' };
        const edited = editDraft(agenda, req.cardVersion, step.edits);
        if (edited.kind !== 'changed' && edited.kind !== 'unchanged') return edited;
        return publishDraft(edited.agenda, edited.agenda.version, by, at, conference ?? agenda.conference);
      }
      case 'saveOutcomes':
        return maySecretary(actor) ? saveOutcomes(agenda, req.cardVersion, step.outcomes) : { kind: 'notAuthorised' };
      case 'close':
        return maySecretary(actor) ? closeWithOutcomes(agenda, req.cardVersion, step.outcomes, by, at) : { kind: 'notAuthorised' };
      case 'followUpDone': {
        const task = agenda.followUps.find((f) => f.id === step.followUpId);
        if (task && !maySecretary(actor) && actor.organisation !== task.department) return { kind: 'notAuthorised' };
        return completeFollowUp(agenda, step.followUpId, by, at);
      }
    }
  }
  if (outcome.kind !== 'done') return { kind: outcome.kind };
  const result = outcome.result;
  if (result.kind === 'notAuthorised' || result.kind === 'invalid') return result;
  const delivery = outcome.saved ? await deliverAgendaOutbox(deps, req.agendaId) : undefined;
  // One read of the ward's agendas gives both the agenda as delivery left it and the open follow-ups.
  const all = (await deps.agendas.list(deps.wardId)).map((v) => v.value);
  const fresh = (delivery ? all.find((a) => a.agendaId === req.agendaId) : undefined) ?? result.agenda;
  const view: AgendaView = { agenda: fresh, openFollowUps: openFollowUps(all) };
  if (result.kind === 'stale' || result.kind === 'wrongState') return { kind: result.kind, view };
  return { kind: result.kind, view, delivery };
}
