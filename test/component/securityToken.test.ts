import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { HttpServer } from '../../src/adapters/http/server';
import { memoryLogger } from '../../src/adapters/observability/logger';
import { strictTokenErrors } from '../../src/adapters/security/tokenErrors';
import { botAuthentication } from '../../src/adapters/teams/botAuthentication';
import { loadConfig } from '../../src/config/config';

/**
 * Azure mode: every incoming activity's token is validated by botframework-connector (CloudAdapter with
 * the authentication from botAuthentication(config)) before any of our code runs.
 *
 * What botframework-connector 4.23.3 does with a Bearer token whose issuer is https://api.botframework.com:
 * it fetches the OpenID metadata from https://login.botframework.com/v1/.well-known/openidconfiguration
 * and then its jwks_uri with node-fetch — NO timeout, no retry. The keys are cached per process for 24 h,
 * but only after a successful fetch. A failed fetch is a FetchError, not an AuthenticationError, so
 * CloudAdapter answers 500 (not 401) with the error text as the body. On a network that drops packets
 * (rather than refusing), the request waits for the operating system's TCP connect timeout (~2 min on
 * Linux) while the caller's request hangs. A token whose issuer is not allowed never causes a fetch.
 *
 * So that these tests never touch the internet and never hang:
 *   - the network is locked to loopback at the socket level (net.Socket#connect): any other connection is
 *     refused at once, and the attempt is recorded;
 *   - where signing keys are needed, the two Bot Framework metadata URLs are routed (by replacing the
 *     node-fetch function botframework-connector calls) to a stand-in on 127.0.0.1 that publishes a
 *     "Bot Framework" key pair made here. The attacker's key is another pair made here.
 */

const APP_ID = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const AZURE_ENV = {
  TSUNAGU_MODE: 'azure',
  MicrosoftAppId: APP_ID,
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppType: 'UserAssignedMSI',
  COSMOS_ENDPOINT: 'https://tsunagu-fictional.documents.azure.com:443/',
  AZURE_CLIENT_ID: APP_ID,
  ROLE_GROUPS: '{}',
};
const SERVICE_URL = 'https://smba.trafficmanager.net/jp/';
const BF_ISSUER = 'https://api.botframework.com';
const BF_METADATA_ORIGIN = 'https://login.botframework.com';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

// ---------------------------------------------------------------------------------------------------------
// Network lock: only loopback connections; everything else is refused immediately (and recorded).

function lockNetworkToLoopback(): { attempts: string[]; restore(): void } {
  const original = net.Socket.prototype.connect;
  const attempts: string[] = [];
  net.Socket.prototype.connect = function lockedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = (Array.isArray(first) ? first[0] : typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined }) as { host?: string | null; path?: string | null };
    const host = options.host ?? 'localhost';
    const unixSocket = typeof options.path === 'string' && options.path.length > 0; // http sets path: null for TCP
    if (!unixSocket && !LOOPBACK.has(host)) {
      attempts.push(host);
      const refused = Object.assign(new Error(`network locked to loopback by the test: connection to ${host} refused`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(refused));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return { attempts, restore: () => void (net.Socket.prototype.connect = original) };
}

// ---------------------------------------------------------------------------------------------------------
// The node-fetch function botframework-connector uses (same module instance, checked below).

type Fetch = (url: string, init?: unknown) => Promise<unknown>;
const connectorDir = dirname(require.resolve('botframework-connector/package.json'));
const nodeFetchPath = require.resolve('node-fetch', { paths: [connectorDir] });
const nodeFetchModule = require(nodeFetchPath) as { default: Fetch };

/** Clears botframework-connector's process-wide OpenID metadata cache (so each test starts cold). */
function clearOpenIdCache(): void {
  const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor') as { JwtTokenExtractor: unknown };
  (JwtTokenExtractor as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache.clear();
}

// ---------------------------------------------------------------------------------------------------------
// Keys and tokens made here with node:crypto (RS256).

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

function makeKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, n, e, endorsements: ['msteams'] } };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, key?: KeyObject): string {
  const data = `${b64url(header)}.${b64url(payload)}`;
  return `${data}.${key ? sign('sha256', Buffer.from(data), key).toString('base64url') : ''}`;
}

/** Claims as the Bot Framework channel puts them in a token for this bot. */
function channelClaims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 3600, iss: BF_ISSUER, aud: APP_ID, ...over };
}

function signedBy(key: SigningKey, claims = channelClaims(), kid = key.kid): string {
  return jwt({ alg: 'RS256', typ: 'JWT', kid, x5t: kid }, claims, key.privateKey);
}

