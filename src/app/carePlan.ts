import { isAllowed } from '../domain/authorisation';
import { withAudit, type CaseFile } from '../domain/caseFile';
import type { Actor } from '../domain/directory';
import { EMPTY_CARE_PLAN, validateCarePlan, type CarePlan, type CarePlanError } from '../domain/package/carePlan';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock } from './ports';
import { relationshipTo } from './readCase';

export type CarePlanOutcome =
  | { readonly kind: 'saved'; readonly file: CaseFile }
  | { readonly kind: 'stale'; readonly file: CaseFile }
  | { readonly kind: 'invalid'; readonly errors: readonly CarePlanError[] }
  | { readonly kind: 'notAuthorised' | 'caseNotFound' | 'busy' };

export const carePlanOf = (file: CaseFile): CarePlan => file.carePlan ?? EMPTY_CARE_PLAN;
export const carePlanVersion = (file: CaseFile): number => file.carePlan?.version ?? 0;

/** ケア計画の保存: by the people holding the case, with the stale-edit check, audited. */
export async function saveCarePlan(
  deps: { repo: CaseFileRepository; clock: Clock; onOutboxWork: (caseId: string) => void },
  req: { caseId: string; actor: Actor; planVersion: number; plan: Omit<CarePlan, 'version' | 'confirmedOn'>; conversationId: string | undefined },
): Promise<CarePlanOutcome> {
  const at = deps.clock.now().toISOString();
  const candidate: CarePlan = { ...req.plan, confirmedOn: at.slice(0, 10), version: req.planVersion + 1 };
  const errors = validateCarePlan(candidate);
  if (errors.length) return { kind: 'invalid', errors };
  const outcome = await mutateCaseFile<'saved' | 'stale' | 'notAuthorised'>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { result: 'notAuthorised' };
    if (carePlanVersion(file) !== req.planVersion) return { result: 'stale' };
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'carePlan.save', fields: ['carePlan'], at, conversationId: req.conversationId, discriminator: `v${req.planVersion}|${req.actor.aadObjectId}` });
    return { save: withAudit({ ...file, carePlan: candidate }, entry), result: 'saved' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  if (outcome.result === 'stale') return { kind: 'stale', file: outcome.file };
  deps.onOutboxWork(req.caseId);
  return { kind: 'saved', file: outcome.file };
}
