import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import FakeTimers from '@sinonjs/fake-timers';
import { Activities, sendToBot } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import type { RecordedActivity } from '../support/fakeConnector';
import { allActionData, askPersonal, botAddedToTeam, cardOf, dailyRun, ENV, installPersonal, makeCase, personalConversation, personalInvoke, postsIn, rowIds, submitCase, type MadeCase } from '../support/reminders';

/**
 * Time travel (@sinonjs/fake-timers drives the app's own clock: the app runs with the system clock, and
 * `Date` is faked): a year in the life of a fictional child (架空), born 2020-04-02 and at home, so she
 * enters elementary school on 2027-04-01 (born after April 1: the later cohort). From 2026-04-01 to
 * 2027-03-31 the daily run is made every morning at 08:31 JST, as the scheduler does after DIGEST_TIME.
 *
 * The expected dates are worked out by hand from config/transitions.json and the ward calendar, not by
 * calling the engine: e.g. 就学相談の申込み is "6/30 of the school year before entry" = 2026-06-30 (Tue);
 * 学齢簿 "10/31" falls on a Saturday → 2026-10-30; 学びの場の決定 "12/31" is in the year-end closure →
 * 2026-12-28; 受給者証の申請 "1/15" = 2027-01-15 (Fri). The coordinator sets a 3-month monitoring cadence on
 * day one (due 07-01), records a home visit on 06-15 (→ 09-15) and marks the reminder done on 09-17
 * (→ 12-17). The school completes the health check from its channel card on 11-04. A second handoff sent
 * on Friday 07-17 (Monday 07-20 is 海の日) is never accepted.
 */

/** Ward closed days in the school year 2026 (public holidays and 12/29–1/3), besides weekends. */
const CLOSED = new Set([
  '2026-04-29', '2026-05-04', '2026-05-05', '2026-05-06', '2026-07-20', '2026-08-11', '2026-09-21', '2026-09-22', '2026-09-23', '2026-10-12',
  '2026-11-03', '2026-11-23', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-11', '2027-02-11', '2027-02-23', '2027-03-22',
]);
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const isWorkingDay = (day: string) => !isWeekend(day) && !CLOSED.has(day);

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

interface Digest {
  readonly rows: readonly string[];
  readonly text: string;
}

