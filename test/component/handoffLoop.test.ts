import assert from 'node:assert/strict';
import { Activities, channelId, sendToBot, user } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { extraCoordinator, wardWithCoordinators } from '../support/wardMother';
import { createHandoff as createDeskHandoff, openForm, submitForm, VALID_FORM } from '../support/flows';

const FORM = VALID_FORM;
/** In these tests the desk works in its channel (personal chat is covered elsewhere). */
const openDeskForm = (h: Harness) => openForm(h, 'desk', 'deskChannel');
const submit = submitForm;

/** Records consent directly in the stored case file (the consent UI is tested on its own). */
async function grantConsent(h: Harness, caseId: string, organisation: string): Promise<void> {
  const item = h.app.store.container('caseFiles').item(caseId, caseId);
  const { resource, etag } = await item.read();
  const consents = ['basic', 'medicalCare'].map((category, i) => ({ id: `c-${organisation}-${i}`, organisation, category, givenBy: 'guardian', recordedBy: 'test', recordedAt: new Date().toISOString() }));
  await item.replace({ ...resource, consents: [...resource.consents, ...consents] }, { accessCondition: { type: 'IfMatch', condition: etag! } });
}

async function caseCount(h: Harness): Promise<number> {
  const { resources } = await h.app.store.container('caseFiles').items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
  return resources[0] ?? 0;
}

async function createHandoff(h: Harness) {
  const created = await createDeskHandoff(h, {}, 'deskChannel');
  return { form: created.form, post: created.post, card: created.post.card, accept: created.accept };
}

