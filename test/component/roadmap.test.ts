import assert from 'node:assert/strict';
import { accept, askInPersonalChat, createHandoff } from '../support/flows';
import { Activities, sendToBot } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';

describe('component: 見通し and 制度 (issue 7) in Teams', function () {
  this.timeout(40_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.stop());

  it('when the coordinator asks 見通し for a child entering school, then the next 24 months list 就学 steps with the rule behind them; the family version has no staff names or internal notes', async () => {
    const created = await createHandoff(h, { childName: '架空 朝陽', childNameKana: 'かくう あさひ', birthDate: '2020-04-02', careItems: 'SUCTION,TUBE' });
    await accept(h, created);
    const staff = await askInPersonalChat(h, 'coordinator1', `見通し ${created.code}`);
    assert.match(staff, /就学/);
    assert.match(staff, /小児慢性特定疾病|身体障害者手帳|特別児童扶養手当|日常生活用具/, 'a system the child is likely eligible for');
    const family = await askInPersonalChat(h, 'coordinator1', `見通し ${created.code} 家族`);
    assert.match(family, /就学/);
    for (const internal of ['鈴木 一郎', '佐藤 花子', '架空 朝陽', 'eligibility.', 'NOT FOUND', 'https://']) assert.ok(!family.includes(internal), `the family version has no "${internal}"`);
  });

  it('when someone looks up 制度 吸引 (in a channel too: no case data), then systems for suction come back; a coordinator who does not hold a case gets no roadmap', async () => {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'nurseryLiaison', 'nursery', '制度 ｷｭｳｲﾝ'));
    await eventually(() => h.connector.sent.length > n, 5000, 'lookup card');
    const text = cardText((h.connector.sent.at(-1)!.activity.attachments as { content: unknown }[])[0]!.content);
    assert.match(text, /吸引|ｷｭｳｲﾝ|きゅういん/);
    const created = await createHandoff(h, { childName: '架空 港', childNameKana: 'かくう みなと' });
    assert.match(await askInPersonalChat(h, 'coordinator2', `見通し ${created.code}`), /見つからないか、閲覧する権限がありません/);
  });

  it('when the coordinator records the systems in use and the certificates on the 見通し card, then the roadmap leaves those systems out and stops saying 要確認 for certificates; the record is audited; a forged system id changes nothing', async () => {
    const created = await createHandoff(h, { childName: '架空 紬', childNameKana: 'かくう つむぎ', birthDate: '2021-08-08', careItems: 'SUCTION,TUBE' });
    await accept(h, created);
    const before = await askInPersonalChat(h, 'coordinator1', `見通し ${created.code}`);
    assert.match(before, /手帳・受給者証が記録されていないため/);
    const card = (h.connector.sent.at(-1)!.activity.attachments as { content: unknown }[])[0]!.content;
    const data = actionData(card, 'roadmap.record');
    assert.deepEqual(data, { caseId: created.caseId }, 'the form sends the case id only; the inputs come from the user');
    assert.match(before, /｜制度｜MEIS（医療的ケア児等医療情報共有システム）：利用・申請を検討/, 'MEIS is proposed while not recorded as in use');

    const forged = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'a:p', '1', 'roadmap.record', { caseId: created.caseId, services: 'noSuchSystem', certificates: '' }));
    assert.match(JSON.stringify(forged.body), /COMMON.BAD_CARD/);

    const saved = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'a:p', '1', 'roadmap.record', { caseId: created.caseId, services: 'meis', certificates: '' }));
    const after = cardText(saved.body.value);
    assert.match(after, /利用中の制度・手帳を記録しました。見通しを作り直しました。/);
    assert.doesNotMatch(after, /手帳・受給者証が記録されていないため/, 'certificates recorded as none: no more 要確認 for them');
    assert.doesNotMatch(after, /｜制度｜MEIS/, 'a system in use is left out');
    assert.match(after, /｜制度｜小児慢性特定疾病医療費助成/, 'other systems stay');

    const { resource } = await h.app.store.container('caseFiles').item(created.caseId, created.caseId).read();
    assert.deepEqual(resource.entitlements.servicesInUse, [{ serviceId: 'meis' }]);
    assert.deepEqual(resource.entitlements.certificates, []);
    const again = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'a:p', '1', 'roadmap.record', { caseId: created.caseId, services: 'meis', certificates: '' }));
    assert.match(cardText(again.body.value), /記録は変わりませんでした。/);
    await h.app.outbox.idle();
    const { resources } = await h.app.store.container('audit').items.query<{ action: string }>({ query: 'SELECT c.action FROM c WHERE c.caseId = @c', parameters: [{ name: '@c', value: created.caseId }] }).fetchAll();
    assert.equal(resources.filter((a) => a.action === 'case.entitlements').length, 1, 'one record, the forged and the repeated saves wrote nothing');
    // The next 見通し reads the record from the case (prefilled form, MEIS still left out).
    const reopened = await askInPersonalChat(h, 'coordinator1', `見通し ${created.code}`);
    assert.doesNotMatch(reopened, /｜制度｜MEIS/);
    const form = (h.connector.sent.at(-1)!.activity.attachments as { content: { actions: { card: { body: { id: string; value: string }[] } }[] } }[])[0]!.content.actions[0]!.card.body;
    assert.equal(form.find((i) => i.id === 'services')?.value, 'meis', 'the form shows what is recorded');

    const outsider = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator2', 'a:p', '1', 'roadmap.record', { caseId: created.caseId, services: '', certificates: 'shoman' }));
    assert.match(JSON.stringify(outsider.body), /CASE.NOT_FOUND_OR_FORBIDDEN/);
  });
});
