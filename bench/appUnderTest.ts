import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startApp, type RunningApp } from '../src/main';
import { createLogger, type Logger } from '../src/adapters/observability/logger';
import { Activities } from '../test/support/activities';
import { extraCoordinator, wardWithCoordinators } from '../test/support/wardMother';
import type { JsonClient, Posted } from './httpClient';
import { LeanConnector, type PostedHandoff, type SentForm } from './leanConnector';
import { mapLimit } from './load';
import { StoreCounter } from './storeCounter';

/** A fictional (架空) intake form, as the desk fills it in. */
const FORM = { childName: '架空 花子', childNameKana: 'かくう はなこ', birthDate: '2022-05-10', careItems: 'SUCTION,TUBE', familyNeeds: '（架空）保育園入園の相談', urgency: 'soon', consent: 'basic,medicalCare', consentGivenBy: 'guardian' };

/** Per-user actions per minute (and burst) allowed during the bench: the configuration's maximum. */
export const BENCH_RATE_LIMIT = 100_000;

/** Counts log lines by level without printing them (the app logs at `info`, as in production). */
export class LogSink {
  readonly counts = { debug: 0, info: 0, warn: 0, error: 0, other: 0 };
  readonly lastProblems: string[] = [];
  readonly write = (line: string): void => {
    const level = /"level":"(\w+)"/.exec(line)?.[1];
    if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') this.counts[level]++;
    else this.counts.other++;
    if (level === 'warn' || level === 'error') {
      this.lastProblems.push(line.slice(0, 300));
      if (this.lastProblems.length > 5) this.lastProblems.shift();
    }
  };
  logger(): Logger {
    return createLogger('info', 'tsunagu', {}, this.write);
  }
}

export type AcceptOutcome = 'won' | 'toldWinner' | 'error';

/** The real app (embedded default, temp DATA_DIR, a ward with extra coordinators) driven over HTTP. */
export class AppUnderTest {
  private constructor(
    readonly app: RunningApp,
    readonly connector: LeanConnector,
    readonly counter: StoreCounter,
    readonly logs: LogSink,
    readonly dataDir: string,
    private readonly wardFile: string,
    private readonly client: JsonClient,
  ) {}

  static async start(client: JsonClient, extraCoordinators: number): Promise<AppUnderTest> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-bench-'));
    const wardFile = wardWithCoordinators(extraCoordinators);
    const connector = new LeanConnector();
    await connector.start();
    const counter = new StoreCounter();
    const logs = new LogSink();
    const app = await startApp({
      // The periodic sweeps and the digest check (each lists documents with a cross-partition query) are moved
      // out of the way so they do not land inside a counted window; the scale phase times the sweep on its own. The per-user rate limit is raised to its
      // maximum: one desk user creates all handoffs and each coordinator clicks many times (the
      // middleware still runs on every turn, so its cost is in the figures).
      env: {
        PORT: '0',
        DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'info',
        OUTBOX_SWEEP_SECONDS: '3600',
        DIGEST_CHECK_SECONDS: '3600',
        WARD_DIRECTORY_FILE: wardFile,
        RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT),
        RATE_LIMIT_BURST: String(BENCH_RATE_LIMIT),
      },
      log: logs.logger(),
      cosmosObserver: counter.observe,
    });
    return new AppUnderTest(app, connector, counter, logs, dataDir, wardFile, client);
  }

  get messagesUrl(): string {
    return `${this.app.url}/api/messages`;
  }

  /** The desk types 新規引継ぎ; the bot answers with the form (sent through the connector). */
  async openForm(): Promise<{ message: Posted; form: SentForm | undefined }> {
    const text = Activities.channelMessage(this.connector.url, 'desk', 'desk', '新規引継ぎ');
    const message = await this.client.post(this.messagesUrl, text);
    return { message, form: message.status === 200 ? this.connector.formIn(text.conversation.id) : undefined };
  }

  /** The desk presses コーディネーターへ送る on the form; true when the case was created. */
  async submitForm(form: SentForm): Promise<{ submit: Posted; ok: boolean; failure?: string }> {
    const submit = await this.client.post(this.messagesUrl, Activities.cardAction(this.connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { formId: form.formId, ...FORM }));
    const ok = !isErrorAnswer(submit) && JSON.stringify(submit.body).includes('作成し');
    return ok ? { submit, ok } : { submit, ok, failure: failureOf(submit) };
  }

  /** 新規引継ぎ then コーディネーターへ送る: two turns, as the desk does it. */
  async createHandoff(): Promise<{ ok: boolean; failure?: string }> {
    const { message, form } = await this.openForm();
    return form ? this.submitForm(form) : { ok: false, failure: `form not sent (HTTP ${message.status})` };
  }

  /**
   * Creates n handoffs (concurrency-limited) and returns their channel cards once posted by the outbox.
   * Failures are counted by reason and the desk "presses again" (a fresh form), up to 3 times per handoff.
   */
  async handoffPool(n: number, concurrency = 8): Promise<HandoffPool> {
    const start = performance.now();
    const reasons: Record<string, number> = {};
    const results = await mapLimit(Array.from({ length: n }, (_, i) => i), concurrency, async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const r = await this.createHandoff();
        if (r.ok) return true;
        const reason = r.failure ?? 'unknown';
        reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
      return false;
    });
    const created = results.filter(Boolean).length;
    const pool = await this.connector.takePosted(created, 60_000);
    await this.app.outbox.idle();
    if (pool.length < created) reasons['channel card not posted'] = created - pool.length;
    return { pool, failures: n - pool.length, retriedFailures: Object.values(reasons).reduce((a, b) => a + b, 0), reasons, ms: performance.now() - start };
  }

  /** One coordinator presses 受け入れる on a posted card. */
  accept(card: PostedHandoff, coordinator: number): Promise<Posted> {
    return this.client.post(this.messagesUrl, this.acceptActivity(card, coordinator));
  }

  /** The invoke activity of that click (also sent to the bare bot, so both parse the same payload). */
  acceptActivity(card: PostedHandoff, coordinator: number): object {
    return { ...Activities.cardAction(this.connector.url, 'coordinator1', card.conversationId, card.activityId, 'handoff.accept', card.accept), from: extraCoordinator(coordinator) };
  }

  /** A raw Cosmos point read of a case file (one store round trip, through the app's own SDK client). */
  async pointRead(caseId: string): Promise<void> {
    await this.app.store.container('caseFiles').item(caseId, caseId).read();
  }

  /** A small journaled write (upsert into `meta`, its own partition), answered once it is on disk. */
  async pointWrite(i: number): Promise<void> {
    await this.app.store.container('meta').items.upsert({ id: 'bench:write', pk: 'bench:write', i });
  }

  /** Size of the embedded Cosmos journal on disk. */
  journalBytes(): number {
    try {
      return statSync(join(this.dataDir, 'cosmos', 'journal.ndjson')).size;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(dirname(this.wardFile), { recursive: true, force: true });
  }
}

