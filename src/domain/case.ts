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
}

export function assignCoordinator(record: CaseRecord, coordinator: { aadObjectId: string; displayName: string }, at: string): CaseRecord {
  return {
    ...record,
    assignedCoordinator: coordinator,
    status: 'active',
    statusHistory: [...record.statusHistory, { status: 'active', at, by: coordinator.aadObjectId }],
  };
}
