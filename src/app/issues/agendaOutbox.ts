import { applyConferenceOutcome } from '../../domain/issues/issue';
import type { Agenda } from '../../domain/issues/agenda';
import { auditEntry } from '../auditEntries';
import type { AgendaDeps } from './agendaDeps';
import { mutateAgenda } from './mutateAgenda';
import { flushIssueAudit } from './recordIssue';

export interface AgendaDelivery {
  /** What is still owed after this attempt (retried by the sweep). */
  readonly pending: readonly ('channelCard' | 'eventBody' | 'issues')[];
  readonly retryAfterMs: number | undefined;
}

/**
 * Delivers what a committed agenda change owes: the outcomes to the issue stock (each issue once per agenda;
 * an audit entry on the case for an issue recorded from one), the agenda into the conference's calendar
 * event, and the card in the secretariat channel. Each part is cleared only when done, on the fresh agenda,
 * so a crash or a 429/5xx repeats it later and nothing is dropped.
 */
export async function deliverAgendaOutbox(deps: AgendaDeps, agendaId: string): Promise<AgendaDelivery | undefined> {
  const loaded = await deps.agendas.load(deps.wardId, agendaId);
  if (!loaded) return undefined;
  const agenda = loaded.value;
  let retryAfterMs: number | undefined;
  const later = (ms: number) => (retryAfterMs = Math.max(retryAfterMs ?? 0, ms));
  const done: { issues?: true; eventBody?: true; channelCard?: { activityId: string; conversationId: string } | 'same' | 'drop' } = {};

  if (agenda.outbox.issues && agenda.closed) {
    if (await applyOutcomes(deps, agenda)) done.issues = true;
    else later(1000);
  }
  if (agenda.outbox.eventBody) {
    if (!agenda.conference) done.eventBody = true;
    else {
      const written = await deps.conferences.writeBody(deps.wardId, agenda.conference.meetingId, deps.bodyText(agenda));
      if (written.kind === 'retryLater') later(written.afterMs);
      else {
        if (written.kind === 'gone') deps.log.warn('agenda conference gone', { seq: agenda.seq });
        done.eventBody = true;
      }
    }
  }
  if (agenda.outbox.channelCard) {
    const target = await deps.addressBook()('secretariat', undefined);
    if (!target || target.parked) later(60_000);
    else {
      const view = { agenda, openFollowUps: [] };
      let delivery = await deps.channel.showAgenda(target.address, agenda.channelCard?.activityId, view);
      if (delivery.kind === 'notFound') delivery = await deps.channel.showAgenda(target.address, undefined, view);
      if (delivery.kind === 'posted') done.channelCard = { activityId: delivery.activityId, conversationId: delivery.conversationId };
      else if (delivery.kind === 'updated') done.channelCard = 'same';
      else if (delivery.kind === 'retryLater') later(delivery.afterMs);
      else {
        deps.log.warn('agenda card not delivered', { status: delivery.kind === 'notFound' ? 404 : delivery.status, seq: agenda.seq });
        done.channelCard = 'drop';
      }
    }
  }

  const outcome = await mutateAgenda(deps.agendas, deps.wardId, agendaId, (fresh) => {
    // Only what this attempt delivered, and only for the version it delivered (a newer change owes it again).
    const sameVersion = fresh.version === agenda.version;
    const outbox = {
      issues: fresh.outbox.issues && !(done.issues && fresh.closed),
      eventBody: fresh.outbox.eventBody && !(done.eventBody && sameVersion),
      channelCard: fresh.outbox.channelCard && !(done.channelCard !== undefined && sameVersion),
    };
    const channelCard = typeof done.channelCard === 'object' ? done.channelCard : fresh.channelCard;
    if (outbox.issues === fresh.outbox.issues && outbox.eventBody === fresh.outbox.eventBody && outbox.channelCard === fresh.outbox.channelCard && channelCard === fresh.channelCard) return { result: fresh };
    return { save: { ...fresh, outbox, channelCard }, result: fresh };
  });
  const final: Agenda = outcome.kind === 'done' ? outcome.agenda : agenda;
  const pending = (['channelCard', 'eventBody', 'issues'] as const).filter((k) => final.outbox[k]);
  return { pending, retryAfterMs: pending.length > 0 ? (retryAfterMs ?? 1000) : undefined };
}

async function applyOutcomes(deps: AgendaDeps, agenda: Agenda): Promise<boolean> {
  const closed = agenda.closed;
  if (!closed) return true;
  let ok = true;
  for (const item of agenda.items) {
    if (!item.outcome) continue;
    const result = item.outcome.result;
    let applied = false;
    for (let attempt = 0; attempt < 5 && !applied; attempt++) {
      const current = await deps.issues.load(deps.wardId, item.issueId);
      if (!current) {
        applied = true;
        break;
      }
      const issue = applyConferenceOutcome(current.value.issue, agenda.agendaId, result, closed.by, closed.at);
      if (issue === current.value.issue) {
        applied = true;
        break;
      }
      const entry = issue.caseId
        ? [auditEntry({ caseId: issue.caseId, actor: closed.by, operation: 'update', action: 'issue.outcome', fields: ['issues.status'], at: closed.at, conversationId: undefined, discriminator: `${issue.issueId}|${agenda.agendaId}` })]
        : [];
      const saved = await deps.issues.replace({ issue, pendingAudit: [...current.value.pendingAudit, ...entry] }, current.etag);
      if (saved.kind === 'saved') {
        applied = true;
        await flushIssueAudit(deps, issue.issueId);
      }
    }
    ok &&= applied;
  }
  return ok;
}

/** The sweep: every agenda of the ward that still owes something. */
export async function sweepAgendas(deps: AgendaDeps): Promise<number> {
  let delivered = 0;
  for (const a of await deps.agendas.list(deps.wardId)) {
    const o = a.value.outbox;
    if (o.channelCard || o.eventBody || o.issues) {
      const r = await deliverAgendaOutbox(deps, a.value.agendaId);
      if (r && r.pending.length === 0) delivered++;
    }
  }
  return delivered;
}
