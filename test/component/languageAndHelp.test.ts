import assert from 'node:assert/strict';
import { Activities, sendToBot } from '../support/activities';
import { cardText, eventually, startHarness, type Harness } from '../support/appHarness';

function lastSent(h: Harness) {
  const a = h.connector.sent[h.connector.sent.length - 1]!.activity;
  const card = (a.attachments as { content: unknown }[] | undefined)?.[0]?.content;
  return card ? cardText(card) : String(a.text);
}

describe('component: help, language and unknown input', function () {
  this.timeout(20_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.stop());

  async function say(text: string, locale = 'ja-JP', from: 'desk' | 'coordinator1' = 'desk') {
    const n = h.connector.sent.length;
    await sendToBot(h.botUrl, Activities.channelMessage(h.connector.url, from, 'desk', text, locale));
    await eventually(() => h.connector.sent.length > n, 5000, `reply to ${text}`);
    return lastSent(h);
  }

  it('when a user types ヘルプ, then the help card lists 新規引継ぎ in Japanese', async () => {
    assert.match(await say('ヘルプ'), /新規引継ぎ/);
  });

  it('when the Teams locale is English and nothing is stored, then help is in English (where the locale is honoured)', async () => {
    await h.stop();
    h = await startHarness({ env: { HONOUR_TEAMS_LOCALE: 'true' } });
    assert.match(await say('help', 'en-US'), /What Tsunagu can do/);
  });

  it('when embedded mode receives the Playground’s fixed en-US locale, then it still answers in Japanese', async () => {
    assert.match(await say('help', 'en-US'), /つなぐでできること/);
  });

  it('when a user chooses English, then it is stored per user and wins over a Japanese Teams locale; other users stay Japanese', async () => {
    assert.match(await say('言語 英語'), /English/);
    assert.match(await say('ヘルプ', 'ja-JP'), /What Tsunagu can do/);
    assert.match(await say('ヘルプ', 'ja-JP', 'coordinator1'), /つなぐでできること/);
  });

  it('when a user types something unknown, then the bot says so in Japanese and points to ヘルプ', async () => {
    assert.match(await say('こんにちは'), /「こんにちは」は分かりませんでした。「ヘルプ」/);
  });

  it('when a card action comes from someone not in the ward directory, then it is refused and nothing is stored', async () => {
    const activity = Activities.cardAction(h.connector.url, 'desk', '19:desk@thread.tacv2;messageid=1', '1', 'handoff.create', { formId: '6f1c2a9e-0000-4000-8000-000000000001' });
    const res = await sendToBot(h.botUrl, { ...activity, from: { id: '29:stranger', name: 'stranger', aadObjectId: '99999999-0000-4000-8000-000000000000' } });
    assert.equal(res.body.type, 'application/vnd.microsoft.error');
    assert.equal(res.body.value.code, 'COMMON.NOT_REGISTERED');
  });

  it('when a card action carries an unknown verb or malformed data, then it is answered with a clear error', async () => {
    const bad = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'c;messageid=1', '1', 'handoff.accept', { caseId: 'x', handoffId: 'y', v: 'NaN', shownIn: 'mars', role: 'receiver' }));
    assert.equal(bad.body.value.code, 'COMMON.BAD_CARD');
    const unknown = await sendToBot(h.botUrl, Activities.cardAction(h.connector.url, 'coordinator1', 'c;messageid=1', '1', 'drop.tables', {}));
    assert.equal(unknown.body.value.code, 'COMMON.BAD_CARD');
  });
});
