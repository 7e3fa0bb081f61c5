import assert from 'node:assert/strict';
import { CosmosMeetingRepository } from '../../src/adapters/cosmos/cosmosMeetings';
import type { MeetingRepository } from '../../src/app/meetings/meetingRepository';
import type { Meeting } from '../../src/domain/meetings/meeting';
import { startCosmosFixture } from '../support/cosmosFixture';
import { MeetingMother } from '../unit/app/meetings/meetingMother';
import { MemoryMeetingRepository } from '../unit/app/meetings/memoryMeetingRepository';

/** One suite for every implementation of MeetingRepository: in memory, and Cosmos DB (embedded stand-in, `meetings` container). */
const implementations: { name: string; start: () => Promise<{ repo: MeetingRepository; raw?: () => Promise<unknown[]>; stop: () => Promise<void> }> }[] = [
  { name: 'in memory', start: async () => ({ repo: new MemoryMeetingRepository(), stop: async () => {} }) },
  {
    name: 'Cosmos DB (embedded stand-in, real SDK, meetings container /wardId)',
    start: async () => {
      const f = await startCosmosFixture();
      const container = f.store.container('meetings');
      return { repo: new CosmosMeetingRepository(container), raw: async () => (await container.items.readAll().fetchAll()).resources, stop: f.stop };
    },
  },
];

/** A meeting with everything a document can hold: proposals, owed work, a card, audit entries, a body. */
function fullMeeting(): Meeting {
  return MeetingMother.proposedCase({
    work: { kind: 'reschedule', slot: { start: new Date('2026-11-25T06:00:00.000Z'), end: new Date('2026-11-25T07:30:00.000Z') }, attempts: 2, notBefore: '2026-11-20T01:01:00.000Z' },
    card: { address: { serviceUrl: 'https://smba.example/', tenantId: 't', conversationId: 'a:personal-x', channelId: undefined, isChannel: false }, activityId: 'act-1', language: 'ja', owed: true },
    pendingAudit: [{ id: 'itabashi:2026-0012|meeting.pick|k', caseId: 'itabashi:2026-0012', actor: MeetingMother.COORDINATOR_ID, operation: 'update', action: 'meeting.pick', fields: ['meeting.time'], at: '2026-11-20T01:00:00.000Z', conversationId: undefined }],
    bodyText: '議題（架空）',
    problem: 'MEETING.CALENDAR_FORBIDDEN',
  });
}

for (const impl of implementations) {
  describe(`contract: MeetingRepository — ${impl.name}`, function () {
    this.timeout(60_000);
    let repo: MeetingRepository;
    let raw: (() => Promise<unknown[]>) | undefined;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, raw, stop } = await impl.start());
    });
    afterEach(async () => stop());

    it('when a meeting is stored and read back, then it is the same meeting, and a second create reports it exists', async () => {
      const m = fullMeeting();
      assert.equal(await repo.create(m), 'created');
      assert.equal(await repo.create({ ...m, subject: 'other' }), 'exists');
      const loaded = await repo.load('itabashi', m.meetingId);
      assert.ok(loaded?.etag);
      assert.deepEqual(loaded.value, m);
      assert.equal(await repo.load('other-ward', m.meetingId), undefined, 'another ward does not see it');
    });

    it('when a meeting is replaced with a stale ETag, then it is a conflict and the newer content stays; a missing one is a conflict', async () => {
      await repo.create(MeetingMother.proposedCase());
      const read = (await repo.load('itabashi', 'm-case-1'))!;
      const first = await repo.replace({ ...read.value, status: 'scheduled', eventId: 'evt-1' }, read.etag);
      assert.equal(first.kind, 'saved');
      assert.deepEqual(await repo.replace({ ...read.value, status: 'cancelled' }, read.etag), { kind: 'conflict' });
      const now = (await repo.load('itabashi', 'm-case-1'))!;
      assert.deepEqual([now.value.status, now.value.eventId, first.kind === 'saved' && first.etag], ['scheduled', 'evt-1', now.etag]);
      assert.deepEqual(await repo.replace({ ...read.value, meetingId: 'nope' }, read.etag), { kind: 'conflict' });
    });

    it('when the ward’s conferences are listed, then only scheduled ward conferences of that ward come, earliest first, each with its ETag', async () => {
      await repo.create(MeetingMother.scheduledWard('w-late', '2027-01-20T05:00:00.000Z'));
      await repo.create(MeetingMother.scheduledWard('w-early', '2026-12-16T05:00:00.000Z'));
      await repo.create(MeetingMother.scheduledWard('w-cancelled', '2026-12-01T05:00:00.000Z', { status: 'cancelled' }));
      await repo.create(MeetingMother.scheduledWard('w-proposed', '2026-12-02T05:00:00.000Z', { status: 'proposed', eventId: undefined, joinUrl: undefined }));
      await repo.create(MeetingMother.scheduledWard('w-other', '2026-12-03T05:00:00.000Z', { wardId: 'nerima' }));
      await repo.create(MeetingMother.proposedCase({ status: 'scheduled', eventId: 'evt-c' }));
      const list = await repo.listWardConferences('itabashi');
      assert.deepEqual(list.map((v) => v.value.meetingId), ['w-early', 'w-late']);
      const early = list[0]!;
      assert.equal((await repo.replace({ ...early.value, bodyText: '議題' }, early.etag)).kind, 'saved', 'the ETag listed is the one to replace with');
    });

    it('when meetings owe work, audit or a card, then the sweep lists them, and not the settled ones', async () => {
      await repo.create(fullMeeting());
      await repo.create(MeetingMother.scheduledWard('w-settled', '2026-12-16T05:00:00.000Z'));
      assert.deepEqual(await repo.listWithWork(10), [{ wardId: 'itabashi', meetingId: 'm-case-1' }]);
    });

    if (impl.name.startsWith('Cosmos')) {
      it('when a document is stored, then it carries its schema version and its ward as partition key', async () => {
        await repo.create(MeetingMother.proposedCase());
        const docs = (await raw!()) as Record<string, unknown>[];
        assert.deepEqual([docs[0]?.schemaVersion, docs[0]?.wardId, docs[0]?.id], [1, 'itabashi', 'm-case-1']);
      });
    }
  });
}

describe('contract: MeetingRepository — Cosmos documents are checked on read', function () {
  this.timeout(60_000);
  it('when a stored document has an unknown schema version, then reading it fails loudly instead of guessing', async () => {
    const f = await startCosmosFixture();
    try {
      const container = f.store.container('meetings');
      const repo = new CosmosMeetingRepository(container);
      await repo.create(MeetingMother.proposedCase());
      const { resource } = await container.item('m-case-1', 'itabashi').read();
      await container.items.upsert({ ...resource, schemaVersion: 99 });
      await assert.rejects(repo.load('itabashi', 'm-case-1'), /schemaVersion/);
    } finally {
      await f.stop();
    }
  });
});
