import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Activities, sendToBot, user, WARD, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { FakeConnector } from '../support/fakeConnector';
import { allActionData, BOT, cardOf, installPersonal, personalActivity, personalConversation, personalInvoke, rowIds, TestClock } from '../support/reminders';

/**
 * Transition milestones through the Bot Framework protocol: 予定 <案件番号> with 完了 / 延期, the daily
 * digest sent proactively to the coordinator's personal chat, the conversation references it needs, and
 * what happens when Teams answers 403, 429 or 5xx. The clock is fixed: Tuesday 2026-12-01 in Tokyo.
 *
 * The fictional child (架空) is born 2020-10-10 with no recorded enrolment, so it counts as at home and
 * enters elementary school on 2027-04-01: on 2026-12-01 the 就学 steps up to the health check are overdue,
 * the decision on the place of learning is due within 30 days, and the entry notice within 90.
 */
const DIGEST_IDS = [
  'elementary.shugakuSodanStart', // 2026-06-30
  'elementary.schoolNurseRequest', // 2026-09-30
  'elementary.shugakuSodanTarget', // 2026-09-30
  'aikids.applicationAndCare', // 2026-10-30
  'elementary.gakureibo', // 2026-10-30
  'dayService.providerVisits', // 2026-11-30
  'elementary.healthCheck', // 2026-11-30
  'elementary.placeDecision', // 2026-12-28 (30 days)
  'dayService.certificateApplication', // 2027-01-15 (90 days)
  'elementary.entryNotice', // 2027-01-29 (90 days)
];

const installation = installPersonal;
const botAddedToPersonalChat = (serviceUrl: string, from: UserKey) => ({ ...personalActivity(serviceUrl, from), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });

async function metaDoc(h: Harness, id: string): Promise<Record<string, any> | undefined> {
  try {
    const { resource } = await h.app.store.container('meta').item(id, id).read();
    return resource as Record<string, any> | undefined;
  } catch {
    return undefined;
  }
}
const conversationDocId = (key: UserKey) => `conv:user:${user(key).aadObjectId}`;

const ENV = { DIGEST_CHECK_SECONDS: '3600', RATE_LIMIT_BURST: '1000' };

/** A handoff for a fictional child born 2020-10-10, accepted by 鈴木 一郎 (coordinator1); returns its code. */
async function caseOfCoordinator1(h: Harness): Promise<string> {
  const n = h.connector.sent.length;
  await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'desk', 'desk', '新規引継ぎ'));
  await eventually(() => h.connector.sent.length > n, 5000, 'form');
  const form = h.connector.sent[h.connector.sent.length - 1]!;
  const formId = actionData(cardOf(form), 'handoff.create')!.formId;
  const created = h.connector.created.length;
  const res = await sendToBot(
    h.botUrl,
    Activities.cardAction(h.connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { formId, childName: '架空 湊', childNameKana: 'かくう みなと', birthDate: '2020-10-10', careItems: 'SUCTION', familyNeeds: '（架空）就学相談', urgency: 'soon', consent: 'basic,medicalCare' }),
  );
  const code = /案件 (\d{4}-\d{4})/.exec(cardText(res.body.value))![1]!;
  await eventually(() => h.connector.created.length > created, 5000, 'channel post');
  const post = h.connector.created[h.connector.created.length - 1]!;
  const accepted = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', actionData(cardOf(post), 'handoff.accept')!));
  assert.match(cardText(accepted.body.value), /受付済/);
  return code;
}

async function personalCard(h: Harness, from: UserKey, text: string): Promise<unknown> {
  const n = h.connector.sent.length;
  await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
  await eventually(() => h.connector.sent.length > n, 5000, 'reply');
  return cardOf(h.connector.sent[h.connector.sent.length - 1]!);
}

const digestsIn = (c: FakeConnector, key: UserKey) => c.sent.filter((a) => a.conversationId === personalConversation(key) && /今日の予定（/.test(cardText(cardOf(a))));

