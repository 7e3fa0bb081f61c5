import { formatIsoDate } from '../../domain/dates';
import type { Published, SafeTable } from '../../domain/stats/countTable';
import type { DurationSummary } from '../../domain/stats/handoffFigures';
import { columnSlice, wardSlice, type StatsReport, type TableSlice } from '../../domain/stats/report';
import type { DistrictKey } from '../../domain/stats/statsCase';
import { barChartDataUri } from './barChart';
import type { StatsLabels } from './statsLabels';

/**
 * The data for cards/stats.json: per section a heading, a bar chart (PNG data: URI, numbers only)
 * and a FactSet with the same numbers and their labels, numbered like the bars. Every number comes from
 * the safe report (suppressed ones are "*"); a district view only reads that district's column of it.
 */
export interface StatsFact {
  readonly title: string;
  readonly value: string;
}
export interface StatsSection {
  readonly heading: string;
  readonly hasChart: boolean;
  readonly chart: string;
  readonly chartAlt: string;
  readonly facts: readonly StatsFact[];
  readonly hasNote: boolean;
  readonly note: string;
}
export interface StatsCardData {
  readonly title: string;
  readonly subtitle: string;
  readonly fictional: boolean;
  readonly fictionalBadge: string;
  readonly sections: readonly StatsSection[];
  readonly footnote: string;
  /** The CSV export button (Action.Execute stats.csv with the quarter); absent where nobody may export. */
  readonly hasCsv: boolean;
  readonly csvTitle: string;
  readonly csvYear: number;
  readonly csvQuarter: number;
}

export interface StatsCardOptions {
  /** Show one district's column instead of the whole ward (the ward-only sections are left out). */
  readonly district?: DistrictKey;
  /** Leave the images out (e.g. for a client that cannot show data: URIs); the facts stay. */
  readonly charts?: boolean;
  /** Offer the CSV export button (default: yes). */
  readonly csv?: boolean;
}

const shown = (p: Published | undefined, mark: string): string => (p === undefined ? '' : p.kind === 'value' ? String(p.value) : mark);
const valueOf = (p: Published | undefined): number | undefined => (p?.kind === 'value' ? p.value : undefined);
const nonZero = (p: Published): boolean => p.kind === 'suppressed' || p.value !== 0;

