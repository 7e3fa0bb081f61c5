import assert from 'node:assert/strict';
import { sendToBot, WARD } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { botAddedToTeam, cardOf, dailyRun, ENV, installPersonal, makeCase, personalConversation, postsIn, submitCase, teamInstallation, TestClock } from '../support/reminders';

/**
 * Where the ward's team is, stored when the app is added to the team, so that channel cards can be posted
 * proactively without any prior turn in a channel; and what happens when Teams says the app is no longer
 * there (403/404, or an uninstall): cards are parked instead of retried forever, the team is marked
 * unreachable, and the administrators whose personal chat is known are told once. Adding the app back
 * delivers what waited, once.
 */
const TEAM_DOC = `conv:team:${WARD.team.id}`;
const JST_0831 = (date: string) => new Date(Date.parse(`${date}T08:31:00+09:00`)).toISOString();

async function teamDoc(h: Harness): Promise<Record<string, any> | undefined> {
  try {
    return (await h.app.store.container('meta').item(TEAM_DOC, TEAM_DOC).read()).resource as Record<string, any> | undefined;
  } catch {
    return undefined;
  }
}
const adminMessages = (h: Harness) => h.connector.sent.filter((a) => a.conversationId === personalConversation('admin')).map((a) => cardText(cardOf(a)));

