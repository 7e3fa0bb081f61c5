import assert from 'node:assert/strict';
import { sendToBot, user } from '../support/activities';
import { actionData, cardText, startHarness, type Harness } from '../support/appHarness';
import { askPersonal, auditActions, ENV, makeCase, personalInvoke, TestClock, type MadeCase } from '../support/reminders';

/**
 * 標準業務 on the case card (issue 7): the coordinator sees the percentage, the current phase and its open
 * items (config/standardWork.json), marks them 済 in place; the mark is stored on the case and audited, a
 * repeated click changes nothing, an unknown item or an outsider changes nothing.
 */
describe('component: the standard-work checklist on the case card', function () {
  this.timeout(60_000);
  let h: Harness;
  let made: MadeCase;

  beforeEach(async () => {
    h = await startHarness({ clock: new TestClock(Date.parse('2026-12-01T10:00:00+09:00')), env: ENV });
    made = await makeCase(h, { name: '架空 標', kana: 'かくう しるべ', birthDate: '2021-05-05' });
  });
  afterEach(async () => h.stop());

  const caseCard = () => askPersonal(h, 'coordinator1', `案件 ${made.code}`);
  const mark = (itemId: string, from: Parameters<typeof personalInvoke>[1] = 'coordinator1') => sendToBot(h.botUrl, personalInvoke(h.connector.url, from, 'work.done', { caseId: made.caseId, itemId }));

  it('when the coordinator marks the intake items done, then the card moves to アセスメント with its percentage; a repeat changes nothing; each mark is audited once', async () => {
    const first = await caseCard();
    assert.match(cardText(first), /標準業務（0%）\n今の段階：受付（必須 0\/4）/);
    const data = actionData(first, 'work.done');
    assert.deepEqual(data, { caseId: made.caseId, itemId: 'intake.enquiryRecorded' }, 'the first open required item of the phase');

    for (const id of ['intake.enquiryRecorded', 'intake.consentObtained', 'intake.coordinatorAssigned']) {
      const res = await mark(id);
      assert.equal(res.status, 200);
    }
    const again = await mark('intake.enquiryRecorded');
    assert.match(cardText(again.body.value), /「相談を受け付け、相談の経路（家族・病院・保健師など）を記録した」はすでに済です。/);
    const last = await mark('intake.urgentNeedsChecked');
    const text = cardText(last.body.value);
    assert.match(text, /「急ぎの課題（退院の予定日、機器と電源、家族の状況）を確認した」を済にしました。/);
    const required = (text.match(/今の段階：アセスメント（必須 0\/(\d+)）/) ?? [])[1];
    assert.ok(required, `the phase moved on: ${text}`);
    assert.match(text, /標準業務（\d+%）/);
    assert.doesNotMatch(text, /標準業務（0%）/);
    assert.match(text, /□ 医療的ケアの内容・回数・使っている機器を確認した/);

    const { resource } = await h.app.store.container('caseFiles').item(made.caseId, made.caseId).read();
    assert.deepEqual((resource.workDone as { itemId: string }[]).map((m) => m.itemId), ['intake.enquiryRecorded', 'intake.consentObtained', 'intake.coordinatorAssigned', 'intake.urgentNeedsChecked']);
    const audited = (await auditActions(h, made.caseId)).filter((a) => a.action === 'case.work.done' && a.actor === user('coordinator1').aadObjectId);
    assert.equal(audited.length, 4, 'four marks, the repeat not counted');
  });

  it('when the item is not in the checklist or the card data is malformed, then a clear message is returned and nothing is stored', async () => {
    const unknown = await mark('intake.noSuchItem');
    assert.match(JSON.stringify(unknown.body), /標準業務の一覧にありません/);
    const malformed = await mark('../../etc');
    assert.equal(malformed.status, 200);
    assert.match(JSON.stringify(malformed.body), /COMMON.BAD_CARD|カード/);
    const { resource } = await h.app.store.container('caseFiles').item(made.caseId, made.caseId).read();
    assert.deepEqual(resource.workDone ?? [], []);
  });

  it('when someone who does not hold the case clicks, then the case is not revealed and nothing is stored', async () => {
    const res = await mark('intake.enquiryRecorded', 'coordinator2');
    assert.match(JSON.stringify(res.body), /見つからないか、見る権限がありません|CASE.NOT_FOUND_OR_FORBIDDEN/);
    const { resource } = await h.app.store.container('caseFiles').item(made.caseId, made.caseId).read();
    assert.deepEqual(resource.workDone ?? [], []);
  });
});
