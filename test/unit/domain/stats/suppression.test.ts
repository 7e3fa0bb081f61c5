import assert from 'node:assert/strict';
import { colTotalsOf, rowTotalsOf, type Published, type RawCountTable, type SafeTable } from '../../../../src/domain/stats/countTable';
import { exposure } from '../../../../src/domain/stats/linearAudit';
import { buildStatsReport, computeRawFigures, reportTables } from '../../../../src/domain/stats/report';
import { checkMinCellCount, protectTables } from '../../../../src/domain/stats/suppression';
import { fixtureSettings, Q3_2026, StatsMother } from './statsMother';

const show = (p: Published | undefined): string => (p === undefined ? '-' : p.kind === 'value' ? String(p.value) : '*');
/** A table as text rows: cells, then the row total; then the column totals and the grand total. */
function picture(t: SafeTable): string[] {
  const rows = t.cells.map((row, r) => [...row.map(show), ...(t.rowTotals ? ['|', show(t.rowTotals[r])] : [])].join(' '));
  if (t.colTotals) rows.push([...t.colTotals.map(show), ...(t.grandTotal ? ['|', show(t.grandTotal)] : [])].join(' '));
  return rows;
}
const table = (id: string, counts: number[][], margins: RawCountTable['margins'] = 'both', shared?: RawCountTable['shared']): RawCountTable => ({
  id: `ext.${id}`,
  unit: 'children',
  rowKeys: counts.map((_r, i) => `r${i + 1}`),
  colKeys: (counts[0] ?? []).map((_c, i) => `c${i + 1}`),
  counts,
  margins,
  ...(shared ? { shared } : {}),
});
const safe = (t: RawCountTable, k: number): SafeTable => protectTables([t], k).safe(t);

