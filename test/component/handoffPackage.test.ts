import assert from 'node:assert/strict';
import { TEAMS_MESSAGE_LIMIT_BYTES, utf16Bytes } from '../../src/domain/package/handoffPackage';
import { Activities, channelId, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { accept, createHandoff } from '../support/flows';

/**
 * 引継ぎパッケージ (issue 5) over the Bot Framework protocol: a child moving from 保育園 to 小学校. The
 * coordinator writes the care plan and sends the package; the school liaison acknowledges, asks, gets the
 * answer and marks 受入準備完了; both sides' cards show the history. Consent decides the content.
 */
describe('component: handoff packages from the coordinator to the school', function () {
  this.timeout(60_000);
  let h: Harness;
  let code: string;
  let caseId: string;

  const personal = (from: UserKey, text: string) => sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
  const click = (from: UserKey, conversationId: string, activityId: string, verb: string, data: Record<string, unknown>) =>
    sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, conversationId, activityId, verb, data));
  const latest = (conversationId: string, activityId: string) => h.connector.latestCard(conversationId, activityId);

  async function recordConsent(organisation: string, categories: string) {
    const res = await click('desk', 'a:p', '1', 'consent.record', { caseId, organisation, categories, givenBy: 'guardian' });
    assert.match(cardText(res.body.value), /同意を記録しました/);
  }

  async function sendPackageTo(receiver: string) {
    const before = h.connector.sent.length;
    await personal('coordinator1', `引継ぎ送付 ${code} ${receiver}`);
    await eventually(() => h.connector.sent.length > before, 5000, 'sender copy');
    return h.connector.sent[h.connector.sent.length - 1]!;
  }

  beforeEach(async () => {
    h = await startHarness();
    const created = await createHandoff(h, { childName: '架空 結衣', childNameKana: 'かくう ゆい', birthDate: '2020-04-02', careItems: 'SUCTION,TUBE', familyNeeds: '（架空）来年4月の小学校入学', urgency: 'soon' });
    ({ code, caseId } = created);
    await accept(h, created);
  });
  afterEach(async () => h.stop());

  it('when the coordinator sends the package and the school acknowledges, asks, is answered and is ready, then both cards show every step with who and when', async () => {
    await recordConsent('school', 'basic,medicalCare,emergency');

    // The care plan the package is built from (personal chat, audited).
    await personal('coordinator1', `ケア計画 ${code}`);
    await eventually(() => /ケア計画/.test(cardText(h.connector.sent.at(-1)?.activity.attachments && (h.connector.sent.at(-1)!.activity.attachments as { content: unknown }[])[0]!.content)), 5000, 'care plan card');
    const saved = await click('coordinator1', 'a:p', '1', 'carePlan.save', {
      caseId,
      pv: 0,
      proc_SUCTION: '（架空）食後に口腔内吸引',
      proc_TUBE: '（架空）12時に胃瘻から注入',
      hospital: '（架空）こども病院 03-0000-0000',
      contacts: '母 090-0000-0000',
      ifSeizure: '（架空）5分以上で救急要請',
      dailySchedule: '（架空）9:00 登校',
      familyWishes: '（架空）友だちと同じ活動に',
      agreed: '（架空）看護師が常駐',
      open: '（架空）プール',
    });
    assert.match(cardText(saved.body.value), /ケア計画を保存しました/);

    const copy = await sendPackageTo('学校');
    await eventually(() => h.connector.created.some((c) => c.conversationId.startsWith(channelId('school'))), 5000, 'school channel post');
    const post = h.connector.created.find((c) => c.conversationId.startsWith(channelId('school')))!;
    const receiverCard = (post.activity.attachments as { content: unknown }[])[0]!.content;
    assert.match(cardText(receiverCard), new RegExp(`引継ぎパッケージ ${code} → 学校`));
    assert.match(cardText(receiverCard), /送付済（受領待ち）/);
    assert.ok(!JSON.stringify(receiverCard).includes('架空 結衣'), 'the shared channel card carries no name');
    await eventually(() => /送付元の控え/.test(cardText(latest(copy.conversationId, copy.activityId))), 5000, 'sender copy becomes the package card');

    const data = actionData(receiverCard, 'package.receive')!;
    const received = await click('schoolLiaison', post.conversationId, post.activityId, 'package.receive', data);
    assert.match(cardText(received.body.value), /受領済/);
    const asked = await click('schoolLiaison', post.conversationId, post.activityId, 'package.ask', { ...data, v: 2, text: '（架空）吸引は保健室で行いますか？' });
    assert.match(cardText(asked.body.value), /未回答 1件/);
    const notYet = await click('schoolLiaison', post.conversationId, post.activityId, 'package.ready', { ...data, v: 3 });
    assert.equal(notYet.body.value.code, 'PACKAGE.QUESTIONS_OPEN');

    // The coordinator answers from their copy (its card carries the open question).
    await eventually(() => actionData(latest(copy.conversationId, copy.activityId), 'package.answer') !== undefined, 5000, 'answer action on the copy');
    const answerData = actionData(latest(copy.conversationId, copy.activityId), 'package.answer')!;
    const answered = await click('coordinator1', copy.conversationId, copy.activityId, 'package.answer', { ...answerData, text: '（架空）保健室で看護師が行います' });
    assert.equal(answered.body.statusCode, 200);
    assert.match(cardText(answered.body.value), /未回答 0件/, cardText(answered.body.value));
    const ready = await click('schoolLiaison', post.conversationId, post.activityId, 'package.ready', { ...data, v: 4 });
    assert.match(cardText(ready.body.value), /状態: 受入準備完了/);

    for (const [conv, act] of [[post.conversationId, post.activityId], [copy.conversationId, copy.activityId]] as const) {
      await eventually(() => /状態: 受入準備完了/.test(cardText(latest(conv, act))), 5000, 'both cards updated');
      const text = cardText(latest(conv, act));
      for (const step of ['送付', '受領', '質問', '回答', '受入準備完了']) assert.match(text, new RegExp(`JST [^:]+: ${step}`), `${step} in the history:\n${text}`);
    }

    // The school liaison's user-specific view carries the content allowed by consent, and nothing else.
    const view = await click('schoolLiaison', post.conversationId, post.activityId, 'package.refresh', { ...data, v: 5 });
    const detailed = cardText(view.body.value);
    assert.match(detailed, /架空 結衣（かくう ゆい）/);
    assert.match(detailed, /食後に口腔内吸引/);
    assert.match(detailed, /5分以上で救急要請/);
    assert.match(detailed, /保健室で看護師が行います/);
    assert.ok(!detailed.includes('友だちと同じ活動に'), '家庭状況 has no consent: not in the package');
    const outsider = await click('nurseryLiaison', post.conversationId, post.activityId, 'package.refresh', { ...data, v: 5 });
    assert.ok(!JSON.stringify(outsider.body.value).includes('架空 結衣'), 'another department sees the minimal card');

    // The largest card of this package stays within Teams' message limit (UTF-16, Japanese counts double).
    assert.ok(utf16Bytes(view.body.value) < TEAMS_MESSAGE_LIMIT_BYTES, `${utf16Bytes(view.body.value)} bytes`);
  });

  it('when the package goes to an organisation with no consent at all, then it is refused with a clear message and nothing is posted', async () => {
    const copy = await sendPackageTo('あいキッズ');
    await eventually(() => /同意が1つもありません/.test(cardText(latest(copy.conversationId, copy.activityId))), 5000, 'refusal');
    await h.app.outbox.idle();
    assert.ok(!h.connector.created.some((c) => c.conversationId.startsWith(channelId('aikids'))));
    const stored = await h.app.store.container('caseFiles').item(caseId, caseId).read();
    assert.deepEqual(stored.resource?.packages, []);
  });
});

