import type { BenchContext } from '../plan';
import { acceptOutcome, isErrorAnswer, poolCreation, type PoolCreation } from '../appUnderTest';
import { summarise, timed, type Summary } from '../stats';

export interface TurnOverheadResult {
  readonly samples: number;
  readonly bare: Summary;
  readonly accept: Summary;
  readonly pointRead: Summary;
  /** A journaled write (upsert of one small document), for explaining where the accept time goes. */
  readonly write: Summary;
  readonly ratio: { readonly p50: number; readonly p95: number; readonly p99: number };
  /** 2 × bare p50 + one point read p50, the target for the accept p50. */
  readonly budgetP50Ms: number;
  readonly budgetP95Ms: number;
  /** The stricter reading: one point read as the round trip (for information). */
  readonly budgetWithReadP50Ms: number;
  readonly targetMet: boolean;
  readonly errors: { readonly bare: number; readonly accept: number };
  readonly poolCreation: PoolCreation;
}

/**
 * One turn at a time, side by side: in every round a bare botbuilder turn, an accept turn of the real app
 * (fresh handoff each time), one Cosmos point read and one journaled write, in rotating order, after the outbox has gone quiet,
 * so each figure is a single request on an otherwise idle process.
 */
export async function turnOverhead(ctx: BenchContext): Promise<TurnOverheadResult> {
  const { app, client, bare, plan } = ctx;
  const rounds = plan.turnWarmup + plan.turnSamples;
  const created = await app.handoffPool(rounds, plan.creationConcurrency);
  const { pool } = created;
  const bareUrl = `${bare.url}/api/messages`;
  const samples = { bare: [] as number[], accept: [] as number[], pointRead: [] as number[], write: [] as number[] };
  const errors = { bare: 0, accept: 0 };
  for (let i = 0; i < pool.length; i++) {
    const card = pool[i]!;
    const measuring = i >= plan.turnWarmup;
    await app.app.outbox.idle();
    const steps = [
      async () => {
        const r = await client.post(bareUrl, app.acceptActivity(card, i % plan.coordinators));
        if (isErrorAnswer(r)) errors.bare++;
        if (measuring) samples.bare.push(r.ms);
      },
      async () => {
        const r = await app.accept(card, i % plan.coordinators);
        if (acceptOutcome(r) !== 'won') errors.accept++;
        if (measuring) samples.accept.push(r.ms);
      },
      async () => {
        const { ms: readMs } = await timed(() => app.pointRead(String(card.accept.caseId)));
        if (measuring) samples.pointRead.push(readMs);
      },
      async () => {
        const { ms: writeMs } = await timed(() => app.pointWrite(i));
        if (measuring) samples.write.push(writeMs);
      },
    ];
    for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
  }
  await app.app.outbox.idle();
  const s = { bare: summarise(samples.bare), accept: summarise(samples.accept), pointRead: summarise(samples.pointRead), write: summarise(samples.write) };
  // The one store round trip an accept needs is a conditional write (its read comes from this instance's
  // last known version); in embedded mode a write waits for the journal's fdatasync, so it is the unit here.
  const budgetP50Ms = 2 * s.bare.p50 + s.write.p50;
  return {
    samples: samples.accept.length,
    ...s,
    ratio: { p50: s.accept.p50 / s.bare.p50, p95: s.accept.p95 / s.bare.p95, p99: s.accept.p99 / s.bare.p99 },
    budgetP50Ms,
    budgetP95Ms: 2 * s.bare.p95 + s.write.p95,
    budgetWithReadP50Ms: 2 * s.bare.p50 + s.pointRead.p50,
    targetMet: s.accept.p50 <= budgetP50Ms,
    errors,
    poolCreation: poolCreation(created),
  };
}
