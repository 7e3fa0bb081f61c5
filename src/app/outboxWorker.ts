import { hasOutboxWork, milestoneCardsOf, type CaseFile } from '../domain/caseFile';
import type { OrganisationKey } from '../domain/directory';
import { needsCardSync, placementNeedsSync, type CardPlacement, type ConversationAddress, type Handoff, type PostClaim } from '../domain/handoff';
import { packageNeedsSync, packagesOf, type PackageHandoff } from '../domain/package/packageHandoff';
import type { PackageCardView } from './packageViews';
import { milestoneCardNeedsSync, type MilestoneCard } from '../domain/transitions/milestoneCards';
import { milestoneCardView } from './milestoneCardView';
import type { AuditTrail, CardDelivery, CaseFileRepository, Clock, IdGenerator, Messenger } from './ports';
import { RetrySchedule } from './retrySchedule';
import { handoffView } from './views';

export interface OutboxLogger {
  warn(message: string, fields: Record<string, string | number>): void;
}

export interface OutboxWorkerOptions {
  readonly sweepIntervalMs: number;
  readonly maxBackoffMs: number;
  /** How long a claim to post a new card holds (another instance posts it after a crash). Default 60 s. */
  readonly postClaimMs?: number;
}

/** A channel Teams says the app cannot post to (403, or 404 on a new post): its cards are parked. */
export interface UnreachableChannel {
  readonly organisation: OrganisationKey;
  readonly address: ConversationAddress;
  readonly status: number;
  /** forbidden: the app is not in the team; notFound: this channel is gone. */
  readonly reason: 'forbidden' | 'notFound';
}

export interface OutboxHooks {
  /** Told once per delivery attempt that parked a card; marks the team unreachable and alerts an administrator. */
  readonly onUnreachable?: (channel: UnreachableChannel) => void;
  /** The minimal card view of a handoff package (needs the ward directory for its user-specific view). */
  readonly packageView?: (file: CaseFile, h: PackageHandoff, placement: CardPlacement) => PackageCardView;
}

/**
 * Delivers what a committed change still owes the outside world: audit entries to the audit trail, and
 * handoff cards to Teams (post new cards, rewrite old ones with the latest state, replace lost ones).
 * Work is recorded in the case file itself, so a crash, a 429 or a 5xx only delays it: the next kick or
 * the periodic sweep picks it up again. Cards always show the state at delivery time, so late deliveries
 * converge on the truth in Cosmos.
 *
 * A new card is claimed (ETag-guarded write of `postClaim` with a lease) before it is posted, so that with
 * two instances sweeping the same case only one posts it; a claim left by a crash runs out and the card is
 * posted then. A delivery that finds the file changed meanwhile is recorded on the newer version
 * (mergeDelivered) instead of being done again.
 */
export class OutboxWorker {
  private readonly queued = new Set<string>();
  private readonly retries: RetrySchedule;
  private running: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Names this instance in post claims. */
  private readonly instanceId: string;

