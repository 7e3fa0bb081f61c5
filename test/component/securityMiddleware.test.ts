import assert from 'node:assert/strict';
import { Activities, sendToBot, WARD } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';

const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
const FORM = { childName: '架空 花子', childNameKana: 'かくう はなこ', birthDate: '2022-05-10', careItems: 'SUCTION,TUBE', familyNeeds: '（架空）保育園入園の相談', urgency: 'soon', consent: 'basic,medicalCare', consentGivenBy: 'guardian' };

/** The same activity as if it came from another Microsoft 365 tenant (both places Teams names the tenant). */
function fromOtherTenant<T extends { conversation: object; channelData: object }>(activity: T): T {
  return { ...activity, conversation: { ...activity.conversation, tenantId: OTHER_TENANT }, channelData: { ...activity.channelData, tenant: { id: OTHER_TENANT } } };
}

async function caseCount(h: Harness): Promise<number> {
  const { resources } = await h.app.store.container('caseFiles').items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
  return resources[0] ?? 0;
}

const isText = (a: { activity: Record<string, unknown> } | undefined) => a !== undefined && typeof a.activity.text === 'string' && !a.activity.attachments;
const isHelpCard = (a: { activity: Record<string, unknown> } | undefined) => {
  const card = (a?.activity.attachments as { content?: unknown }[] | undefined)?.[0]?.content;
  return card !== undefined && /新規引継ぎ/.test(cardText(card));
};

describe('component: only the ward tenant is served (tenant filter middleware)', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('when a message comes from another tenant, then there is no reply; from the ward tenant, the form comes back', async () => {
    const stranger = await sendToBot(h.botUrl, fromOtherTenant(Activities.channelMessage(h.connector.url, 'desk', 'desk', '新規引継ぎ')));
    assert.equal(stranger.status, 200);
    assert.deepEqual(h.connector.sent, [], 'no reply to another tenant');

    const ward = await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'desk', 'desk', '新規引継ぎ'));
    assert.equal(ward.status, 200);
    await eventually(() => h.connector.sent.length === 1, 5000, 'form card');
  });

  it('when a card action comes from another tenant, then it gets a 403 COMMON.WRONG_TENANT error and nothing is stored; from the ward tenant it creates the case', async () => {
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'desk', 'desk', '新規引継ぎ'));
    await eventually(() => h.connector.sent.length === 1, 5000, 'form card');
    const form = h.connector.sent[0]!;
    const data = actionData((form.activity.attachments as { content: unknown }[])[0]!.content, 'handoff.create')!;
    const submit = Activities.cardAction(h.connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { ...data, ...FORM });

    const stranger = await sendToBot(h.botUrl, fromOtherTenant(submit));
    assert.equal(stranger.status, 200);
    assert.deepEqual(stranger.body, { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'COMMON.WRONG_TENANT', message: 'このボットは登録された組織（テナント）の利用者だけが使えます。' } });
    assert.equal(await caseCount(h), 0);
    await h.app.outbox.idle();
    assert.equal(h.connector.created.length, 0, 'no channel card was posted');
    assert.equal(h.connector.sent.length, 1, 'no other reply');

    const ward = await sendToBot(h.botUrl, submit);
    assert.equal(ward.body.statusCode, 200);
    assert.equal(await caseCount(h), 1);
  });

  it('when only conversation.tenantId names another tenant, then the activity is dropped too', async () => {
    const a = Activities.personalMessage(h.connector.url, 'desk', 'ヘルプ');
    await sendToBot(h.botUrl, { ...a, conversation: { ...a.conversation, tenantId: OTHER_TENANT } });
    assert.deepEqual(h.connector.sent, []);
    assert.equal(a.channelData.tenant.id, WARD.tenantId, 'the builder is the ward tenant (the control)');
  });
});

describe('component: per-user rate limit of commands and card actions (defaults: 20 per minute, burst 20)', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    // A frozen clock: no token comes back during the test, however slow the machine is.
    const frozen = new Date();
    h = await startHarness({ clock: { now: () => frozen } });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('when one user sends 21 commands at once, then the 21st is refused with one short reply, a card action gets 429, and another user is served', async () => {
    for (let i = 1; i <= 20; i++) {
      const res = await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'desk', 'ヘルプ'));
      assert.equal(res.status, 200);
    }
    assert.equal(h.connector.sent.length, 20);
    assert.ok(h.connector.sent.every(isHelpCard), 'the first 20 were served');

    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'desk', 'ヘルプ'));
    assert.equal(h.connector.sent.length, 21);
    const refusal = h.connector.sent[20];
    assert.ok(isText(refusal), 'a short text, not the help card');
    assert.match(String(refusal!.activity.text), /操作が続けて行われたため、しばらく受け付けを止めています。\d+秒ほど待って/);

    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'desk', 'ヘルプ'));
    assert.equal(h.connector.sent.length, 21, 'told once per window, then silence');

    const click = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:personal', 'm1', 'handoff.accept', { caseId: 'itabashi:2026-0001' }));
    assert.equal(click.body.statusCode, 429);
    assert.equal(click.body.type, 'application/vnd.microsoft.error');
    assert.equal(click.body.value.code, 'COMMON.RATE_LIMITED');

    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'coordinator1', 'ヘルプ'));
    assert.equal(h.connector.sent.length, 22);
    assert.ok(isHelpCard(h.connector.sent[21]), 'another user is served');
  });

  it('when a user over the limit writes in English where the Teams locale is honoured, then the reply is English', async () => {
    await h.stop();
    const stopped = new Date();
    h = await startHarness({ clock: { now: () => stopped }, env: { HONOUR_TEAMS_LOCALE: 'true' } });
    for (let i = 0; i < 20; i++) await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'caseWorker', 'help', 'en-US'));
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'caseWorker', 'help', 'en-US'));
    assert.match(String(h.connector.sent[20]?.activity.text), /^Too many actions in a short time/);
  });
});
