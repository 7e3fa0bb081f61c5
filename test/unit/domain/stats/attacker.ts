import { colTotalsOf, rowTotalsOf, type Published, type RawCountTable, type SafeTable } from '../../../../src/domain/stats/countTable';

/**
 * An attacker who has every published table (of one report or of several: the whole ward and a district,
 * two quarters) and subtracts. Written apart from the suppression code on purpose; it knows only what a
 * reader knows: the tables, which totals add up what (rows, columns, grand total), which totals are the
 * same number in several tables, and that a suppressed count is at least 1 (zeros are shown).
 *
 * It writes every published relation as an equation over the suppressed counts, then keeps subtracting
 * (and adding) pairs of equations whenever that leaves fewer unknowns — "differences of published totals
 * and published cells" — until nothing new comes out. A count is disclosed when an equation is left with
 * it alone, or when some unknowns must add up to exactly as many as there are (each must then be 1).
 */
export interface PublishedReport {
  /** What tells reports apart (e.g. the quarter): the same position in two scopes is a different count. */
  readonly scope: string;
  readonly tables: readonly SafeTable[];
}

export interface Disclosure {
  readonly identity: string;
  readonly value: number;
  readonly how: string;
}

interface Eq {
  readonly terms: readonly (readonly [number, number])[];
  readonly rhs: number;
}

const CAP = 4000;

function identities(t: SafeTable, scope: string) {
  const cell = (r: number, c: number) => `${scope}|${t.id}|${t.rowKeys[r]}|${t.colKeys[c]}`;
  const rowTotal = (r: number) => `${scope}|${t.id}|${t.rowKeys[r]}|*`;
  const grand = t.shared.grand ? `${scope}|${t.shared.grand}` : `${scope}|${t.id}|*|*`;
  const colTotal = (c: number) => (t.margins === 'columns' && t.colKeys.length === 1 && t.shared.grand ? grand : t.shared.colTotals ? `${scope}|${t.shared.colTotals}|${t.colKeys[c]}` : `${scope}|${t.id}|*|${t.colKeys[c]}`);
  return { cell, rowTotal, colTotal, grand };
}

