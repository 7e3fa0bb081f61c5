import { isAllowed } from '../domain/authorisation';
import { contactsOf, milestoneCardsOf, milestoneStatesOf, withAudit, type CaseFile } from '../domain/caseFile';
import { isMonitoringId, nextMonitoring, type MonitoringInterval } from '../domain/monitoring';
import { actsForDepartment, bumpMilestoneCards } from '../domain/transitions/milestoneCards';
import { milestoneCardView, type MilestoneCardView } from './milestoneCardView';
import { tokyoDate, type CalendarDate } from '../domain/dates';
import type { Actor } from '../domain/directory';
import { plannedTransitions } from '../domain/transitions/engine';
import { childOnCalendar, decideDone, decidePostpone, type MilestoneDecision, type MilestoneState } from '../domain/transitions/milestoneState';
import type { LocalisedText } from '../domain/transitions/transitionData';
import { auditEntry } from './auditEntries';
import { caseMilestonesView, digestView, type MilestoneCalendar, type MilestoneListView } from './milestoneViews';
import { mutateCaseFile } from './mutateCaseFile';
import type { AuditTrail, CaseFileRepository, CaseIndex, Clock } from './ports';
import { readCaseForActor, relationshipTo } from './readCase';

/** The fields a milestone list is computed from (recorded in the audit trail on every view). */
export const MILESTONE_FIELDS = ['child.birthDate', 'enrolment', 'milestones'] as const;

export interface MilestoneDeps extends MilestoneCalendar {
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly onOutboxWork: (caseId: string) => void;
}

export type MilestonesOutcome = { readonly kind: 'found'; readonly view: MilestoneListView } | { readonly kind: 'notFound' } | { readonly kind: 'notAuthorised' };

/** 予定 <案件番号>: permission-checked and audited like every read of case data (readCaseForActor). */
export async function caseMilestones(deps: MilestoneDeps, req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<MilestonesOutcome> {
  const read = await readCaseForActor(deps, { ...req, purpose: 'milestone.view', fields: MILESTONE_FIELDS });
  if (read.kind !== 'found') return read;
  return { kind: 'found', view: caseMilestonesView(read.file, deps.clock.now(), deps) };
}

export interface DigestDeps extends MilestoneCalendar {
  readonly index: CaseIndex;
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly wardId: string;
}

const OPEN = new Set(['intake', 'active', 'monitoring']);

/**
 * The digest of a coordinator: the overdue and coming milestones of the open cases assigned to them, most
 * urgent first. Each case is re-read and permission re-checked; every case read is audited before the
 * digest is returned (whether or not it has a row today), as `milestone.digest` by the person it is for.
 */
export async function coordinatorDigest(deps: DigestDeps, actor: Actor, conversationId: string | undefined): Promise<MilestoneListView> {
  const summaries = (await deps.index.assignedTo(deps.wardId, actor.aadObjectId, 200)).filter((s) => OPEN.has(s.status));
  const files: CaseFile[] = [];
  for (const s of summaries) {
    const loaded = await deps.repo.load(s.caseId);
    if (!loaded || !OPEN.has(loaded.value.record.status) || loaded.value.record.anonymisedAt) continue;
    if (!isAllowed(actor, 'case.viewDetails', relationshipTo(loaded.value, actor))) continue;
    files.push(loaded.value);
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.audit.append(
    files.map((f) => auditEntry({ caseId: f.record.id, actor: actor.aadObjectId, operation: 'read', action: 'milestone.digest', fields: MILESTONE_FIELDS, at, conversationId, discriminator: `${actor.aadObjectId}|${at}` })),
  );
  return digestView(files, now, deps);
}

/** What a milestone row is about: a step from the data (its title), or the case's monitoring (its cadence). */
export type MilestoneSubject = { readonly kind: 'transition'; readonly title: LocalisedText } | { readonly kind: 'monitoring'; readonly everyMonths: MonitoringInterval };

export type MilestoneChangeOutcome =
  | {
      readonly kind: 'done' | 'postponed' | 'unchanged';
      readonly file: CaseFile;
      readonly subject: MilestoneSubject;
      /** The case's list (for the 予定 card); undefined when the actor acted as the department (channel card). */
      readonly view: MilestoneListView | undefined;
      /** The channel card the click came from, as it is now (for `from: channel`). */
      readonly card: MilestoneCardView | undefined;
    }
  | { readonly kind: 'invalidDate' }
  | { readonly kind: 'unknownMilestone' }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

export interface MilestoneChange {
  readonly caseId: string;
  readonly milestoneId: string;
  readonly actor: Actor;
  readonly conversationId: string | undefined;
  /** Set when the click came from the channel card of another department (its card id). */
  readonly cardId?: string;
}

type Decided = { kind: 'changed' | 'unchanged'; subject: MilestoneSubject; asDepartment: boolean } | { kind: 'invalidDate' | 'unknownMilestone' | 'notAuthorised' };

/**
 * 完了 / 延期 on a milestone: by the people who hold the case (desk, case workers, the assigned
 * coordinator), re-checked on the stored case; and, from their channel card, by the members of the
 * department the milestone belongs to. The change and its audit entry are one write (ETag); repeating it
 * changes nothing. The channel cards of that milestone are rewritten by the outbox. A monitoring reminder
 * (`monitoring.due…`) is completed or postponed the same way, by the people who hold the case.
 */
async function changeMilestone(deps: MilestoneDeps, req: MilestoneChange, operation: 'done' | 'postpone', decide: (states: readonly MilestoneState[], currentDue: CalendarDate, today: CalendarDate, at: string) => MilestoneDecision): Promise<MilestoneChangeOutcome> {
  const now = deps.clock.now();
  const today = tokyoDate(now);
  const at = now.toISOString();
  const outcome = await mutateCaseFile<Decided>(deps.repo, req.caseId, (file) => {
    const holds = isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor));
    const found = findMilestone(file, req.milestoneId, today, deps);
    if (!found) return { result: holds ? { kind: 'unknownMilestone' } : { kind: 'notAuthorised' } };
    // A department member acts only from a channel card of that department for this milestone.
    const card = req.cardId === undefined ? undefined : milestoneCardsOf(file).find((c) => c.id === req.cardId && c.milestoneId === req.milestoneId);
    const asDepartment = !holds && found.organisation !== undefined && card !== undefined && card.organisation === found.organisation && actsForDepartment(req.actor, found.organisation);
    if ((!holds && !asDepartment) || file.record.anonymisedAt) return { result: { kind: 'notAuthorised' } };
    const decision = decide(milestoneStatesOf(file), found.currentDue, today, at);
    if (decision.kind === 'invalidDate') return { result: { kind: 'invalidDate' } };
    if (decision.kind === 'unchanged') return { result: { kind: 'unchanged', subject: found.subject, asDepartment } };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: `milestone.${operation}`, fields: ['milestones'], at, conversationId: req.conversationId, discriminator: `${req.milestoneId}|${at}` });
    const milestoneCards = bumpMilestoneCards(milestoneCardsOf(file), req.milestoneId, req.cardId);
    const changed: CaseFile = { ...file, milestones: decision.states, ...(milestoneCards.length > 0 ? { milestoneCards } : {}) };
    return { save: withAudit(changed, entry), result: { kind: 'changed', subject: found.subject, asDepartment } };
  });
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  if (!('subject' in r)) return { kind: r.kind };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  const nowAfter = deps.clock.now();
  // The case's list as it is now (the change itself is audited; like a status change, no second read entry).
  const view = r.asDepartment ? undefined : caseMilestonesView(outcome.file, nowAfter, deps);
  const clicked = req.cardId === undefined ? undefined : milestoneCardsOf(outcome.file).find((c) => c.id === req.cardId);
  const card = clicked && milestoneCardView(outcome.file, clicked, nowAfter);
  return { kind: r.kind === 'unchanged' ? 'unchanged' : operation === 'done' ? 'done' : 'postponed', file: outcome.file, subject: r.subject, view, card };
}

