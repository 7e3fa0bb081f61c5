import { tokyoDate } from '../../domain/dates';
import type { Actor, Role } from '../../domain/directory';
import { hasEnded, lastEndedPeriod, type ReportPeriod } from '../../domain/stats/period';
import { buildStatsReport, type StatsExtension, type StatsReport, type StatsSettings } from '../../domain/stats/report';
import { districtColumns, type DistrictKey, type StatsCase } from '../../domain/stats/statsCase';
import type { Clock } from '../ports';

/**
 * 統計 (stats): the ward's figures for one ended quarter, safe to show (see domain/stats). For the ward's
 * case workers and the conference secretary only. Reading the statistics reads no personal data and no
 * single case, so no case is audited; what is shown holds no name and no count under k.
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

export interface WardStatsDeps {
  readonly source: StatsCaseSource;
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
  const wanted = deps.population === 'fictional';
  const cases = (await deps.source.casesForStats(deps.wardId)).filter((c) => c.fictional === wanted);
  const extension = deps.extensions ? await deps.extensions.extensionFor(deps.wardId, period) : undefined;
  return { kind: 'report', report: buildStatsReport(cases, period, deps.settings, extension), district };
}
