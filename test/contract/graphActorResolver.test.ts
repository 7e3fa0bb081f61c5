import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@microsoft/microsoft-graph-client';
import { GraphActorResolver } from '../../src/adapters/graph/graphActorResolver';
import { parseRoleGroups } from '../../src/adapters/graph/roleGroups';

const COORD_GROUP = '11111111-1111-4111-8111-111111111111';
const NURSERY_GROUP = '22222222-2222-4222-8222-222222222222';
const OTHER_GROUP = '33333333-3333-4333-8333-333333333333';
const ALICE = 'aaaaaaaa-0000-4000-8000-000000000001';
const BOB = 'bbbbbbbb-0000-4000-8000-000000000002';
const CAROL = 'cccccccc-0000-4000-8000-000000000003';

/**
 * A stand-in for Graph's `POST /v1.0/users/{id}/checkMemberGroups` (request {groupIds}, response {value})
 * at the process edge, recording calls and able to answer 429 first.
 */
async function fakeGraph(memberships: Record<string, string[]>, mail: Record<string, { mail?: string | null; userPrincipalName?: string }> = {}) {
  const calls: { path: string; body: { groupIds: string[] }; auth: string | undefined }[] = [];
  let throttleNext = 0;
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    // GET /v1.0/users/{id}?$select=mail,userPrincipalName (the user resource; 404 for people it does not know).
    const u = /^\/v1\.0\/users\/([^/?]+)\?(.*)$/.exec(req.url ?? '');
    if (req.method === 'GET' && u) {
      const who = mail[decodeURIComponent(u[1]!)];
      const select = new URLSearchParams(u[2]).get('$select');
      res.writeHead(who && select === 'mail,userPrincipalName' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(who ?? { error: { code: 'Request_ResourceNotFound' } }));
      return;
    }
    const m = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (throttleNext > 0) {
      throttleNext--;
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
      return;
    }
    const body = JSON.parse(raw) as { groupIds: string[] };
    calls.push({ path: req.url ?? '', body, auth: req.headers.authorization });
    const mine = memberships[decodeURIComponent(m[1]!)] ?? [];
    // Not chained: restify (loaded by other suites in the same process) patches ServerResponse#writeHead to return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: body.groupIds.filter((g) => mine.includes(g)) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const client = Client.initWithMiddleware({ baseUrl: `http://127.0.0.1:${port}/`, defaultVersion: 'v1.0', customHosts: new Set(['127.0.0.1']), authProvider: { getAccessToken: async () => 'test-token' } });
  return { client, calls, throttle: (n: number) => (throttleNext = n), close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('contract: roles from Entra groups through Graph checkMemberGroups', function () {
  this.timeout(20_000);
  const grants = parseRoleGroups(JSON.stringify({ [COORD_GROUP]: 'coordinator', [NURSERY_GROUP]: 'liaison:nursery' }));
  let now = new Date('2026-11-25T00:00:00Z');
  const clock = { now: () => now };

  it('when a person is in the coordinator group, then they act as a coordinator; in no configured group, they are not a user', async () => {
    const g = await fakeGraph({ [ALICE]: [COORD_GROUP, OTHER_GROUP], [BOB]: [OTHER_GROUP] });
    try {
      const resolver = new GraphActorResolver(g.client, grants, clock);
      const alice = await resolver.resolve(ALICE, 'Alice');
      assert.deepEqual(alice && { roles: alice.roles, organisation: alice.organisation, name: alice.displayName }, { roles: ['coordinator'], organisation: undefined, name: 'Alice' });
      assert.equal(await resolver.resolve(BOB, 'Bob'), undefined);
      assert.deepEqual(g.calls[0]?.body.groupIds.sort(), [COORD_GROUP, NURSERY_GROUP].sort(), 'asks only about configured groups');
      // The Graph client attaches tokens only to https Graph (or custom https) hosts, never to this http stand-in.
      assert.equal(g.calls[0]?.auth, undefined);
    } finally {
      await g.close();
    }
  });

  it('when Graph knows the person’s mail (or only their UPN), then the actor has that mailbox; when it cannot be read, the actor has none but keeps the roles', async () => {
    const g = await fakeGraph({ [ALICE]: [COORD_GROUP], [BOB]: [COORD_GROUP], [CAROL]: [COORD_GROUP] }, { [ALICE]: { mail: 'Alice@Ward.example' }, [BOB]: { mail: null, userPrincipalName: 'bob@ward.example' } });
    try {
      const resolver = new GraphActorResolver(g.client, grants, clock);
      assert.equal((await resolver.resolve(ALICE, 'Alice'))?.mailbox, 'alice@ward.example');
      assert.equal((await resolver.resolve(BOB, 'Bob'))?.mailbox, 'bob@ward.example');
      const carol = await resolver.resolve(CAROL, 'Carol');
      assert.deepEqual([carol?.roles, carol?.mailbox], [['coordinator'], undefined]);
    } finally {
      await g.close();
    }
  });

  it('when a liaison group carries an organisation, then the actor belongs to it', async () => {
    const g = await fakeGraph({ [ALICE]: [NURSERY_GROUP] });
    try {
      const actor = await new GraphActorResolver(g.client, grants, clock).resolve(ALICE, 'Alice');
      assert.deepEqual(actor && { roles: actor.roles, organisation: actor.organisation }, { roles: ['liaison'], organisation: 'nursery' });
    } finally {
      await g.close();
    }
  });

  it('when the same person acts again within the cache time, then Graph is asked once; after it, again', async () => {
    const g = await fakeGraph({ [ALICE]: [COORD_GROUP] });
    try {
      const resolver = new GraphActorResolver(g.client, grants, clock, 60_000);
      await resolver.resolve(ALICE, 'Alice');
      await resolver.resolve(ALICE, 'Alice');
      assert.equal(g.calls.length, 1);
      now = new Date(now.getTime() + 61_000);
      await resolver.resolve(ALICE, 'Alice');
      assert.equal(g.calls.length, 2);
    } finally {
      await g.close();
    }
  });

  it('when Graph answers 429 first, then the request is retried and the role resolved', async () => {
    const g = await fakeGraph({ [ALICE]: [COORD_GROUP] });
    try {
      g.throttle(1);
      const actor = await new GraphActorResolver(g.client, grants, clock).resolve(ALICE, 'Alice');
      assert.deepEqual(actor?.roles, ['coordinator']);
      assert.equal(g.calls.length, 1, 'one successful call after the throttled one');
    } finally {
      await g.close();
    }
  });

  it('when ROLE_GROUPS is not valid, then the error names ROLE_GROUPS and what is wrong', () => {
    assert.throws(() => parseRoleGroups('not json'), /ROLE_GROUPS: must be a JSON object/);
    assert.throws(() => parseRoleGroups(JSON.stringify({ 'not-a-guid': 'coordinator' })), /ROLE_GROUPS: .*Entra group object ids/);
    assert.throws(() => parseRoleGroups(JSON.stringify({ [COORD_GROUP]: 'wizard' })), /ROLE_GROUPS:/);
    assert.throws(() => parseRoleGroups(JSON.stringify({ [COORD_GROUP]: 'liaison:moon' })), /ROLE_GROUPS:/);
  });
});
