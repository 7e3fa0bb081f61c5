import { countInto, type RawCountTable } from '../stats/countTable';
import { endOfTokyoDay, type DateRange } from '../stats/period';
import { ISSUE_STATUSES, type IssueStatus, type IssueStatusChange } from './issue';

/**
 * The issue stock in the ward's statistics (issue 8 with issue 6): issues by category and status at the end
 * of the quarter, and issues recorded in each month of the quarter. Only codes are counted — no text, no
 * case — and the tables are protected with the core ones (suppression under k).
 */
export interface IssueStatsRow {
  readonly category: string;
  readonly status: IssueStatus;
  readonly recordedAt: string;
  readonly history: readonly IssueStatusChange[];
  readonly fictional: boolean;
}

export const ISSUES_BY_CATEGORY_STATUS = 'ext.issues.byCategoryStatus';
export const ISSUES_RECORDED_BY_MONTH = 'ext.issues.recordedByMonth';

/** The status an issue had just before an instant (its last change before it); undefined if recorded at or after it. */
export function statusBefore(row: IssueStatsRow, instantMs: number): IssueStatus | undefined {
  if (Date.parse(row.recordedAt) >= instantMs) return undefined;
  let status: IssueStatus | undefined;
  for (const h of row.history) if (Date.parse(h.at) < instantMs) status = h.status;
  return status ?? row.status;
}

const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** The months of a range, as YYYY-MM keys in order. */
export function monthsOf(range: DateRange): string[] {
  const out: string[] = [];
  let year = range.from.year;
  let month = range.from.month;
  while (year < range.to.year || (year === range.to.year && month <= range.to.month)) {
    out.push(monthKey(year, month));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** The two tables for a quarter; categories not in the taxonomy any more count under their stored id's row only if listed. */
export function issueTables(rows: readonly IssueStatsRow[], range: DateRange, categories: readonly string[]): RawCountTable[] {
  const end = endOfTokyoDay(range.to);
  const known = new Set(categories);
  const atEnd = rows.flatMap((r) => {
    const s = statusBefore(r, end);
    return s !== undefined && known.has(r.category) ? [{ category: r.category, status: s }] : [];
  });
  const byStatus = countInto({ id: ISSUES_BY_CATEGORY_STATUS, unit: 'issues', rowKeys: [...categories], colKeys: [...ISSUE_STATUSES], margins: 'both' }, atEnd, (x) => [[x.category, x.status]]);
  const months = monthsOf(range);
  // The start of the first day is the end of the day before it (endOfTokyoDay normalises day 0 to the month before).
  const start = endOfTokyoDay({ year: range.from.year, month: range.from.month, day: range.from.day - 1 });
  const jst = (iso: string) => new Date(Date.parse(iso) + 9 * 3600_000);
  const recorded = rows.filter((r) => {
    const t = Date.parse(r.recordedAt);
    return t >= start && t < end;
  });
  const byMonth = countInto({ id: ISSUES_RECORDED_BY_MONTH, unit: 'issues', rowKeys: months, colKeys: ['recorded'], margins: 'columns' }, recorded, (r) => {
    const d = jst(r.recordedAt);
    return [[monthKey(d.getUTCFullYear(), d.getUTCMonth() + 1), 'recorded']];
  });
  return [byStatus, byMonth];
}
