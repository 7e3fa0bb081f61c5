import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main';
import { memoryLogger } from '../../src/adapters/observability/logger';
import type { Clock } from '../../src/app/ports';
import { FakeConnector } from './fakeConnector';

export interface Harness {
  readonly app: RunningApp;
  readonly connector: FakeConnector;
  readonly botUrl: string;
  readonly dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The real app in-process on port 0 (embedded mode, loopback only), talking to a fake Teams connector. */
export async function startHarness(options: { dataDir?: string; clock?: Clock; env?: Record<string, string> } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tsunagu-test-'));
  const connector = new FakeConnector();
  await connector.start();
  const app = await startApp({
    env: { PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', OUTBOX_SWEEP_SECONDS: '1', ...options.env },
    log: process.env.TEST_LOG ? undefined : memoryLogger(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    app,
    connector,
    botUrl: app.url,
    dataDir,
    async stop({ keepData = false } = {}) {
      await app.stop();
      await connector.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** All the text an Adaptive Card shows (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    if (typeof o.title === 'string' && String(o.type ?? '').startsWith('Action.')) out.push(`[${o.title}]`);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** Finds the first action with a verb in a card and returns its data. */
export function actionData(card: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const o = n as Record<string, unknown>;
    if (o.verb === verb) found = o.data as Record<string, unknown>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
