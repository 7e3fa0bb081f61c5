/**
 * Transactional batch and bulk for the embedded Cosmos server, replacing the package's batch handler, which
 * (1.0.1) is not atomic (operations before a failure stay applied), needs a partition key on every operation
 * (the SDK sends it once, in the header) and has no Patch.
 *
 * Atomic batches run their operations in order, keeping the before-image of every document they write; on the
 * first failure the writes are undone in reverse order, the failed operation keeps its status, every other one
 * gets 424, and the response is 207 (as Cosmos DB does). Only a batch that fully succeeded yields journal entries.
 */
import { z } from 'zod';
import type Collection from '@vercel/cosmosdb-server/lib/account/collection';
import type ItemObject from '@vercel/cosmosdb-server/lib/account/item-object';
import {
  createOperation,
  deleteOperation,
  readOperation,
  replaceOperation,
  upsertOperation,
  type OperationResult,
} from '@vercel/cosmosdb-server/lib/handler/_document-operations';
import { patchOperation } from '@vercel/cosmosdb-server/lib/handler/_patch-operations';
import { parsePartitionKey } from '@vercel/cosmosdb-server/lib/utils/get-partition-from-header';
import type { JSONObject } from '@vercel/cosmosdb-server/lib/types';
import { deleteDocumentIfPresent, putDocumentImage, toPartitionValue, type JournalEntry } from './journalEntries';

const FAILED_DEPENDENCY = 424;
const MULTI_STATUS = 207;

const patchSpecification = z.object({
  operations: z.array(z.object({ op: z.enum(['add', 'set', 'replace', 'remove', 'incr', 'move']), path: z.string(), value: z.json().optional(), from: z.string().optional() })),
  condition: z.string().optional(),
});

const operationSchema = z.object({
  operationType: z.enum(['Create', 'Upsert', 'Read', 'Delete', 'Replace', 'Patch']),
  id: z.string().optional(),
  partitionKey: z.string().optional(),
  ifMatch: z.string().optional(),
  resourceBody: z.record(z.string(), z.json()).optional(),
});
type BatchOperation = z.infer<typeof operationSchema>;

export interface BatchOptions {
  /** Raw `x-ms-documentdb-partitionkey` header, used by operations that carry none. */
  readonly partitionKey: string | undefined;
  readonly atomic: boolean;
  readonly continueOnError: boolean;
}

export interface BatchOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly entries: JournalEntry[];
}

interface OperationReport {
  readonly statusCode: number;
  readonly requestCharge: number;
  readonly eTag?: string;
  readonly resourceBody?: JSONObject;
}

interface Step {
  readonly result: OperationResult;
  readonly undo?: () => void;
  readonly entry?: JournalEntry;
}

type Where = { readonly dbId: string; readonly containerId: string };

export function executeBatch(collection: Collection, where: Where, body: unknown, options: BatchOptions): BatchOutcome {
  const parsed = z.array(operationSchema).safeParse(body);
  if (!parsed.success) return { status: 400, body: { code: 'BadRequest', message: 'Invalid batch request body' }, entries: [] };
  const reports: OperationReport[] = [];
  const undos: Array<() => void> = [];
  const entries: JournalEntry[] = [];
  let failedAt: number | undefined;
  for (const [index, operation] of parsed.data.entries()) {
    if (failedAt !== undefined && (options.atomic || !options.continueOnError)) {
      reports.push({ statusCode: FAILED_DEPENDENCY, requestCharge: 0 });
      continue;
    }
    const step = runSafely(collection, where, operation, operation.partitionKey ?? options.partitionKey);
    if (step.result.statusCode >= 400) {
      failedAt ??= index;
      reports.push({ statusCode: step.result.statusCode, requestCharge: 0 });
      continue;
    }
    const resourceBody = step.result.body;
    const eTag = typeof resourceBody?.['_etag'] === 'string' ? resourceBody['_etag'] : undefined;
    reports.push({ statusCode: step.result.statusCode, requestCharge: 1, ...(resourceBody ? { eTag, resourceBody } : {}) });
    if (step.undo) undos.push(step.undo);
    if (step.entry) entries.push(step.entry);
  }
  if (failedAt !== undefined && options.atomic) {
    for (const undo of undos.reverse()) undo();
    const failed = failedAt;
    return { status: MULTI_STATUS, body: reports.map((report, index) => (index === failed ? report : { statusCode: FAILED_DEPENDENCY, requestCharge: 0 })), entries: [] };
  }
  return { status: 200, body: reports, entries };
}

