import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosStore } from '../../src/adapters/cosmos/cosmosStore';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/adapters/embedded/cosmos/embeddedCosmosServer';

/** The embedded Cosmos stand-in with the app's containers, in a temp data directory. */
export async function startCosmosFixture(): Promise<{ store: CosmosStore; server: EmbeddedCosmos; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsunagu-cosmos-'));
  const server = await startEmbeddedCosmos({ dataDir: dir });
  const store = await CosmosStore.connect({ kind: 'key', endpoint: server.endpoint, key: server.key, rejectUnauthorized: server.tlsRejectUnauthorized }, 'tsunagu', true);
  return {
    store,
    server,
    async stop() {
      store.dispose();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
