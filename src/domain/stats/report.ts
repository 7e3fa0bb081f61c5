import type { BusinessCalendar } from '../businessCalendar';
import type { CareItemCode, ScoreBand } from '../careItems';
import type { AgeBand, LifeStage } from '../lifeStage';
import type { TransitionData, TransitionKind } from '../transitions/transitionData';
import { caseloads, caseloadTable, medianCaseload, type CaseloadBand, type COORDINATORS_COLUMN } from './caseloads';
import { continuityTable, milestoneOccurrences, type MilestoneOccurrence, type MilestoneOutcome } from './continuity';
import { SUPPRESSED, published, type Published, type RawCountTable, type SafeTable } from './countTable';
import { handoffFacts, handoffTable, handoffTimings, type HandoffFact, type HandoffOutcome, type HandoffRowKey, type HandoffTiming } from './handoffFigures';
import { endOfTokyoDay, periodRange, type DateRange, type ReportPeriod } from './period';
import { populationTables, type Assignment, type PopulationTables, type WARD_COLUMN } from './population';
import { districtColumns, openBefore, type DistrictKey, type StatsCase } from './statsCase';
import { checkMinCellCount, protectTables } from './suppression';

/**
 * The ward's statistics for one quarter: every figure of issue 8 that can be computed from the case files,
 * raw (inside the statistics only) and safe (what may be shown, exported or charted).
 */
export interface StatsSettings {
  /** k: counts from 1 to k−1 are suppressed. The ward must choose it (see DEFAULT_MIN_CELL_COUNT). */
  readonly minCellCount: number;
  /** The ward's districts (地区), in display order; case districts not on the list count as "other". */
  readonly districts: readonly string[];
  /** For business days (handoff times) and the milestone due dates. */
  readonly calendar: BusinessCalendar;
  readonly transitions: TransitionData;
}

/**
 * A starting point, not a rule: 5 is a common choice for small-population health tables, but nothing in the
 * reference fixes it for this data. The ward decides k (and may choose a larger one); until it has, this
 * value is what the settings should say, visibly.
 */
export const DEFAULT_MIN_CELL_COUNT = 5;

/**
 * Extension point for figures from other stocks — issue 6 will add issues by category and status over time
 * (e.g. a table `ext.issues.byCategoryStatus` with categories as rows, statuses as columns, counted at the
 * end of the quarter, or months of the quarter as rows). Extension tables are protected together with the
 * core tables, by the same rules, and come back in StatsReport.extensions in the order given.
 */
export interface StatsExtension {
  readonly tables: readonly RawCountTable<string, string>[];
}

export interface RawStatsFigures {
  readonly period: ReportPeriod;
  readonly range: DateRange;
  readonly districts: readonly DistrictKey[];
  /** The cases open at the end of the quarter (the population of the children's tables). */
  readonly open: readonly StatsCase[];
  readonly population: PopulationTables;
  readonly handoffFacts: readonly HandoffFact[];
  readonly handoffs: RawCountTable<HandoffRowKey, HandoffOutcome>;
  readonly occurrences: readonly MilestoneOccurrence[];
  readonly continuity: RawCountTable<TransitionKind, MilestoneOutcome>;
  readonly caseloads: readonly number[];
  readonly caseloadTable: RawCountTable<CaseloadBand, typeof COORDINATORS_COLUMN>;
  readonly extensions: readonly RawCountTable[];
}

export function computeRawFigures(cases: readonly StatsCase[], period: ReportPeriod, settings: StatsSettings, extension: StatsExtension = { tables: [] }): RawStatsFigures {
  const range = periodRange(period);
  const districts = districtColumns(settings.districts);
  const snapshotEnd = endOfTokyoDay(range.to);
  const open = cases.filter((c) => openBefore(c, snapshotEnd));
  const facts = handoffFacts(cases, range, (d) => settings.calendar.isBusinessDay(d));
  const occurrences = milestoneOccurrences(cases, range, settings.transitions, settings.calendar);
  const loads = caseloads(open);
  const ids = new Set<string>();
  for (const t of extension.tables) {
    if (!t.id.startsWith('ext.') || ids.has(t.id)) throw new Error(`STATS.BAD_EXTENSION: extension table ids must be unique and start with "ext.", got ${t.id}`);
    ids.add(t.id);
  }
  return {
    period,
    range,
    districts,
    open,
    population: populationTables(open, range.to, districts),
    handoffFacts: facts,
    handoffs: handoffTable(facts),
    occurrences,
    continuity: continuityTable(occurrences),
    caseloads: loads,
    caseloadTable: caseloadTable(loads),
    extensions: extension.tables,
  };
}

