import assert from 'node:assert/strict';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import { askPersonal, auditActions, cardOf, dailyRun, ENV, installPersonal, makeCase, personalConversation, personalInvoke, teamInstallation, TestClock, type MadeCase } from '../support/reminders';

/**
 * 非常時情報 (issue 11) through the real app: 非常時 <案件番号> in personal chat shows a draft from the case,
 * the card saves the profile on the case (version-guarded, audited), bad input is refused with a message
 * and stores nothing, 家族と確認済みにする dates it, the one-time print link opens the one-page evacuation
 * plan once, and the morning run reminds the coordinator when the re-confirmation falls due.
 */
describe('component: 非常時情報 (emergency profile) on the case', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: TestClock;
  let made: MadeCase;

  beforeEach(async () => {
    clock = new TestClock(Date.parse('2026-11-25T10:00:00+09:00'));
    h = await startHarness({ clock, env: { ...ENV, EMERGENCY_PROFILE_REVIEW_MONTHS: '12' } });
    made = await makeCase(h, { name: '架空 備子', kana: 'かくう そなこ', birthDate: '2020-04-01' });
  });
  afterEach(async () => h.stop());

  const stored = async () => (await h.app.store.container('caseFiles').item(made.caseId, made.caseId).read()).resource.emergencyProfile as Record<string, any> | undefined;
  const save = (from: UserKey, v: number, fields: Record<string, string>) => sendToBot(h.botUrl, personalInvoke(h.connector.url, from, 'profile.save', { caseId: made.caseId, v, kinds: 'ventilator', ...fields }));
  const FORM = {
    dev0_internal: '4',
    dev0_count: '２',
    dev0_each: '3',
    backupSources: 'carPower,generator',
    hospitalName: '（架空）板橋こども医療センター',
    hospitalPhone: '03-0000-0000',
    address: '（架空）板橋区大山町0-0-0',
    place_earthquake: '（架空）区立大山小学校',
    helper_mover_name: '（架空）町会 役員',
    helper_mover_phone: '03-0000-0002',
    contacts: '母 090-0000-0000\n（架空）主治医 03-0000-0001',
    consentGiver: 'guardian',
    consentScope: '（架空）町会・消防署',
  };

  it('when the coordinator opens 非常時, saves the form and confirms with the family, then the profile is stored with its version, the card shows the margin and the next due date, and each step is audited', async () => {
    const first = await askPersonal(h, 'coordinator1', `非常時 ${made.code}`);
    assert.match(cardText(first), /まだ保存されていません/);
    assert.match(cardText(first), /家族との確認: まだです（12か月ごとに確認）/);
    assert.equal(actionData(first, 'profile.save')!.v, 0);

    const res = await save('coordinator1', 0, FORM);
    const text = cardText(res.body.value);
    assert.match(text, /非常時情報を保存しました/);
    assert.match(text, /人工呼吸器: 内蔵 4時間 \+ 予備 2個 × 3時間 = 10時間/, 'full-width ２ read as 2; the total computed');
    const p = await stored();
    assert.equal(p!.version, 1);
    assert.deepEqual(p!.profile.backupPower.sources, ['carPower', 'generator']);
    assert.equal(p!.profile.consent.givenBy, 'guardian');

    const confirmed = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'profile.confirm', { caseId: made.caseId, v: 1 }));
    assert.match(cardText(confirmed.body.value), /最終確認 2026-11-25 \/ 次回確認期限 2027-11-25（12か月ごと）/);
    assert.equal((await stored())!.version, 2);
    const actions = (await auditActions(h, made.caseId)).map((e) => e.action);
    for (const a of ['emergencyProfile.view', 'emergencyProfile.save', 'emergencyProfile.confirm']) assert.ok(actions.includes(a), `${a} audited`);
  });

  it('when the card is stale, a number is not a number, a phone is malformed, or someone who does not hold the case saves, then a clear message comes back and nothing changes', async () => {
    await save('coordinator1', 0, FORM);
    const stale = await save('coordinator1', 0, { ...FORM, address: '（架空）別の住所' });
    assert.match(cardText(stale.body.value), /他の人が先に非常時情報を更新しました/);
    const notNumber = await save('coordinator1', 1, { ...FORM, dev0_internal: 'よじかん' });
    assert.match(JSON.stringify(notNumber.body), /数字で入力してください（機器）/);
    const badPhone = await save('coordinator1', 1, { ...FORM, hospitalPhone: 'call me' });
    assert.match(JSON.stringify(badPhone.body), /病院（電話番号の形式が正しくありません）/);
    const outsider = await save('coordinator2', 1, { ...FORM, address: '（架空）外部' });
    assert.match(JSON.stringify(outsider.body), /CASE.NOT_FOUND_OR_FORBIDDEN/);
    const p = await stored();
    assert.equal(p!.version, 1);
    assert.equal(p!.profile.address, FORM.address);
    assert.match(cardText(await askPersonal(h, 'coordinator2', `非常時 ${made.code}`)), /見つからないか、閲覧する権限がありません/);
    const inChannel = await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'coordinator1', 'coordinators', `非常時 ${made.code}`));
    assert.equal(inChannel.status, 200);
    assert.ok(!JSON.stringify(h.connector.sent.slice(-1)).includes(FORM.address), 'never shown in a channel');
  });

  it('when a print link is issued, then it opens the one-page evacuation plan once (audited) and a second open is gone', async () => {
    await save('coordinator1', 0, FORM);
    const res = await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'profile.print', { caseId: made.caseId }));
    const url = JSON.stringify(res.body).match(/https?:\/\/[^"]+\/print\/[A-Za-z0-9_-]+/)?.[0];
    assert.ok(url, 'the card carries a one-time link');
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /個別避難計画（基礎情報） 案件/);
    assert.ok(html.includes('架空 備子') && html.includes('（架空）区立大山小学校'));
    assert.equal((await fetch(url)).status, 410, 'used once');
    const actions = (await auditActions(h, made.caseId)).map((e) => e.action);
    assert.ok(actions.includes('print.link') && actions.includes('print.evacuation'));
  });

  it('when the re-confirmation falls due, then the morning run reminds the coordinator once in personal chat', async () => {
    await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
    await save('coordinator1', 0, FORM);
    await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'profile.confirm', { caseId: made.caseId, v: 1 }));
    const reminders = () => h.connector.sent.filter((s) => s.conversationId === personalConversation('coordinator1') && cardText(cardOf(s)).includes('非常時情報の再確認'));
    clock.set('2027-10-27T09:00:00+09:00'); // a Wednesday, 29 days before 2027-11-25
    await dailyRun(h);
    assert.equal(reminders().length, 1);
    assert.match(cardText(cardOf(reminders()[0]!)), new RegExp(`案件 ${made.code} の確認期限 2027-11-25 が近づいています`));
    clock.set('2027-10-28T09:00:00+09:00');
    await dailyRun(h);
    assert.equal(reminders().length, 1, 'not again for the same due date');
    clock.set('2027-11-26T09:00:00+09:00');
    await dailyRun(h);
    assert.equal(reminders().length, 2, 'once more when overdue');
    assert.match(cardText(cardOf(reminders()[1]!)), /を過ぎています/);
  });

  it('when the coordinator has no personal chat with the bot, then the reminder goes to the coordinators channel with the case code only, once', async () => {
    await sendToBot(h.botUrl, teamInstallation(h.connector.url, 'add'));
    await save('coordinator1', 0, FORM);
    await sendToBot(h.botUrl, personalInvoke(h.connector.url, 'coordinator1', 'profile.confirm', { caseId: made.caseId, v: 1 }));
    const inChannel = () => h.connector.created.filter((p) => p.conversationId.startsWith('19:coordinators') && cardText(cardOf(p)).includes('非常時情報の再確認'));
    clock.set('2027-10-27T09:00:00+09:00');
    await dailyRun(h);
    assert.equal(inChannel().length, 1);
    const text = cardText(cardOf(inChannel()[0]!));
    assert.match(text, new RegExp(`案件 ${made.code} の確認期限 2027-11-25`));
    assert.ok(!text.includes('架空 '), 'no child name in the channel');
    clock.set('2027-10-28T09:00:00+09:00');
    await dailyRun(h);
    assert.equal(inChannel().length, 1, 'not again for the same due date');
  });
});
