import type { ReminderPolicy } from '../../domain/disaster/reminders';
import { hasRollCallOutboxWork } from '../../domain/disaster/rollCall';
import { deliverRollCallOutbox, type RollCallOutboxDeps } from './deliverRollCallOutbox';
import { claimDueRemindersForWard } from './dueReminders';
import { RetrySchedule } from '../retrySchedule';

export interface RollCallWorkerLogger {
  warn(message: string, fields: Record<string, string | number>): void;
}

export interface RollCallWorkerOptions {
  /** How often to look for work left behind and for reminders due (the case outbox's sweep interval). */
  readonly sweepIntervalMs: number;
  readonly maxBackoffMs: number;
}

/**
 * The roll-calls' side of the outbox worker: delivers what a committed roll-call change owes (audit
 * entries, the summary and group cards, claimed reminders) soon after the change (`kick`), and on every
 * sweep finds work left behind by a crash or a 429/5xx and claims the reminders that have come due. All
 * state is in the roll-call documents, so a restart picks up where the last run stopped.
 */
export class RollCallWorker {
  private readonly queued = new Set<string>();
  private readonly retries: RetrySchedule;
  private running: Promise<void> | undefined;
  private sweeping: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: RollCallOutboxDeps & { readonly wardId: string; readonly policy: ReminderPolicy },
    private readonly log: RollCallWorkerLogger,
    private readonly options: RollCallWorkerOptions,
  ) {
    this.retries = new RetrySchedule(options.maxBackoffMs, (id) => this.kick(id));
  }

  kick(rollCallId: string): void {
    if (this.stopped) return;
    this.queued.add(rollCallId);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** Claims the reminders due now and delivers every roll-call with work left; one sweep at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.doSweep().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** A sweep now, then everything it found delivered (tests: instead of waiting for the timer). */
  async runDue(): Promise<void> {
    await this.sweep();
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running || this.sweeping) await (this.sweeping ?? this.running);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.retries.stop();
    await this.idle();
  }

  private async doSweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const { claimed, busy } = await claimDueRemindersForWard(this.deps, this.deps.wardId, this.deps.policy);
      for (const id of new Set(claimed.map((r) => r.rollCallId))) this.kick(id);
      if (busy.length > 0) this.log.warn('reminders not claimed this round (busy); next sweep', { count: busy.length });
      for (const id of await this.deps.rollCalls.listWithOutboxWork(100)) if (!this.retries.isWaiting(id)) this.kick(id);
    } catch (err) {
      this.log.warn('roll-call sweep failed; will retry', { error: errorName(err) });
    }
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0 && !this.stopped) {
      const id = this.queued.values().next().value as string;
      this.queued.delete(id);
      let retryAfter: number | undefined;
      try {
        const result = await deliverRollCallOutbox(this.deps, id);
        retryAfter = result?.retryAfterMs;
        // A change committed while delivering (another click) is owed too: go round again while progressing.
        const progressed = result !== undefined && result.auditDelivered + result.remindersSent + result.remindersDropped + result.cardsShown > 0;
        if (retryAfter === undefined && progressed) {
          const fresh = await this.deps.rollCalls.load(id);
          if (fresh && hasRollCallOutboxWork(fresh.value)) this.queued.add(id);
        }
      } catch (err) {
        this.log.warn('roll-call delivery failed; will retry', { rollCallId: id, error: errorName(err) });
        retryAfter = 1000;
      }
      if (retryAfter === undefined) this.retries.succeeded(id);
      else this.retries.failed(id, retryAfter);
    }
  }
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.name : 'unknown';
}
