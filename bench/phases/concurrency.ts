import type { BenchContext } from '../plan';
import { acceptOutcome, isErrorAnswer, poolCreation, type AcceptOutcome, type PoolCreation } from '../appUnderTest';
import type { Posted } from '../httpClient';
import type { PostedHandoff } from '../leanConnector';
import { closedLoop, measureBusy, openLoop, type Busy } from '../load';
import { summarise, type Summary } from '../stats';

export interface LoadFigures {
  readonly requests: number;
  readonly wallMs: number;
  readonly throughputPerS: number;
  readonly latency: Summary;
  /** Non-200 answers and error cards (and, for accepts, answers that are neither 受付済 nor 既に…). */
  readonly errors: number;
  readonly won: number;
  readonly toldWinner: number;
  /** Time for the outbox to deliver what the load left behind (card updates, audit copies). */
  readonly outboxCatchUpMs?: number;
  /** CPU and event-loop use of the whole process during the load. */
  readonly busy: Busy;
}

export interface ConcurrencyResult {
  readonly openLoop: LoadFigures & { readonly maxLatenessMs: number };
  readonly closedBare: LoadFigures;
  readonly closedAccept: LoadFigures & { readonly warmupErrors: number; readonly poolSize: number; readonly poolExhausted: boolean };
  readonly race: LoadFigures;
  readonly throughputRatio: number;
  readonly targets: { readonly openLoopP99: boolean; readonly openLoopNoErrors: boolean; readonly closedLoopRatio: boolean; readonly raceOneWinner: boolean };
  readonly poolCreation: PoolCreation;
}

function figures(results: readonly Posted[], wallMs: number, busy: Busy, outcome: (p: Posted) => AcceptOutcome | 'ok' | 'error'): LoadFigures {
  const outcomes = results.map(outcome);
  return {
    requests: results.length,
    wallMs,
    throughputPerS: (results.length / wallMs) * 1000,
    latency: summarise(results.map((r) => r.ms)),
    errors: outcomes.filter((o) => o === 'error').length,
    won: outcomes.filter((o) => o === 'won').length,
    toldWinner: outcomes.filter((o) => o === 'toldWinner').length,
    busy,
  };
}

async function catchUp(ctx: BenchContext): Promise<number> {
  const start = performance.now();
  await ctx.app.app.outbox.idle();
  return performance.now() - start;
}

/** 50 coordinators: open loop over one second, closed loop at saturation (vs the bare bot), then one race. */
export async function concurrency(ctx: BenchContext): Promise<ConcurrencyResult> {
  const { app, client, bare, plan } = ctx;
  const n = plan.coordinators;
  const created = await app.handoffPool(n + plan.closedLoopPool + 1, plan.creationConcurrency);
  if (created.pool.length < n + 1 + n) throw new Error(`only ${created.pool.length} handoffs could be created (${JSON.stringify(created.reasons)})`);
  const openPool = created.pool.slice(0, n);
  const racePool = created.pool.slice(n, n + 1);
  const closedPool: PostedHandoff[] = created.pool.slice(n + 1);

  // Open loop: coordinator i presses accept on handoff i at i × 20 ms.
  const { value: open, busy: openBusy } = await measureBusy(() => openLoop(n, plan.openLoopSpreadMs, (i) => app.accept(openPool[i]!, i)));
  const openFigures = { ...figures(open.results, open.wallMs, openBusy, acceptOutcome), maxLatenessMs: Math.max(0, ...open.lateness), outboxCatchUpMs: await catchUp(ctx) };

  // Closed loop, bare bot: 50 in flight for the same duration, same payload.
  const sample = app.acceptActivity(closedPool[0] ?? openPool[0]!, 0);
  const bareUrl = `${bare.url}/api/messages`;
  // Each closed loop is warmed first (new connections, cold code paths), and the warm-up is not counted.
  await closedLoop(n, plan.closedLoopWarmupMs, () => () => client.post(bareUrl, sample));
  const { value: closedB, busy: bareBusy } = await measureBusy(() => closedLoop(n, plan.closedLoopMs, () => () => client.post(bareUrl, sample)));
  const closedBare = figures(closedB.results, closedB.wallMs, bareBusy, (p) => (isErrorAnswer(p) ? 'error' : 'ok'));

  // Closed loop, real app: 50 coordinators, each always has one accept of a fresh handoff in flight.
  const warmAccepts = await closedLoop(n, plan.closedLoopWarmupMs, (w) => {
    const card = closedPool.pop();
    return card ? () => app.accept(card, w) : undefined;
  });
  const warmupErrors = warmAccepts.results.filter((p) => acceptOutcome(p) !== 'won').length;
  await app.app.outbox.idle();
  const closedPoolSize = closedPool.length;
  const { value: closedA, busy: acceptBusy } = await measureBusy(() =>
    closedLoop(n, plan.closedLoopMs, (w) => {
      const card = closedPool.pop();
      return card ? () => app.accept(card, w) : undefined;
    }),
  );
  const closedAccept = { ...figures(closedA.results, closedA.wallMs, acceptBusy, acceptOutcome), warmupErrors, poolSize: closedPoolSize, poolExhausted: closedPool.length === 0, outboxCatchUpMs: await catchUp(ctx) };

  // Race: all 50 press accept on the same handoff at once.
  const raceCard = racePool[0];
  const raceStart = performance.now();
  const { value: raced, busy: raceBusy } = await measureBusy(async () => (raceCard ? Promise.all(Array.from({ length: n }, (_, i) => app.accept(raceCard, i))) : []));
  const race = { ...figures(raced, performance.now() - raceStart, raceBusy, acceptOutcome), outboxCatchUpMs: await catchUp(ctx) };

  const throughputRatio = closedAccept.throughputPerS / closedBare.throughputPerS;
  return {
    openLoop: openFigures,
    closedBare,
    closedAccept,
    race,
    throughputRatio,
    targets: {
      openLoopP99: openFigures.latency.p99 < 150,
      openLoopNoErrors: openFigures.errors === 0,
      closedLoopRatio: throughputRatio >= 0.5,
      raceOneWinner: race.won === 1 && race.toldWinner === n - 1,
    },
    poolCreation: poolCreation(created),
  };
}
