import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sendToBot, user } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import { allActionData, askPersonal, auditActions, dailyRun, ENV, installPersonal, makeCase, personalConversation, personalInvoke, rowIds, TestClock, type MadeCase } from '../support/reminders';

/**
 * 訪問・面接・同行の記録 and the monitoring cadence, on the case card (案件 <番号>) in personal chat: records
 * with date, kind, a short escaped note and who recorded them (latest 5 listed), audited; a cadence whose
 * reminders appear in 予定 and the digest, moved by a visit or by 完了; and the overdue steps flagged on the
 * card. The fictional child (架空) born 2020-10-10 has overdue 就学 steps on 2026-12-01.
 */
describe('component: monitoring and accompaniment records on the case', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let made: MadeCase;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-12-01T10:00:00+09:00'));
    h = await startHarness({ clock, env: ENV });
    made = await makeCase(h, { name: '架空 湊', kana: 'かくう みなと', birthDate: '2020-10-10' });
  });
  afterEach(async () => h.stop());

  const caseCard = () => askPersonal(h, 'coordinator1', `案件 ${made.code}`);
  const record = (data: Record<string, unknown>, from: Parameters<typeof personalInvoke>[1] = 'coordinator1') =>
    sendToBot(h.botUrl, personalInvoke(h.connector.url, from, 'contact.record', { caseId: made.caseId, formId: randomUUID(), contactDate: '2026-11-30', contactKind: 'homeVisit', contactNote: '（架空）訪問', ...data }));

  it('when the case card is shown, then it flags the overdue steps (「期限超過の予定 N件」), has no records yet, no cadence, and offers 記録 and 周期', async () => {
    const card = await caseCard();
    const text = cardText(card);
    assert.match(text, new RegExp(`期限超過の予定 7件（「予定 ${made.code}」で確認できます）`));
    assert.match(text, /モニタリング\n周期は未設定です。/);
    assert.match(text, /訪問・面接・同行の記録（全0件、新しい順に最大5件）\n• まだありません/);
    assert.ok(actionData(card, 'contact.record'), 'a form to record');
    assert.ok(actionData(card, 'monitoring.set'), 'a form to set the cadence');
    // The overdue count agrees with the 予定 list.
    const list = cardText(await askPersonal(h, 'coordinator1', `予定 ${made.code}`));
    assert.equal(list.match(/期限切れ｜/g)?.length, 7);
    assert.match(list, /うち期限切れ 7件/);
  });

  it('when a home visit is recorded with a note that tries markup, then the card lists it escaped with date, kind and who; the record is stored, audited, and a repeated submit records once', async () => {
    const formId = randomUUID();
    const note = '（架空）[リンク](http://e.invalid) <at>全員</at> **太字** 吸引器の予備電源を確認';
    const res = await record({ formId, contactNote: note });
    const text = cardText(res.body.value);
    assert.match(text, /家庭訪問（2026-11-30）を記録しました/);
    assert.match(text, new RegExp(`2026-11-30 家庭訪問（${user('coordinator1').name}）: `));
    assert.ok(!/\[[^\]]*\]\([^)]*\)/.test(text) && !text.includes('<at>') && !text.includes('**太字**'), `escaped: ${text}`);
    assert.match(text, /吸引器の予備電源を確認/);
    const again = await record({ formId, contactNote: note });
    assert.match(cardText(again.body.value), /既に保存されています/);

    const stored = (await h.app.repo.load(made.caseId))!.value.contacts!;
    assert.deepEqual(stored.map((c) => [c.kind, c.date, c.by, c.note]), [['homeVisit', { year: 2026, month: 11, day: 30 }, user('coordinator1').aadObjectId, note]]);
    assert.deepEqual((await auditActions(h, made.caseId)).filter((a) => a.action === 'contact.record'), [{ action: 'contact.record', actor: user('coordinator1').aadObjectId }]);
  });

  it('when a note has 501 characters, the date is tomorrow, or someone who does not hold the case records, then it is refused and nothing is stored', async () => {
    const tooLong = await record({ contactNote: 'あ'.repeat(501) });
    assert.equal(tooLong.body.value.code, 'CONTACT.NOTE_TOO_LONG');
    const exactly = await record({ contactNote: 'あ'.repeat(500) });
    assert.match(cardText(exactly.body.value), /を記録しました/, '500 characters are fine');
    const future = await record({ contactDate: '2026-12-02' });
    assert.equal(future.body.value.code, 'CONTACT.DATE_FUTURE');
    const garbage = await record({ contactDate: 'tomorrow' });
    assert.equal(garbage.body.value.code, 'CONTACT.DATE_INVALID');
    const stranger = await record({}, 'coordinator2');
    assert.equal(stranger.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const badKind = await record({ contactKind: 'party' });
    assert.equal(badKind.body.value.code, 'COMMON.BAD_CARD');
    assert.equal((await h.app.repo.load(made.caseId))!.value.contacts?.length, 1);
  });

  it('when six records exist, then the card lists the latest five, newest first, and says there are six', async () => {
    const days = ['2026-11-01', '2026-11-05', '2026-11-10', '2026-11-15', '2026-11-20', '2026-11-25'];
    const kinds = ['homeVisit', 'interview', 'accompaniment'];
    for (const [i, day] of days.entries()) await record({ contactDate: day, contactKind: kinds[i % 3], contactNote: `（架空）記録${i + 1}` });
    const text = cardText(await caseCard());
    assert.match(text, /全6件/);
    const lines = text.split('\n').filter((l) => /^• 2026-11-/.test(l));
    assert.deepEqual(lines.map((l) => l.slice(2, 12)), ['2026-11-25', '2026-11-20', '2026-11-15', '2026-11-10', '2026-11-05']);
    assert.match(lines[0]!, /同行（受診・手続き）/);
  });

  it('when a 3-month cadence is set, then its reminder appears in 予定 and, within 90 days, in the digest; a visit moves it; 完了 on it counts from that day', async () => {
    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'monitoring.set', { caseId: made.caseId, everyMonths: '3' }));
    assert.match(cardText(res.body.value), /モニタリング周期を「3か月ごと」にしました（次回 2027-03-01）/);
    assert.match(cardText(res.body.value), /3か月ごと（次回 2027-03-01）/);
    assert.ok(rowIds(await askPersonal(h, 'coordinator1', `予定 ${made.code}`)).includes('monitoring.due20270301'));
    assert.match(cardText(await askPersonal(h, 'coordinator1', `予定 ${made.code}`)), /90日以内｜モニタリング（3か月ごと）/);

    await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
    clock.set('2026-12-01T23:31:00Z'); // Wednesday 12-02 08:31 JST
    await dailyRun(h);
    const digest = h.connector.sent.filter((a) => a.conversationId === personalConversation('coordinator1')).pop()!;
    const digestCard = (digest.activity.attachments as { content: unknown }[])[0]!.content;
    assert.ok(rowIds(digestCard).includes('monitoring.due20270301'), 'in the morning digest (89 days ahead)');
    assert.match(cardText(digestCard), new RegExp(`90日以内｜${made.code} モニタリング（3か月ごと）`));

    await record({ contactDate: '2026-12-02', contactKind: 'interview' });
    assert.match(cardText(await caseCard()), /3か月ごと（次回 2027-03-02）/, 'an interview counts as the monitoring done');
    await record({ contactDate: '2026-12-02', contactKind: 'accompaniment' });
    assert.match(cardText(await caseCard()), /次回 2027-03-02/, 'accompanying to an appointment does not');

    clock.set('2027-03-03T01:00:00Z'); // overdue by a day
    const list = await askPersonal(h, 'coordinator1', `予定 ${made.code}`);
    assert.match(cardText(list), /期限切れ｜モニタリング（3か月ごと）/);
    const done = allActionData(list, 'milestone.done').find((d) => d.milestoneId === 'monitoring.due20270302')!;
    const after = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'milestone.done', done));
    assert.match(cardText(after.body.value), /「モニタリング（3か月ごと）」を完了にしました/);
    assert.ok(rowIds(after.body.value).includes('monitoring.due20270603'), 'the next one counts from today');
    const actions = (await auditActions(h, made.caseId)).map((a) => a.action);
    assert.ok(actions.includes('monitoring.set') && actions.includes('milestone.done'));
  });

  it('when the cadence is stopped, then the reminder is gone; a department member cannot set it', async () => {
    await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'monitoring.set', { caseId: made.caseId, everyMonths: '6' }));
    const stranger = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'nurseryLiaison', 'monitoring.set', { caseId: made.caseId, everyMonths: '1' }));
    assert.equal(stranger.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
    const stopped = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'monitoring.set', { caseId: made.caseId, everyMonths: '0' }));
    assert.match(cardText(stopped.body.value), /モニタリング周期の設定をやめました/);
    assert.equal((await h.app.repo.load(made.caseId))!.value.monitoring, undefined);
    assert.ok(!rowIds(await askPersonal(h, 'coordinator1', `予定 ${made.code}`)).some((id) => id.startsWith('monitoring.')));
  });
});
