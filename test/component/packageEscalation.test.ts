import assert from 'node:assert/strict';
import { holidayJpCalendar } from '../../src/adapters/calendar/holidayJpCalendar';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { JsonWardDirectory, readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';
import { channelAddressBook } from '../../src/app/channelAddress';
import { escalateWaitingHandoffs } from '../../src/app/escalation';
import { uuidIds } from '../../src/app/system';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import type { RecordedActivity } from '../support/fakeConnector';
import { auditActions, botAddedToTeam, dailyRun, ENV, latest, makeCase, postsIn, TestClock, type MadeCase } from '../support/reminders';

/**
 * Escalation of handoff packages (issue 5, under the rules of issue 4), through the real app: the package is
 * sent to the school on Friday 2026-11-20 (Monday 11-23 is 勤労感謝の日), ESCALATION_BUSINESS_DAYS=2.
 * Not received: Thursday 11-26 brings a fresh card in the school channel and every card says 「未受領 2営業日」;
 * Monday 11-30 a copy without actions for 障がい児支援係. A question nobody answers for 2 working days shows
 * 「未回答の質問 2営業日」 on the coordinator's copy. Each step recorded on the package once, audited by system.
 */
const JST_0831 = (date: string) => new Date(Date.parse(`${date}T08:31:00+09:00`)).toISOString();

describe('component: escalation of handoff packages nobody receives or answers', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let made: MadeCase;
  let copy: RecordedActivity;

  const click = (from: UserKey, conversationId: string, activityId: string, verb: string, data: Record<string, unknown>) =>
    sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, conversationId, activityId, verb, data));
  // Package cards only (the daily run also posts department milestone cards in these channels).
  const packageCards = (channel: string) => postsIn(h.connector.created, channel, made.code).filter((p) => /引継ぎパッケージ/.test(cardText(latest(h, p))));
  const schoolPosts = () => packageCards('school');
  const caseworkPosts = () => packageCards('casework');
  const stored = async () => (await h.app.repo.load(made.caseId))!.value.packages![0]!;
  const escalateAudits = async () => (await auditActions(h, made.caseId)).filter((a) => a.action === 'package.escalate');

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-11-20T10:00:00+09:00'));
    h = await startHarness({ clock, env: ENV });
    await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
    made = await makeCase(h, { name: '架空 蓮', kana: 'かくう れん', birthDate: '2020-05-01' });
    const consent = await click('desk', 'a:p', '1', 'consent.record', { caseId: made.caseId, organisation: 'school', categories: 'basic,medicalCare', givenBy: 'guardian' });
    assert.match(cardText(consent.body.value), /同意を記録しました/);
    const before = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'coordinator1', `引継ぎ送付 ${made.code} 学校`));
    await eventually(() => h.connector.sent.length > before, 5000, 'sender copy');
    copy = h.connector.sent[h.connector.sent.length - 1]!;
    await h.app.outbox.idle();
    await eventually(() => /送付元の控え/.test(cardText(latest(h, copy))), 5000, 'sender copy becomes the package card');
    assert.equal(schoolPosts().length, 1, 'the package card in the school channel');
  });
  afterEach(async () => h.stop());

  it('when nobody receives it for 2 working days after a Friday before a holiday, then on Thursday a fresh card says 「未受領 2営業日」 (and so do the others), once; after 4, 障がい児支援係 gets one copy without buttons, also with two instances', async () => {
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      clock.set(JST_0831(day));
      assert.equal((await dailyRun(h)).tasks.escalation ?? 0, 0, day);
    }
    assert.equal(schoolPosts().length, 1, 'only the original card so far');

    clock.set(JST_0831('2026-11-26'));
    assert.equal((await dailyRun(h)).tasks.escalation, 1);
    const posts = schoolPosts();
    assert.equal(posts.length, 2, 'a fresh card in the school channel');
    const fresh = latest(h, posts[1]!);
    assert.match(cardText(fresh), /未受領 2営業日: 学校でまだ誰も受領していません/);
    assert.ok(actionData(fresh, 'package.receive'), 'the fresh card can be acknowledged');
    assert.ok(!JSON.stringify(fresh).includes('架空 蓮'), 'no name in the channel');
    assert.match(cardText(latest(h, posts[0]!)), /未受領 2営業日/, 'the first card is rewritten too');
    assert.match(cardText(latest(h, copy)), /未受領 2営業日/, "the coordinator's copy too");
    let pkg = await stored();
    assert.deepEqual(pkg.escalations?.map((e) => [e.kind, e.level, e.businessDays]), [['unacknowledged', 1, 2]]);
    assert.ok(pkg.placements.every((p) => p.activityId !== undefined && p.syncedVersion === pkg.version), 'every card delivered and synced');
    assert.deepEqual(await escalateAudits(), [{ action: 'package.escalate', actor: 'system' }]);

    await dailyRun(h); // the same morning again: nothing more
    clock.set(JST_0831('2026-11-27'));
    await dailyRun(h);
    assert.equal(schoolPosts().length, 2);
    assert.equal(caseworkPosts().length, 0, 'level 2 needs 4 working days');

    // Monday 11-30: two instances at the same moment (a second repository on the same containers).
    clock.set(JST_0831('2026-11-30'));
    const directory = new JsonWardDirectory(readWardDirectoryFile('config/ward.embedded.json'));
    const calendar = holidayJpCalendar();
    const deps = (repo: CosmosCaseFileRepository) => ({ repo, clock, ids: uuidIds, calendar, businessDays: 2, addresses: () => channelAddressBook({ directory, teams: h.app.teams }), onOutboxWork: (id: string) => h.app.outbox.kick(id) });
    const other = new CosmosCaseFileRepository(h.app.store.container('caseFiles'));
    const [a, b, c] = await Promise.all([escalateWaitingHandoffs(deps(h.app.repo)), escalateWaitingHandoffs(deps(other)), dailyRun(h)]);
    assert.equal(a.escalated + b.escalated + (c.tasks.escalation ?? 0), 1, 'exactly one instance recorded the step');
    await h.app.outbox.idle();
    pkg = await stored();
    assert.deepEqual(pkg.escalations?.map((e) => [e.kind, e.level, e.businessDays]), [['unacknowledged', 1, 2], ['unacknowledged', 2, 4]]);
    assert.equal(caseworkPosts().length, 1);
    const card = latest(h, caseworkPosts()[0]!);
    assert.match(cardText(card), /要確認: 引継ぎパッケージ .*（学校で未受領）/);
    assert.match(cardText(card), /未受領 4営業日: .*障がい児支援係にも知らせました/);
    for (const verb of ['package.receive', 'package.ask', 'package.ready', 'package.return', 'package.report', 'package.answer', 'package.refresh', 'print.links']) {
      assert.ok(!JSON.stringify(card).includes(`"${verb}"`), `case workers are told, they do not act for the school: no ${verb}`);
    }
    assert.equal(schoolPosts().length, 2, 'no further fresh card at level 2');
    assert.equal((await escalateAudits()).length, 2);

    // Acknowledged on the fresh card: every card drops 未受領, and nothing is escalated again.
    const received = await click('schoolLiaison', posts[1]!.conversationId, posts[1]!.activityId, 'package.receive', actionData(latest(h, posts[1]!), 'package.receive')!);
    assert.match(cardText(received.body.value), /受領済/);
    await h.app.outbox.idle();
    for (const post of [...schoolPosts(), ...caseworkPosts(), copy]) assert.ok(!cardText(latest(h, post)).includes('未受領'), cardText(latest(h, post)));
    clock.set(JST_0831('2026-12-07'));
    assert.equal((await dailyRun(h)).tasks.escalation ?? 0, 0);
  });

  it('when the school receives it and asks a question nobody answers for 2 working days, then it is never escalated as unreceived, and only the coordinator\'s copy shows 「未回答の質問 2営業日」', async () => {
    clock.set(JST_0831('2026-11-24'));
    const post = schoolPosts()[0]!;
    const data = actionData(latest(h, post), 'package.receive')!;
    assert.match(cardText((await click('schoolLiaison', post.conversationId, post.activityId, 'package.receive', data)).body.value), /受領済/);
    const asked = await click('schoolLiaison', post.conversationId, post.activityId, 'package.ask', { ...data, v: 2, text: '（架空）吸引は保健室で行いますか？' });
    assert.match(cardText(asked.body.value), /未回答 1件/);
    await h.app.outbox.idle();

    clock.set(JST_0831('2026-11-25'));
    assert.equal((await dailyRun(h)).tasks.escalation ?? 0, 0);
    clock.set(JST_0831('2026-11-27')); // asked Tuesday: Wednesday and Thursday are 2 full working days
    assert.equal((await dailyRun(h)).tasks.escalation, 1);
    assert.match(cardText(latest(h, copy)), /未回答の質問 2営業日/);
    assert.ok(!cardText(latest(h, post)).includes('未回答の質問'), 'the school card does not say it');
    assert.ok(!cardText(latest(h, post)).includes('未受領'), 'a received package is not escalated as unreceived');
    assert.equal(schoolPosts().length, 1, 'no extra post');
    assert.equal(caseworkPosts().length, 0);
    const pkg = await stored();
    assert.deepEqual(pkg.escalations?.map((e) => [e.kind, e.level, e.businessDays]), [['unanswered', 1, 2]]);
    assert.deepEqual(await escalateAudits(), [{ action: 'package.escalate', actor: 'system' }]);

    for (const day of ['2026-11-30', '2026-12-07', '2026-12-14']) {
      clock.set(JST_0831(day));
      assert.equal((await dailyRun(h)).tasks.escalation ?? 0, 0, `${day}: once`);
    }
    assert.equal(schoolPosts().length, 1);
    assert.equal(caseworkPosts().length, 0);
  });
});
