import type { BusinessCalendar } from '../domain/businessCalendar';
import type { Actor } from '../domain/directory';
import { formatIsoDate } from '../domain/dates';
import { claimDigest, digestDateDue, finishDigest, type DigestOutcome, type DigestTime } from '../domain/transitions/digest';
import type { MilestoneListView } from './milestoneViews';
import type { ActorResolver, Clock, IdGenerator, Language, PersonalConversations, PersonalNotifier, StoredPersonalConversation, UserPreferences } from './ports';

export interface DigestLogger {
  info(message: string, fields: Record<string, string | number>): void;
  warn(message: string, fields: Record<string, string | number>): void;
}

export interface DigestSchedulerDeps {
  readonly conversations: PersonalConversations;
  readonly notifier: PersonalNotifier;
  readonly actors: ActorResolver;
  readonly prefs: UserPreferences;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly calendar: BusinessCalendar;
  /** The coordinator's digest (audited as a read by them). */
  readonly digest: (actor: Actor, conversationId: string) => Promise<MilestoneListView>;
  readonly time: DigestTime;
  readonly defaultLanguage: Language;
  readonly log: DigestLogger;
  /**
   * Work of the same morning run, done before the personal digests: escalating handoffs nobody accepted,
   * posting channel cards for other departments' milestones. Each is idempotent through the case files
   * (ETag), so it may run on every instance; this instance runs each once per digest date once it succeeds.
   */
  readonly dailyTasks?: readonly DailyTask[];
}

export interface DailyTask {
  readonly name: string;
  /** Returns how much it did and how much failed (a failure makes it run again at the next check). */
  run(): Promise<{ readonly done: number; readonly failed: number }>;
}

export interface DigestSchedulerOptions {
  /** How often to look whether a digest is due (the digest time itself comes from DIGEST_TIME). */
  readonly checkIntervalMs: number;
  /** How long a claim protects a digest being sent; a claim older than this was left by a crash. */
  readonly leaseMs: number;
}

export interface DigestRunReport {
  /** The digest date looked at, or undefined when no digest is due now (before the time, or a closed day). */
  readonly date: string | undefined;
  readonly sent: number;
  readonly nothingToSend: number;
  readonly retryLater: number;
  readonly removed: number;
  readonly failed: number;
  /** What each daily task did this run (absent when it had already run for the date). */
  readonly tasks: Readonly<Record<string, number>>;
}

