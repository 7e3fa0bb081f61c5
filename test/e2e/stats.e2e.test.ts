/**
 * End to end (issue 8): on the embedded default with the fictional demo data, a case worker of 障がい児支援係
 * opens the Playground, asks 統計 and sees the card of the last ended quarter with its bar charts drawn
 * (the PNG images load, with a real width) and the figures of the 40 fictional statistics children; the
 * CSV button then brings the one-time download link into the chat.
 */
import assert from 'node:assert/strict';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';
import { WARD } from '../support/activities';
import { STATS_DEMO_CHILDREN } from '../../src/adapters/embedded/seedStatsDemo';

/** The few properties of an <img> read here (the test's TypeScript has no DOM library). */
interface ImageLike {
  readonly complete: boolean;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly src: string;
  addEventListener(type: 'load', listener: () => void, options: { once: boolean }): void;
}

const CASE_WORKER = WARD.users.findIndex((u) => u.roles.includes('caseWorker'));

describe('e2e: the statistics card (統計) renders in the Playground with its charts', function () {
  this.timeout(180_000);
  let demo: DemoPlayground | undefined;

  before(async () => {
    assert.ok(CASE_WORKER >= 0, 'the ward directory has a case worker');
    demo = await startDemoPlayground('stats', CASE_WORKER);
  });
  after(async () => demo?.stop());

  it('when the case worker asks 統計, then the card shows the last ended quarter with chart images that load, and the CSV button brings a download link', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
    await ui.openPersonalChat();
    await ui.sendMessage('統計');
    const card = await ui.waitForCardText('医療的ケア児 統計', 20_000);
    const text = await card.innerText();
    assert.match(text, /\d{4}年度 第[1-4]四半期/, 'the quarter is named');
    assert.match(text, new RegExp(`合計\\s*${STATS_DEMO_CHILDREN}`), 'the fictional statistics children are counted');
    assert.match(text, /架空データを含みます/);

    const images = card.locator('img');
    assert.ok((await images.count()) >= 7, 'a chart per section');
    const first = images.first();
    await first.scrollIntoViewIfNeeded();
    await first.evaluate((img: ImageLike) => (img.complete ? undefined : new Promise<void>((resolve) => img.addEventListener('load', () => resolve(), { once: true }))));
    const natural = await first.evaluate((img: ImageLike) => ({ width: img.naturalWidth, height: img.naturalHeight, src: img.src.slice(0, 22) }));
    assert.ok(natural.width > 0 && natural.height > 0, `the chart image loaded (${JSON.stringify(natural)})`);
    assert.equal(natural.src, 'data:image/png;base64,');

    await ui.clickCardAction('CSVで書き出す', card);
    await ui.waitForCardText('CSVをダウンロード', 20_000);
  });
});
