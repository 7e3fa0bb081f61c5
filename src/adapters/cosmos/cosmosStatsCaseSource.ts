import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { StatsCaseSource } from '../../app/stats/wardStats';
import { CASE_STATUSES, ENROLMENT_KINDS } from '../../domain/case';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { ORGANISATION_KEYS } from '../../domain/directory';
import type { StatsCase, StatsHandoff } from '../../domain/stats/statsCase';
import { MILESTONE_STATE_STATUSES } from '../../domain/transitions/milestoneState';

/**
 * The statistics' case source on Cosmos DB: ONE query per ward that selects only the fields of StatsCase
 * (domain/stats/statsCase.ts) — no name, reading, guardian, diagnosis, free text or person on any event
 * ever leaves the store for the statistics. Nested arrays are projected with ARRAY subqueries (supported
 * by Cosmos DB and by the embedded stand-in, which lacks OFFSET/LIMIT, DISTINCT and GROUP BY — so the
 * counting happens here, in the domain, not in SQL).
 *
 * Partitions: the caseFiles container is partitioned by /caseId (one logical partition per case, see
 * cosmosStore.ts), so a ward's cases span every partition and the ward is a filter (`c.wardId = @ward`),
 * not a partition key: this is one cross-partition query per 統計 (the SDK fans it out over the physical
 * partitions and pages through the results). It is not a hot path (a few views per conference), and
 * `npm run bench` counts and times it at 100, 1,000 and 20,000 children.
 */
const STATS_QUERY = `SELECT
  c.record.child.birthDate AS birthDate,
  c.record.enrolment.kind AS enrolmentKind,
  ARRAY(SELECT i.code, i.watchLevel FROM i IN c.record.careItems) AS careItems,
  c.record.district AS district,
  c.record.createdAt AS createdAt,
  ARRAY(SELECT s.status, s.at FROM s IN c.record.statusHistory) AS statusHistory,
  c.record.assignedCoordinator.aadObjectId AS coordinatorKey,
  ARRAY(SELECT h.createdAt, ARRAY(SELECT e.type, e.to, e.at, e.forwardedTo FROM e IN h.history) AS events FROM h IN c.handoffs) AS intakes,
  ARRAY(SELECT p.organisation, ARRAY(SELECT e.type, e.at FROM e IN p.history) AS events FROM p IN c.packages) AS packages,
  ARRAY(SELECT m.id, m.status, m.at FROM m IN c.milestones) AS milestones,
  c.record.fictional AS fictional
FROM c WHERE c.wardId = @ward`;

const iso = z.string();
const org = z.enum(ORGANISATION_KEYS);
const date = z.object({ year: z.number().int(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
const intakeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sent'), to: org, at: iso }),
  z.object({ type: z.literal('accepted'), at: iso }),
  z.object({ type: z.literal('declined'), at: iso, forwardedTo: z.union([org, z.literal('desk')]) }),
]);
const packageEventType = z.enum(['sent', 'received', 'ready', 'returned', 'asked', 'answered', 'reported']);

/** One row of STATS_QUERY, parsed (documents written before a field existed have it absent). */
const statsRow = z.object({
  birthDate: date,
  enrolmentKind: z.enum(ENROLMENT_KINDS).optional(),
  careItems: z.array(z.object({ code: z.enum(CARE_ITEM_CODES), watchLevel: z.enum(['high', 'medium', 'low']).optional() })),
  district: z.string().default(''),
  createdAt: iso,
  statusHistory: z.array(z.object({ status: z.enum(CASE_STATUSES), at: iso })),
  coordinatorKey: z.string().optional(),
  intakes: z.array(z.object({ createdAt: iso, events: z.array(intakeEvent) })).default([]),
  packages: z.array(z.object({ organisation: org, events: z.array(z.object({ type: packageEventType, at: iso })) })).default([]),
  milestones: z.array(z.object({ id: z.string(), status: z.enum(MILESTONE_STATE_STATUSES), at: iso })).default([]),
  fictional: z.boolean(),
});

function statsCaseOfRow(row: z.infer<typeof statsRow>): StatsCase {
  const handoffs: StatsHandoff[] = [
    ...row.intakes.map((h): StatsHandoff => ({ type: 'intake', createdAt: h.createdAt, events: h.events })),
    ...row.packages.map((p): StatsHandoff => ({ type: 'package', organisation: p.organisation, events: p.events })),
  ];
  return {
    birthDate: row.birthDate,
    enrolmentKind: row.enrolmentKind,
    careItems: row.careItems.map((i) => (i.watchLevel === undefined ? { code: i.code } : { code: i.code, watchLevel: i.watchLevel })),
    district: row.district,
    createdAt: row.createdAt,
    statusHistory: row.statusHistory,
    coordinatorKey: row.coordinatorKey,
    handoffs,
    milestones: row.milestones,
    fictional: row.fictional,
  };
}

export class CosmosStatsCaseSource implements StatsCaseSource {
  constructor(
    private readonly caseFiles: Container,
    /**
     * Rows per page (a row is about half a kilobyte; Cosmos DB also ends a page at 4 MB): the SDK follows
     * continuation tokens until the ward is read, one request per page.
     */
    private readonly pageSize = 5000,
  ) {}

  async casesForStats(wardId: string): Promise<readonly StatsCase[]> {
    const iterator = this.caseFiles.items.query<unknown>({ query: STATS_QUERY, parameters: [{ name: '@ward', value: wardId }] }, { maxItemCount: this.pageSize });
    const out: StatsCase[] = [];
    while (iterator.hasMoreResults()) {
      const page = await iterator.fetchNext();
      for (const raw of page.resources ?? []) out.push(statsCaseOfRow(statsRow.parse(raw)));
    }
    return out;
  }
}
