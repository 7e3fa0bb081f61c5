/**
 * A durable, in-process Cosmos DB stand-in: `@vercel/cosmosdb-server` 1.0.1 (in memory) behind the real
 * `@azure/cosmos` SDK, with a write-ahead journal so that every acknowledged write survives `kill -9` and a restart.
 *
 * Durability design
 * - One HTTPS server (the package's self-signed certificate) whose request handler runs the package's own routes
 *   and handlers against an account object we hold (requestHandler.ts); no second HTTP hop. (The package's
 *   `generateRequestHandler` is not exported and keeps its account private, which replay needs.)
 * - Journal `<dataDir>/cosmos/journal.ndjson`, one JSON entry per line (journalEntries.ts). After a successful
 *   create/upsert/replace/patch/delete (of a database, container, function or document) or a transactional batch
 *   whose operations all succeeded, the entry is appended and fdatasync'ed BEFORE the response is released. Queries
 *   and reads are not journaled. Concurrent writes share one write+fdatasync (group commit, journalFile.ts).
 * - Entries record the *result* (the resource as stored, with `_rid`/`_etag`/`_ts`, or the deletion), not the
 *   request. This improves on journaling requests: replay needs no If-Match stripping or re-evaluation, is
 *   deterministic where the server is not (random ETags, clock-based `_ts`), and ETags, resource ids and
 *   change-feed continuations that clients hold stay valid across a restart.
 * - Mutations are applied and queued on the journal one at a time, so the journal order is the order in memory.
 * - Start: the journal is replayed into a fresh account before the endpoint is handed out (replay writes nothing);
 *   a torn last line (crash mid-write) is ignored and cut off. When the journal is larger than
 *   `compactAboveBytes`, it is then rewritten as a snapshot (databases, containers with partition key, indexing
 *   and TTL settings, functions, live documents) to a temp file, fsync'ed, renamed over, and the directory fsync'ed.
 * - Close: stop accepting, let in-flight requests finish, flush, close the file.
 * Visibility caveat: a change is visible to other readers as soon as it is applied in memory, a moment before
 * its journal group is on disk; only the writer's acknowledgement waits for the disk.
 *
 * Beyond the package: atomic transactional batch with Patch (transactionalBatch.ts), an incremental change feed
 * (changeFeed.ts), TTL (timeToLive.ts), and a container replace that keeps the documents. Not supported by the
 * package's query engine: OFFSET/LIMIT, DISTINCT, GROUP BY, 3-argument STARTSWITH/CONTAINS.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import Account from '@vercel/cosmosdb-server/lib/account';
import { applyJournalEntry, journalEntrySchema, snapshotEntries } from './journalEntries';
import { JournalWriter, readJournal, rewriteDurably, syncDirectory, truncateDurably } from './journalFile';
import { CosmosRequestHandler } from './requestHandler';
import { lockDataDirectory } from './dataDirLock';

export interface EmbeddedCosmosOptions {
  dataDir: string;
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Rewrite the journal as a snapshot at start when it is larger than this (default 8 MiB). */
  compactAboveBytes?: number;
  /** How often expired documents (TTL) are deleted (default 1000 ms). */
  ttlSweepIntervalMs?: number;
  /** Optional observer, told of every request as it arrives (for counting round trips; default none). */
  onRequest?: (info: CosmosRequestInfo) => void;
}

/** What an observer learns of one request: no bodies, no keys. */
export interface CosmosRequestInfo {
  readonly method: string;
  readonly path: string;
  /** A SQL query (not a point read, a read feed or a query plan request). */
  readonly isQuery: boolean;
  /** The SDK asking for the plan of a query before running it (a round trip of its own). */
  readonly isQueryPlan: boolean;
  /** A query without a partition key (fans out over every partition). */
  readonly crossPartition: boolean;
}

export interface EmbeddedCosmosHealth {
  /** false once the journal failed (writes then get 503) or the stand-in is closed. */
  ok: boolean;
  journalBytes: number;
  replayedEntries: number;
  lastError?: string;
}

export interface EmbeddedCosmos {
  /** e.g. https://127.0.0.1:PORT */
  readonly endpoint: string;
  /** The well-known emulator key; the stand-in accepts any key. */
  readonly key: string;
  /** false: the certificate is self-signed (give the SDK an https.Agent with rejectUnauthorized: false). */
  readonly tlsRejectUnauthorized: boolean;
  health(): EmbeddedCosmosHealth;
  /** Resolves when everything acknowledged is on disk; rejects once the journal has failed (see health()). */
  flush(): Promise<void>;
  /** Stops accepting, finishes in-flight requests, flushes and closes the journal. */
  close(): Promise<void>;
}

