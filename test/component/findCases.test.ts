import assert from 'node:assert/strict';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';
import { accept, askInPersonalChat, createHandoff } from '../support/flows';

describe('component: 担当案件 and 検索 (personal chat, permission-filtered, audited)', function () {
  this.timeout(40_000);
  let h: Harness;
  const codes: string[] = [];

  async function createAndAccept(name: string, kana: string, urgency: string, coordinator: 'coordinator1' | 'coordinator2'): Promise<string> {
    const created = await createHandoff(h, { childName: name, childNameKana: kana, birthDate: '2021-01-01', careItems: 'SUCTION', familyNeeds: '（架空）', urgency });
    await accept(h, created, coordinator);
    return created.code;
  }

  const personal = (from: UserKey, text: string) => askInPersonalChat(h, from, text);

  before(async () => {
    h = await startHarness();
    codes.push(await createAndAccept('架空 一花', 'かくう いちか', 'normal', 'coordinator1'));
    codes.push(await createAndAccept('架空 二葉', 'カクウ フタバ', 'urgent', 'coordinator1'));
    codes.push(await createAndAccept('仮名 三郎', 'かめい さぶろう', 'soon', 'coordinator2'));
  });
  after(async () => h.stop());

  it('when a coordinator asks 担当案件, then their open cases come most urgent first and nobody else’s', async () => {
    const text = await personal('coordinator1', '担当案件');
    const lines = text.split('\n').filter((l) => /^\d{4}-\d{4}/.test(l));
    assert.deepEqual(lines.map((l) => l.slice(0, 9)), [codes[1], codes[0]]);
    assert.ok(!text.includes('仮名 三郎'));
  });

  it('when the desk searches in half-width katakana, then kana and width do not matter', async () => {
    const text = await personal('desk', '検索 ｶｸｳ');
    assert.match(text, /架空 一花/);
    assert.match(text, /架空 二葉/);
    assert.ok(!text.includes('仮名 三郎'));
  });

  it('when a coordinator searches, then only the cases they may see are listed', async () => {
    const text = await personal('coordinator2', '検索 かくう');
    assert.match(text, /該当する案件はありません/);
    assert.match(await personal('coordinator2', `検索 ${codes[2]}`), /仮名 三郎/);
  });

  it('when someone searches in a channel or with one character, then nothing is listed and they are told why', async () => {
    assert.match(await personal('desk', '検索 か'), /2文字以上/);
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, 'desk', 'desk', '検索 かくう'));
    await eventually(() => h.connector.sent.length > n, 5000, 'reply');
    const text = cardText((h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content);
    assert.match(text, /個人チャットでだけ/);
    assert.ok(!text.includes('架空 一花'));
  });

  it('when results are shown, then each listed case has a read entry in its audit trail', async () => {
    await personal('desk', '検索 いちか');
    const { resources } = await h.app.store.container('audit').items.query({ query: 'SELECT * FROM c WHERE c.action = "case.search" AND c.caseId = @c', parameters: [{ name: '@c', value: `itabashi:${codes[0]}` }] }).fetchAll();
    assert.ok(resources.length >= 1);
  });
});