  constructor(
    private readonly repo: CaseFileRepository,
    private readonly audit: AuditTrail,
    private readonly messenger: Messenger,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly log: OutboxLogger,
    private readonly options: OutboxWorkerOptions = { sweepIntervalMs: 15_000, maxBackoffMs: 60_000 },
    private readonly hooks: OutboxHooks = {},
  ) {
    this.instanceId = ids.newId();
    this.retries = new RetrySchedule(options.maxBackoffMs, (caseId) => this.kick(caseId));
  }

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
      for (const caseId of await this.repo.listWithOutboxWork(100)) if (!this.retries.isWaiting(caseId)) this.kick(caseId);
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
    this.retries.stop();
    await this.idle();
  }

  private async drain(): Promise<void> {
    // After stop() nothing new is started: what is queued stays recorded in the case files for the next start.
    while (this.queued.size > 0 && !this.stopped) {
      const caseId = this.queued.values().next().value as string;
      this.queued.delete(caseId);
      let retryAfter: number | undefined;
      try {
        retryAfter = await this.process(caseId);
      } catch (err) {
        this.log.warn('outbox delivery failed; will retry', { caseId, error: errorName(err) });
        retryAfter = 1000;
      }
      if (retryAfter === undefined) this.retries.succeeded(caseId);
      else this.retries.failed(caseId, retryAfter);
    }
  }

  /** Does the work of one case; returns a delay when something must be tried again later. */
  async process(caseId: string): Promise<number | undefined> {
    for (let round = 0; round < 8; round++) {
      if (this.stopped && round > 0) return undefined;
      // Right after this instance's own change (the usual kick) the version it wrote is the current one: start
      // from it without a read. Every write below is conditional on its ETag, so a stale version (another
      // instance wrote since) only costs a conflict and a real read in the next round; its audit entries are
      // idempotent by id, and a card rewritten from it is rewritten again from the fresh version.
      const cached = round === 0 ? this.repo.loadCached?.(caseId) : undefined;
      const read = cached && hasOutboxWork(cached.value) ? cached : await this.repo.load(caseId);
      if (!read || !hasOutboxWork(read.value)) return undefined;
      // Claim the new cards this round will post; cards another instance is posting wait for its lease.
      const claim = claimNewCards(read.value, this.instanceId, this.clock.now(), this.options.postClaimMs ?? 60_000);
      let loaded = read;
      if (claim.changed) {
        const claimed = await this.repo.replace(claim.file, read.etag);
        if (claimed.kind === 'conflict') continue;
        loaded = { value: claim.file, etag: claimed.etag };
      }
      const delivered = await this.deliver(loaded.value);
      const file = delivered.file;
      const retryAfterMs = claim.heldByOthersMs === undefined ? delivered.retryAfterMs : Math.max(delivered.retryAfterMs ?? 0, claim.heldByOthersMs);
      // Somebody may have changed the file while we delivered (a click, the daily run): record what was
      // delivered on their version instead of delivering again, so that no card is posted twice.
      let toSave = file;
      let etag = loaded.etag;
      let saved = await this.repo.replace(toSave, etag);
      for (let attempt = 0; saved.kind === 'conflict' && attempt < 8; attempt++) {
        const fresh = await this.repo.load(caseId);
        if (!fresh) return undefined;
        toSave = mergeDelivered(fresh.value, loaded.value, file);
        etag = fresh.etag;
        saved = await this.repo.replace(toSave, etag);
      }
      if (saved.kind === 'conflict') continue;
      if (retryAfterMs !== undefined) return retryAfterMs;
      if (!hasOutboxWork(toSave)) return undefined;
    }
    return 500;
  }

  private async deliver(file: CaseFile): Promise<{ file: CaseFile; retryAfterMs: number | undefined }> {
    const blocked: Blocked = { team: false, channels: new Set() };
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
      const { placements, retryAfterMs: retry } = await this.syncPlacements(next, h.placements, h.version, blocked, (p) => this.messenger.showHandoff(p.conversation, p.activityId, handoffView(next, h, p, this.clock.now())));
      handoffs.push({ ...h, placements });
      if (retry !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, retry);
    }
    next = { ...next, handoffs };
    const packages: PackageHandoff[] = [];
    for (const pk of packagesOf(next)) {
      const view = this.hooks.packageView;
      if (!view || !packageNeedsSync(pk)) {
        packages.push(pk);
        continue;
      }
      const file = next;
      const { placements, retryAfterMs: retry } = await this.syncPlacements(file, pk.placements, pk.version, blocked, (p) => this.messenger.showPackage(p.conversation, p.activityId, view(file, pk, p)));
      packages.push({ ...pk, placements });
      if (retry !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, retry);
    }
    if (packages.length > 0) next = { ...next, packages };
    if (milestoneCardsOf(next).some(milestoneCardNeedsSync)) {
      const { cards, retryAfterMs: retry } = await this.syncMilestoneCards(next, blocked);
      next = { ...next, milestoneCards: cards };
      if (retry !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, retry);
    }
    return { file: next, retryAfterMs };
  }

  /** Channel cards of other departments' milestones: post, rewrite after 完了 / 延期, replace lost ones. */
  private async syncMilestoneCards(file: CaseFile, blocked: Blocked): Promise<{ cards: MilestoneCard[]; retryAfterMs: number | undefined }> {
    const cards: MilestoneCard[] = [];
    let retryAfterMs: number | undefined;
    const now = this.clock.now();
    for (let c of milestoneCardsOf(file)) {
      // Stopping: keep the rest for the next start (a slow Teams must not hold up a shutdown).
      if (!milestoneCardNeedsSync(c) || this.stopped || !this.mayPost(c)) {
        cards.push(c);
        continue;
      }
      if (c.activityId === undefined && isBlocked(blocked, c.conversation)) {
        cards.push({ ...withoutClaim(c), parkedAt: now.toISOString() }); // same channel, same answer: not tried again
        continue;
      }
      const delivery = await this.messenger.showMilestoneCard(c.conversation, c.activityId, milestoneCardView(file, c, now));
      c = withoutClaim(c);
      switch (delivery.kind) {
        case 'posted':
          cards.push({ ...c, activityId: delivery.activityId, conversation: { ...c.conversation, conversationId: delivery.conversationId }, syncedVersion: c.version });
          break;
        case 'updated':
          cards.push({ ...c, syncedVersion: c.version });
          break;
        case 'notFound':
          cards.push({ ...c, superseded: true });
          if (c.conversation.channelId) cards.push({ ...c, id: this.ids.newId(), activityId: undefined, syncedVersion: 0, conversation: { ...c.conversation, conversationId: c.conversation.channelId } });
          break;
        case 'retryLater':
          cards.push(c);
          retryAfterMs = Math.max(retryAfterMs ?? 0, delivery.afterMs);
          break;
        case 'unreachable':
          block(blocked, c.conversation, delivery.reason);
          cards.push({ ...c, parkedAt: now.toISOString() });
          this.reportUnreachable(file, { organisation: c.organisation, address: c.conversation, status: delivery.status, reason: delivery.reason });
          break;
        case 'rejected':
          this.log.warn('milestone card rejected; given up', { caseId: file.record.id, status: delivery.status });
          cards.push({ ...c, superseded: true });
          break;
      }
    }
    return { cards, retryAfterMs };
  }

  /** A new card is posted only by the instance that claimed it; updates of posted cards need no claim. */
  private mayPost(card: { activityId: string | undefined; postClaim?: PostClaim }): boolean {
    return card.activityId !== undefined || card.postClaim?.by === this.instanceId;
  }

  private reportUnreachable(file: CaseFile, channel: UnreachableChannel): void {
    this.log.warn('channel unreachable; card parked until the app is added back', { caseId: file.record.id, status: channel.status, reason: channel.reason });
    try {
      this.hooks.onUnreachable?.(channel);
    } catch (err) {
      this.log.warn('unreachable hook failed', { error: errorName(err) });
    }
  }

  /** Handoff and package cards: post, rewrite with the latest version, replace lost ones, park unreachable ones. */
  private async syncPlacements(
    file: CaseFile,
    current: readonly CardPlacement[],
    version: number,
    blocked: Blocked,
    show: (p: CardPlacement) => Promise<CardDelivery>,
  ): Promise<{ placements: CardPlacement[]; retryAfterMs: number | undefined }> {
    const placements: CardPlacement[] = [];
    let retryAfterMs: number | undefined;
    const now = this.clock.now();
    for (let p of current) {
      if (!placementNeedsSync(p, version) || this.stopped || !this.mayPost(p)) {
        placements.push(p);
        continue;
      }
      if (p.activityId === undefined && p.conversation.isChannel && isBlocked(blocked, p.conversation)) {
        placements.push({ ...withoutClaim(p), parkedAt: now.toISOString() });
        continue;
      }
      const delivery: CardDelivery = await show(p);
      p = withoutClaim(p);
      switch (delivery.kind) {
        case 'posted':
          placements.push({ ...p, activityId: delivery.activityId, conversation: { ...p.conversation, conversationId: delivery.conversationId }, syncedVersion: version });
          break;
        case 'updated':
          placements.push({ ...p, syncedVersion: version });
          break;
        case 'notFound':
          // The old message is gone (deleted, or the channel was recreated): mark it superseded and post afresh.
          placements.push({ ...p, superseded: true });
          if (p.role !== 'sender' && p.conversation.channelId) {
            placements.push({ ...p, id: this.ids.newId(), activityId: undefined, syncedVersion: 0, conversation: { ...p.conversation, conversationId: p.conversation.channelId } });
          }
          break;
        case 'retryLater':
          placements.push(p);
          retryAfterMs = Math.max(retryAfterMs ?? 0, delivery.afterMs);
          break;
        case 'unreachable':
          if (p.conversation.isChannel) {
            block(blocked, p.conversation, delivery.reason);
            placements.push({ ...p, parkedAt: now.toISOString() });
            this.reportUnreachable(file, { organisation: p.organisation, address: p.conversation, status: delivery.status, reason: delivery.reason });
          } else {
            // A personal chat the bot was removed from (the desk's copy): nothing to wait for.
            placements.push({ ...p, superseded: true });
          }
          break;
        case 'rejected':
          this.log.warn('card delivery rejected; placement given up', { caseId: file.record.id, status: delivery.status });
          placements.push({ ...p, superseded: true });
          break;
      }
    }
    return { placements, retryAfterMs };
  }
}

