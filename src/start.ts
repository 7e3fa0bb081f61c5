/**
 * `npm start`: the bot on the embedded default plus the Microsoft 365 Agents Playground as the Teams
 * client (telemetry off), configured as the ward (`config/ward.embedded.json`). PLAYGROUND_USER chooses who
 * the Playground acts as: a role key (desk, coordinator, caseWorker, liaison, secretary, admin) or an Entra
 * object id from the ward directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readWardDirectoryFile } from './adapters/directory/jsonWardDirectory';
import { renderPlaygroundConfig } from './adapters/embedded/playground/playgroundConfig';
import { startPlayground } from './adapters/embedded/playground/playgroundLauncher';
import { runMain } from './main';

async function start(): Promise<void> {
  const app = await runMain();
  if (app.config.TSUNAGU_MODE !== 'embedded') return;
  const directory = readWardDirectoryFile(resolve(app.config.WARD_DIRECTORY_FILE));
  const wanted = process.env.PLAYGROUND_USER ?? 'desk';
  const user = directory.users.find((u) => u.aadObjectId === wanted || u.roles.includes(wanted as never));
  if (!user) throw new Error(`PLAYGROUND_USER: "${wanted}" is neither a role nor an Entra object id in ${app.config.WARD_DIRECTORY_FILE}`);
  const dir = resolve(app.config.DATA_DIR, 'playground');
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, renderPlaygroundConfig(directory, user.aadObjectId));
  const playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: app.config.PLAYGROUND_PORT, cwd: dir, telemetry: false, configPath });
  process.stdout.write(`\nつなぐ is running (embedded mode, fictional data only).\n  Teams client (Agents Playground): ${playground.url}  — acting as ${user.name}\n  Bot: ${app.url}/api/messages   Health: ${app.url}/healthz\n  Try: open "Personal Chat" and type 新規引継ぎ. Stop with Ctrl+C.\n\n`);
  const stopAll = () => {
    void playground.stop().finally(() => app.stop().then(() => process.exit(0), () => process.exit(1)));
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
}

start().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
