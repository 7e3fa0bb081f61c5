import assert from 'node:assert/strict';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { createHandoff } from '../support/flows';

describe('component: editing case details with a stale-edit check', function () {
  this.timeout(30_000);
  let h: Harness;
  let caseId: string;
  let code: string;

  async function personalCard(from: UserKey, text: string): Promise<unknown> {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
    await eventually(() => h.connector.sent.length > n, 5000, 'reply');
    return (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
  }
  const save = (from: UserKey, data: Record<string, unknown>) => sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, 'a:personal', '1', 'case.edit', data));
  const VALUES = { district: '（架空）常盤台地区', guardianName: '架空 父', guardianRelation: '父', guardianPhone: '03-0000-1111', diagnoses: '（架空）慢性肺疾患', devices: 'ventilator,suction', batteryHours: '6', enrolmentKind: 'nursery', enrolmentPlace: '（架空）区立保育園', supportNetwork: '（架空）訪問看護ステーション: 週3回\n主治医: 月1回受診' };

  beforeEach(async () => {
    h = await startHarness();
    ({ code, caseId } = await createHandoff(h, { childName: '架空 凛', childNameKana: 'かくう りん', birthDate: '2023-03-03', careItems: 'VENT', familyNeeds: '（架空）', urgency: 'normal' }));
  });
  afterEach(async () => h.stop());

  it('when the desk edits the details, then they are stored, shown with the battery life, and the life stage follows the enrolment', async () => {
    const card = await personalCard('desk', `編集 ${code}`);
    const data = actionData(card, 'case.edit')!;
    assert.equal(Number(data.dv), 1);
    const res = await save('desk', { ...data, ...VALUES });
    const text = cardText(res.body.value);
    assert.match(text, /保存しました/);
    assert.match(text, /人工呼吸器（バッテリー 6時間）/);
    assert.match(text, /架空 父（父） 03-0000-1111/);
    assert.match(text, /ライフステージ: 就学前/);
    assert.match(text, /主治医: 月1回受診/);
  });

  it('when two people save edits made on the same version, then the second is refused as stale with the fresh details and nothing of it is stored', async () => {
    const data = actionData(await personalCard('desk', `編集 ${code}`), 'case.edit')!;
    await save('desk', { ...data, ...VALUES });
    const second = await save('caseWorker', { ...data, ...VALUES, district: '（架空）別の地区' });
    const text = cardText(second.body.value);
    assert.match(text, /他の人が先に更新しました/);
    assert.equal((second.body.value as { body: { id?: string; value?: string }[] }).body.find((b) => b.id === 'district')?.value, VALUES.district);
    const stored = await h.app.store.container('caseFiles').item(caseId, caseId).read();
    assert.equal(stored.resource?.record.district, VALUES.district);
    assert.equal(stored.resource?.record.detailsVersion, 2);
  });

  it('when the input is too long, a phone is malformed or text carries markup, then it is refused or neutralised and nothing is stored half-done', async () => {
    const data = actionData(await personalCard('desk', `編集 ${code}`), 'case.edit')!;
    const bad = await save('desk', { ...data, ...VALUES, diagnoses: 'あ'.repeat(5000), guardianPhone: 'call me' });
    const text = cardText(bad.body.value);
    assert.match(text, /何も保存していません/);
    assert.match(text, /長すぎる入力/);
    assert.match(text, /電話番号/);
    const stored = await h.app.store.container('caseFiles').item(caseId, caseId).read();
    assert.equal(stored.resource?.record.detailsVersion, 1);
    assert.equal(stored.resource?.record.district, '');

    const markup = await save('desk', { ...data, ...VALUES, diagnoses: '[罠](http://evil.example) <at>全員</at> **太字**' });
    const shown = JSON.stringify(markup.body.value);
    assert.ok(!shown.includes('[罠](http://evil.example)') && !shown.includes('<at>') && !shown.includes('**太字**'));
  });

  it('when a coordinator who is not assigned tries to open or save the edit card, then it is refused like a missing case', async () => {
    assert.match(cardText(await personalCard('coordinator2', `編集 ${code}`)), /見つからないか、閲覧する権限がありません/);
    const res = await save('coordinator2', { caseId, dv: 1, ...VALUES });
    assert.equal(res.body.value.code, 'CASE.NOT_FOUND_OR_FORBIDDEN');
  });
});