export interface HandoffPool {
  readonly pool: PostedHandoff[];
  /** Handoffs that could not be created even after retries (the pool is that much smaller). */
  readonly failures: number;
  /** Every failed attempt, including those that succeeded when tried again, by reason. */
  readonly retriedFailures: number;
  readonly reasons: Readonly<Record<string, number>>;
  readonly ms: number;
}

/** How a pool of handoffs was made (reported beside the figures that used it). */
export interface PoolCreation {
  readonly handoffs: number;
  readonly failures: number;
  readonly retriedFailures: number;
  readonly reasons: Readonly<Record<string, number>>;
  readonly ms: number;
}

export function poolCreation(p: HandoffPool): PoolCreation {
  return { handoffs: p.pool.length, failures: p.failures, retriedFailures: p.retriedFailures, reasons: p.reasons, ms: p.ms };
}

/** A short reason for a failed answer: the error code of an error card, or the HTTP status. */
function failureOf(p: Posted): string {
  const body = p.body as { type?: unknown; value?: { code?: unknown } } | undefined;
  if (p.status !== 200) return `HTTP ${p.status}`;
  if (body?.type === 'application/vnd.microsoft.error') return String(body.value?.code ?? 'error card');
  return 'no 作成し card';
}

/** A non-200 HTTP answer, an invoke answer that is not 200, or an error card. */
export function isErrorAnswer(p: Posted): boolean {
  if (p.status !== 200) return true;
  const body = p.body as { statusCode?: unknown; type?: unknown } | undefined;
  if (!body || typeof body !== 'object') return false; // message turns answer with an empty 200
  return (body.statusCode !== undefined && body.statusCode !== 200) || body.type === 'application/vnd.microsoft.error';
}

/** What an accept click got back: the winner's 受付済 card, the 「既に○○さんが受け付けました」 card, or an error. */
export function acceptOutcome(p: Posted): AcceptOutcome {
  if (isErrorAnswer(p)) return 'error';
  const text = JSON.stringify((p.body as { value?: unknown } | undefined)?.value ?? '');
  if (/既に.+さんが受け付けました/.test(text)) return 'toldWinner';
  if (text.includes('受付済')) return 'won';
  return 'error';
}
