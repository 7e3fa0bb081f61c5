import assert from 'node:assert/strict';
import { CARE_ITEM_CODES, CARE_ITEMS, computeCareScore, scoreBand, type CareItemCode, type CareItemSelection, type WatchLevel } from '../../../src/domain/careItems';

/**
 * REFERENCE.md §3.2, 医療的ケア判定スコア (R3), copied row by row from the reference table — not from the source.
 * [基本, 見守り per level]; a level missing here is "—" in the table.
 */
const R3_TABLE: Readonly<Record<string, { row: string; base: number; watch: Partial<Record<WatchLevel, number>> }>> = {
  VENT: { row: '1', base: 10, watch: { high: 2, medium: 1, low: 0 } },
  TRACH: { row: '2', base: 8, watch: { high: 2, low: 0 } },
  NPA: { row: '3', base: 5, watch: { high: 1, low: 0 } },
  O2: { row: '4', base: 8, watch: { high: 1, low: 0 } },
  SUCTION: { row: '5', base: 8, watch: { high: 1, low: 0 } },
  NEB: { row: '6', base: 3, watch: {} },
  TUBE: { row: '7a', base: 8, watch: { high: 2, low: 0 } },
  TUBE_PUMP: { row: '7b', base: 3, watch: { high: 1, low: 0 } },
  CVC: { row: '8', base: 8, watch: { high: 2, low: 0 } },
  SC_INJ: { row: '9a', base: 5, watch: { high: 1, low: 0 } },
  SC_PUMP: { row: '9b', base: 3, watch: { high: 1, low: 0 } },
  GLUCOSE: { row: '10', base: 3, watch: { high: 1, low: 0 } },
  DIALYSIS: { row: '11', base: 8, watch: { high: 2, low: 0 } },
  CATH_INT: { row: '12a', base: 5, watch: {} },
  CATH_CONT: { row: '12b', base: 3, watch: { high: 1, low: 0 } },
  STOMA: { row: '13a', base: 5, watch: { high: 1, low: 0 } },
  DISIMPACT: { row: '13b', base: 5, watch: {} },
  ENEMA: { row: '13c', base: 3, watch: {} },
  SEIZURE: { row: '14', base: 3, watch: { high: 2, low: 0 } },
};
const LEVELS: readonly WatchLevel[] = ['high', 'medium', 'low'];
const NO_WATCH_ITEMS: readonly CareItemCode[] = ['NEB', 'CATH_INT', 'DISIMPACT', 'ENEMA'];

const expectedRow = (code: string) => {
  const row = R3_TABLE[code];
  if (!row) throw new Error(`no reference row for ${code}`);
  return row;
};

