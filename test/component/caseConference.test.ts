import assert from 'node:assert/strict';
import { CosmosMeetingRepository } from '../../src/adapters/cosmos/cosmosMeetings';
import { Activities, sendToBot, user, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { allActionData, auditActions, cardOf, ENV, makeCase, personalActivity, TestClock, type MadeCase } from '../support/reminders';

/**
 * 会議調整 through the real app (issue 6): the coordinator holding a case picks people from three departments,
 * the bot asks the calendar (the embedded Graph stand-in, through GraphCalendar) for free/busy and proposes
 * times, the pick creates one Teams meeting; no join link → 再試行; 日程変更 and 中止 update the event;
 * repeated and concurrent clicks make one event; Graph 429/503 end in success without a duplicate, finished
 * by the meeting worker and shown by rewriting the card; bad input and outsiders change nothing.
 */
const COORD = 'ichiro.suzuki@itabashi.example';
const ATTENDEES = { att_nursery: 'sakura.ito@itabashi.example', att_healthCentre: 'rie.nakamura@itabashi.example', att_school: 'sho.watanabe@itabashi.example' };
const FIRST = '2026-11-24T02:00:00.000Z'; // Tue 11:00 JST — 鈴木 13–15 and 伊藤 9–11 are busy that day (fictional calendars)
const SECOND = '2026-11-24T06:00:00.000Z'; // Tue 15:00 JST

describe('component: 会議調整 — case conferences through the calendar', function () {
  this.timeout(90_000);
  let h: Harness;
  let made: MadeCase;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-11-20T10:00:00+09:00')); // Friday
    h = await startHarness({ clock, env: ENV });
    made = await makeCase(h, { name: '架空 会議', kana: 'かくう かいぎ', birthDate: '2021-05-05' });
  });
  afterEach(async () => h.stop());

  const standIn = () => h.app.calendarStandIn!;
  const events = () => standIn().eventsOf(COORD);

  /** A personal message; returns the card sent in answer and its activity id (the card later clicks update). */
  async function say(from: UserKey, text: string): Promise<{ card: unknown; activityId: string; conversationId: string }> {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
    await eventually(() => h.connector.sent.length > n, 5000, `reply to ${text}`);
    const a = h.connector.sent[h.connector.sent.length - 1]!;
    return { card: cardOf(a) ?? a.activity.text, activityId: a.activityId, conversationId: a.conversationId };
  }
  const click = (from: UserKey, replyToId: string, verb: string, data: Record<string, unknown>) =>
    sendToBot(h.botUrl, { ...personalActivity(h.connector.url, from), type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } });

  /** 会議調整 <code> and 候補を探す for three departments, 90 minutes, the week of 11-23 (Mon is 勤労感謝の日). */
  async function proposed(from: UserKey = 'coordinator1', over: Record<string, unknown> = {}) {
    const form = await say(from, `会議調整 ${made.code}`);
    const data = actionData(form.card, 'conference.search');
    assert.ok(data, `a form: ${cardText(form.card)}`);
    const res = await click(from, form.activityId, 'conference.search', { ...data, ...ATTENDEES, duration: '90', from: '2026-11-23', to: '2026-11-27', ...over });
    return { form, res, meetingId: String(data.meetingId), card: res.body.value as unknown };
  }

  async function scheduled() {
    const p = await proposed();
    const res = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    return { ...p, res, card: res.body.value as unknown };
  }

  it('when the coordinator holding the case asks for three departments, then up to three free times are proposed, and picking one creates one Teams meeting and a card with its join link', async () => {
    const form = await say('coordinator1', `会議調整 ${made.code}`);
    const formText = cardText(form.card);
    assert.match(formText, new RegExp(`支援会議の日程調整（案件 ${made.code}）`));
    const formJson = JSON.stringify(form.card);
    assert.match(formJson, /"label":"保育".*"title":"伊藤 さくら（保育サービス課・架空）","value":"sakura.ito@itabashi.example"/, 'people by organisation, with their mailbox');
    assert.match(formJson, /"id":"att_healthCentre"/);
    assert.doesNotMatch(formJson, /鈴木 一郎/, 'the organiser is not offered as an attendee');

    const p = await proposed();
    const text = cardText(p.card);
    assert.deepEqual(allActionData(p.card, 'conference.pick').map((d) => d.start), [FIRST, SECOND, '2026-11-25T06:00:00.000Z'], text);
    assert.match(text, /2026\/11\/24（火）11:00–12:30/);
    assert.equal(events().length, 0, 'nothing in the calendar yet');
    const schedules = standIn().requests.find((r) => r.route === 'getSchedule')?.body as { schedules: string[] };
    assert.deepEqual(schedules.schedules, [COORD, ...Object.values(ATTENDEES)]);

    const res = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    const card = res.body.value;
    const done = cardText(card);
    assert.match(done, /予定表に登録し、参加者に招待を送りました/);
    assert.match(done, /日時: 2026\/11\/24（火）11:00–12:30/);
    assert.match(done, /参加者: 伊藤 さくら（保育サービス課・架空）、中村 理恵（健康福祉センター・架空）、渡辺 翔（学務課・架空）/);
    assert.match(done, /\[Teams 会議に参加\]/);
    const [event] = events();
    assert.equal(events().length, 1);
    assert.deepEqual([event!.subject, event!.transactionId, event!.isOnlineMeeting, event!.onlineMeetingProvider], [`支援会議 ${made.code}`, p.meetingId, true, 'teamsForBusiness']);
    assert.deepEqual(event!.attendees.map((a) => a.address), Object.values(ATTENDEES));
    assert.doesNotMatch(`${event!.subject} ${event!.body.content}`, /架空 会議|かくう/, 'no names in the subject or body');
    assert.match(JSON.stringify(card), new RegExp(event!.joinUrl!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const create = standIn().requests.find((r) => r.route === 'createEvent')!;
    assert.equal(create.headers['prefer'], 'outlook.timezone="Tokyo Standard Time"');

    await h.app.meetings.idle();
    const audited = (await auditActions(h, made.caseId)).filter((a) => a.actor === user('coordinator1').aadObjectId).map((a) => a.action);
    assert.ok(audited.includes('conference.propose') && audited.includes('conference.schedule'), `audited: ${audited.join(', ')}`);
    const stored = await new CosmosMeetingRepository(h.app.store.container('meetings')).load('itabashi', p.meetingId);
    assert.deepEqual([stored?.value.status, stored?.value.eventId, stored?.value.pendingAudit.length], ['scheduled', event!.id, 0]);
  });

  it('when 決定 is clicked twice, or twice at the same moment, then there is one event and both answers show it', async () => {
    const p = await proposed();
    const pick = () => click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    const [a, b] = await Promise.all([pick(), pick()]);
    const again = await pick();
    for (const r of [a, b, again]) assert.match(cardText(r.body.value), /\[Teams 会議に参加\]/, cardText(r.body.value));
    assert.equal(events().length, 1);
    assert.match(cardText(again.body.value), /すでに反映されています/);
    const other = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: SECOND });
    assert.match(JSON.stringify(other.body), /候補にありません|反映/);
    assert.equal(events().length, 1);
    assert.equal(events()[0]!.start, FIRST);
  });

  it('when the calendar gives the event no join link, then the card says so and offers 再試行; retrying gets the link without a second event', async () => {
    standIn().setJoinUrls('omit');
    const s = await scheduled();
    const text = cardText(s.card);
    assert.match(text, /Teams 会議のリンクがまだ発行されていません/);
    assert.match(text, /\[リンクを再取得\]/);
    assert.doesNotMatch(text, /\[Teams 会議に参加\]/);
    const still = await click('coordinator1', s.form.activityId, 'conference.retryLink', { meetingId: s.meetingId });
    assert.match(cardText(still.body.value), /まだ発行されていません/);
    standIn().setJoinUrls('generate');
    const linked = await click('coordinator1', s.form.activityId, 'conference.retryLink', { meetingId: s.meetingId });
    assert.match(cardText(linked.body.value), /\[Teams 会議に参加\]/);
    assert.doesNotMatch(cardText(linked.body.value), /リンクを再取得/);
    assert.equal(events().length, 1);
    assert.ok(events()[0]!.joinUrl);
  });

  it('when Graph answers 429 with a long Retry-After on create, then the card says it is waiting, and the worker creates the one event after the wait and rewrites the card', async () => {
    const p = await proposed();
    standIn().failNext({ status: 429, retryAfter: '60', route: 'createEvent' });
    const res = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(cardText(res.body.value), /予定表への登録を待っています/);
    assert.equal(events().length, 0);
    const again = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(cardText(again.body.value), /予定表に反映しています/, 'a repeat click does not bypass Retry-After');
    await h.app.meetings.runDue();
    assert.equal(events().length, 0, 'not before the Retry-After');
    clock.advance(61_000);
    await h.app.meetings.runDue();
    assert.equal(events().length, 1);
    await eventually(() => /Teams 会議に参加/.test(cardText(h.connector.latestCard(p.form.conversationId, p.form.activityId))), 5000, 'card rewritten');
    assert.match(cardText(h.connector.latestCard(p.form.conversationId, p.form.activityId)), /日時: 2026\/11\/24（火）11:00–12:30/);
  });

  it('when Graph answers 503 after creating the event (a lost answer) and then 503 again, then the retries end in one event', async () => {
    const p = await proposed();
    standIn().failNext({ status: 503, retryAfter: '0', route: 'createEvent', afterCommit: true });
    standIn().failNext({ status: 503, retryAfter: '0', route: 'createEvent' });
    const res = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(cardText(res.body.value), /\[Teams 会議に参加\]/, cardText(res.body.value));
    assert.equal(standIn().requests.filter((r) => r.route === 'createEvent').length, 3);
    assert.equal(events().length, 1);
  });

  it('when Graph stays down for the whole click, then the work is kept and finished later by the worker, without a second event', async () => {
    const p = await proposed();
    standIn().failNext({ status: 503, route: 'createEvent', afterCommit: true }, 3);
    const res = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(cardText(res.body.value), /予定表への登録を待っています/);
    assert.equal(events().length, 1, 'Graph did create it; the answers were lost');
    clock.advance(10_000);
    await h.app.meetings.runDue();
    assert.equal(events().length, 1, 'the retry found it by transactionId');
    await eventually(() => /Teams 会議に参加/.test(cardText(h.connector.latestCard(p.form.conversationId, p.form.activityId))), 5000, 'card rewritten');
  });

  it('when 日程変更 is used, then fresh times are offered without the current one, and picking one moves the same event', async () => {
    const s = await scheduled();
    const offered = await click('coordinator1', s.form.activityId, 'conference.reschedule', { meetingId: s.meetingId, from: '2026-11-24', to: '2026-11-27' });
    const starts = allActionData(offered.body.value, 'conference.pick').map((d) => String(d.start));
    assert.ok(starts.length > 0 && !starts.includes(FIRST), `fresh times: ${starts.join(', ')}`);
    const moved = await click('coordinator1', s.form.activityId, 'conference.pick', { meetingId: s.meetingId, start: starts[0] });
    assert.match(cardText(moved.body.value), /\[Teams 会議に参加\]/);
    assert.equal(events().length, 1);
    assert.equal(events()[0]!.start, starts[0]);
    await h.app.meetings.idle();
    assert.ok((await auditActions(h, made.caseId)).some((a) => a.action === 'conference.reschedule'));
  });

  it('when 中止 is confirmed, then the event is cancelled and the card says so; a repeat changes nothing; a cancelled conference cannot be picked again', async () => {
    const s = await scheduled();
    const cancelled = await click('coordinator1', s.form.activityId, 'conference.cancel', { meetingId: s.meetingId });
    assert.match(cardText(cancelled.body.value), /中止しました/);
    assert.equal(events()[0]!.isCancelled, true);
    const again = await click('coordinator1', s.form.activityId, 'conference.cancel', { meetingId: s.meetingId });
    assert.match(cardText(again.body.value), /すでに中止されています/);
    assert.equal(standIn().requests.filter((r) => r.route === 'cancelEvent').length, 1);
    const pick = await click('coordinator1', s.form.activityId, 'conference.pick', { meetingId: s.meetingId, start: SECOND });
    assert.match(cardText(pick.body.value), /すでに中止されています/);
    assert.equal(events().filter((e) => !e.isCancelled).length, 0);
  });

  it('when the input is bad, then a clear message comes back and nothing is stored or created', async () => {
    const meetings = h.app.store.container('meetings');
    const stored = async () => (await meetings.items.readAll().fetchAll()).resources.length;
    const badDates = await proposed('coordinator1', { from: '11/23' });
    assert.match(cardText(badDates.card), /YYYY-MM-DD/);
    const reversed = await proposed('coordinator1', { from: '2026-11-27', to: '2026-11-23' });
    assert.match(cardText(reversed.card), /終了日は開始日と同じか後/);
    const duration = await proposed('coordinator1', { duration: '50' });
    assert.match(cardText(duration.card), /15分単位/);
    const stranger = await proposed('coordinator1', { att_school: 'someone@evil.example' });
    assert.match(cardText(stranger.card), /一覧から選んでください/);
    const nobody = await proposed('coordinator1', { att_nursery: '', att_healthCentre: '', att_school: '' });
    assert.match(cardText(nobody.card), /参加者を1人以上/);
    const weekend = await proposed('coordinator1', { from: '2026-11-28', to: '2026-11-29' });
    assert.match(cardText(weekend.card), /営業日がありません/);
    const full = await proposed('coordinator1', { duration: '480', from: '2026-11-24', to: '2026-11-24' });
    assert.match(cardText(full.card), /見つかりませんでした/);
    assert.equal(await stored(), 0);
    const malformed = await click('coordinator1', '1', 'conference.pick', { meetingId: '../x', start: 'tomorrow' });
    assert.match(JSON.stringify(malformed.body), /COMMON.BAD_CARD/);
    const p = await proposed();
    const forged = await click('coordinator1', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: '2026-11-26T01:00:00.000Z' });
    assert.match(JSON.stringify(forged.body), /候補にありません/);
    assert.equal(events().length, 0);
  });

  it('when someone who does not hold the case, or is not the organiser, tries, then nothing is revealed or changed; the ward conference is for the secretariat only', async () => {
    const outsider = await say('coordinator2', `会議調整 ${made.code}`);
    assert.match(cardText(outsider.card), /見つからないか、閲覧する権限がありません/);
    const p = await proposed();
    const notOrganiser = await click('coordinator2', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(JSON.stringify(notOrganiser.body), /主催者だけ/);
    const desk = await click('desk', p.form.activityId, 'conference.pick', { meetingId: p.meetingId, start: FIRST });
    assert.match(JSON.stringify(desk.body), /主催者だけ/, 'the desk holds the case but did not organise this one');
    assert.equal(events().length, 0);
    const ward = await say('coordinator1', '会議調整');
    assert.match(cardText(ward.card), /会議事務局だけ/);
    const inChannel = await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'coordinator1', 'coordinators', `会議調整 ${made.code}`));
    assert.equal(inChannel.status, 200);
    await eventually(() => /個人チャット/.test(cardText(cardOf(h.connector.sent[h.connector.sent.length - 1]!))), 5000, 'personal-chat-only notice');
  });

  it('when the secretary schedules the ward conference, then it is listed for agendas (no case, no case audit) with its Teams link', async () => {
    const form = await say('secretary', '会議調整');
    const data = actionData(form.card, 'conference.search')!;
    assert.match(cardText(form.card), /重症心身障がい・医療的ケア児等会議の日程調整/);
    const res = await click('secretary', form.activityId, 'conference.search', { ...data, att_coordinators: 'ichiro.suzuki@itabashi.example,misaki.takahashi@itabashi.example', att_casework: 'ken.tanaka@itabashi.example', duration: '60', from: '2026-11-24', to: '2026-11-27' });
    const start = String(allActionData(res.body.value, 'conference.pick')[0]!.start);
    const picked = await click('secretary', form.activityId, 'conference.pick', { meetingId: data.meetingId, start });
    assert.match(cardText(picked.body.value), /\[Teams 会議に参加\]/);
    const listed = await new CosmosMeetingRepository(h.app.store.container('meetings')).listWardConferences('itabashi');
    assert.deepEqual(listed.map((m) => [m.value.meetingId, m.value.kind, m.value.subject, m.value.caseCode]), [[data.meetingId, 'wardConference', '重症心身障がい・医療的ケア児等会議', undefined]]);
    assert.equal(standIn().eventsOf('osamu.kobayashi@itabashi.example').length, 1);
  });

  it('when the secretary publishes the agenda after scheduling the ward conference, then the agenda is written into that Teams meeting through Graph, with no names', async () => {
    const form = await say('secretary', '会議調整');
    const data = actionData(form.card, 'conference.search')!;
    const res = await click('secretary', form.activityId, 'conference.search', { ...data, att_casework: 'ken.tanaka@itabashi.example', duration: '60', from: '2026-11-24', to: '2026-11-27' });
    const start = String(allActionData(res.body.value, 'conference.pick')[0]!.start);
    await click('secretary', form.activityId, 'conference.pick', { meetingId: data.meetingId, start });
    await click('coordinator1', '1', 'issue.record', { formId: '0f0e0d0c-0b0a-4000-8000-000000000001', caseId: made.caseId, category: 'respiteFamily', lifeStage: 'preschool', severity: 'high', status: 'open', description: '（架空）短期入所の空きがない', summary: '医療型短期入所の空きが足りない', raise: 'true' });

    const agenda = await say('secretary', '議題');
    assert.match(cardText(agenda.card), /会議: 2026\/11\/2\d/, 'the draft names the next ward conference');
    const published = await click('secretary', agenda.activityId, 'agenda.publish', actionData(agenda.card, 'agenda.publish')!);
    assert.match(cardText(published.body.value), /会議の予定の本文に書き込みました/);
    const [event] = standIn().eventsOf('osamu.kobayashi@itabashi.example');
    assert.ok(event, "the ward conference is in the secretary's calendar");
    const body = JSON.stringify(event);
    assert.match(body, /【議題】第1回 重症心身障がい・医療的ケア児等会議/);
    assert.match(body, /医療型短期入所の空きが足りない/);
    assert.doesNotMatch(body, /架空 会議|かくう かいぎ/, 'no child name in the calendar');
    assert.doesNotMatch(body, new RegExp(made.code), 'no case code in the calendar');
  });
});