/** The milestone or monitoring reminder a click names, with the date it is due now and whose it is. */
function findMilestone(file: CaseFile, id: string, today: CalendarDate, cal: MilestoneCalendar): { subject: MilestoneSubject; currentDue: CalendarDate; organisation: Actor['organisation'] } | undefined {
  if (isMonitoringId(id)) {
    const next = nextMonitoring(file.monitoring, contactsOf(file), milestoneStatesOf(file));
    return next && next.id === id ? { subject: { kind: 'monitoring', everyMonths: next.everyMonths }, currentDue: next.dueDate, organisation: undefined } : undefined;
  }
  const planned = plannedTransitions(childOnCalendar(file.record, today), today, cal.transitions, cal.calendar).flatMap((t) => t.milestones);
  const milestone = planned.find((m) => m.id === id);
  if (!milestone) return undefined;
  // The date it is due now: the data's date, or the date of an earlier postponement.
  const postponed = milestoneStatesOf(file).find((st) => st.id === id && st.status === 'postponed');
  return { subject: { kind: 'transition', title: milestone.title }, currentDue: postponed?.until ?? milestone.dueDate, organisation: milestone.organisation };
}

export function markMilestoneDone(deps: MilestoneDeps, req: MilestoneChange): Promise<MilestoneChangeOutcome> {
  return changeMilestone(deps, req, 'done', (states, _current, _today, at) => decideDone(states, req.milestoneId, req.actor.aadObjectId, at, req.actor.displayName));
}

export function postponeMilestone(deps: MilestoneDeps, req: MilestoneChange & { until: CalendarDate }): Promise<MilestoneChangeOutcome> {
  return changeMilestone(deps, req, 'postpone', (states, currentDue, today, at) => decidePostpone(states, req.milestoneId, currentDue, req.until, today, req.actor.aadObjectId, at, req.actor.displayName));
}