export function statsCardData(report: StatsReport, labels: StatsLabels, options: StatsCardOptions = {}): StatsCardData {
  const mark = labels.text('suppressedMark');
  const charts = options.charts ?? true;
  const district = options.district;
  if (district !== undefined && !report.districts.includes(district)) throw new Error(`STATS.UNKNOWN_DISTRICT: ${district}`);

  const section = (heading: string, facts: StatsFact[], bars: (Published | undefined)[] | undefined, note = ''): StatsSection => {
    const hasChart = charts && bars !== undefined && bars.length > 0;
    return {
      heading,
      hasChart,
      chart: hasChart ? barChartDataUri({ values: (bars ?? []).map(valueOf) }) : '',
      chartAlt: hasChart ? labels.text('chartAlt') : '',
      facts,
      hasNote: note !== '',
      note,
    };
  };
  /** A one-dimensional slice as numbered facts and bars; rows that are a published zero are left out when asked. */
  const sliceSection = <R extends string>(table: SafeTable<R, string>, slice: TableSlice<R>, dropZeros: boolean, chart = true): StatsSection => {
    const rows = slice.rows.filter((r) => !dropZeros || nonZero(r.value));
    const facts = rows.map((r, i) => ({ title: `${i + 1}. ${labels.row(table.id, r.key)}`, value: shown(r.value, mark) }));
    if (slice.total) facts.push({ title: labels.text('total'), value: shown(slice.total, mark) });
    if (facts.length === 0) facts.push({ title: labels.text('none'), value: '0' });
    return section(labels.tableTitle(table.id), facts, chart ? rows.map((r) => r.value) : undefined);
  };
  const slice = <R extends string>(t: SafeTable<R, DistrictKey>): TableSlice<R> => (district === undefined ? wardSlice(t) : columnSlice(t, district));

  const t = report.tables;
  const sections: StatsSection[] = [
    sliceSection(t.lifeStage, slice(t.lifeStage), false),
    sliceSection(t.ageBand, slice(t.ageBand), false),
    sliceSection(t.scoreBand, slice(t.scoreBand), false),
    sliceSection(t.careItem, slice(t.careItem), true),
  ];

  if (district === undefined) {
    const byDistrict = t.lifeStage.colKeys.map((d, i) => ({ d, value: t.lifeStage.colTotals?.[i] as Published }));
    sections.push(
      section(
        labels.tableTitle('children.byDistrict'),
        [...byDistrict.map((x, i) => ({ title: `${i + 1}. ${labels.district(x.d)}`, value: shown(x.value, mark) })), { title: labels.text('total'), value: shown(t.lifeStage.grandTotal, mark) }],
        byDistrict.map((x) => x.value),
      ),
      sliceSection(t.assignment, wardSlice(t.assignment), false, false),
    );

    const outcomes = t.handoffs.colKeys.map((c, i) => ({ title: `${i + 1}. ${labels.column(t.handoffs.id, c)}`, value: shown(t.handoffs.colTotals?.[i], mark) }));
    const handoffRows = t.handoffs.rowKeys.flatMap((r, i) =>
      t.handoffs.rowTotals && nonZero(t.handoffs.rowTotals[i] as Published)
        ? [{ title: labels.row(t.handoffs.id, r), value: t.handoffs.colKeys.map((c, j) => `${labels.column(t.handoffs.id, c)} ${shown(t.handoffs.cells[i]?.[j], mark)}`).join(' ・ ') }]
        : [],
    );
    sections.push(section(labels.tableTitle(t.handoffs.id), [...outcomes, { title: labels.text('total'), value: shown(t.handoffs.grandTotal, mark) }, ...handoffRows], t.handoffs.colTotals ? [...t.handoffs.colTotals] : undefined));

    const duration = (d: DurationSummary): string => (d.kind === 'value' ? labels.text('timing.value', { median: d.median, p90: d.p90 }) : d.kind === 'suppressed' ? mark : labels.text('none'));
    const timings = report.handoffTimings.filter((x) => x.key === 'intake' || x.key === 'package');
    sections.push(
      section(
        labels.tableTitle('timings'),
        timings.flatMap((x) => {
          const name = labels.text(x.key === 'package' ? 'handoff.package' : 'handoff.intake');
          return [
            { title: `${name} ${labels.text('timing.toAccept')}`, value: duration(x.toAccept) },
            { title: `${name} ${labels.text('timing.toComplete')}`, value: duration(x.toComplete) },
          ];
        }),
        undefined,
      ),
    );

    const c = t.continuity;
    const continuityRows = c.rowKeys.flatMap((r, i) =>
      c.rowTotals && nonZero(c.rowTotals[i] as Published) ? [{ title: labels.row(c.id, r), value: c.colKeys.map((k, j) => `${labels.column(c.id, k)} ${shown(c.cells[i]?.[j], mark)}`).join(' ・ ') }] : [],
    );
    sections.push(
      section(
        labels.tableTitle(c.id),
        [...c.colKeys.map((k, i) => ({ title: `${i + 1}. ${labels.column(c.id, k)}`, value: shown(c.colTotals?.[i], mark) })), { title: labels.text('total'), value: shown(c.grandTotal, mark) }, ...continuityRows],
        c.colTotals ? [...c.colTotals] : undefined,
      ),
    );

    const caseload = sliceSection(t.caseloads, wardSlice(t.caseloads), false, false);
    sections.push({ ...caseload, facts: [...caseload.facts, { title: labels.text('medianCaseload'), value: shown(report.medianCaseload, mark) }] });

    // Tables of other stocks (the issue stock): column totals as numbered facts with a chart, then each non-empty row broken down.
    for (const x of report.extensions) {
      const totals = x.colTotals ?? x.rowTotals;
      const byColumn = x.colTotals !== undefined && x.colKeys.length > 1;
      const facts = byColumn
        ? x.colKeys.map((k, i) => ({ title: `${i + 1}. ${labels.column(x.id, k)}`, value: shown(x.colTotals?.[i], mark) }))
        : x.rowKeys.map((r, i) => ({ title: `${i + 1}. ${labels.row(x.id, r)}`, value: shown(x.cells[i]?.[0], mark) }));
      const rows = byColumn
        ? x.rowKeys.flatMap((r, i) => (x.rowTotals && nonZero(x.rowTotals[i] as Published) ? [{ title: labels.row(x.id, r), value: x.colKeys.map((k, j) => `${labels.column(x.id, k)} ${shown(x.cells[i]?.[j], mark)}`).join(' ・ ') }] : []))
        : [];
      const bars = byColumn ? [...(x.colTotals ?? [])] : x.rowKeys.map((_r, i) => x.cells[i]?.[0] as Published);
      sections.push(section(labels.tableTitle(x.id), [...facts, ...(x.grandTotal ? [{ title: labels.text('total'), value: shown(x.grandTotal, mark) }] : []), ...rows], totals ? bars : undefined));
    }
  }

  const period = labels.period(report.period, formatIsoDate(report.range.from), formatIsoDate(report.range.to));
  return {
    title: district === undefined ? labels.text('appTitle') : `${labels.text('appTitle')} — ${labels.district(district)}`,
    subtitle: `${period} ・ ${labels.text('threshold', { k: report.minCellCount })}`,
    fictional: report.fictional,
    fictionalBadge: report.fictional ? labels.text('fictional') : '',
    sections,
    footnote: labels.text('footnote', { k: report.minCellCount }),
    hasCsv: options.csv ?? true,
    csvTitle: labels.text('csvButton'),
    csvYear: report.period.schoolYear,
    csvQuarter: report.period.quarter,
  };
}
