import { caseIdFor } from '../src/app/placements';
import { formatCaseCode, URGENCIES, type CaseRecord } from '../src/domain/case';
import type { CaseFile } from '../src/domain/caseFile';
import { CARE_ITEM_CODES } from '../src/domain/careItems';
import type { Actor } from '../src/domain/directory';
import type { Handoff, PersonRef } from '../src/domain/handoff';
import { CaseFileMother } from '../test/support/caseFileMother';

/**
 * Fictional (架空) case files for the scale phase, deterministic by sequence number: a mix of statuses, care
 * items, accepted and open handoffs with their history, consent records, remembered clicks, and about 1 in
 * 100 with audit entries still owed (so the outbox sweep finds some). Children are named 架空 児童<n>; year
 * 2000 keeps their case codes apart from the ones the app allocates.
 */
const SCALE_YEAR = 2000;
export const SCALE_WARD = 'itabashi';
const DESK: PersonRef = { aadObjectId: '00000000-0000-4000-8000-000000000001', displayName: '佐藤 花子（相談窓口・架空）' };
/** The desk as a user of the lists (sees every case). */
export const SCALE_DESK: Actor = { ...DESK, roles: ['desk'], organisation: 'desk' };
/** A ward case worker (may see 統計). */
export const SCALE_CASE_WORKER: Actor = { aadObjectId: '00000000-0000-4000-8000-000000000004', displayName: '田中 健（障がい児支援係・架空）', roles: ['caseWorker'], organisation: 'casework' };
/** Fictional districts for 統計; about 1 case in 20 has none recorded and 1 in 50 one not on the list. */
export const SCALE_DISTRICTS: readonly string[] = ['北地区（架空）', '中央地区（架空）', '南地区（架空）', '東地区（架空）', '西地区（架空）'];
const districtOf = (sequence: number, r: () => number): string => (sequence % 20 === 3 ? '' : sequence % 50 === 11 ? '一覧外地区（架空）' : pick(r, SCALE_DISTRICTS));
/** Twelve fictional coordinators share the accepted cases. */
export const SCALE_COORDINATORS: readonly Actor[] = Array.from({ length: 12 }, (_, i) => ({
  aadObjectId: `00000000-0000-4000-8000-0000000c${String(i).padStart(4, '0')}`,
  displayName: `架空コーディネーター${i + 1}`,
  roles: ['coordinator'],
  organisation: 'coordinators',
}));
const COORDINATORS: readonly PersonRef[] = SCALE_COORDINATORS.map(({ aadObjectId, displayName }) => ({ aadObjectId, displayName }));

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** What a desk user would type to find child number `sequence` (a part of the name: several children match). */
export function scaleSearchText(sequence: number): string {
  return `児童${sequence}`;
}

export function scaleCaseId(sequence: number): string {
  return caseIdFor(SCALE_WARD, formatCaseCode(SCALE_YEAR, sequence));
}

export function fictionalCaseFile(sequence: number): CaseFile {
  const r = random(sequence * 7919);
  const code = formatCaseCode(SCALE_YEAR, sequence);
  const base = CaseFileMother.intake(code);
  const day = 1 + Math.floor(r() * 28);
  const at = new Date(Date.UTC(2020 + Math.floor(r() * 6), Math.floor(r() * 12), day, 1)).toISOString();
  const accepted = r() < 0.7;
  const coordinator = pick(r, COORDINATORS);
  const status: CaseRecord['status'] = accepted ? pick(r, ['active', 'active', 'active', 'monitoring', 'closed'] as const) : 'intake';
  const careItems = [...new Set(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, CARE_ITEM_CODES)))].map((c) => ({ code: c }));
  const handoffs: Handoff[] = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => {
    const open = !accepted && i === 0;
    return {
      id: `h-${sequence}-${i}`,
      kind: 'intake',
      target: 'coordinators',
      state: open ? { status: 'sent' } : { status: 'accepted', by: coordinator, at },
      version: open ? 1 : 2,
      history: [{ type: 'sent', to: 'coordinators', by: DESK, at }, ...(open ? [] : [{ type: 'accepted' as const, by: coordinator, at }])],
      placements: [],
      createdAt: at,
      createdBy: DESK,
    };
  });
  const owesAudit = sequence % 100 === 7;
  return {
    ...base,
    record: {
      ...base.record,
      id: scaleCaseId(sequence),
      child: { name: `架空 ${scaleSearchText(sequence)}`, nameKana: `かくう じどう${sequence}`, birthDate: { year: 2008 + Math.floor(r() * 17), month: 1 + Math.floor(r() * 12), day } },
      careItems,
      familyNeeds: `（架空）相談内容 ${sequence}`,
      urgency: pick(r, URGENCIES),
      status,
      statusHistory: [{ status: 'intake', at, by: DESK.aadObjectId }, ...(accepted ? [{ status, at, by: coordinator.aadObjectId }] : [])],
      assignedCoordinator: accepted ? coordinator : undefined,
      district: districtOf(sequence, r),
      createdAt: at,
      createdBy: DESK.aadObjectId,
    },
    handoffs,
    consents: (['basic', 'medicalCare'] as const).map((category, i) => ({ id: `c-${sequence}-${i}`, organisation: 'coordinators', category, givenBy: 'guardian', recordedBy: DESK.aadObjectId, recordedAt: at })),
    processedActions: accepted ? [{ key: `h-${sequence}-0|accept|${coordinator.aadObjectId}|v1`, result: '{"kind":"accepted"}', at }] : [],
    pendingAudit: owesAudit
      ? [{ id: `a-${sequence}`, caseId: scaleCaseId(sequence), actor: DESK.aadObjectId, operation: 'create', action: 'case.create', fields: ['child.name'], at, conversationId: undefined }]
      : [],
  };
}
