import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { AuditEntry } from '../../domain/audit';
import type { AuditTrail, CaseCodeAllocator, Language, SubmissionLedger, UserPreferences } from '../../app/ports';
import type { PrintGrant, PrintGrants } from '../../app/print';
import { auditDocument } from './caseFileSchema';
import { cosmosStatus } from './cosmosStore';

const counterDoc = z.object({ id: z.string(), pk: z.string(), value: z.number().int().min(0) });

/** Case code sequence per ward and year: a counter document incremented with an ETag check. */
export class CosmosCaseCodeAllocator implements CaseCodeAllocator {
  constructor(private readonly meta: Container) {}

  async next(wardId: string, year: number): Promise<number> {
    const id = `counter:${wardId}:${year}`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const item = this.meta.item(id, id);
      try {
        const { resource, etag } = await item.read();
        if (!resource) {
          await this.meta.items.create({ id, pk: id, value: 1 });
          return 1;
        }
        const current = counterDoc.parse(resource);
        await item.replace({ ...current, value: current.value + 1 }, { accessCondition: { type: 'IfMatch', condition: etag } });
        return current.value + 1;
      } catch (err) {
        const status = cosmosStatus(err);
        if (status === 404) {
          try {
            await this.meta.items.create({ id, pk: id, value: 1 });
            return 1;
          } catch (createErr) {
            if (cosmosStatus(createErr) !== 409) throw createErr;
          }
        } else if (status !== 412 && status !== 409) throw err;
      }
    }
    throw new Error('CASE_CODE.CONTENDED: could not allocate a case code after 20 attempts; try again');
  }
}

const formDoc = z.object({ id: z.string(), pk: z.string(), by: z.string(), at: z.string(), caseId: z.string().optional() });
const STALE_CLAIM_MS = 60_000;

/** Form submissions: the first submit creates `form:<id>`; a repeated submit finds it. */
export class CosmosSubmissionLedger implements SubmissionLedger {
  constructor(private readonly meta: Container) {}

  async claim(formId: string, by: string, at: string): Promise<{ kind: 'claimed' } | { kind: 'completed'; caseId: string } | { kind: 'inProgress' }> {
    const id = `form:${formId}`;
    try {
      await this.meta.items.create({ id, pk: id, by, at });
      return { kind: 'claimed' };
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
    const { resource, etag } = await this.meta.item(id, id).read();
    const doc = formDoc.parse(resource);
    if (doc.caseId) return { kind: 'completed', caseId: doc.caseId };
    if (Date.parse(at) - Date.parse(doc.at) < STALE_CLAIM_MS) return { kind: 'inProgress' };
    // A claim left by a crash: take it over (only one taker wins the ETag).
    try {
      await this.meta.item(id, id).replace({ ...doc, by, at }, { accessCondition: { type: 'IfMatch', condition: etag } });
      return { kind: 'claimed' };
    } catch (err) {
      if (cosmosStatus(err) === 412) return { kind: 'inProgress' };
      throw err;
    }
  }

  async complete(formId: string, caseId: string): Promise<void> {
    const id = `form:${formId}`;
    const { resource } = await this.meta.item(id, id).read();
    const doc = formDoc.parse(resource);
    await this.meta.item(id, id).replace({ ...doc, caseId });
  }

  async release(formId: string): Promise<void> {
    const id = `form:${formId}`;
    await this.meta.item(id, id).delete();
  }
}

/** The append-only audit trail (its own container). Creating an entry that exists is success. */
export class CosmosAuditTrail implements AuditTrail {
  constructor(private readonly audit: Container) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    // Entries go to different partitions (one per case): write them concurrently, a few at a time.
    const queue = [...entries];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        try {
          await this.audit.items.create(auditDocument.parse({ ...e, schemaVersion: 1 }));
        } catch (err) {
          if (cosmosStatus(err) !== 409) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  }

  async listForCase(caseId: string): Promise<AuditEntry[]> {
    const { resources } = await this.audit.items
      .query<unknown>({ query: 'SELECT * FROM c WHERE c.caseId = @c ORDER BY c.at', parameters: [{ name: '@c', value: caseId }] }, { partitionKey: caseId })
      .fetchAll();
    return resources.map(toEntry);
  }

  async listForActor(aadObjectId: string, limit: number): Promise<AuditEntry[]> {
    const { resources } = await this.audit.items
      .query<unknown>({ query: 'SELECT TOP @n * FROM c WHERE c.actor = @a ORDER BY c.at DESC', parameters: [{ name: '@a', value: aadObjectId }, { name: '@n', value: limit }] })
      .fetchAll();
    return resources.map(toEntry);
  }
}

function toEntry(raw: unknown): AuditEntry {
  const { schemaVersion: _v, ...entry } = auditDocument.parse(raw);
  return { ...entry, conversationId: entry.conversationId };
}

const userDoc = z.object({ id: z.string(), pk: z.string(), language: z.enum(['ja', 'en']) });

/**
 * Language preferences, read on every turn: kept in memory for a few minutes per instance (a change made
 * on another instance shows within that time; one made here, at once).
 */
export class CosmosUserPreferences implements UserPreferences {
  private readonly cache = new Map<string, { language: Language | undefined; until: number }>();

  constructor(
    private readonly meta: Container,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  async getLanguage(aadObjectId: string): Promise<Language | undefined> {
    const hit = this.cache.get(aadObjectId);
    if (hit && hit.until > this.now()) return hit.language;
    const id = `user:${aadObjectId}`;
    let language: Language | undefined;
    try {
      const { resource } = await this.meta.item(id, id).read();
      language = resource ? userDoc.parse(resource).language : undefined;
    } catch (err) {
      if (cosmosStatus(err) !== 404) throw err;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(aadObjectId, { language, until: this.now() + this.ttlMs });
    return language;
  }

  async setLanguage(aadObjectId: string, language: Language): Promise<void> {
    const id = `user:${aadObjectId}`;
    await this.meta.items.upsert({ id, pk: id, language });
    this.cache.set(aadObjectId, { language, until: this.now() + this.ttlMs });
  }
}

const grantDoc = z.object({ id: z.string(), pk: z.string(), caseId: z.string(), kind: z.enum(['package', 'emergency', 'evacuation']), organisation: z.string(), actor: z.string(), expiresAt: z.string() });

/** One-time print links (`print:<token>` in `meta`): taken once with an ETag-guarded delete. */
export class CosmosPrintGrants implements PrintGrants {
  constructor(private readonly meta: Container) {}

  async save(g: PrintGrant): Promise<void> {
    const id = `print:${g.token}`;
    await this.meta.items.create({ id, pk: id, caseId: g.caseId, kind: g.kind, organisation: g.organisation, actor: g.actor, expiresAt: g.expiresAt });
  }

  async take(token: string): Promise<PrintGrant | undefined> {
    const id = `print:${token}`;
    try {
      const { resource, etag } = await this.meta.item(id, id).read();
      if (!resource) return undefined;
      const doc = grantDoc.parse(resource);
      await this.meta.item(id, id).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return { token, caseId: doc.caseId, kind: doc.kind, organisation: doc.organisation as PrintGrant['organisation'], actor: doc.actor, expiresAt: doc.expiresAt };
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 404 || status === 412) return undefined;
      throw err;
    }
  }
}
