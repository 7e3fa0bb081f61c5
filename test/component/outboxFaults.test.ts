import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { milestoneCardsOf, type CaseFile } from '../../src/domain/caseFile';
import { CosmosAuditTrail } from '../../src/adapters/cosmos/cosmosMeta';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { OutboxWorker } from '../../src/app/outboxWorker';
import type { CardDelivery, Messenger } from '../../src/app/ports';
import { uuidIds } from '../../src/app/system';
import { Activities, sendToBot, user } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { FakeConnector } from '../support/fakeConnector';
import { allActionData, askPersonal, botAddedToTeam, cardOf, dailyRun, ENV, installPersonal, latest, makeCase, personalConversation, personalInvoke, postsIn, TestClock } from '../support/reminders';

/**
 * Fault tests: every notification is delivered exactly once when the process stops between the outbox
 * write (the case file saved with the cards and audit entries it owes) and the send, and when Teams
 * answers 429 and 500 for channel cards. The Teams connector here outlives the app's restarts.
 */
const JST = (date: string, time = '08:31') => new Date(Date.parse(`${date}T${time}:00+09:00`)).toISOString();

/** The desk submits a handoff through `teams` (the turn's service URL is where channel cards go). */
async function submitVia(h: Harness, teams: FakeConnector, child: { name: string; kana: string; birthDate: string }): Promise<string> {
  const n = teams.sent.length;
  await sendToBot(h.botUrl, Activities.channelMessage(teams.url, 'desk', 'desk', '新規引継ぎ'));
  await eventually(() => teams.sent.length > n, 5000, 'form');
  const form = teams.sent[teams.sent.length - 1]!;
  const formId = actionData(cardOf(form), 'handoff.create')!.formId;
  const res = await sendToBot(
    h.botUrl,
    Activities.cardAction(teams.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { formId, childName: child.name, childNameKana: child.kana, birthDate: child.birthDate, careItems: 'SUCTION', familyNeeds: '（架空）相談', urgency: 'soon', consent: 'basic,medicalCare' }),
  );
  return `itabashi:${/案件 (\d{4}-\d{4})/.exec(cardText(res.body.value))![1]}`;
}

/** Every card a case file posts into a channel (handoff cards and escalation copies, department cards); the desk's own copy is the form message, rewritten, not posted. */
function channelCards(file: CaseFile): { id: string; activityId: string | undefined; superseded: boolean }[] {
  return [...file.handoffs.flatMap((h) => h.placements.filter((p) => p.role !== 'sender')), ...milestoneCardsOf(file)];
}

