import { computeCareScore, type CareItemCode } from '../careItems';
import type { CaseRecord, Device } from '../case';
import { hasActiveConsent, type ConsentRecord, type DataCategory } from '../consent';
import { ageOn, type CalendarDate } from '../dates';
import type { OrganisationKey } from '../directory';
import { lifeStageOf, type LifeStage } from '../lifeStage';
import type { CarePlan, EmergencyPlan } from './carePlan';

/**
 * The handoff package (引継ぎシート) for one receiving organisation, built from the case record and the
 * care plan and filtered by consent: each section belongs to one data category and is included only when
 * the family consented to share that category with that organisation. Built once when sent and kept as
 * sent, so the receiver sees what was shared and when.
 */
export interface PackageSections {
  /** 基本情報 */
  readonly basic?: {
    readonly childName: string;
    readonly childNameKana: string;
    readonly birthDate: string;
    readonly age: number;
    readonly lifeStage: LifeStage;
    readonly enrolment: CaseRecord['enrolment'];
    readonly coordinator: string | undefined;
    readonly agreed: readonly string[];
    readonly open: readonly string[];
  };
  /** 医療的ケア: care items with the notes that matter on site, the score, devices and power needs. */
  readonly medicalCare?: {
    readonly items: readonly { readonly code: CareItemCode; readonly note: string }[];
    readonly scoreTotal: number;
    readonly scoreWatchPending: boolean;
    readonly devices: readonly Device[];
  };
  /** 緊急時情報 */
  readonly emergency?: EmergencyPlan;
  /** 家庭状況: the day's schedule and the family's wishes. */
  readonly family?: { readonly dailySchedule: string; readonly familyWishes: string };
}

export interface HandoffPackage {
  readonly caseId: string;
  readonly caseCode: string;
  readonly organisation: OrganisationKey;
  readonly builtAt: string;
  readonly sections: PackageSections;
  /** Categories left out for want of consent (the receiver is told what is missing, not its content). */
  readonly omitted: readonly DataCategory[];
  readonly fictional: boolean;
}

export type PackageOutcome = { readonly kind: 'built'; readonly package: HandoffPackage } | { readonly kind: 'noConsent'; readonly organisation: OrganisationKey };

const iso = (d: CalendarDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function buildPackage(record: CaseRecord, plan: CarePlan, consents: readonly ConsentRecord[], organisation: OrganisationKey, today: CalendarDate, builtAt: string): PackageOutcome {
  const may = (c: DataCategory) => hasActiveConsent(consents, organisation, c);
  if (!(['basic', 'medicalCare', 'emergency', 'family'] as const).some(may)) return { kind: 'noConsent', organisation };
  const notes = new Map(plan.procedures.map((p) => [p.item, p.note]));
  const score = computeCareScore(record.careItems);
  const sections: PackageSections = {
    ...(may('basic')
      ? {
          basic: {
            childName: record.child.name,
            childNameKana: record.child.nameKana,
            birthDate: iso(record.child.birthDate),
            age: ageOn(record.child.birthDate, today),
            lifeStage: lifeStageOf(record.child.birthDate, record.enrolment, today),
            enrolment: record.enrolment,
            coordinator: record.assignedCoordinator?.displayName,
            agreed: plan.agreed,
            open: plan.open,
          },
        }
      : {}),
    ...(may('medicalCare')
      ? { medicalCare: { items: record.careItems.map((c) => ({ code: c.code, note: notes.get(c.code) ?? '' })), scoreTotal: score.total, scoreWatchPending: score.watchPending, devices: record.devices } }
      : {}),
    ...(may('emergency') ? { emergency: plan.emergency } : {}),
    ...(may('family') ? { family: { dailySchedule: plan.dailySchedule, familyWishes: plan.familyWishes } } : {}),
  };
  const omitted = (['basic', 'medicalCare', 'emergency', 'family'] as const).filter((c) => !may(c));
  return { kind: 'built', package: { caseId: record.id, caseCode: record.code, organisation, builtAt, sections, omitted, fictional: record.fictional } };
}

/**
 * Teams limits a message to about 40 KB, counted in UTF-16 code units × 2 (Japanese text counts double).
 * Cards are checked against this budget before they are sent.
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 40 * 1024;
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}
