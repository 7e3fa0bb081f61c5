/**
 * Journal entries of the embedded Cosmos server: what one acknowledged change did, recorded as the resulting
 * resource ("after-image") or as a deletion. Replaying them against a fresh in-memory account rebuilds the same
 * databases, containers, functions and documents, with the same `_rid`, `_etag` and `_ts` the clients were given
 * (the SDK checks a container's `_rid` against saved change-feed continuations).
 */
import { z } from 'zod';
import type Account from '@vercel/cosmosdb-server/lib/account';
import type Collection from '@vercel/cosmosdb-server/lib/account/collection';
import type Item from '@vercel/cosmosdb-server/lib/account/item';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import type Items from '@vercel/cosmosdb-server/lib/account/items';

const resource = z.looseObject({ id: z.string(), _rid: z.string().optional(), _etag: z.string().optional(), _ts: z.number().optional() });
export type ResourceImage = z.infer<typeof resource>;

const inContainer = { dbId: z.string(), containerId: z.string() };
const partitionValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type PartitionValue = z.infer<typeof partitionValue>;

export const journalEntrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('putDatabase'), database: resource }),
  z.object({ op: z.literal('deleteDatabase'), dbId: z.string() }),
  z.object({ op: z.literal('putContainer'), dbId: z.string(), container: resource }),
  z.object({ op: z.literal('deleteContainer'), dbId: z.string(), containerId: z.string() }),
  z.object({ op: z.literal('putFunction'), ...inContainer, udf: resource.extend({ body: z.string() }) }),
  z.object({ op: z.literal('deleteFunction'), ...inContainer, udfId: z.string() }),
  z.object({ op: z.literal('putDocument'), ...inContainer, document: resource }),
  /** `partition` is the value the server looked the document up with (null: none, the id is used). */
  z.object({ op: z.literal('deleteDocument'), ...inContainer, id: z.string(), partition: partitionValue }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Narrows the package's untyped partition lookup value to what a journal entry can hold. */
export function toPartitionValue(value: unknown): PartitionValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** System properties the server regenerates on every write; restored so replay gives clients' ETags back. */
const KEPT_SYSTEM_PROPERTIES = ['_etag', '_ts', '_lsn'] as const;

function keepSystemProperties(stored: ItemObject, image: ResourceImage): ItemObject {
  for (const name of KEPT_SYSTEM_PROPERTIES) {
    if (image[name] !== undefined) stored[name] = image[name];
  }
  return stored;
}

class JournalReplayError extends Error {
  constructor(entry: JournalEntry, problem: string) {
    super(`EMBEDDED_COSMOS.JOURNAL_INCONSISTENT: ${entry.op} ${problem}; fix: move the journal aside and reseed`);
  }
}

function existingCollection(account: Account, entry: JournalEntry & { dbId: string; containerId: string }): Collection {
  const collection = account.database(entry.dbId).collection(entry.containerId);
  if (!collection.read()) throw new JournalReplayError(entry, `refers to a missing container ${entry.dbId}/${entry.containerId}`);
  return collection;
}

/**
 * The package numbers resources with a per-parent counter and encodes it in `_rid` (lib/account/databases.js,
 * collections.js, documents.js); decoding it lets replay keep the ids and move the counter past them.
 */
type RidCounter = (rid: Buffer) => number;
const databaseCounter: RidCounter = (rid) => (rid.readInt32BE(0) & 0x7fffffff) >> 8;
const containerCounter: RidCounter = (rid) => rid.readInt32BE(4) & 0x7fffffff;
const documentCounter: RidCounter = (rid) => rid.readInt32LE(8);

/** Stores the image as it is (including `_rid`), replacing what is stored under its id and partition. */
function putExact<P extends Item, I extends Item>(items: Items<P, I>, image: ResourceImage, partition: unknown, counter: RidCounter): ItemObject {
  let ridCount: number | undefined;
  try {
    ridCount = image._rid === undefined ? undefined : counter(Buffer.from(image._rid, 'base64'));
  } catch {
    ridCount = undefined; // not an id the package made: let it make a new one
  }
  if (ridCount === undefined || image._rid === undefined) return keepSystemProperties(items.upsert(image), image);
  const existing = items._item('/id', image.id, partition).read();
  if (existing) items.delete(existing.id, partition);
  const stored = items._set({ ...image, _rid: image._rid, _self: String(image['_self'] ?? items._self(image._rid)) });
  items._ridCount = Math.max(items._ridCount, ridCount);
  return stored;
}

/** Writes a document exactly as the image says (content, `_rid`, `_etag`, `_ts`), creating or replacing it. */
export function putDocumentImage(collection: Collection, image: ResourceImage): ItemObject {
  return putExact(collection.documents, image, collection.documents._getPartition(image), documentCounter);
}

export function deleteDocumentIfPresent(collection: Collection, id: string, partition: unknown): void {
  if (collection.document(id, partition).read()) collection.documents.delete(id, partition);
}

/**
 * The package replaces a container by creating a new, empty one (its documents and functions are lost); moves
 * them over to the replacement, as Cosmos DB keeps them.
 */
export function keepContainerContents(previous: Collection, replacement: Collection): void {
  if (previous === replacement) return;
  replacement.documents = previous.documents;
  replacement.userDefinedFunctions = previous.userDefinedFunctions;
  replacement.documents._parent = replacement;
  replacement.userDefinedFunctions._parent = replacement;
}

/** Applies one entry to the in-memory account (replay). Deletions of absent resources are no-ops. */
export function applyJournalEntry(account: Account, entry: JournalEntry): void {
  switch (entry.op) {
    case 'putDatabase':
      // Databases are only ever created (there is no replace), so one that exists is left as it is.
      if (!account.database(entry.database.id).read()) putExact(account.databases, entry.database, entry.database.id, databaseCounter);
      return;
    case 'deleteDatabase':
      if (account.database(entry.dbId).read()) account.databases.delete(entry.dbId, entry.dbId);
      return;
    case 'putContainer': {
      const database = account.database(entry.dbId);
      if (!database.read()) throw new JournalReplayError(entry, `refers to a missing database ${entry.dbId}`);
      const previous = database.collection(entry.container.id);
      putExact(database.collections, entry.container, entry.container.id, containerCounter);
      if (previous.read()) keepContainerContents(previous, database.collection(entry.container.id));
      return;
    }
    case 'deleteContainer': {
      const database = account.database(entry.dbId);
      if (database.collection(entry.containerId).read()) database.collections.delete(entry.containerId, entry.containerId);
      return;
    }
    case 'putFunction': {
      const functions = existingCollection(account, entry).userDefinedFunctions;
      keepSystemProperties(functions.upsert({ id: entry.udf.id, body: entry.udf.body }), entry.udf);
      return;
    }
    case 'deleteFunction': {
      const collection = existingCollection(account, entry);
      if (collection.userDefinedFunction(entry.udfId).read()) collection.userDefinedFunctions.delete(entry.udfId);
      return;
    }
    case 'putDocument':
      putDocumentImage(existingCollection(account, entry), entry.document);
      return;
    case 'deleteDocument':
      deleteDocumentIfPresent(existingCollection(account, entry), entry.id, entry.partition ?? undefined);
      return;
  }
}

/** The smallest entry list that rebuilds the current state (used to compact the journal). */
export function* snapshotEntries(account: Account): Generator<JournalEntry> {
  for (const database of account.databases._data.values()) {
    const dbImage = database.read();
    yield { op: 'putDatabase', database: dbImage };
    for (const collection of database.collections._data.values()) {
      const container = collection.read();
      const where = { dbId: dbImage.id, containerId: container.id };
      yield { op: 'putContainer', dbId: dbImage.id, container };
      for (const udf of collection.userDefinedFunctions._data.values()) {
        const image = udf.read();
        yield { op: 'putFunction', ...where, udf: { ...image, id: image.id, body: String(image['body']) } };
      }
      for (const document of collection.documents._data.values()) yield { op: 'putDocument', ...where, document: document.read() };
    }
  }
}
