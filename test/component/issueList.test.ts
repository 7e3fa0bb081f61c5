import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { auditActions, ENV, makeCase, type MadeCase } from '../support/reminders';

/**
 * 課題 一覧 through the real app: the stock at a glance with only the no-names summaries, and the changes a
 * list allows (会議に上げる / 取り下げる / 解決 / 制度課題) to the people allowed, audited on the case when the issue
 * belongs to one; a raised issue then appears on the secretary's agenda.
 */
const personal = (h: Harness, from: UserKey, text: string) => sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
const invoke = (h: Harness, from: UserKey, verb: string, data: Record<string, unknown>) => sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, 'a:personal', '1', verb, data));

async function listCard(h: Harness, from: UserKey): Promise<unknown> {
  const n = h.connector.sent.length;
  await personal(h, from, '課題 一覧');
  await eventually(() => h.connector.sent.length > n, 5000, 'issue list');
  return (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
}

describe('component: 課題 一覧 (the issue stock: list and changes)', function () {
  this.timeout(60_000);
  let h: Harness;
  let made: MadeCase;
  const caseForm = randomUUID();
  const freeForm = randomUUID();
  before(async () => {
    h = await startHarness({ env: { ...ENV } });
    made = await makeCase(h, { name: '架空 一覧', kana: 'かくう いちらん', birthDate: '2021-05-01' });
    await invoke(h, 'coordinator1', 'issue.record', { formId: caseForm, caseId: made.caseId, category: 'transport', lifeStage: 'preschool', severity: 'high', status: 'open', description: '（架空）架空 一覧さんの通園に付き添える人がいない', summary: '通園の付き添いがいない', raise: 'false' });
    // (The child is 「架空 一覧」: a summary of its issue may not contain 架空, a part of the name.)
    await invoke(h, 'nurseryLiaison', 'issue.record', { formId: freeForm, caseId: '', category: 'childcareEducation', lifeStage: 'preschool', severity: 'medium', status: 'open', description: '（架空）園の看護師が不足', summary: '', raise: 'false' });
  });
  after(async () => h.stop());

  it('when someone registered lists the issues, then counts and the open summaries are shown, and no description or name', async () => {
    const card = await listCard(h, 'schoolLiaison');
    const text = cardText(card);
    assert.match(text, /課題・困りごとの一覧/);
    assert.match(text, /移動・送迎[\s\S]*未解決 1 ・ 解決 0 ・ 制度課題 0/);
    assert.ok(text.includes('通園の付き添いがいない'));
    assert.ok(text.includes('（架空）園の看護師が不足'), 'an issue without a case shows its description as its summary');
    assert.ok(!text.includes('架空 一覧'), 'no child name');
  });

  it('when the coordinator of the case raises its issue, then it is changed once, audited on the case, and it is on the next agenda', async () => {
    const first = await invoke(h, 'coordinator1', 'issue.update', { issueId: `issue-${caseForm}`, action: 'raise', page: 0 });
    assert.match(cardText(first.body.value), /課題を更新しました/);
    assert.match(cardText(first.body.value), /会議から取り下げる/);
    const again = await invoke(h, 'coordinator1', 'issue.update', { issueId: `issue-${caseForm}`, action: 'raise', page: 0 });
    assert.match(cardText(again.body.value), /すでにその状態です/);
    await h.app.outbox.idle();
    assert.equal((await auditActions(h, made.caseId)).filter((a) => a.action === 'issue.update').length, 1);
    const n = h.connector.sent.length;
    await personal(h, 'secretary', '議題');
    await eventually(() => h.connector.sent.length > n, 5000, 'agenda');
    const agenda = (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
    assert.ok(cardText(agenda).includes('通園の付き添いがいない'));
  });

  it('when someone who neither recorded it nor works case or the secretariat changes an issue, then it is refused and nothing changes', async () => {
    const refused = await invoke(h, 'schoolLiaison', 'issue.update', { issueId: `issue-${freeForm}`, action: 'resolve', page: 0 });
    assert.equal(refused.body.statusCode, 403);
    const bad = await invoke(h, 'caseWorker', 'issue.update', { issueId: `issue-${freeForm}`, action: 'delete', page: 0 });
    assert.equal(bad.body.statusCode, 400);
    assert.ok(cardText(await listCard(h, 'schoolLiaison')).includes('（架空）園の看護師が不足'));
  });

  it('when a case worker marks an issue resolved, then it leaves the open list and counts as resolved', async () => {
    const res = await invoke(h, 'caseWorker', 'issue.update', { issueId: `issue-${freeForm}`, action: 'resolve', page: 0 });
    assert.match(cardText(res.body.value), /課題を更新しました/);
    const text = cardText(await listCard(h, 'caseWorker'));
    assert.ok(!text.includes('（架空）園の看護師が不足'));
    assert.match(text, /保育・教育[\s\S]*未解決 0 ・ 解決 1 ・ 制度課題 0/);
    assert.ok(actionData(await listCard(h, 'caseWorker'), 'issue.update'), 'the open case issue still has its buttons');
  });

  it('when the form is sent with a phone number, then the reason is shown and 記録する stays; once recorded, the card offers no second 記録する', async () => {
    const formId = randomUUID();
    const base = { formId, caseId: '', category: 'information', lifeStage: 'elementary', severity: 'low', status: 'open', summary: '', raise: 'false' };
    const refused = await invoke(h, 'schoolLiaison', 'issue.record', { ...base, description: '保護者 03-1234-5678 から制度の問い合わせ' });
    assert.match(cardText(refused.body.value), /個人が分かる情報が含まれています/);
    assert.ok(actionData(refused.body.value, 'issue.record'), 'the form can be sent again');
    const recorded = await invoke(h, 'schoolLiaison', 'issue.record', { ...base, description: '制度の案内が学校に届いていない' });
    assert.match(cardText(recorded.body.value), /課題を記録しました/);
    assert.equal(actionData(recorded.body.value, 'issue.record'), undefined);
  });
});