/** What Teams said it cannot be posted to during one delivery round (not tried again in that round). */
interface Blocked {
  team: boolean;
  readonly channels: Set<string>;
}
const block = (b: Blocked, address: ConversationAddress, reason: 'forbidden' | 'notFound'): void => {
  if (reason === 'forbidden') b.team = true;
  else if (address.channelId) b.channels.add(address.channelId);
};
const isBlocked = (b: Blocked, address: ConversationAddress): boolean => address.isChannel && (b.team || (address.channelId !== undefined && b.channels.has(address.channelId)));

type Claimable = { readonly id: string; readonly activityId: string | undefined; readonly postClaim?: PostClaim };

function withoutClaim<T extends Claimable>(card: T): T {
  if (card.postClaim === undefined) return card;
  const { postClaim: _claim, ...rest } = card;
  return rest as T;
}

/**
 * Claims, for `me`, the cards still to be posted that nobody else holds a live claim on. Returns the file
 * with the claims (to save with the ETag first), whether it changed, and how long until the earliest claim
 * of another instance runs out (undefined when there is none).
 */
export function claimNewCards(file: CaseFile, me: string, now: Date, leaseMs: number): { file: CaseFile; changed: boolean; heldByOthersMs: number | undefined } {
  let changed = false;
  let heldByOthersMs: number | undefined;
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const claim = <T extends Claimable>(card: T, needsSync: boolean): T => {
    if (!needsSync || card.activityId !== undefined) return card;
    const held = card.postClaim;
    const left = held ? Date.parse(held.until) - now.getTime() : 0;
    if (held && held.by !== me && left > 0) {
      heldByOthersMs = Math.min(heldByOthersMs ?? left, left);
      return card;
    }
    if (held?.by === me && left > leaseMs / 2) return card;
    changed = true;
    return { ...card, postClaim: { by: me, until } };
  };
  const handoffs = file.handoffs.map((h) => ({ ...h, placements: h.placements.map((p) => claim(p, placementNeedsSync(p, h.version))) }));
  const cards = milestoneCardsOf(file).map((c) => claim(c, milestoneCardNeedsSync(c)));
  const packages = packagesOf(file).map((pk) => ({ ...pk, placements: pk.placements.map((p) => claim(p, placementNeedsSync(p, pk.version))) }));
  if (!changed) return { file, changed, heldByOthersMs };
  return { file: { ...file, handoffs, ...(cards.length > 0 ? { milestoneCards: cards } : {}), ...(packages.length > 0 ? { packages } : {}) }, changed, heldByOthersMs };
}