/**
 * Sends each coordinator their daily digest in personal chat, once per ward working day from DIGEST_TIME
 * (JST). State lives with the conversation reference in Cosmos, not in this process: the day's digest is
 * claimed with an ETag before it is built and sent, and finished after, so a restart does not send twice,
 * a run missed while the app was down is made up once when it starts, and of two instances one sends.
 * A 429/5xx is retried with back-off on a later check; an uninstalled app (403/404) removes the reference.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DigestRunReport> | undefined;
  private stopped = false;
  /** Daily tasks done for a digest date on this instance (name → date). */
  private readonly tasksDone = new Map<string, string>();

  constructor(
    private readonly deps: DigestSchedulerDeps,
    private readonly options: DigestSchedulerOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runDue(), this.options.checkIntervalMs);
    this.timer.unref();
    void this.runDue();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends the digests due now that nobody has sent yet; one run at a time per instance. */
  runDue(): Promise<DigestRunReport> {
    this.running ??= this.run()
      .catch((err: unknown): DigestRunReport => {
        this.deps.log.warn('digest run failed; will run again', { error: errorName(err) });
        return { date: undefined, sent: 0, nothingToSend: 0, retryLater: 0, removed: 0, failed: 1, tasks: {} };
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async run(): Promise<DigestRunReport> {
    const tasks: Record<string, number> = {};
    const report = { date: undefined as string | undefined, sent: 0, nothingToSend: 0, retryLater: 0, removed: 0, failed: 0, tasks };
    const date = digestDateDue(this.deps.clock.now(), this.deps.time, this.deps.calendar);
    if (!date || this.stopped) return report;
    report.date = formatIsoDate(date);
    for (const task of this.deps.dailyTasks ?? []) {
      if (this.stopped || this.tasksDone.get(task.name) === report.date) continue;
      try {
        const result = await task.run();
        tasks[task.name] = result.done;
        if (result.failed === 0) this.tasksDone.set(task.name, report.date);
        else this.deps.log.warn('daily task partly failed; will run again', { task: task.name, failed: result.failed });
      } catch (err) {
        this.deps.log.warn('daily task failed; will run again', { task: task.name, error: errorName(err) });
      }
    }
    for (const conversation of await this.deps.conversations.list(5000)) {
      if (this.stopped) break;
      // Cheap check on what was listed; the ETag-guarded claim below decides for real.
      if (!claimDigest(conversation.digest, date, this.deps.clock.now(), this.options.leaseMs, 'probe')) continue;
      try {
        const outcome = await this.deliver(conversation, date);
        if (outcome) report[outcome]++;
      } catch (err) {
        report.failed++;
        this.deps.log.warn('digest failed for one person; will retry', { user: conversation.aadObjectId, error: errorName(err) });
      }
    }
    if (report.sent + report.removed + report.failed > 0) this.deps.log.info('daily digests', { sent: report.sent, removed: report.removed, failed: report.failed, retryLater: report.retryLater, date: report.date ?? '' });
    return report;
  }

  private async deliver(conversation: StoredPersonalConversation, date: Parameters<typeof claimDigest>[1]): Promise<'sent' | 'nothingToSend' | 'retryLater' | 'removed' | undefined> {
    const { conversations, clock } = this.deps;
    const aad = conversation.aadObjectId;
    const claimId = this.deps.ids.newId();
    const claimed = await conversations.updateDigestMark(aad, (current) => claimDigest(current, date, clock.now(), this.options.leaseMs, claimId));
    if (!claimed) return undefined;
    let outcome: DigestOutcome | 'removed';
    try {
      outcome = await this.build(conversation);
    } catch (err) {
      this.deps.log.warn('digest not sent; will retry', { user: aad, error: errorName(err) });
      outcome = { kind: 'retry', afterMs: 60_000 };
    }
    if (outcome === 'removed') {
      await conversations.forget(aad);
      // The person removed the app (or Teams no longer knows the chat): stop, do not retry forever.
      this.deps.log.warn('personal chat unreachable; conversation reference removed', { user: aad });
      return 'removed';
    }
    const finished = outcome;
    await conversations.updateDigestMark(aad, (current) => finishDigest(current, claimId, finished, clock.now()));
    if (outcome.kind === 'retry') return 'retryLater';
    if (outcome.kind === 'gaveUp') {
      this.deps.log.warn('digest given up', { user: aad });
      return undefined;
    }
    return outcome.kind;
  }

  private async build(conversation: StoredPersonalConversation): Promise<DigestOutcome | 'removed'> {
    const actor = await this.deps.actors.resolve(conversation.aadObjectId, undefined);
    if (!actor || !actor.roles.includes('coordinator')) return { kind: 'nothingToSend' };
    const view = await this.deps.digest(actor, conversation.conversationId);
    if (view.rows.length === 0) return { kind: 'nothingToSend' };
    const language = (await this.deps.prefs.getLanguage(conversation.aadObjectId)) ?? this.deps.defaultLanguage;
    const delivery = await this.deps.notifier.sendMilestoneDigest(conversation, view, language);
    switch (delivery.kind) {
      case 'sent':
        return { kind: 'sent' };
      case 'retryLater':
        return { kind: 'retry', afterMs: delivery.afterMs };
      case 'unreachable':
        return 'removed';
      case 'rejected':
        this.deps.log.warn('digest rejected by Teams', { user: conversation.aadObjectId, status: delivery.status });
        return { kind: 'gaveUp' };
    }
  }
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.name : 'unknown';
}
