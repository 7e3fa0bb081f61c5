import assert from 'node:assert/strict';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { CosmosAuditTrail, CosmosCaseCodeAllocator, CosmosSubmissionLedger, CosmosUserPreferences } from '../../src/adapters/cosmos/cosmosMeta';
import type { AuditTrail, CaseCodeAllocator, CaseFileRepository, SubmissionLedger, UserPreferences } from '../../src/app/ports';
import { CaseFileMother } from '../support/caseFileMother';
import { startCosmosFixture } from '../support/cosmosFixture';

interface Ports {
  repo: CaseFileRepository;
  codes: CaseCodeAllocator;
  ledger: SubmissionLedger;
  audit: AuditTrail & { listForCase(caseId: string): Promise<unknown[]> };
  prefs: UserPreferences;
}

/** One suite for every implementation of the storage ports (today: Cosmos DB on the embedded server). */
const implementations: { name: string; start: () => Promise<{ ports: Ports; stop: () => Promise<void> }> }[] = [
  {
    name: 'Cosmos DB (embedded stand-in, real SDK)',
    start: async () => {
      const f = await startCosmosFixture();
      const meta = f.store.container('meta');
      return {
        ports: {
          repo: new CosmosCaseFileRepository(f.store.container('caseFiles')),
          codes: new CosmosCaseCodeAllocator(meta),
          ledger: new CosmosSubmissionLedger(meta),
          audit: new CosmosAuditTrail(f.store.container('audit')),
          prefs: new CosmosUserPreferences(meta),
        },
        stop: f.stop,
      };
    },
  },
];

for (const impl of implementations) {
  describe(`contract: storage ports — ${impl.name}`, function () {
    this.timeout(20_000);
    let p: Ports;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      ({ ports: p, stop } = await impl.start());
    });
    afterEach(async () => stop());

    it('when a case file is created twice, then the second create reports it exists and the first is kept', async () => {
      const file = CaseFileMother.intake();
      assert.equal(await p.repo.create(file), 'created');
      assert.equal(await p.repo.create(CaseFileMother.intake('2026-0001', { familyNeeds: 'other' })), 'exists');
      assert.equal((await p.repo.load(file.record.id))?.value.record.familyNeeds, file.record.familyNeeds);
    });

    it('when a case file is replaced with a stale ETag, then it is a conflict and the newer content stays', async () => {
      const file = CaseFileMother.intake();
      await p.repo.create(file);
      const loaded = (await p.repo.load(file.record.id))!;
      const first = await p.repo.replace({ ...loaded.value, record: { ...loaded.value.record, urgency: 'urgent' } }, loaded.etag);
      assert.equal(first.kind, 'saved');
      const stale = await p.repo.replace({ ...loaded.value, record: { ...loaded.value.record, urgency: 'soon' } }, loaded.etag);
      assert.equal(stale.kind, 'conflict');
      assert.equal((await p.repo.load(file.record.id))?.value.record.urgency, 'urgent');
    });

    it('when a case file has pending audit entries, then it is listed as outbox work until they are cleared', async () => {
      const file = CaseFileMother.intake();
      const entry = { id: 'a1', caseId: file.record.id, actor: 'u', operation: 'create' as const, action: 'case.create', fields: ['x'], at: '2026-11-25T00:00:00Z', conversationId: undefined };
      await p.repo.create({ ...file, pendingAudit: [entry] });
      assert.deepEqual(await p.repo.listWithOutboxWork(10), [file.record.id]);
      const loaded = (await p.repo.load(file.record.id))!;
      await p.repo.replace({ ...loaded.value, pendingAudit: [] }, loaded.etag);
      assert.deepEqual(await p.repo.listWithOutboxWork(10), []);
    });

    it('when a missing case is loaded, then it is undefined', async () => {
      assert.equal(await p.repo.load('itabashi:2099-9999'), undefined);
    });

    it('when 20 case codes are allocated at once, then they are 1..20 without duplicates', async () => {
      const numbers = await Promise.all(Array.from({ length: 20 }, () => p.codes.next('itabashi', 2026)));
      assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      assert.equal(await p.codes.next('itabashi', 2027), 1, 'each year has its own sequence');
    });

    it('when a form is claimed twice, then the second claim sees it in progress, and after completion sees the case', async () => {
      const at = '2026-11-25T00:00:00.000Z';
      assert.deepEqual(await p.ledger.claim('f1', 'u1', at), { kind: 'claimed' });
      assert.deepEqual(await p.ledger.claim('f1', 'u1', at), { kind: 'inProgress' });
      await p.ledger.complete('f1', 'itabashi:2026-0001');
      assert.deepEqual(await p.ledger.claim('f1', 'u1', at), { kind: 'completed', caseId: 'itabashi:2026-0001' });
    });

    it('when a claim was left by a crash more than a minute ago, then a new submit takes it over', async () => {
      await p.ledger.claim('f2', 'u1', '2026-11-25T00:00:00.000Z');
      assert.deepEqual(await p.ledger.claim('f2', 'u1', '2026-11-25T00:02:00.000Z'), { kind: 'claimed' });
    });

    it('when the same audit entry is appended twice, then it is recorded once', async () => {
      const entry = { id: 'e1', caseId: 'itabashi:2026-0001', actor: 'u', operation: 'read' as const, action: 'case.view', fields: ['child.name'], at: '2026-11-25T00:00:00Z', conversationId: 'c' };
      await p.audit.append([entry]);
      await p.audit.append([entry]);
      assert.equal((await p.audit.listForCase('itabashi:2026-0001')).length, 1);
    });

    it('when a language is stored for a user, then it is read back; unknown users have none', async () => {
      assert.equal(await p.prefs.getLanguage('u-1'), undefined);
      await p.prefs.setLanguage('u-1', 'en');
      assert.equal(await p.prefs.getLanguage('u-1'), 'en');
    });
  });
}
