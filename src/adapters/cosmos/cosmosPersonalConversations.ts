import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { PersonalConversation, PersonalConversations, StoredPersonalConversation } from '../../app/ports';
import type { DigestMark } from '../../domain/transitions/digest';
import { cosmosStatus } from './cosmosStore';

/**
 * Conversation references for proactive messages in the `meta` container, one document per person:
 * `conv:user:<aadObjectId>` (its own partition), with the mark of the last daily digest. Every write of
 * an existing document is conditional on its ETag.
 */
const digestMark = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  state: z.enum(['claimed', 'sent', 'nothingToSend', 'gaveUp']),
  claimId: z.string(),
  at: z.string(),
  attempts: z.number().int().min(0),
  retryAt: z.string().optional(),
});

const conversationDoc = z.object({
  id: z.string(),
  pk: z.string(),
  kind: z.literal('personalConversation'),
  schemaVersion: z.literal(1),
  aadObjectId: z.string().min(1),
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
  botId: z.string(),
  userId: z.string(),
  savedAt: z.string(),
  digest: digestMark.optional(),
});
type ConversationDoc = z.infer<typeof conversationDoc>;

const idOf = (aadObjectId: string) => `conv:user:${aadObjectId}`;
const MAX_ATTEMPTS = 10;

function toStored(doc: ConversationDoc): StoredPersonalConversation {
  const { aadObjectId, serviceUrl, conversationId, tenantId, botId, userId, savedAt, digest } = doc;
  return { aadObjectId, serviceUrl, conversationId, tenantId, botId, userId, savedAt, digest: digest && { ...digest, retryAt: digest.retryAt } };
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export class CosmosPersonalConversations implements PersonalConversations {
  constructor(private readonly meta: Container) {}

  private async read(aadObjectId: string): Promise<{ doc: ConversationDoc; etag: string } | undefined> {
    const id = idOf(aadObjectId);
    try {
      const { resource, etag } = await this.meta.item(id, id).read();
      return resource ? { doc: conversationDoc.parse(resource), etag } : undefined;
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  }

  async remember(c: PersonalConversation, at: string): Promise<void> {
    const id = idOf(c.aadObjectId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(c.aadObjectId);
      const doc = conversationDoc.parse(withoutUndefined({ id, pk: id, kind: 'personalConversation', schemaVersion: 1, ...c, savedAt: at, digest: current?.doc.digest }));
      try {
        if (!current) await this.meta.items.create(doc);
        else await this.meta.item(id, id).replace(doc, { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return;
      } catch (err) {
        const status = cosmosStatus(err);
        if (status !== 409 && status !== 412 && status !== 404) throw err;
      }
    }
    throw new Error('CONVERSATION.CONTENDED: could not store the conversation reference; it is stored on the next install event or message');
  }

  async forget(aadObjectId: string): Promise<void> {
    const id = idOf(aadObjectId);
    try {
      await this.meta.item(id, id).delete();
    } catch (err) {
      if (cosmosStatus(err) !== 404) throw err;
    }
  }

  async find(aadObjectId: string): Promise<StoredPersonalConversation | undefined> {
    const found = await this.read(aadObjectId);
    return found && toStored(found.doc);
  }

  async list(limit: number): Promise<StoredPersonalConversation[]> {
    const { resources } = await this.meta.items
      .query<unknown>({ query: "SELECT TOP @n * FROM c WHERE c.kind = 'personalConversation'", parameters: [{ name: '@n', value: limit }] })
      .fetchAll();
    return resources.flatMap((r) => {
      const parsed = conversationDoc.safeParse(r);
      return parsed.success ? [toStored(parsed.data)] : [];
    });
  }

  async updateDigestMark(aadObjectId: string, decide: (current: DigestMark | undefined) => DigestMark | undefined): Promise<DigestMark | undefined> {
    const id = idOf(aadObjectId);
    // A 412 means the document changed since it was read (another instance, or a refreshed reference):
    // decide again on the fresh mark; `decide` itself refuses what is no longer ours to do.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(aadObjectId);
      if (!current) return undefined;
      const next = decide(current.doc.digest && { ...current.doc.digest, retryAt: current.doc.digest.retryAt });
      if (!next) return undefined;
      try {
        await this.meta.item(id, id).replace(conversationDoc.parse({ ...current.doc, digest: withoutUndefined(next) }), { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return next;
      } catch (err) {
        const status = cosmosStatus(err);
        if (status === 404) return undefined;
        if (status !== 412) throw err;
      }
    }
    return undefined;
  }
}
