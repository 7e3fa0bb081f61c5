/**
 * End to end (issue 6): the conference secretary pulls the agenda in the Playground (the demo's raised issues,
 * no names), excludes one item, saves, publishes, records the outcomes after the meeting — one item continued,
 * one resolved — and the next agenda shows the continued item first as carried over, the excluded one again,
 * and not the resolved one.
 */
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';
import { WARD } from '../support/activities';

const RESPITE = '（架空）医療型短期入所の空きが足りない';
const SCHOOL = '（架空）校外学習に付き添う看護師がいない';
const TRANSPORT = '（架空）呼吸器を使う子の通園送迎の担い手がいない';

describe('e2e: the conference agenda (議題) in the Playground: pull, edit, publish, outcomes, carry-over', function () {
  this.timeout(240_000);
  let demo: DemoPlayground | undefined;

  // User 8 of the fictional ward is the conference secretary (会議事務局).
  before(async () => {
    demo = await startDemoPlayground('agenda', 8);
  });
  after(async () => demo?.stop());

  it('when the secretary edits, publishes and closes the agenda, then the continued item comes back first on the next agenda and the resolved one does not', async () => {
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
    await ui.openPersonalChat();
    await ui.sendMessage('議題');
    let card: Locator = await ui.waitForCardText('議題（第1回', 20_000);
    let text = await card.innerText();
    for (const s of [RESPITE, SCHOOL, TRANSPORT]) assert.ok(text.includes(s), `the draft lists "${s}"`);
    assert.ok(!text.includes('外部バッテリー'), 'an issue not raised for the conference is not on the agenda');
    for (const u of WARD.users) assert.ok(!text.includes(u.name), 'no staff names on the agenda');

    // Exclude the transport item (its toggle is the one in the container that shows its summary).
    const transportItem = card.locator('.ac-container').filter({ hasText: TRANSPORT }).last();
    await transportItem.getByRole('checkbox', { name: '議題に含める' }).uncheck();
    await ui.clickCardAction('保存', card);
    card = await ui.waitForCardText('議題を保存しました', 20_000);
    assert.match(await card.innerText(), /（今回は含めない）/);

    await ui.clickCardAction('公開', card);
    card = await ui.waitForCardText('議題を公開しました', 20_000);
    text = await card.innerText();
    assert.ok(!text.includes(TRANSPORT), 'the published agenda leaves the excluded item out');

    await ui.clickCardAction('結果を記録', card);
    card = await ui.waitForCardText('結果を記録（第1回', 20_000);
    const items = card.locator('.ac-container').filter({ has: card.page().getByRole('radiogroup') });
    const respite = card.locator('.ac-container').filter({ hasText: RESPITE }).last();
    const school = card.locator('.ac-container').filter({ hasText: SCHOOL }).last();
    assert.ok((await items.count()) >= 2);
    await respite.getByRole('radio', { name: '継続（次回へ）', exact: true }).check();
    await respite.getByRole('textbox', { name: /決定事項/ }).fill('（架空）事業所に空き状況を照会し次回報告する');
    await school.getByRole('radio', { name: '解決', exact: true }).check();
    await school.getByRole('textbox', { name: /決定事項/ }).fill('（架空）看護師の派遣を教育委員会が手配');
    await ui.clickCardAction('記録して会議を閉じる', card);
    card = await ui.waitForCardText('結果を記録して会議を閉じました', 20_000);
    assert.match(await card.innerText(), /継続（次回へ）/);

    await ui.sendMessage('議題');
    card = await ui.waitForCardText('議題（第2回', 20_000);
    text = await card.innerText();
    assert.ok(text.includes(`【繰越】`), 'the continued item is marked carried over');
    assert.ok(text.indexOf(RESPITE) >= 0 && text.indexOf(RESPITE) < text.indexOf(TRANSPORT), 'carried-over first, then the item not yet discussed');
    assert.ok(!text.includes(SCHOOL), 'the resolved item is settled and not on the next agenda');
  });
});
