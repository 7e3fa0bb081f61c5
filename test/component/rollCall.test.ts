import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../src/main';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { Activities, sendToBot, user, type UserKey } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import type { RecordedActivity } from '../support/fakeConnector';
import { allActionData, auditActions, cardOf, channelOf, ENV, installPersonal, makeCase, personalInvoke, TestClock, type MadeCase } from '../support/reminders';

/**
 * 安否確認 (issue 11) through the real app: a ward user starts a roll-call; each coordinator (and the casework
 * team, for a child with none) gets a card in their channel listing their children by case code; clicks
 * record 無事 / 要支援 / 連絡つかず once each (ETag + key), with who and when, audited; the summary card is
 * rewritten in place; reminders go out at intervals until everyone is reached or it is closed; the
 * roll-call and its owed posts survive a restart and a 5xx from Teams.
 */
const NAMES = { a: '架空 安子', b: '架空 否太', c: '架空 確美' } as const;
const MINUTE = 60_000;

describe('component: 安否確認 (roll-call) over three children', function () {
  this.timeout(90_000);
  let h: Harness;
  let clock: TestClock;
  let a: MadeCase;
  let b: MadeCase;
  let c: MadeCase;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-11-25T09:30:00+09:00'));
    h = await startHarness({ clock, env: { ...ENV, ROLLCALL_REMINDER_MINUTES: '30' } });
    a = await makeCase(h, { name: NAMES.a, kana: 'かくう あんこ', birthDate: '2020-04-01' }, 'coordinator1');
    b = await makeCase(h, { name: NAMES.b, kana: 'かくう ひた', birthDate: '2019-05-02' }, 'coordinator2');
    c = await makeCase(h, { name: NAMES.c, kana: 'かくう かくみ', birthDate: '2021-06-03' }, null);
  });
  afterEach(async () => h?.stop());

  const say = async (from: UserKey, text: string, channel = 'casework') => {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, from, channel, text));
    await eventually(() => h.connector.sent.length > n, 5000, `reply to ${text}`);
    return cardText(cardOf(h.connector.sent[h.connector.sent.length - 1]!));
  };
  const rollCalls = async () => (await h.app.store.container('meta').items.query<Record<string, any>>("SELECT * FROM c WHERE c.kind = 'rollCall'").fetchAll()).resources;
  const posts = (channel: string) => h.connector.created.filter((p) => p.conversationId.startsWith(`${channelOf(channel)};`));
  const latestText = (p: RecordedActivity) => cardText(h.connector.latestCard(p.conversationId, p.activityId));
  const groupPostOf = (who: string, channel = 'coordinators') => {
    const p = posts(channel).find((x) => cardText(cardOf(x)).includes(`担当: ${who}`));
    assert.ok(p, `a group card for ${who} in ${channel}`);
    return p;
  };
  const summaryPost = () => {
    const p = posts('casework').find((x) => cardText(cardOf(x)).includes('安否確認の状況'));
    assert.ok(p, 'the summary card in the channel where it was started');
    return p;
  };
  /** The data of a button on the latest version of a group card, for a child and a status. */
  const buttonOf = (p: RecordedActivity, caseId: string, status: string) => {
    const d = allActionData(h.connector.latestCard(p.conversationId, p.activityId), 'rollcall.confirm').find((x) => x.caseId === caseId && x.status === status);
    assert.ok(d, `a ${status} button for ${caseId}`);
    return d;
  };
  const click = (from: UserKey, p: RecordedActivity, verb: string, data: Record<string, unknown>) => sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, p.conversationId, p.activityId, verb, data));
  const started = async () => {
    const reply = await say('caseWorker', '安否確認 開始 地震');
    assert.match(reply, /安否確認（地震）を開始しました。対象 3人・担当 3/);
    await h.app.rollCalls.runDue();
  };

  it('when a ward user starts it, then each coordinator and the casework team get a card with only their children by code, the summary lists all three as 未確認, no name is in any channel, and each child is audited', async () => {
    await started();
    const g1 = groupPostOf(user('coordinator1').name);
    const g2 = groupPostOf(user('coordinator2').name);
    const g3 = groupPostOf('障がい児支援係', 'casework');
    assert.ok(cardText(cardOf(g1)).includes(a.code) && !cardText(cardOf(g1)).includes(b.code) && !cardText(cardOf(g1)).includes(c.code), 'coordinator 1 sees only their child');
    assert.ok(cardText(cardOf(g2)).includes(b.code) && !cardText(cardOf(g2)).includes(a.code), 'coordinator 2 sees only theirs');
    assert.ok(cardText(cardOf(g3)).includes(c.code), 'the child with no coordinator is the casework team’s');
    const summary = latestText(summaryPost());
    assert.match(summary, /未確認（3）/);
    for (const code of [a.code, b.code, c.code]) assert.ok(summary.includes(code), `${code} listed as not confirmed`);
    const channelText = h.connector.created.map((p) => JSON.stringify(p.activity)).join('\n');
    for (const name of Object.values(NAMES)) assert.ok(!channelText.includes(name), `no child's name (${name}) in a channel`);
    for (const x of [a, b, c]) assert.ok((await auditActions(h, x.caseId)).some((e) => e.action === 'rollcall.start'), `${x.code}: inclusion audited`);
    assert.equal((await rollCalls()).length, 1);
  });

  it('when the coordinator clicks 無事 twice and two people click 要支援 and 連絡つかず on one child at once, then the repeat records once, both concurrent clicks are recorded with who and when, and the summary is rewritten in place', async () => {
    await started();
    const g1 = groupPostOf(user('coordinator1').name);
    const safe = buttonOf(g1, a.caseId, 'safe');
    const first = await click('coordinator1', g1, 'rollcall.confirm', safe);
    assert.match(cardText(first.body.value), new RegExp(`${a.code} を「無事」で記録しました`));
    const again = await click('coordinator1', g1, 'rollcall.confirm', safe);
    assert.match(cardText(again.body.value), /すでに記録されています/);

    const g2 = groupPostOf(user('coordinator2').name);
    const needs = buttonOf(g2, b.caseId, 'needsSupport');
    const [r1, r2] = await Promise.all([
      click('coordinator2', g2, 'rollcall.confirm', { ...needs, [String(needs.needsInput)]: 'power,transport', [String(needs.noteInput)]: '（架空）残り2時間' }),
      click('caseWorker', g2, 'rollcall.confirm', buttonOf(g2, b.caseId, 'unreachable')),
    ]);
    assert.equal(r1.body.statusCode, 200);
    assert.equal(r2.body.statusCode, 200);

    const [doc] = await rollCalls();
    const mine = (doc!.confirmations as { caseId: string; by: { aadObjectId: string }; at: string; status: string }[]);
    assert.equal(mine.filter((x) => x.caseId === a.caseId).length, 1, 'the repeated click recorded once');
    const onB = mine.filter((x) => x.caseId === b.caseId);
    assert.deepEqual(onB.map((x) => x.by.aadObjectId).sort(), [user('coordinator2').aadObjectId, user('caseWorker').aadObjectId].sort(), 'both concurrent clicks kept, each with who');
    assert.ok(onB.every((x) => x.at === clock.now().toISOString()), 'and when');
    await h.app.rollCalls.runDue();
    assert.equal((await auditActions(h, b.caseId)).filter((e) => e.action === 'rollcall.confirm').length, 2);

    const sp = summaryPost();
    const summary = latestText(sp);
    assert.match(summary, /無事: 1/);
    assert.ok(h.connector.updates.some((u) => u.activityId === sp.activityId), 'the summary card was updated, not posted again');
    assert.equal(posts('casework').filter((p) => cardText(cardOf(p)).includes('安否確認の状況')).length, 1);
    assert.ok(!summary.includes('残り2時間'), 'notes stay out of the summary');
  });

  it('when input is bad (要支援 without needs, an unknown need, an unknown status) or the person may not act, then a clear message comes back and nothing is recorded', async () => {
    await started();
    const g1 = groupPostOf(user('coordinator1').name);
    const needs = buttonOf(g1, a.caseId, 'needsSupport');
    const none = await click('coordinator1', g1, 'rollcall.confirm', needs);
    assert.match(JSON.stringify(none.body), /必要な支援を1つ以上選んでください/);
    const unknown = await click('coordinator1', g1, 'rollcall.confirm', { ...needs, [String(needs.needsInput)]: 'rocket' });
    assert.match(JSON.stringify(unknown.body), /選択肢にない値です/);
    const badStatus = await click('coordinator1', g1, 'rollcall.confirm', { ...buttonOf(g1, a.caseId, 'safe'), status: 'fine' });
    assert.match(JSON.stringify(badStatus.body), /COMMON.BAD_CARD/);
    const other = await click('coordinator2', g1, 'rollcall.confirm', buttonOf(g1, a.caseId, 'safe'));
    assert.match(JSON.stringify(other.body), /担当のコーディネーターと区の職員だけ/);
    assert.deepEqual((await rollCalls())[0]!.confirmations, []);

    assert.match(await say('nurseryLiaison', '安否確認 開始', 'nursery'), /区の職員（相談窓口・障がい児支援係）だけ/);
    assert.match(await say('coordinator1', '安否確認 開始', 'coordinators'), /区の職員（相談窓口・障がい児支援係）だけ/);
    assert.equal((await rollCalls()).length, 1, 'no second roll-call');
  });

  it('when time passes, then the responsible people are reminded of the children still to reach (personal chat for a coordinator, the channel for casework) until they are confirmed', async () => {
    await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
    await started();
    const g1 = groupPostOf(user('coordinator1').name);
    await click('coordinator1', g1, 'rollcall.confirm', buttonOf(g1, a.caseId, 'unreachable'));
    const personal = () => h.connector.sent.filter((s) => s.conversationId === `a:personal-${user('coordinator1').aadObjectId}` && cardText(cardOf(s)).includes('安否確認の再通知'));
    const caseworkReminders = () => posts('casework').filter((p) => cardText(cardOf(p)).includes('安否確認の再通知'));

    clock.advance(20 * MINUTE);
    await h.app.rollCalls.runDue();
    assert.equal(personal().length + caseworkReminders().length, 0, 'nothing before the interval');

    clock.advance(11 * MINUTE);
    await h.app.rollCalls.runDue();
    assert.equal(personal().length, 1, 'coordinator 1 reminded in personal chat');
    assert.ok(cardText(cardOf(personal()[0]!)).includes(a.code), 'about their 連絡つかず child');
    assert.equal(caseworkReminders().length, 1);
    assert.ok(cardText(cardOf(caseworkReminders()[0]!)).includes(c.code));
    const coordinator2Reminder = posts('coordinators').find((p) => cardText(cardOf(p)).includes('安否確認の再通知'));
    assert.ok(coordinator2Reminder && cardText(cardOf(coordinator2Reminder)).includes(b.code), 'a coordinator with no personal chat is reminded in the channel');

    await click('coordinator1', g1, 'rollcall.confirm', buttonOf(g1, a.caseId, 'safe'));
    clock.advance(31 * MINUTE);
    await h.app.rollCalls.runDue();
    assert.equal(personal().length, 1, 'no more reminders once their child is safe');
    assert.equal(caseworkReminders().length, 2, 'the casework child is reminded again');
    assert.ok((await auditActions(h, `rollcall:${(await rollCalls())[0]!.rollCallId}`)).some((e) => e.action === 'rollcall.remind'));
  });

  it('when it is closed from the summary card, then it says so, later clicks change nothing, and reminders stop; 安否確認 alone then shows how to start', async () => {
    await started();
    const sp = summaryPost();
    const closeData = allActionData(h.connector.latestCard(sp.conversationId, sp.activityId), 'rollcall.close')[0]!;
    const closed = await click('caseWorker', sp, 'rollcall.close', { ...closeData, closeNote: '（架空）訓練終了' });
    assert.match(cardText(closed.body.value), /安否確認を終了しました。無事 0 \/ 要支援 0 \/ 連絡つかず 0 \/ 未確認 3/);
    const g1 = groupPostOf(user('coordinator1').name);
    const late = await click('coordinator1', g1, 'rollcall.confirm', buttonOf(g1, a.caseId, 'safe'));
    assert.match(JSON.stringify(late.body), /すでに終了しています/);
    assert.deepEqual((await rollCalls())[0]!.confirmations, []);
    await h.app.rollCalls.runDue();
    assert.match(latestText(g1), /終了しました/, 'the group cards say it is closed');
    const before = h.connector.created.length + h.connector.sent.length;
    clock.advance(120 * MINUTE);
    await h.app.rollCalls.runDue();
    assert.equal(h.connector.created.length + h.connector.sent.length, before, 'no reminders after closing');
    assert.match(await say('caseWorker', '安否確認'), /実施中の安否確認はありません/);
    assert.match(await say('caseWorker', '安否確認 終了'), /実施中の安否確認はありません/);
  });

  it('when 安否確認 終了 is typed with one roll-call open, then that one closes; a district roll-call takes only that district (and children with none)', async () => {
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', '1', 'case.edit', { caseId: a.caseId, dv: 1, district: '（架空）大山' }));
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', '1', 'case.edit', { caseId: b.caseId, dv: 1, district: '（架空）高島平' }));
    assert.match(await say('desk', '安否確認 開始 （架空）大山', 'desk'), /対象 2人/);
    const [doc] = await rollCalls();
    assert.deepEqual((doc!.children as { caseCode: string }[]).map((x) => x.caseCode).sort(), [a.code, c.code].sort(), 'b is in another district; c has none recorded and is included');
    assert.match(await say('caseWorker', '安否確認'), /実施中の安否確認: /);
    assert.match(await say('caseWorker', '安否確認 終了'), /安否確認を終了しました/);
    assert.equal((await rollCalls())[0]!.open, false);
  });
});

