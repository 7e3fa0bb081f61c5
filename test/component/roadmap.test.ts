import assert from 'node:assert/strict';
import { accept, askInPersonalChat, createHandoff } from '../support/flows';
import { Activities, sendToBot } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';

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
});
