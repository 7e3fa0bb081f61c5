import type { CosmosRequestInfo } from '../src/adapters/embedded/cosmos/embeddedCosmosServer';

/** Round trips to the store, by kind, as seen by the embedded Cosmos server (counted, not guessed). */
export interface StoreCounts {
  total: number;
  pointReads: number;
  writes: number;
  queries: number;
  crossPartitionQueries: number;
  queryPlans: number;
  /** Database/container/partition-range reads and anything else that is not a document operation. */
  other: number;
}

export const zeroCounts = (): StoreCounts => ({ total: 0, pointReads: 0, writes: 0, queries: 0, crossPartitionQueries: 0, queryPlans: 0, other: 0 });

const DOCUMENT = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+$/;
const DOCUMENTS = /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/?$/;

function classify(info: CosmosRequestInfo): Exclude<keyof StoreCounts, 'total' | 'crossPartitionQueries'> {
  if (info.isQueryPlan) return 'queryPlans';
  if (info.isQuery) return 'queries';
  if (DOCUMENT.test(info.path)) return info.method === 'GET' ? 'pointReads' : 'writes';
  if (DOCUMENTS.test(info.path) && info.method === 'POST') return 'writes'; // create, upsert or batch
  return 'other';
}

/** Cumulative counters; take a snapshot before and after an operation and subtract. */
export class StoreCounter {
  private readonly counts = zeroCounts();

  readonly observe = (info: CosmosRequestInfo): void => {
    this.counts.total++;
    this.counts[classify(info)]++;
    if (info.crossPartition) this.counts.crossPartitionQueries++;
  };

  snapshot(): StoreCounts {
    return { ...this.counts };
  }

  since(before: StoreCounts): StoreCounts {
    const now = this.snapshot();
    return {
      total: now.total - before.total,
      pointReads: now.pointReads - before.pointReads,
      writes: now.writes - before.writes,
      queries: now.queries - before.queries,
      crossPartitionQueries: now.crossPartitionQueries - before.crossPartitionQueries,
      queryPlans: now.queryPlans - before.queryPlans,
      other: now.other - before.other,
    };
  }
}

/** Per-operation average of counts summed over n repetitions. */
export function perOperation(sum: StoreCounts, n: number): StoreCounts {
  const d = (x: number) => (n === 0 ? 0 : x / n);
  return { total: d(sum.total), pointReads: d(sum.pointReads), writes: d(sum.writes), queries: d(sum.queries), crossPartitionQueries: d(sum.crossPartitionQueries), queryPlans: d(sum.queryPlans), other: d(sum.other) };
}

export function addCounts(a: StoreCounts, b: StoreCounts): StoreCounts {
  return {
    total: a.total + b.total,
    pointReads: a.pointReads + b.pointReads,
    writes: a.writes + b.writes,
    queries: a.queries + b.queries,
    crossPartitionQueries: a.crossPartitionQueries + b.crossPartitionQueries,
    queryPlans: a.queryPlans + b.queryPlans,
    other: a.other + b.other,
  };
}