describe('component: the priority list of a roll-call (battery margins from the emergency profiles)', function () {
  this.timeout(60_000);

  it('when two children have profiles and one has none, then the list asked in personal chat puts 不明 first, then the hand-computed margins soonest first, and audits each child', async () => {
    const clock = new TestClock(Date.parse('2026-11-25T09:30:00+09:00'));
    const h = await startHarness({ clock, env: ENV });
    try {
      const a = await makeCase(h, { name: '架空 電子', kana: 'かくう でんこ', birthDate: '2020-04-01' }, 'coordinator1');
      const b = await makeCase(h, { name: '架空 池男', kana: 'かくう いけお', birthDate: '2019-04-01' }, 'coordinator1');
      const c = await makeCase(h, { name: '架空 無子', kana: 'かくう なしこ', birthDate: '2018-04-01' }, 'coordinator1');
      const save = (caseId: string, fields: Record<string, string>) => sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'profile.save', { caseId, v: 0, ...fields }));
      // a: ventilator 4 h + 2 spares × 3 h = 10 h; suction 1 h + 1 × 6 h = 7 h → 7 h. b: ventilator 4 h, no spares → 4 h.
      await save(a.caseId, { kinds: 'ventilator,suction', dev0_internal: '4', dev0_count: '2', dev0_each: '3', dev1_internal: '1', dev1_count: '1', dev1_each: '6' });
      await save(b.caseId, { kinds: 'ventilator', dev0_internal: '4', dev0_count: '0' });
      await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'caseWorker', 'casework', '安否確認 開始 停電'));
      const { resources } = await h.app.store.container('meta').items.query<{ rollCallId: string }>("SELECT c.rollCallId FROM c WHERE c.kind = 'rollCall'").fetchAll();
      clock.advance(90 * MINUTE); // 1.5 h after the event (the start): a 5.5 h left, b 2.5 h left
      const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'caseWorker', 'rollcall.priority', { rollCallId: resources[0]!.rollCallId }));
      const rows = cardText(res.body.value).split('\n').filter((l) => /^\d{4}-\d{4} — /.test(l));
      assert.deepEqual(rows, [`${c.code} — 不明（非常時情報なし）`, `${b.code} — 残り 2.5時間（人工呼吸器、2026/11/25 13:30 JST まで）`, `${a.code} — 残り 5.5時間（吸引器、2026/11/25 16:30 JST まで）`]);
      for (const x of [a, b, c]) assert.ok((await auditActions(h, x.caseId)).some((e) => e.action === 'rollcall.priority'), `${x.code}: the profile read is audited`);
    } finally {
      await h.stop();
    }
  });
});