describe('domain/careItems: 医療的ケア判定スコア (REFERENCE §3.2)', () => {
  describe('the item table', () => {
    it('when the codes are listed, then they are exactly the 19 rows of the R3 table', () => {
      assert.deepEqual([...CARE_ITEM_CODES].sort(), Object.keys(R3_TABLE).sort());
    });

    for (const code of Object.keys(R3_TABLE) as CareItemCode[]) {
      const ref = expectedRow(code);
      it(`when ${code} (row ${ref.row}) is defined, then its base score is ${ref.base} and its 見守り levels are exactly {${Object.keys(ref.watch).join(', ') || 'none'}}`, () => {
        const item = CARE_ITEMS[code];
        assert.ok(item, `${code} is defined`);
        assert.equal(item.row, ref.row);
        assert.equal(item.baseScore, ref.base);
        assert.deepEqual({ ...item.watch }, ref.watch);
      });
    }

    it('when the 見守り levels are compared, then 中 (medium) is defined only for the ventilator', () => {
      const withMedium = CARE_ITEM_CODES.filter((c) => CARE_ITEMS[c].watch.medium !== undefined);
      assert.deepEqual(withMedium, ['VENT']);
    });
  });

  describe('computeCareScore per item', () => {
    for (const code of Object.keys(R3_TABLE) as CareItemCode[]) {
      const ref = expectedRow(code);
      it(`when only ${code} is selected with no 見守り level, then base is ${ref.base}, watch 0 and pending only if the item has 見守り scores`, () => {
        const s = computeCareScore([{ code }]);
        assert.equal(s.base, ref.base);
        assert.equal(s.watch, 0);
        assert.equal(s.total, ref.base);
        assert.equal(s.watchPending, Object.keys(ref.watch).length > 0);
      });
      for (const level of LEVELS) {
        const w = ref.watch[level];
        if (w === undefined) continue;
        it(`when only ${code} is selected with 見守り ${level}, then the total is ${ref.base} + ${w}`, () => {
          const s = computeCareScore([{ code, watchLevel: level }]);
          assert.deepEqual(s, { tableVersion: 'R3', base: ref.base, watch: w, total: ref.base + w, watchPending: false });
        });
      }
    }

    it('when nothing is selected, then the score is 0 and nothing is pending', () => {
      assert.deepEqual(computeCareScore([]), { tableVersion: 'R3', base: 0, watch: 0, total: 0, watchPending: false });
    });

    it('when several items are selected, then base and 見守り scores are summed (吸引 高 + 経管栄養 高 = 8+1+8+2 = 19)', () => {
      const s = computeCareScore([{ code: 'SUCTION', watchLevel: 'high' }, { code: 'TUBE', watchLevel: 'high' }]);
      assert.equal(s.base, 16);
      assert.equal(s.watch, 3);
      assert.equal(s.total, 19);
    });

    it('when every item is selected with 見守り 高, then the total is the sum of the table without the tracheostomy 見守り score', () => {
      const selections: CareItemSelection[] = CARE_ITEM_CODES.map((code) => ({ code, watchLevel: 'high' }));
      const base = Object.values(R3_TABLE).reduce((a, r) => a + r.base, 0);
      const watch = Object.entries(R3_TABLE).reduce((a, [code, r]) => a + (code === 'TRACH' ? 0 : (r.watch.high ?? 0)), 0);
      assert.equal(base, 104, 'sanity: the base column of the reference table sums to 104');
      const s = computeCareScore(selections);
      assert.equal(s.base, base);
      assert.equal(s.watch, watch);
      assert.equal(s.total, base + watch);
      assert.equal(s.watchPending, false);
    });
  });

  describe('rule 1: an item counts once', () => {
    it('when the same item is selected twice, then it is counted once', () => {
      const s = computeCareScore([{ code: 'SUCTION', watchLevel: 'high' }, { code: 'SUCTION', watchLevel: 'high' }]);
      assert.equal(s.base, 8);
      assert.equal(s.total, 9);
    });

    it('when the ventilator is selected twice with different levels, then its base score is counted once and one 見守り score at most', () => {
      const s = computeCareScore([{ code: 'VENT', watchLevel: 'high' }, { code: 'VENT', watchLevel: 'medium' }]);
      assert.equal(s.base, 10);
      assert.ok([10, 11, 12].includes(s.total), `total ${s.total} counts the ventilator once`);
    });
  });

  describe('rule 2: ventilator with tracheostomy', () => {
    it('when VENT 高 and TRACH 高 are selected, then the total is 10 + 2 + 8 = 20 (no tracheostomy 見守り)', () => {
      const s = computeCareScore([{ code: 'VENT', watchLevel: 'high' }, { code: 'TRACH', watchLevel: 'high' }]);
      assert.equal(s.base, 18);
      assert.equal(s.watch, 2);
      assert.equal(s.total, 20);
    });

    it('when TRACH is listed before VENT, then the result is the same 20', () => {
      const s = computeCareScore([{ code: 'TRACH', watchLevel: 'high' }, { code: 'VENT', watchLevel: 'high' }]);
      assert.equal(s.total, 20);
    });

    it('when VENT 中 and TRACH 高 are selected, then the total is 10 + 1 + 8 = 19', () => {
      assert.equal(computeCareScore([{ code: 'VENT', watchLevel: 'medium' }, { code: 'TRACH', watchLevel: 'high' }]).total, 19);
    });

    it('when VENT 低 and TRACH 高 are selected, then the total is 10 + 0 + 8 = 18', () => {
      assert.equal(computeCareScore([{ code: 'VENT', watchLevel: 'low' }, { code: 'TRACH', watchLevel: 'high' }]).total, 18);
    });

    it('when TRACH 高 is selected without a ventilator, then its 見守り score counts (8 + 2 = 10)', () => {
      assert.equal(computeCareScore([{ code: 'TRACH', watchLevel: 'high' }]).total, 10);
    });

    it('when VENT has a level and TRACH has none, then nothing is pending (the tracheostomy 見守り score does not apply)', () => {
      const s = computeCareScore([{ code: 'VENT', watchLevel: 'high' }, { code: 'TRACH' }]);
      assert.equal(s.total, 20);
      assert.equal(s.watchPending, false);
    });
  });

  describe('watchPending', () => {
    it('when an item with 見守り scores has no level, then the score is pending and the total is a lower bound', () => {
      const s = computeCareScore([{ code: 'SUCTION', watchLevel: 'high' }, { code: 'TUBE' }]);
      assert.equal(s.watchPending, true);
      assert.equal(s.total, 8 + 1 + 8);
    });

    it('when the ventilator has no level, then the score is pending', () => {
      assert.equal(computeCareScore([{ code: 'VENT' }]).watchPending, true);
    });

    for (const code of NO_WATCH_ITEMS) {
      it(`when ${code} (no 見守り in the table) has no level, then it is never pending`, () => {
        assert.equal(computeCareScore([{ code }]).watchPending, false);
      });
      it(`when ${code} (no 見守り in the table) is given a level anyway, then only its base score counts`, () => {
        const s = computeCareScore([{ code, watchLevel: 'high' }]);
        assert.equal(s.watch, 0);
        assert.equal(s.total, expectedRow(code).base);
        assert.equal(s.watchPending, false);
      });
    }

    it('when all four items without 見守り are selected without levels, then nothing is pending and the total is 3+5+5+3 = 16', () => {
      const s = computeCareScore(NO_WATCH_ITEMS.map((code) => ({ code })));
      assert.equal(s.watchPending, false);
      assert.equal(s.total, 16);
    });
  });

  describe('scoreBand: 医療的ケア区分 thresholds 3 / 16 / 32 (REFERENCE §3.1)', () => {
    const cases: ReadonlyArray<[number, ReturnType<typeof scoreBand>]> = [
      [0, 'under3'], [2, 'under3'], [3, 'from3'], [15, 'from3'], [16, 'from16'], [31, 'from16'], [32, 'from32'], [123, 'from32'],
    ];
    for (const [total, band] of cases) {
      it(`when the total is ${total}, then the band is ${band}`, () => {
        assert.equal(scoreBand(total), band);
      });
    }
  });
});
