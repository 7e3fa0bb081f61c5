import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderPlaygroundConfig } from '../../src/adapters/embedded/playground/playgroundConfig';
import { startPlayground, type RunningPlayground } from '../../src/adapters/embedded/playground/playgroundLauncher';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { startApp, type RunningApp } from '../../src/main';
import type { Clock } from '../../src/app/ports';
import { WARD } from './activities';
import { closeBrowser, launchBrowser } from './browser';

export interface DemoPlayground {
  readonly app: RunningApp;
  readonly playground: RunningPlayground;
  readonly browser: Browser;
  stop(): Promise<void>;
}

/**
 * The embedded default as `npm start` runs it — the app with the fictional demo data seeded, the Agents
 * Playground in front of it acting as the ward user `userIndex` of the directory — and a Debian Chromium.
 */
export async function startDemoPlayground(name: string, userIndex: number, options: { clock?: Clock; env?: Record<string, string>; channelKey?: string } = {}): Promise<DemoPlayground> {
  const dir = mkdtempSync(join(tmpdir(), `tsunagu-e2e-${name}-`));
  let app: RunningApp | undefined;
  let playground: RunningPlayground | undefined;
  try {
    app = await startApp({ env: { PORT: '0', DATA_DIR: join(dir, 'data'), SEED_DEMO_DATA: 'true', LOG_LEVEL: 'error', ...options.env }, log: memoryLogger(), ...(options.clock ? { clock: options.clock } : {}) });
    const configPath = join(dir, '.m365agentsplayground.yml');
    writeFileSync(configPath, renderPlaygroundConfig(WARD, WARD.users[userIndex]!.aadObjectId, options.channelKey ? { channelKey: options.channelKey } : {}));
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: 0, cwd: dir, telemetry: false, configPath });
    const browser = await launchBrowser();
    return running(dir, app, playground, browser);
  } catch (err) {
    await playground?.stop();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function running(dir: string, app: RunningApp, playground: RunningPlayground, browser: Browser): DemoPlayground {
  return {
    app,
    playground,
    browser,
    async stop() {
      await closeBrowser(browser);
      await playground.stop();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