describe('component: 安否確認 survives Teams 5xx and a restart', function () {
  this.timeout(90_000);

  it('when Teams answers 503 to the posts and the app restarts, then the roll-call is still there with its confirmations and its cards are posted after the restart', async () => {
    const clock = new TestClock(Date.parse('2026-11-25T09:30:00+09:00'));
    const h = await startHarness({ clock, env: ENV });
    let second: RunningApp | undefined;
    try {
      const a = await makeCase(h, { name: '架空 再子', kana: 'かくう さいこ', birthDate: '2020-04-01' }, 'coordinator1');
      h.connector.failNext('create', 503, 1000);
      const tried = h.connector.calls.create;
      await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'caseWorker', 'casework', '安否確認 開始'));
      await eventually(() => h.connector.calls.create > tried, 15_000, 'a post tried and refused');
      const rollCallPosts = () => h.connector.created.filter((p) => /安否確認/.test(cardText(cardOf(p))));
      assert.equal(rollCallPosts().length, 0, 'nothing posted while Teams fails');
      const { resources } = await h.app.store.container('meta').items.query<{ rollCallId: string; hasOutboxWork: boolean }>("SELECT c.rollCallId, c.hasOutboxWork FROM c WHERE c.kind = 'rollCall'").fetchAll();
      assert.equal(resources[0]!.hasOutboxWork, true, 'the posts are still owed');
      const rollCallId = resources[0]!.rollCallId;
      // A confirmation made from another instance's card before the restart (the id and key come from the card).
      const click = Activities.cardAction(h.connector.url, 'caseWorker', `${channelOf('casework')};messageid=x`, 'x', 'rollcall.confirm', { rollCallId, caseId: a.caseId, status: 'unreachable', clickKey: 'before-restart' });
      assert.equal((await sendToBot(h.botUrl, click)).body.statusCode, 200);

      await h.app.stop();
      h.connector.clearFailures();
      second = await startApp({ env: { PORT: '0', DATA_DIR: h.dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', OUTBOX_SWEEP_SECONDS: '1', ...ENV }, clock, log: memoryLogger() });
      await eventually(() => rollCallPosts().length >= 2, 15_000, 'the summary and the group card posted after the restart');
      const summary = rollCallPosts().find((p) => cardText(cardOf(p)).includes('安否確認の状況'));
      assert.ok(summary);
      assert.match(cardText(h.connector.latestCard(summary.conversationId, summary.activityId)), new RegExp(`連絡つかず（1）[\\s\\S]*${a.code}`));
    } finally {
      await second?.stop();
      await h.connector.stop();
    }
  });
});
