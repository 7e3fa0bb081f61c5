/**
 * End to end (issue 4): on the embedded default with the fictional demo data, the coordinator opens the
 * Playground, asks 予定, sees a digest with a due transition of the demo child, and postpones it with 延期.
 */
import assert from 'node:assert/strict';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';

describe('e2e: the demo data gives the coordinator a digest in the Playground, and 延期 works', function () {
  this.timeout(120_000);
  let demo: DemoPlayground | undefined;

  // 鈴木, a coordinator of the demo cases.
  before(async () => {
    demo = await startDemoPlayground('digest', 1);
  });
  after(async () => demo?.stop());

  it('when 鈴木 types 予定, then the demo child 陽太 has a due 就学 step, and 延期 moves it to the chosen date', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
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