type Delivered = Pick<CardPlacement, 'activityId' | 'conversation' | 'syncedVersion' | 'superseded' | 'parkedAt' | 'postClaim'>;
const deliveredFields = <T extends Delivered>(x: T): Delivered => ({ activityId: x.activityId, conversation: x.conversation, syncedVersion: x.syncedVersion, superseded: x.superseded, parkedAt: x.parkedAt, postClaim: x.postClaim });
const sameDelivery = (a: Delivered, b: Delivered): boolean => JSON.stringify(deliveredFields(a)) === JSON.stringify(deliveredFields(b));

/** Applies to `fresh` what changed from `before` to `after` for each card: its delivery, and cards added. */
function mergeCards<T extends Delivered & { id: string }>(fresh: readonly T[], before: readonly T[], after: readonly T[]): T[] {
  const was = new Map(before.map((c) => [c.id, c]));
  const done = new Map(after.filter((c) => !was.has(c.id) || !sameDelivery(was.get(c.id)!, c)).map((c) => [c.id, c]));
  const merged = fresh.map((c) => {
    const d = done.get(c.id);
    if (!d) return c;
    const { parkedAt: _old, postClaim: _claim, ...rest } = c;
    const out = { ...rest, activityId: d.activityId, conversation: d.conversation, syncedVersion: Math.max(c.syncedVersion, d.syncedVersion), superseded: c.superseded || d.superseded } as T;
    return { ...out, ...(d.parkedAt !== undefined ? { parkedAt: d.parkedAt } : {}), ...(d.postClaim !== undefined ? { postClaim: d.postClaim } : {}) };
  });
  const present = new Set(fresh.map((c) => c.id));
  for (const c of after) if (!was.has(c.id) && !present.has(c.id)) merged.push(c);
  return merged;
}

