import assert from 'node:assert/strict';
import { Activities } from '../support/activities';
import { startHarness, type Harness } from '../support/appHarness';

/** Posts raw bytes to the bot endpoint (as a client that ignores the limit would). */
async function postRaw(h: Harness, body: string, contentType = 'application/json'): Promise<number> {
  const res = await fetch(`${h.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  await res.text();
  return res.status;
}

/** A valid ヘルプ message padded with an extra field to about `bytes` bytes of JSON. */
function paddedHelp(h: Harness, bytes: number): string {
  const activity = Activities.personalMessage(h.connector.url, 'desk', 'ヘルプ');
  const base = Buffer.byteLength(JSON.stringify({ ...activity, padding: '' }));
  const body = JSON.stringify({ ...activity, padding: 'x'.repeat(Math.max(0, bytes - base)) });
  assert.equal(Buffer.byteLength(body), Math.max(bytes, base));
  return body;
}

describe('component: request body size limit on /api/messages (restify bodyParser, 256 KiB in main.ts)', function () {
  this.timeout(30_000);
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('when a 1 MiB activity is posted, then 413 and no turn runs (no reply is sent)', async () => {
    assert.equal(await postRaw(h, paddedHelp(h, 1024 * 1024)), 413);
    assert.equal(h.connector.sent.length, 0);
  });

  it('when the activity is just over 256 KiB, then 413; just under, it is served (the limit is where main.ts says)', async () => {
    assert.equal(await postRaw(h, paddedHelp(h, 256 * 1024 + 1)), 413);
    assert.equal(h.connector.sent.length, 0);
    assert.equal(await postRaw(h, paddedHelp(h, 256 * 1024 - 1)), 200);
    assert.equal(h.connector.sent.length, 1, 'the help card came back');
  });

  it('when the body is not JSON (text/plain), then it is refused and no turn runs', async () => {
    const status = await postRaw(h, paddedHelp(h, 1000), 'text/plain');
    assert.ok(status >= 400 && status < 500, `refused with ${status}`);
    assert.equal(h.connector.sent.length, 0);
  });
});

describe('component: only JSON is accepted on the bot endpoint', function () {
  this.timeout(20_000);
  it('when a 5 MiB multipart upload is posted, then it is refused with 415 and nothing is parsed or stored', async () => {
    const h = await startHarness();
    try {
      const boundary = 'x-tsunagu-boundary';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'a'.repeat(5 * 1024 * 1024)}\r\n--${boundary}--\r\n`;
      const res = await fetch(`${h.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
      assert.equal(res.status, 415);
    } finally {
      await h.stop();
    }
  });
});
