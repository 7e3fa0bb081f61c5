import { CosmosClient, type Container, type Database, type PartitionKeyDefinition, type IndexingPolicy } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import https from 'node:https';

/**
 * Containers and partition keys, designed for production with several wards in one account:
 * - caseFiles  /caseId : one document per case (`<ward>:<code>`): case, handoffs, idempotency keys and
 *                         the outbox of that case. Every click is one point read + one conditional replace
 *                         inside one logical partition; partitions grow with children, never hot.
 * - audit      /caseId : append-only entries; a case's trail (disclosure requests) is one partition.
 * - meta       /pk     : small documents keyed by purpose: `counter:<ward>:<year>`, `form:<formId>`,
 *                         `user:<aadObjectId>`, `conv:<ward>`.
 * - issues     /wardId : the ward's issue stock (課題) and its conference agendas: an agenda pull is one
 *                         single-partition query; a ward records a few hundred issues a year.
 * - meetings   /wardId : conferences (支援会議 and the ward's 会議), one document per meeting; a ward's are one
 *                         partition (see cosmosMeetings.ts).
 */
export const CONTAINERS = {
  caseFiles: { id: 'caseFiles', partitionKey: { paths: ['/caseId'] } },
  audit: { id: 'audit', partitionKey: { paths: ['/caseId'] } },
  meta: { id: 'meta', partitionKey: { paths: ['/pk'] } },
  issues: { id: 'issues', partitionKey: { paths: ['/wardId'] } },
  meetings: { id: 'meetings', partitionKey: { paths: ['/wardId'] } },
} as const satisfies Record<string, { id: string; partitionKey: PartitionKeyDefinition; indexingPolicy?: IndexingPolicy }>;

export type ContainerName = keyof typeof CONTAINERS;

export type CosmosConnection =
  | { readonly kind: 'key'; readonly endpoint: string; readonly key: string; readonly rejectUnauthorized: boolean }
  | { readonly kind: 'entra'; readonly endpoint: string; readonly credential: TokenCredential };

export class CosmosStore {
  private constructor(
    private readonly client: CosmosClient,
    private readonly database: Database,
    private readonly containers: Readonly<Record<ContainerName, Container>>,
  ) {}

  /**
   * Embedded mode creates the database and containers; in azure mode they come from infra/ (Entra
   * data-plane roles cannot create them) and are only checked to exist.
   */
  static async connect(connection: CosmosConnection, databaseId: string, createIfMissing: boolean): Promise<CosmosStore> {
    const client =
      connection.kind === 'key'
        ? new CosmosClient({
            endpoint: connection.endpoint,
            key: connection.key,
            connectionPolicy: { enableEndpointDiscovery: false },
            ...(connection.rejectUnauthorized ? {} : { agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }) }),
          })
        : new CosmosClient({ endpoint: connection.endpoint, aadCredentials: connection.credential });
    let database: Database;
    if (createIfMissing) {
      database = (await client.databases.createIfNotExists({ id: databaseId })).database;
      for (const def of Object.values(CONTAINERS)) await database.containers.createIfNotExists(def);
    } else {
      database = client.database(databaseId);
      for (const def of Object.values(CONTAINERS)) await database.container(def.id).read();
    }
    const containers = Object.fromEntries(Object.entries(CONTAINERS).map(([name, def]) => [name, database.container(def.id)])) as Record<ContainerName, Container>;
    return new CosmosStore(client, database, containers);
  }

  container(name: ContainerName): Container {
    return this.containers[name];
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await this.database.read();
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: cosmosStatus(err) === undefined ? 'unreachable' : `status ${cosmosStatus(err)}` };
    }
  }

  dispose(): void {
    this.client.dispose();
  }
}

export function cosmosStatus(err: unknown): number | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'number') return (err as { code: number }).code;
  return undefined;
}
