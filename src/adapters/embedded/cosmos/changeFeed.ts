/**
 * Incremental change feed (latest-version mode) for the embedded Cosmos server. The package (1.0.1) answers the
 * first change-feed read with every document and every later one with 304, so a consumer never sees a change.
 *
 * Every document write is stamped with `_lsn` from one counter (journaled with the document, so it survives a
 * restart); a feed read returns the documents of the container with `_lsn` above the continuation (the `etag`
 * the SDK sends back as If-None-Match; `*` = from now, none = from the beginning), oldest first, optionally only
 * one partition and only those changed since If-Modified-Since. Deletions do not appear (as in Cosmos DB).
 */
import type { IncomingMessage } from 'node:http';
import type Account from '@vercel/cosmosdb-server/lib/account';
import type Collection from '@vercel/cosmosdb-server/lib/account/collection';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import { parsePartitionKey } from '@vercel/cosmosdb-server/lib/utils/get-partition-from-header';

const DEFAULT_PAGE_SIZE = 100;

export interface FeedPage {
  readonly status: 200 | 304;
  readonly body: { Documents: ItemObject[]; _count: number } | undefined;
  readonly continuation: string;
}

function lsnOf(document: ItemObject): number {
  return typeof document['_lsn'] === 'number' ? document['_lsn'] : 0;
}

function documentsOf(collection: Collection): ItemObject[] {
  return [...collection.documents._data.values()].map((item) => item.read());
}

export function isChangeFeedRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && typeof req.headers['a-im'] === 'string' && req.headers['a-im'].toLowerCase() === 'incremental feed';
}

export class ChangeFeed {
  private lastLsn = 0;

  /** Continues the counter after the highest `_lsn` in the (replayed) account. */
  constructor(account: Account) {
    for (const database of account.databases._data.values()) {
      for (const collection of database.collections._data.values()) {
        for (const document of documentsOf(collection)) this.lastLsn = Math.max(this.lastLsn, lsnOf(document));
      }
    }
  }

  /** Marks a stored document as changed now; returns the stamp. */
  stamp(stored: ItemObject): number {
    this.lastLsn += 1;
    stored['_lsn'] = this.lastLsn;
    return this.lastLsn;
  }

  read(collection: Collection, req: IncomingMessage): FeedPage {
    const ifNoneMatch = headerValue(req, 'if-none-match');
    const after = ifNoneMatch === '*' ? this.lastLsn : Number.parseInt(ifNoneMatch ?? '0', 10) || 0;
    const modifiedSince = headerValue(req, 'if-modified-since');
    const sinceSeconds = modifiedSince ? Math.floor(Date.parse(modifiedSince) / 1000) : undefined;
    const partitionKey = headerValue(req, 'x-ms-documentdb-partitionkey');
    const partition: unknown = partitionKey === undefined ? undefined : parsePartitionKey(partitionKey, undefined);
    const requestedSize = Number.parseInt(headerValue(req, 'x-ms-max-item-count') ?? '', 10);
    const pageSize = Number.isNaN(requestedSize) || requestedSize === 0 ? DEFAULT_PAGE_SIZE : requestedSize < 0 ? Infinity : requestedSize;

    const changed = documentsOf(collection)
      .filter((document) => lsnOf(document) > after)
      .filter((document) => sinceSeconds === undefined || (document._ts ?? 0) >= sinceSeconds)
      .filter((document) => partition === undefined || collection.documents._getPartition(document) === partition)
      .sort((left, right) => lsnOf(left) - lsnOf(right))
      .slice(0, pageSize);
    const last = changed[changed.length - 1];
    if (!last) return { status: 304, body: undefined, continuation: String(after) };
    return { status: 200, body: { Documents: changed, _count: changed.length }, continuation: String(lsnOf(last)) };
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
