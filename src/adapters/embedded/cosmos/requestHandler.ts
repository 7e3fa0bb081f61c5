/**
 * The HTTP request handler of the embedded Cosmos server: the package's own route table and handlers
 * (`@vercel/cosmosdb-server` 1.0.1, the same code its `generateRequestHandler` runs, which is not exported), with
 * the changes made durable before they are answered. See embeddedCosmosServer.ts for the overall design.
 *
 * Reads and queries go straight to the package handlers. A mutating request:
 *   1. has its body read in full first (so a slow client never holds the next step up);
 *   2. then, one request at a time: runs the package handler on the buffered body, turns a successful result into
 *      journal entries (the resource as stored, or a deletion) and queues them on the journal — so the journal
 *      order is exactly the order in which changes were applied in memory;
 *   3. waits, outside that one-at-a-time section, until the journal reports its group written and fdatasync'ed;
 *   4. only then sends the response. If the journal failed, the client gets 503 and the stand-in refuses further
 *      writes (health() shows it), since memory may now hold a change the disk does not.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type Account from '@vercel/cosmosdb-server/lib/account';
import routes from '@vercel/cosmosdb-server/lib/routes';
import batchDocuments from '@vercel/cosmosdb-server/lib/handler/batch-documents';
import readDocuments from '@vercel/cosmosdb-server/lib/handler/read-documents';
import createCollection from '@vercel/cosmosdb-server/lib/handler/create-collection';
import createDatabase from '@vercel/cosmosdb-server/lib/handler/create-database';
import createDocument from '@vercel/cosmosdb-server/lib/handler/create-document';
import createUserDefinedFunction from '@vercel/cosmosdb-server/lib/handler/create-user-defined-function';
import deleteCollection from '@vercel/cosmosdb-server/lib/handler/delete-collection';
import deleteDatabase from '@vercel/cosmosdb-server/lib/handler/delete-database';
import deleteDocument from '@vercel/cosmosdb-server/lib/handler/delete-document';
import deleteUserDefinedFunction from '@vercel/cosmosdb-server/lib/handler/delete-user-defined-function';
import patchDocument from '@vercel/cosmosdb-server/lib/handler/patch-document';
import replaceCollection from '@vercel/cosmosdb-server/lib/handler/replace-collection';
import replaceDocument from '@vercel/cosmosdb-server/lib/handler/replace-document';
import replaceUserDefinedFunction from '@vercel/cosmosdb-server/lib/handler/replace-user-defined-function';
import upsertDocument from '@vercel/cosmosdb-server/lib/handler/upsert-document';
import upsertUserDefinedFunction from '@vercel/cosmosdb-server/lib/handler/upsert-user-defined-function';
import { parsePartitionKey } from '@vercel/cosmosdb-server/lib/utils/get-partition-from-header';
import { ChangeFeed, isChangeFeedRequest } from './changeFeed';
import { keepContainerContents, toPartitionValue, type JournalEntry, type PartitionValue, type ResourceImage } from './journalEntries';
import type { JournalWriter } from './journalFile';
import { deleteExpiredDocuments } from './timeToLive';
import { executeBatch } from './transactionalBatch';

type RouteParams = Readonly<Record<string, string | undefined>>;
type RouteHandler = (account: Account, req: IncomingMessage, res: ServerResponse, params: RouteParams) => unknown;

/** Canonical names of what a mutating request addresses, resolved before it runs (a delete removes them). */
interface Target {
  readonly dbId: string;
  readonly containerId: string;
  readonly docId: string;
  readonly udfId: string;
  readonly partition: PartitionValue;
}

type Effect = (target: Target, result: unknown) => JournalEntry[];

function asResource(result: unknown): ResourceImage | undefined {
  if (typeof result !== 'object' || result === null || !('id' in result) || typeof result.id !== 'string') return undefined;
  return { ...result, id: result.id };
}

const putDatabase: Effect = (_, result) => {
  const database = asResource(result);
  return database ? [{ op: 'putDatabase', database }] : [];
};
const putContainer: Effect = (target, result) => {
  const container = asResource(result);
  return container ? [{ op: 'putContainer', dbId: target.dbId, container }] : [];
};
const putDocument: Effect = ({ dbId, containerId }, result) => {
  const document = asResource(result);
  return document ? [{ op: 'putDocument', dbId, containerId, document }] : [];
};
const putFunction: Effect = ({ dbId, containerId }, result) => {
  const udf = asResource(result);
  return udf && typeof udf['body'] === 'string' ? [{ op: 'putFunction', dbId, containerId, udf: { ...udf, body: udf['body'] } }] : [];
};

