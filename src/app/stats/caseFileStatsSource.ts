import type { CaseFile } from '../../domain/caseFile';
import { statsCaseOf, type StatsCase } from '../../domain/stats/statsCase';
import type { StatsCaseSource } from './wardStats';

/**
 * A StatsCaseSource over case files already at hand (the embedded store's documents, a data export, tests):
 * projects each file with statsCaseOf, so nothing but the projection leaves it.
 */
export function caseFileStatsSource(filesOf: (wardId: string) => Promise<readonly CaseFile[]>): StatsCaseSource {
  return {
    async casesForStats(wardId: string): Promise<readonly StatsCase[]> {
      return (await filesOf(wardId)).filter((f) => f.record.wardId === wardId).map(statsCaseOf);
    },
  };
}
