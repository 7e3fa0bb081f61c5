/**
 * Child process for the embedded Cosmos durability test: starts the stand-in on the data directory given as the
 * first argument and writes through the real SDK with several concurrent workers until it is killed.
 *
 * Before each operation it prints `intent <json>` and after the SDK has the success response `ack <json>`, where
 * the JSON lists what the operation does to which documents (`set` with the expected content, or `delete`) and,
 * in the ack, the ETags the SDK was given. Each line is one write() of less than PIPE_BUF, so it is never torn.
 */
import * as https from 'node:https';
import { CosmosClient, type Container } from '@azure/cosmos';
import { startEmbeddedCosmos } from '../../src/adapters/embedded/cosmos/embeddedCosmosServer';

export type Effect = { readonly id: string; readonly set: Record<string, unknown> } | { readonly id: string; readonly delete: true };
export interface Announcement {
  readonly worker: number;
  readonly step: number;
  readonly effects: readonly Effect[];
  readonly etags?: Readonly<Record<string, string>>;
}

export const DATABASE_ID = 'durability';
export const CONTAINER_ID = 'records';
const WORKERS = 4;
const STEPS = 100_000;

function announce(kind: 'intent' | 'ack', announcement: Announcement): void {
  process.stdout.write(`${kind} ${JSON.stringify(announcement)}\n`);
}

async function runWorker(container: Container, worker: number): Promise<void> {
  const tenantId = `t${worker}`;
  const current = new Map<string, { body: Record<string, unknown>; etag: string }>();
  const idOf = (step: number): string => `w${worker}-${step}`;
  for (let step = 0; step < STEPS; step += 1) {
    const created = { id: idOf(step), tenantId, step, note: `ケア記録 ${step}`, tags: ['daily', `s${step % 7}`] };
    announce('intent', { worker, step, effects: [{ id: created.id, set: created }] });
    const createResponse = await container.items.create(created);
    current.set(created.id, { body: created, etag: createResponse.etag });
    announce('ack', { worker, step, effects: [{ id: created.id, set: created }], etags: { [created.id]: createResponse.etag } });

    const previous = current.get(idOf(step - 1));
    if (step % 3 === 2 && previous) {
      const replaced: Record<string, unknown> = { ...previous.body, replacedAt: step };
      const id = String(replaced['id']);
      announce('intent', { worker, step, effects: [{ id, set: replaced }] });
      const response = await container.item(id, tenantId).replace(replaced, { accessCondition: { type: 'IfMatch', condition: previous.etag } });
      current.set(id, { body: replaced, etag: response.etag });
      announce('ack', { worker, step, effects: [{ id, set: replaced }], etags: { [id]: response.etag } });
    }
    const old = current.get(idOf(step - 3));
    if (step % 4 === 3 && old) {
      const id = String(old.body['id']);
      announce('intent', { worker, step, effects: [{ id, delete: true }] });
      await container.item(id, tenantId).delete();
      current.delete(id);
      announce('ack', { worker, step, effects: [{ id, delete: true }] });
    }
    if (step % 5 === 4) {
      const pair = [0, 1].map((n) => ({ id: `${idOf(step)}-b${n}`, tenantId, step, batch: n }));
      const effects = pair.map((body) => ({ id: body.id, set: body }));
      announce('intent', { worker, step, effects });
      const response = await container.items.batch(
        pair.map((body) => ({ operationType: 'Upsert' as const, resourceBody: body })),
        tenantId,
      );
      if (response.code !== 200) throw new Error(`batch failed with ${String(response.code)}`);
      const etags = Object.fromEntries(response.result?.map((result, n) => [pair[n]?.id ?? '', result.eTag ?? '']) ?? []);
      announce('ack', { worker, step, effects, etags });
    }
  }
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: embeddedCosmosChild.ts <dataDir>');
  const cosmos = await startEmbeddedCosmos({ dataDir });
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    agent: new https.Agent({ rejectUnauthorized: cosmos.tlsRejectUnauthorized, keepAlive: true }),
  });
  const { database } = await client.databases.createIfNotExists({ id: DATABASE_ID });
  const { container } = await database.containers.createIfNotExists({ id: CONTAINER_ID, partitionKey: { paths: ['/tenantId'] } });
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: WORKERS }, (_, worker) => runWorker(container, worker)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`embeddedCosmosChild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
