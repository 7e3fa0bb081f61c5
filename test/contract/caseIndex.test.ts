import assert from 'node:assert/strict';
import { CaseFileProjection } from '../../src/adapters/cosmos/caseFileProjection';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { memoryLogger } from '../../src/adapters/observability/logger';
import type { CaseFileRepository, CaseIndex } from '../../src/app/ports';
import { assignCoordinator, changeStatus } from '../../src/domain/case';
import { normaliseForSearch } from '../../src/domain/searchKey';
import { CaseFileMother } from '../support/caseFileMother';
import { startCosmosFixture } from '../support/cosmosFixture';

type Index = CaseIndex & Pick<CaseFileRepository, 'listWithOutboxWork' | 'listEndedNotAnonymised'>;
interface Subject {
  /** Writes as this instance does. */
  writer: CaseFileRepository;
  /** Writes as another instance does (not through this instance's repository). */
  otherInstance: CaseFileRepository;
  index: Index;
  /** Waits until writes by other instances are visible (a no-op for queries). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** One suite for every implementation of the case index: Cosmos queries, and the change-feed projection. */
const implementations: { name: string; start(): Promise<Subject> }[] = [
  {
    name: 'cross-partition queries',
    async start() {
      const f = await startCosmosFixture();
      const repo = new CosmosCaseFileRepository(f.store.container('caseFiles'));
      return { writer: repo, otherInstance: new CosmosCaseFileRepository(f.store.container('caseFiles')), index: repo, settle: async () => undefined, stop: f.stop };
    },
  },
  {
    name: 'change-feed projection',
    async start() {
      const f = await startCosmosFixture();
      const projection = await CaseFileProjection.start(f.store.container('caseFiles'), memoryLogger(), 60_000);
      const repo = new CosmosCaseFileRepository(f.store.container('caseFiles'), projection);
      return {
        writer: repo,
        otherInstance: new CosmosCaseFileRepository(f.store.container('caseFiles')),
        index: repo,
        settle: () => projection.catchUp(),
        stop: async () => {
          projection.stop();
          await f.stop();
        },
      };
    },
  },
];

const coordinator = { aadObjectId: 'coord-1', displayName: '架空 コーディネーター' };

for (const impl of implementations) {
  describe(`contract: case index — ${impl.name}`, function () {
    this.timeout(20_000);
    let s: Subject;
    beforeEach(async () => {
      s = await impl.start();
    });
    afterEach(async () => s.stop());

    it('when cases are written by this and by another instance, then search finds them by normalised name, reading or code', async () => {
      await s.writer.create(CaseFileMother.intake('2026-0001'));
      await s.otherInstance.create(CaseFileMother.intake('2026-0002', { child: { name: '仮名 花', nameKana: 'カメイ ハナ', birthDate: { year: 2020, month: 1, day: 1 } } }));
      await s.settle();
      assert.deepEqual((await s.index.search('itabashi', normaliseForSearch('ｶﾒｲ'), 10)).map((r) => r.code), ['2026-0002']);
      assert.deepEqual((await s.index.search('itabashi', normaliseForSearch('架空 太郎'), 10)).map((r) => r.code), ['2026-0001']);
      assert.deepEqual((await s.index.search('itabashi', '2026-0002', 10)).map((r) => r.code), ['2026-0002']);
      assert.deepEqual(await s.index.search('other-ward', normaliseForSearch('かめい'), 10), [], 'another ward sees nothing');
    });

    it('when a coordinator is assigned, then the case is among their cases and its summary is current', async () => {
      const file = CaseFileMother.intake('2026-0003');
      await s.writer.create(file);
      const loaded = (await s.writer.load(file.record.id))!;
      await s.writer.replace({ ...loaded.value, record: assignCoordinator(loaded.value.record, coordinator, '2026-11-25T00:00:00Z') }, loaded.etag);
      await s.settle();
      const mine = await s.index.assignedTo('itabashi', coordinator.aadObjectId, 10);
      assert.deepEqual(mine.map((r) => [r.code, r.status, r.assignedCoordinator]), [['2026-0003', 'active', coordinator.displayName]]);
    });

    it('when a case has outbox work or is closed, then the sweeps list it until that changes', async () => {
      const file = CaseFileMother.intake('2026-0004');
      const entry = { id: 'a', caseId: file.record.id, actor: 'u', operation: 'read' as const, action: 'x', fields: [], at: '2026-11-25T00:00:00Z', conversationId: undefined };
      await s.otherInstance.create({ ...file, pendingAudit: [entry] });
      await s.settle();
      assert.deepEqual(await s.index.listWithOutboxWork(10), [file.record.id]);
      const loaded = (await s.writer.load(file.record.id))!;
      const closed = changeStatus(loaded.value.record, 'closed', 'u', '2026-11-25T00:00:00Z')!;
      await s.writer.replace({ ...loaded.value, pendingAudit: [], record: closed }, loaded.etag);
      await s.settle();
      assert.deepEqual(await s.index.listWithOutboxWork(10), []);
      assert.deepEqual(await s.index.listEndedNotAnonymised(10), [file.record.id]);
    });
  });
}
