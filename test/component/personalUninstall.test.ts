import assert from 'node:assert/strict';
import { sendToBot } from '../support/activities';
import { cardText, eventually, startHarness } from '../support/appHarness';
import { installPersonal } from '../support/reminders';

describe('component: removing the app from a personal chat is not silent (issue 4)', function () {
  this.timeout(30_000);
  it('when a coordinator removes the app, then their reference is dropped and an administrator is told by name', async () => {
    const h = await startHarness();
    try {
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'admin'));
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1'));
      const n = h.connector.sent.length;
      await sendToBot(h.botUrl, installPersonal(h.connector.url, 'coordinator1', 'remove'));
      await eventually(() => h.connector.sent.slice(n).some((m) => /鈴木 一郎/.test(cardText((m.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content))), 5000, 'admin alert');
      const alert = h.connector.sent.slice(n).find((m) => /鈴木 一郎/.test(cardText((m.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content)))!;
      assert.match(cardText((alert.activity.attachments as { content: unknown }[])[0]!.content), /個人チャットからつなぐを削除しました/);
      const { resource } = await h.app.store.container('meta').item('conv:user:00000000-0000-4000-8000-000000000002', 'conv:user:00000000-0000-4000-8000-000000000002').read();
      assert.equal(resource, undefined, 'the reference is gone');
    } finally {
      await h.stop();
    }
  });
});
