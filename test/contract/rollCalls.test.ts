import assert from 'node:assert/strict';
import { CosmosRollCallRepository } from '../../src/adapters/cosmos/cosmosRollCalls';
import { confirmChild } from '../../src/app/disaster/confirmChild';
import type { DisasterDeps, RollCallRepository } from '../../src/app/disaster/ports';
import { confirmChild as decideConfirm, closeRollCall, withRollCallAudit, type RollCall } from '../../src/domain/disaster/rollCall';
import { recordReminders, dueReminders } from '../../src/domain/disaster/reminders';
import { CandidateMother, CASE_WORKER, DESK, personOf, RollCallMother } from '../unit/domain/disaster/disasterMother';
import { MemoryRollCallRepository } from '../unit/app/disaster/memoryRollCallRepository';
import { startCosmosFixture } from '../support/cosmosFixture';

/** One suite for every implementation of RollCallRepository: in memory, and Cosmos DB on the embedded server. */
const implementations: { name: string; start: () => Promise<{ repo: RollCallRepository; stop: () => Promise<void> }> }[] = [
  { name: 'in memory', start: async () => ({ repo: new MemoryRollCallRepository(), stop: async () => {} }) },
  {
    name: 'Cosmos DB (embedded stand-in, real SDK, meta container)',
    start: async () => {
      const f = await startCosmosFixture();
      return { repo: new CosmosRollCallRepository(f.store.container('meta')), stop: f.stop };
    },
  },
];

const CHILDREN = 20;
const codeOf = (i: number) => `2026-${String(i + 1).padStart(4, '0')}`;

/** A roll-call with everything a document can hold: confirmations, reminders in the outbox, audit entries. */
function fullRollCall(): RollCall {
  let rc = RollCallMother.ward({ id: 'rc-full' });
  const d = decideConfirm(rc, { key: 'k1', caseId: 'itabashi:2026-0001', status: 'needsSupport', needs: ['power', 'oxygen'], note: '（架空）残り1時間', by: personOf(DESK), at: '2026-11-25T00:40:00.000Z' });
  assert.ok(d.kind === 'recorded');
  rc = d.rollCall;
  rc = recordReminders(rc, dueReminders(rc, '2026-11-25T01:00:00.000Z', { intervalMinutes: 30 }), '2026-11-25T01:00:00.000Z');
  return withRollCallAudit(
    rc,
    { id: 'a1', caseId: 'itabashi:2026-0001', actor: DESK.aadObjectId, operation: 'update', action: 'rollcall.confirm', fields: ['rollCall.status'], at: '2026-11-25T00:40:00.000Z', conversationId: 'conv' },
    { id: 'a2', caseId: 'rollcall:rc-full', actor: 'system', operation: 'update', action: 'rollcall.remind', fields: ['reminderLog'], at: '2026-11-25T01:00:00.000Z', conversationId: undefined },
  );
}