/** Which package handlers change state, and what to journal when they succeed. */
const EFFECTS = new Map<unknown, Effect>([
  [createDatabase, putDatabase],
  [deleteDatabase, ({ dbId }) => [{ op: 'deleteDatabase', dbId }]],
  [createCollection, putContainer],
  [replaceCollection, putContainer],
  [deleteCollection, ({ dbId, containerId }) => [{ op: 'deleteContainer', dbId, containerId }]],
  [createDocument, putDocument],
  [upsertDocument, putDocument],
  [replaceDocument, putDocument],
  [patchDocument, putDocument],
  [deleteDocument, ({ dbId, containerId, docId, partition }) => [{ op: 'deleteDocument', dbId, containerId, id: docId, partition }]],
  [createUserDefinedFunction, putFunction],
  [upsertUserDefinedFunction, putFunction],
  [replaceUserDefinedFunction, putFunction],
  [deleteUserDefinedFunction, ({ dbId, containerId, udfId }) => [{ op: 'deleteFunction', dbId, containerId, udfId }]],
]);

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const journalUnavailable: Reply = {
  status: 503,
  body: { code: 'ServiceUnavailable', message: 'EMBEDDED_COSMOS.JOURNAL_UNAVAILABLE: the write could not be made durable; restart the stand-in' },
};

const QUERY_METRICS =
  'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;' +
  'queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;' +
  'systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;' +
  'outputDocumentCount=1;outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';

/** Runs tasks one after another (the tasks are short: an in-memory change and queueing a journal append). */
class SerialSection {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class CosmosRequestHandler {
  private readonly serial = new SerialSection();
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private closing = false;
  private readonly changeFeed: ChangeFeed;

  constructor(
    private readonly account: Account,
    private readonly journal: JournalWriter,
  ) {
    this.changeFeed = new ChangeFeed(account);
  }

  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.inFlight += 1;
    void this.handle(req, res)
      .catch(() => {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      })
      .finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) this.drained?.();
      });
  };

  /** Answers what is in flight with `connection: close`, then resolves when nothing is. */
  async drain(): Promise<void> {
    this.closing = true;
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = matchRoute(req);
    let reply: Reply;
    if (!match) reply = { status: 400, body: { message: 'no route' } };
    else if (match.handler === readDocuments && isChangeFeedRequest(req)) reply = this.readChangeFeed(match.params, req);
    else if (match.handler === batchDocuments || EFFECTS.has(match.handler)) reply = await this.mutate(req, res, match.handler, match.params);
    else reply = await this.invoke(match.handler, req, res, match.params);
    this.send(req, res, reply);
  }

  private async invoke(handler: RouteHandler, req: IncomingMessage, res: ServerResponse, params: RouteParams): Promise<Reply> {
    try {
      const body = await handler(this.account, req, res, params);
      return { status: res.statusCode, body };
    } catch (error) {
      // Not logged: messages from the package can quote request content.
      return { status: 500, body: { message: error instanceof Error ? error.message : 'internal error' } };
    }
  }

  private async mutate(req: IncomingMessage, res: ServerResponse, handler: RouteHandler, params: RouteParams): Promise<Reply> {
    const body = await readBody(req);
    const outcome = await this.serial.run(async () => {
      if (!this.journal.accepting) return { reply: journalUnavailable, committed: Promise.resolve() };
      const target = resolveTarget(this.account, params, req);
      const { reply, entries } =
        handler === batchDocuments ? this.batch(target, req, body) : await this.runHandler(handler, req, res, params, target, body);
      this.stampChanges(entries);
      const committed = entries.length > 0 ? this.journal.append(entries.map((entry) => JSON.stringify(entry))) : Promise.resolve();
      void committed.catch(() => undefined); // awaited below; this only marks the rejection as handled meanwhile
      return { reply, committed };
    });
    try {
      await outcome.committed;
    } catch {
      return journalUnavailable;
    }
    return outcome.reply;
  }

  /** Deletes expired documents (TTL), journaled like any other deletion. */
  async deleteExpired(nowSeconds: number): Promise<void> {
    // The commit is wrapped so that the one-at-a-time section does not wait for the disk.
    const { committed } = await this.serial.run(async () => {
      const entries = this.journal.accepting ? deleteExpiredDocuments(this.account, nowSeconds) : [];
      return { committed: entries.length > 0 ? this.journal.append(entries.map((entry) => JSON.stringify(entry))) : undefined };
    });
    await committed;
  }

  private readChangeFeed(params: RouteParams, req: IncomingMessage): Reply {
    const collection = this.account.database(params['dbId'] ?? '').collection(params['collId'] ?? '');
    if (!collection.read()) return { status: 404, body: {} };
    const page = this.changeFeed.read(collection, req);
    const itemCount = String(page.body?._count ?? 0);
    return { status: page.status, body: page.body, headers: { etag: page.continuation, 'x-ms-item-count': itemCount } };
  }

  /** Gives every document written by these entries the next change-feed stamp, in memory and in the entry. */
  private stampChanges(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.op !== 'putDocument') continue;
      const collection = this.account.database(entry.dbId).collection(entry.containerId);
      const stored = collection.document(entry.document.id, collection.documents._getPartition(entry.document)).read();
      if (stored) entry.document['_lsn'] = this.changeFeed.stamp(stored);
    }
  }

  private async runHandler(
    handler: RouteHandler,
    req: IncomingMessage,
    res: ServerResponse,
    params: RouteParams,
    target: Target,
    body: Buffer,
  ): Promise<{ reply: Reply; entries: JournalEntry[] }> {
    const database = this.account.database(target.dbId);
    const previousContainer = database.collection(target.containerId);
    const reply = await this.invoke(handler, bufferedRequest(req, body), res, params);
    const succeeded = reply.status >= 200 && reply.status < 300;
    if (succeeded && handler === replaceCollection) keepContainerContents(previousContainer, database.collection(target.containerId));
    return { reply, entries: succeeded ? (EFFECTS.get(handler)?.(target, reply.body) ?? []) : [] };
  }

  private batch(target: Target, req: IncomingMessage, body: Buffer): { reply: Reply; entries: JournalEntry[] } {
    const collection = this.account.database(target.dbId).collection(target.containerId);
    if (!collection.read()) return { reply: { status: 404, body: {} }, entries: [] };
    let operations: unknown;
    try {
      operations = JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      return { reply: { status: 400, body: { code: 'BadRequest', message: 'Invalid batch request body' } }, entries: [] };
    }
    const outcome = executeBatch(collection, target, operations, {
      partitionKey: header(req, 'x-ms-documentdb-partitionkey'),
      atomic: header(req, 'x-ms-cosmos-batch-atomic')?.toLowerCase() === 'true',
      continueOnError: header(req, 'x-ms-cosmos-batch-continue-on-error')?.toLowerCase() === 'true',
    });
    return { reply: { status: outcome.status, body: outcome.body }, entries: outcome.entries };
  }

  /** The response headers the package's own handler sets. */
  private send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    const { status, body } = reply;
    if (status > 399 && isRecord(body) && !body['message']) body['message'] = '';
    if (isRecord(body) && typeof body['_etag'] === 'string') res.setHeader('etag', body['_etag']);
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-location', `https://${req.headers.host ?? ''}${req.url ?? ''}`);
    res.setHeader('connection', this.closing ? 'close' : 'keep-alive');
    res.setHeader('x-ms-activity-id', randomUUID());
    res.setHeader('x-ms-request-charge', '1');
    if (req.headers['x-ms-documentdb-populatequerymetrics']) res.setHeader('x-ms-documentdb-query-metrics', QUERY_METRICS);
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.statusCode = status;
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }
}

