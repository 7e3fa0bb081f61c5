import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Load shapes: concurrency-limited map, open loop (fixed schedule) and closed loop (fixed in-flight). */

export async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface OpenLoopResult<R> {
  readonly results: R[];
  /** How late each request left compared with its schedule (timer lag under load), ms. */
  readonly lateness: number[];
  readonly wallMs: number;
}

/** Fires request i at offset i × spreadMs / count, whether or not earlier ones have answered. */
export async function openLoop<R>(count: number, spreadMs: number, fire: (i: number) => Promise<R>): Promise<OpenLoopResult<R>> {
  const t0 = performance.now();
  const lateness: number[] = [];
  const pending = Array.from(
    { length: count },
    (_, i) =>
      new Promise<R>((resolve, reject) => {
        const due = (i * spreadMs) / count;
        setTimeout(() => {
          lateness[i] = performance.now() - t0 - due;
          Promise.resolve()
            .then(() => fire(i))
            .then(resolve, reject);
        }, due);
      }),
  );
  const results = await Promise.all(pending);
  return { results, lateness, wallMs: performance.now() - t0 };
}

export interface ClosedLoopResult<R> {
  readonly results: R[];
  readonly wallMs: number;
}

/**
 * `workers` loops, each sending its next request as soon as the previous one answered, for `durationMs`
 * or until `next` has no more work (a pool of fresh handoffs used up).
 */
export async function closedLoop<R>(workers: number, durationMs: number, next: (worker: number) => (() => Promise<R>) | undefined): Promise<ClosedLoopResult<R>> {
  const t0 = performance.now();
  const results: R[] = [];
  const loop = async (w: number) => {
    while (performance.now() - t0 < durationMs) {
      const work = next(w);
      if (!work) return;
      results.push(await work());
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  return { results, wallMs: performance.now() - t0 };
}

/**
 * How busy the process was while `run` ran: CPU time over wall time (100 = one core), event-loop
 * utilisation, and the longest event-loop stall (how long a ready callback, e.g. a turn, had to wait).
 */
export interface Busy {
  readonly cpuPercent: number;
  readonly eventLoopUtilisation: number;
  readonly maxLoopStallMs: number;
}

export async function measureBusy<T>(run: () => Promise<T>): Promise<{ value: T; busy: Busy }> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  try {
    const value = await run();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    return { value, busy: { cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, eventLoopUtilisation: elu.utilization, maxLoopStallMs: delay.max / 1e6 } };
  } finally {
    delay.disable();
  }
}