describe('component: 予定 <案件番号> with 完了 and 延期, permission-checked and audited', function () {
  this.timeout(30_000);
  let h: Harness;
  let code: string;
  beforeEach(async () => {
    h = await startHarness({ clock: new TestClock(Date.parse('2026-12-01T00:00:00Z')), env: ENV });
    code = await caseOfCoordinator1(h);
  });
  afterEach(async () => h.stop());

  it('when the assigned coordinator asks 予定 <code>, then the milestones of the coming year are listed most urgent first with 完了 and 延期', async () => {
    const card = await personalCard(h, 'coordinator1', `予定 ${code}`);
    const text = cardText(card);
    assert.match(text, new RegExp(`案件 ${code} の予定`));
    assert.deepEqual(rowIds(card), [...DIGEST_IDS, 'dayService.certificateInPlace']); // 2027-03-25 is within the year
    assert.match(text, /期限切れ｜学齢簿への記載の確認/);
    assert.match(text, /期日 2026-10-30（32日超過）・学校/);
    assert.match(text, /30日以内｜学びの場の決定/);
    assert.match(text, /期日は要確認/, 'placeholder dates say so');
    assert.ok(!text.includes('架空 湊'), "the child's name is not on the card");
    assert.equal(allActionData(card, 'milestone.postpone').length, rowIds(card).length, 'every row can be postponed');
    await h.app.outbox.idle();
    const { resources } = await h.app.store.container('audit').items.query<{ action: string; actor: string }>({ query: "SELECT c.action, c.actor FROM c WHERE c.action = 'milestone.view'" }).fetchAll();
    assert.deepEqual(resources, [{ action: 'milestone.view', actor: user('coordinator1').aadObjectId }]);
  });

  it('when 完了 is pressed on a row, then the card comes back without it, the case file records who and when, and the digest no longer lists it', async () => {
    const card = await personalCard(h, 'coordinator1', `予定 ${code}`);
    const done = allActionData(card, 'milestone.done').find((d) => d.milestoneId === 'elementary.gakureibo')!;
    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', done));
    assert.equal(res.body.statusCode, 200);
    assert.match(cardText(res.body.value), /「学齢簿への記載の確認」を完了にしました/);
    assert.ok(!rowIds(res.body.value).includes('elementary.gakureibo'));
    assert.equal(rowIds(res.body.value).length, DIGEST_IDS.length, 'one row fewer');

    const stored = await h.app.repo.load(`itabashi:${code}`);
    assert.deepEqual(stored?.value.milestones?.map((m) => [m.id, m.status, m.by, m.at]), [['elementary.gakureibo', 'done', user('coordinator1').aadObjectId, '2026-12-01T00:00:00.000Z']]);

    const again = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', done));
    assert.match(cardText(again.body.value), /既に完了/, 'a repeated click changes nothing');
    const digest = await personalCard(h, 'coordinator1', '今日の予定');
    assert.deepEqual(rowIds(digest), DIGEST_IDS.filter((id) => id !== 'elementary.gakureibo'));
    await h.app.outbox.idle();
    const { resources } = await h.app.store.container('audit').items.query<{ action: string }>({ query: "SELECT c.action FROM c WHERE c.action = 'milestone.done'" }).fetchAll();
    assert.equal(resources.length, 1, 'the change is audited once');
  });

  it('when 延期 is pressed with a later date, then the row moves to that date (and down the list); an earlier date is refused and changes nothing', async () => {
    const card = await personalCard(h, 'coordinator1', `予定 ${code}`);
    const postpone = allActionData(card, 'milestone.postpone').find((d) => d.milestoneId === 'elementary.placeDecision')!;
    assert.match(String(postpone.input), /^until_\d+$/);

    const tooEarly = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...postpone, [String(postpone.input)]: '2026-12-20' }));
    assert.equal(tooEarly.body.type, 'application/vnd.microsoft.error');
    assert.equal(tooEarly.body.value.code, 'MILESTONE.POSTPONE_DATE_INVALID');
    assert.equal((await h.app.repo.load(`itabashi:${code}`))?.value.milestones?.length ?? 0, 0);

    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...postpone, [String(postpone.input)]: '2027-02-15' }));
    const text = cardText(res.body.value);
    assert.match(text, /「学びの場の決定（特別支援学校の場合は都教委への通知）」の期日を 2027-02-15 に延期しました/);
    assert.match(text, /期日 2027-02-15（あと76日）.*（2026-12-28から延期）/);
    const ids = rowIds(res.body.value);
    assert.ok(ids.indexOf('elementary.placeDecision') > ids.indexOf('elementary.entryNotice'), 'now after the entry notice of 2027-01-29');

    // Pressed on the digest card, the answer is the digest again (from: digest), with the row moved there too.
    const digest = await personalCard(h, 'coordinator1', '今日の予定');
    const fromDigest = allActionData(digest, 'milestone.postpone').find((d) => d.milestoneId === 'elementary.entryNotice')!;
    assert.equal(fromDigest.from, 'digest');
    const res2 = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...fromDigest, [String(fromDigest.input)]: '2027-06-01' }));
    assert.match(cardText(res2.body.value), /今日の予定（2026-12-01）/);
    assert.ok(!rowIds(res2.body.value).includes('elementary.entryNotice'), 'beyond the 90 days of the digest');
    const stored = await h.app.repo.load(`itabashi:${code}`);
    assert.deepEqual(stored?.value.milestones?.map((m) => [m.id, m.status, m.until]), [
      ['elementary.placeDecision', 'postponed', { year: 2027, month: 2, day: 15 }],
      ['elementary.entryNotice', 'postponed', { year: 2027, month: 6, day: 1 }],
    ]);
  });

  it('when someone who does not hold the case asks or presses, then they get the not-found answer; in a channel nothing is shown', async () => {
    const card = await personalCard(h, 'coordinator1', `予定 ${code}`);
    assert.match(cardText(await personalCard(h, 'coordinator2', `予定 ${code}`)), /見つからないか、閲覧する権限がありません/);
    const done = actionData(card, 'milestone.done')!;
    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator2', 'milestone.done', done));
    assert.equal(res.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const unknown = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', { ...done, milestoneId: 'elementary.noSuchStep' }));
    assert.equal(unknown.body.value.code, 'MILESTONE.NOT_FOUND');
    const forged = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', { ...done, milestoneId: '../../etc' }));
    assert.equal(forged.body.value.code, 'COMMON.BAD_CARD');
    assert.equal((await h.app.repo.load(`itabashi:${code}`))?.value.milestones?.length ?? 0, 0, 'nothing recorded');

    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'coordinator1', 'coordinators', `予定 ${code}`));
    await eventually(() => h.connector.sent.length > n, 5000, 'reply');
    assert.match(cardText(cardOf(h.connector.sent[h.connector.sent.length - 1]!)), /個人チャットでだけ/);
  });
});

