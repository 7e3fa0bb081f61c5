/**
 * End to end: a child moving from 保育園 to 小学校. The Playground acts as the coordinator (鈴木 一郎), with
 * the 学校 channel beside General; the school liaison (a second person) acts over the Bot Framework
 * protocol on the same running bot. The coordinator sends the package and answers the school's question
 * in the Playground; both sides' cards show every step.
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
import { Activities, sendToBot, WARD } from '../support/activities';
import type { Harness } from '../support/appHarness';
import { closeBrowser, launchBrowser, openPage } from '../support/browser';
import { FakeConnector } from '../support/fakeConnector';
import { accept, createHandoff } from '../support/flows';
import { PlaygroundDriver } from '../support/playgroundDriver';

describe('e2e: a handoff package from the coordinator to the school in the Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  let dir: string;
  let app: RunningApp;
  let connector: FakeConnector;
  let playground: RunningPlayground;
  let browser: Browser | undefined;
  let ui: PlaygroundDriver;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-pkg-'));
    app = await startApp({ env: { PORT: '0', DATA_DIR: join(dir, 'data'), SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', OUTBOX_SWEEP_SECONDS: '1' }, log: memoryLogger() });
    connector = new FakeConnector();
    await connector.start();
    const coordinator = WARD.users[1]!;
    const configPath = join(dir, '.m365agentsplayground.yml');
    writeFileSync(configPath, renderPlaygroundConfig(WARD, coordinator.aadObjectId, { channelKey: 'school' }));
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: 0, cwd: dir, telemetry: false, configPath });
    browser = await launchBrowser();
    ui = await PlaygroundDriver.attach(await openPage(browser, playground.url));
  });

  after(async () => {
    await closeBrowser(browser);
    await playground?.stop();
    await app?.stop();
    await connector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the coordinator sends the package, the school acknowledges and asks, the coordinator answers and the school is ready, then both cards show the history', async () => {
    // Before: the desk's intake, accepted by 鈴木; consent for the school; the care plan (protocol, elsewhere).
    const h = { app, connector, botUrl: app.url, dataDir: dir, stop: async () => undefined } as Harness;
    const created = await createHandoff(h, { childName: '架空 陽菜', childNameKana: 'かくう ひな', birthDate: '2020-04-02', careItems: 'SUCTION,TUBE', familyNeeds: '（架空）小学校入学', urgency: 'soon' });
    await accept(h, created);
    const { code, caseId } = created;
    const invoke = (from: 'desk' | 'coordinator1' | 'schoolLiaison', serviceUrl: string, conversationId: string, activityId: string, verb: string, data: Record<string, unknown>) =>
      sendToBot(app.url, Activities.cardAction(serviceUrl, from, conversationId, activityId, verb, data));
    await invoke('desk', connector.url, 'a:p', '1', 'consent.record', { caseId, organisation: 'school', categories: 'basic,medicalCare,emergency' });
    await invoke('coordinator1', connector.url, 'a:p', '1', 'carePlan.save', { caseId, pv: 0, proc_SUCTION: '（架空）食後に吸引', hospital: '（架空）こども病院', ifSeizure: '（架空）5分で救急要請' });

    // In the Playground, as the coordinator: 引継ぎ送付 in personal chat.
    await ui.openPersonalChat();
    await ui.sendMessage(`引継ぎ送付 ${code} 学校`);
    await ui.waitForCardText('送付元の控え', 15_000);

    // The package card is in the school's channel.
    await ui.openChannel('学校');
    const schoolCard = await ui.waitForCardText(`引継ぎパッケージ ${code} → 学校`, 15_000);
    assert.match(await schoolCard.innerText(), /送付済（受領待ち）/);
    assert.ok(!(await schoolCard.innerText()).includes('架空 陽菜'), 'no name in the channel');

    // The school liaison acknowledges and asks (a second person, over the Bot Framework protocol).
    const stored = async () => (await app.store.container('caseFiles').item(caseId, caseId).read()).resource;
    const pkg = (await stored()).packages[0];
    const receiver = pkg.placements.find((p: { role: string }) => p.role === 'receiver');
    const click = { caseId, packageId: pkg.id, role: 'receiver' };
    const url = receiver.conversation.serviceUrl;
    await invoke('schoolLiaison', url, receiver.conversation.conversationId, receiver.activityId, 'package.receive', { ...click, v: 1 });
    await invoke('schoolLiaison', url, receiver.conversation.conversationId, receiver.activityId, 'package.ask', { ...click, v: 2, text: '（架空）吸引は保健室で行いますか？' });
    await ui.waitForCardText('未回答 1件', 15_000);

    // The coordinator answers in the Playground from the copy in personal chat.
    await ui.openPersonalChat();
    const copy = await ui.waitForCardText('未回答 1件', 15_000);
    await ui.clickCardAction('渡辺 翔（学務課・架空） さんの質問に回答', copy);
    await ui.fillText('回答', '（架空）保健室で看護師が行います', copy);
    await ui.clickCardAction('送る', copy);
    await ui.waitForCardText('未回答 0件', 15_000);

    // The school marks 受入準備完了; both cards show every step with who and when.
    await invoke('schoolLiaison', url, receiver.conversation.conversationId, receiver.activityId, 'package.ready', { ...click, v: 4 });
    // (In the Playground a FactSet's label and value are separate cells: wait for the history line.)
    const done = '渡辺 翔（学務課・架空）: 受入準備完了';
    const finalCopy = await ui.waitForCardText(done, 15_000);
    await ui.openChannel('学校');
    const finalSchool = await ui.waitForCardText(done, 15_000);
    assert.equal(await finalSchool.getByRole('button', { name: '受入準備完了', exact: true }).count(), 0, 'no more actions for the school');
    for (const card of [finalCopy, finalSchool]) {
      const text = await card.innerText();
      for (const step of ['送付', '受領', '質問', '回答', '受入準備完了']) assert.match(text, new RegExp(`JST [^\\n]+: ${step}`), `${step} in:\n${text}`);
    }
  });
});