describe('component: the first handoff loop (desk → coordinators) over the Bot Framework protocol', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('when the desk types 新規引継ぎ, then a form card with the fictional-data note and every care item comes back', async () => {
    await openDeskForm(h);
    const card = (h.connector.sent[0]!.activity.attachments as { content: unknown }[])[0]!.content;
    const text = JSON.stringify(card);
    assert.match(cardText(card), /新規引継ぎ/);
    assert.match(cardText(card), /架空/);
    assert.ok(text.includes('人工呼吸器の管理') && text.includes('痙攣時の対応'));
  });

  it('when the form has a future birth date, an empty name and an unknown care item, then the form returns with every error and nothing is stored', async () => {
    const form = await openDeskForm(h);
    const res = await submit(h, form, { ...FORM, childName: '  ', birthDate: '2999-01-01', careItems: 'SUCTION,MAGIC' });
    assert.equal(res.body.statusCode, 200);
    const text = cardText(res.body.value);
    assert.match(text, /何も保存していません/);
    assert.match(text, /子どもの氏名を入力してください/);
    assert.match(text, /生年月日が未来の日付/);
    assert.match(text, /一覧にない医療的ケア/);
    assert.equal(await caseCount(h), 0);
    await h.app.outbox.idle();
    assert.equal(h.connector.created.length, 0, 'no channel card was posted');
  });

  it('when the desk submits a valid form, then the case is stored and a minimal handoff card is posted to the coordinators channel', async () => {
    const form = await openDeskForm(h);
    const res = await submit(h, form, FORM);
    const year = new Date().getFullYear();
    assert.match(cardText(res.body.value), new RegExp(`案件 ${year}-0001 を作成し`));
    await eventually(() => h.connector.created.length > 0, 5000, 'channel post');
    const post = h.connector.created[0]!;
    const card = (post.activity.attachments as { content: unknown }[])[0]!.content;
    assert.equal(post.conversationId.split(';')[0], channelId('coordinators'));
    const text = cardText(card);
    assert.match(text, new RegExp(`引継ぎ ${year}-0001`));
    assert.match(text, /受付待ち/);
    assert.match(text, /\[受け入れる\]/);
    assert.ok(!JSON.stringify(card).includes('架空 花子'), 'the child name is not in the channel card');
    assert.ok(!JSON.stringify(card).includes('保育園入園の相談'), "the family's words are not in the channel card");
    assert.equal(await caseCount(h), 1);
  });

  it('when the same form is submitted twice, then one case exists and the repeat is answered as already submitted', async () => {
    const form = await openDeskForm(h);
    const first = await submit(h, form, FORM);
    const second = await submit(h, form, FORM);
    assert.match(cardText(first.body.value), /作成し/);
    assert.match(cardText(second.body.value), /既に送信済み/);
    assert.equal(await caseCount(h), 1);
  });

  it('when a coordinator accepts, then the card is updated in place for everyone and a second coordinator is told who accepted', async () => {
    const { post, accept, form } = await createHandoff(h);
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    assert.equal(res.body.statusCode, 200);
    assert.match(cardText(res.body.value), /受付済/);
    assert.match(cardText(res.body.value), /鈴木 一郎/);
    assert.ok(!cardText(res.body.value).includes('[受け入れる]'));

    await eventually(() => h.connector.latestCard(post.conversationId, post.activityId) !== undefined && /受付済/.test(cardText(h.connector.latestCard(post.conversationId, post.activityId))), 5000, 'channel card update');
    await eventually(() => /受付済/.test(cardText(h.connector.latestCard(form.conversationId, form.activityId))), 5000, "desk's copy update");

    const late = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator2', post.conversationId, post.activityId, 'handoff.accept', accept));
    assert.match(cardText(late.body.value), /既に鈴木 一郎（コーディネーター・架空）さんが受け付けました/);
    // Pressing the same card again (or Teams retrying the invoke) gives the same outcome and changes nothing.
    const again = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    assert.equal(cardText(again.body.value), cardText(res.body.value));
    // From a newer card version (e.g. after a refresh), the same coordinator is told they already accepted.
    const newer = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', { ...accept, v: Number(accept.v) + 1 }));
    assert.match(cardText(newer.body.value), /あなたが既に受け付けています/);

    const file = await h.app.store.container('caseFiles').item(String(accept.caseId), String(accept.caseId)).read();
    assert.equal(file.resource?.record.assignedCoordinator.aadObjectId, user('coordinator1').aadObjectId);
    assert.equal(file.resource?.record.status, 'active');
    assert.equal(file.resource?.handoffs[0].history.filter((e: { type: string }) => e.type === 'accepted').length, 1);
  });

  it('when 20 different coordinators race to accept the same handoff, then exactly one wins and the 19 others are told who won', async () => {
    await h.stop();
    h = await startHarness({ env: { WARD_DIRECTORY_FILE: wardWithCoordinators(20) } });
    const { post, accept } = await createHandoff(h);
    const clicks = Array.from({ length: 20 }, (_, i) =>
      sendToBot(h.botUrl, { ...Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept), from: extraCoordinator(i) }),
    );
    const results = await Promise.all(clicks);
    assert.ok(results.every((r) => r.status === 200 && r.body.statusCode === 200), 'no click failed');
    const texts = results.map((r) => cardText(r.body.value));
    const winners = texts.filter((t) => /受付済/.test(t) && !/既に/.test(t));
    assert.equal(winners.length, 1, 'exactly one winner');
    const winner = /(架空コーディネーター\d+)/.exec(winners[0]!)?.[1];
    assert.ok(winner);
    const told = texts.filter((t) => t.includes(`既に${winner}さんが受け付けました`));
    assert.equal(told.length, 19, 'every loser is told the winner');
    const file = await h.app.store.container('caseFiles').item(String(accept.caseId), String(accept.caseId)).read();
    assert.equal(file.resource?.handoffs[0].history.filter((e: { type: string }) => e.type === 'accepted').length, 1);
  });

  it('when a liaison who is not a coordinator presses accept, then nothing changes and they are told only the receivers can respond', async () => {
    const { post, accept } = await createHandoff(h);
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'nurseryLiaison', post.conversationId, post.activityId, 'handoff.accept', accept));
    assert.match(cardText(res.body.value), /送り先の担当者だけ/);
    const file = await h.app.store.container('caseFiles').item(String(accept.caseId), String(accept.caseId)).read();
    assert.equal(file.resource?.handoffs[0].state.status, 'sent');
  });

  it('when a coordinator declines without a reason, then an error is shown and nothing changes; with a reason back to the desk, the desk copy offers resend', async () => {
    const { post, accept, form } = await createHandoff(h);
    const bad = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.decline', { ...accept, forwardTo: 'desk' }));
    assert.equal(bad.body.type, 'application/vnd.microsoft.error');
    assert.match(bad.body.value.message, /理由/);
    const ok = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.decline', { ...accept, reason: 'noCapacity', forwardTo: 'desk', comment: '[link](http://evil) <at>all</at>' }));
    const text = cardText(ok.body.value);
    assert.match(text, /相談窓口へ差し戻し/);
    assert.match(text, /担当枠なし/);
    assert.ok(!text.includes('[link](http://evil)') && !text.includes('<at>'), 'markup in the comment is neutralised');
    await eventually(() => /再送する/.test(cardText(h.connector.latestCard(form.conversationId, form.activityId))), 5000, 'desk copy shows resend');
  });

  it("when a coordinator forwards to a department without the family's consent, then it is refused naming the missing consent and nothing moves", async () => {
    const { post, accept } = await createHandoff(h);
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.decline', { ...accept, reason: 'outOfScope', forwardTo: 'nursery' }));
    assert.match(cardText(res.body.value), /保育への「基本情報・医療的ケア」の共有について、同意が記録されていません/);
    await h.app.outbox.idle();
    assert.ok(!h.connector.created.some((c) => c.conversationId.startsWith(channelId('nursery'))), 'nothing posted to 保育');
    const file = await h.app.store.container('caseFiles').item(String(accept.caseId), String(accept.caseId)).read();
    assert.equal(file.resource?.handoffs[0].target, 'coordinators');
  });

  it('when the desk submits without the consent to share with the coordinators, then the form says which consent is missing and nothing is stored', async () => {
    const form = await openDeskForm(h);
    const res = await submit(h, form, { ...FORM, consent: 'basic' });
    assert.match(cardText(res.body.value), /コーディネーターへの「医療的ケア」の共有について、同意が記録されていません/);
    assert.equal(await caseCount(h), 0);
  });

  it('when a coordinator forwards to 障がい児支援係 with consent recorded, then a new card appears there and the old one says where it went', async () => {
    const { post, accept } = await createHandoff(h);
    await grantConsent(h, String(accept.caseId), 'casework');
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.decline', { ...accept, reason: 'outOfScope', forwardTo: 'casework' }));
    await eventually(() => h.connector.created.some((c) => c.conversationId.startsWith(channelId('casework'))), 5000, 'casework post');
    await eventually(() => /障がい児支援係へ回付済/.test(cardText(h.connector.latestCard(post.conversationId, post.activityId))), 5000, 'old card says forwarded');
  });
});

