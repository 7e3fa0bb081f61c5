import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChangeFeedStartFrom, CosmosClient, ErrorResponse, type Container } from '@azure/cosmos';
import { startEmbeddedCosmos, type EmbeddedCosmos, type EmbeddedCosmosOptions } from '../../src/adapters/embedded/cosmos/embeddedCosmosServer';
import { CONTAINER_ID, DATABASE_ID, type Announcement } from '../support/embeddedCosmosChild';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SYSTEM_PROPERTIES = new Set(['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn']);

interface Session {
  readonly cosmos: EmbeddedCosmos;
  readonly client: CosmosClient;
  readonly container: Container;
}

describe('embedded Cosmos server (durable stand-in)', function () {
  this.timeout(30_000);
  let dataDir: string;
  const open: Session[] = [];

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'embedded-cosmos-'));
  });

  afterEach(async () => {
    for (const session of open.splice(0)) await closeSession(session);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function startSession(options: Partial<EmbeddedCosmosOptions> = {}, defaultTtl?: number): Promise<Session> {
    const cosmos = await startEmbeddedCosmos({ dataDir, ...options });
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      agent: new https.Agent({ rejectUnauthorized: cosmos.tlsRejectUnauthorized }),
    });
    const { database } = await client.databases.createIfNotExists({ id: DATABASE_ID });
    const { container } = await database.containers.createIfNotExists({
      id: CONTAINER_ID,
      partitionKey: { paths: ['/tenantId'] },
      ...(defaultTtl === undefined ? {} : { defaultTtl }),
    });
    const session = { cosmos, client, container };
    open.push(session);
    return session;
  }

  async function closeSession(session: Session): Promise<void> {
    const index = open.indexOf(session);
    if (index !== -1) open.splice(index, 1);
    session.client.dispose();
    await session.cosmos.close();
  }

  async function restart(session: Session, options: Partial<EmbeddedCosmosOptions> = {}): Promise<Session> {
    await closeSession(session);
    return startSession(options);
  }

  const journalPath = (): string => path.join(dataDir, 'cosmos', 'journal.ndjson');

  async function allDocuments(container: Container): Promise<Map<string, Record<string, unknown>>> {
    const { resources } = await container.items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll();
    return new Map(resources.map((document) => [String(document['id']), document]));
  }

  function content(document: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    return document && Object.fromEntries(Object.entries(document).filter(([name]) => !SYSTEM_PROPERTIES.has(name)));
  }

  function statusOf(error: unknown): number | undefined {
    return error instanceof ErrorResponse ? Number(error.code) : undefined;
  }

  it('when a document is created and replaced with a stale ETag, then 412 and the document is unchanged', async () => {
    const { container } = await startSession();
    const created = await container.items.create({ id: 'case-1', tenantId: 't1', status: 'open' });
    const accepted = await container
      .item('case-1', 't1')
      .replace({ id: 'case-1', tenantId: 't1', status: 'accepted' }, { accessCondition: { type: 'IfMatch', condition: created.etag } });

    await assert.rejects(
      container
        .item('case-1', 't1')
        .replace({ id: 'case-1', tenantId: 't1', status: 'declined' }, { accessCondition: { type: 'IfMatch', condition: created.etag } }),
      (error: unknown) => statusOf(error) === 412,
    );

    const read = await container.item('case-1', 't1').read<Record<string, unknown>>();
    assert.deepEqual(content(read.resource), { id: 'case-1', tenantId: 't1', status: 'accepted' });
    assert.equal(read.etag, accepted.etag);
  });

  it('when the process is killed with SIGKILL during writes, then every acknowledged write is there after a restart', async () => {
    const killAfterAcks = 60;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embeddedCosmosChild.ts', dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let stdout = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (killed || stdout.split('\n').filter((line) => line.startsWith('ack ')).length < killAfterAcks) return;
      killed = child.kill('SIGKILL');
    });
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, signalCode) => resolve([code, signalCode])),
    );
    assert.equal(signal, 'SIGKILL', `the child ended on its own (exit ${String(exitCode)}): ${stderr}`);

    // Every complete line the child printed counts, including those still in the pipe when it was killed.
    const lines = stdout.split('\n').slice(0, -1);
    const announcements = lines
      .filter((line) => line.startsWith('intent ') || line.startsWith('ack '))
      .map((line) => ({ kind: line.slice(0, line.indexOf(' ')), ...(JSON.parse(line.slice(line.indexOf(' ') + 1)) as Announcement) }));
    const acknowledged = announcements.filter((announcement) => announcement.kind === 'ack');
    assert.ok(acknowledged.length >= killAfterAcks);

    const { container } = await startSession();
    const stored = await allDocuments(container);
    const workers = new Set(announcements.map((announcement) => announcement.worker));
    for (const worker of workers) {
      const own = announcements.filter((announcement) => announcement.worker === worker);
      const acked = own.filter((announcement) => announcement.kind === 'ack');
      const lastIntent = own.filter((announcement) => announcement.kind === 'intent').at(-1);
      const inFlight = lastIntent && own.at(-1)?.kind === 'intent' ? lastIntent : undefined;
      const expected = applyEffects(acked);
      const actual = new Map([...stored].filter(([, document]) => document['tenantId'] === `t${worker}`).map(([id, document]) => [id, content(document)]));
      const matchesAcknowledged = sameContents(actual, expected);
      const matchesWithInFlight = inFlight !== undefined && sameContents(actual, applyEffects([...acked, inFlight]));
      assert.ok(matchesAcknowledged || matchesWithInFlight, `worker ${worker}: stored documents differ from the acknowledged writes`);
      acked.forEach((ack, index) => {
        const later = [...acked.slice(index + 1), ...(inFlight ? [inFlight] : [])];
        for (const [id, etag] of Object.entries(ack.etags ?? {})) {
          const rewrittenLater = later.some((announcement) => announcement.effects.some((effect) => effect.id === id));
          if (!rewrittenLater) assert.equal(stored.get(id)?.['_etag'], etag, `ETag of ${id} survives the restart`);
        }
      });
    }
  });

  it('when the journal ends with a torn line, then the start ignores and cuts it and later writes survive', async () => {
    const first = await startSession();
    await first.container.items.create({ id: 'a', tenantId: 't1', n: 1 });
    await first.container.items.create({ id: 'b', tenantId: 't1', n: 2 });
    await closeSession(first);
    const intact = await fs.readFile(journalPath());
    await fs.appendFile(journalPath(), '{"op":"putDocument","dbId":"durability","containerId":"rec');

    const second = await startSession();
    assert.deepEqual([...(await allDocuments(second.container)).keys()].sort(), ['a', 'b']);
    assert.equal(second.cosmos.health().ok, true);
    assert.deepEqual(await fs.readFile(journalPath()), intact);
    await second.container.items.create({ id: 'c', tenantId: 't1', n: 3 });

    const third = await restart(second);
    assert.deepEqual([...(await allDocuments(third.container)).keys()].sort(), ['a', 'b', 'c']);
    assert.ok(third.cosmos.health().replayedEntries > 0);
  });

  it('when a large journal is compacted at start, then live documents, their ETags and ids are kept and deleted ones dropped', async () => {
    const first = await startSession();
    const database = first.client.database(DATABASE_ID);
    const { container: dropped } = await database.containers.createIfNotExists({ id: 'dropped', partitionKey: { paths: ['/tenantId'] } });
    await dropped.items.create({ id: 'gone', tenantId: 't1' });
    await dropped.delete();
    const { container: later, resource: laterBefore } = await database.containers.createIfNotExists({ id: 'later', partitionKey: { paths: ['/tenantId'] } });
    const { resource: laterDocument } = await later.items.create({ id: 'kept', tenantId: 't1' });
    for (let n = 0; n < 20; n += 1) await first.container.items.create({ id: `doc-${n}`, tenantId: `t${n % 3}`, n });
    for (let n = 0; n < 20; n += 2) await first.container.item(`doc-${n}`, `t${n % 3}`).replace({ id: `doc-${n}`, tenantId: `t${n % 3}`, n, even: true });
    for (let n = 0; n < 20; n += 5) await first.container.item(`doc-${n}`, `t${n % 3}`).delete();
    const before = await allDocuments(first.container);
    await closeSession(first);
    const sizeBefore = (await fs.stat(journalPath())).size;

    const compacted = await restart(first, { compactAboveBytes: 1024 });
    const lines = (await fs.readFile(journalPath(), 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 1 + 2 + before.size + 1, 'database, two containers and one line per live document');
    assert.ok(compacted.cosmos.health().journalBytes < sizeBefore);
    assert.ok(lines.every((line) => !/"deleteDocument"|"doc-(0|5|10|15)"/.test(line)));
    const containerLine = JSON.parse(lines[1] ?? '{}') as { container?: { partitionKey?: { paths?: string[] } } };
    assert.deepEqual(containerLine.container?.partitionKey?.paths, ['/tenantId']);

    const reopened = await restart(compacted);
    const after = await allDocuments(reopened.container);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [id, document] of before) {
      assert.deepEqual(content(after.get(id)), content(document));
      assert.equal(after.get(id)?.['_etag'], document['_etag']);
      assert.equal(after.get(id)?.['_rid'], document['_rid']);
    }
    const laterAfter = reopened.client.database(DATABASE_ID).container('later');
    assert.equal((await laterAfter.read()).resource?._rid, laterBefore?._rid);
    assert.equal((await laterAfter.item('kept', 't1').read()).resource?._rid, laterDocument?._rid);
  });

  it('when a transactional batch has a failing operation, then none of it is applied, before and after a restart', async () => {
    const first = await startSession();
    await first.container.items.create({ id: 'existing', tenantId: 't1', n: 1 });
    const response = await first.container.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'new', tenantId: 't1' } },
        { operationType: 'Replace', id: 'existing', resourceBody: { id: 'existing', tenantId: 't1', n: 2 } },
        { operationType: 'Create', resourceBody: { id: 'existing', tenantId: 't1' } },
      ],
      't1',
    );
    assert.equal(response.code, 207);
    assert.deepEqual(response.result?.map((result) => result.statusCode), [424, 424, 409]);
    const expected = new Map([['existing', { id: 'existing', tenantId: 't1', n: 1 }]]);
    assert.ok(sameContents(new Map([...(await allDocuments(first.container))].map(([id, d]) => [id, content(d)])), expected));

    const second = await restart(first);
    assert.ok(sameContents(new Map([...(await allDocuments(second.container))].map(([id, d]) => [id, content(d)])), expected));
  });

  it('when documents change after a change-feed read, then the next read returns only them, also after a restart', async () => {
    const first = await startSession();
    await first.container.items.create({ id: 'a', tenantId: 't1' });
    const feed = first.container.items.getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() });
    assert.deepEqual((await feed.readNext()).result.map((document: { id: string }) => document.id), ['a']);
    await first.container.items.create({ id: 'b', tenantId: 't2' });
    const page = await feed.readNext();
    assert.deepEqual(page.result.map((document: { id: string }) => document.id), ['b']);
    assert.equal((await feed.readNext()).statusCode, 304);

    const second = await restart(first);
    await second.container.items.upsert({ id: 'a', tenantId: 't1', touched: true });
    const resumed = second.container.items.getChangeFeedIterator({
      changeFeedStartFrom: ChangeFeedStartFrom.Continuation(page.continuationToken),
    });
    assert.deepEqual((await resumed.readNext()).result.map((document: { id: string }) => document.id), ['a']);
  });

  it('when a container has a defaultTtl, then an expired document is deleted and stays deleted after a restart', async () => {
    const first = await startSession({ ttlSweepIntervalMs: 100 }, 1);
    await first.container.items.create({ id: 'short', tenantId: 't1' });
    await first.container.items.create({ id: 'kept', tenantId: 't1', ttl: -1 });
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    assert.deepEqual([...(await allDocuments(first.container)).keys()], ['kept']);

    const second = await restart(first);
    assert.deepEqual([...(await allDocuments(second.container)).keys()], ['kept']);
  });
});

function applyEffects(announcements: readonly Announcement[]): Map<string, Record<string, unknown>> {
  const documents = new Map<string, Record<string, unknown>>();
  for (const announcement of announcements) {
    for (const effect of announcement.effects) {
      if ('delete' in effect) documents.delete(effect.id);
      else documents.set(effect.id, effect.set);
    }
  }
  return documents;
}

function sameContents(actual: ReadonlyMap<string, Record<string, unknown> | undefined>, expected: ReadonlyMap<string, Record<string, unknown>>): boolean {
  if (actual.size !== expected.size) return false;
  for (const [id, document] of expected) {
    try {
      assert.deepEqual(actual.get(id), document);
    } catch {
      return false;
    }
  }
  return true;
}
