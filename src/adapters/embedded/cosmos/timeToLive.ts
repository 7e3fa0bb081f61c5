/**
 * Time to live for the embedded Cosmos server (the package ignores `defaultTtl` and `ttl`).
 *
 * Cosmos DB rules: TTL is on for a container when its `defaultTtl` is a number (-1: on, but nothing expires by
 * default). A document expires `ttl` seconds after its last write (`_ts`), where `ttl` is the document's own
 * `ttl` (-1: never) or else the container's `defaultTtl`. Here expired documents are deleted by a periodic sweep
 * (journaled like any deletion), so one can still be read for up to a sweep interval after it expired.
 */
import type Account from '@vercel/cosmosdb-server/lib/account';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import { toPartitionValue, type JournalEntry } from './journalEntries';

function expiresAt(document: ItemObject, defaultTtl: number): number | undefined {
  const ttl = typeof document['ttl'] === 'number' ? document['ttl'] : defaultTtl;
  if (ttl <= 0 || document._ts === undefined) return undefined;
  return document._ts + ttl;
}

/** Deletes the documents that have expired at `nowSeconds` and returns the journal entries for them. */
export function deleteExpiredDocuments(account: Account, nowSeconds: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const database of account.databases._data.values()) {
    for (const collection of database.collections._data.values()) {
      const container = collection.read();
      const defaultTtl: unknown = container['defaultTtl'];
      if (typeof defaultTtl !== 'number') continue;
      const expired = [...collection.documents._data.values()]
        .map((item) => item.read())
        .filter((document) => (expiresAt(document, defaultTtl) ?? Infinity) <= nowSeconds);
      for (const document of expired) {
        const partition: unknown = collection.documents._getPartition(document);
        collection.documents.delete(document.id, partition);
        entries.push({
          op: 'deleteDocument',
          dbId: database.read().id,
          containerId: container.id,
          id: document.id,
          partition: toPartitionValue(partition),
        });
      }
    }
  }
  return entries;
}
