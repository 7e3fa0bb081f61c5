import assert from 'node:assert/strict';
import { formatIsoDate } from '../../../../src/domain/dates';
import type { RawCountTable } from '../../../../src/domain/stats/countTable';
import { outcomeOf } from '../../../../src/domain/stats/continuity';
import { handoffTimings, workingDaysAfter } from '../../../../src/domain/stats/handoffFigures';
import { endOfTokyoDay, hasEnded, lastEndedPeriod, periodOf, periodOfRange, periodRange, previousPeriod } from '../../../../src/domain/stats/period';
import { median, p90, percentile } from '../../../../src/domain/stats/quantiles';
import { computeRawFigures } from '../../../../src/domain/stats/report';
import { DISTRICT_OTHER, DISTRICT_UNSET, districtColumns, districtKeyOf, statsCaseOf } from '../../../../src/domain/stats/statsCase';
import { fixtureCalendar, fixtureSettings, Q3_2026, StatsMother, TODAY } from './statsMother';

const d = (year: number, month: number, day: number) => ({ year, month, day });

/** The non-zero rows of a table as { row: [cells by column] }. */
function rowsOf(t: RawCountTable): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  t.rowKeys.forEach((r, i) => {
    const row = t.colKeys.map((_c, c) => t.counts[i]?.[c] ?? 0);
    if (row.some((n) => n > 0)) out[r] = row;
  });
  return out;
}
const wardTotals = (t: RawCountTable): Record<string, number> => Object.fromEntries(Object.entries(rowsOf(t)).map(([r, row]) => [r, row.reduce((a, b) => a + b, 0)]));

