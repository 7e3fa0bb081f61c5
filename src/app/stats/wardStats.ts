import { tokyoDate } from '../../domain/dates';
import type { Actor, Role } from '../../domain/directory';
import { hasEnded, lastEndedPeriod, type ReportPeriod } from '../../domain/stats/period';
import { buildStatsReport, type StatsExtension, type StatsReport, type StatsSettings } from '../../domain/stats/report';
import { districtColumns, type DistrictKey, type StatsCase } from '../../domain/stats/statsCase';
import { auditEntry } from '../auditEntries';
import type { AuditTrail, Clock } from '../ports';

/**
 * 統計 (stats): the ward's figures for one ended quarter, safe to show (see domain/stats). For the ward's
 * case workers and the conference secretary only.
 *
 * Audit: the statistics read a name-free projection of every case of the ward and show only safe
 * aggregates, so no single case is read and no case's trail gets an entry. Each view (and each CSV
 * download) is still recorded, once, in the ward's statistics trail (caseId `<ward>:stats`, see
 * statsAuditSubject): who looked at which quarter and which district, from which conversation. An
 * administrator finds these entries with 監査 利用者 <ID> like any other.
 */
export const STATS_ROLES: readonly Role[] = ['caseWorker', 'secretary'];

export function mayViewStats(actor: Actor): boolean {
  return actor.roles.some((r) => STATS_ROLES.includes(r));
}

/**
 * Where the statistics read cases from: the name-free projection of every case of a ward (StatsCase).
 * A Cosmos source can run it as one query per ward partition selecting only these fields; an in-memory
 * source maps its case files with statsCaseOf.
 */
export interface StatsCaseSource {
  casesForStats(wardId: string): Promise<readonly StatsCase[]>;
}

/** Figures from other stocks (the issue stock of issue 6) computed for the same ward and quarter. */
export interface StatsExtensionSource {
  extensionFor(wardId: string, period: ReportPeriod): Promise<StatsExtension>;
}

/** Where views of the statistics are recorded in the audit trail (not a case: no case code has this form). */
export const statsAuditSubject = (wardId: string): string => `${wardId}:stats`;

export interface WardStatsDeps {
  readonly source: StatsCaseSource;
  readonly audit: AuditTrail;
  readonly extensions?: StatsExtensionSource;
  readonly clock: Clock;
  readonly wardId: string;
  /** k, the district list, the calendar and the milestone data (k and the districts are the ward's choice). */
  readonly settings: StatsSettings;
  /**
   * Which cases are counted: 'real' leaves fictional (架空) cases out (production, where a fictional case is
   * a test); 'fictional' counts only them (the embedded demo).
   */
  readonly population: 'real' | 'fictional';
}

export interface WardStatsRequest {
  readonly actor: Actor;
  /** Default: the last quarter that has ended. */
  readonly period?: ReportPeriod;
  /** A configured district name, to show that district's column only. */
  readonly district?: string;
  readonly conversationId?: string;
}

export type WardStatsOutcome =
  | { readonly kind: 'report'; readonly report: StatsReport; readonly district: DistrictKey | undefined }
  | { readonly kind: 'notAuthorised' }
  /** The quarter is not over: figures would change day by day (and differences of days would disclose). */
  | { readonly kind: 'periodNotEnded'; readonly period: ReportPeriod; readonly lastEnded: ReportPeriod }
  | { readonly kind: 'unknownDistrict'; readonly districts: readonly DistrictKey[] };

export async function wardStats(deps: WardStatsDeps, req: WardStatsRequest): Promise<WardStatsOutcome> {
  if (!mayViewStats(req.actor)) return { kind: 'notAuthorised' };
  const today = tokyoDate(deps.clock.now());
  const period = req.period ?? lastEndedPeriod(today);
  if (!hasEnded(period, today)) return { kind: 'periodNotEnded', period, lastEnded: lastEndedPeriod(today) };
  const columns = districtColumns(deps.settings.districts);
  const asked = req.district?.normalize('NFKC').trim();
  const district = asked === undefined ? undefined : columns.find((c) => c === asked);
  if (req.district !== undefined && district === undefined) return { kind: 'unknownDistrict', districts: columns };
  const report = await readWardReport(deps, period);
  await recordStatsRead(deps, { actor: req.actor.aadObjectId, action: 'stats.view', period, district, conversationId: req.conversationId });
  return { kind: 'report', report, district };
}

/** The safe report of a quarter (no permission check: callers check mayViewStats first). */
export async function readWardReport(deps: Pick<WardStatsDeps, 'source' | 'extensions' | 'wardId' | 'settings' | 'population'>, period: ReportPeriod): Promise<StatsReport> {
  const wanted = deps.population === 'fictional';
  const cases = (await deps.source.casesForStats(deps.wardId)).filter((c) => c.fictional === wanted);
  const extension = deps.extensions ? await deps.extensions.extensionFor(deps.wardId, period) : undefined;
  return buildStatsReport(cases, period, deps.settings, extension);
}

const periodCode = (p: ReportPeriod): string => `${p.schoolYear}Q${p.quarter}`;

/** One entry in the ward's statistics trail: who read which quarter (and district) of the statistics, and how. */
export async function recordStatsRead(
  deps: Pick<WardStatsDeps, 'audit' | 'clock' | 'wardId'>,
  read: { actor: string; action: 'stats.view' | 'stats.csvLink' | 'stats.csv'; period: ReportPeriod; district?: DistrictKey | undefined; conversationId: string | undefined; discriminator?: string },
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const fields = [`stats.${periodCode(read.period)}`, read.district === undefined ? 'stats.ward' : 'stats.district'];
  await deps.audit.append([
    auditEntry({ caseId: statsAuditSubject(deps.wardId), actor: read.actor, operation: 'read', action: read.action, fields, at, conversationId: read.conversationId, discriminator: read.discriminator ?? `${read.actor}|${at}|${fields.join(',')}` }),
  ]);
}
