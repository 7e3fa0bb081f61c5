import type { JsonClient } from './httpClient';
import type { AppUnderTest } from './appUnderTest';
import type { BareBot } from './bareBot';

/** Sizes of every phase; `--quick` shrinks them for a smoke run (figures then mean little). */
export interface BenchPlan {
  readonly coordinators: number;
  /** Handoffs are created over HTTP with this many in flight (the case-code counter is contended above ~8). */
  readonly creationConcurrency: number;
  readonly turnWarmup: number;
  readonly turnSamples: number;
  readonly openLoopSpreadMs: number;
  readonly closedLoopMs: number;
  /** Not counted: each closed loop first runs this long to open connections and warm code paths. */
  readonly closedLoopWarmupMs: number;
  /** Fresh handoffs for the app's closed loop; it ends early (and says so) if they run out. */
  readonly closedLoopPool: number;
  readonly costRepetitions: number;
  readonly scaleSizes: readonly number[];
  readonly scaleCreateConcurrency: number;
}

export const FULL_PLAN: BenchPlan = {
  coordinators: 50,
  creationConcurrency: 8,
  turnWarmup: 30,
  turnSamples: 300,
  openLoopSpreadMs: 1000,
  closedLoopMs: 5000,
  closedLoopWarmupMs: 500,
  closedLoopPool: 1600,
  costRepetitions: 5,
  scaleSizes: [100, 1_000, 20_000],
  scaleCreateConcurrency: 16,
};

export const QUICK_PLAN: BenchPlan = {
  ...FULL_PLAN,
  turnWarmup: 5,
  turnSamples: 40,
  closedLoopMs: 1500,
  closedLoopPool: 500,
  costRepetitions: 2,
  scaleSizes: [100, 1_000],
};

export interface BenchContext {
  readonly plan: BenchPlan;
  readonly client: JsonClient;
  readonly app: AppUnderTest;
  readonly bare: BareBot;
}
