import assert from 'node:assert/strict';
import { holidayJpCalendar } from '../../src/adapters/calendar/holidayJpCalendar';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { JsonWardDirectory, readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';
import { channelAddressBook } from '../../src/app/channelAddress';
import { escalateWaitingHandoffs } from '../../src/app/escalation';
import { uuidIds } from '../../src/app/system';
import { Activities, sendToBot } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import { auditActions, botAddedToTeam, cardOf, dailyRun, ENV, latest, makeCase, postsIn, TestClock, type MadeCase } from '../support/reminders';

/**
 * Escalation of a handoff nobody accepts, through the real app: sent on Friday 2026-11-20 (Monday 11-23 is
 * 勤労感謝の日), ESCALATION_BUSINESS_DAYS=2. Thursday 11-26 (2 full working days later) brings a fresh card in
 * the coordinators' channel; Monday 11-30 (4) a copy in 障がい児支援係 as well. Each step is recorded on the
 * handoff and delivered by the outbox, once — also when two instances run it at the same moment.
 */
const JST_0831 = (date: string) => new Date(Date.parse(`${date}T08:31:00+09:00`)).toISOString();

describe('component: escalation of handoffs nobody accepts', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let made: MadeCase;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-11-20T10:00:00+09:00'));
    h = await startHarness({ clock, env: ENV });
    await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
    made = await makeCase(h, { name: '架空 葵', kana: 'かくう あおい', birthDate: '2023-02-14' }, null);
  });
  afterEach(async () => h.stop());

  const coordinatorPosts = () => postsIn(h.connector.created, 'coordinators', made.code);
  const caseworkPosts = () => postsIn(h.connector.created, 'casework', made.code);
  const stored = async () => (await h.app.repo.load(made.caseId))!.value.handoffs[0]!;

  it('when nobody accepts for 2 working days after a Friday before a holiday, then on Thursday a fresh card is posted in the coordinators\' channel with 「未対応 2営業日」 and the first card says so too', async () => {
    for (const day of ['2026-11-24', '2026-11-25']) {
      clock.set(JST_0831(day));
      const report = await dailyRun(h);
      assert.equal(report.tasks.escalation, 0, day);
    }
    assert.equal(coordinatorPosts().length, 1, 'only the original card so far');

    clock.set(JST_0831('2026-11-26'));
    assert.equal((await dailyRun(h)).tasks.escalation, 1);
    const posts = coordinatorPosts();
    assert.equal(posts.length, 2, 'a fresh card');
    const fresh = latest(h, posts[1]!);
    assert.match(cardText(fresh), /未対応 2営業日: コーディネーターでまだ誰も受け付けていません/);
    assert.ok(actionData(fresh, 'handoff.accept'), 'the fresh card can be accepted');
    assert.ok(!cardText(fresh).includes('架空 葵'), 'no name in the channel');
    assert.match(cardText(latest(h, posts[0]!)), /未対応 2営業日/, 'the first card is rewritten too');

    const handoff = await stored();
    assert.deepEqual(handoff.escalations?.map((e) => [e.level, e.businessDays]), [[1, 2]]);
    assert.ok(handoff.placements.every((p) => p.activityId !== undefined && p.syncedVersion === handoff.version), 'every card delivered and synced');
    const escalations = (await auditActions(h, made.caseId)).filter((a) => a.action === 'handoff.escalate');
    assert.deepEqual(escalations, [{ action: 'handoff.escalate', actor: 'system' }]);

    // The same morning again (another check of the scheduler, or a restart): nothing more.
    await dailyRun(h);
    clock.set(JST_0831('2026-11-27'));
    await dailyRun(h);
    assert.equal(coordinatorPosts().length, 2);
    assert.equal(caseworkPosts().length, 0, 'level 2 needs 4 working days');
  });

  it('when it still waits after 4 working days and two instances escalate at the same moment, then 障がい児支援係 gets one card without actions, recorded once', async () => {
    clock.set(JST_0831('2026-11-26'));
    await dailyRun(h);
    clock.set(JST_0831('2026-11-30'));
    // A second instance: its own repository (no shared cache, no projection), on the same Cosmos containers.
    const directory = new JsonWardDirectory(readWardDirectoryFile('config/ward.embedded.json'));
    const calendar = holidayJpCalendar();
    const deps = (repo: CosmosCaseFileRepository) => ({ repo, clock, ids: uuidIds, calendar, businessDays: 2, addresses: () => channelAddressBook({ directory, teams: h.app.teams }), onOutboxWork: (id: string) => h.app.outbox.kick(id) });
    const other = new CosmosCaseFileRepository(h.app.store.container('caseFiles'));
    const [a, b, c] = await Promise.all([escalateWaitingHandoffs(deps(h.app.repo)), escalateWaitingHandoffs(deps(other)), dailyRun(h)]);
    assert.equal(a.escalated + b.escalated + (c.tasks.escalation ?? 0), 1, 'exactly one instance recorded the step');
    await h.app.outbox.idle();

    const handoff = await stored();
    assert.deepEqual(handoff.escalations?.map((e) => [e.level, e.businessDays]), [[1, 2], [2, 4]]);
    assert.equal(caseworkPosts().length, 1);
    const card = latest(h, caseworkPosts()[0]!);
    assert.match(cardText(card), /要確認: 引継ぎ .*（コーディネーターで未対応）/);
    assert.match(cardText(card), /未対応 4営業日: .*障がい児支援係にも知らせました/);
    assert.equal(actionData(card, 'handoff.accept'), undefined, 'case workers are told, they do not accept for the coordinators');
    assert.equal(coordinatorPosts().length, 2, 'no further fresh card at level 2');
    assert.equal((await auditActions(h, made.caseId)).filter((x) => x.action === 'handoff.escalate').length, 2);
  });

  it('when a coordinator then accepts on the fresh card, then every card — the first, the fresh one and 障がい児支援係\'s — shows 受付済 and no longer says 未対応', async () => {
    clock.set(JST_0831('2026-11-30'));
    await dailyRun(h); // catches up to level 2 at once
    const fresh = coordinatorPosts()[1]!;
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator2', fresh.conversationId, fresh.activityId, 'handoff.accept', actionData(cardOf(fresh), 'handoff.accept')!));
    assert.match(cardText(res.body.value), /受付済/);
    await h.app.outbox.idle();
    for (const post of [...coordinatorPosts(), ...caseworkPosts()]) {
      const text = cardText(latest(h, post));
      assert.match(text, /受付済/);
      assert.ok(!text.includes('未対応'), text);
    }
    clock.set(JST_0831('2026-12-07'));
    assert.equal((await dailyRun(h)).tasks.escalation, 0, 'an accepted handoff is never escalated again');
  });
});
