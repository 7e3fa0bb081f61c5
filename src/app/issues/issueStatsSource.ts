import { issueTables } from '../../domain/issues/issueStats';
import { periodRange, type ReportPeriod } from '../../domain/stats/period';
import type { StatsExtension } from '../../domain/stats/report';
import type { StatsExtensionSource } from '../stats/wardStats';
import type { IssueRepository } from './ports';

/**
 * The issue stock as a statistics extension: one single-partition query per ward for the name-free rows,
 * then the two issue tables for the quarter. Like the cases, only the demo's fictional issues are counted in
 * the embedded demo and only real ones in production.
 */
export function issueStatsSource(deps: { issues: Pick<IssueRepository, 'listForStats'>; categories: readonly string[]; population: 'real' | 'fictional' }): StatsExtensionSource {
  return {
    async extensionFor(wardId: string, period: ReportPeriod): Promise<StatsExtension> {
      const wanted = deps.population === 'fictional';
      const rows = (await deps.issues.listForStats(wardId)).filter((r) => r.fictional === wanted);
      return { tables: issueTables(rows, periodRange(period), deps.categories) };
    },
  };
}
