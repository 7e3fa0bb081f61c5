import assert from 'node:assert/strict';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { accept, askInPersonalChat, createHandoff } from '../support/flows';

describe('component: case details in personal chat, permission-checked and audited', function () {
  this.timeout(30_000);
  let h: Harness;
  let code: string;

  const personal = (from: UserKey, text: string) => askInPersonalChat(h, from, text);

  beforeEach(async () => {
    h = await startHarness();
    const created = await createHandoff(h, { childName: '架空 真央', childNameKana: 'かくう まお', birthDate: '2020-10-10', careItems: 'VENT,TRACH', familyNeeds: '（架空）人工呼吸器の電源確保', urgency: 'urgent' });
    code = created.code;
    await accept(h, created);
  });
  afterEach(async () => h.stop());

  it('when the assigned coordinator asks 案件 <code> in personal chat, then the details and the computed score are shown', async () => {
    const text = await personal('coordinator1', `案件 ${code}`);
    assert.match(text, /架空 真央（かくう まお）/);
    assert.match(text, /人工呼吸器の管理（基本 10点）/);
    assert.match(text, /医療的ケア判定スコア（R3）: 18点/); // 10 + 8, 見守り not yet assessed
    assert.match(text, /この閲覧は記録されています/);
  });

  it('when a coordinator who is not assigned asks, then they get the same answer as for a missing case', async () => {
    const forbidden = await personal('coordinator2', `案件 ${code}`);
    const missing = await personal('coordinator2', '案件 2099-9999');
    assert.match(forbidden, /見つからないか、閲覧する権限がありません/);
    assert.equal(forbidden.replace(code, 'X'), missing.replace('2099-9999', 'X'));
  });

  it('when anyone asks for details in a channel, then nothing is shown there and they are sent to personal chat', async () => {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'coordinator1', 'coordinators', `案件 ${code}`));
    await eventually(() => h.connector.sent.length > n, 5000, 'reply');
    const a = h.connector.sent[h.connector.sent.length - 1]!.activity;
    const text = cardText((a.attachments as { content: unknown }[])[0]!.content);
    assert.match(text, /個人チャットでだけ/);
    assert.ok(!text.includes('架空 真央'));
  });

  it('when the administrator lists the audit trail, then the create, the accept and each detail view are there with who and which fields', async () => {
    await personal('coordinator1', `案件 ${code}`);
    await personal('coordinator2', `案件 ${code}`); // refused: not a read of case data
    await h.app.outbox.idle();
    await eventually(async () => /case\.create/.test(await personal('admin', `監査 ${code}`)), 5000, 'audit entries delivered');
    const text = await personal('admin', `監査 ${code}`);
    assert.match(text, /佐藤 花子.*作成 case\.create/);
    assert.match(text, /鈴木 一郎.*更新 handoff\.accept/);
    assert.match(text, /鈴木 一郎.*閲覧 case\.view \[child\.name/);
    assert.ok(!/高橋 美咲.*閲覧/.test(text), 'a refused request is not a read');
    const byUser = await personal('admin', '監査 利用者 00000000-0000-4000-8000-000000000002');
    assert.match(byUser, /handoff\.accept/);
    assert.match(byUser, /case\.view/);
  });

  it('when someone who is not an administrator asks for the audit trail, then it is refused', async () => {
    assert.match(await personal('coordinator1', `監査 ${code}`), /管理者だけ/);
  });
});

describe('component: recording and revoking consent through the consent card', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.stop());

  it('when the desk records consent for 保育, then the card lists it; a liaison cannot record; after a revocation forwarding there is refused', async () => {
    const created = await createHandoff(h, { childName: '架空 葵', childNameKana: 'かくう あおい', birthDate: '2022-02-02', careItems: 'TUBE', familyNeeds: '（架空）保育園の看護師配置', urgency: 'normal' });
    const code = created.code;
    const caseId = `itabashi:${code}`;

    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'desk', `同意 ${code}`));
    await eventually(() => h.connector.sent.length > n, 5000, 'consent card');
    const consentCard = (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
    assert.match(cardText(consentCard), /コーディネーター: 基本情報（保護者/);

    const recorded = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', '1', 'consent.record', { caseId, organisation: 'nursery', categories: 'basic,medicalCare', givenBy: 'guardian' }));
    assert.match(cardText(recorded.body.value), /保育への「基本情報・医療的ケア」の同意を記録しました/);
    assert.match(cardText(recorded.body.value), /保育: 医療的ケア（保護者/);

    const liaison = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'nurseryLiaison', 'a:personal', '1', 'consent.record', { caseId, organisation: 'school', categories: 'basic', givenBy: 'guardian' }));
    assert.equal(liaison.body.value.code, 'CONSENT.NOT_AUTHORISED');

    const revoked = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', '1', 'consent.revoke', { caseId, organisation: 'nursery', categories: 'medicalCare' }));
    assert.match(cardText(revoked.body.value), /撤回を記録しました/);
    assert.ok(!/保育: 医療的ケア/.test(cardText(revoked.body.value)));

    const forward = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', created.post.conversationId, created.post.activityId, 'handoff.decline', { ...created.accept, reason: 'outOfScope', forwardTo: 'nursery' }));
    assert.match(cardText(forward.body.value), /保育への「医療的ケア」の共有について、同意が記録されていません/);

    const empty = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', '1', 'consent.record', { caseId, organisation: 'nursery', categories: '' }));
    assert.equal(empty.body.value.code, 'COMMON.BAD_CARD');
  });
});
