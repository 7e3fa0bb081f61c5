/**
 * End to end: the bot on the embedded default and the Microsoft 365 Agents Playground (the Teams client),
 * driven in Debian Chromium as a person would. The Playground acts as one user (the desk nurse, 佐藤 花子);
 * the coordinator's click is sent by a second person over the Bot Framework protocol to the same running
 * bot, and its result is checked in the Playground, which renders the bot's updateActivity without reload.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderPlaygroundConfig } from '../../src/adapters/embedded/playground/playgroundConfig';
import { startPlayground, type RunningPlayground } from '../../src/adapters/embedded/playground/playgroundLauncher';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { startApp, type RunningApp } from '../../src/main';
import { Activities, sendToBot, WARD } from '../support/activities';
import { closeBrowser, launchBrowser, openPage } from '../support/browser';
import { PlaygroundDriver } from '../support/playgroundDriver';

describe('e2e: the first handoff loop in the Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  let dir: string;
  let app: RunningApp;
  let playground: RunningPlayground;
  let browser: Browser | undefined;
  let page: Page;
  let ui: PlaygroundDriver;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-'));
    app = await startApp({ env: { PORT: '0', DATA_DIR: join(dir, 'data'), SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', OUTBOX_SWEEP_SECONDS: '1' }, log: memoryLogger() });
    const configPath = join(dir, '.m365agentsplayground.yml');
    writeFileSync(configPath, renderPlaygroundConfig(WARD, WARD.users[0]!.aadObjectId));
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: 0, cwd: dir, telemetry: false, configPath });
    browser = await launchBrowser();
    page = await openPage(browser, playground.url);
    ui = await PlaygroundDriver.attach(page);
  });

  after(async () => {
    await closeBrowser(browser);
    await playground?.stop();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the desk opens 新規引継ぎ, sends a wrong reading, corrects it, and a coordinator accepts, then every card shows it in Japanese', async () => {
    // The desk nurse asks for the form in her personal chat with the bot.
    await ui.openPersonalChat();
    await ui.sendMessage('新規引継ぎ');
    const form = await ui.waitForCardText('新規引継ぎ（相談窓口 → コーディネーター）');

    // A wrong input: the reading in romaji. The form comes back with the reason and nothing is stored.
    await ui.fillText('子どもの氏名（漢字）', '架空 小春', form);
    await ui.fillText('ふりがな', 'koharu', form);
    await ui.fillDate('生年月日', '2022-06-15', form);
    await ui.chooseChoices('医療的ケア（複数選択）', ['吸引（口鼻腔・気管内）', '経管栄養（経鼻胃管・胃瘻・腸瘻等）'], form);
    await ui.fillText('家族が必要としていること', '（架空）来春の保育園入園に向けた看護師配置の相談', form);
    await ui.chooseChoices('家族の同意（コーディネーターへの共有）', ['基本情報', '医療的ケア'], form);
    await ui.clickCardAction('コーディネーターへ送る', form);
    const corrected = await ui.waitForCardText('ふりがなはひらがな・カタカナで');
    const { resources: none } = await app.store.container('caseFiles').items.query('SELECT VALUE COUNT(1) FROM c').fetchAll();
    assert.equal(none[0], 0, 'nothing stored after the wrong input');

    // Corrected and sent: the form becomes the desk's copy of the handoff.
    await ui.fillText('ふりがな', 'かくう こはる', corrected);
    await ui.clickCardAction('コーディネーターへ送る', corrected);
    const copy = await ui.waitForCardText('送付元の控え');
    const code = /引継ぎ (\d{4}-\d{4})/.exec((await copy.innerText()) ?? '')?.[1];
    assert.ok(code, 'the copy names the case code');

    // The handoff card is in the coordinators' channel, with the case code and without the name.
    await ui.openChannel('コーディネーター');
    const channelCard = await ui.waitForCardText(`引継ぎ ${code}`);
    const shown = await channelCard.innerText();
    assert.match(shown, /受付待ち/);
    assert.ok(!shown.includes('架空 小春') && !shown.includes('保育園入園'), 'no name or family words in the channel');

    // The desk nurse is not a coordinator: pressing 受け入れる changes nothing.
    await ui.clickCardAction('受け入れる', channelCard);
    await ui.waitForCardText('送り先の担当者だけ');

    // A coordinator (a second person) accepts over the Bot Framework protocol on the same running bot.
    const caseId = `${WARD.wardId}:${code}`;
    const { resource: file } = await app.store.container('caseFiles').item(caseId, caseId).read();
    const placement = (file.handoffs[0].placements as { role: string; activityId: string; conversation: { conversationId: string; serviceUrl: string } }[]).find((p) => p.role === 'receiver')!;
    const accept = await sendToBot(
      app.url,
      Activities.cardAction(placement.conversation.serviceUrl, 'coordinator1', placement.conversation.conversationId, placement.activityId, 'handoff.accept', {
        caseId,
        handoffId: file.handoffs[0].id,
        v: file.handoffs[0].version,
        shownIn: 'coordinators',
        role: 'receiver',
      }),
    );
    assert.equal(accept.body.statusCode, 200);

    // In the Playground, the channel card is rewritten in place for everyone: 受付済, who and when.
    const accepted = await ui.waitForCardText('鈴木 一郎（コーディネーター・架空） さんが受け付けました', 15_000);
    assert.match(await accepted.innerText(), /状態: 受付済/);
    assert.equal(await accepted.getByRole('button', { name: '受け入れる', exact: true }).count(), 0, 'no accept button any more');

    // And the desk's own copy in personal chat says the same.
    await ui.openPersonalChat();
    const deskCopy = await ui.waitForCardText('鈴木 一郎（コーディネーター・架空） さんが受け付けました', 15_000);
    assert.match(await deskCopy.innerText(), /送付元の控え/);
  });
});