describe('component: channel conversation references', function () {
  this.timeout(60_000);

  describe('storing the team reference', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness({ clock: new TestClock(Date.parse('2026-11-20T10:00:00+09:00')), env: ENV });
    });
    afterEach(async () => h.stop());

    it('when the bot is added to the team (conversationUpdate) or installed in team scope, then the team\'s service URL and tenant are stored; nothing is said in the channel', async () => {
      assert.equal((await sendToBot(h.botUrl, botAddedToTeam(h.connector.url))).status, 200);
      const doc = await teamDoc(h);
      assert.deepEqual([doc?.pk, doc?.teamId, doc?.serviceUrl, doc?.tenantId, doc?.unreachable], [TEAM_DOC, WARD.team.id, h.connector.url, WARD.tenantId, undefined]);
      await sendToBot(h.botUrl, teamInstallation('https://smba.example.invalid/jp/', 'add'));
      assert.equal((await teamDoc(h))?.serviceUrl, 'https://smba.example.invalid/jp/', 'refreshed by the installationUpdate');
      assert.equal(h.connector.sent.length + h.connector.created.length, 0);
    });

    it('when the app is removed from the team, then the reference is marked unreachable and the administrator is told once in personal chat', async () => {
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'admin'));
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      await sendToBot(h.botUrl, teamInstallation(h.connector.url, 'remove'));
      assert.deepEqual([(await teamDoc(h))?.unreachable?.reason, (await teamDoc(h))?.unreachable?.status], ['uninstalled', 0]);
      await sendToBot(h.botUrl, teamInstallation(h.connector.url, 'remove'));
      const told = adminMessages(h);
      assert.equal(told.length, 1, 'once');
      assert.match(told[0]!, /削除されました/);
      assert.equal(h.connector.sent.filter((a) => a.conversationId === personalConversation('coordinator1')).length, 0, 'only administrators are told');
    });
  });

  it('when a handoff seeded without any card waits 2 working days, then its escalation card is posted to the coordinators\' channel using only the stored team reference (no turn ever came from a channel)', async () => {
    const clock = new TestClock(Date.parse('2026-11-20T10:00:00+09:00'));
    const h = await startHarness({ clock, env: { ...ENV, SEED_DEMO_DATA: 'true' } });
    try {
      const waiting = (await h.app.repo.listAwaitingAcceptance(10))[0]!;
      const code = waiting.split(':')[1]!;
      clock.set(JST_0831('2026-11-26'));
      assert.equal((await dailyRun(h)).tasks.escalation, 0, 'no address known yet: nothing recorded, nothing posted');
      assert.equal(postsIn(h.connector.created, 'coordinators', code).length, 0);
      assert.equal((await h.app.repo.load(waiting))!.value.handoffs[0]!.escalations, undefined);

      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      clock.set(JST_0831('2026-11-27'));
      assert.equal((await dailyRun(h)).tasks.escalation, 1);
      const posts = postsIn(h.connector.created, 'coordinators', code);
      assert.equal(posts.length, 1);
      assert.match(cardText(cardOf(posts[0]!)), /未対応 3営業日/);
    } finally {
      await h.stop();
    }
  });

  it('when Teams answers 403 for channel posts, then the cards are parked (no retries), the team is marked unreachable, the administrator is told once; when the app is added back, each card is delivered exactly once', async () => {
    const h = await startHarness({ clock: new TestClock(Date.parse('2026-11-20T10:00:00+09:00')), env: ENV });
    try {
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'admin'));
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      h.connector.failNext('create', 403, 1_000);
      const first = (await submitCase(h, { name: '架空 一花', kana: 'かくう いちか', birthDate: '2023-02-14' })).caseId;
      await eventually(async () => (await teamDoc(h))?.unreachable !== undefined, 5000, 'team marked unreachable');
      const second = (await submitCase(h, { name: '架空 二葉', kana: 'かくう ふたば', birthDate: '2023-03-03' })).caseId;
      await h.app.outbox.idle();

      const doc = await teamDoc(h);
      assert.deepEqual([doc?.unreachable?.status, doc?.unreachable?.reason, doc?.unreachable?.organisation], [403, 'forbidden', 'coordinators']);
      for (const caseId of [first, second]) {
        const receiver = (await h.app.repo.load(caseId))!.value.handoffs[0]!.placements.find((p) => p.role === 'receiver')!;
        assert.ok(receiver.parkedAt, 'parked');
      }
      await eventually(() => adminMessages(h).length === 1, 5000, 'administrator told');
      assert.match(adminMessages(h)[0]!, /コーディネーターのチャネルに投稿できません（Teams の応答 403）/);

      const attempts = h.connector.calls.create;
      await new Promise((r) => setTimeout(r, 2500)); // two outbox sweeps (OUTBOX_SWEEP_SECONDS=1)
      assert.equal(h.connector.calls.create, attempts, 'no retries while parked');
      assert.deepEqual(await h.app.repo.listWithOutboxWork(10), [], 'parked cards are not outbox work');
      assert.equal(adminMessages(h).length, 1, 'told once');

      h.connector.clearFailures();
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      await eventually(() => postsIn(h.connector.created, 'coordinators').length === 2, 5000, 'parked cards delivered');
      await h.app.outbox.idle();
      await new Promise((r) => setTimeout(r, 1500));
      for (const caseId of [first, second]) assert.equal(postsIn(h.connector.created, 'coordinators', caseId.split(':')[1]).length, 1, `${caseId} delivered once`);
      assert.equal((await teamDoc(h))?.unreachable, undefined, 'reachable again');
    } finally {
      await h.stop();
    }
  });

  it('when Teams answers 404 for the school channel only, then the school\'s cards are parked and that channel marked missing (the administrator told once), while the coordinators\' channel goes on; adding the app back delivers them once', async () => {
    const clock = new TestClock(Date.parse('2026-12-01T10:00:00+09:00'));
    const h = await startHarness({ clock, env: ENV });
    try {
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'admin'));
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      const made = await makeCase(h, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' }, null);
      h.connector.failNext('create', 404, 1, {}, 'ConversationNotFound');
      clock.set(JST_0831('2026-12-02'));
      await dailyRun(h); // the first card posted is a school card (the most urgent): 404
      await eventually(async () => ((await teamDoc(h))?.missingChannels ?? []).length === 1, 5000, 'school channel marked missing');
      const doc = await teamDoc(h);
      assert.deepEqual([doc?.missingChannels, doc?.unreachable], [['19:school@thread.tacv2'], undefined], 'the team itself is fine');
      await eventually(() => adminMessages(h).length === 1, 5000, 'administrator told');
      assert.match(adminMessages(h)[0]!, /学校のチャネルに投稿できません（Teams の応答 404）/);

      // The next school cards of the day are parked from the start; the other channels got theirs.
      await dailyRun(h);
      assert.equal(postsIn(h.connector.created, 'school', made.code).length, 0);
      assert.equal(postsIn(h.connector.created, 'aikids', made.code).length, 1);
      assert.equal(postsIn(h.connector.created, 'casework', made.code).length, 1);
      const file = (await h.app.repo.load(made.caseId))!.value;
      assert.ok((file.milestoneCards ?? []).filter((c) => c.organisation === 'school').every((c) => c.parkedAt !== undefined));

      // The coordinators' channel is not affected: the escalation on Friday 12-04 (2 working days) is posted.
      clock.set(JST_0831('2026-12-04'));
      await dailyRun(h);
      assert.equal(postsIn(h.connector.created, 'coordinators', made.code).length, 2);
      assert.equal(adminMessages(h).length, 1, 'told once');

      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      await eventually(() => postsIn(h.connector.created, 'school', made.code).length === 7, 5000, 'school cards delivered');
      await h.app.outbox.idle();
      assert.equal(postsIn(h.connector.created, 'school', made.code).length, 7, 'each once');
      assert.deepEqual((await teamDoc(h))?.missingChannels, []);
    } finally {
      await h.stop();
    }
  });
});