function runSafely(collection: Collection, where: Where, operation: BatchOperation, partitionKey: string | undefined): Step {
  try {
    return run(collection, where, operation, partitionKey);
  } catch (error) {
    return { result: { statusCode: 400, body: { code: 'BadRequest', message: error instanceof Error ? error.message : 'invalid operation' } } };
  }
}

function badRequest(message: string): Step {
  return { result: { statusCode: 400, body: { code: 'BadRequest', message } } };
}

function run(collection: Collection, where: Where, operation: BatchOperation, partitionKey: string | undefined): Step {
  const { resourceBody, ifMatch } = operation;
  const documentId = operation.id ?? (typeof resourceBody?.['id'] === 'string' ? resourceBody['id'] : undefined);
  if (documentId === undefined) return badRequest('missing id');
  const lookupPartition = (): unknown => {
    if (partitionKey === undefined) throw new Error('missing partition key');
    return parsePartitionKey(partitionKey, documentId);
  };
  const current = (partition: unknown): ItemObject | undefined => {
    const image = collection.document(documentId, partition).read();
    return image ? { ...image } : undefined;
  };
  switch (operation.operationType) {
    case 'Read':
      return { result: readOperation(collection, { id: documentId, partitionKey }) };
    case 'Create':
      if (!resourceBody) return badRequest('missing resourceBody');
      return written(collection, where, undefined, createOperation(collection, { resourceBody }));
    case 'Upsert': {
      if (!resourceBody) return badRequest('missing resourceBody');
      const before = current(collection.documents._getPartition(resourceBody));
      return written(collection, where, before, upsertOperation(collection, { resourceBody, partitionKey, ifMatch }));
    }
    case 'Replace': {
      if (!resourceBody) return badRequest('missing resourceBody');
      const before = current(lookupPartition());
      return written(collection, where, before, replaceOperation(collection, { resourceBody, partitionKey, ifMatch }));
    }
    case 'Patch': {
      const specification = patchSpecification.safeParse(resourceBody);
      if (!specification.success) return badRequest('Invalid patch request: check syntax of patch specification.');
      const before = current(lookupPartition());
      const result = patchOperation(collection, { id: documentId, partitionKey, ifMatch, ...specification.data });
      return written(collection, where, before, result);
    }
    case 'Delete': {
      const partition = lookupPartition();
      const before = current(partition);
      const result = deleteOperation(collection, { id: documentId, partitionKey, ifMatch });
      if (result.statusCode >= 400 || !before) return { result };
      return {
        result,
        undo: () => putDocumentImage(collection, before),
        entry: { op: 'deleteDocument', ...where, id: before.id, partition: toPartitionValue(partition) },
      };
    }
  }
}

/** A successful Create/Upsert/Replace/Patch: undo restores the before-image (or removes the new document). */
function written(collection: Collection, where: Where, before: ItemObject | undefined, result: OperationResult): Step {
  const after = result.body;
  if (result.statusCode >= 400 || !after || typeof after['id'] !== 'string') return { result };
  const document = { ...after, id: after['id'] };
  const undo = before
    ? () => void putDocumentImage(collection, before)
    : () => deleteDocumentIfPresent(collection, document.id, collection.documents._getPartition(document));
  return { result, undo, entry: { op: 'putDocument', ...where, document } };
}
