import assert from 'node:assert/strict';
import type { RawCountTable } from '../../../../src/domain/stats/countTable';
import { buildStatsReport, columnSlice, computeRawFigures, reportTables, wardSlice } from '../../../../src/domain/stats/report';
import { attack, primaryOnly, trueValue, type PublishedReport } from './attacker';
import { randomWard } from './randomWard';
import { fixtureSettings, Q3_2026, StatsMother } from './statsMother';

const Q2_2026 = { schoolYear: 2026, quarter: 2 } as const;
const coreRaw = (k: number, period = Q3_2026): RawCountTable[] => {
  const raw = computeRawFigures(StatsMother.cases(), period, fixtureSettings(k));
  const p = raw.population;
  return [p.lifeStage, p.ageBand, p.scoreBand, p.careItem, p.assignment, raw.handoffs, raw.continuity, raw.caseloadTable];
};

describe('domain/stats: an attacker who subtracts published totals and cells', () => {
  it('when only counts under k are hidden (no complements), then the attacker recovers hidden counts, and correctly (the attacker works)', () => {
    const raw = coreRaw(5);
    const found = attack([{ scope: 'Q3', tables: raw.map((t) => primaryOnly(t, 5)) }]);
    assert.ok(found.disclosures.length > 10, `expected many disclosures, got ${found.disclosures.length}`);
    for (const d of found.disclosures) {
      const truth = trueValue(raw, d.identity, 'Q3');
      if (truth !== undefined) assert.equal(d.value, truth, `${d.identity} (${d.how})`);
    }
    assert.deepEqual(found.disclosures.find((d) => d.identity === 'Q3|children.assignment|unassigned|ward')?.value, 2, 'unassigned = 28 children − 26 assigned');
    assert.deepEqual(found.disclosures.find((d) => d.identity === 'Q3|children.lifeStage|infant|志村')?.value, 1, '志村: 5 children in five hidden cells, each at least 1');
  });

  for (const k of [2, 3, 5, 8]) {
    it(`when k = ${k} and every table of the report is attacked together, then no hidden count can be derived`, () => {
      const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings(k));
      const found = attack([{ scope: 'Q3', tables: reportTables(report) }]);
      assert.deepEqual(found.inconsistencies, []);
      assert.deepEqual(found.disclosures, [], JSON.stringify(found.disclosures.slice(0, 5)));
      assert.ok(found.unknowns > 0, 'there is something to protect');
    });
  }

  it('when the whole-ward report and every district view are attacked together, then the district views add nothing', () => {
    const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings());
    const t = report.tables;
    for (const district of report.districts) {
      for (const table of [t.lifeStage, t.ageBand, t.scoreBand, t.careItem]) {
        const slice = columnSlice(table, district);
        const c = table.colKeys.indexOf(district);
        slice.rows.forEach((row, r) => assert.deepEqual(row.value, table.cells[r]?.[c], `${table.id} ${district} ${row.key}: the district view shows what the report shows`));
        assert.deepEqual(slice.total, table.colTotals?.[c]);
      }
    }
    const ward = wardSlice(t.lifeStage);
    assert.deepEqual(ward.rows.map((r) => r.value), t.lifeStage.rowTotals);
    const found = attack([{ scope: 'Q3', tables: reportTables(report) }]);
    assert.deepEqual(found.disclosures, []);
  });

  it('when two quarters are attacked together (and differenced), then no hidden count of either can be derived', () => {
    const reports: PublishedReport[] = [
      { scope: 'Q2', tables: reportTables(buildStatsReport(StatsMother.cases(), Q2_2026, fixtureSettings())) },
      { scope: 'Q3', tables: reportTables(buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings())) },
    ];
    const found = attack(reports);
    assert.deepEqual(found.inconsistencies, []);
    assert.deepEqual(found.disclosures, []);
  });

  it('when k is 5, then the hidden cells include every count from 1 to 4 of the raw tables', () => {
    const raw = coreRaw(5);
    const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings());
    reportTables(report).forEach((t, i) => {
      t.cells.forEach((row, r) => row.forEach((p, c) => {
        const truth = raw[i]?.counts[r]?.[c] ?? 0;
        if (truth >= 1 && truth <= 4) assert.equal(p.kind, 'suppressed', `${t.id} ${t.rowKeys[r]} ${t.colKeys[c]} = ${truth}`);
      }));
    });
  });
});

describe('domain/stats: the attacker against random fictional wards', () => {
  const districts = ['板橋', '常盤台', '志村', '赤塚', '高島平', '成増'];
  for (const [seed, children, k] of [[1, 40, 5], [2, 80, 5], [3, 120, 3], [4, 60, 10], [5, 200, 5]] as const) {
    it(`when ward #${seed} (${children} children, k = ${k}) is published, then no hidden count can be derived (and without complements some could)`, () => {
      const settings = { ...fixtureSettings(k), districts };
      const raw = computeRawFigures(randomWard(seed, children, districts), Q3_2026, settings);
      const p = raw.population;
      const naive = ([p.lifeStage, p.ageBand, p.assignment] as RawCountTable[]).map((t) => primaryOnly(t, k));
      assert.ok(attack([{ scope: 'Q3', tables: naive }]).disclosures.length > 0, 'the attacker has something to find on this ward');
      const report = buildStatsReport(randomWard(seed, children, districts), Q3_2026, settings);
      const found = attack([{ scope: 'Q3', tables: reportTables(report) }]);
      assert.deepEqual(found.inconsistencies, []);
      assert.deepEqual(found.disclosures, [], JSON.stringify(found.disclosures.slice(0, 3)));
    });
  }
});
