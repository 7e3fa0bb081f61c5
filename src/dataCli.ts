/**
 * `npm run export -- <file>` / `npm run import -- <file>`: all embedded-mode data to or from one JSON Lines
 * file (for moving demo data or backing up a pilot). Stop the bot first: the data directory is locked.
 */
import { resolve } from 'node:path';
import { CosmosStore } from './adapters/cosmos/cosmosStore';
import { startEmbeddedCosmos } from './adapters/embedded/cosmos/embeddedCosmosServer';
import { exportData, importData } from './adapters/embedded/dataTransfer';
import { loadConfig } from './config/config';

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'export' && command !== 'import') || !file) throw new Error('usage: npm run export -- <file>  |  npm run import -- <file>');
  const config = loadConfig();
  if (config.TSUNAGU_MODE !== 'embedded') throw new Error('DATA.EMBEDDED_ONLY: export/import is for embedded mode; in Azure use Cosmos DB continuous backup (docs/deploy.en.md)');
  const server = await startEmbeddedCosmos({ dataDir: resolve(config.DATA_DIR) });
  const store = await CosmosStore.connect({ kind: 'key', endpoint: server.endpoint, key: server.key, rejectUnauthorized: server.tlsRejectUnauthorized }, config.COSMOS_DATABASE, true);
  try {
    const counts = command === 'export' ? await exportData(store, resolve(file), new Date()) : await importData(store, resolve(file));
    process.stdout.write(`${command}: ${JSON.stringify(counts)}\n`);
  } finally {
    store.dispose();
    await server.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