describe('component: 引継ぎを作成 from a step of 予定 (issue 4 reminder card → issue 5 package)', function () {
  this.timeout(40_000);
  it('when the coordinator presses 引継ぎを作成 on a school step, then the package goes to the school channel and the copy to their personal chat', async () => {
    const h = await startHarness();
    try {
      const created = await createHandoff(h, { childName: '架空 蒼', childNameKana: 'かくう あお', birthDate: '2020-04-02', careItems: 'SUCTION' });
      await accept(h, created);
      await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:p', '1', 'consent.record', { caseId: created.caseId, organisation: 'school', categories: 'basic,medicalCare' }));
      const n = h.connector.sent.length;
      await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'coordinator1', `予定 ${created.code}`));
      await eventually(() => h.connector.sent.length > n, 5000, '予定 card');
      const card = (h.connector.sent.at(-1)!.activity.attachments as { content: unknown }[])[0]!.content;
      const data = actionData(card, 'milestone.handoff');
      assert.ok(data, `a 引継ぎを作成 action on a school step: ${cardText(card)}`);
      assert.equal(data.organisation, 'school');
      const click = Activities.cardAction(h.connector.url, 'coordinator1', `a:personal-${created.code}`, '1', 'milestone.handoff', data);
      const res = await sendToBot(h.botUrl, { ...click, conversation: { ...click.conversation, conversationType: 'personal', isGroup: false } });
      assert.match(String(res.body.value), /学校への引継ぎパッケージを作成し/);
      await eventually(() => h.connector.created.some((c) => c.conversationId.startsWith(channelId('school')) && /引継ぎパッケージ/.test(cardText((c.activity.attachments as { content: unknown }[])[0]!.content))), 5000, 'school package card');
    } finally {
      await h.stop();
    }
  });
});
