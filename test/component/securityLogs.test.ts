import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/main';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { Activities } from '../support/activities';
import { actionData, cardText, eventually } from '../support/appHarness';
import { FakeConnector } from '../support/fakeConnector';

const CHILD_NAME = '架空 秘密';
const FAMILY_NEEDS = 'テスト秘密の相談';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLWZvci10aGUtbG9nLXRlc3Q.c2lnbmF0dXJl';
const FORBIDDEN = [CHILD_NAME, FAMILY_NEEDS, 'Bearer', TOKEN, 'かくう ひみつ'];

/**
 * Everything written while the app runs: the app's own logger (at debug, the most talkative level) and
 * anything a library prints to stdout/stderr (console.*), passed through to the real streams.
 */
function captureStdio(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const tap = (original: typeof out) => ((chunk: unknown, ...rest: unknown[]) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof out;
  process.stdout.write = tap(out);
  process.stderr.write = tap(err);
  return { lines, restore: () => void ((process.stdout.write = out), (process.stderr.write = err)) };
}

describe('component: no personal data, no token in logs (a full handoff with a fictional secret)', function () {
  this.timeout(30_000);
  let app: RunningApp;
  let connector: FakeConnector;
  let dataDir: string;
  let log: ReturnType<typeof memoryLogger>;
  let stdio: ReturnType<typeof captureStdio>;

  /** Posts as Teams would, with an Authorization header (embedded mode ignores it; nothing may log it). */
  async function send(activity: object): Promise<{ status: number; body: any }> {
    const res = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-logs-'));
    connector = new FakeConnector();
    await connector.start();
    log = memoryLogger();
    stdio = captureStdio();
    app = await startApp({ env: { PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'debug', OUTBOX_SWEEP_SECONDS: '1' }, log });
  });

  afterEach(async () => {
    await app.stop();
    stdio.restore();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a handoff with a child name and family needs goes through create, error paths, accept and detail view, then no logged line contains them or the token', async () => {
    // The form, a rejected submission (future birth date), and the real one.
    await send(Activities.channelMessage(connector.url, 'desk', 'desk', '新規引継ぎ'));
    await eventually(() => connector.sent.length === 1, 5000, 'form');
    const form = connector.sent[0]!;
    const formId = actionData((form.activity.attachments as { content: unknown }[])[0]!.content, 'handoff.create')!.formId;
    const values = { formId, childName: CHILD_NAME, childNameKana: 'かくう ひみつ', birthDate: '2021-04-01', careItems: 'SUCTION,TUBE', familyNeeds: FAMILY_NEEDS, urgency: 'urgent', consent: 'basic,medicalCare', consentGivenBy: 'guardian' };
    const rejected = await send(Activities.cardAction(connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', { ...values, birthDate: '2999-01-01' }));
    assert.match(cardText(rejected.body.value), /生年月日が未来の日付/);

    // Teams fails the first channel post (5xx): the outbox retries and logs it.
    connector.failNext('create', 503, 1);
    const created = await send(Activities.cardAction(connector.url, 'desk', form.conversationId, form.activityId, 'handoff.create', values));
    const code = /案件 (\d{4}-\d{4})/.exec(cardText(created.body.value))?.[1];
    assert.ok(code, 'the case was created');
    const { resources } = await app.store.container('caseFiles').items.query('SELECT * FROM c').fetchAll();
    assert.ok(JSON.stringify(resources).includes(CHILD_NAME) && JSON.stringify(resources).includes(FAMILY_NEEDS), 'the secret really went through the app into the case file');
    await eventually(() => connector.created.length === 1, 10_000, 'channel post after the retry');

    // Accept (with a failed update first), a malformed click, and the detail view in personal chat.
    const post = connector.created[0]!;
    const accept = actionData((post.activity.attachments as { content: unknown }[])[0]!.content, 'handoff.accept')!;
    connector.failNext('update', 500, 1);
    const accepted = await send(Activities.cardAction(connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', accept));
    assert.equal(accepted.body.statusCode, 200);
    await send(Activities.cardAction(connector.url, 'coordinator1', post.conversationId, post.activityId, 'handoff.accept', { ...accept, caseId: `${FAMILY_NEEDS}` }));
    const before = connector.sent.length;
    await send(Activities.personalMessage(connector.url, 'coordinator1', `案件 ${code}`));
    await eventually(() => connector.sent.length > before, 5000, 'details');
    assert.ok(JSON.stringify(connector.sent[connector.sent.length - 1]!.activity).includes(FAMILY_NEEDS), 'the details show the family needs');
    // Unknown commands echo the text back to the user; the log must not.
    await send(Activities.personalMessage(connector.url, 'desk', `${CHILD_NAME} ${FAMILY_NEEDS}`));
    await app.outbox.idle();

    assert.ok(log.lines.filter((l) => l.includes('"msg":"card action"')).length >= 4, `the turns were logged (${log.lines.length} lines)`);
    process.stderr.write('');
    assert.ok(stdio.lines.includes(''), 'the stdio tap works (library console output would be seen)');
    const all = [...log.lines, ...stdio.lines];
    for (const secret of FORBIDDEN) {
      const leaks = all.filter((l) => l.includes(secret));
      assert.deepEqual(leaks, [], `no logged line contains ${JSON.stringify(secret)}`);
    }
  });
});
