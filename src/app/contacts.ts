import { isAllowed } from '../domain/authorisation';
import { contactsOf, processedResult, rememberAction, withAudit, type CaseFile } from '../domain/caseFile';
import { validateContact, type ContactError, type ContactKind } from '../domain/contacts';
import { tokyoDate, type CalendarDate } from '../domain/dates';
import type { Actor } from '../domain/directory';
import { decideMonitoring, type MonitoringInterval } from '../domain/monitoring';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock, IdGenerator } from './ports';
import { relationshipTo } from './readCase';

export interface ContactDeps {
  readonly repo: CaseFileRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly onOutboxWork: (caseId: string) => void;
}

export interface ContactRequest {
  readonly caseId: string;
  readonly actor: Actor;
  /** The card's form id: a repeated submit of the same form records once. */
  readonly formId: string;
  readonly kind: ContactKind;
  readonly date: CalendarDate;
  readonly note: string;
  readonly conversationId: string | undefined;
}

export type ContactOutcome =
  | { readonly kind: 'recorded' | 'alreadyRecorded'; readonly file: CaseFile }
  | { readonly kind: 'invalid'; readonly errors: readonly ContactError[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

type Decided = 'recorded' | 'alreadyRecorded' | 'notAuthorised' | readonly ContactError[];

/**
 * 訪問・面接・同行の記録: by the people who hold the case (desk, case workers, the assigned coordinator),
 * re-checked on the stored case. The record, the idempotency key of the form and the audit entry are one
 * write (ETag). A visit or interview also counts as the monitoring done (see domain/monitoring).
 */
export async function recordContact(deps: ContactDeps, req: ContactRequest): Promise<ContactOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const key = `contact|${req.formId}`;
  const note = req.note.trim();
  const outcome = await mutateCaseFile<Decided>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { result: 'notAuthorised' };
    if (processedResult(file, key)) return { result: 'alreadyRecorded' };
    if (file.record.anonymisedAt) return { result: 'notAuthorised' };
    const errors = validateContact({ date: req.date, note }, tokyoDate(now), file.record.child.birthDate, contactsOf(file).length);
    if (errors.length > 0) return { result: errors };
    const record = { id: deps.ids.newId(), kind: req.kind, date: req.date, note, by: req.actor.aadObjectId, byName: req.actor.displayName, at };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'contact.record', fields: ['contacts'], at, conversationId: req.conversationId, discriminator: key });
    const next = rememberAction({ ...file, contacts: [...contactsOf(file), record] }, key, 'recorded', at);
    return { save: withAudit(next, entry), result: 'recorded' };
  });
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  if (r === 'notAuthorised') return { kind: 'notAuthorised' };
  if (typeof r !== 'string') return { kind: 'invalid', errors: r };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: r, file: outcome.file };
}

export type MonitoringOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly file: CaseFile }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

/** モニタリング周期: set, change or stop the cadence of a case (same people; audited as monitoring.set). */
export async function setMonitoring(deps: ContactDeps, req: { caseId: string; actor: Actor; everyMonths: MonitoringInterval | undefined; conversationId: string | undefined }): Promise<MonitoringOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const outcome = await mutateCaseFile<'changed' | 'unchanged' | 'notAuthorised'>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor)) || file.record.anonymisedAt) return { result: 'notAuthorised' };
    const decision = decideMonitoring(file.monitoring, req.everyMonths, tokyoDate(now), req.actor.aadObjectId, at);
    if (decision.kind === 'unchanged') return { result: 'unchanged' };
    const { monitoring: _old, ...rest } = file;
    const next: CaseFile = decision.plan ? { ...rest, monitoring: decision.plan } : rest;
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'monitoring.set', fields: ['monitoring'], at, conversationId: req.conversationId, discriminator: `${req.everyMonths ?? 'none'}|${at}` });
    return { save: withAudit(next, entry), result: 'changed' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: outcome.result, file: outcome.file };
}