describe('component: fault tests — every notification delivered exactly once', function () {
  this.timeout(90_000);

  it('when the app stops after the case files were saved with the cards, escalations and audit entries they owe but before anything was sent, then after a restart on the same DATA_DIR each is delivered exactly once (and the digest claimed before the crash is sent once when its lease runs out)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-faults-'));
    const teams = new FakeConnector();
    await teams.start();
    const clock = new TestClock(Date.parse(JST('2026-11-20', '10:00')));
    let h = await startHarness({ dataDir, clock, env: ENV });
    try {
      // The outbox never gets to send in this process: what is owed stays recorded, as if it died first.
      await h.app.outbox.stop();
      await sendToBot(h.botUrl, botAddedToTeam(teams.url));
      const waiting = await submitVia(h, teams, { name: '架空 葵', kana: 'かくう あおい', birthDate: '2023-02-14' });
      const school = await submitVia(h, teams, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' });
      // 鈴木 一郎 accepts the second from its card data (the card itself was never posted).
      const handoff = (await h.app.repo.load(school))!.value.handoffs[0]!;
      const accepted = await sendToBot(h.botUrl, Activities.cardAction(teams.url, 'coordinator1', 'unposted', '0', 'handoff.accept', { caseId: school, handoffId: handoff.id, v: 1, shownIn: 'coordinators', role: 'receiver' }));
      assert.match(cardText(accepted.body.value), /受付済/);

      clock.set(JST('2026-11-30'));
      const report = await h.app.digests.runDue(); // escalates the first to level 2, posts the school's cards (all recorded, none sent)
      assert.equal(report.tasks.escalation, 1);
      assert.ok((report.tasks.departmentCards ?? 0) > 0);
      // The coordinator's digest for today was claimed by an instance that then died (its lease: 10 minutes).
      await sendToBot(h.botUrl, installPersonal(teams.url, 'coordinator1'));
      const convId = `conv:user:${user('coordinator1').aadObjectId}`;
      const meta = h.app.store.container('meta');
      const { resource } = await meta.item(convId, convId).read();
      await meta.item(convId, convId).replace({ ...resource, digest: { date: '2026-11-30', state: 'claimed', claimId: 'crashed-instance', at: clock.now().toISOString(), attempts: 1 } });

      const owed = await Promise.all([waiting, school].map(async (id) => (await h.app.repo.load(id))!.value));
      assert.equal(teams.created.length, 0, 'nothing was posted before the stop');
      assert.ok(owed.every((f) => f.pendingAudit.length > 0 && channelCards(f).some((c) => c.activityId === undefined)));
      const expected = owed.flatMap(channelCards).length;
      assert.ok(expected >= 10, `${expected} channel cards owed`);
      await h.stop({ keepData: true });

      h = await startHarness({ dataDir, clock, env: ENV });
      await eventually(() => teams.created.length >= expected, 20_000, 'owed cards delivered after the restart');
      await h.app.outbox.idle();
      await new Promise((r) => setTimeout(r, 2500)); // two more sweeps: nothing is delivered twice
      assert.equal(teams.created.length, expected);
      const delivered = await Promise.all([waiting, school].map(async (id) => (await h.app.repo.load(id))!.value));
      const ids = delivered.flatMap(channelCards).map((c) => c.activityId);
      assert.ok(ids.every((x) => x !== undefined), 'every card has its message');
      assert.deepEqual([...new Set(ids)].sort(), teams.created.map((c) => c.activityId).sort(), 'each card posted exactly once');
      assert.ok(delivered.every((f) => f.pendingAudit.length === 0));
      const { resources } = await h.app.store.container('audit').items.query<{ action: string }>({ query: "SELECT c.action FROM c WHERE c.caseId = @c AND c.action = 'handoff.escalate'", parameters: [{ name: '@c', value: waiting }] }).fetchAll();
      assert.equal(resources.length, 1, 'one escalation write (levels 1 and 2 caught up at once), audited once');
      assert.deepEqual(delivered[0]!.handoffs[0]!.escalations?.map((e) => e.level), [1, 2]);
      assert.equal(postsIn(teams.created, 'casework').filter((p) => /要確認/.test(cardText(cardOf(p)))).length, 1);

      const digests = () => teams.sent.filter((a) => a.conversationId === personalConversation('coordinator1') && /今日の予定（/.test(cardText(cardOf(a))));
      assert.equal((await h.app.digests.runDue()).sent, 0, 'the crashed claim still holds');
      clock.advance(11 * 60 * 1000);
      assert.equal((await h.app.digests.runDue()).sent, 1);
      assert.equal((await h.app.digests.runDue()).sent, 0);
      assert.equal(digests().length, 1, 'the digest of the day, exactly once');
    } finally {
      await h.stop();
      await teams.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('when Teams answers 429 and then 500 for the department cards and for rewriting one, then each card is posted once and rewritten once, with the latest state', async () => {
    const clock = new TestClock(Date.parse(JST('2026-12-01', '10:00')));
    const h = await startHarness({ clock, env: ENV });
    try {
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      const made = await makeCase(h, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' });
      // The connector client retries a 429 and a 500 three times itself; the fourth answer reaches the outbox.
      h.connector.failNext('create', 429, 4, { 'Retry-After': '0' });
      h.connector.failNext('create', 500, 4);
      clock.set(JST('2026-12-02'));
      const report = await dailyRun(h);
      const owed = report.tasks.departmentCards ?? 0;
      assert.equal(owed, 9);
      await eventually(() => postsIn(h.connector.created, 'school', made.code).length + postsIn(h.connector.created, 'aikids', made.code).length + postsIn(h.connector.created, 'casework', made.code).length === owed, 20_000, 'all cards after the retries');
      await h.app.outbox.idle();
      const file = (await h.app.repo.load(made.caseId))!.value;
      assert.ok(milestoneCardsOf(file).every((c) => c.activityId !== undefined && !c.superseded && c.syncedVersion === c.version));

      const schoolCard = postsIn(h.connector.created, 'school', made.code).find((p) => actionData(cardOf(p), 'milestone.done')?.milestoneId === 'elementary.entryNotice')!;
      h.connector.failNext('update', 500, 4);
      const list = await askPersonal(h, 'coordinator1', `予定 ${made.code}`);
      const postpone = allActionData(list, 'milestone.postpone').find((d) => d.milestoneId === 'elementary.entryNotice')!;
      await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.postpone', { ...postpone, [String(postpone.input)]: '2027-02-10' }));
      await eventually(() => h.connector.updates.some((u) => u.activityId === schoolCard.activityId), 20_000, 'the school card rewritten after the 500s');
      await h.app.outbox.idle();
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(h.connector.updates.filter((u) => u.activityId === schoolCard.activityId).length, 1, 'rewritten once');
      assert.match(cardText(latest(h, schoolCard)), /期日: 2027-02-10/);
      assert.equal(postsIn(h.connector.created, 'school', made.code).length, 7, 'no card posted twice');
    } finally {
      await h.stop();
    }
  });

  it('when two instances deliver the same case at the same moment, then each new card is posted by one of them only (claimed with the ETag), and all are posted', async () => {
    const clock = new TestClock(Date.parse(JST('2026-12-01', '10:00')));
    const h = await startHarness({ clock, env: ENV });
    try {
      await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
      const made = await makeCase(h, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' });
      await h.app.outbox.stop(); // the app's own outbox steps aside: two other instances deliver
      clock.set(JST('2026-12-02'));
      assert.equal((await h.app.digests.runDue()).tasks.departmentCards, 9);

      const posts: string[] = [];
      let n = 0;
      const slowTeams: Messenger = {
        showHandoff: async (): Promise<CardDelivery> => ({ kind: 'updated' }),
        showPackage: async (): Promise<CardDelivery> => ({ kind: 'updated' }),
        showMilestoneCard: async (_address, activityId, view): Promise<CardDelivery> => {
          await new Promise((r) => setTimeout(r, 30));
          if (activityId !== undefined) return { kind: 'updated' };
          posts.push(view.cardId);
          const id = String(++n);
          return { kind: 'posted', activityId: id, conversationId: `19:x;messageid=${id}` };
        },
      };
      const log = { warn: () => undefined };
      const instance = () => new OutboxWorker(new CosmosCaseFileRepository(h.app.store.container('caseFiles')), new CosmosAuditTrail(h.app.store.container('audit')), slowTeams, clock, uuidIds, log);
      const [a, b] = [instance(), instance()];
      await Promise.all([a.process(made.caseId), b.process(made.caseId)]);
      await Promise.all([a.process(made.caseId), b.process(made.caseId)]);
      assert.equal(posts.length, 9);
      assert.equal(new Set(posts).size, 9, 'no card posted twice');
      const file = (await h.app.repo.load(made.caseId))!.value;
      assert.ok(milestoneCardsOf(file).every((c) => c.activityId !== undefined && c.postClaim === undefined));
    } finally {
      await h.stop();
    }
  });
});
