import type { CaseRecord, CaseStatus } from './case';

/**
 * Retention of closed cases: after the configured period a closed (終結) or transferred (移管) case is
 * anonymised — the child's name and reading, guardians, diagnoses, the family's words and the support
 * network are removed; what the ward's statistics need stays (code, birth year and month, care items,
 * devices, district, life-stage history, handoff history, consent records as the legal basis). The period
 * itself is the ward's decision (NOT FOUND in the reference): it is configuration, RETENTION_DAYS.
 */
export const ANONYMISED_NAME = '（匿名化済）';
const ENDED: ReadonlySet<CaseStatus> = new Set(['closed', 'transferred']);

/** When the case ended (the last change into closed/transferred), if it is ended now. */
export function endedAt(record: CaseRecord): string | undefined {
  if (!ENDED.has(record.status)) return undefined;
  return [...record.statusHistory].reverse().find((c) => ENDED.has(c.status))?.at;
}

export function isDueForAnonymisation(record: CaseRecord & { anonymisedAt?: string }, now: Date, retentionDays: number): boolean {
  if (record.anonymisedAt) return false;
  const ended = endedAt(record);
  return ended !== undefined && now.getTime() - Date.parse(ended) >= retentionDays * 86_400_000;
}

export function anonymise(record: CaseRecord): CaseRecord {
  return {
    ...record,
    child: { name: ANONYMISED_NAME, nameKana: '', birthDate: { ...record.child.birthDate, day: 1 } },
    familyNeeds: '',
    guardians: [],
    diagnoses: '',
    supportNetwork: [],
    enrolment: record.enrolment && { kind: record.enrolment.kind, place: '' },
  };
}
