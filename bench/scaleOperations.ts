import type { CaseFileRepository, CaseIndex } from '../src/app/ports';
import { myCases, searchCases, type FindDeps } from '../src/app/findCases';
import type { Actor } from '../src/domain/directory';
import { wardStats, type WardStatsDeps } from '../src/app/stats/wardStats';
import { pullAgenda } from '../src/app/issues/pullAgenda';
import type { AgendaDeps } from '../src/app/issues/agendaDeps';
import { coordinatorDigest, type DigestDeps } from '../src/app/milestones';

/** What a scale operation may use. */
export interface ScaleContext {
  readonly repo: CaseFileRepository & CaseIndex;
  /** The dependencies of the 担当案件 / 検索 use cases (the same repository as index, the audit trail). */
  readonly find: FindDeps;
  /** Number of scale case files stored. */
  readonly size: number;
  /** A case id among the stored ones, uniformly at random. */
  randomCaseId(): string;
  /** One of the coordinators the accepted cases are shared among. */
  randomCoordinator(): Actor;
  /** The desk (sees every case in a search). */
  readonly desk: Actor;
  /** A part of a stored child's name, as typed into 検索. */
  randomSearchText(): string;
  /** 統計 as main.ts wires it (the Cosmos StatsCaseSource, the audit trail, k and the districts). */
  readonly stats: WardStatsDeps;
  /** A ward case worker (may see the statistics). */
  readonly caseWorker: Actor;
  /** 議題 as main.ts wires it (issues and agendas in the ward's partition, the ward conferences). */
  readonly agenda: AgendaDeps;
  /** The conference secretary. */
  readonly secretary: Actor;
  /** 今日の予定 as main.ts wires it. */
  readonly digest: DigestDeps;
}

/**
 * One named read operation timed at each data size. Entries without `run` are placeholders for operations
 * not built yet; they are printed as pending so the table shows what is still owed. To add one (agenda pull,
 * stats, digest), give it a `run` that calls the use case as the bot does.
 */
export interface ScaleOperation {
  readonly name: string;
  readonly samples: number;
  /** Latency target at the largest size (p95, ms), if the issue sets one. */
  readonly targetP95Ms?: number;
  /** Hot paths must not fan out over partitions. */
  readonly mustBeSinglePartition: boolean;
  readonly run?: (ctx: ScaleContext) => Promise<unknown>;
  readonly pending?: string;
}

export const SCALE_OPERATIONS: readonly ScaleOperation[] = [
  { name: 'case view (repo.load)', samples: 200, mustBeSinglePartition: true, run: (ctx) => ctx.repo.load(ctx.randomCaseId()) },
  { name: '担当案件 (myCases: projection + audit per row)', samples: 10, mustBeSinglePartition: false, run: (ctx) => myCases(ctx.find, ctx.randomCoordinator(), undefined) },
  { name: '検索 (searchCases as desk: projection + audit)', samples: 40, targetP95Ms: 300, mustBeSinglePartition: false, run: (ctx) => searchCases(ctx.find, ctx.desk, ctx.randomSearchText(), undefined) },
  { name: 'outbox sweep (listWithOutboxWork 100, projection)', samples: 10, mustBeSinglePartition: false, run: (ctx) => ctx.repo.listWithOutboxWork(100) },
  {
    // 議題: the ward's agendas, the raised issues and the next ward conference, each one single-partition query
    // (issues and meetings are partitioned by ward); the draft is rewritten only when the stock changed.
    name: '議題 (pullAgenda: issues + agendas + next conference)',
    // 40 calls, so that p95 is not simply the slowest call.
    samples: 40,
    targetP95Ms: 300,
    mustBeSinglePartition: true,
    run: async (ctx) => {
      const out = await pullAgenda(ctx.agenda, ctx.secretary);
      if (out.kind !== 'agenda') throw new Error(`agenda answered ${out.kind}`);
      return out;
    },
  },
  {
    // 今日の予定 of one coordinator: the projection for their cases, then one point read per case (no query).
    name: '今日の予定 (coordinatorDigest: projection + point reads + audit)',
    samples: 10,
    mustBeSinglePartition: true,
    run: (ctx) => coordinatorDigest(ctx.digest, ctx.randomCoordinator(), undefined),
  },
  {
    // The whole ward's statistics for the last ended quarter: the cases from the change-feed read model (no
    // query), the issue stock by one single-partition query, the report computed and protected, one audit write.
    name: '統計 (wardStats: read model + issue stock + report + audit)',
    samples: 5,
    mustBeSinglePartition: true,
    run: async (ctx) => {
      const out = await wardStats(ctx.stats, { actor: ctx.caseWorker });
      if (out.kind !== 'report') throw new Error(`stats answered ${out.kind}`);
      return out;
    },
  },
];
