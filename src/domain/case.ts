import type { CareItemSelection } from './careItems';
import type { CalendarDate } from './dates';

export const CASE_STATUSES = ['intake', 'active', 'monitoring', 'closed', 'transferred'] as const;
/** 受付 / 支援中 / モニタリング / 終結 / 移管 */
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const URGENCIES = ['normal', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface StatusChange {
  readonly status: CaseStatus;
  readonly at: string; // ISO instant
  readonly by: string; // aadObjectId or "system"
}

/** A case code safe to show in channels: "<year>-<4 digits>", e.g. 2026-0012. */
export type CaseCode = string;
export const CASE_CODE_PATTERN = /^\d{4}-\d{4,}$/;
export function formatCaseCode(year: number, sequence: number): CaseCode {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

export interface ChildRecord {
  /** Name as written (kanji), and reading (kana). In the embedded demo every child is fictional (架空). */
  readonly name: string;
  readonly nameKana: string;
  readonly birthDate: CalendarDate;
}

export const ENROLMENT_KINDS = ['home', 'nursery', 'kindergarten', 'elementary', 'juniorHigh', 'highSchool', 'adultServices'] as const;
/** Where the child spends the day now (在宅 / 保育園 / 幼稚園 / 小学校 / 中学校 / 高校 / 成人期サービス). */
export type EnrolmentKind = (typeof ENROLMENT_KINDS)[number];
export interface Enrolment {
  readonly kind: EnrolmentKind;
  /** Name of the nursery, school or service (free text). */
  readonly place: string;
}

export interface Guardian {
  readonly name: string;
  readonly relation: string;
  readonly phone: string;
}

export const DEVICE_KINDS = ['ventilator', 'suction', 'oxygenConcentrator', 'feedingPump', 'pulseOximeter', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/** A device the child depends on, with what matters in a power cut. */
export interface Device {
  readonly kind: DeviceKind;
  /** Hours the internal/external battery lasts, when known. */
  readonly batteryHours: number | undefined;
}

/** Someone in the child's support network (organisation and person, e.g. 訪問看護ステーション, 主治医). */
export interface SupportMember {
  readonly organisation: string;
  readonly role: string;
}

export interface CaseRecord {
  readonly id: string;
  readonly wardId: string;
  readonly code: CaseCode;
  readonly child: ChildRecord;
  readonly careItems: readonly CareItemSelection[];
  /** What the family needs, in the desk's words (要配慮個人情報: never shown in channels). */
  readonly familyNeeds: string;
  readonly urgency: Urgency;
  readonly status: CaseStatus;
  readonly statusHistory: readonly StatusChange[];
  readonly assignedCoordinator: { readonly aadObjectId: string; readonly displayName: string } | undefined;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly fictional: boolean;
  /** 地区 (the ward's district), free text until the ward's list is configured. */
  readonly district: string;
  readonly guardians: readonly Guardian[];
  /** Diagnoses as free text (要配慮個人情報). */
  readonly diagnoses: string;
  readonly devices: readonly Device[];
  readonly supportNetwork: readonly SupportMember[];
  readonly enrolment: Enrolment | undefined;
  /** Increases on every edit of the details; an edit made on an older version is refused as stale. */
  readonly detailsVersion: number;
  /** Set when the retention period after closing has passed and personal data was removed. */
  readonly anonymisedAt?: string;
}

/** Status changes a person may make (acceptance moves 受付 → 支援中 by itself). */
const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  intake: ['active', 'closed', 'transferred'],
  active: ['monitoring', 'closed', 'transferred'],
  monitoring: ['active', 'closed', 'transferred'],
  closed: ['active'],
  transferred: [],
};

export function allowedStatusChanges(status: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[status];
}

export function changeStatus(record: CaseRecord, to: CaseStatus, by: string, at: string): CaseRecord | undefined {
  if (!TRANSITIONS[record.status].includes(to) || record.anonymisedAt) return undefined;
  return { ...record, status: to, statusHistory: [...record.statusHistory, { status: to, at, by }] };
}

export function assignCoordinator(record: CaseRecord, coordinator: { aadObjectId: string; displayName: string }, at: string): CaseRecord {
  return {
    ...record,
    assignedCoordinator: coordinator,
    status: 'active',
    statusHistory: [...record.statusHistory, { status: 'active', at, by: coordinator.aadObjectId }],
  };
}

/** The details a new case starts with before anyone has filled them in. */
export const EMPTY_CASE_DETAILS = Object.freeze({
  district: '',
  guardians: [] as readonly Guardian[],
  diagnoses: '',
  devices: [] as readonly Device[],
  supportNetwork: [] as readonly SupportMember[],
  enrolment: undefined as Enrolment | undefined,
  detailsVersion: 1,
});