function matchRoute(req: IncomingMessage): { params: RouteParams; handler: RouteHandler } | undefined {
  const match: unknown[] | undefined = routes(req);
  const [params, handler] = match ?? [];
  if (typeof handler !== 'function' || !isRecord(params)) return undefined;
  return { params: params as RouteParams, handler: handler as RouteHandler };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function resolveTarget(account: Account, params: RouteParams, req: IncomingMessage): Target {
  const database = account.database(params['dbId'] ?? '');
  const dbId = database.read()?.id ?? params['dbId'] ?? '';
  const collection = database.collection(params['collId'] ?? '');
  const containerId = collection.read()?.id ?? params['collId'] ?? '';
  const udfId = params['udfId'] ?? '';
  let docId = params['docId'] ?? '';
  let partition: PartitionValue = null;
  const partitionKey = header(req, 'x-ms-documentdb-partitionkey');
  if (docId && partitionKey !== undefined) {
    try {
      const lookup: unknown = parsePartitionKey(partitionKey, docId);
      partition = toPartitionValue(lookup);
      docId = collection.document(docId, lookup).read()?.id ?? docId;
    } catch {
      // The handler rejects the same header; nothing is journaled.
    }
  }
  return { dbId, containerId, docId, udfId: collection.userDefinedFunction(udfId).read()?.id ?? udfId, partition };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** The package handlers read the body from the request stream; give them the one already read. */
function bufferedRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = Readable.from(body.length > 0 ? [body] : [], { objectMode: false });
  // Only headers, method and url are read besides the stream (checked in the package's lib/handler/*).
  return Object.assign(replay, { headers: req.headers, method: req.method, url: req.url }) as unknown as IncomingMessage;
}