describe('component: the daily digest in the coordinator\'s personal chat', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let code: string;
  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-12-01T00:00:00Z')); // 09:00 JST, a working Tuesday
    h = await startHarness({ clock, env: ENV });
    code = await caseOfCoordinator1(h);
  });
  afterEach(async () => h.stop());

  it('when the app is installed in personal scope, then the conversation reference is stored in meta; when it is removed, the reference goes', async () => {
    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
    const doc = await metaDoc(h, conversationDocId('coordinator1'));
    assert.equal(doc?.pk, conversationDocId('coordinator1'));
    assert.equal(doc?.conversationId, personalConversation('coordinator1'));
    assert.equal(doc?.serviceUrl, h.connector.url);
    assert.equal(doc?.tenantId, WARD.tenantId);
    assert.equal(doc?.userId, user('coordinator1').id);
    assert.equal(h.connector.sent.filter((a) => a.conversationId === personalConversation('coordinator1')).length, 0, 'installing sends nothing into the chat');

    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'remove'));
    assert.equal(await metaDoc(h, conversationDocId('coordinator1')), undefined);

    // The conversationUpdate Teams also sends on a personal install stores it as well.
    await sendToBot(h.botUrl, botAddedToPersonalChat(h.connector.url, 'coordinator2'));
    assert.equal((await metaDoc(h, conversationDocId('coordinator2')))?.conversationId, personalConversation('coordinator2'));
  });

  it('when the digest time has come on a working day, then the coordinator gets one digest card with their case\'s overdue and coming milestones, most urgent first', async () => {
    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
    await sendToBot(h.botUrl, installation(h.connector.url, 'desk', 'add')); // not a coordinator: no digest
    const report = await h.app.digests.runDue();
    assert.equal(report.date, '2026-12-01');
    assert.equal(report.sent, 1);
    const digests = digestsIn(h.connector, 'coordinator1');
    assert.equal(digests.length, 1);
    const card = cardOf(digests[0]!);
    assert.deepEqual(rowIds(card), DIGEST_IDS);
    assert.ok(rowIds(card).every((_, i) => allActionData(card, 'milestone.done')[i]!.caseId === `itabashi:${code}`));
    const text = cardText(card);
    assert.match(text, new RegExp(`期限切れ｜${code} 就学相談の申込み`));
    assert.match(text, new RegExp(`30日以内｜${code} 学びの場の決定`));
    assert.match(text, new RegExp(`90日以内｜${code} 就学通知（入学期日・指定校）の受領確認`));
    assert.ok(!text.includes('架空 湊'), "no child's name in a proactive message");
    assert.equal(digestsIn(h.connector, 'desk').length, 0);
    assert.equal((await metaDoc(h, conversationDocId('coordinator1')))?.digest?.state, 'sent');

    const second = await h.app.digests.runDue();
    assert.equal(second.sent, 0);
    assert.equal(digestsIn(h.connector, 'coordinator1').length, 1, 'once a day');
    await h.app.outbox.idle();
    const { resources } = await h.app.store.container('audit').items.query<{ actor: string; caseId: string }>({ query: "SELECT c.actor, c.caseId FROM c WHERE c.action = 'milestone.digest'" }).fetchAll();
    assert.deepEqual(resources, [{ actor: user('coordinator1').aadObjectId, caseId: `itabashi:${code}` }], 'the digest is audited as a read by its recipient');
  });

  it('when it is before the digest time, or a Saturday or a public holiday, then nothing is sent', async () => {
    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
    for (const at of ['2026-11-30T23:29:00Z' /* 08:29 JST */, '2026-12-05T01:00:00Z' /* Saturday */, '2026-11-23T01:00:00Z' /* 勤労感謝の日 */, '2026-12-30T01:00:00Z' /* 年末年始 */]) {
      clock.set(at);
      assert.equal((await h.app.digests.runDue()).date, undefined, at);
    }
    assert.equal(digestsIn(h.connector, 'coordinator1').length, 0);
    clock.set('2026-11-30T23:30:00Z'); // 08:30 JST
    assert.equal((await h.app.digests.runDue()).sent, 1);
  });

  it('when Teams answers 403 BotNotInConversationRoster, then the reference is removed and no retry follows', async () => {
    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
    h.connector.failNext('send', 403, 1, {}, 'BotNotInConversationRoster');
    const report = await h.app.digests.runDue();
    assert.equal(report.removed, 1);
    assert.equal(await metaDoc(h, conversationDocId('coordinator1')), undefined);
    clock.advance(60 * 60 * 1000);
    assert.equal((await h.app.digests.runDue()).sent, 0);
    assert.equal(digestsIn(h.connector, 'coordinator1').length, 0);
  });

  it('when Teams keeps answering 429, then the digest waits (back-off in Cosmos, not in memory) and is delivered exactly once; a single 500 is retried by the connector client', async () => {
    await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
    // The connector client retries a 429 three times itself (Retry-After 0 here); the fourth reaches us.
    h.connector.failNext('send', 429, 4, { 'Retry-After': '0' });
    assert.equal((await h.app.digests.runDue()).retryLater, 1);
    const mark = (await metaDoc(h, conversationDocId('coordinator1')))?.digest;
    assert.equal(mark?.state, 'claimed');
    assert.equal(mark?.retryAt, '2026-12-01T00:00:30.000Z', 'first back-off: 30 s');
    clock.advance(29_000);
    const early = await h.app.digests.runDue();
    assert.equal(early.retryLater + early.sent, 0, 'not before the back-off has passed');
    assert.equal(digestsIn(h.connector, 'coordinator1').length, 0);

    h.connector.failNext('send', 500, 1);
    clock.advance(1_000);
    assert.equal((await h.app.digests.runDue()).sent, 1);
    assert.equal(digestsIn(h.connector, 'coordinator1').length, 1);
    const done = (await metaDoc(h, conversationDocId('coordinator1')))?.digest;
    assert.deepEqual([done?.state, done?.attempts], ['sent', 2]);
  });

  it('when 今日の予定 is typed, then the same card is shown on demand (personal chat only)', async () => {
    const card = await personalCard(h, 'coordinator1', '今日の予定');
    assert.deepEqual(rowIds(card), DIGEST_IDS);
    assert.equal((await metaDoc(h, conversationDocId('coordinator1')))?.conversationId, personalConversation('coordinator1'), 'asking in personal chat also keeps the reference');
    assert.match(cardText(await personalCard(h, 'coordinator2', 'digest')), /期限切れや90日以内の予定はありません/);
  });
});