/** What one delivery round did (audit entries appended, cards posted or rewritten), applied to a newer file. */
export function mergeDelivered(fresh: CaseFile, before: CaseFile, after: CaseFile): CaseFile {
  const remaining = new Set(after.pendingAudit.map((a) => a.id));
  const appended = new Set(before.pendingAudit.filter((a) => !remaining.has(a.id)).map((a) => a.id));
  const handoffs = fresh.handoffs.map((h) => {
    const b = before.handoffs.find((x) => x.id === h.id);
    const a = after.handoffs.find((x) => x.id === h.id);
    return b && a ? { ...h, placements: mergeCards(h.placements, b.placements, a.placements) } : h;
  });
  const cards = mergeCards(milestoneCardsOf(fresh), milestoneCardsOf(before), milestoneCardsOf(after));
  const packages = packagesOf(fresh).map((pk) => {
    const b = packagesOf(before).find((x) => x.id === pk.id);
    const a = packagesOf(after).find((x) => x.id === pk.id);
    return b && a ? { ...pk, placements: mergeCards(pk.placements, b.placements, a.placements) } : pk;
  });
  return {
    ...fresh,
    pendingAudit: fresh.pendingAudit.filter((e) => !appended.has(e.id)),
    handoffs,
    ...(cards.length > 0 ? { milestoneCards: cards } : {}),
    ...(packages.length > 0 ? { packages } : {}),
  };
}

function errorName(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return err instanceof Error ? err.name : 'unknown';
}
