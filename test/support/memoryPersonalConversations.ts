import type { PersonalConversation, PersonalConversations, StoredPersonalConversation } from '../../src/app/ports';
import type { DigestMark } from '../../src/domain/transitions/digest';

/** Conversation references in memory, with Cosmos-like ETags: a write made on a stale read is refused. */
export class MemoryPersonalConversations implements PersonalConversations {
  readonly docs = new Map<string, { value: StoredPersonalConversation; version: number }>();
  async remember(c: PersonalConversation, at: string): Promise<void> {
    const current = this.docs.get(c.aadObjectId);
    this.docs.set(c.aadObjectId, { value: { ...c, savedAt: at, digest: current?.value.digest }, version: (current?.version ?? 0) + 1 });
  }
  async forget(aad: string): Promise<void> {
    this.docs.delete(aad);
  }
  async find(aad: string): Promise<StoredPersonalConversation | undefined> {
    return this.docs.get(aad)?.value;
  }
  async list(): Promise<StoredPersonalConversation[]> {
    return [...this.docs.values()].map((d) => d.value);
  }
  async updateDigestMark(aad: string, decide: (current: DigestMark | undefined) => DigestMark | undefined): Promise<DigestMark | undefined> {
    for (let i = 0; i < 10; i++) {
      const read = this.docs.get(aad);
      if (!read) return undefined;
      const next = decide(read.value.digest);
      if (!next) return undefined;
      await new Promise((r) => setImmediate(r)); // let another instance interleave between read and write
      const now = this.docs.get(aad);
      if (!now) return undefined;
      if (now.version !== read.version) continue; // 412: decide again on the fresh document
      this.docs.set(aad, { value: { ...now.value, digest: next }, version: now.version + 1 });
      return next;
    }
    return undefined;
  }
}
