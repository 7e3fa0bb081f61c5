import { countInto, type RawCountTable } from './countTable';
import { median } from './quantiles';
import type { StatsCase } from './statsCase';

/**
 * Coordinators' caseloads without naming anyone: how many coordinators carry 1–10, 11–20, 21–30 or more
 * than 30 open cases on the snapshot date (the current assignment; the case keeps no history of it).
 * These count coordinators, and get the same threshold as every other count: with few coordinators a
 * band of one would point at a person.
 */
export const CASELOAD_BANDS = ['1-10', '11-20', '21-30', '31+'] as const;
export type CaseloadBand = (typeof CASELOAD_BANDS)[number];
export const COORDINATORS_COLUMN = 'coordinators' as const;

export function caseloadBand(openCases: number): CaseloadBand {
  if (openCases <= 10) return '1-10';
  if (openCases <= 20) return '11-20';
  if (openCases <= 30) return '21-30';
  return '31+';
}

/** Open cases per coordinator (only coordinators with at least one; the order carries no meaning). */
export function caseloads(open: readonly StatsCase[]): number[] {
  const per = new Map<string, number>();
  for (const c of open) if (c.coordinatorKey !== undefined) per.set(c.coordinatorKey, (per.get(c.coordinatorKey) ?? 0) + 1);
  return [...per.values()].sort((a, b) => a - b);
}

export function caseloadTable(loads: readonly number[]): RawCountTable<CaseloadBand, typeof COORDINATORS_COLUMN> {
  return countInto({ id: 'coordinators.caseload', unit: 'coordinators', rowKeys: CASELOAD_BANDS, colKeys: [COORDINATORS_COLUMN], margins: 'columns' }, loads, (n) => [[caseloadBand(n), COORDINATORS_COLUMN]]);
}

/** The median caseload, published only when at least k coordinators carry cases. */
export function medianCaseload(loads: readonly number[], k: number): number | undefined {
  return loads.length >= k ? median(loads) : undefined;
}
