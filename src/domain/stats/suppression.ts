import { colTotalsOf, rowTotalsOf, SUPPRESSED, published, type Published, type RawCountTable, type SafeTable } from './countTable';
import { exposure, type LinearEquation } from './linearAudit';

/**
 * Cell suppression for count tables published together.
 *
 * 1. Primary: every count from 1 to k−1 — cells and totals alike — is suppressed. Zeros are published
 *    (so everybody knows a suppressed count is at least 1; the audit below assumes the attacker knows it).
 * 2. Complementary (secondary): a relation "these counts add up to that total" with exactly one
 *    suppressed count gives it away by subtraction, so another non-zero count of the same relation is
 *    suppressed: a cell before a row or column total, and those before a grand total; then one that
 *    already shares a relation with a suppressed count (closing the loop); then the smallest.
 *    Totals are counts like the others, so a row total, a column total or the grand total may be
 *    suppressed too; totals shared by several tables (children per district) are one count.
 * 3. Audit: the same relations are solved exactly (linearAudit.ts), across all the tables at once. For a
 *    suppressed count that the equations fix, or pin with the bounds (e.g. two hidden counts that must add
 *    up to 2, each at least 1), the best-ranked complements near it are tried one by one (TRIALS) and the
 *    one that leaves least exposed is kept; then the loop starts again. It ends when nothing is exposed
 *    (at the worst, everything is suppressed). Deterministic: the same tables give the same pattern.
 *
 * k is the ward's decision (there is no national rule for this data); it is a parameter, never a default
 * hidden in here.
 */
export const MIN_K = 2;
export const MAX_K = 100;

interface Entry {
  readonly key: string;
  readonly value: number;
  readonly table: number;
  /** 0: a cell, 1: a row or column total, 2: a grand total (kept published when anything else will do). */
  readonly level: number;
  suppressed: boolean;
  readonly lines: number[];
}

interface Line {
  readonly entries: readonly number[];
  readonly signs: readonly number[];
}

export interface Protection {
  /** The safe version of one of the tables given to protectTables. */
  safe<R extends string, C extends string>(raw: RawCountTable<R, C>): SafeTable<R, C>;
  readonly primary: number;
  readonly secondary: number;
}

const cellKey = (t: RawCountTable, r: number, c: number): string => `${t.id}|${t.rowKeys[r]}|${t.colKeys[c]}`;
const rowTotalKey = (t: RawCountTable, r: number): string => `${t.id}|${t.rowKeys[r]}|*`;
const grandKey = (t: RawCountTable): string => t.shared?.grand ?? `${t.id}|*|*`;
function colTotalKey(t: RawCountTable, c: number): string {
  if (t.margins === 'columns' && t.colKeys.length === 1 && t.shared?.grand) return t.shared.grand;
  return t.shared?.colTotals ? `${t.shared.colTotals}|${t.colKeys[c]}` : `${t.id}|*|${t.colKeys[c]}`;
}

export function checkMinCellCount(k: number): void {
  if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) throw new RangeError(`STATS.BAD_THRESHOLD: the minimum cell count k must be a whole number from ${MIN_K} to ${MAX_K}, got ${k}`);
}