describe('component: a year in the life of a fictional child (time travel with @sinonjs/fake-timers)', function () {
  this.timeout(300_000);
  let clock: FakeTimers.Clock;
  let h: Harness;
  let child: MadeCase;
  let waiting: { code: string; caseId: string };
  const digests = new Map<string, Digest[]>();
  const reports = new Map<string, Awaited<ReturnType<typeof dailyRun>>>();
  /** The day each channel post was made. */
  const postedOn = new Map<RecordedActivity, string>();

  const at = (day: string, time = '08:31') => clock.setSystemTime(Date.parse(`${day}T${time}:00+09:00`));
  const milestoneOf = (post: RecordedActivity) => String(actionData(cardOf(post), 'milestone.done')?.milestoneId);
  const cardDays = (channel: string, code: string, milestoneId: string) =>
    postsIn(h.connector.created, channel, code)
      .filter((p) => milestoneOf(p) === milestoneId)
      .map((p) => `${postedOn.get(p)} ${/時期: (\S+)/.exec(cardText(cardOf(p)))?.[1]}`);

  before(async () => {
    // Only Date is faked (the app's clock); timers stay real so the HTTP server and Cosmos stand-in run.
    clock = FakeTimers.install({ now: Date.parse('2026-04-01T09:00:00+09:00'), toFake: ['Date'], shouldAdvanceTime: true });
    h = await startHarness({ env: ENV });
    await sendToBot(h.botUrl, botAddedToTeam(h.connector.url));
    await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
    child = await makeCase(h, { name: '架空 結衣', kana: 'かくう ゆい', birthDate: '2020-04-02' });
    const set = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'monitoring.set', { caseId: child.caseId, everyMonths: '3' }));
    assert.match(cardText(set.body.value), /次回 2026-07-01/);
    const seen = new Set(h.connector.created);

    for (const day of days('2026-04-02', '2027-03-31')) {
      at(day);
      const sentBefore = h.connector.sent.length;
      reports.set(day, await dailyRun(h));
      const mine = h.connector.sent.slice(sentBefore).filter((a) => a.conversationId === personalConversation('coordinator1'));
      digests.set(day, mine.map((a) => ({ rows: rowIds(cardOf(a)), text: cardText(cardOf(a)) })));
      for (const p of h.connector.created) if (!seen.has(p)) (seen.add(p), postedOn.set(p, day));

      // What people do on some days (after the morning run).
      if (day === '2026-06-15') {
        at(day, '14:00');
        await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'contact.record', { caseId: child.caseId, formId: randomUUID(), contactDate: day, contactKind: 'homeVisit', contactNote: '（架空）家庭訪問' }));
      }
      if (day === '2026-07-17') {
        at(day, '10:00');
        waiting = await submitCase(h, { name: '架空 颯', kana: 'かくう はやて', birthDate: '2024-05-01' });
        await h.app.outbox.idle();
        for (const p of h.connector.created) if (!seen.has(p)) (seen.add(p), postedOn.set(p, day));
      }
      if (day === '2026-09-17') {
        at(day, '11:00');
        const list = await askPersonal(h, 'coordinator1', `予定 ${child.code}`);
        const done = allActionData(list, 'milestone.done').find((d) => d.milestoneId === 'monitoring.due20260915')!;
        await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', done));
      }
      if (day === '2026-11-04') {
        at(day, '10:00');
        const card = postsIn(h.connector.created, 'school', child.code).find((p) => milestoneOf(p) === 'elementary.healthCheck')!;
        const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', card.conversationId, card.activityId, 'milestone.done', actionData(cardOf(card), 'milestone.done')!));
        assert.match(cardText(res.body.value), /完了（/);
        await h.app.outbox.idle();
      }
    }
  });

  after(async () => {
    await h?.stop();
    clock?.uninstall();
  });

  const digestOn = (day: string): Digest => {
    const list = digests.get(day) ?? [];
    assert.equal(list.length, 1, `one digest on ${day}`);
    return list[0]!;
  };
  const heading = (d: Digest, id: string): string | undefined => {
    const i = d.rows.indexOf(id);
    return i < 0 ? undefined : d.text.split('\n').filter((l) => /^(期限切れ|30日以内|90日以内)｜/.test(l))[i];
  };

  it('when the year is run day by day, then exactly one digest comes on every ward working day and none on weekends, public holidays or 12/29–1/3', () => {
    const all = [...days('2026-04-02', '2027-03-31')];
    const expected = all.filter(isWorkingDay);
    const got = all.filter((d) => (digests.get(d) ?? []).length > 0);
    assert.deepEqual(got, expected);
    assert.ok(all.every((d) => (digests.get(d) ?? []).length <= 1), 'never twice a day');
    for (const d of ['2026-05-05', '2026-09-22', '2026-12-30', '2027-01-01', '2027-03-22']) assert.equal(reports.get(d)?.date, undefined, `${d}: no run`);
    assert.equal(expected.length, 240, '364 days: 260 weekdays, 20 of them closed');
  });

  it('when 就学相談の申込み (due 2026-06-30) comes nearer, then the digest shows it in the 90-day window from the start, in the 30-day window from Monday 06-01, and overdue from 07-01', () => {
    assert.match(heading(digestOn('2026-04-02'), 'elementary.shugakuSodanStart')!, /^90日以内｜/);
    assert.match(heading(digestOn('2026-05-29'), 'elementary.shugakuSodanStart')!, /^90日以内｜/); // 32 days
    assert.match(heading(digestOn('2026-06-01'), 'elementary.shugakuSodanStart')!, /^30日以内｜/);
    assert.match(digestOn('2026-06-01').text, /今日の予定（2026-06-01）/, 'the app\'s clock is the faked one');
    assert.match(heading(digestOn('2026-06-30'), 'elementary.shugakuSodanStart')!, /^30日以内｜/);
    assert.match(digestOn('2026-06-30').text, /期日 2026-06-30（今日）/);
    assert.match(heading(digestOn('2026-07-01'), 'elementary.shugakuSodanStart')!, /^期限切れ｜/);
    assert.equal(digestOn('2026-07-01').rows[0], 'elementary.shugakuSodanStart', 'the longest overdue leads');
    assert.equal(heading(digestOn('2026-04-02'), 'elementary.healthCheck'), undefined, 'the health check (11-30) is still beyond 90 days');
    assert.match(heading(digestOn('2026-09-01'), 'elementary.healthCheck')!, /^90日以内｜/);
  });

  it('when the monitoring cadence runs, then its reminder follows the home visit and the 完了 (07-01 → 09-15 → 12-17) and is overdue the day after it is due', () => {
    assert.match(heading(digestOn('2026-04-02'), 'monitoring.due20260701')!, /^90日以内｜.* モニタリング（3か月ごと）/);
    assert.match(heading(digestOn('2026-06-01'), 'monitoring.due20260701')!, /^30日以内｜/);
    assert.ok(!digestOn('2026-06-16').rows.some((id) => id.startsWith('monitoring.')), 'after the home visit of 06-15 the next is 09-15: 91 days away');
    assert.match(heading(digestOn('2026-06-17'), 'monitoring.due20260915')!, /^90日以内｜/);
    assert.match(digestOn('2026-09-15').text, /期日 2026-09-15（今日）・コーディネーター・モニタリング/);
    assert.match(heading(digestOn('2026-09-16'), 'monitoring.due20260915')!, /^期限切れ｜/);
    assert.ok(digestOn('2026-09-18').rows.includes('monitoring.due20261217'), 'counted from the 完了 of 09-17');
    assert.match(heading(digestOn('2026-12-18'), 'monitoring.due20261217')!, /^期限切れ｜/);
  });

  it('when the school\'s steps enter a due window, then a card reaches the school channel on that working day — once per window — and a step the school completed gets no overdue card', () => {
    assert.deepEqual(cardDays('school', child.code, 'elementary.shugakuSodanStart'), ['2026-04-02 90日以内', '2026-06-01 30日以内', '2026-07-01 期限切れ']);
    assert.deepEqual(cardDays('school', child.code, 'elementary.healthCheck'), ['2026-09-01 90日以内', '2026-11-02 30日以内']);
    assert.deepEqual(cardDays('school', child.code, 'elementary.placeDecision'), ['2026-09-29 90日以内', '2026-11-30 30日以内', '2027-01-04 期限切れ']);
    assert.deepEqual(cardDays('casework', child.code, 'dayService.certificateApplication'), ['2026-10-19 90日以内', '2026-12-16 30日以内', '2027-01-18 期限切れ']);
    assert.ok(!digestOn('2026-11-05').rows.includes('elementary.healthCheck'), 'completed by the school: gone from the digest');
    assert.equal(postsIn(h.connector.created, 'coordinators', child.code).length, 1, 'the coordinators follow their own steps in the digest');
    assert.ok(postsIn(h.connector.created, 'school').every((p) => !cardText(cardOf(p)).includes('架空 結衣')));
  });

  it('when the handoff sent on Friday 07-17 is never accepted, then it is raised again on Thursday 07-23 and to 障がい児支援係 on Monday 07-27, and never again', () => {
    const coordinators = postsIn(h.connector.created, 'coordinators', waiting.code).map((p) => postedOn.get(p));
    assert.deepEqual(coordinators, ['2026-07-17', '2026-07-23']);
    assert.deepEqual(postsIn(h.connector.created, 'casework', waiting.code).filter((p) => /要確認/.test(cardText(cardOf(p)))).map((p) => postedOn.get(p)), ['2026-07-27']);
    assert.equal(reports.get('2026-07-22')?.tasks.escalation, 0);
    assert.equal(reports.get('2026-07-23')?.tasks.escalation, 1);
    assert.equal(reports.get('2026-07-27')?.tasks.escalation, 1);
    assert.equal([...reports.values()].reduce((n, r) => n + (r.tasks.escalation ?? 0), 0), 2);
  });
});