describe('component: the daily digest survives restarts', function () {
  this.timeout(60_000);

  it('when the app was down at the digest time, then the digest is sent once when it starts; a further restart the same day sends nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-digest-'));
    // The coordinator's personal chat lives on its own connector, which outlives the app's restarts.
    const teams = new FakeConnector();
    await teams.start();
    const clock = new TestClock(Date.parse('2026-11-30T23:00:00Z')); // 08:00 JST: not yet
    try {
      let h = await startHarness({ dataDir, clock, env: ENV });
      await caseOfCoordinator1(h);
      await sendToBot(h.botUrl, installation(teams.url, 'coordinator1', 'add'));
      assert.equal((await h.app.digests.runDue()).date, undefined);
      await h.stop({ keepData: true });

      clock.set('2026-12-01T01:00:00Z'); // 10:00 JST: the 08:30 run was missed
      h = await startHarness({ dataDir, clock, env: ENV });
      await eventually(() => digestsIn(teams, 'coordinator1').length === 1, 10_000, 'digest sent on start');
      await h.app.digests.runDue(); // the run made at start-up
      assert.equal((await h.app.digests.runDue()).sent, 0);
      await h.stop({ keepData: true });

      clock.advance(30 * 60 * 1000);
      h = await startHarness({ dataDir, clock, env: ENV });
      assert.equal((await h.app.digests.runDue()).sent, 0);
      await h.stop({ keepData: true });
      assert.equal(digestsIn(teams, 'coordinator1').length, 1, 'exactly one digest that day');
    } finally {
      await teams.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('component: the demo data (npm start) gives a digest to try', function () {
  this.timeout(30_000);

  it('when the fictional cases are seeded, then 鈴木 一郎 (coordinator) gets a digest with at least one due step, and 延期 works on it', async () => {
    const h = await startHarness({ clock: new TestClock(Date.parse('2026-12-01T00:00:00Z')), env: { ...ENV, SEED_DEMO_DATA: 'true' } });
    try {
      await sendToBot(h.botUrl, installation(h.connector.url, 'coordinator1', 'add'));
      assert.equal((await h.app.digests.runDue()).sent, 1);
      const card = cardOf(digestsIn(h.connector, 'coordinator1')[0]!);
      assert.ok(rowIds(card).length > 0);
      assert.match(cardText(card), /期限切れ｜|30日以内｜/);
      const postpone = allActionData(card, 'milestone.postpone')[0]!;
      const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...postpone, [String(postpone.input)]: '2027-01-15' }));
      assert.match(cardText(res.body.value), /の期日を 2027-01-15 に延期しました/);
      assert.match(cardText(res.body.value), /今日の予定（2026-12-01）/);
    } finally {
      await h.stop();
    }
  });
});
