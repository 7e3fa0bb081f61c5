import { isAllowed } from '../domain/authorisation';
import { changeStatus, type CaseStatus } from '../domain/case';
import { withAudit, type CaseFile } from '../domain/caseFile';
import { anonymiseContact } from '../domain/contacts';
import type { Actor } from '../domain/directory';
import { anonymise, isDueForAnonymisation } from '../domain/retention';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock } from './ports';
import { relationshipTo } from './readCase';

export type StatusOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly file: CaseFile }
  | { readonly kind: 'notAllowed'; readonly file: CaseFile }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

/** 支援中 / モニタリング / 終結 / 移管: a status change with its history, by the people holding the case. */
export async function changeCaseStatus(deps: { repo: CaseFileRepository; clock: Clock; onOutboxWork: (caseId: string) => void }, req: { caseId: string; actor: Actor; to: CaseStatus; conversationId: string | undefined }): Promise<StatusOutcome> {
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<'changed' | 'unchanged' | 'notAllowed' | 'notAuthorised'>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { result: 'notAuthorised' };
    if (file.record.status === req.to) return { result: 'unchanged' };
    const record = changeStatus(file.record, req.to, req.actor.aadObjectId, at);
    if (!record) return { result: 'notAllowed' };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'case.status', fields: ['status'], at, conversationId: req.conversationId, discriminator: `${req.to}|${at}` });
    return { save: withAudit({ ...file, record }, entry), result: 'changed' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: outcome.result, file: outcome.file };
}

/**
 * The retention job: anonymises closed cases whose retention period has passed. Idempotent and safe to
 * run on every instance (ETag guarded); the anonymisation is audited as done by "system".
 */
export async function anonymiseDueCases(deps: { repo: CaseFileRepository; clock: Clock; onOutboxWork: (caseId: string) => void }, retentionDays: number): Promise<number> {
  let count = 0;
  for (const caseId of await deps.repo.listEndedNotAnonymised(500)) {
    const now = deps.clock.now();
    const outcome = await mutateCaseFile<boolean>(deps.repo, caseId, (file) => {
      if (!isDueForAnonymisation(file.record, now, retentionDays)) return { result: false };
      const at = now.toISOString();
      const record = { ...anonymise(file.record), anonymisedAt: at };
      const entry = auditEntry({ caseId, actor: 'system', operation: 'update', action: 'case.anonymise', fields: ['child.name', 'child.nameKana', 'child.birthDate', 'familyNeeds', 'guardians', 'diagnoses', 'supportNetwork', 'enrolment.place', 'contacts.note'], at, conversationId: undefined, discriminator: 'retention' });
      // Contact notes are free text about the child: only their kind and month stay.
      const contacts = file.contacts?.map(anonymiseContact);
      return { save: withAudit({ ...file, record, ...(contacts ? { contacts } : {}) }, entry), result: true };
    });
    if (outcome.kind === 'done' && outcome.result) {
      count++;
      deps.onOutboxWork(caseId);
    }
  }
  return count;
}
