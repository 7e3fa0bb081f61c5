import type { BenchContext } from '../plan';
import { CosmosAuditTrail } from '../../src/adapters/cosmos/cosmosMeta';
import { systemClock } from '../../src/app/system';
import { fictionalCaseFile, scaleCaseId, scaleSearchText, SCALE_CASE_WORKER, SCALE_COORDINATORS, SCALE_DESK, SCALE_DISTRICTS, SCALE_WARD } from '../fictionalCaseFiles';
import { CosmosAgendaRepository, CosmosIssueRepository } from '../../src/adapters/cosmos/cosmosIssues';
import { CosmosMeetingRepository } from '../../src/adapters/cosmos/cosmosMeetings';
import { readIssueCategoriesFile } from '../../src/adapters/services/issueCategoriesData';
import { issueStatsSource } from '../../src/app/issues/issueStatsSource';
import { wardConferencesFromMeetings } from '../../src/app/issues/wardConferencesFromMeetings';
import type { AgendaDeps } from '../../src/app/issues/agendaDeps';
import { newIssue } from '../../src/domain/issues/issue';
import { LIFE_STAGES } from '../../src/domain/lifeStage';
import type { Actor } from '../../src/domain/directory';
import { holidayJpCalendar } from '../../src/adapters/calendar/holidayJpCalendar';
import { readTransitionDataFile } from '../../src/adapters/calendar/transitionData';
import { DEFAULT_MIN_CELL_COUNT } from '../../src/domain/stats/report';
import type { WardStatsDeps } from '../../src/app/stats/wardStats';
import { mapLimit, measureBusy, type Busy } from '../load';
import { memoryNow, type MemoryFigures } from '../memory';
import { SCALE_OPERATIONS, type ScaleContext } from '../scaleOperations';
import { perOperation, type StoreCounts } from '../storeCounter';
import { summarise, timed, type Summary } from '../stats';

export interface ScaleOperationFigures {
  readonly name: string;
  readonly latency?: Summary;
  readonly perCall?: StoreCounts;
  readonly pending?: string;
  readonly targetP95Ms?: number;
  readonly mustBeSinglePartition: boolean;
  /** Process CPU and event-loop use while sampling: the embedded stand-in answers in this same event loop. */
  readonly busy?: Busy;
}

const SAMPLING_BUDGET_MS = 10_000;

export interface ScaleStep {
  readonly size: number;
  /** Creating the documents added to reach this size (repository create, concurrency-limited). */
  readonly created: { readonly documents: number; readonly ms: number; readonly perSecond: number; readonly failures: number };
  readonly operations: readonly ScaleOperationFigures[];
  readonly memory: MemoryFigures;
  readonly journalMb: number;
}

export interface ScaleResult {
  readonly steps: readonly ScaleStep[];
  readonly errors: number;
}

/**
 * Case files written straight through the repository (no turns), growing to each size in turn; at each size
 * every operation of SCALE_OPERATIONS is timed and its store round trips counted.
 */
