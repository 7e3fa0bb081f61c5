import type { BenchContext } from '../plan';
import { acceptOutcome } from '../appUnderTest';
import type { PostedHandoff } from '../leanConnector';
import { addCounts, perOperation, zeroCounts, type StoreCounts } from '../storeCounter';

export interface CostRow {
  readonly operation: string;
  /** What the window covers: the HTTP turn only, or the turn plus the outbox work it caused. */
  readonly window: 'turn' | 'turn + outbox';
  readonly repetitions: number;
  readonly perOperation: StoreCounts;
}

export interface CostResult {
  readonly rows: readonly CostRow[];
  /** Cross-partition queries seen in any accept window (target 0). */
  readonly acceptCrossPartitionQueries: number;
  readonly errors: number;
}

/**
 * Store round trips per operation, counted by the embedded Cosmos server's observer. First with the outbox
 * running (each operation alone, until the outbox is idle again), then with the outbox stopped so that only
 * the turn's own requests fall in the window. Stopping the outbox is final: this phase runs after the load
 * phases, and the scale phase needs no outbox.
 */
export async function cost(ctx: BenchContext): Promise<CostResult> {
  const { app, plan } = ctx;
  const n = plan.costRepetitions;
  const counter = app.counter;
  let errors = 0;
  const rows: CostRow[] = [];
  const row = (operation: string, window: CostRow['window'], sum: StoreCounts, repetitions = n) => rows.push({ operation, window, repetitions, perOperation: perOperation(sum, repetitions) });

  // 1. Turn + outbox: each operation alone, counted until its delivery is done.
  await app.app.outbox.idle();
  let create = zeroCounts();
  const cards: PostedHandoff[] = [];
  for (let i = 0; i < n; i++) {
    const before = counter.snapshot();
    if (!(await app.createHandoff()).ok) errors++;
    await app.app.outbox.idle();
    const [card] = await app.connector.takePosted(1, 5000);
    create = addCounts(create, counter.since(before));
    if (card) cards.push(card);
    else errors++;
  }
  row('create handoff (新規引継ぎ + submit)', 'turn + outbox', create);
  let accept = zeroCounts();
  for (const [i, card] of cards.entries()) {
    const before = counter.snapshot();
    if (acceptOutcome(await app.accept(card, i)) !== 'won') errors++;
    await app.app.outbox.idle();
    accept = addCounts(accept, counter.since(before));
  }
  row('accept', 'turn + outbox', accept, cards.length);

  // 2. Turn only: fresh handoffs posted first, then the outbox is stopped.
  const { pool, failures } = await app.handoffPool(n, plan.creationConcurrency);
  errors += failures;
  await app.app.outbox.stop();
  let message = zeroCounts();
  let submit = zeroCounts();
  for (let i = 0; i < n; i++) {
    const before = counter.snapshot();
    const { form } = await app.openForm();
    message = addCounts(message, counter.since(before));
    if (!form) {
      errors++;
      continue;
    }
    const beforeSubmit = counter.snapshot();
    if (!(await app.submitForm(form)).ok) errors++;
    submit = addCounts(submit, counter.since(beforeSubmit));
  }
  row('create handoff: 新規引継ぎ message turn', 'turn', message);
  row('create handoff: submit turn', 'turn', submit);
  let won = zeroCounts();
  let lost = zeroCounts();
  for (const [i, card] of pool.entries()) {
    const before = counter.snapshot();
    if (acceptOutcome(await app.accept(card, i)) !== 'won') errors++;
    won = addCounts(won, counter.since(before));
    const beforeLate = counter.snapshot();
    if (acceptOutcome(await app.accept(card, i + 1)) !== 'toldWinner') errors++;
    lost = addCounts(lost, counter.since(beforeLate));
  }
  row('accept (winner)', 'turn', won, pool.length);
  row('accept (too late: 既に…さんが受け付けました)', 'turn', lost, pool.length);

  return { rows, acceptCrossPartitionQueries: accept.crossPartitionQueries + won.crossPartitionQueries + lost.crossPartitionQueries, errors };
}
