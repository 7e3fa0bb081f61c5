import { createReadStream, promises as fs } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CONTAINERS, type ContainerName, type CosmosStore } from '../cosmos/cosmosStore';

/**
 * Export and import of all embedded-mode data as one JSON Lines file: a header line, then one line per
 * document `{ "container": "<name>", "document": { … } }` without Cosmos' system properties. Import only
 * into an empty store, so it can never overwrite or mix data silently.
 */
export const EXPORT_FORMAT = 'tsunagu-export';
const header = z.object({ format: z.literal(EXPORT_FORMAT), version: z.literal(1), exportedAt: z.string(), counts: z.record(z.string(), z.number().int()) });
const containerName = z.enum(Object.keys(CONTAINERS) as [ContainerName, ...ContainerName[]]);
const line = z.object({ container: containerName, document: z.record(z.string(), z.unknown()).refine((d) => typeof d.id === 'string', 'document without id') });

const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn'];

export async function exportData(store: CosmosStore, file: string, now: Date): Promise<Record<ContainerName, number>> {
  const documents: { container: ContainerName; document: Record<string, unknown> }[] = [];
  const counts = {} as Record<ContainerName, number>;
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    const { resources } = await store.container(name).items.readAll<Record<string, unknown>>().fetchAll();
    counts[name] = resources.length;
    for (const r of resources) documents.push({ container: name, document: Object.fromEntries(Object.entries(r).filter(([k]) => !SYSTEM_PROPERTIES.includes(k))) });
  }
  const lines = [JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), counts }), ...documents.map((d) => JSON.stringify(d))];
  const temp = `${file}.partial`;
  await fs.writeFile(temp, `${lines.join('\n')}\n`, { mode: 0o600 });
  await fs.rename(temp, file);
  return counts;
}

export async function importData(store: CosmosStore, file: string): Promise<Record<ContainerName, number>> {
  for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
    const { resources } = await store.container(name).items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    if ((resources[0] ?? 0) > 0) throw new Error(`IMPORT.NOT_EMPTY: the container ${name} already holds data; import only into an empty DATA_DIR`);
  }
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const counts = Object.fromEntries(Object.keys(CONTAINERS).map((k) => [k, 0])) as Record<ContainerName, number>;
  let lineNo = 0;
  let expected: Record<string, number> | undefined;
  for await (const text of rl) {
    lineNo++;
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`IMPORT.INVALID: line ${lineNo} is not JSON`);
    }
    if (lineNo === 1) {
      const h = header.safeParse(raw);
      if (!h.success) throw new Error(`IMPORT.INVALID: line 1 is not a ${EXPORT_FORMAT} header (${h.error.issues[0]?.message ?? ''})`);
      expected = h.data.counts;
      continue;
    }
    const parsed = line.safeParse(raw);
    if (!parsed.success) throw new Error(`IMPORT.INVALID: line ${lineNo}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    await store.container(parsed.data.container).items.create(parsed.data.document);
    counts[parsed.data.container]++;
  }
  if (!expected) throw new Error('IMPORT.INVALID: the file is empty');
  for (const [name, n] of Object.entries(expected)) {
    if (counts[name as ContainerName] !== n) throw new Error(`IMPORT.INCOMPLETE: ${name} has ${counts[name as ContainerName]} documents, the header says ${n}`);
  }
  return counts;
}
