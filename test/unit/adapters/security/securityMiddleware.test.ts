import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity, type Middleware } from 'botbuilder';
import { RateLimit } from '../../../../src/adapters/security/rateLimit';
import { securityText } from '../../../../src/adapters/security/securityReplies';
import { securityMiddleware } from '../../../../src/adapters/security/securityMiddleware';
import { TenantFilter, tenantIdsOf, wardTenantId, WardTenantError } from '../../../../src/adapters/security/tenantFilter';
import { TokenBuckets } from '../../../../src/adapters/security/tokenBucket';
import { memoryLogger } from '../../../../src/adapters/observability/logger';
import { loadConfig } from '../../../../src/config/config';

const WARD_TENANT = '00000000-0000-4000-8000-00000000beef';
const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
const AZURE_ENV = {
  MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
  MicrosoftAppTenantId: WARD_TENANT.toUpperCase(),
  COSMOS_ENDPOINT: 'https://tsunagu-fictional.documents.azure.com:443/',
  AZURE_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  ROLE_GROUPS: '{}',
};

/** Builder for the activities the middleware sees (only the fields it reads). */
const ActivityMother = {
  message(tenant: { channelData?: string; conversation?: string } = { channelData: WARD_TENANT, conversation: WARD_TENANT }, over: Partial<Activity> = {}): Partial<Activity> {
    return {
      type: 'message',
      text: 'ヘルプ',
      locale: 'ja-JP',
      channelId: 'msteams',
      from: { id: '29:u1', name: 'u1', aadObjectId: 'aad-u1' },
      recipient: { id: '28:bot', name: 'bot' },
      conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '', ...(tenant.conversation ? { tenantId: tenant.conversation } : {}) },
      channelData: tenant.channelData ? { tenant: { id: tenant.channelData } } : {},
      ...over,
    };
  },
  cardAction(tenant: { channelData?: string; conversation?: string } = { channelData: WARD_TENANT }, over: Partial<Activity> = {}): Partial<Activity> {
    return ActivityMother.message(tenant, { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { verb: 'handoff.accept', data: {} } }, ...over });
  },
};

/** Runs one middleware on one activity; returns whether the bot's turn ran and what was sent back. */
async function run(mw: Middleware, activity: Partial<Activity>): Promise<{ reached: boolean; sent: Partial<Activity>[] }> {
  const ctx = new TurnContext(new TestAdapter(async () => undefined), activity);
  const sent: Partial<Activity>[] = [];
  ctx.onSendActivities(async (_c, activities) => {
    sent.push(...activities);
    return activities.map(() => ({ id: 'x' }));
  });
  let reached = false;
  await mw.onTurn(ctx, async () => {
    reached = true;
  });
  return { reached, sent };
}

const errorBody = (a: Partial<Activity> | undefined) => (a?.value as { body: { statusCode: number; type: string; value: { code: string; message: string } } }).body;

describe('adapters/security: tenant filter', () => {
  const filter = () => {
    const log = memoryLogger();
    return { log, mw: new TenantFilter(WARD_TENANT, log) };
  };

  it('when the activity names the ward tenant (in either case), then the turn runs', async () => {
    const { mw } = filter();
    assert.equal((await run(mw, ActivityMother.message())).reached, true);
    assert.equal((await run(mw, ActivityMother.message({ channelData: WARD_TENANT.toUpperCase() }))).reached, true);
    assert.equal((await run(mw, ActivityMother.message({ conversation: WARD_TENANT }))).reached, true);
  });

  it('when a message comes from another tenant, then it is dropped with no reply and only the tenant id is logged', async () => {
    const { mw, log } = filter();
    const r = await run(mw, ActivityMother.message({ channelData: OTHER_TENANT, conversation: OTHER_TENANT }, { text: '架空 秘密の相談' }));
    assert.equal(r.reached, false);
    assert.deepEqual(r.sent, []);
    assert.equal(log.lines.length, 1);
    const line = JSON.parse(log.lines[0]!) as Record<string, unknown>;
    assert.equal(line.tenant, OTHER_TENANT);
    assert.ok(!log.lines[0]!.includes('秘密'), 'no text in the log');
  });

  it('when a card action comes from another tenant, then a 403 COMMON.WRONG_TENANT error invoke response is the only answer', async () => {
    const { mw } = filter();
    const r = await run(mw, ActivityMother.cardAction({ channelData: OTHER_TENANT }));
    assert.equal(r.reached, false);
    assert.equal(r.sent.length, 1);
    assert.equal(r.sent[0]!.type, 'invokeResponse');
    assert.deepEqual(errorBody(r.sent[0]), { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'COMMON.WRONG_TENANT', message: securityText('COMMON.WRONG_TENANT', 'ja-JP') } });
  });

  it('when the two tenant fields disagree, then the activity is dropped (one of them is not the ward)', async () => {
    const { mw } = filter();
    assert.equal((await run(mw, ActivityMother.message({ channelData: WARD_TENANT, conversation: OTHER_TENANT }))).reached, false);
    assert.equal((await run(mw, ActivityMother.message({ channelData: OTHER_TENANT, conversation: WARD_TENANT }))).reached, false);
  });

  it('when the activity names no tenant, then it is dropped and logged as none', async () => {
    const { mw, log } = filter();
    assert.equal((await run(mw, ActivityMother.message({}))).reached, false);
    assert.match(log.lines[0]!, /"tenant":"none"/);
  });

  it('when the claimed tenant is not a GUID, then the log does not repeat it', async () => {
    const { mw, log } = filter();
    await run(mw, ActivityMother.message({ channelData: 'Bearer abc.def <script>' }));
    assert.match(log.lines[0]!, /"tenant":"not-a-guid"/);
    assert.ok(!log.lines[0]!.includes('Bearer'));
  });

  it('when tenantIdsOf reads an activity, then it returns both fields that are set', () => {
    assert.deepEqual(tenantIdsOf(ActivityMother.message({ channelData: 'a', conversation: 'b' })), ['a', 'b']);
    assert.deepEqual(tenantIdsOf(ActivityMother.message({})), []);
  });
});

