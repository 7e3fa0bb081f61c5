import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AGENDA_PAGE_ITEMS, OUTCOME_PAGE_ITEMS } from '../../src/adapters/teams/issueCards';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { teamInstallation } from '../support/reminders';

/**
 * 議題 through the real app: a long agenda (more items than one card holds) is paged for editing and for the
 * outcomes, the published agenda reaches the 会議事務局 channel, a missing result sends the secretary to the
 * page that lacks it, and the next agenda carries the continued items over first.
 */
const ISSUES = AGENDA_PAGE_ITEMS + 3;
const personal = (h: Harness, from: UserKey, text: string) => sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
const invoke = (h: Harness, from: UserKey, verb: string, data: Record<string, unknown>) => sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, 'a:personal', '1', verb, data));
const body = (res: Awaited<ReturnType<typeof invoke>>) => res.body.value as unknown;
const summary = (n: number) => `（架空）課題その${String(n).padStart(2, '0')}`;

async function lastCard(h: Harness, before: number): Promise<unknown> {
  await eventually(() => h.connector.sent.length > before, 5000, 'a card');
  return (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
}

/** The data of the card's button with this title (a card may have two buttons with one verb: 戻る and 次へ). */
function button(card: unknown, title: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.title === title) found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found[0]) throw new Error(`no button "${title}" on: ${cardText(card)}`);
  return found[0];
}

/** Every res_/dec_/dep_/due_ input of an outcome card, answered with `result` (department and deadline for the first). */
function answers(card: unknown, result: (summaryText: string) => string): Record<string, string> {
  const json = JSON.stringify(card);
  const ids = [...new Set(json.match(/res_issue-[A-Za-z0-9-]+/g) ?? [])].map((k) => k.slice(4));
  return Object.fromEntries(ids.flatMap((id) => [[`res_${id}`, result(id)], [`dec_${id}`, '（架空）決定事項'], [`dep_${id}`, ''], [`due_${id}`, '']]));
}

describe('component: 議題 with a long agenda (paged cards, outcomes over several pages, carry-over)', function () {
  this.timeout(120_000);
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: '10000', RATE_LIMIT_BURST: '10000' } });
    // The app is added to the ward's team (stores where the team is, as Teams does on install).
    await sendToBot(h.botUrl, teamInstallation(h.connector.url, 'add'));
    for (let n = 1; n <= ISSUES; n++) {
      const res = await invoke(h, 'schoolLiaison', 'issue.record', { formId: randomUUID(), caseId: '', category: 'childcareEducation', lifeStage: 'elementary', severity: 'medium', status: 'open', description: summary(n), summary: '', raise: 'true' });
      assert.match(cardText(body(res)), /課題を記録しました/);
    }
  });
  after(async () => h.stop());

  it('when the secretary works through a long agenda, then pages edit and record only what they show, a missing result is asked on its page, and continued items come back first', async () => {
    let n = h.connector.sent.length;
    await personal(h, 'secretary', '議題');
    let card = await lastCard(h, n);
    assert.match(cardText(card), new RegExp(`項目 1–${AGENDA_PAGE_ITEMS} / ${ISSUES}件`));
    assert.equal((JSON.stringify(card).match(/"inc_issue-/g) ?? []).length, AGENDA_PAGE_ITEMS);

    // Page 2: exclude the last item, then publish from there.
    card = body(await invoke(h, 'secretary', 'agenda.page', button(card, '次の項目')));
    assert.match(cardText(card), new RegExp(`項目 ${AGENDA_PAGE_ITEMS + 1}–${ISSUES} / ${ISSUES}件`));
    const publish = actionData(card, 'agenda.publish')!;
    const lastId = [...JSON.stringify(card).matchAll(/"inc_(issue-[A-Za-z0-9-]+)"/g)].map((m) => m[1]!).at(-1)!;
    const created = h.connector.created.length;
    card = body(await invoke(h, 'secretary', 'agenda.publish', { ...publish, [`inc_${lastId}`]: 'false' }));
    assert.match(cardText(card), /議題を公開しました/);
    await eventually(() => h.connector.created.slice(created).some((p) => p.conversationId.startsWith('19:secretariat')), 5000, 'the agenda in the 会議事務局 channel');

    // Outcomes: page 1 saved with 継続 for all; page 2 left without results; close from page 3 is refused and sends back to page 2.
    card = body(await invoke(h, 'secretary', 'agenda.outcomeForm', actionData(card, 'agenda.outcomeForm')!));
    assert.equal((JSON.stringify(card).match(/"res_issue-/g) ?? []).length, OUTCOME_PAGE_ITEMS);
    card = body(await invoke(h, 'secretary', 'agenda.outcomeSave', { ...button(card, '保存して次へ'), ...answers(card, () => 'continue') }));
    assert.match(cardText(card), /結果を保存しました/);
    card = body(await invoke(h, 'secretary', 'agenda.outcomeSave', { ...button(card, '保存して次へ'), ...answers(card, () => '') }));
    const closing = actionData(card, 'agenda.close')!;
    const refused = await invoke(h, 'secretary', 'agenda.close', { ...closing, ...answers(card, () => 'resolved') });
    card = body(refused);
    assert.match(cardText(card), /結果が選ばれていない議題があります: 7, 8, 9, 10, 11, 12/);
    assert.match(cardText(card), new RegExp(`項目 ${OUTCOME_PAGE_ITEMS + 1}–${2 * OUTCOME_PAGE_ITEMS} /`), 'the card shows the page that lacks results');
    card = body(await invoke(h, 'secretary', 'agenda.outcomeSave', { ...button(card, '保存して次へ'), ...answers(card, () => 'resolved') }));
    card = body(await invoke(h, 'secretary', 'agenda.close', { ...actionData(card, 'agenda.close')!, ...answers(card, () => 'resolved') }));
    assert.match(cardText(card), /結果を記録して会議を閉じました/);

    // The next agenda: the six continued items first (carried over), then the excluded one; the resolved ones are gone.
    n = h.connector.sent.length;
    await personal(h, 'secretary', '議題');
    card = await lastCard(h, n);
    const text = cardText(card);
    assert.match(text, /議題（第2回/);
    assert.equal((JSON.stringify(card).match(/"inc_issue-/g) ?? []).length, OUTCOME_PAGE_ITEMS + 1, 'six continued and one excluded: one page');
    assert.equal((text.match(/【繰越】/g) ?? []).length, OUTCOME_PAGE_ITEMS);
    for (let k = 1; k <= OUTCOME_PAGE_ITEMS; k++) assert.ok(text.includes(summary(k)), `continued ${summary(k)}`);
    assert.ok(text.includes(summary(ISSUES)), 'the excluded item is still raised');
    assert.ok(!text.includes(summary(OUTCOME_PAGE_ITEMS + 1)), 'a resolved item is settled');
  });

  it('when someone other than the secretary asks for the agenda or edits it, then it is refused and nothing changes', async () => {
    const n = h.connector.sent.length;
    await personal(h, 'coordinator1', '議題');
    assert.match(cardText(await lastCard(h, n)), /議題を扱えるのは会議事務局だけです/);
    const res = await invoke(h, 'coordinator1', 'agenda.save', { agendaId: 'agenda:itabashi:2', v: 1 });
    assert.equal(res.body.statusCode, 403);
  });
});