function teamsMessage(): Record<string, unknown> {
  return {
    type: 'message',
    id: 'msg-1',
    text: 'ヘルプ',
    locale: 'ja-JP',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: new Date().toISOString(),
    from: { id: '29:attacker', name: 'someone', aadObjectId: '99999999-0000-4000-8000-000000000000' },
    recipient: { id: `28:${APP_ID}`, name: 'Tsunagu' },
    conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

// ---------------------------------------------------------------------------------------------------------
// A stand-in for login.botframework.com's OpenID metadata, on loopback.

async function startMetadataStandIn(keys: SigningKey[]): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      return res.end(JSON.stringify({ issuer: BF_ISSUER, authorization_endpoint: `${BF_METADATA_ORIGIN}/v1/botconnector/authorize`, jwks_uri: `${BF_METADATA_ORIGIN}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }));
    }
    if (req.url === '/v1/.well-known/keys') return res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// ---------------------------------------------------------------------------------------------------------

interface Setup {
  readonly url: string;
  /** Activities that reached onTurn (copied: the TurnContext is revoked after the turn). */
  readonly turns: Record<string, unknown>[];
  readonly attempts: string[];
  readonly fetched: string[];
  readonly consoleLines: string[];
  readonly log: ReturnType<typeof memoryLogger>;
}

/**
 * The real HttpServer with a CloudAdapter from botAuthentication(config) for an azure-mode config, the
 * network locked to loopback, and (with `keys`) the Bot Framework metadata served by a stand-in.
 * `wrap` applies strictTokenErrors (the proposed wiring) around the authentication.
 */
function tokenEndpoint(options: { keys?: SigningKey[]; wrap?: boolean }): () => Setup {
  let setup: Setup;
  let sandbox: sinon.SinonSandbox;
  let network: ReturnType<typeof lockNetworkToLoopback>;
  let server: HttpServer;
  let standIn: Awaited<ReturnType<typeof startMetadataStandIn>> | undefined;

  beforeEach(async () => {
    sandbox = sinon.createSandbox();
    const consoleLines: string[] = [];
    // botbuilder writes every rejected request to console.error; keep it out of the test output but look at it.
    sandbox.stub(console, 'error').callsFake((...args: unknown[]) => void consoleLines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')));
    network = lockNetworkToLoopback();
    clearOpenIdCache();
    const fetched: string[] = [];
    if (options.keys) {
      const stand = await startMetadataStandIn(options.keys);
      standIn = stand;
      const realFetch = nodeFetchModule.default;
      sandbox.replace(nodeFetchModule, 'default', ((target: string, init?: unknown) => {
        fetched.push(target);
        return realFetch(target.startsWith(`${BF_METADATA_ORIGIN}/`) ? stand.url + target.slice(BF_METADATA_ORIGIN.length) : target, init);
      }) as Fetch);
    }
    const config = loadConfig(AZURE_ENV);
    assert.equal(config.TSUNAGU_MODE, 'azure');
    const { auth, appId } = botAuthentication(config);
    assert.equal(appId, APP_ID);
    const log = memoryLogger();
    const turns: Record<string, unknown>[] = [];
    server = new HttpServer({
      adapter: new CloudAdapter(options.wrap ? strictTokenErrors(auth, log) : auth),
      onTurn: async (ctx: TurnContext) => void turns.push({ ...ctx.activity }),
      health: async () => ({ version: 'test', mode: 'azure', store: { ok: true } }),
      log,
      maxBodyBytes: 256 * 1024,
    });
    const { url } = await server.listen(0, '127.0.0.1');
    setup = { url, turns, attempts: network.attempts, fetched, consoleLines, log };
  });

  afterEach(async () => {
    await server.close(1000);
    await standIn?.close();
    standIn = undefined;
    network.restore();
    sandbox.restore();
    clearOpenIdCache();
  });

  return () => setup;
}

async function post(setup: Setup, authorization?: string): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${setup.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(teamsMessage()),
  });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

const METADATA_URLS = [`${BF_METADATA_ORIGIN}/v1/.well-known/openidconfiguration`, `${BF_METADATA_ORIGIN}/v1/.well-known/keys`];

describe('component: azure-mode token validation on /api/messages (real HttpServer + CloudAdapter from botAuthentication)', function () {
  this.timeout(20_000);
  const bfKey = makeKey('bf-signing-key-1');
  const attackerKey = makeKey('attacker-key');

  it('when node-fetch is resolved from botframework-connector, then it is the module these tests route (the seam is real)', () => {
    assert.equal(nodeFetchPath, require.resolve('node-fetch'), 'botframework-connector shares the top-level node-fetch');
    assert.equal(typeof nodeFetchModule.default, 'function');
  });

  describe('offline: network locked to loopback, no signing keys reachable', () => {
    const s = tokenEndpoint({});

    it('when an activity has no Authorization header, then 401 and no turn runs (no network needed)', async () => {
      const { status } = await post(s());
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
      assert.deepEqual(s().attempts, []);
    });

    it('when the token names an issuer that is not allowed, then 401 without any connection', async () => {
      const { status } = await post(s(), `Bearer ${signedBy(attackerKey, channelClaims({ iss: 'https://attacker.example' }))}`);
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
      assert.deepEqual(s().attempts, [], 'no connection was tried');
    });

    it('when the token is signed by our own key with plausible claims, then the library tries login.botframework.com, fails fast, answers 500, and no turn runs', async () => {
      const { status, body, ms } = await post(s(), `Bearer ${signedBy(attackerKey)}`);
      assert.deepEqual(s().attempts, ['login.botframework.com'], 'botframework-connector tried to fetch the OpenID metadata');
      assert.equal(status, 500, 'a failed metadata fetch is not an AuthenticationError: CloudAdapter answers 500, not 401');
      assert.match(body, /login\.botframework\.com/, "the caller is told node-fetch's error text (see strictTokenErrors)");
      assert.equal(s().turns.length, 0, 'nothing processed');
      assert.ok(ms < 3000, `failed fast (${ms} ms) because the locked network refuses at once`);
    });

    it('when the token is unsigned (alg none) with plausible claims, then it is not accepted (500 offline, see above) and no turn runs', async () => {
      const { status } = await post(s(), `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, channelClaims())}`);
      assert.equal(status, 500);
      assert.equal(s().turns.length, 0);
    });
  });

  describe('with the Bot Framework signing keys published by a stand-in on loopback', () => {
    const s = tokenEndpoint({ keys: [bfKey] });

    it('when the token is signed by our own key (our kid), then 401 and no turn runs', async () => {
      const token = signedBy(attackerKey);
      const { status } = await post(s(), `Bearer ${token}`);
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
      assert.deepEqual(s().fetched, METADATA_URLS);
      assert.deepEqual(s().attempts, [], 'nothing left loopback');
      assert.ok(!s().consoleLines.join('\n').includes(token), 'the token is not written to the console');
    });

    it('when the token is unsigned (alg none), then 401 and no turn runs', async () => {
      const { status } = await post(s(), `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, channelClaims())}`);
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
    });

    it("when the token is signed by our own key but names the Bot Framework key's kid, then no turn runs — but the library answers 500, not 401 (jsonwebtoken's 'invalid signature' is rethrown as is)", async () => {
      const { status, body } = await post(s(), `Bearer ${signedBy(attackerKey, channelClaims(), bfKey.kid)}`);
      assert.equal(status, 500);
      assert.match(body, /invalid signature/);
      assert.equal(s().turns.length, 0);
    });

    it('when a Bot Framework-signed token is for another bot (aud), then 401 and no turn runs', async () => {
      const { status } = await post(s(), `Bearer ${signedBy(bfKey, channelClaims({ aud: '44444444-4444-4444-8444-444444444444' }))}`);
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
    });

    it('when a Bot Framework-signed token has expired, then 401 and no turn runs', async () => {
      const past = Math.floor(Date.now() / 1000) - 7200;
      const { status } = await post(s(), `Bearer ${signedBy(bfKey, channelClaims({ nbf: past - 3600, exp: past }))}`);
      assert.equal(status, 401);
      assert.equal(s().turns.length, 0);
    });

    it('when the token is a valid Bot Framework token for this bot, then the turn runs (control: the refusals above are about the token)', async () => {
      const { status } = await post(s(), `Bearer ${signedBy(bfKey)}`);
      assert.equal(status, 200);
      assert.equal(s().turns.length, 1);
      assert.equal(s().turns[0]!.text, 'ヘルプ');
    });
  });

  describe('with strictTokenErrors around the authentication (proposed wiring, not yet in main.ts)', () => {
    const withKeys = tokenEndpoint({ keys: [bfKey], wrap: true });

    it("when the token is signed by our own key but names the Bot Framework key's kid, then 401 with no library text, and no turn runs", async () => {
      const { status, body } = await post(withKeys(), `Bearer ${signedBy(attackerKey, channelClaims(), bfKey.kid)}`);
      assert.equal(status, 401);
      assert.doesNotMatch(body, /signature|key/i);
      assert.equal(withKeys().turns.length, 0);
      assert.ok(withKeys().log.lines.some((l) => /"msg":"token rejected","reason":"JsonWebTokenError"/.test(l)));
    });

    it('when there is no token or a token of another bot, then 401; a valid token still runs the turn', async () => {
      assert.equal((await post(withKeys())).status, 401);
      assert.equal((await post(withKeys(), `Bearer ${signedBy(bfKey, channelClaims({ aud: '44444444-4444-4444-8444-444444444444' }))}`)).status, 401);
      assert.equal(withKeys().turns.length, 0);
      assert.equal((await post(withKeys(), `Bearer ${signedBy(bfKey)}`)).status, 200);
      assert.equal(withKeys().turns.length, 1);
    });
  });

  describe('with strictTokenErrors, offline', () => {
    const offline = tokenEndpoint({ wrap: true });
    it('when the metadata cannot be fetched, then still 500 (so the Bot Service retries) but with a generic text, and no turn runs', async () => {
      const { status, body } = await post(offline(), `Bearer ${signedBy(attackerKey)}`);
      assert.equal(status, 500);
      assert.doesNotMatch(body, /botframework\.com|ECONNREFUSED/);
      assert.equal(offline().turns.length, 0);
      assert.ok(offline().log.lines.some((l) => /token validation unavailable/.test(l)));
    });
  });
});