describe('adapters/security: wardTenantId', () => {
  it('when embedded, then it is the ward directory tenant', () => {
    assert.equal(wardTenantId(loadConfig({}), WARD_TENANT), WARD_TENANT);
  });

  it('when azure and the directory names the same tenant (case aside), then it is MicrosoftAppTenantId', () => {
    assert.equal(wardTenantId(loadConfig(AZURE_ENV), WARD_TENANT), WARD_TENANT);
  });

  it('when azure and the directory names another tenant, then the start stops with SECURITY.WARD_TENANT naming both settings', () => {
    assert.throws(
      () => wardTenantId(loadConfig(AZURE_ENV), OTHER_TENANT),
      (e: unknown) => e instanceof WardTenantError && e.code === 'SECURITY.WARD_TENANT' && /WARD_DIRECTORY_FILE/.test(e.message) && /MicrosoftAppTenantId/.test(e.message),
    );
  });

  it('when embedded and the directory tenant is empty, then the start stops', () => {
    assert.throws(() => wardTenantId(loadConfig({}), '  '), WardTenantError);
  });
});

describe('adapters/security: rate limit middleware', () => {
  const limiter = (perMinute = 20, burst = 2) => {
    let t = 0;
    const log = memoryLogger();
    return { log, mw: new RateLimit(new TokenBuckets({ perMinute, burst }, () => t), log), advance: (ms: number) => (t += ms) };
  };

  it('when a user is over the limit, then a card action gets a 429 COMMON.RATE_LIMITED error and the turn does not run', async () => {
    const { mw } = limiter();
    assert.ok((await run(mw, ActivityMother.cardAction())).reached);
    assert.ok((await run(mw, ActivityMother.cardAction())).reached);
    const r = await run(mw, ActivityMother.cardAction());
    assert.equal(r.reached, false);
    const body = errorBody(r.sent[0]);
    assert.equal(body.statusCode, 429);
    assert.equal(body.value.code, 'COMMON.RATE_LIMITED');
    assert.equal(body.value.message, securityText('COMMON.RATE_LIMITED', 'ja-JP', { seconds: '3' }));
    assert.match(body.value.message, /3秒ほど待って/);
  });

  it('when the refused user writes in English, then the text is English', async () => {
    const { mw } = limiter(20, 1);
    await run(mw, ActivityMother.cardAction(undefined, { locale: 'en-US' }));
    const r = await run(mw, ActivityMother.cardAction(undefined, { locale: 'en-US' }));
    assert.match(errorBody(r.sent[0]).value.message, /^Too many actions/);
  });

  it('when refused messages repeat, then one short text reply is sent per minute and nothing else', async () => {
    const { mw, log } = limiter(20, 1);
    assert.ok((await run(mw, ActivityMother.message())).reached);
    const first = await run(mw, ActivityMother.message());
    assert.equal(first.reached, false);
    assert.equal(first.sent.length, 1);
    assert.equal(first.sent[0]!.type, 'message');
    assert.match(String(first.sent[0]!.text), /しばらく受け付けを止めています/);
    const second = await run(mw, ActivityMother.message());
    assert.deepEqual([second.reached, second.sent.length], [false, 0]);
    assert.equal(log.lines.length, 1, 'logged once per interval too');
    assert.match(log.lines[0]!, /"user":"aad:aad-u1"/);
  });

  it('when the activity is not a message or a card action, then it is not counted', async () => {
    const { mw } = limiter(20, 1);
    for (let i = 0; i < 5; i++) assert.ok((await run(mw, ActivityMother.message(undefined, { type: 'conversationUpdate' }))).reached);
    assert.ok((await run(mw, ActivityMother.message())).reached, 'the one token is still there');
  });

  it('when two users act, then each has a bucket of their own', async () => {
    const { mw } = limiter(20, 1);
    assert.ok((await run(mw, ActivityMother.message())).reached);
    assert.equal((await run(mw, ActivityMother.message())).reached, false);
    assert.ok((await run(mw, ActivityMother.message(undefined, { from: { id: '29:u2', name: 'u2', aadObjectId: 'aad-u2' } }))).reached);
  });
});

describe('adapters/security: securityMiddleware', () => {
  it('when built from the config, then the tenant filter runs first and the rate limit uses the configured burst', async () => {
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '20', RATE_LIMIT_BURST: '3' });
    const [tenant, rate] = securityMiddleware({ config, directoryTenantId: WARD_TENANT, now: () => 0, log: memoryLogger() });
    assert.ok(tenant instanceof TenantFilter);
    assert.ok(rate instanceof RateLimit);
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await run(rate, ActivityMother.message())).reached);
    assert.deepEqual(results, [true, true, true, false]);
  });

  it('when RATE_LIMIT_PER_MINUTE is 0 or not a number, then the config error names it', () => {
    assert.throws(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }), /RATE_LIMIT_PER_MINUTE: must be at least 1/);
    assert.throws(() => loadConfig({ RATE_LIMIT_BURST: 'many' }), /RATE_LIMIT_BURST/);
  });
});