export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
const DEFAULT_COMPACT_ABOVE_BYTES = 8 * 1024 * 1024;
const DEFAULT_TTL_SWEEP_INTERVAL_MS = 1000;
const CLOSE_GRACE_MS = 2000;
const JOURNAL_FILE = 'journal.ndjson';

export async function startEmbeddedCosmos(opts: EmbeddedCosmosOptions): Promise<EmbeddedCosmos> {
  const directory = path.join(opts.dataDir, 'cosmos');
  await ensureDirectory(directory);
  const lock = await lockDataDirectory(directory);
  const journalPath = path.join(directory, JOURNAL_FILE);
  const contents = await readJournal(journalPath);
  if (contents.tornBytes > 0) await truncateDurably(journalPath, contents.validBytes);

  const host = opts.host ?? '127.0.0.1';
  let becomeReady: (handler: CosmosRequestHandler) => void = () => undefined;
  const ready = new Promise<CosmosRequestHandler>((resolve) => (becomeReady = resolve));
  const server = https.createServer(await packageCertificate(), (req, res) => {
    if (opts.onRequest) observe(opts.onRequest, req);
    void ready.then((h) => h.listener(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpointHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  const restored = await restore(new Account(endpointHost, port), journalPath, contents.records, contents.validBytes, opts).catch(
    async (error: unknown) => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lock.release();
      throw error;
    },
  );
  const { journal, handler } = restored;
  becomeReady(handler);
  let closing: Promise<void> | undefined;
  let lastSweep = Promise.resolve();
  const sweeper = setInterval(() => {
    lastSweep = handler.deleteExpired(Math.floor(Date.now() / 1000)).catch(() => undefined); // failures show in health()
  }, opts.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    endpoint: `https://${endpointHost}:${port}`,
    key: EMULATOR_KEY,
    tlsRejectUnauthorized: false,
    health: () => {
      const lastError = journal.lastError?.message;
      return {
        ok: journal.accepting,
        journalBytes: journal.size,
        replayedEntries: contents.records.length,
        ...(lastError ? { lastError } : {}),
      };
    },
    flush: () => journal.flush(),
    close: () =>
      (closing ??= (async () => {
        clearInterval(sweeper);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await handler.drain();
        // Answered connections close themselves (`connection: close`); cut only what still hangs after a grace period.
        const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await stopped;
        clearTimeout(cutOff);
        await lastSweep;
        await journal.close();
        await lock.release();
      })()),
  };
}

/** Replays the journal into the account, compacts it when large, and opens it for appending. */
async function restore(
  account: Account,
  journalPath: string,
  records: readonly unknown[],
  journalBytes: number,
  opts: EmbeddedCosmosOptions,
): Promise<{ journal: JournalWriter; handler: CosmosRequestHandler }> {
  records.forEach((record, index) => {
    const entry = journalEntrySchema.safeParse(record);
    if (!entry.success) {
      throw new Error(`EMBEDDED_COSMOS.JOURNAL_ENTRY_INVALID: entry ${index + 1} of ${journalPath}; fix: move the journal aside`);
    }
    applyJournalEntry(account, entry.data);
  });
  if (journalBytes > (opts.compactAboveBytes ?? DEFAULT_COMPACT_ABOVE_BYTES)) {
    await rewriteDurably(journalPath, mapIterable(snapshotEntries(account), (entry) => JSON.stringify(entry)));
  }
  const journal = await JournalWriter.open(journalPath);
  return { journal, handler: new CosmosRequestHandler(account, journal) };
}

async function ensureDirectory(directory: string): Promise<void> {
  const created = await fs.mkdir(directory, { recursive: true });
  if (created !== undefined) {
    // Make every newly created level durable in its parent.
    for (let level = directory; level.length >= created.length; level = path.dirname(level)) {
      await syncDirectory(path.dirname(level));
    }
  }
}

async function packageCertificate(): Promise<https.ServerOptions> {
  const packageDirectory = path.dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  const [cert, key] = await Promise.all([
    fs.readFile(path.join(packageDirectory, 'cert.pem')),
    fs.readFile(path.join(packageDirectory, 'key.pem')),
  ]);
  return { cert, key };
}

function observe(onRequest: (info: CosmosRequestInfo) => void, req: IncomingMessage): void {
  const flag = (name: string) => String(req.headers[name] ?? '').toLowerCase() === 'true';
  const isQueryPlan = flag('x-ms-cosmos-is-query-plan-request');
  const isQuery = !isQueryPlan && (flag('x-ms-documentdb-isquery') || req.headers['content-type'] === 'application/query+json');
  const crossPartition = isQuery && req.headers['x-ms-documentdb-partitionkey'] === undefined;
  try {
    onRequest({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', isQuery, isQueryPlan, crossPartition });
  } catch {
    // An observer's failure never affects the request.
  }
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
