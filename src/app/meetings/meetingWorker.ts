import type { Meeting, MeetingCardRef } from '../../domain/meetings/meeting';
import type { AuditTrail, CardDelivery } from '../ports';
import { changeMeeting, deliverMeetingAudit, performMeetingWork, type MeetingWorkDeps } from './meetingWork';

/** Rewrites the Teams card of a conference with its stored state (adapters/teams renders it). */
export interface MeetingCards {
  show(card: MeetingCardRef, meeting: Meeting): Promise<CardDelivery>;
}

export interface MeetingWorkerLogger {
  warn(message: string, fields: Record<string, string | number>): void;
}

/**
 * Finishes what conferences owe: audit entries to the audit trail, calendar work Graph could not do at the
 * time (after the Retry-After or backoff stored on the meeting), and the card rewrite once that work is done.
 * Everything owed is in the meeting document, so a restart, a 429 or a 5xx only delays it: kicks after each
 * commit, a timer for the next due work, and a periodic sweep (listWithWork) pick it up again.
 */
export class MeetingWorker {
  private readonly queued = new Map<string, { wardId: string; meetingId: string }>();
  private running: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly deps: MeetingWorkDeps & { readonly audit: Pick<AuditTrail, 'append'>; readonly cards: MeetingCards },
    private readonly log: MeetingWorkerLogger,
    private readonly options: { readonly sweepIntervalMs: number; readonly maxTimerMs?: number } = { sweepIntervalMs: 15_000 },
  ) {}

  kick(wardId: string, meetingId: string): void {
    if (this.stopped) return;
    this.queued.set(`${wardId}|${meetingId}`, { wardId, meetingId });
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Everything owed that is due now (the sweep; tests call it after moving their clock). */
  async runDue(): Promise<void> {
    const owed = await this.deps.meetings.listWithWork(200);
    for (const m of owed) this.queued.set(`${m.wardId}|${m.meetingId}`, m);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    await this.idle();
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.runDue().catch((err: unknown) => this.log.warn('meeting sweep failed', { error: err instanceof Error ? err.name : 'unknown' })), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0 && !this.stopped) {
      const [key, item] = this.queued.entries().next().value as [string, { wardId: string; meetingId: string }];
      this.queued.delete(key);
      try {
        await this.process(item.wardId, item.meetingId);
      } catch (err) {
        this.log.warn('meeting work failed; will retry', { error: err instanceof Error ? err.name : 'unknown' });
      }
    }
  }

  private async process(wardId: string, meetingId: string): Promise<void> {
    await deliverMeetingAudit(this.deps, wardId, meetingId);
    const after = await performMeetingWork({ ...this.deps, onWork: undefined }, wardId, meetingId, { inline: false });
    if (!after) return;
    let m = after.value;
    // The audit entries the work itself committed.
    if (m.pendingAudit.length > 0) {
      await deliverMeetingAudit(this.deps, wardId, meetingId);
      m = (await this.deps.meetings.load(wardId, meetingId))?.value ?? m;
    }
    if (m.work !== undefined) {
      this.later(wardId, meetingId, Date.parse(m.work.notBefore) - this.deps.clock.now().getTime());
      return;
    }
    const card = m.card;
    if (!card?.owed) return;
    const delivery = await this.deps.cards.show(card, m);
    if (delivery.kind === 'retryLater') {
      this.later(wardId, meetingId, delivery.afterMs);
      return;
    }
    if (delivery.kind !== 'updated' && delivery.kind !== 'posted') this.log.warn('conference card not rewritten', { kind: delivery.kind });
    const shown = m.updatedAt;
    await changeMeeting(this.deps, wardId, meetingId, (current) =>
      current.card?.owed && current.updatedAt === shown && current.work === undefined ? { kind: 'save', meeting: { ...current, card: { ...current.card, owed: false } } } : { kind: 'stop' },
    );
  }

  /** A timer for work due later (capped: the sweep covers anything longer). */
  private later(wardId: string, meetingId: string, ms: number): void {
    if (this.stopped) return;
    const key = `${wardId}|${meetingId}`;
    clearTimeout(this.timers.get(key));
    const t = setTimeout(() => {
      this.timers.delete(key);
      this.kick(wardId, meetingId);
    }, Math.max(50, Math.min(ms, this.options.maxTimerMs ?? 60_000)));
    t.unref();
    this.timers.set(key, t);
  }
}
