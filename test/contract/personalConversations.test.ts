import assert from 'node:assert/strict';
import { CosmosPersonalConversations } from '../../src/adapters/cosmos/cosmosPersonalConversations';
import type { PersonalConversation, PersonalConversations } from '../../src/app/ports';
import { claimDigest, finishDigest } from '../../src/domain/transitions/digest';
import { startCosmosFixture } from '../support/cosmosFixture';
import { MemoryPersonalConversations } from '../support/memoryPersonalConversations';

/** One suite for every implementation of PersonalConversations: Cosmos DB on the embedded server, and the in-memory stand-in the unit tests use. */
const implementations: { name: string; start: () => Promise<{ store: PersonalConversations; stop: () => Promise<void> }> }[] = [
  {
    name: 'Cosmos DB (embedded stand-in, real SDK)',
    start: async () => {
      const f = await startCosmosFixture();
      return { store: new CosmosPersonalConversations(f.store.container('meta')), stop: f.stop };
    },
  },
  { name: 'in memory (unit tests)', start: async () => ({ store: new MemoryPersonalConversations(), stop: async () => undefined }) },
];

const conversation = (n: number): PersonalConversation => ({
  aadObjectId: `00000000-0000-4000-8000-00000000c0${String(n).padStart(2, '0')}`,
  serviceUrl: 'https://smba.trafficmanager.net/jp/00000000-0000-4000-8000-0000000000aa/',
  conversationId: `a:1fictional-${n}`,
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  botId: '28:bot',
  userId: `29:fictional-${n}`,
});
const today = { year: 2026, month: 12, day: 1 };
const now = new Date('2026-12-01T00:00:00Z');
const LEASE = 600_000;

for (const impl of implementations) {
  describe(`contract: personal conversation references — ${impl.name}`, function () {
    this.timeout(20_000);
    let store: PersonalConversations;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      ({ store, stop } = await impl.start());
    });
    afterEach(async () => stop());

    it('when a reference is remembered, then it is found and listed; forgetting removes it (twice is fine)', async () => {
      await store.remember(conversation(1), '2026-11-30T00:00:00.000Z');
      await store.remember(conversation(2), '2026-11-30T00:00:00.000Z');
      assert.deepEqual(await store.find(conversation(1).aadObjectId), { ...conversation(1), savedAt: '2026-11-30T00:00:00.000Z', digest: undefined });
      assert.deepEqual((await store.list(10)).map((c) => c.conversationId).sort(), ['a:1fictional-1', 'a:1fictional-2']);
      await store.forget(conversation(1).aadObjectId);
      await store.forget(conversation(1).aadObjectId);
      assert.equal(await store.find(conversation(1).aadObjectId), undefined);
      assert.equal((await store.list(10)).length, 1);
    });

    it('when a reference is refreshed (reinstall, new conversation id), then the digest mark is kept', async () => {
      await store.remember(conversation(1), '2026-11-30T00:00:00.000Z');
      await store.updateDigestMark(conversation(1).aadObjectId, (m) => claimDigest(m, today, now, LEASE, 'c1'));
      await store.remember({ ...conversation(1), conversationId: 'a:1fictional-new' }, '2026-12-01T00:00:01.000Z');
      const found = await store.find(conversation(1).aadObjectId);
      assert.equal(found?.conversationId, 'a:1fictional-new');
      assert.equal(found?.digest?.claimId, 'c1');
    });

    it('when two claims race for the same digest, then exactly one wins, and only the winner can finish it', async () => {
      await store.remember(conversation(1), '2026-11-30T00:00:00.000Z');
      const aad = conversation(1).aadObjectId;
      const results = await Promise.all(['c1', 'c2', 'c3'].map((id) => store.updateDigestMark(aad, (m) => claimDigest(m, today, now, LEASE, id))));
      const winners = results.filter((r) => r !== undefined);
      assert.equal(winners.length, 1);
      const winner = winners[0]!.claimId;
      const loser = ['c1', 'c2', 'c3'].find((id) => id !== winner)!;
      assert.equal(await store.updateDigestMark(aad, (m) => finishDigest(m, loser, { kind: 'sent' }, now)), undefined);
      assert.equal((await store.updateDigestMark(aad, (m) => finishDigest(m, winner, { kind: 'sent' }, now)))?.state, 'sent');
      assert.equal((await store.find(aad))?.digest?.state, 'sent');
      assert.equal(await store.updateDigestMark(aad, (m) => claimDigest(m, today, now, LEASE, 'c4')), undefined, 'sent today: no new claim');
    });

    it('when the reference is gone, then a digest mark cannot be written', async () => {
      assert.equal(await store.updateDigestMark(conversation(9).aadObjectId, (m) => claimDigest(m, today, now, LEASE, 'c1')), undefined);
    });
  });
}