export async function scale(ctx: BenchContext, progress: (text: string) => void = () => undefined): Promise<ScaleResult> {
  const { app, plan } = ctx;
  // The app's own repository: list questions go to its change-feed projection, as in production.
  const repo = app.app.repo;
  const audit = new CosmosAuditTrail(app.app.store.container('audit'));
  const taxonomy = readIssueCategoriesFile();
  const issues = new CosmosIssueRepository(app.app.store.container('issues'));
  const categories = taxonomy.categories.map((c) => c.id);
  const stats: WardStatsDeps = {
    // As main.ts wires it: the cases from the change-feed read model, the issue stock as an extension.
    source: app.app.projection,
    extensions: issueStatsSource({ issues, categories, population: 'fictional' }),
    audit,
    clock: systemClock,
    wardId: SCALE_WARD,
    settings: { minCellCount: DEFAULT_MIN_CELL_COUNT, districts: SCALE_DISTRICTS, calendar: holidayJpCalendar(), transitions: readTransitionDataFile() },
    population: 'fictional',
  };
  const agenda: AgendaDeps = {
    agendas: new CosmosAgendaRepository(app.app.store.container('issues')),
    issues,
    conferences: wardConferencesFromMeetings(new CosmosMeetingRepository(app.app.store.container('meetings')), async () => {
      throw new Error('the bench pulls agendas; it never publishes');
    }),
    channel: { showAgenda: async () => ({ kind: 'updated' }), showFollowUpReminder: async () => ({ kind: 'updated' }) },
    addressBook: () => async () => undefined,
    audit,
    clock: systemClock,
    wardId: SCALE_WARD,
    fictional: true,
    categoryOrder: categories,
    bodyText: () => '',
    log: { warn: () => undefined },
  };
  const transitions = readTransitionDataFile();
  const digest = { index: repo, repo, audit, clock: systemClock, transitions, calendar: holidayJpCalendar(), wardId: SCALE_WARD };
  const secretary: Actor = { aadObjectId: '00000000-0000-4000-8000-000000000009', displayName: '小林 修（会議事務局・架空）', roles: ['secretary'], organisation: 'secretariat' };
  let issuesStored = 0;
  const steps: ScaleStep[] = [];
  let stored = 0;
  let errors = 0;
  for (const size of plan.scaleSizes) {
    const sequences = Array.from({ length: Math.max(0, size - stored) }, (_, i) => stored + i + 1);
    progress(`scale: creating ${sequences.length} case files to reach ${size}…`);
    const { ms, value: outcomes } = await timed(() =>
      mapLimit(sequences, plan.scaleCreateConcurrency, (seq) => repo.create(fictionalCaseFile(seq)).catch(() => 'failed' as const)),
    );
    // Issues in proportion: one per 10 children, one in five raised for the conference (fictional, no case).
    const wantIssues = Math.floor(size / 10);
    const issueSeqs = Array.from({ length: Math.max(0, wantIssues - issuesStored) }, (_, i) => issuesStored + i);
    const at = systemClock.now().toISOString();
    const issueOutcomes = await mapLimit(issueSeqs, plan.scaleCreateConcurrency, (n) =>
      issues
        .create({
          issue: newIssue({
            issueId: `issue-bench-${n}`,
            wardId: SCALE_WARD,
            caseId: undefined,
            caseCode: undefined,
            by: SCALE_DESK.aadObjectId,
            at,
            fictional: true,
            input: { category: categories[n % categories.length]!, lifeStage: LIFE_STAGES[n % LIFE_STAGES.length]!, severity: n % 3 === 0 ? 'high' : 'medium', status: 'open', description: '（架空）課題', summary: `（架空）課題 ${n}`, raise: n % 5 === 0 },
          }),
          pendingAudit: [],
        })
        .catch(() => 'failed' as const),
    );
    issuesStored = wantIssues;
    // Steady state: the change-feed read model has applied what was just written (as it has within a poll in production).
    await app.app.projection.catchUp();
    const failures = outcomes.filter((o) => o !== 'created').length + issueOutcomes.filter((o) => o !== 'created' && o !== 'exists').length;
    errors += failures;
    stored = size;
    const randomSequence = () => 1 + Math.floor(Math.random() * size);
    const context: ScaleContext = {
      repo,
      find: { index: repo, audit, clock: systemClock, wardId: SCALE_WARD },
      size,
      randomCaseId: () => scaleCaseId(randomSequence()),
      randomCoordinator: () => SCALE_COORDINATORS[Math.floor(Math.random() * SCALE_COORDINATORS.length)]!,
      desk: SCALE_DESK,
      randomSearchText: () => scaleSearchText(randomSequence()),
      stats,
      caseWorker: SCALE_CASE_WORKER,
      agenda,
      secretary,
      digest,
    };
    const operations: ScaleOperationFigures[] = [];
    for (const op of SCALE_OPERATIONS) {
      const common = { name: op.name, mustBeSinglePartition: op.mustBeSinglePartition, ...(op.targetP95Ms !== undefined ? { targetP95Ms: op.targetP95Ms } : {}) };
      if (!op.run) {
        operations.push({ ...common, pending: op.pending ?? 'not built yet' });
        continue;
      }
      const run = op.run;
      await run(context); // warm (compiled query, connection)
      const before = app.counter.snapshot();
      const samples: number[] = [];
      const started = performance.now();
      const { busy } = await measureBusy(async () => {
        // Up to `samples` calls, but a slow operation stops after SAMPLING_BUDGET_MS (with at least 3 calls).
        while (samples.length < op.samples && (samples.length < 3 || performance.now() - started < SAMPLING_BUDGET_MS)) samples.push((await timed(() => run(context))).ms);
      });
      operations.push({ ...common, latency: summarise(samples), perCall: perOperation(app.counter.since(before), samples.length), busy });
    }
    const step: ScaleStep = {
      size,
      created: { documents: sequences.length, ms, perSecond: (sequences.length / ms) * 1000, failures },
      operations,
      memory: memoryNow(),
      journalMb: app.journalBytes() / 1024 / 1024,
    };
    steps.push(step);
  }
  return { steps, errors };
}
