import { hasOutboxWork, type CaseFile } from '../domain/caseFile';
import { needsCardSync, type CardPlacement, type Handoff } from '../domain/handoff';
import type { AuditTrail, CardDelivery, CaseFileRepository, Clock, IdGenerator, Messenger } from './ports';
import { handoffView } from './views';

export interface OutboxLogger {
  warn(message: string, fields: Record<string, string | number>): void;
}

export interface OutboxWorkerOptions {
  readonly sweepIntervalMs: number;
  readonly maxBackoffMs: number;
}

/**
 * Delivers what a committed change still owes the outside world: audit entries to the audit trail, and
 * handoff cards to Teams (post new cards, rewrite old ones with the latest state, replace lost ones).
 * Work is recorded in the case file itself, so a crash, a 429 or a 5xx only delays it: the next kick or
 * the periodic sweep picks it up again. Cards always show the state at delivery time, so late deliveries
 * converge on the truth in Cosmos.
 */
export class OutboxWorker {
  private readonly queued = new Set<string>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private running: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly repo: CaseFileRepository,
    private readonly audit: AuditTrail,
    private readonly messenger: Messenger,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly log: OutboxLogger,
    private readonly options: OutboxWorkerOptions = { sweepIntervalMs: 15_000, maxBackoffMs: 60_000 },
  ) {}

  /** Ask for the work of one case to be done soon (called after every committed change). */
  kick(caseId: string): void {
    if (this.stopped) return;
    this.queued.add(caseId);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** Finds work left behind by a crash or a failed delivery. */
  async sweep(): Promise<void> {
    try {
      for (const caseId of await this.repo.listWithOutboxWork(100)) if (!this.retryTimers.has(caseId)) this.kick(caseId);
    } catch (err) {
      this.log.warn('outbox sweep failed; will retry', { error: errorName(err) });
    }
  }

  /** Resolves when nothing is queued or being delivered right now. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0) {
      const caseId = this.queued.values().next().value as string;
      this.queued.delete(caseId);
      let retryAfter: number | undefined;
      try {
        retryAfter = await this.process(caseId);
      } catch (err) {
        this.log.warn('outbox delivery failed; will retry', { caseId, error: errorName(err) });
        retryAfter = 1000;
      }
      if (retryAfter === undefined) this.attempts.delete(caseId);
      else this.scheduleRetry(caseId, retryAfter);
    }
  }

  private scheduleRetry(caseId: string, suggestedMs: number): void {
    if (this.stopped || this.retryTimers.has(caseId)) return;
    const n = (this.attempts.get(caseId) ?? 0) + 1;
    this.attempts.set(caseId, n);
    const delay = Math.min(this.options.maxBackoffMs, Math.max(suggestedMs, 250 * 2 ** Math.min(n, 8)));
    const timer = setTimeout(() => {
      this.retryTimers.delete(caseId);
      this.kick(caseId);
    }, delay);
    timer.unref();
    this.retryTimers.set(caseId, timer);
  }

  /** Does the work of one case; returns a delay when something must be tried again later. */
  async process(caseId: string): Promise<number | undefined> {
    for (let round = 0; round < 8; round++) {
      const loaded = await this.repo.load(caseId);
      if (!loaded || !hasOutboxWork(loaded.value)) return undefined;
      const { file, retryAfterMs } = await this.deliver(loaded.value);
      const saved = await this.repo.replace(file, loaded.etag);
      if (saved.kind === 'conflict') continue; // somebody changed the file meanwhile: deliver again on the fresh state
      if (retryAfterMs !== undefined) return retryAfterMs;
      if (!hasOutboxWork(file)) return undefined;
    }
    return 500;
  }

  private async deliver(file: CaseFile): Promise<{ file: CaseFile; retryAfterMs: number | undefined }> {
    let retryAfterMs: number | undefined;
    let next = file;
    if (next.pendingAudit.length > 0) {
      try {
        await this.audit.append(next.pendingAudit);
        next = { ...next, pendingAudit: [] };
      } catch (err) {
        this.log.warn('audit append failed; kept in the case file', { caseId: file.record.id, error: errorName(err) });
        retryAfterMs = 1000;
      }
    }
    const handoffs: Handoff[] = [];
    for (const h of next.handoffs) {
      if (!needsCardSync(h)) {
        handoffs.push(h);
        continue;
      }
      const { handoff, retryAfterMs: retry } = await this.syncCards(next, h);
      handoffs.push(handoff);
      if (retry !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, retry);
    }
    return { file: { ...next, handoffs }, retryAfterMs };
  }

  private async syncCards(file: CaseFile, h: Handoff): Promise<{ handoff: Handoff; retryAfterMs: number | undefined }> {
    const placements: CardPlacement[] = [];
    let retryAfterMs: number | undefined;
    const now = this.clock.now();
    for (const p of h.placements) {
      if (p.superseded || (p.activityId !== undefined && p.syncedVersion >= h.version)) {
        placements.push(p);
        continue;
      }
      const delivery: CardDelivery = await this.messenger.showHandoff(p.conversation, p.activityId, handoffView(file, h, p, now));
      switch (delivery.kind) {
        case 'posted':
          placements.push({ ...p, activityId: delivery.activityId, conversation: { ...p.conversation, conversationId: delivery.conversationId }, syncedVersion: h.version });
          break;
        case 'updated':
          placements.push({ ...p, syncedVersion: h.version });
          break;
        case 'notFound':
          // The old message is gone (deleted, or the channel was recreated): mark it superseded and post afresh.
          placements.push({ ...p, superseded: true });
          if (p.role === 'receiver' && p.conversation.channelId) {
            placements.push({ ...p, id: this.ids.newId(), activityId: undefined, syncedVersion: 0, conversation: { ...p.conversation, conversationId: p.conversation.channelId } });
          }
          break;
        case 'retryLater':
          placements.push(p);
          retryAfterMs = Math.max(retryAfterMs ?? 0, delivery.afterMs);
          break;
        case 'rejected':
          this.log.warn('card delivery rejected; placement given up', { caseId: file.record.id, status: delivery.status });
          placements.push({ ...p, superseded: true });
          break;
      }
    }
    return { handoff: { ...h, placements }, retryAfterMs };
  }
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.name : 'unknown';
}
