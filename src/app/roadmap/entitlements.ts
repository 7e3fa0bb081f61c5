import { isAllowed } from '../../domain/authorisation';
import { withAudit, type CaseFile } from '../../domain/caseFile';
import type { Actor } from '../../domain/directory';
import type { CertificateKind, ServiceCatalogue } from '../../domain/services/catalogue';
import { auditEntry } from '../auditEntries';
import { mutateCaseFile } from '../mutateCaseFile';
import type { CaseFileRepository, Clock } from '../ports';
import { relationshipTo } from '../readCase';

export interface EntitlementsRequest {
  readonly caseId: string;
  readonly actor: Actor;
  /** Catalogue ids of the systems the child uses now. */
  readonly servicesInUse: readonly string[];
  /** Certificates held (手帳・受給者証); [] records "none held". */
  readonly certificates: readonly CertificateKind[];
  readonly conversationId: string | undefined;
}

export type EntitlementsOutcome =
  | { readonly kind: 'recorded' | 'unchanged'; readonly file: CaseFile }
  | { readonly kind: 'unknownService'; readonly serviceIds: readonly string[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/**
 * 利用中の制度・手帳の記録 (from the 見通し card): the people holding the case record which systems the
 * child uses and which certificates are held, so the roadmap leaves those systems out and decides the
 * certificate rules instead of saying 要確認. Ids must be in the catalogue; the write is audited with it.
 * Renewal dates already recorded for a system in use are kept.
 */
export async function recordEntitlements(deps: { repo: CaseFileRepository; clock: Clock; catalogue: ServiceCatalogue; onOutboxWork: (caseId: string) => void }, req: EntitlementsRequest): Promise<EntitlementsOutcome> {
  const known = new Set(deps.catalogue.services.map((s) => s.id));
  const unknown = req.servicesInUse.filter((id) => !known.has(id));
  if (unknown.length > 0) return { kind: 'unknownService', serviceIds: unknown };
  const services = [...new Set(req.servicesInUse)];
  const certificates = [...new Set(req.certificates)];
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<'recorded' | 'unchanged' | 'notAuthorised'>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor)) || file.record.anonymisedAt) return { result: 'notAuthorised' };
    const before = file.entitlements;
    if (before && sameSet(before.servicesInUse.map((s) => s.serviceId), services) && sameSet(before.certificates.map((c) => c.kind), certificates)) return { result: 'unchanged' };
    const servicesInUse = services.map((serviceId) => before?.servicesInUse.find((s) => s.serviceId === serviceId) ?? { serviceId });
    const held = certificates.map((kind) => before?.certificates.find((c) => c.kind === kind) ?? { kind, grade: undefined });
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'case.entitlements', fields: ['servicesInUse', 'certificates'], at, conversationId: req.conversationId, discriminator: `entitlements|${at}` });
    return { save: withAudit({ ...file, entitlements: { servicesInUse, certificates: held, by: req.actor.aadObjectId, at } }, entry), result: 'recorded' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: outcome.result, file: outcome.file };
}
