/**
 * End to end (issue 4): on the embedded default with the fictional demo data, the coordinator opens the
 * Playground, asks 予定, sees a digest with a due transition of the demo child, and postpones it with 延期.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { renderPlaygroundConfig } from '../../src/adapters/embedded/playground/playgroundConfig';
import { startPlayground, type RunningPlayground } from '../../src/adapters/embedded/playground/playgroundLauncher';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { startApp, type RunningApp } from '../../src/main';
import { WARD } from '../support/activities';
import { closeBrowser, launchBrowser, openPage } from '../support/browser';
import { PlaygroundDriver } from '../support/playgroundDriver';

describe('e2e: the demo data gives the coordinator a digest in the Playground, and 延期 works', function () {
  this.timeout(120_000);
  let dir: string;
  let app: RunningApp;
  let playground: RunningPlayground;
  let browser: Browser | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-digest-'));
    app = await startApp({ env: { PORT: '0', DATA_DIR: join(dir, 'data'), SEED_DEMO_DATA: 'true', LOG_LEVEL: 'error' }, log: memoryLogger() });
    const configPath = join(dir, '.m365agentsplayground.yml');
    writeFileSync(configPath, renderPlaygroundConfig(WARD, WARD.users[1]!.aadObjectId));
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: 0, cwd: dir, telemetry: false, configPath });
    browser = await launchBrowser();
  });

  after(async () => {
    await closeBrowser(browser);
    await playground?.stop();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when 鈴木 types 予定, then the demo child 陽太 has a due 就学 step, and 延期 moves it to the chosen date', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(browser!, playground.url));
    await ui.openPersonalChat();
    await ui.sendMessage('予定');
    const digest = await ui.waitForCardText('今日の予定', 15_000);
    const text = await digest.innerText();
    assert.match(text, /就学/, 'a 就学 transition step of the demo child is due');

    // 延期 on the first row: a date some weeks ahead (tomorrow or later, after the current due date, within a year).
    const until = new Date(Date.now() + 9 * 3600_000 + 45 * 86_400_000).toISOString().slice(0, 10);
    // Every row has its own 延期: open the first one; only its date input and button become visible.
    await digest.getByRole('button', { name: '延期', exact: true }).first().click();
    const [yy, mm, dd] = until.split('-');
    const input = digest.getByRole('combobox', { name: /^延期後の期日/ }).first();
    await input.fill(`${yy}/${mm}/${dd}`);
    await input.press('Tab');
    await digest.getByRole('button', { name: '延期する', exact: true }).first().click();
    const [y, m, d] = until.split('-');
    const moved = await ui.waitForCardText('に延期しました', 15_000);
    assert.match(await moved.innerText(), new RegExp(`${y}-${m}-${d}|${y}/${m}/${d}`));
  });
});