describe('domain/stats: figures on the fixed fictional ward (hand-computed)', () => {
  const raw = computeRawFigures(StatsMother.cases(), Q3_2026, fixtureSettings());
  const COLUMNS = ['板橋', '常盤台', '志村', '赤塚', '高島平', '#other', '#unset'];

  describe('the quarter', () => {
    it('when 2026年度 Q3 is asked for, then it runs from 2026-10-01 to 2026-12-31', () => {
      const r = periodRange(Q3_2026);
      assert.equal(formatIsoDate(r.from), '2026-10-01');
      assert.equal(formatIsoDate(r.to), '2026-12-31');
    });
    it('when Q4 of 2026年度 is asked for, then it is January to March 2027', () => {
      const r = periodRange({ schoolYear: 2026, quarter: 4 });
      assert.deepEqual([formatIsoDate(r.from), formatIsoDate(r.to)], ['2027-01-01', '2027-03-31']);
    });
    it('when a range is exactly a quarter, then it is accepted; any other range is refused', () => {
      assert.deepEqual(periodOfRange({ from: d(2026, 10, 1), to: d(2026, 12, 31) }), Q3_2026);
      assert.equal(periodOfRange({ from: d(2026, 10, 1), to: d(2026, 12, 30) }), undefined, 'a quarter minus a day');
      assert.equal(periodOfRange({ from: d(2026, 4, 1), to: d(2027, 3, 31) }), undefined, 'a whole year (would contain quarters)');
      assert.equal(periodOfRange({ from: d(2026, 11, 1), to: d(2026, 11, 30) }), undefined, 'a month');
    });
    it('when today is 2027-01-15, then Q3 has ended, Q4 has not, and the last ended quarter is Q3', () => {
      assert.equal(hasEnded(Q3_2026, TODAY), true);
      assert.equal(hasEnded({ schoolYear: 2026, quarter: 4 }, TODAY), false);
      assert.deepEqual(lastEndedPeriod(TODAY), Q3_2026);
      assert.deepEqual(lastEndedPeriod(d(2026, 4, 1)), { schoolYear: 2025, quarter: 4 });
      assert.deepEqual(previousPeriod({ schoolYear: 2026, quarter: 1 }), { schoolYear: 2025, quarter: 4 });
      assert.deepEqual(periodOf(d(2027, 3, 31)), { schoolYear: 2026, quarter: 4 });
    });
    it('when the end of 2026-12-31 in Tokyo is asked for, then it is 2026-12-31T15:00Z', () => {
      assert.equal(new Date(endOfTokyoDay(d(2026, 12, 31))).toISOString(), '2026-12-31T15:00:00.000Z');
    });
  });

  describe('districts', () => {
    const columns = districtColumns(['板橋', '常盤台', '志村', '赤塚', '高島平']);
    it('when the ward lists five districts, then the columns are those five, other and unset', () => assert.deepEqual(columns, COLUMNS));
    it('when a case says a district not on the list, then it counts as other; blank counts as unset; width differences do not matter', () => {
      assert.equal(districtKeyOf('ときわ台北', columns), DISTRICT_OTHER);
      assert.equal(districtKeyOf('  ', columns), DISTRICT_UNSET);
      assert.equal(districtKeyOf(' 板橋 ', columns), '板橋');
    });
    it('when a configured district is blank, duplicated or starts with #, then the settings are refused', () => {
      assert.throws(() => districtColumns(['板橋', '']), /STATS.BAD_DISTRICT/);
      assert.throws(() => districtColumns(['板橋', '板橋']), /STATS.BAD_DISTRICT/);
      assert.throws(() => districtColumns(['#other']), /STATS.BAD_DISTRICT/);
    });
  });

  describe('children on 2026-12-31 (28 open; c29 closed in November and c30 opened in January are not counted)', () => {
    it('when the open cases are counted, then there are 28', () => assert.equal(raw.open.length, 28));

    it('when children are counted by life stage and district, then the table is as worked out by hand', () => {
      assert.deepEqual(raw.population.lifeStage.colKeys, COLUMNS);
      assert.deepEqual(rowsOf(raw.population.lifeStage), {
        infant: [2, 1, 1, 0, 0, 0, 0],
        preschool: [2, 1, 1, 1, 0, 0, 1],
        elementary: [2, 2, 1, 1, 2, 1, 0],
        juniorHigh: [1, 1, 1, 1, 0, 0, 0], // c16 counts by its recorded enrolment (中学校)
        highSchool: [1, 1, 1, 0, 0, 0, 0],
        adult: [1, 0, 0, 0, 1, 0, 0],
      });
    });

    it('when children are counted by age band, then a 6-year-old still before school is 6-11 (c07, c08)', () => {
      assert.deepEqual(rowsOf(raw.population.ageBand), {
        '0-2': [2, 1, 1, 0, 0, 0, 0],
        '3-5': [2, 0, 0, 1, 0, 0, 1],
        '6-11': [2, 3, 1, 1, 2, 1, 0],
        '12-14': [1, 1, 1, 1, 0, 0, 0],
        '15-17': [1, 1, 1, 0, 0, 0, 0],
        '18+': [1, 0, 1, 0, 1, 0, 0],
      });
    });

    it('when children are counted by 判定スコア band, then c01 (39) and c25 (48) are 32+, and c10 without care items is under 3', () => {
      assert.deepEqual(rowsOf(raw.population.scoreBand), {
        under3: [0, 0, 0, 0, 0, 0, 1],
        from3: [5, 4, 4, 3, 1, 1, 0],
        from16: [3, 1, 1, 0, 2, 0, 0],
        from32: [1, 1, 0, 0, 0, 0, 0],
      });
    });

    it('when children are counted by care item, then each child counts once under each item it has', () => {
      assert.deepEqual(wardTotals(raw.population.careItem), { VENT: 5, TRACH: 4, NPA: 1, O2: 5, SUCTION: 13, NEB: 1, TUBE: 9, TUBE_PUMP: 1, SC_INJ: 1, GLUCOSE: 1, DIALYSIS: 1, CATH_INT: 1, STOMA: 1, SEIZURE: 3 });
      assert.deepEqual(rowsOf(raw.population.careItem).SUCTION, [5, 3, 2, 1, 2, 0, 0]);
      assert.deepEqual(rowsOf(raw.population.careItem).TUBE, [5, 2, 0, 1, 0, 1, 0]);
    });

    it('when the district totals are taken, then they are 9, 6, 5, 3, 3, 1 (other) and 1 (unset)', () => {
      const t = raw.population.lifeStage;
      assert.deepEqual(t.colKeys.map((_c, c) => t.rowKeys.reduce((s, _r, r) => s + (t.counts[r]?.[c] ?? 0), 0)), [9, 6, 5, 3, 3, 1, 1]);
    });

    it('when assignments are counted, then 26 children have a coordinator and 2 (c04, c10) have none', () => {
      assert.deepEqual(rowsOf(raw.population.assignment), { assigned: [26], unassigned: [2] });
    });
  });

  describe('handoffs first sent in the quarter, as they stood on 2026-12-31', () => {
    it('when handoffs are counted by type and outcome, then 17 handoffs are placed as worked out by hand', () => {
      assert.deepEqual(rowsOf(raw.handoffs), {
        'intake:coordinators': [8, 2, 1], // c21 accepted on 2027-01-06 is still in progress at the end of the quarter
        'intake:casework': [1, 0, 0], // c13: declined by the coordinators, forwarded and accepted by 障がい児支援係
        'intake:healthCentre': [0, 0, 1], // c23: forwarded, then returned to the desk
        'package:nursery': [0, 1, 0],
        'package:school': [2, 0, 1],
      });
      assert.equal(raw.handoffFacts.length, 17, 'c27 (sent 2026-09-30 23:30 JST), c30 (2027) and the package of c15 (September) are outside');
    });

    it('when business days are counted, then weekends, holidays and the year-end closure do not count', () => {
      const cal = fixtureCalendar();
      const days = (a: [number, number, number], b: [number, number, number]) => workingDaysAfter(d(...a), d(...b), (x) => cal.isBusinessDay(x));
      assert.equal(days([2026, 10, 9], [2026, 10, 13]), 1, 'Fri → Tue over a weekend and スポーツの日');
      assert.equal(days([2026, 10, 30], [2026, 11, 4]), 2, 'Fri → Wed over 文化の日');
      assert.equal(days([2026, 10, 20], [2026, 10, 20]), 0, 'the same day');
      assert.equal(days([2026, 12, 28], [2027, 1, 5]), 2, 'over the closure 12/29–1/3: only 1/4 and 1/5');
    });

    it('when times are summarised, then intake handoffs take a median of 2 and a 90th percentile of 5 business days, to accept and to complete', () => {
      const timings = handoffTimings(raw.handoffFacts, 5);
      const intake = timings.find((t) => t.key === 'intake');
      // to accept (9 accepted): 2,1,0,2,3,2,5,5,1 → sorted 0,1,1,2,2,2,3,5,5: median rank 5 = 2, p90 rank 9 = 5
      assert.deepEqual(intake?.toAccept, { kind: 'value', median: 2, p90: 5 });
      // to complete: c13 counts from its first sending (5 days, not 3) → 0,1,1,2,2,2,5,5,5
      assert.deepEqual(intake?.toComplete, { kind: 'value', median: 2, p90: 5 });
      assert.deepEqual(timings.find((t) => t.key === 'intake:coordinators')?.toAccept, { kind: 'value', median: 2, p90: 5 });
    });

    it('when a summary has fewer than k handoffs, then it is suppressed; with none, it says so', () => {
      const timings = handoffTimings(raw.handoffFacts, 5);
      assert.deepEqual(timings.find((t) => t.key === 'package')?.toAccept, { kind: 'suppressed' }, 'packages received: 3 (2, 2, 1 days)');
      assert.deepEqual(timings.find((t) => t.key === 'intake:casework')?.toAccept, { kind: 'suppressed' });
      assert.deepEqual(timings.find((t) => t.key === 'package:nursery')?.toComplete, { kind: 'none' });
      const lenient = handoffTimings(raw.handoffFacts, 2);
      assert.deepEqual(lenient.find((t) => t.key === 'package')?.toAccept, { kind: 'value', median: 2, p90: 2 }, '1,2,2: median rank 2, p90 rank 3');
      assert.deepEqual(lenient.find((t) => t.key === 'package')?.toComplete, { kind: 'value', median: 7, p90: 8 }, '送付 → 受入準備完了: 7 and 8 days');
    });
  });

  describe('continuity: milestones due in the quarter', () => {
    it('when milestones are classified, then 4 were done by the deadline, 2 late, 2 postponed and 1 is overdue', () => {
      assert.deepEqual(rowsOf(raw.continuity), {
        elementaryEntry: [2, 1, 1, 1], // c07 consult on time (9/28), c08 consult on the due day; c07 notice late; c08 postponed; c09 notice done only in January
        juniorHighEntry: [1, 1, 1, 0], // c16 on time, c15 late (11/5), c17 postponed
        age18: [1, 0, 0, 0], // c26, due 2026-11-01
      });
    });
    it('when a case was opened after a due date, then that milestone is not counted (c09 opened 10/20, consult due 10/1)', () => {
      const c09 = raw.occurrences.filter((o) => o.milestoneId.startsWith('elementary.')).map((o) => o.milestoneId);
      assert.equal(c09.filter((id) => id === 'elementary.consult').length, 2, 'c07 and c08 only');
      assert.equal(c09.filter((id) => id === 'elementary.notice').length, 3);
    });
    it('when the record already says 中学校 for a child whose age said 小学校 at the start of the quarter, then the 進学 milestone still counts (c16)', () => {
      assert.equal(raw.occurrences.filter((o) => o.milestoneId === 'juniorHigh.consult').length, 3);
    });
    it('when a milestone is done on its due date, then it is on time; a day later, late', () => {
      const due = d(2026, 12, 15);
      assert.equal(outcomeOf({ transition: 'elementaryEntry', milestoneId: 'x', dueDate: due, decision: { status: 'done', on: due } }), 'onTime');
      assert.equal(outcomeOf({ transition: 'elementaryEntry', milestoneId: 'x', dueDate: due, decision: { status: 'done', on: d(2026, 12, 16) } }), 'late');
      assert.equal(outcomeOf({ transition: 'elementaryEntry', milestoneId: 'x', dueDate: due, decision: undefined }), 'overdue');
    });
  });

  describe("coordinators' caseloads", () => {
    it('when open cases are counted per coordinator, then the loads are 5, 6, 7 and 8 (c29 of co1 is closed)', () => assert.deepEqual(raw.caseloads, [5, 6, 7, 8]));
    it('when coordinators are banded, then all four carry 1-10', () => assert.deepEqual(rowsOf(raw.caseloadTable), { '1-10': [4] }));
  });

  describe('percentiles (nearest rank)', () => {
    it('when the values are 1..10, then the median is 5 and the 90th percentile 9', () => {
      const v = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
      assert.equal(median(v), 5);
      assert.equal(p90(v), 9);
      assert.equal(percentile(v, 100), 10);
    });
    it('when there are no values, then there is no percentile; a bad p is refused', () => {
      assert.equal(median([]), undefined);
      assert.throws(() => percentile([1], 0), /STATS.BAD_PERCENTILE/);
    });
  });

  describe('the projection holds no name', () => {
    it('when a case file is projected for the statistics, then no name, reading, guardian or free text is in it', () => {
      const json = JSON.stringify(StatsMother.caseFiles().map(statsCaseOf));
      for (const name of StatsMother.names()) assert.ok(!json.includes(name), `${name} leaked into the projection`);
      assert.ok(!json.includes('架空 co1'), 'coordinator names are not projected');
      assert.ok(!json.includes('相談'), 'family needs are not projected');
      assert.ok(!json.includes('displayName'));
    });
  });
});