for (const impl of implementations) {
  describe(`contract: RollCallRepository — ${impl.name}`, function () {
    this.timeout(60_000);
    let repo: RollCallRepository;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, stop } = await impl.start());
    });
    afterEach(async () => stop());

    it('when a roll-call is stored and read back, then it is the same roll-call, and a second create reports it exists', async () => {
      const rc = fullRollCall();
      assert.equal(await repo.create(rc), 'created');
      assert.equal(await repo.create({ ...rc, reason: { kind: 'drill', note: 'other' } }), 'exists');
      const loaded = await repo.load('rc-full');
      assert.ok(loaded && loaded.etag);
      assert.deepEqual(loaded.value, rc);
    });

    it('when a missing roll-call is loaded or replaced, then it is undefined or a conflict', async () => {
      assert.equal(await repo.load('nope'), undefined);
      assert.deepEqual(await repo.replace({ ...RollCallMother.ward(), id: 'nope' }, '"1"'), { kind: 'conflict' });
    });

    it('when a roll-call is replaced with a stale ETag, then it is a conflict and the newer content stays', async () => {
      await repo.create(RollCallMother.ward());
      const read = (await repo.load('rc-1'))!;
      const closed = closeRollCall(read.value, personOf(DESK), '2026-11-25T03:00:00.000Z', '');
      assert.ok(closed.kind === 'closed');
      const first = await repo.replace(closed.rollCall, read.etag);
      assert.equal(first.kind, 'saved');
      const stale = await repo.replace({ ...read.value, reason: { kind: 'other', note: 'stale' } }, read.etag);
      assert.deepEqual(stale, { kind: 'conflict' });
      const now = (await repo.load('rc-1'))!;
      assert.equal(now.value.closed?.by.aadObjectId, DESK.aadObjectId);
      assert.equal(first.kind === 'saved' && first.etag, now.etag);
    });

    it(`when ${CHILDREN} children of one roll-call are confirmed at the same moment, then every confirmation survives`, async () => {
      const candidates = Array.from({ length: CHILDREN }, (_, i) => CandidateMother.child(codeOf(i)));
      await repo.create(RollCallMother.ward({ candidates }));
      let conflicts = 0;
      const counting: RollCallRepository = {
        create: (rc) => repo.create(rc),
        load: (id) => repo.load(id),
        replace: async (rc, etag) => {
          const saved = await repo.replace(rc, etag);
          if (saved.kind === 'conflict') conflicts += 1;
          return saved;
        },
        listOpen: (w, n) => repo.listOpen(w, n),
        listWithOutboxWork: (n) => repo.listWithOutboxWork(n),
      };
      const deps: DisasterDeps = { rollCalls: counting, audit: { append: async () => {} }, clock: { now: () => new Date('2026-11-25T01:00:00.000Z') } };
      const outcomes = await Promise.all(
        candidates.map((c, i) => confirmChild(deps, { rollCallId: 'rc-1', caseId: c.caseId, status: i % 3 === 0 ? 'unreachable' : 'safe', needs: [], note: '', key: `click-${c.code}`, actor: CASE_WORKER, conversationId: undefined })),
      );
      assert.deepEqual(outcomes.map((o) => o.kind), Array(CHILDREN).fill('recorded'));
      const stored = (await repo.load('rc-1'))!.value;
      assert.deepEqual(stored.confirmations.map((c) => c.caseId).sort(), candidates.map((c) => c.caseId).sort());
      assert.equal(stored.pendingAudit.length, CHILDREN, 'one audit entry per confirmation, none lost');
      assert.ok(conflicts > 0, 'the writes really raced (stale ETags were refused and retried)');
    });

    it('when roll-calls are open, closed, or owe work, then the sweeps find the right ones, oldest first', async () => {
      const older = RollCallMother.ward({ id: 'rc-a' });
      const newer = { ...RollCallMother.ward({ id: 'rc-b' }), startedAt: '2026-11-25T05:00:00.000Z' };
      const closedOne = closeRollCall(RollCallMother.ward({ id: 'rc-c' }), personOf(DESK), '2026-11-25T06:00:00.000Z', '');
      assert.ok(closedOne.kind === 'closed');
      const otherWard = { ...RollCallMother.ward({ id: 'rc-d' }), wardId: 'nerima' };
      const owing = withRollCallAudit(closedOne.rollCall, { id: 'x', caseId: 'rollcall:rc-c', actor: 'u', operation: 'update', action: 'rollcall.close', fields: ['closed'], at: '2026-11-25T06:00:00.000Z', conversationId: undefined });
      for (const rc of [newer, older, owing, otherWard]) await repo.create(rc);
      assert.deepEqual(await repo.listOpen('itabashi', 10), ['rc-a', 'rc-b']);
      assert.deepEqual(await repo.listOpen('itabashi', 1), ['rc-a']);
      assert.deepEqual(await repo.listWithOutboxWork(10), ['rc-c']);
    });
  });
}
