import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { AUDIT_OPERATIONS } from '../../domain/audit';
import { ROLL_CALL_REASONS, SAFETY_STATUSES, SUPPORT_NEEDS, hasRollCallOutboxWork, type RollCall } from '../../domain/disaster/rollCall';
import type { RollCallRepository } from '../../app/disaster/ports';
import type { SaveResult, Versioned } from '../../app/ports';
import { createOnce, readWithEtag, replaceIfMatch } from './guardedItems';

/**
 * Roll-calls (安否確認) in the `meta` container, one document per roll-call: id = pk = `rollcall:<id>`, so
 * each roll-call is its own logical partition and every confirmation is one point read + one conditional
 * replace (IfMatch ETag) there. No change to cosmosStore.ts is needed.
 *
 * Why one document and not one per responsible group. Itabashi has on the order of a hundred or two
 * 医療的ケア児 and a roll-call is started for the ward or some districts, so a document holds at most
 * ROLL_CALL_LIMITS.childrenMax (400) children with at most 5 confirmations each (notes ≤ 200 characters):
 * typically well under 100 KB, at worst about 1.7 MB — within Cosmos DB's 2 MB item limit. Confirmations
 * arrive at human speed (a few per second at the very peak, across 10–20 coordinators); a conflicting
 * replace costs one more read and write, and mutateRollCall retries with a random wait, so all of them
 * survive (test/contract/rollCalls.test.ts fires 20 at once). In exchange, start and close are single
 * atomic writes, the summary is one point read, and "closed" can never race a confirmation. Should a
 * roll-call ever span thousands of children (several wards at once), split the document per group
 * (`rollcall:<id>:<groupKey>`, same pk) — the domain already works per group.
 *
 * If the ward prefers a container of its own, it would be `rollCalls` with partition key `/rollCallId`,
 * the same documents, and a TTL policy for closed roll-calls after the retention period.
 */
const iso = z.string().min(1);
const person = z.object({ aadObjectId: z.string().min(1), displayName: z.string() });
const responsible = z.discriminatedUnion('kind', [person.extend({ kind: z.literal('coordinator') }), z.object({ kind: z.literal('casework') })]);

const auditEntry = z.object({
  id: z.string(),
  caseId: z.string(),
  actor: z.string(),
  operation: z.enum(AUDIT_OPERATIONS),
  action: z.string(),
  fields: z.array(z.string()),
  at: iso,
  conversationId: z.string().optional(),
});

export const ROLL_CALL_SCHEMA_VERSION = 1;

const rollCallDocument = z.object({
  id: z.string(),
  pk: z.string(),
  kind: z.literal('rollCall'),
  schemaVersion: z.literal(ROLL_CALL_SCHEMA_VERSION),
  /** Denormalised for the sweeps' queries. */
  open: z.boolean(),
  hasOutboxWork: z.boolean(),
  rollCallId: z.string().min(1),
  wardId: z.string().min(1),
  scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('ward') }), z.object({ kind: z.literal('districts'), districts: z.array(z.string()) })]),
  reason: z.object({ kind: z.enum(ROLL_CALL_REASONS), note: z.string() }),
  eventStartedAt: iso,
  startedBy: person,
  startedAt: iso,
  groups: z.array(z.object({ key: z.string(), responsible })),
  children: z.array(z.object({ caseId: z.string(), caseCode: z.string(), district: z.string(), districtUnknown: z.boolean(), groupKey: z.string() })),
  confirmations: z.array(
    z.object({ key: z.string(), caseId: z.string(), status: z.enum(SAFETY_STATUSES), needs: z.array(z.enum(SUPPORT_NEEDS)), note: z.string(), by: person, at: iso }),
  ),
  reminderLog: z.array(z.object({ groupKey: z.string(), rounds: z.number().int().min(0), lastAt: iso })),
  pendingReminders: z.array(z.object({ id: z.string(), groupKey: z.string(), round: z.number().int().min(1), at: iso, caseIds: z.array(z.string()) })),
  closed: z.object({ by: person, at: iso, note: z.string() }).optional(),
  pendingAudit: z.array(auditEntry),
  /** The summary and group cards in Teams (added with the bot wiring: absent means none). */
  cards: z
    .array(
      z.object({
        id: z.string().min(1),
        view: z.enum(['summary', 'group']),
        groupKey: z.string().optional(),
        address: z.object({ serviceUrl: z.string(), tenantId: z.string().optional(), conversationId: z.string(), channelId: z.string().optional(), isChannel: z.boolean() }),
        activityId: z.string().optional(),
        version: z.number().int().min(0),
        syncedVersion: z.number().int().min(0),
        gaveUp: z.boolean(),
      }),
    )
    .default([]),
});
type RollCallDocument = z.infer<typeof rollCallDocument>;

