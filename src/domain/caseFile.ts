import type { AuditEntry } from './audit';
import type { CaseRecord } from './case';
import type { ConsentRecord } from './consent';
import type { ContactRecord } from './contacts';
import { needsCardSync, releaseParkedPlacements, type Handoff, type ProcessedAction, MAX_PROCESSED_ACTIONS } from './handoff';
import type { MonitoringPlan } from './monitoring';
import { milestoneCardNeedsSync, releaseParkedCards, type MilestoneCard } from './transitions/milestoneCards';
import type { MilestoneState } from './transitions/milestoneState';
import type { WorkDoneMark } from './coordination/standardWork';
import type { HeldCertificate, ServiceInUse } from './services/eligibility';
import type { CarePlan } from './package/carePlan';
import { packageNeedsSync, type PackageHandoff } from './package/packageHandoff';
import type { StoredEmergencyProfile } from './disaster/emergencyProfile';

/**
 * The unit of consistency: one case with its handoffs, the idempotency keys of actions already applied,
 * and the outbox of audit entries not yet copied to the audit trail. It is stored as one document, so a
 * state change, its idempotency record and its audit entry commit together or not at all.
 */
export interface CaseFile {
  readonly record: CaseRecord;
  readonly handoffs: readonly Handoff[];
  /** Consent per receiving organisation and data category, with history (revoked entries are kept). */
  readonly consents: readonly ConsentRecord[];
  readonly processedActions: readonly ProcessedAction[];
  readonly pendingAudit: readonly AuditEntry[];
  /** 完了 / 延期 decisions on the child's transition milestones (absent: none yet; see milestoneStatesOf). */
  readonly milestones?: readonly MilestoneState[];
  /** What receivers need on site (procedures, emergency plan, schedule, wishes); absent until written. */
  readonly carePlan?: CarePlan;
  /** Handoff packages sent to receiving organisations, with their lifecycle. */
  readonly packages?: readonly PackageHandoff[];
  /** Home visits, interviews and accompanied appointments (訪問・面接・同行), absent: none yet. */
  readonly contacts?: readonly ContactRecord[];
  /** The monitoring cadence (absent: none set). */
  readonly monitoring?: MonitoringPlan;
  /** Channel cards of milestones other departments act on (absent: none posted yet). */
  readonly milestoneCards?: readonly MilestoneCard[];
  /** The coordinator's standard-work checklist items marked done (absent: none yet). */
  readonly workDone?: readonly WorkDoneMark[];
  /** Systems the child uses and certificates held, as recorded from the 見通し card (absent: not recorded). */
  readonly entitlements?: Entitlements;
  /** 非常時情報 (issue 11): devices and power, where to go, who helps, whom to call (absent: not recorded). */
  readonly emergencyProfile?: StoredEmergencyProfile;
}

/** What the roadmap needs to leave out systems in use and to decide certificate rules. */
export interface Entitlements {
  readonly servicesInUse: readonly ServiceInUse[];
  /** Recorded certificates; [] = recorded as none held. */
  readonly certificates: readonly HeldCertificate[];
  readonly by: string;
  readonly at: string;
}

export function milestoneStatesOf(file: CaseFile): readonly MilestoneState[] {
  return file.milestones ?? [];
}

export function findHandoff(file: CaseFile, handoffId: string): Handoff | undefined {
  return file.handoffs.find((h) => h.id === handoffId);
}

export function replaceHandoff(file: CaseFile, updated: Handoff): CaseFile {
  return { ...file, handoffs: file.handoffs.map((h) => (h.id === updated.id ? updated : h)) };
}

export function processedResult(file: CaseFile, key: string): string | undefined {
  return file.processedActions.find((p) => p.key === key)?.result;
}

export function rememberAction(file: CaseFile, key: string, result: string, at: string): CaseFile {
  const kept = file.processedActions.slice(-(MAX_PROCESSED_ACTIONS - 1));
  return { ...file, processedActions: [...kept, { key, result, at }] };
}

export function withAudit(file: CaseFile, ...entries: AuditEntry[]): CaseFile {
  return { ...file, pendingAudit: [...file.pendingAudit, ...entries] };
}

/** True when some work from this file still has to reach Teams or the audit trail. */
export function hasOutboxWork(file: CaseFile): boolean {
  return file.pendingAudit.length > 0 || file.handoffs.some(needsCardSync) || milestoneCardsOf(file).some(milestoneCardNeedsSync) || (file.packages ?? []).some(packageNeedsSync);
}

export function contactsOf(file: CaseFile): readonly ContactRecord[] {
  return file.contacts ?? [];
}

export function workDoneOf(file: CaseFile): readonly WorkDoneMark[] {
  return file.workDone ?? [];
}

export function milestoneCardsOf(file: CaseFile): readonly MilestoneCard[] {
  return file.milestoneCards ?? [];
}

/** True when some card of this file waits because its channel could not be reached (403/404). */
export function hasParkedCards(file: CaseFile): boolean {
  return file.handoffs.some((h) => h.placements.some((p) => p.parkedAt !== undefined && !p.superseded)) || milestoneCardsOf(file).some((c) => c.parkedAt !== undefined && !c.superseded);
}

/** The app was added back to the team: parked cards are delivered again. */
export function releaseParked(file: CaseFile): CaseFile {
  return { ...file, handoffs: file.handoffs.map(releaseParkedPlacements), ...(file.milestoneCards ? { milestoneCards: releaseParkedCards(file.milestoneCards) } : {}) };
}
