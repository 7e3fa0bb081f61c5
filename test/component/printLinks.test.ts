import assert from 'node:assert/strict';
import { Activities, channelId, sendToBot } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { accept, createHandoff } from '../support/flows';
import { installPersonal } from '../support/reminders';

/** One-time print links for the handoff sheet and the emergency information sheet (issue 5). */
describe('component: printable handoff and emergency sheets behind one-time links', function () {
  this.timeout(40_000);
  let h: Harness;
  let caseId: string;
  let code: string;
  beforeEach(async () => {
    h = await startHarness();
    const created = await createHandoff(h, { childName: '架空 紬', childNameKana: 'かくう つむぎ', careItems: 'SUCTION' });
    ({ caseId, code } = created);
    await accept(h, created);
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'a:p', '1', 'carePlan.save', { caseId, pv: 0, proc_SUCTION: '（架空）食後に吸引', ifSeizure: '（架空）5分で救急要請' }));
  });
  afterEach(async () => h.stop());

  const linksIn = (card: unknown) => [...JSON.stringify(card).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);

  it('when the assigned coordinator asks from the case card in personal chat, then two links come, each opens once, and opening is audited', async () => {
    const n = h.connector.sent.length;
    const click = Activities.cardAction(h.connector.url, 'coordinator1', 'a:personal-c', '1', 'print.links', { caseId });
    const res = await sendToBot(h.botUrl, { ...click, conversation: { ...click.conversation, conversationType: 'personal', isGroup: false } });
    assert.equal(res.body.type, 'application/vnd.microsoft.activity.message');
    await eventually(() => h.connector.sent.length > n, 5000, 'links card');
    const card = (h.connector.sent.at(-1)!.activity.attachments as { content: unknown }[])[0]!.content;
    assert.match(cardText(card), new RegExp(`案件 ${code} の印刷用ページ`));
    const [sheet, emergency] = linksIn(card);
    assert.ok(sheet?.startsWith(`${h.botUrl}/print/`) && emergency?.startsWith(`${h.botUrl}/print/`));

    const page = await fetch(sheet!);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html; charset=utf-8/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    assert.match(html, /架空 紬（かくう つむぎ）/);
    assert.match(html, /食後に吸引/);
    assert.equal((await fetch(sheet!)).status, 410, 'a link opens once');
    assert.match(await (await fetch(emergency!)).text(), /緊急時情報シート/);
    assert.equal((await fetch(`${h.botUrl}/print/not-a-token`)).status, 410);

    const { resources } = await h.app.store.container('audit').items.query({ query: 'SELECT c.action FROM c WHERE c.caseId = @c', parameters: [{ name: '@c', value: caseId }] }).fetchAll();
    const actions = resources.map((r: { action: string }) => r.action);
    for (const a of ['print.link', 'print.package', 'print.emergency']) assert.ok(actions.includes(a), a);
  });

  it('when a school liaison asks from the channel package card, then the links go to their personal chat and show only what the school received', async () => {
    await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'desk', 'a:p', '1', 'consent.record', { caseId, organisation: 'school', categories: 'basic,medicalCare' }));
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, 'coordinator1', `引継ぎ送付 ${code} 学校`));
    await eventually(() => h.connector.created.some((c) => c.conversationId.startsWith(channelId('school'))), 5000, 'package post');
    const post = h.connector.created.find((c) => c.conversationId.startsWith(channelId('school')))!;
    const data = actionData((post.activity.attachments as { content: unknown }[])[0]!.content, 'print.links')!;

    const before = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', post.conversationId, post.activityId, 'print.links', data));
    assert.equal(before.body.value.code, 'PRINT.NO_PERSONAL_CHAT', 'no personal chat yet: nothing is shown in the channel');

    await sendToBot(h.botUrl, installPersonal(h.connector.url, 'schoolLiaison'));
    const n = h.connector.sent.length;
    const res = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'schoolLiaison', post.conversationId, post.activityId, 'print.links', data));
    assert.equal(res.body.value, '個人チャットに印刷用リンクを送りました。');
    await eventually(() => h.connector.sent.slice(n).some((m) => !m.conversationId.startsWith('19:')), 5000, 'links in personal chat');
    const links = h.connector.sent.slice(n).find((m) => !m.conversationId.startsWith('19:'))!;
    const html = await (await fetch(linksIn((links.activity.attachments as { content: unknown }[])[0]!.content)[0]!)).text();
    assert.match(html, /食後に吸引/);
    assert.ok(!html.includes('5分で救急要請'), 'no 緊急時情報 without consent for the school');
  });
});
