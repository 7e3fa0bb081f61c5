import type { RollCallRepository } from '../../../../src/app/disaster/ports';
import type { SaveResult, Versioned } from '../../../../src/app/ports';
import { hasRollCallOutboxWork, type RollCall } from '../../../../src/domain/disaster/rollCall';

/** JSON round trip, as a store would do it (no shared references, undefined properties dropped). */
const copy = (rc: RollCall): RollCall => {
  const parsed = JSON.parse(JSON.stringify(rc)) as RollCall;
  return { ...parsed, closed: parsed.closed, pendingAudit: parsed.pendingAudit.map((e) => ({ ...e, conversationId: e.conversationId })) };
};
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * An in-memory RollCallRepository with the same ETag contract as Cosmos (a fresh ETag per write, a stale
 * one is a conflict). Every call yields to the event loop, so concurrent use cases really interleave.
 */
export class MemoryRollCallRepository implements RollCallRepository {
  private readonly docs = new Map<string, { value: RollCall; etag: string }>();
  private version = 0;
  /** Replaces attempted (for tests about retries). */
  replaces = 0;
  /** Makes the next n replaces fail as if somebody had saved in between. */
  failNextReplaces = 0;

  async create(rc: RollCall): Promise<'created' | 'exists'> {
    await tick();
    if (this.docs.has(rc.id)) return 'exists';
    this.docs.set(rc.id, { value: copy(rc), etag: `"${++this.version}"` });
    return 'created';
  }

  async load(rollCallId: string): Promise<Versioned<RollCall> | undefined> {
    await tick();
    const doc = this.docs.get(rollCallId);
    return doc && { value: copy(doc.value), etag: doc.etag };
  }

  async replace(rc: RollCall, etag: string): Promise<SaveResult> {
    await tick();
    this.replaces += 1;
    const doc = this.docs.get(rc.id);
    if (this.failNextReplaces > 0) {
      this.failNextReplaces -= 1;
      return { kind: 'conflict' };
    }
    if (!doc || doc.etag !== etag) return { kind: 'conflict' };
    const next = { value: copy(rc), etag: `"${++this.version}"` };
    this.docs.set(rc.id, next);
    return { kind: 'saved', etag: next.etag };
  }

  async listOpen(wardId: string, limit: number): Promise<string[]> {
    await tick();
    return [...this.docs.values()]
      .map((d) => d.value)
      .filter((rc) => rc.wardId === wardId && rc.closed === undefined)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((rc) => rc.id);
  }

  async listWithOutboxWork(limit: number): Promise<string[]> {
    await tick();
    return [...this.docs.values()]
      .map((d) => d.value)
      .filter(hasRollCallOutboxWork)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((rc) => rc.id);
  }
}
