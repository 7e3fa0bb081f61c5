import { isAllowed } from '../domain/authorisation';
import type { Actor } from '../domain/directory';
import { normaliseForSearch } from '../domain/searchKey';
import { auditEntry } from './auditEntries';
import type { AuditTrail, CaseIndex, CaseSummary, Clock } from './ports';

export interface FindDeps {
  readonly index: CaseIndex;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly wardId: string;
}

const URGENCY_RANK: Readonly<Record<CaseSummary['urgency'], number>> = { urgent: 0, soon: 1, normal: 2 };
const OPEN: ReadonlySet<CaseSummary['status']> = new Set(['intake', 'active', 'monitoring']);

/** Most urgent first, then the longest waiting, then by code. */
export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.createdAt.localeCompare(b.createdAt) || a.code.localeCompare(b.code);
}

async function auditList(deps: FindDeps, actor: Actor, purpose: string, rows: readonly CaseSummary[], conversationId: string | undefined): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.audit.append(rows.map((r) => auditEntry({ caseId: r.caseId, actor: actor.aadObjectId, operation: 'read', action: purpose, fields: ['child.name', 'child.nameKana', 'urgency', 'status'], at, conversationId, discriminator: `${actor.aadObjectId}|${at}` })));
}

/** 担当案件: the coordinator's open cases, most urgent first (names shown, so every row is audited). */
export async function myCases(deps: FindDeps, actor: Actor, conversationId: string | undefined): Promise<CaseSummary[]> {
  const rows = (await deps.index.assignedTo(deps.wardId, actor.aadObjectId, 200)).filter((r) => OPEN.has(r.status)).sort(byUrgency);
  await auditList(deps, actor, 'case.listMine', rows, conversationId);
  return rows;
}

export type SearchOutcome = { readonly kind: 'results'; readonly rows: readonly CaseSummary[] } | { readonly kind: 'tooShort' };

/**
 * 検索: by name (kanji or kana) or code, ignoring width, kana type and spaces; results filtered by
 * permission on each case (a coordinator sees their own cases, the desk and case workers all).
 */
export async function searchCases(deps: FindDeps, actor: Actor, text: string, conversationId: string | undefined): Promise<SearchOutcome> {
  const q = normaliseForSearch(text);
  if ([...q].length < 2) return { kind: 'tooShort' };
  const found = await deps.index.search(deps.wardId, q, 200);
  const allowed = found.filter((r) => isAllowed(actor, 'case.viewDetails', { isAssignedCoordinator: r.assignedCoordinatorId === actor.aadObjectId })).sort(byUrgency).slice(0, 20);
  await auditList(deps, actor, 'case.search', allowed, conversationId);
  return { kind: 'results', rows: allowed };
}