export function protectTables(tables: readonly RawCountTable[], k: number): Protection {
  checkMinCellCount(k);
  const entries: Entry[] = [];
  const byKey = new Map<string, number>();
  const lines: Line[] = [];
  const lineKeys = new Set<string>();

  const entry = (key: string, value: number, table: number, level: number): number => {
    if (!Number.isInteger(value) || value < 0) throw new Error(`STATS.BAD_COUNT: ${key} = ${value}`);
    const found = byKey.get(key);
    if (found !== undefined) {
      if (entries[found]?.value !== value) throw new Error(`STATS.SHARED_TOTAL_MISMATCH: ${key} is ${entries[found]?.value} in one table and ${value} in another`);
      return found;
    }
    entries.push({ key, value, table, level, suppressed: false, lines: [] });
    byKey.set(key, entries.length - 1);
    return entries.length - 1;
  };
  const line = (parts: readonly number[], total: number): void => {
    const ids = [...parts, total];
    const signs = [...parts.map(() => 1), -1];
    const signature = ids.map((id, i) => `${signs[i]}:${id}`).sort().join(',');
    if (lineKeys.has(signature)) return;
    lineKeys.add(signature);
    lines.push({ entries: ids, signs });
    for (const id of ids) entries[id]?.lines.push(lines.length - 1);
  };

  tables.forEach((t, ti) => {
    const cells = t.rowKeys.map((_r, r) => t.colKeys.map((_c, c) => entry(cellKey(t, r, c), t.counts[r]?.[c] ?? 0, ti, 0)));
    const rowSum = (r: number): number => t.colKeys.reduce((s, _c, c) => s + (t.counts[r]?.[c] ?? 0), 0);
    const colSum = (c: number): number => t.rowKeys.reduce((s, _r, r) => s + (t.counts[r]?.[c] ?? 0), 0);
    const total = t.rowKeys.reduce((s, _r, r) => s + rowSum(r), 0);
    const rowTotals = rowTotalsOf(t.margins) ? t.rowKeys.map((_r, r) => entry(rowTotalKey(t, r), rowSum(r), ti, 1)) : [];
    const colTotals = colTotalsOf(t.margins) ? t.colKeys.map((_c, c) => entry(colTotalKey(t, c), colSum(c), ti, colTotalKey(t, c) === t.shared?.grand ? 2 : 1)) : [];
    rowTotals.forEach((id, r) => line(cells[r] ?? [], id));
    colTotals.forEach((id, c) => line(cells.map((row) => row[c] as number), id));
    if (t.margins === 'both') {
      const g = entry(grandKey(t), total, ti, 2);
      line(rowTotals, g);
      line(colTotals, g);
    }
  });

  let primary = 0;
  for (const e of entries) {
    if (e.value > 0 && e.value < k) {
      e.suppressed = true;
      primary++;
    }
  }

  const suppressedIn = (l: Line): number => l.entries.filter((id) => entries[id]?.suppressed).length;
  const suppress = (id: number): void => {
    (entries[id] as Entry).suppressed = true;
  };
  const rank = (ids: readonly number[], fromLines: ReadonlySet<number>): number[] => {
    const score = (id: number): readonly number[] => {
      const e = entries[id] as Entry;
      const closesCycle = e.lines.some((li) => !fromLines.has(li) && suppressedIn(lines[li] as Line) > 0);
      return [e.level, closesCycle ? 0 : 1, e.value, id];
    };
    const candidates = [...new Set(ids)].filter((id) => !entries[id]?.suppressed && (entries[id]?.value ?? 0) > 0);
    return candidates.map((id) => ({ id, s: score(id) })).sort((a, b) => a.s.reduce((d, x, i) => d || x - (b.s[i] ?? 0), 0)).map((c) => c.id);
  };
  const entriesOf = (lineIds: Iterable<number>): number[] => [...lineIds].flatMap((li) => lines[li]?.entries ?? []);

  let secondary = 0;
  for (;;) {
    // A relation with a single suppressed count: suppress another count of it.
    const single = lines.findIndex((l) => suppressedIn(l) === 1);
    if (single >= 0) {
      const lone = (lines[single] as Line).entries.find((id) => entries[id]?.suppressed) as number;
      const chosen = rank(entriesOf([single]), new Set([single]))[0];
      if (chosen === undefined) throw new Error(`STATS.CANNOT_PROTECT: nothing left to suppress near ${entries[lone]?.key}`);
      suppress(chosen);
      secondary++;
      continue;
    }
    // Something the relations fix or pin: try the likeliest complements, keep the one that protects it best.
    const exposed = audit(entries, lines);
    const target = exposed[0];
    if (target === undefined) break;
    const scope = component(entries, lines, target);
    const near = new Set(exposed.filter((id) => scope.has(id)).flatMap((id) => (entries[id] as Entry).lines));
    const table = (entries[target] as Entry).table;
    const candidates = [
      ...rank(entriesOf(near), near),
      ...rank(entries.flatMap((e, id) => (e.table === table ? [id] : [])), near),
      ...rank(entries.map((_e, id) => id), near),
    ].filter((id, i, all) => all.indexOf(id) === i);
    if (candidates.length === 0) throw new Error(`STATS.CANNOT_PROTECT: nothing left to suppress near ${entries[target]?.key}`);
    let best: { id: number; left: number } | undefined;
    for (const id of candidates.slice(0, TRIALS)) {
      suppress(id);
      const left = audit(entries, lines, component(entries, lines, target));
      (entries[id] as Entry).suppressed = false;
      if (left.includes(target)) continue;
      if (!best || left.length < best.left) best = { id, left: left.length };
      if (left.length === 0) break;
    }
    suppress(best?.id ?? (candidates[0] as number));
    secondary++;
  }

  const value = (key: string): Published => {
    const id = byKey.get(key);
    const e = id === undefined ? undefined : entries[id];
    if (!e) throw new Error(`STATS.UNKNOWN_TABLE_ENTRY: ${key}`);
    return e.suppressed ? SUPPRESSED : published(e.value);
  };
  return {
    primary,
    secondary,
    safe<R extends string, C extends string>(t: RawCountTable<R, C>): SafeTable<R, C> {
      return {
        id: t.id,
        unit: t.unit,
        rowKeys: t.rowKeys,
        colKeys: t.colKeys,
        cells: t.rowKeys.map((_r, r) => t.colKeys.map((_c, c) => value(cellKey(t, r, c)))),
        margins: t.margins,
        rowTotals: rowTotalsOf(t.margins) ? t.rowKeys.map((_r, r) => value(rowTotalKey(t, r))) : undefined,
        colTotals: colTotalsOf(t.margins) ? t.colKeys.map((_c, c) => value(colTotalKey(t, c))) : undefined,
        grandTotal: t.margins === 'both' ? value(grandKey(t)) : undefined,
        shared: t.shared ?? {},
      };
    },
  };
}

