import assert from 'node:assert/strict';
import { Activities, sendToBot, user } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import type { RecordedActivity } from '../support/fakeConnector';
import { allActionData, askPersonal, auditActions, botAddedToTeam, cardOf, dailyRun, ENV, latest, makeCase, personalInvoke, postsIn, rowIds, TestClock, type MadeCase } from '../support/reminders';

/**
 * Channel cards for milestones another department acts on, posted by the daily run: the fictional child
 * (架空) born 2020-10-10 enters school on 2027-04-01. On Wednesday 2026-12-02 the school has five overdue
 * 就学 steps, one due within 30 days (学びの場の決定, 12-28) and one within 90 (就学通知, 2027-01-29); あいキッズ
 * one overdue; 障がい児支援係 one within 90 days (受給者証の申請, 2027-01-15). The coordinators' own step (事業所
 * 見学) gets no channel card.
 */
const JST_0831 = (date: string) => new Date(Date.parse(`${date}T08:31:00+09:00`)).toISOString();
const SCHOOL_STEPS = ['elementary.shugakuSodanStart', 'elementary.schoolNurseRequest', 'elementary.shugakuSodanTarget', 'elementary.gakureibo', 'elementary.healthCheck', 'elementary.placeDecision', 'elementary.entryNotice'];

describe('component: channel cards for milestones of other departments', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let made: MadeCase;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-12-01T10:00:00+09:00'));
    h = await startHarness({ clock, env: ENV });
    await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
    made = await makeCase(h, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' });
    clock.set(JST_0831('2026-12-02'));
    await dailyRun(h);
  });
  afterEach(async () => h.stop());

  const milestoneOf = (post: RecordedActivity) => String(actionData(cardOf(post), 'milestone.done')?.milestoneId);
  const cardFor = (channel: string, milestoneId: string) => postsIn(h.connector.created, channel, made.code).filter((p) => milestoneOf(p) === milestoneId);

  it('when the daily run finds steps of the school, あいキッズ and 障がい児支援係 in a due window, then each gets one minimal card in its channel (no name), audited as shown by the system', async () => {
    const school = postsIn(h.connector.created, 'school', made.code);
    assert.deepEqual(school.map(milestoneOf).sort(), [...SCHOOL_STEPS].sort());
    assert.deepEqual(postsIn(h.connector.created, 'aikids', made.code).map(milestoneOf), ['aikids.applicationAndCare']);
    assert.deepEqual(postsIn(h.connector.created, 'casework', made.code).map(milestoneOf), ['dayService.certificateApplication']);
    assert.equal(postsIn(h.connector.created, 'coordinators', made.code).length, 1, 'only the handoff card: coordinators follow their steps in the digest');

    const text = cardText(cardOf(cardFor('school', 'elementary.placeDecision')[0]!));
    assert.match(text, new RegExp(`学校へ: 案件 ${made.code} の予定`));
    assert.match(text, /予定: 学びの場の決定/);
    assert.match(text, /期日: 2026-12-28/);
    assert.match(text, /時期: 30日以内/);
    assert.match(text, /\[完了\]/);
    assert.match(text, /\[延期\]/);
    for (const post of [...school, ...postsIn(h.connector.created, 'aikids', made.code)]) assert.ok(!cardText(cardOf(post)).includes('架空 湊'), 'no child name in a department channel');

    const notices = (await auditActions(h, made.caseId)).filter((a) => a.action === 'milestone.notifyDepartment');
    assert.equal(notices.length, 9);
    assert.ok(notices.every((a) => a.actor === 'system'));

    // Once per milestone and window: the same morning again and the next days add nothing.
    const before = h.connector.created.length;
    await dailyRun(h);
    clock.set(JST_0831('2026-12-03'));
    await dailyRun(h);
    assert.equal(h.connector.created.length, before);
  });

  it('when the school liaison presses 完了 on their card, then the card says who completed it and offers nothing more, the case records it, and the coordinator\'s 予定 no longer lists it', async () => {
    const post = cardFor('school', 'elementary.placeDecision')[0]!;
    const done = actionData(cardOf(post), 'milestone.done')!;
    assert.equal(done.from, 'channel');
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', post.conversationId, post.activityId, 'milestone.done', done));
    const text = cardText(res.body.value);
    assert.match(text, /「学びの場の決定.*」を完了にしました/);
    assert.match(text, new RegExp(`完了（${user('schoolLiaison').name}、2026/12/02 08:31 JST）`));
    assert.equal(actionData(res.body.value, 'milestone.done'), undefined, 'nothing more to press');

    const stored = (await h.app.repo.load(made.caseId))!.value;
    assert.deepEqual(stored.milestones?.map((m) => [m.id, m.status, m.by, m.byName]), [['elementary.placeDecision', 'done', user('schoolLiaison').aadObjectId, user('schoolLiaison').name]]);
    assert.ok(!rowIds(await askPersonal(h, 'coordinator1', `予定 ${made.code}`)).includes('elementary.placeDecision'));
    assert.ok((await auditActions(h, made.caseId)).some((a) => a.action === 'milestone.done' && a.actor === user('schoolLiaison').aadObjectId));
  });

  it('when someone of another department presses 完了 on the school card, or the liaison forges another step or a personal-chat click, then it is refused and nothing is recorded', async () => {
    const post = cardFor('school', 'elementary.healthCheck')[0]!;
    const done = actionData(cardOf(post), 'milestone.done')!;
    const nursery = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'nurseryLiaison', post.conversationId, post.activityId, 'milestone.done', done));
    assert.equal(nursery.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const otherStep = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', post.conversationId, post.activityId, 'milestone.done', { ...done, milestoneId: 'aikids.applicationAndCare' }));
    assert.equal(otherStep.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const asIfHolder = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'schoolLiaison', 'milestone.done', { caseId: made.caseId, milestoneId: 'elementary.healthCheck', from: 'case' }));
    assert.equal(asIfHolder.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const noCard = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', post.conversationId, post.activityId, 'milestone.done', { ...done, cardId: undefined }));
    assert.equal(noCard.body.value.code, 'COMMON.BAD_CARD');
    assert.equal((await h.app.repo.load(made.caseId))!.value.milestones?.length ?? 0, 0);
  });

  it('when the coordinator postpones a school step from 予定, then the school card is rewritten with the new date, and a new card comes when the new date enters the 30-day window', async () => {
    const post = cardFor('school', 'elementary.placeDecision')[0]!;
    const card = await askPersonal(h, 'coordinator1', `予定 ${made.code}`);
    const postpone = allActionData(card, 'milestone.postpone').find((d) => d.milestoneId === 'elementary.placeDecision')!;
    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...postpone, [String(postpone.input)]: '2027-02-15' }));
    assert.match(cardText(res.body.value), /2027-02-15 に延期しました/);
    await h.app.outbox.idle();
    const rewritten = cardText(latest(h, post));
    assert.match(rewritten, /期日: 2027-02-15/);
    assert.match(rewritten, new RegExp(`2027-02-15 に延期（${user('coordinator1').name}）`));

    clock.set(JST_0831('2027-01-15')); // 31 days before: still the 90-day window of the new date
    await dailyRun(h);
    assert.equal(cardFor('school', 'elementary.placeDecision').length, 1);
    clock.set(JST_0831('2027-01-18')); // 01-16 is a Saturday: the first working day within 30 days
    await dailyRun(h);
    const cards = cardFor('school', 'elementary.placeDecision');
    assert.equal(cards.length, 2);
    assert.match(cardText(cardOf(cards[1]!)), /期日: 2027-02-15[\s\S]*時期: 30日以内/);
  });
});
