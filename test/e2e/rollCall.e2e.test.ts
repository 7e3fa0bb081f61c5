/**
 * End to end (issue 11): a roll-call (安否確認) over the fictional demo children in the Playground.
 *
 * Two Playground limits shape this test (PLATFORM-NOTES.md, src/adapters/embedded/playground/playgroundConfig.ts):
 * one current user per run, and one channel besides General (posts to any other channel are refused with
 * "Conversation not found"). So the browser is the ward's casework officer 田中 (障がい児支援係) with his
 * team's channel: he starts the roll-call, watches the summary card there, marks the child he is responsible
 * for (蓮, who has no coordinator) 連絡つかず on his group card, and sees the reminder about that child. The two
 * coordinators — the two other responsible parties, whose own cards go to the コーディネーター channel that
 * this Playground run does not have — confirm their children as second and third people over the Bot
 * Framework protocol on the same running bot (the clicks a Teams client would send from their cards); their
 * confirmations are then checked in the browser on the summary card, which is rewritten in place. The app's
 * clock is a test clock so the 30-minute reminder interval passes without waiting.
 */
import assert from 'node:assert/strict';
import { openPage } from '../support/browser';
import { startDemoPlayground, type DemoPlayground } from '../support/demoPlayground';
import { PlaygroundDriver } from '../support/playgroundDriver';
import { Activities, sendToBot, WARD, type UserKey } from '../support/activities';
import { TestClock } from '../support/reminders';

describe('e2e: 安否確認 over the demo children in the Playground — two coordinators confirm, one child stays 連絡つかず', function () {
  this.timeout(180_000);
  let demo: DemoPlayground | undefined;
  const clock = new TestClock(Date.now());

  before(async () => {
    demo = await startDemoPlayground('rollcall', 3, { clock, env: { OUTBOX_SWEEP_SECONDS: '1', ROLLCALL_REMINDER_MINUTES: '30' }, channelKey: 'casework' });
  });
  after(async () => demo?.stop());

  it('when 田中 starts it, the coordinators confirm theirs and 蓮 is unreachable, then the summary lists 蓮 as 連絡つかず and 田中 is reminded about 蓮', async () => {
    const app = demo!.app;
    const ui = await PlaygroundDriver.attach(await openPage(demo!.browser, demo!.playground.url));
    const year = new Date(clock.now().getTime() + 9 * 3600_000).getUTCFullYear();
    const [yota, sakura, ren] = [1, 2, 3].map((n) => `${year}-000${n}`) as [string, string, string];

    // 田中 starts the roll-call from his personal chat; the status card goes to his team's channel.
    await ui.openPersonalChat();
    await ui.sendMessage('安否確認 開始 地震');
    await ui.waitForCardText('安否確認（地震）を開始しました。対象 3人・担当 3', 15_000);
    await app.rollCalls.runDue();

    await ui.openChannel('障がい児支援係');
    const summary = await ui.waitForCardText('安否確認の状況（地震）', 15_000);
    assert.match(await summary.innerText(), /未確認（3）/);
    const mine = await ui.waitForCardText('担当: 障がい児支援係', 15_000);
    const shown = await mine.innerText();
    assert.ok(shown.includes(ren) && !shown.includes(yota) && !shown.includes(sakura), 'his card lists only the child he is responsible for');
    for (const name of ['架空 陽太', '架空 さくら', '架空 蓮']) assert.ok(!(await summary.innerText()).includes(name), `no name (${name}) in the channel`);

    // 蓮 cannot be reached: 連絡つかず on his card, in the browser.
    await ui.clickCardAction('連絡つかず', mine);
    await ui.waitForCardText(`${ren} を「連絡つかず」で記録しました`, 15_000);

    // The two coordinators confirm their children on their own cards (second and third people, see above).
    const { resources } = await app.store.container('meta').items.query<{ rollCallId: string }>("SELECT c.rollCallId FROM c WHERE c.kind = 'rollCall'").fetchAll();
    const rollCallId = resources[0]!.rollCallId;
    const coordinators = WARD.channels.find((c) => c.key === 'coordinators')!.id;
    const confirm = async (who: UserKey, code: string, extra: Record<string, string>) => {
      const res = await sendToBot(app.url, Activities.cardAction(demo!.playground.connectorUrl, who, `${coordinators};messageid=1`, '1', 'rollcall.confirm', { rollCallId, caseId: `${WARD.wardId}:${code}`, clickKey: `e2e-${code}`, ...extra }));
      assert.equal(res.body.statusCode, 200, `${who} recorded ${code}`);
      return JSON.stringify(res.body.value);
    };
    assert.match(await confirm('coordinator1', yota, { status: 'safe' }), new RegExp(`${yota} — 無事`));
    assert.match(await confirm('coordinator2', sakura, { status: 'needsSupport', needsInput: 'needs_e2e', needs_e2e: 'power' }), new RegExp(`${sakura} — 要支援（電源）`));
    await app.rollCalls.runDue();

    // The summary in the browser is rewritten in place: 蓮 is the one child left, listed as 連絡つかず.
    await ui.waitForCardText('未確認（0）', 15_000);
    const updated = await (await ui.waitForCardText('安否確認の状況（地震）', 15_000)).innerText();
    assert.match(updated, new RegExp(`連絡つかず（1）\\s*${ren}`));
    assert.match(updated, /必要な支援: 電源 1/);
    assert.match(updated, /鈴木 一郎（コーディネーター・架空）: 1人中 1人確認/);
    assert.match(updated, /高橋 美咲（コーディネーター・架空）: 1人中 1人確認/);
    assert.match(updated, new RegExp(`障がい児支援係: 1人中 0人確認（残り ${ren}）`));

    // Half an hour later 蓮 is still unreachable: the casework team is reminded about 蓮 (and only 蓮).
    clock.advance(31 * 60_000);
    await app.rollCalls.runDue();
    const reminder = await (await ui.waitForCardText('安否確認の再通知', 15_000)).innerText();
    assert.ok(reminder.includes(ren) && !reminder.includes(yota) && !reminder.includes(sakura), 'the reminder is about 蓮 only');
  });
});
