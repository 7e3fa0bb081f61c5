/**
 * Count tables: what every published figure is. A raw table holds exact counts and stays inside the
 * statistics; a safe table is what may leave it, where every count is either a number or "suppressed".
 * Rows and columns are keyed by codes (life stages, care items, configured districts, organisations …):
 * neither type has anywhere to put a person's name.
 */

/** The tables of the report; other stocks join through `ext.*` ids (see StatsExtension in report.ts). */
export type CoreTableId =
  | 'children.lifeStage'
  | 'children.ageBand'
  | 'children.careItem'
  | 'children.scoreBand'
  | 'children.assignment'
  | 'handoffs.byType'
  | 'milestones.continuity'
  | 'coordinators.caseload';
export type ExtensionTableId = `ext.${string}`;
export type StatsTableId = CoreTableId | ExtensionTableId;

/** What a count counts (each table counts one thing). */
export type CountUnit = 'children' | 'handoffs' | 'milestones' | 'coordinators' | 'issues';

/**
 * Which totals a table publishes:
 * - both: a total per row, a total per column and the grand total (every child in exactly one cell);
 * - rows: a total per row only (a child may count in several columns, or the columns do not add up);
 * - columns: a total per column only (e.g. a list with one column and its total);
 * - none: no totals (the cells are unrelated to each other).
 */
export type Margins = 'both' | 'rows' | 'columns' | 'none';

/**
 * Totals that mean the same number in several tables (children per district appear under the life-stage,
 * age-band and score-band tables) share a key, so they are suppressed — or published — together: a total
 * hidden in one table and shown in another would be no secret.
 */
export interface SharedTotals {
  /** Key prefix of the column totals: `${colTotals}|${column key}`. */
  readonly colTotals?: string;
  /** Key of the grand total (or of the single column total of a one-column table with margins 'columns'). */
  readonly grand?: string;
}

export interface RawCountTable<R extends string = string, C extends string = string> {
  readonly id: StatsTableId;
  readonly unit: CountUnit;
  readonly rowKeys: readonly R[];
  readonly colKeys: readonly C[];
  /** counts[row][column], whole numbers ≥ 0. */
  readonly counts: readonly (readonly number[])[];
  readonly margins: Margins;
  readonly shared?: SharedTotals;
}

export type Published = { readonly kind: 'value'; readonly value: number } | { readonly kind: 'suppressed' };
export const SUPPRESSED: Published = Object.freeze({ kind: 'suppressed' });
export const published = (value: number): Published => ({ kind: 'value', value });

export interface SafeTable<R extends string = string, C extends string = string> {
  readonly id: StatsTableId;
  readonly unit: CountUnit;
  readonly rowKeys: readonly R[];
  readonly colKeys: readonly C[];
  readonly cells: readonly (readonly Published[])[];
  readonly margins: Margins;
  /** Present when margins is 'both' or 'rows'. */
  readonly rowTotals: readonly Published[] | undefined;
  /** Present when margins is 'both' or 'columns'. */
  readonly colTotals: readonly Published[] | undefined;
  /** Present when margins is 'both'. */
  readonly grandTotal: Published | undefined;
  readonly shared: SharedTotals;
}

export const rowTotalsOf = (m: Margins): boolean => m === 'both' || m === 'rows';
export const colTotalsOf = (m: Margins): boolean => m === 'both' || m === 'columns';

/** Builds a raw table by counting items into (row, column) cells; keys not in the lists are a bug. */
export function countInto<R extends string, C extends string, T>(
  spec: Omit<RawCountTable<R, C>, 'counts'>,
  items: readonly T[],
  place: (item: T) => readonly (readonly [R, C])[],
): RawCountTable<R, C> {
  const counts = spec.rowKeys.map(() => spec.colKeys.map(() => 0));
  const rowIndex = new Map(spec.rowKeys.map((k, i) => [k, i]));
  const colIndex = new Map(spec.colKeys.map((k, i) => [k, i]));
  for (const item of items) {
    for (const [r, c] of place(item)) {
      const ri = rowIndex.get(r);
      const ci = colIndex.get(c);
      const row = ri === undefined ? undefined : counts[ri];
      if (row === undefined || ci === undefined) throw new Error(`STATS.UNKNOWN_KEY: ${spec.id} has no cell (${r}, ${c})`);
      row[ci] = (row[ci] ?? 0) + 1;
    }
  }
  return { ...spec, counts };
}
