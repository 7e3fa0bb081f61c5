import assert from 'node:assert/strict';
import { ISSUES_BY_CATEGORY_STATUS, ISSUES_RECORDED_BY_MONTH, issueTables, monthsOf, statusBefore, type IssueStatsRow } from '../../../../src/domain/issues/issueStats';
import { periodRange } from '../../../../src/domain/stats/period';

/** Quarter 3 of school year 2026: 2026-10-01 … 2026-12-31 (JST). */
const Q3 = periodRange({ schoolYear: 2026, quarter: 3 });
const CATEGORIES = ['medical', 'respiteFamily', 'transport'];

function row(category: string, recordedAt: string, changes: readonly [string, IssueStatsRow['status']][] = []): IssueStatsRow {
  const history = [{ status: 'open' as const, at: recordedAt, by: 'x', via: 'record' as const }, ...changes.map(([at, status]) => ({ status, at, by: 'x', via: 'agenda' as const }))];
  return { category, status: history[history.length - 1]!.status, recordedAt, history, fictional: true };
}

describe('domain/issues: the issue stock in the statistics', () => {
  it('when the months of a quarter are listed, then they are its three months in order, across a year end too', () => {
    assert.deepEqual(monthsOf(Q3), ['2026-10', '2026-11', '2026-12']);
    assert.deepEqual(monthsOf(periodRange({ schoolYear: 2026, quarter: 4 })), ['2027-01', '2027-02', '2027-03']);
  });

  it('when an issue changed status, then its status just before an instant is the last change before it, and none if recorded at or after it', () => {
    const r = row('medical', '2026-10-05T01:00:00.000Z', [['2026-12-20T01:00:00.000Z', 'resolved']]);
    assert.equal(statusBefore(r, Date.parse('2026-10-04T00:00:00.000Z')), undefined);
    assert.equal(statusBefore(r, Date.parse('2026-11-01T00:00:00.000Z')), 'open');
    assert.equal(statusBefore(r, Date.parse('2027-01-01T00:00:00.000Z')), 'resolved');
  });

  it('when the tables are computed for a fixed set, then each cell is the hand count at the end of the quarter', () => {
    const rows = [
      row('medical', '2026-09-20T01:00:00.000Z'), // before the quarter, still open at its end
      row('medical', '2026-10-02T01:00:00.000Z', [['2026-11-10T01:00:00.000Z', 'resolved']]),
      row('medical', '2026-12-31T14:59:00.000Z'), // 12-31 23:59 JST: inside
      row('respiteFamily', '2026-11-15T01:00:00.000Z', [['2026-12-01T01:00:00.000Z', 'systemic']]),
      row('respiteFamily', '2026-12-01T01:00:00.000Z', [['2027-01-10T01:00:00.000Z', 'resolved']]), // resolved after the quarter: open at its end
      row('transport', '2026-12-31T15:00:00.000Z'), // 2027-01-01 00:00 JST: after
      row('weather', '2026-10-10T01:00:00.000Z'), // a category no longer in the taxonomy: not counted
    ];
    const [byStatus, byMonth] = issueTables(rows, Q3, CATEGORIES);
    assert.equal(byStatus!.id, ISSUES_BY_CATEGORY_STATUS);
    assert.deepEqual(byStatus!.rowKeys, CATEGORIES);
    assert.deepEqual(byStatus!.colKeys, ['open', 'resolved', 'systemic']);
    assert.deepEqual(byStatus!.counts, [
      [2, 1, 0],
      [1, 0, 1],
      [0, 0, 0],
    ]);
    assert.equal(byMonth!.id, ISSUES_RECORDED_BY_MONTH);
    assert.deepEqual(byMonth!.rowKeys, ['2026-10', '2026-11', '2026-12']);
    // October: medical 10-02 and the unknown category (recorded, counted by month: the month table has no category); Nov: 1; Dec: 2.
    assert.deepEqual(byMonth!.counts, [[2], [1], [2]]);
  });
});