const docId = (rollCallId: string) => `rollcall:${rollCallId}`;
const MAX_LIST = 1000;

function toDocument(rc: RollCall): RollCallDocument {
  const id = docId(rc.id);
  const { id: rollCallId, closed, pendingAudit, cards, ...rest } = rc;
  return rollCallDocument.parse({
    ...rest,
    cards: cards ?? [],
    id,
    pk: id,
    kind: 'rollCall',
    schemaVersion: ROLL_CALL_SCHEMA_VERSION,
    open: closed === undefined,
    hasOutboxWork: hasRollCallOutboxWork(rc),
    rollCallId,
    ...(closed ? { closed } : {}),
    pendingAudit,
  });
}

function toRollCall(doc: RollCallDocument): RollCall {
  const { id: _id, pk: _pk, kind: _kind, schemaVersion: _v, open: _open, hasOutboxWork: _work, rollCallId, closed, pendingAudit, cards, ...rest } = doc;
  return {
    ...rest,
    ...(cards.length ? { cards: cards.map((c) => ({ ...c, groupKey: c.groupKey, activityId: c.activityId, address: { ...c.address, tenantId: c.address.tenantId, channelId: c.address.channelId } })) } : {}),
    id: rollCallId,
    closed,
    pendingAudit: pendingAudit.map((e) => ({ ...e, conversationId: e.conversationId })),
  };
}

export class CosmosRollCallRepository implements RollCallRepository {
  constructor(private readonly meta: Container) {}

  create(rc: RollCall): Promise<'created' | 'exists'> {
    return createOnce(this.meta, toDocument(rc));
  }

  async load(rollCallId: string): Promise<Versioned<RollCall> | undefined> {
    const id = docId(rollCallId);
    const found = await readWithEtag(this.meta, id, id);
    return found ? { value: toRollCall(rollCallDocument.parse(found.resource)), etag: found.etag } : undefined;
  }

  replace(rc: RollCall, etag: string): Promise<SaveResult> {
    const id = docId(rc.id);
    return replaceIfMatch(this.meta, id, id, toDocument(rc), etag);
  }

  async listOpen(wardId: string, limit: number): Promise<string[]> {
    const { resources } = await this.meta.items
      .query<{ rollCallId: unknown; startedAt: unknown }>({
        query: "SELECT c.rollCallId, c.startedAt FROM c WHERE c.kind = 'rollCall' AND c.wardId = @w AND c.open = true",
        parameters: [{ name: '@w', value: wardId }],
      })
      .fetchAll();
    return idsOldestFirst(resources, limit);
  }

  async listWithOutboxWork(limit: number): Promise<string[]> {
    const { resources } = await this.meta.items
      .query<{ rollCallId: unknown; startedAt: unknown }>({ query: "SELECT c.rollCallId, c.startedAt FROM c WHERE c.kind = 'rollCall' AND c.hasOutboxWork = true" })
      .fetchAll();
    return idsOldestFirst(resources, limit);
  }
}

const listRow = z.object({ rollCallId: z.string(), startedAt: z.string() });

/** Sorted here rather than by the query: few rows, and a cross-partition ORDER BY needs a composite index. */
function idsOldestFirst(rows: readonly unknown[], limit: number): string[] {
  return rows
    .map((r) => listRow.parse(r))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.rollCallId.localeCompare(b.rollCallId))
    .slice(0, Math.min(limit, MAX_LIST))
    .map((r) => r.rollCallId);
}