describe('domain/stats: suppression (primary and complementary)', () => {
  describe('small tables worked out by hand (k = 5)', () => {
    it('when one cell of a list is 3, then it and the next smallest cell are hidden, and the total stays', () => {
      assert.deepEqual(picture(safe(table('list', [[3], [10], [12]], 'columns'), 5)), ['*', '*', '12', '25']);
    });

    it('when one cell of a 3×3 table is 2, then a rectangle of four cells is hidden and every total is shown', () => {
      const t = table('grid', [
        [2, 8, 9],
        [7, 6, 10],
        [9, 12, 11],
      ]);
      // row 1: 2 → complement 8 (smallest cell in the row); column 1: 7; column 2: 6 closes the rectangle
      assert.deepEqual(picture(safe(t, 5)), ['* * 9 | 19', '* * 10 | 23', '9 12 11 | 32', '18 26 30 | 74']);
    });

    it('when two hidden counts of a list must add up to 2, then a third is hidden too (each is at least 1, so both would be 1)', () => {
      // the attacker who subtracts: 22 − 20 = 2 = x1 + x2 with x1, x2 ≥ 1 → x1 = x2 = 1
      assert.deepEqual(picture(safe(table('ones', [[1], [1], [20]], 'columns'), 5)), ['*', '*', '*', '22']);
    });

    it('when a column total is small in one table, then the same total is hidden in every table that shows it', () => {
      const shared = { colTotals: 'ext.children.byDistrict', grand: 'ext.children.total' };
      const a = table('a', [[1, 7], [2, 8]], 'both', shared); // district totals 3 and 15
      const b = table('b', [[2, 6], [1, 9]], 'both', shared); // the same children by another category
      const p = protectTables([a, b], 5);
      assert.equal(show(p.safe(a).colTotals?.[0]), '*');
      assert.equal(show(p.safe(b).colTotals?.[0]), '*');
      assert.equal(show(p.safe(a).grandTotal), show(p.safe(b).grandTotal));
    });

    it('when the tables claim different values for a shared total, then it is a bug and fails loudly', () => {
      const shared = { colTotals: 'ext.children.byDistrict' };
      assert.throws(() => protectTables([table('a', [[5, 5]], 'both', shared), table('b', [[6, 5]], 'both', shared)], 5), /STATS.SHARED_TOTAL_MISMATCH/);
    });

    it('when no count is below k, then nothing is hidden', () => {
      assert.deepEqual(picture(safe(table('big', [[5, 9], [0, 7]]), 5)), ['5 9 | 14', '0 7 | 7', '5 16 | 21']);
    });

    it('when k is not a whole number from 2 to 100, then it is refused (the ward must choose a real threshold)', () => {
      for (const bad of [0, 1, 2.5, 101, Number.NaN]) assert.throws(() => checkMinCellCount(bad), /STATS.BAD_THRESHOLD/);
      assert.doesNotThrow(() => checkMinCellCount(2));
      assert.throws(() => buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings(1)), /STATS.BAD_THRESHOLD/);
    });
  });

  describe('the exact audit', () => {
    it('when a hidden count is alone in a relation, then it is determined', () => {
      const e = exposure(2, [{ terms: [{ variable: 0, coefficient: 1 }], rhs: 3 }, { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }], rhs: 8 }], 1);
      assert.deepEqual([...e.determined].sort(), [0, 1], 'x0 = 3, then x1 = 5 by subtraction');
    });
    it('when two relations differ by one hidden count, then that count is determined though each relation hides two or more', () => {
      const eqs = [
        { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }], rhs: 5 },
        { terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }, { variable: 2, coefficient: 1 }], rhs: 9 },
      ];
      assert.ok(exposure(3, eqs, 1).determined.has(2), 'x2 = 9 − 5');
    });
    it('when hidden counts are only bounded, then the bounds say so without pinning', () => {
      const e = exposure(2, [{ terms: [{ variable: 0, coefficient: 1 }, { variable: 1, coefficient: 1 }], rhs: 6 }], 1);
      assert.equal(e.pinned.size, 0);
      assert.deepEqual(e.bounds, [{ lo: 1, hi: 5 }, { lo: 1, hi: 5 }]);
    });
  });

  describe('on the fictional ward', () => {
    for (const k of [2, 3, 5, 10]) {
      it(`when k = ${k}, then every shown count is 0 or at least k, and every count from 1 to k−1 is hidden`, () => {
        const raw = computeRawFigures(StatsMother.cases(), Q3_2026, fixtureSettings(k));
        const report = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings(k));
        const rawTables = [raw.population.lifeStage, raw.population.ageBand, raw.population.scoreBand, raw.population.careItem, raw.population.assignment, raw.handoffs, raw.continuity, raw.caseloadTable];
        reportTables(report).forEach((t, i) => {
          const r = rawTables[i] as RawCountTable;
          assert.equal(t.id, r.id);
          t.cells.forEach((row, ri) =>
            row.forEach((p, ci) => {
              const truth = r.counts[ri]?.[ci] ?? 0;
              if (p.kind === 'value') assert.ok(p.value === truth && (truth === 0 || truth >= k), `${t.id} ${t.rowKeys[ri]} ${t.colKeys[ci]}`);
              else assert.ok(truth > 0, `${t.id}: a zero is never hidden`);
            }),
          );
          const margins = [...(rowTotalsOf(t.margins) ? t.rowTotals ?? [] : []), ...(colTotalsOf(t.margins) ? t.colTotals ?? [] : []), ...(t.grandTotal ? [t.grandTotal] : [])];
          for (const m of margins) if (m.kind === 'value') assert.ok(m.value === 0 || m.value >= k, `${t.id}: a shown total ${m.value} under k`);
        });
      });
    }

    it('when the report is built twice, then the suppression pattern is the same (deterministic)', () => {
      assert.deepEqual(buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings()), buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings()));
    });

    it('when k = 5, then the ward total (28) and the two largest districts (板橋 9, 常盤台 6) are still shown', () => {
      const t = buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings()).tables.lifeStage;
      assert.equal(show(t.grandTotal), '28');
      assert.deepEqual(t.colTotals?.slice(0, 2).map(show), ['9', '6']);
    });

    it('when the report is published, then no child name, coordinator name or unlisted district text is in it', () => {
      const json = JSON.stringify(buildStatsReport(StatsMother.cases(), Q3_2026, fixtureSettings(2)));
      for (const name of StatsMother.names()) assert.ok(!json.includes(name), name);
      assert.ok(!json.includes('co1') && !json.includes('ときわ台北'));
    });
  });
});
