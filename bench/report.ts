import type { PoolCreation } from './appUnderTest';
import type { MemoryFigures } from './memory';
import type { ConcurrencyResult, LoadFigures } from './phases/concurrency';
import type { CostResult, CostRow } from './phases/cost';
import type { ScaleResult, ScaleStep } from './phases/scale';
import type { TurnOverheadResult } from './phases/turnOverhead';
import { ms, num, table, times } from './table';
import type { Summary } from './stats';

function poolLine(p: PoolCreation): string {
  const retried = p.retriedFailures > 0 ? `; ${p.retriedFailures} failed attempts, pressed again: ${Object.entries(p.reasons).map(([k, v]) => `${k} ×${v}`).join(', ')}` : '';
  return `  set-up: ${p.handoffs} handoffs created over HTTP (新規引継ぎ + submit, ${num(p.handoffs / (p.ms / 1000), 0)}/s) in ${num(p.ms / 1000, 1)} s, ${p.failures} not created${retried}`;
}

const latencyRow = (name: string, s: Summary): string[] => [name, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean), ms(s.max)];

export function turnOverheadSection(r: TurnOverheadResult): string {
  return [
    `1. Turn overhead — one request at a time, ${r.samples} samples each, rotating order, outbox idle before each round (ms)`,
    table(
      ['', 'n', 'p50', 'p95', 'p99', 'mean', 'max'],
      [
        latencyRow('bare botbuilder turn (answers one card)', r.bare),
        latencyRow('accept turn (Action.Execute, real app)', r.accept),
        latencyRow('Cosmos point read (one round trip)', r.pointRead),
        latencyRow('Cosmos journaled write (upsert)', r.write),
        ['ratio accept / bare', '', times(r.ratio.p50), times(r.ratio.p95), times(r.ratio.p99), '', ''],
      ],
    ),
    `  accept ≤ 2× bare + one store round trip (the conditional write it needs)?  ${r.targetMet ? 'YES' : 'NO'}: p50 ${ms(r.accept.p50)} ms vs 2 × ${ms(r.bare.p50)} + ${ms(r.write.p50)} = ${ms(r.budgetP50Ms)} ms` +
      `  (at p95: ${ms(r.accept.p95)} vs ${ms(r.budgetP95Ms)} ms)`,
    `  stricter reading, a point read as the round trip: ${ms(r.accept.p50)} vs ${ms(r.budgetWithReadP50Ms)} ms (${r.accept.p50 <= r.budgetWithReadP50Ms ? 'met' : 'not met'})`,
    `  errors: bare ${r.errors.bare}, accept ${r.errors.accept}`,
    poolLine(r.poolCreation),
  ].join('\n');
}

const loadRow = (name: string, f: LoadFigures): string[] => [
  name,
  String(f.requests),
  num(f.wallMs / 1000, 2),
  num(f.throughputPerS, 1),
  ms(f.latency.p50),
  ms(f.latency.p95),
  ms(f.latency.p99),
  String(f.errors),
  String(f.won),
  String(f.toldWinner),
  f.outboxCatchUpMs === undefined ? '' : num(f.outboxCatchUpMs / 1000, 2),
  num(f.busy.cpuPercent, 0),
  `${num(f.busy.eventLoopUtilisation * 100, 0)}%`,
  ms(f.busy.maxLoopStallMs),
];

export function concurrencySection(r: ConcurrencyResult, coordinators: number): string {
  return [
    `2. Concurrency — ${coordinators} coordinators (latency ms; outbox s = time for the outbox to deliver what the load left afterwards;`,
    '   cpu % of one core, event-loop busy share and longest event-loop stall (ms) of the whole process during the load)',
    table(
      ['', 'reqs', 'wall s', 'req/s', 'p50', 'p95', 'p99', 'errors', 'won', 'told', 'outbox s', 'cpu %', 'loop busy', 'max stall'],
      [
        loadRow(`open loop: ${coordinators} accepts of ${coordinators} handoffs in 1 s`, r.openLoop),
        loadRow(`closed loop: bare turn, ${coordinators} in flight`, r.closedBare),
        loadRow(`closed loop: accept, ${coordinators} in flight`, r.closedAccept),
        loadRow(`race: ${coordinators} accept ONE handoff at once`, r.race),
      ],
    ),
    `  open loop: timer lateness max ${ms(r.openLoop.maxLatenessMs)} ms; closed loops measured after an uncounted warm-up; closed accept used ${r.closedAccept.requests} of ${r.closedAccept.poolSize} fresh handoffs` +
      (r.closedAccept.poolExhausted ? ' (pool used up: the loop ended early)' : ''),
    `  closed-loop throughput accept / bare: ${num(r.closedAccept.throughputPerS, 1)} / ${num(r.closedBare.throughputPerS, 1)} req/s = ${num(r.throughputRatio, 2)}`,
    `  race winners: ${r.race.won} (must be exactly 1), told who won: ${r.race.toldWinner}`,
    poolLine(r.poolCreation),
  ].join('\n');
}

