import { isAllowed } from '../domain/authorisation';
import { withAudit, workDoneOf, type CaseFile } from '../domain/caseFile';
import { findWorkItem, markWork, type ChecklistItem, type StandardWork } from '../domain/coordination/standardWork';
import type { Actor } from '../domain/directory';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock } from './ports';
import { relationshipTo } from './readCase';

export type WorkOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly file: CaseFile; readonly item: ChecklistItem }
  | { readonly kind: 'unknownItem' }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

export interface WorkDeps {
  readonly repo: CaseFileRepository;
  readonly clock: Clock;
  readonly work: StandardWork;
  readonly onOutboxWork: (caseId: string) => void;
}

/**
 * 標準業務のチェック: the people holding the case mark a checklist item done (or undo it). The item must be
 * in config/standardWork.json; the mark, who and when are stored on the case and audited in the same write.
 * A repeated click finds the item already in that state and changes nothing.
 */
export async function markWorkItem(deps: WorkDeps, req: { caseId: string; actor: Actor; itemId: string; done: boolean; conversationId: string | undefined }): Promise<WorkOutcome> {
  const item = findWorkItem(deps.work, req.itemId);
  if (!item) return { kind: 'unknownItem' };
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<'changed' | 'unchanged' | 'notAuthorised'>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor)) || file.record.anonymisedAt) return { result: 'notAuthorised' };
    const workDone = markWork(workDoneOf(file), req.itemId, req.done, req.actor.aadObjectId, at);
    if (!workDone) return { result: 'unchanged' };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: req.done ? 'case.work.done' : 'case.work.undo', fields: [`workDone.${req.itemId}`], at, conversationId: req.conversationId, discriminator: `${req.itemId}|${req.done}|${at}` });
    return { save: withAudit({ ...file, workDone }, entry), result: 'changed' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: outcome.result, file: outcome.file, item };
}
