import { isAllowed } from '../domain/authorisation';
import type { CaseFile } from '../domain/caseFile';
import type { Actor } from '../domain/directory';
import { auditEntry } from './auditEntries';
import type { AuditTrail, CaseFileRepository, Clock } from './ports';

export interface ReadRequest {
  readonly caseId: string;
  readonly actor: Actor;
  /** What the read is for, as a stable code (e.g. "case.view", "handoff.refresh"). */
  readonly purpose: string;
  /** Which fields of the case the caller will show. */
  readonly fields: readonly string[];
  readonly conversationId: string | undefined;
}

export type ReadOutcome = { readonly kind: 'found'; readonly file: CaseFile } | { readonly kind: 'notFound' } | { readonly kind: 'notAuthorised' };

export interface ReadDeps {
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** How the actor relates to the case (the relationship half of role × action × relationship). */
export function relationshipTo(file: CaseFile, actor: Actor) {
  return { isAssignedCoordinator: file.record.assignedCoordinator?.aadObjectId === actor.aadObjectId };
}

/**
 * The one way a person reads case details: permission is checked on the stored case (never on what a
 * card says), and the read is written to the audit trail BEFORE the data is returned — no audit, no data.
 */
export async function readCaseForActor(deps: ReadDeps, req: ReadRequest): Promise<ReadOutcome> {
  const loaded = await deps.repo.load(req.caseId);
  if (!loaded) return { kind: 'notFound' };
  if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(loaded.value, req.actor))) return { kind: 'notAuthorised' };
  const at = deps.clock.now().toISOString();
  await deps.audit.append([
    auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'read', action: req.purpose, fields: req.fields, at, conversationId: req.conversationId, discriminator: `${req.actor.aadObjectId}|${at}` }),
  ]);
  return { kind: 'found', file: loaded.value };
}