/** How many complements are tried (each costs an audit) before settling for the best-ranked one. */
const TRIALS = 12;

/** The suppressed entries linked to `start` through relations (published entries are constants and link nothing). */
function component(entries: readonly Entry[], lines: readonly Line[], start: number): Set<number> {
  const seen = new Set([start]);
  const queue = [start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const li of (entries[id] as Entry).lines) {
      for (const other of (lines[li] as Line).entries) {
        if (entries[other]?.suppressed && !seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return seen;
}

/** Entry ids (in order) of suppressed counts the published relations fix or pin (within `scope` when given). */
function audit(entries: readonly Entry[], lines: readonly Line[], scope?: ReadonlySet<number>): number[] {
  const unknown = entries.flatMap((e, id) => (e.suppressed && (!scope || scope.has(id)) ? [id] : []));
  const variableOf = new Map(unknown.map((id, v) => [id, v]));
  const equations: LinearEquation[] = [];
  const relevant = scope ? new Set(unknown.flatMap((id) => (entries[id] as Entry).lines)) : undefined;
  lines.forEach((l, li) => {
    if (relevant && !relevant.has(li)) return;
    const terms: { variable: number; coefficient: number }[] = [];
    let rhs = 0;
    l.entries.forEach((id, i) => {
      const sign = l.signs[i] as number;
      const v = variableOf.get(id);
      if (v === undefined) rhs -= sign * (entries[id] as Entry).value;
      else terms.push({ variable: v, coefficient: sign });
    });
    if (terms.length > 0) equations.push({ terms, rhs });
  });
  const found = exposure(unknown.length, equations, 1);
  return unknown.filter((_id, v) => found.determined.has(v) || found.pinned.has(v));
}