const costRow = (row: CostRow): string[] => {
  const c = row.perOperation;
  return [row.operation, row.window, String(row.repetitions), num(c.total), num(c.pointReads), num(c.writes), num(c.queries), num(c.crossPartitionQueries), num(c.queryPlans), num(c.other)];
};

export function costSection(r: CostResult): string {
  return [
    '3. Cost — store round trips per operation, counted by the embedded Cosmos server (averages)',
    table(['operation', 'window', 'n', 'total', 'reads', 'writes', 'queries', 'x-part', 'plans', 'other'], r.rows.map(costRow)),
    `  cross-partition queries on the accept path: ${r.acceptCrossPartitionQueries}; errors: ${r.errors}`,
  ].join('\n');
}

function scaleStepLines(step: ScaleStep): string[] {
  return [
    `  size ${step.size}: created ${step.created.documents} case files in ${num(step.created.ms / 1000, 1)} s (${num(step.created.perSecond, 0)}/s, ${step.created.failures} failed); journal ${num(step.journalMb, 1)} MB; ` +
      `rss ${num(step.memory.rssMb)} MB, heapUsed ${num(step.memory.heapUsedMb)} MB (${num(step.memory.heapUsedAfterGcMb)} MB after GC)`,
  ];
}

export function scaleSection(r: ScaleResult): string {
  const rows = r.steps.flatMap((step) =>
    step.operations.map((op) =>
      op.latency && op.perCall
        ? [
            op.name,
            String(step.size),
            String(op.latency.n),
            ms(op.latency.p50),
            ms(op.latency.p95),
            ms(op.latency.p99),
            num(op.perCall.total, 1),
            num(op.perCall.crossPartitionQueries, 1),
            op.busy ? ms(op.busy.maxLoopStallMs) : '',
          ]
        : [op.name, String(step.size), '', '', '', '', '', '', `(${op.pending ?? 'pending'})`],
    ),
  );
  return [
    '4. Scale — fictional case files written through CosmosCaseFileRepository.create, operations timed one call at a time at each size',
    '   (ms; trips = store round trips per call; max stall = longest event-loop stall while sampling, i.e. how long any turn would have waited)',
    ...r.steps.flatMap(scaleStepLines),
    table(['operation', 'size', 'n', 'p50', 'p95', 'p99', 'trips/call', 'x-part/call', 'max stall'], rows),
  ].join('\n');
}

export function memorySection(rows: readonly { phase: string; memory: MemoryFigures }[]): string {
  return [
    'Memory of the process (everything in one process: bot, bare bot, Cosmos stand-in with its data, client)',
    table(
      ['after', 'rss MB', 'heapUsed MB', 'heapUsed after GC MB'],
      rows.map((r) => [r.phase, num(r.memory.rssMb), num(r.memory.heapUsedMb), num(r.memory.heapUsedAfterGcMb)]),
    ),
  ].join('\n');
}

export interface TargetLine {
  readonly status: 'met' | 'not met' | 'pending';
  readonly text: string;
  readonly why?: string;
}

const LABEL: Record<TargetLine['status'], string> = { met: 'TARGET MET    ', 'not met': 'TARGET NOT MET', pending: 'PENDING       ' };

export function targetsSection(targets: readonly TargetLine[]): string {
  return ['Targets', ...targets.flatMap((t) => [`  ${LABEL[t.status]}  ${t.text}`, ...(t.status === 'not met' && t.why ? [`                  why: ${t.why}`] : [])])].join('\n');
}
