import { isAllowed } from '../domain/authorisation';
import { withAudit, type CaseFile } from '../domain/caseFile';
import { applyCaseEdit, validateCaseEdit, type CaseDetailsEdit, type CaseEditError } from '../domain/caseEdit';
import type { Actor } from '../domain/directory';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock } from './ports';
import { relationshipTo } from './readCase';

export interface CaseEditRequest {
  readonly caseId: string;
  readonly actor: Actor;
  /** The details version the edit card showed. */
  readonly detailsVersion: number;
  readonly edit: CaseDetailsEdit;
  readonly conversationId: string | undefined;
}

export type CaseEditOutcome =
  | { readonly kind: 'saved'; readonly file: CaseFile; readonly changed: readonly string[] }
  | { readonly kind: 'stale'; readonly file: CaseFile }
  | { readonly kind: 'invalid'; readonly errors: readonly CaseEditError[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

type Decision = { kind: 'saved'; changed: string[] } | { kind: 'stale' } | { kind: 'notAuthorised' };

/**
 * Edits the case details. The card carries the details version it showed: if somebody saved in between,
 * the edit is refused as stale (「他の人が先に更新しました」) and the fresh details are shown; nothing is merged
 * silently. Unrelated changes to the file (a handoff accepted meanwhile) do not make an edit stale.
 */
export async function editCase(deps: { repo: CaseFileRepository; clock: Clock; onOutboxWork: (caseId: string) => void }, req: CaseEditRequest): Promise<CaseEditOutcome> {
  const errors = validateCaseEdit(req.edit);
  if (errors.length > 0) return { kind: 'invalid', errors };
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<Decision>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { result: { kind: 'notAuthorised' } };
    if (file.record.detailsVersion !== req.detailsVersion) return { result: { kind: 'stale' } };
    const { record, changed } = applyCaseEdit(file.record, req.edit);
    if (changed.length === 0) return { result: { kind: 'saved', changed } };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'case.edit', fields: changed, at, conversationId: req.conversationId, discriminator: `v${req.detailsVersion}|${req.actor.aadObjectId}` });
    return { save: withAudit({ ...file, record }, entry), result: { kind: 'saved', changed } };
  });
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  if (r.kind === 'notAuthorised') return r;
  if (r.kind === 'stale') return { kind: 'stale', file: outcome.file };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: 'saved', file: outcome.file, changed: r.changed };
}
