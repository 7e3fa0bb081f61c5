import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { StatsCsvGrant, StatsCsvGrants } from '../../app/stats/statsCsvLinks';
import { cosmosStatus } from './cosmosStore';

const grantDoc = z.object({
  id: z.string(),
  pk: z.string(),
  wardId: z.string(),
  schoolYear: z.number().int().min(2000).max(2200),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  actor: z.string(),
  language: z.enum(['ja', 'en']),
  expiresAt: z.string(),
});

/** One-time CSV links of the statistics (`statsCsv:<token>` in `meta`): taken once with an ETag-guarded delete. */
export class CosmosStatsCsvGrants implements StatsCsvGrants {
  constructor(private readonly meta: Container) {}

  async save(g: StatsCsvGrant): Promise<void> {
    const id = `statsCsv:${g.token}`;
    await this.meta.items.create({ id, pk: id, wardId: g.wardId, schoolYear: g.period.schoolYear, quarter: g.period.quarter, actor: g.actor, language: g.language, expiresAt: g.expiresAt });
  }

  async take(token: string): Promise<StatsCsvGrant | undefined> {
    const id = `statsCsv:${token}`;
    try {
      const { resource, etag } = await this.meta.item(id, id).read();
      if (!resource) return undefined;
      const doc = grantDoc.parse(resource);
      await this.meta.item(id, id).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return { token, wardId: doc.wardId, period: { schoolYear: doc.schoolYear, quarter: doc.quarter }, actor: doc.actor, language: doc.language, expiresAt: doc.expiresAt };
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 404 || status === 412) return undefined;
      throw err;
    }
  }
}