describe('component: nothing is lost when Teams throttles, fails or loses a message', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('when posting the channel card answers 429 twice, then the card is posted after the retries', async () => {
    h.connector.failNext('create', 429, 2, { 'retry-after': '0' });
    const { post } = await createHandoff(h);
    assert.ok(post.conversationId.startsWith(channelId('coordinators')));
  });

  it('when updating the channel card answers 503, then the update is delivered later', async () => {
    const { post, accept } = await createHandoff(h);
    h.connector.failNext('update', 503, 2);
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    await eventually(() => /受付済/.test(cardText(h.connector.latestCard(post.conversationId, post.activityId))), 15_000, 'update after 503');
  });

  it('when the old channel message is gone, then a fresh card is posted and the old placement is marked superseded', async () => {
    const { post, accept } = await createHandoff(h);
    h.connector.deleteMessage(post.conversationId, post.activityId);
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    await eventually(() => h.connector.created.length === 2, 10_000, 'fresh post');
    assert.match(cardText((h.connector.created[1]!.activity.attachments as { content: unknown }[])[0]!.content), /受付済/);
    await h.app.outbox.idle();
    const file = await h.app.store.container('caseFiles').item(String(accept.caseId), String(accept.caseId)).read();
    const receivers = file.resource?.handoffs[0].placements.filter((p: { role: string }) => p.role === 'receiver');
    assert.deepEqual(receivers.map((p: { superseded: boolean }) => p.superseded), [true, false]);
  });
});

describe('component: user-specific views through card refresh (least disclosure in channels)', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.stop());

  it('when a channel member without rights refreshes the card, then only the minimal card comes back; the assigned coordinator gets the details, and only that read is audited', async () => {
    const { post, accept } = await createHandoff(h);
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    await eventually(() => /受付済/.test(cardText(h.connector.latestCard(post.conversationId, post.activityId))), 5000, 'update');
    const shared = h.connector.latestCard(post.conversationId, post.activityId)! as { refresh?: { userIds?: string[]; action?: { verb?: string; data?: Record<string, unknown> } } };
    assert.deepEqual([...(shared.refresh?.userIds ?? [])].sort(), [user('coordinator1').id, user('desk').id].sort(), 'user-specific view for the sender and the acceptor only');
    assert.equal(shared.refresh?.action?.verb, 'handoff.refresh');
    assert.ok(!JSON.stringify(shared).includes('架空 花子'), 'the shared card has no name');

    const refreshData = shared.refresh!.action!.data!;
    const outsider = await sendToBot(h.botUrl, { ...Activities.cardAction(h.connector.url, 'nurseryLiaison', post.conversationId, post.activityId, 'handoff.refresh', refreshData), value: { action: { type: 'Action.Execute', verb: 'handoff.refresh', data: refreshData }, trigger: 'automatic' } });
    assert.equal(outsider.body.statusCode, 200);
    assert.ok(!JSON.stringify(outsider.body.value).includes('架空 花子'), 'no name for a member without rights');
    assert.match(cardText(outsider.body.value), /受付済/);

    const coordinator = await sendToBot(h.botUrl, { ...Activities.cardAction(h.connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.refresh', refreshData), value: { action: { type: 'Action.Execute', verb: 'handoff.refresh', data: refreshData }, trigger: 'automatic' } });
    const text = cardText(coordinator.body.value);
    assert.match(text, /あなたにだけ表示/);
    assert.match(text, /架空 花子（かくう はなこ）/);
    assert.match(text, /保育園入園の相談/);

    const entries = await h.app.store.container('audit').items.query('SELECT * FROM c WHERE c.action = "handoff.refresh"').fetchAll();
    assert.deepEqual(entries.resources.map((e: { actor: string }) => e.actor), [user('coordinator1').aadObjectId]);
  });
});
