import { milestoneStatesOf } from '../../domain/caseFile';
import { tokyoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import type { LocalisedText } from '../../domain/dataFile';
import type { CertificateKind } from '../../domain/services/catalogue';
import type { HeldCertificate, ServiceInUse } from '../../domain/services/eligibility';
import type { AuditTrail, CaseFileRepository, Clock, Language } from '../ports';
import { readCaseForActor } from '../readCase';
import { familyRoadmap, type FamilyRoadmapView } from './familyRoadmap';
import { buildRoadmap, type RoadmapData, type RoadmapView } from './roadmap';

/** The fields a roadmap is computed from (recorded in the audit trail on every view). */
export const ROADMAP_FIELDS = ['child.birthDate', 'careItems', 'devices', 'enrolment', 'milestones', 'servicesInUse', 'certificates'] as const;

export interface RoadmapDeps extends RoadmapData {
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export interface RoadmapRequest {
  readonly caseId: string;
  readonly actor: Actor;
  readonly conversationId: string | undefined;
  /**
   * Systems in use and certificates, when the caller knows better than the case (tests, what-if); by default
   * the case's recorded entitlements are used ([] and undefined = nothing recorded: certificate rules say 要確認).
   */
  readonly servicesInUse?: readonly ServiceInUse[];
  readonly certificates?: readonly HeldCertificate[];
  /** The family version, for printing or handing over, in this language (plain Japanese by default). */
  readonly familyLanguage?: Language;
}

/** The 利用中の制度・手帳 form on the staff card: the catalogue's systems and what the case has recorded. */
export interface EntitlementsForm {
  readonly caseId: string;
  readonly services: readonly { readonly id: string; readonly name: LocalisedText }[];
  readonly servicesInUse: readonly string[];
  /** undefined: never recorded. */
  readonly certificates: readonly CertificateKind[] | undefined;
}

export type RoadmapOutcome =
  | { readonly kind: 'found'; readonly view: RoadmapView; readonly family: FamilyRoadmapView; readonly record: EntitlementsForm }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notAuthorised' };

/**
 * 見通し <案件番号>: permission-checked and audited like every read of case data (readCaseForActor, purpose
 * "roadmap.view"); the staff view and the family version are built from the same read.
 */
export async function caseRoadmap(deps: RoadmapDeps, req: RoadmapRequest): Promise<RoadmapOutcome> {
  const read = await readCaseForActor(deps, { caseId: req.caseId, actor: req.actor, conversationId: req.conversationId, purpose: 'roadmap.view', fields: ROADMAP_FIELDS });
  if (read.kind !== 'found') return read;
  const view = buildRoadmap(
    {
      record: read.file.record,
      today: tokyoDate(deps.clock.now()),
      servicesInUse: req.servicesInUse ?? read.file.entitlements?.servicesInUse ?? [],
      certificates: req.certificates ?? read.file.entitlements?.certificates,
      milestoneStates: milestoneStatesOf(read.file),
    },
    deps,
  );
  const recorded = read.file.entitlements;
  const record: EntitlementsForm = {
    caseId: req.caseId,
    services: deps.catalogue.services.map((s) => ({ id: s.id, name: s.name })),
    servicesInUse: recorded?.servicesInUse.map((s) => s.serviceId) ?? [],
    certificates: recorded?.certificates.map((c) => c.kind),
  };
  return { kind: 'found', view, family: familyRoadmap(view, req.familyLanguage ?? 'ja'), record };
}