export function attack(reports: readonly PublishedReport[]): { disclosures: Disclosure[]; inconsistencies: string[]; unknowns: number } {
  const known = new Map<string, number>();
  const hidden = new Set<string>();
  const relations: { parts: string[]; total: string }[] = [];
  const see = (id: string, p: Published | undefined) => {
    if (p === undefined) throw new Error(`no published value for ${id}`);
    if (p.kind === 'value') known.set(id, p.value);
    else hidden.add(id);
  };
  for (const report of reports) {
    for (const t of report.tables) {
      const id = identities(t, report.scope);
      t.rowKeys.forEach((_r, r) => t.colKeys.forEach((_c, c) => see(id.cell(r, c), t.cells[r]?.[c])));
      if (rowTotalsOf(t.margins)) t.rowKeys.forEach((_r, r) => {
        see(id.rowTotal(r), t.rowTotals?.[r]);
        relations.push({ parts: t.colKeys.map((_c, c) => id.cell(r, c)), total: id.rowTotal(r) });
      });
      if (colTotalsOf(t.margins)) t.colKeys.forEach((_c, c) => {
        see(id.colTotal(c), t.colTotals?.[c]);
        relations.push({ parts: t.rowKeys.map((_r, r) => id.cell(r, c)), total: id.colTotal(c) });
      });
      if (t.margins === 'both') {
        see(id.grand, t.grandTotal);
        relations.push({ parts: t.rowKeys.map((_r, r) => id.rowTotal(r)), total: id.grand });
        relations.push({ parts: t.colKeys.map((_c, c) => id.colTotal(c)), total: id.grand });
      }
    }
  }
  const disclosures: Disclosure[] = [];
  const inconsistencies: string[] = [];
  for (const id of hidden) {
    const v = known.get(id);
    if (v !== undefined) {
      inconsistencies.push(id);
      disclosures.push({ identity: id, value: v, how: 'published in another table' });
    }
  }
  const unknownIds = [...hidden].filter((id) => !known.has(id));
  const varOf = new Map(unknownIds.map((id, i) => [id, i]));

  const normalise = (m: Map<number, number>, rhs: number): Eq | undefined => {
    const terms = [...m.entries()].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
    if (terms.length === 0) {
      if (rhs !== 0) inconsistencies.push(`0 = ${rhs}`);
      return undefined;
    }
    const sign = (terms[0] as [number, number])[1] < 0 ? -1 : 1;
    return { terms: terms.map(([v, c]) => [v, c * sign] as const), rhs: rhs * sign };
  };
  const keyOf = (e: Eq) => `${e.terms.map(([v, c]) => `${c}x${v}`).join('+')}=${e.rhs}`;
  const equations: Eq[] = [];
  const seen = new Set<string>();
  const addEq = (e: Eq | undefined): boolean => {
    if (!e) return false;
    const k = keyOf(e);
    if (seen.has(k)) return false;
    seen.add(k);
    equations.push(e);
    return true;
  };
  for (const rel of relations) {
    const m = new Map<number, number>();
    let rhs = 0;
    const term = (id: string, coeff: number) => {
      const v = varOf.get(id);
      if (v === undefined) rhs -= coeff * (known.get(id) as number);
      else m.set(v, (m.get(v) ?? 0) + coeff);
    };
    rel.parts.forEach((p) => term(p, 1));
    term(rel.total, -1);
    addEq(normalise(m, rhs));
  }

  // Differences (and sums) of relations, while they cut the number of unknowns.
  for (let i = 0; i < equations.length && equations.length < CAP; i++) {
    for (let j = 0; j < i && equations.length < CAP; j++) {
      const a = equations[i] as Eq;
      const b = equations[j] as Eq;
      for (const s of [-1, 1]) {
        const m = new Map<number, number>(a.terms.map(([v, c]) => [v, c]));
        for (const [v, c] of b.terms) m.set(v, (m.get(v) ?? 0) + s * c);
        const e = normalise(m, a.rhs + s * b.rhs);
        if (e && e.terms.length < Math.max(a.terms.length, b.terms.length)) addEq(e);
      }
    }
  }

  for (const e of equations) {
    if (e.terms.length === 1) {
      const [v, c] = e.terms[0] as readonly [number, number];
      disclosures.push({ identity: unknownIds[v] as string, value: e.rhs / c, how: `alone in ${keyOf(e)}` });
    } else if (e.terms.every(([, c]) => c === 1) && e.rhs === e.terms.length) {
      for (const [v] of e.terms) disclosures.push({ identity: unknownIds[v] as string, value: 1, how: `all ones in ${keyOf(e)}` });
    } else if (e.terms.every(([, c]) => c === 1) && e.rhs < e.terms.length) {
      inconsistencies.push(`below the lower bounds: ${keyOf(e)}`);
    }
  }
  return { disclosures, inconsistencies, unknowns: unknownIds.length };
}

/** The naive publication to test the attacker with: only counts 1..k−1 hidden, no complements. */
export function primaryOnly<R extends string, C extends string>(t: RawCountTable<R, C>, k: number): SafeTable<R, C> {
  const show = (n: number): Published => (n > 0 && n < k ? { kind: 'suppressed' } : { kind: 'value', value: n });
  const rowSum = (r: number) => t.colKeys.reduce((s, _c, c) => s + (t.counts[r]?.[c] ?? 0), 0);
  const colSum = (c: number) => t.rowKeys.reduce((s, _r, r) => s + (t.counts[r]?.[c] ?? 0), 0);
  const total = t.rowKeys.reduce((s, _r, r) => s + rowSum(r), 0);
  return {
    id: t.id,
    unit: t.unit,
    rowKeys: t.rowKeys,
    colKeys: t.colKeys,
    cells: t.counts.map((row) => row.map(show)),
    margins: t.margins,
    rowTotals: rowTotalsOf(t.margins) ? t.rowKeys.map((_r, r) => show(rowSum(r))) : undefined,
    colTotals: colTotalsOf(t.margins) ? t.colKeys.map((_c, c) => show(colSum(c))) : undefined,
    grandTotal: t.margins === 'both' ? show(total) : undefined,
    shared: t.shared ?? {},
  };
}

/** The true value of an identity `${scope}|table|row|col` in raw tables (for checking what the attacker found). */
export function trueValue(raw: readonly RawCountTable[], identity: string, scope: string): number | undefined {
  const [s, id, row, col] = identity.split('|');
  if (s !== scope) return undefined;
  const t = raw.find((x) => x.id === id);
  if (!t) return undefined;
  const r = t.rowKeys.indexOf(row as string);
  const c = t.colKeys.indexOf(col as string);
  if (r >= 0 && c >= 0) return t.counts[r]?.[c];
  return undefined;
}
