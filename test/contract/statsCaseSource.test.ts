import assert from 'node:assert/strict';
import { CosmosCaseFileRepository } from '../../src/adapters/cosmos/cosmosCaseFileRepository';
import { CosmosStatsCaseSource } from '../../src/adapters/cosmos/cosmosStatsCaseSource';
import { CaseFileProjection } from '../../src/adapters/cosmos/caseFileProjection';
import { caseFileStatsSource } from '../../src/app/stats/caseFileStatsSource';
import type { StatsCaseSource } from '../../src/app/stats/wardStats';
import type { CaseFile } from '../../src/domain/caseFile';
import { buildStatsReport } from '../../src/domain/stats/report';
import type { StatsCase } from '../../src/domain/stats/statsCase';
import { startCosmosFixture } from '../support/cosmosFixture';
import { fixtureSettings, Q3_2026, StatsMother } from '../unit/domain/stats/statsMother';

/**
 * One suite for every StatsCaseSource: the in-memory projection of case files (statsCaseOf) and the Cosmos
 * query on the embedded stand-in with the real SDK. Both must hand the statistics the same name-free cases
 * of one ward, so the figures cannot depend on where the cases come from.
 */
const otherWard = (f: CaseFile): CaseFile => ({ ...f, record: { ...f.record, wardId: 'nerima', id: f.record.id.replace('itabashi:', 'nerima:') } });

const implementations: { name: string; start: (files: readonly CaseFile[]) => Promise<{ source: StatsCaseSource; stop: () => Promise<void> }> }[] = [
  {
    name: 'case files in memory (statsCaseOf)',
    start: async (files) => ({ source: caseFileStatsSource(async () => files), stop: async () => undefined }),
  },
  {
    name: 'Cosmos DB (embedded stand-in, real SDK, pages of 7)',
    start: async (files) => {
      const f = await startCosmosFixture();
      const repo = new CosmosCaseFileRepository(f.store.container('caseFiles'));
      for (const file of files) assert.equal(await repo.create(file), 'created');
      return { source: new CosmosStatsCaseSource(f.store.container('caseFiles'), 7), stop: f.stop };
    },
  },
  {
    name: 'change-feed read model on Cosmos DB (what the app uses)',
    start: async (files) => {
      const f = await startCosmosFixture();
      const repo = new CosmosCaseFileRepository(f.store.container('caseFiles'));
      for (const file of files) assert.equal(await repo.create(file), 'created');
      const projection = await CaseFileProjection.start(f.store.container('caseFiles'), { warn: () => undefined }, 60_000);
      return { source: projection, stop: async () => (projection.stop(), f.stop()) };
    },
  },
];

/** Cases in a stable order (sources return them in no particular order). */
const sorted = (cases: readonly StatsCase[]): StatsCase[] => [...cases].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

for (const impl of implementations) {
  describe(`contract: StatsCaseSource — ${impl.name}`, function () {
    this.timeout(30_000);
    const files = StatsMother.caseFiles();
    let source: StatsCaseSource;
    let stop: () => Promise<void>;
    before(async () => {
      ({ source, stop } = await impl.start([...files, ...files.slice(0, 5).map(otherWard)]));
    });
    after(async () => stop());

    it('when a ward is read, then every case of that ward comes back as its StatsCase projection, and none of another ward', async () => {
      const cases = await source.casesForStats('itabashi');
      assert.equal(cases.length, files.length);
      assert.deepEqual(sorted(cases), sorted(StatsMother.cases()));
      assert.equal((await source.casesForStats('nerima')).length, 5);
      assert.deepEqual(await source.casesForStats('nowhere'), []);
    });

    it('when the cases are read, then no name, reading, free text or person appears anywhere in them', async () => {
      const json = JSON.stringify(await source.casesForStats('itabashi'));
      for (const name of StatsMother.names()) assert.ok(!json.includes(name), name);
      for (const file of files) {
        assert.ok(!json.includes(file.record.child.nameKana), 'no reading');
        if (file.record.familyNeeds) assert.ok(!json.includes(file.record.familyNeeds), 'no free text');
      }
      assert.ok(!/displayName|"by"|comment|reason|guardian|diagnos/.test(json), 'no person or free-text field');
    });

    it('when the figures are computed from the source, then they are those of the fixture ward (28 children at the end of 2026年度 Q3)', async () => {
      const report = buildStatsReport(await source.casesForStats('itabashi'), Q3_2026, fixtureSettings());
      assert.deepEqual(report, buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings()));
      assert.deepEqual(report.tables.lifeStage.grandTotal, { kind: 'value', value: 28 });
    });
  });
}
