import { formatIsoDate } from '../../domain/dates';
import type { Published, SafeTable } from '../../domain/stats/countTable';
import type { DurationSummary } from '../../domain/stats/handoffFigures';
import { reportTables, type StatsReport } from '../../domain/stats/report';
import type { StatsLabels } from '../charts/statsLabels';
import { csvFile, type CsvField } from './csv';

/**
 * The statistics as one CSV file (統計の書き出し): a title block, then every table of the safe report as a
 * block (title row, header row, one row per category, a total row), a block of handoff times, and a
 * footnote row explaining the suppression mark. Suppressed counts are written as the mark (「*」),
 * so the file holds exactly what the card shows, and no name.
 */
export function statsCsvFileName(report: StatsReport): string {
  return `tsunagu-stats-${report.period.schoolYear}Q${report.period.quarter}.csv`;
}

/** The file name people see (Japanese in ja: sent as RFC 5987 filename*, with statsCsvFileName as the ASCII fallback). */
export function statsCsvDisplayName(report: StatsReport, labels: StatsLabels): string {
  return labels.text('csvFileName', { year: report.period.schoolYear, quarter: report.period.quarter });
}

export function statsCsv(report: StatsReport, labels: StatsLabels): Buffer {
  const mark = labels.text('suppressedMark');
  const cell = (p: Published | undefined): CsvField => (p === undefined ? '' : p.kind === 'value' ? p.value : mark);
  const lines: CsvField[][] = [
    [labels.text('appTitle')],
    [labels.period(report.period, formatIsoDate(report.range.from), formatIsoDate(report.range.to))],
    [labels.text('threshold', { k: report.minCellCount })],
    ...(report.fictional ? [[labels.text('fictional')]] : []),
  ];
  const block = (t: SafeTable): void => {
    lines.push([], [labels.tableTitle(t.id)]);
    lines.push([labels.text('category'), ...t.colKeys.map((c) => labels.column(t.id, c)), ...(t.rowTotals ? [t.colKeys.length > 1 && t.id.startsWith('children.') ? labels.text('ward') : labels.text('total')] : [])]);
    t.rowKeys.forEach((r, i) => lines.push([labels.row(t.id, r), ...t.colKeys.map((_c, j) => cell(t.cells[i]?.[j])), ...(t.rowTotals ? [cell(t.rowTotals[i])] : [])]));
    if (t.colTotals) lines.push([labels.text('total'), ...t.colTotals.map(cell), ...(t.rowTotals ? [cell(t.grandTotal)] : [])]);
  };
  for (const t of reportTables(report)) block(t);

  const duration = (d: DurationSummary): CsvField[] => (d.kind === 'value' ? [d.median, d.p90] : d.kind === 'suppressed' ? [mark, mark] : ['', '']);
  lines.push([], [labels.tableTitle('timings')]);
  lines.push([labels.text('category'), labels.text('timing.toAcceptMedian'), labels.text('timing.toAcceptP90'), labels.text('timing.toCompleteMedian'), labels.text('timing.toCompleteP90')]);
  for (const x of report.handoffTimings) {
    const name = x.key === 'intake' ? labels.text('handoff.intake') : x.key === 'package' ? labels.text('handoff.package') : labels.row('handoffs.byType', x.key);
    if (x.toAccept.kind === 'none' && x.toComplete.kind === 'none') continue;
    lines.push([name, ...duration(x.toAccept), ...duration(x.toComplete)]);
  }
  lines.push([], [labels.text('medianCaseload'), cell(report.medianCaseload)]);
  lines.push([], [labels.text('note'), labels.text('footnote', { k: report.minCellCount })]);
  return csvFile(lines);
}