export interface StatsTables {
  readonly lifeStage: SafeTable<LifeStage, DistrictKey>;
  readonly ageBand: SafeTable<AgeBand, DistrictKey>;
  readonly scoreBand: SafeTable<ScoreBand, DistrictKey>;
  readonly careItem: SafeTable<CareItemCode, DistrictKey>;
  readonly assignment: SafeTable<Assignment, typeof WARD_COLUMN>;
  readonly handoffs: SafeTable<HandoffRowKey, HandoffOutcome>;
  readonly continuity: SafeTable<TransitionKind, MilestoneOutcome>;
  readonly caseloads: SafeTable<CaseloadBand, typeof COORDINATORS_COLUMN>;
}

/** What may leave the statistics: codes and safe counts only. */
export interface StatsReport {
  readonly period: ReportPeriod;
  readonly range: DateRange;
  readonly minCellCount: number;
  readonly districts: readonly DistrictKey[];
  readonly tables: StatsTables;
  readonly extensions: readonly SafeTable[];
  readonly handoffTimings: readonly HandoffTiming[];
  readonly medianCaseload: Published;
  /** Some counted case is fictional (架空): the embedded demo, or test cases in a real ward. */
  readonly fictional: boolean;
}

export function protectFigures(raw: RawStatsFigures, k: number, fictional: boolean): StatsReport {
  checkMinCellCount(k);
  const p = raw.population;
  const core = [p.lifeStage, p.ageBand, p.scoreBand, p.careItem, p.assignment, raw.handoffs, raw.continuity, raw.caseloadTable] as const;
  const protection = protectTables([...core, ...raw.extensions], k);
  const median = medianCaseload(raw.caseloads, k);
  return {
    period: raw.period,
    range: raw.range,
    minCellCount: k,
    districts: raw.districts,
    tables: {
      lifeStage: protection.safe(p.lifeStage),
      ageBand: protection.safe(p.ageBand),
      scoreBand: protection.safe(p.scoreBand),
      careItem: protection.safe(p.careItem),
      assignment: protection.safe(p.assignment),
      handoffs: protection.safe(raw.handoffs),
      continuity: protection.safe(raw.continuity),
      caseloads: protection.safe(raw.caseloadTable),
    },
    extensions: raw.extensions.map((t) => protection.safe(t)),
    handoffTimings: handoffTimings(raw.handoffFacts, k),
    medianCaseload: median === undefined ? SUPPRESSED : published(median),
    fictional,
  };
}

export function buildStatsReport(cases: readonly StatsCase[], period: ReportPeriod, settings: StatsSettings, extension?: StatsExtension): StatsReport {
  checkMinCellCount(settings.minCellCount);
  return protectFigures(computeRawFigures(cases, period, settings, extension), settings.minCellCount, cases.some((c) => c.fictional));
}

/** Every safe table of a report, core tables first. */
export function reportTables(report: StatsReport): SafeTable[] {
  const t = report.tables;
  return [t.lifeStage, t.ageBand, t.scoreBand, t.careItem, t.assignment, t.handoffs, t.continuity, t.caseloads, ...report.extensions];
}

export interface TableSlice<R extends string> {
  readonly rows: readonly { readonly key: R; readonly value: Published }[];
  /** The slice's total when the table publishes one (children in the district / in the ward). */
  readonly total: Published | undefined;
}

/** The whole-ward column of a district table (its row totals), or of a one-column table. */
export function wardSlice<R extends string, C extends string>(t: SafeTable<R, C>): TableSlice<R> {
  if (t.rowTotals) return { rows: t.rowKeys.map((key, r) => ({ key, value: t.rowTotals?.[r] ?? SUPPRESSED })), total: t.grandTotal };
  return columnSlice(t, t.colKeys[0] as C);
}

/**
 * One column of a table (one district): values read from the report as published, so a district view
 * never shows a number the whole-ward report does not (filtering adds no relation to subtract from).
 */
export function columnSlice<R extends string, C extends string>(t: SafeTable<R, C>, column: C): TableSlice<R> {
  const c = t.colKeys.indexOf(column);
  if (c < 0) throw new Error(`STATS.UNKNOWN_COLUMN: ${t.id} has no column ${column}`);
  return { rows: t.rowKeys.map((key, r) => ({ key, value: t.cells[r]?.[c] ?? SUPPRESSED })), total: t.colTotals?.[c] };
}
