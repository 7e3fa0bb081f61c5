import type { CaseStatus, EnrolmentKind } from '../case';
import type { CareItemSelection } from '../careItems';
import type { CaseFile } from '../caseFile';
import type { CalendarDate } from '../dates';
import type { OrganisationKey } from '../directory';
import type { PackageEvent } from '../package/packageHandoff';
import type { MilestoneStateStatus } from '../transitions/milestoneState';

/**
 * What statistics read of a case file, and nothing more: no name, no reading, no guardian, no free text,
 * no person on any event. A repository can serve this projection straight from a query (only these
 * fields), so the statistics never load what they must not show. The coordinator appears as an opaque key,
 * used only to count caseloads; it never reaches a published figure.
 */
export interface StatsCase {
  readonly birthDate: CalendarDate;
  readonly enrolmentKind: EnrolmentKind | undefined;
  readonly careItems: readonly CareItemSelection[];
  /** 地区 as recorded (free text): matched against the ward's configured list, never published as typed. */
  readonly district: string;
  readonly createdAt: string;
  readonly statusHistory: readonly { readonly status: CaseStatus; readonly at: string }[];
  readonly coordinatorKey: string | undefined;
  readonly handoffs: readonly StatsHandoff[];
  readonly milestones: readonly StatsMilestoneState[];
  readonly fictional: boolean;
}

/** The two kinds of handoff: the desk's intake handoff (受付 → 受理) and a handoff package (送付 → 受領 → 受入準備完了). */
export const HANDOFF_TYPES = ['intake', 'package'] as const;
export type HandoffType = (typeof HANDOFF_TYPES)[number];

export type StatsIntakeEvent =
  | { readonly type: 'sent'; readonly to: OrganisationKey; readonly at: string }
  | { readonly type: 'accepted'; readonly at: string }
  | { readonly type: 'declined'; readonly at: string; readonly forwardedTo: OrganisationKey | 'desk' };

export type StatsHandoff =
  | { readonly type: 'intake'; readonly createdAt: string; readonly events: readonly StatsIntakeEvent[] }
  | { readonly type: 'package'; readonly organisation: OrganisationKey; readonly events: readonly { readonly type: PackageEvent['type']; readonly at: string }[] };

export interface StatsMilestoneState {
  readonly id: string;
  readonly status: MilestoneStateStatus;
  readonly at: string;
}

/** The projection of one case file (what an in-memory or file-based source hands to the statistics). */
export function statsCaseOf(file: CaseFile): StatsCase {
  const r = file.record;
  const intake: StatsHandoff[] = file.handoffs.map((h) => ({
    type: 'intake',
    createdAt: h.createdAt,
    events: h.history.map((e): StatsIntakeEvent => (e.type === 'sent' ? { type: 'sent', to: e.to, at: e.at } : e.type === 'accepted' ? { type: 'accepted', at: e.at } : { type: 'declined', at: e.at, forwardedTo: e.forwardedTo })),
  }));
  const packages: StatsHandoff[] = (file.packages ?? []).map((p) => ({ type: 'package', organisation: p.organisation, events: p.history.map((e) => ({ type: e.type, at: e.at })) }));
  return {
    birthDate: r.child.birthDate,
    enrolmentKind: r.enrolment?.kind,
    careItems: r.careItems,
    district: r.district,
    createdAt: r.createdAt,
    statusHistory: r.statusHistory.map((s) => ({ status: s.status, at: s.at })),
    coordinatorKey: r.assignedCoordinator?.aadObjectId,
    handoffs: [...intake, ...packages],
    milestones: (file.milestones ?? []).map((m) => ({ id: m.id, status: m.status, at: m.at })),
    fictional: r.fictional,
  };
}

const OPEN: ReadonlySet<CaseStatus> = new Set(['intake', 'active', 'monitoring']);

/** The case's status just before an instant (epoch ms); undefined when the case did not exist yet. */
export function statusBefore(c: StatsCase, instantMs: number): CaseStatus | undefined {
  if (Date.parse(c.createdAt) >= instantMs) return undefined;
  let status: CaseStatus = 'intake';
  const changes = [...c.statusHistory].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const change of changes) if (Date.parse(change.at) < instantMs) status = change.status;
  return status;
}

/** True when the case was open (受付 / 支援中 / モニタリング) just before the instant. */
export function openBefore(c: StatsCase, instantMs: number): boolean {
  const status = statusBefore(c, instantMs);
  return status !== undefined && OPEN.has(status);
}

/**
 * A district column: one of the ward's configured district names, or one of two reserved codes. Only the
 * statistics make these (districtKeyOf), from the configured list: a district typed into a case that is
 * not on the list is counted as OTHER, so free text from a case never becomes a published label.
 */
export type DistrictKey = string & { readonly __district: unique symbol };
export const DISTRICT_UNSET = '#unset' as DistrictKey;
export const DISTRICT_OTHER = '#other' as DistrictKey;

const normalise = (s: string): string => s.normalize('NFKC').trim();

/** The columns of a district breakdown: the configured districts in their order, then other and unset. */
export function districtColumns(configured: readonly string[]): DistrictKey[] {
  const names = configured.map(normalise);
  for (const n of names) if (n === '' || n.startsWith('#')) throw new RangeError(`STATS.BAD_DISTRICT: configured district names must be non-empty and not start with "#", got ${JSON.stringify(n)}`);
  if (new Set(names).size !== names.length) throw new RangeError('STATS.BAD_DISTRICT: configured district names must be unique');
  return [...(names as DistrictKey[]), DISTRICT_OTHER, DISTRICT_UNSET];
}

export function districtKeyOf(recorded: string, columns: readonly DistrictKey[]): DistrictKey {
  const n = normalise(recorded);
  if (n === '') return DISTRICT_UNSET;
  return columns.find((c) => c === n && c !== DISTRICT_OTHER && c !== DISTRICT_UNSET) ?? DISTRICT_OTHER;
}
