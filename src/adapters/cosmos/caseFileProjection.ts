import { ChangeFeedStartFrom, type ChangeFeedPullModelIterator, type Container } from '@azure/cosmos';
import type { CaseIndex, CaseSummary } from '../../app/ports';
import type { StatsCaseSource } from '../../app/stats/wardStats';
import { statsCaseOf, type StatsCase } from '../../domain/stats/statsCase';
import { caseFileDocument, toCaseFile, type CaseFileDocument } from './caseFileSchema';

interface Row {
  readonly wardId: string;
  readonly summary: CaseSummary;
  readonly searchKey: string;
  readonly outboxPending: boolean;
  readonly endedNotAnonymised: boolean;
  /** Open (受付 / 支援中 / モニタリング) and not anonymised: looked at by the daily run. */
  readonly open: boolean;
  /** A handoff waits for acceptance (escalation candidates). */
  readonly awaiting: boolean;
  /** Some card waits for its channel to be reachable again. */
  readonly parked: boolean;
  /** What the statistics read of the case (no name, no free text, no person): see domain/stats/statsCase. */
  readonly stats: StatsCase;
}

export interface ProjectionLogger {
  warn(message: string, fields: Record<string, string | number>): void;
}

/**
 * A read model of all case files, kept in memory by each instance and fed by the Cosmos change feed
 * (other instances' writes, within one poll) and by this instance's own writes (at once). It answers the
 * list questions — 検索, 担当案件, the outbox sweep, the retention job — without cross-partition queries,
 * which cost request units in Cosmos DB and stall the embedded stand-in's single-threaded query engine at
 * scale (see `npm run bench`). Case details are never served from here: they are read from Cosmos.
 */
export class CaseFileProjection implements CaseIndex, StatsCaseSource {
  private readonly rows = new Map<string, Row>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  private constructor(
    private readonly feed: ChangeFeedPullModelIterator<unknown>,
    private readonly log: ProjectionLogger,
  ) {}

  /** Reads the change feed from the beginning (the current state of every case file), then polls it. */
  static async start(container: Container, log: ProjectionLogger, pollMs: number): Promise<CaseFileProjection> {
    const feed = container.items.getChangeFeedIterator<unknown>({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning(), maxItemCount: 1000 });
    const projection = new CaseFileProjection(feed, log);
    await projection.catchUp();
    projection.timer = setInterval(() => void projection.catchUp(), pollMs);
    projection.timer.unref();
    return projection;
  }

  get size(): number {
    return this.rows.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Applies everything the change feed has now (also useful to wait for other instances' writes). */
  catchUp(): Promise<void> {
    this.polling ??= (async () => {
      try {
        for (;;) {
          const page = await this.feed.readNext();
          if (page.statusCode === 304 || page.result.length === 0) break;
          for (const raw of page.result) this.applyRaw(raw);
        }
      } catch (err) {
        this.log.warn('change feed poll failed; will retry', { error: err instanceof Error ? err.name : 'unknown' });
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  /** This instance's own writes are applied at once (read-your-writes for the person who made them). */
  applyDocument(doc: CaseFileDocument): void {
    const r = doc.record;
    const ended = r.status === 'closed' || r.status === 'transferred';
    this.rows.set(doc.caseId, {
      wardId: doc.wardId,
      searchKey: doc.searchKey,
      outboxPending: doc.outboxPending,
      endedNotAnonymised: ended && r.anonymisedAt === undefined,
      open: !ended && r.anonymisedAt === undefined,
      awaiting: doc.handoffs.some((h) => h.state.status === 'sent'),
      parked: doc.parkedCards,
      stats: statsCaseOf(toCaseFile(doc)),
      summary: {
        caseId: doc.caseId,
        code: r.code,
        childName: r.child.name,
        childNameKana: r.child.nameKana,
        urgency: r.urgency,
        status: r.status,
        assignedCoordinator: r.assignedCoordinator?.displayName,
        assignedCoordinatorId: r.assignedCoordinator?.aadObjectId,
        createdAt: r.createdAt,
      },
    });
  }

  private applyRaw(raw: unknown): void {
    const parsed = caseFileDocument.safeParse(raw);
    if (parsed.success) this.applyDocument(parsed.data);
    else this.log.warn('change feed document not understood; skipped', { issues: parsed.error.issues.length });
  }

  /** 統計: the name-free projection of every case of the ward, from memory (no store round trip, no cross-partition query). */
  async casesForStats(wardId: string): Promise<readonly StatsCase[]> {
    const out: StatsCase[] = [];
    for (const r of this.rows.values()) if (r.wardId === wardId) out.push(r.stats);
    return out;
  }

  async search(wardId: string, normalisedText: string, limit: number): Promise<CaseSummary[]> {
    return this.select((r) => r.wardId === wardId && r.searchKey.includes(normalisedText), limit);
  }

  async assignedTo(wardId: string, aadObjectId: string, limit: number): Promise<CaseSummary[]> {
    return this.select((r) => r.wardId === wardId && r.summary.assignedCoordinatorId === aadObjectId, limit);
  }

  withOutboxWork(limit: number): string[] {
    return this.select((r) => r.outboxPending, limit).map((s) => s.caseId);
  }

  openCases(limit: number): string[] {
    return this.select((r) => r.open, limit).map((s) => s.caseId);
  }

  awaitingAcceptance(limit: number): string[] {
    return this.select((r) => r.open && r.awaiting, limit).map((s) => s.caseId);
  }

  withParkedCards(limit: number): string[] {
    return this.select((r) => r.parked, limit).map((s) => s.caseId);
  }

  endedNotAnonymised(limit: number): string[] {
    return this.select((r) => r.endedNotAnonymised, limit).map((s) => s.caseId);
  }

  private select(match: (r: Row) => boolean, limit: number): CaseSummary[] {
    const out: CaseSummary[] = [];
    for (const r of this.rows.values()) {
      if (!match(r)) continue;
      out.push(r.summary);
      if (out.length >= limit) break;
    }
    return out;
  }
}
