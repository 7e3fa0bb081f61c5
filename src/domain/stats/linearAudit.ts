/**
 * The attacker's view of a set of published tables, computed exactly: unknowns are the suppressed counts,
 * equations are the published relations between counts (each row, each column adds up to its total),
 * with the published numbers moved to the right-hand side. Two questions:
 *  1. Is some unknown fixed by the equations alone (any combination of sums and differences)? Reduced
 *     row echelon form over the rationals answers it: x_j is fixed exactly when e_j is in the row space.
 *  2. Is some unknown pinned by the equations together with what everybody knows about counts: whole
 *     numbers, and at least 1 when suppressed (zeros are published, so a hidden count is never 0)?
 *     Interval propagation over the equations and their reduced forms answers it (sound, not complete:
 *     it finds what subtracting and bounding find, which is what the attacker of the tests does).
 */

/** A rational number n/d with d > 0, in lowest terms. */
interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const q = (n: bigint, d: bigint = 1n): Q => {
  if (d === 0n) throw new Error('STATS.DIVIDE_BY_ZERO');
  const s = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (s * n) / g, d: (s * d) / g };
};
const ZERO = q(0n);
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const isZero = (a: Q): boolean => a.n === 0n;
const floor = (a: Q): bigint => (a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d));
const ceil = (a: Q): bigint => -floor(q(-a.n, a.d));

/** Σ coefficient·x[variable] = rhs; coefficients are small integers (±1 for table relations). */
export interface LinearEquation {
  readonly terms: readonly { readonly variable: number; readonly coefficient: number }[];
  readonly rhs: number;
}

/** A sparse row: coefficient per variable (no zeros stored). */
interface Row {
  coeffs: Map<number, Q>;
  rhs: Q;
}

function sparse(eq: LinearEquation): Row {
  const coeffs = new Map<number, Q>();
  for (const t of eq.terms) {
    const c = add(coeffs.get(t.variable) ?? ZERO, q(BigInt(t.coefficient)));
    if (isZero(c)) coeffs.delete(t.variable);
    else coeffs.set(t.variable, c);
  }
  return { coeffs, rhs: q(BigInt(eq.rhs)) };
}

/** Reduced row echelon form (rows without a pivot dropped), on sparse rows. */
function reduce(rows: readonly Row[], variables: number): Row[] {
  const pending = rows.map((r) => ({ coeffs: new Map(r.coeffs), rhs: r.rhs })).filter((r) => r.coeffs.size > 0);
  const pivots: Row[] = [];
  for (let col = 0; col < variables; col++) {
    const found = pending.findIndex((r) => r.coeffs.has(col));
    if (found < 0) continue;
    const row = pending.splice(found, 1)[0] as Row;
    const p = row.coeffs.get(col) as Q;
    for (const [j, c] of row.coeffs) row.coeffs.set(j, div(c, p));
    row.rhs = div(row.rhs, p);
    for (const other of [...pending, ...pivots]) {
      const f = other.coeffs.get(col);
      if (f === undefined) continue;
      for (const [j, c] of row.coeffs) {
        const v = sub(other.coeffs.get(j) ?? ZERO, mul(f, c));
        if (isZero(v)) other.coeffs.delete(j);
        else other.coeffs.set(j, v);
      }
      other.rhs = sub(other.rhs, mul(f, row.rhs));
    }
    pivots.push(row);
    for (let i = pending.length - 1; i >= 0; i--) if ((pending[i] as Row).coeffs.size === 0) pending.splice(i, 1);
  }
  return pivots;
}

export interface Exposure {
  /** Unknowns whose exact value follows from the equations alone. */
  readonly determined: ReadonlySet<number>;
  /** Unknowns whose value follows from the equations, whole numbers and the lower bounds. */
  readonly pinned: ReadonlySet<number>;
  /** The interval each unknown is known to lie in (hi undefined: no upper bound). */
  readonly bounds: readonly { readonly lo: number; readonly hi: number | undefined }[];
}

/**
 * What the equations reveal about `variables` unknowns, each known to be a whole number ≥ lowerBound.
 * Throws when the equations contradict the bounds (the published tables would be inconsistent: a bug).
 */
export function exposure(variables: number, equations: readonly LinearEquation[], lowerBound: number): Exposure {
  if (variables === 0) return { determined: new Set(), pinned: new Set(), bounds: [] };
  const rows = equations.map(sparse).filter((r) => r.coeffs.size > 0);
  const reduced = reduce(rows, variables);
  const determined = new Set<number>();
  for (const r of reduced) if (r.coeffs.size === 1) determined.add([...r.coeffs.keys()][0] as number);

  // Interval propagation over the original and the reduced equations: for a·x_j = rhs − Σ_{i≠j} a_i·x_i,
  // the sums of the smallest and largest contributions are taken once per row (counting the unbounded ones).
  const lo: bigint[] = Array.from({ length: variables }, () => BigInt(lowerBound));
  const hi: (bigint | undefined)[] = Array.from({ length: variables }, () => undefined);
  const all = [...rows, ...reduced].map((r) => ({ terms: [...r.coeffs.entries()], rhs: r.rhs }));
  for (let round = 0, changed = true; changed && round < 4 * variables + 10; round++) {
    changed = false;
    for (const r of all) {
      let minSum = ZERO;
      let maxSum = ZERO;
      let minInf = 0;
      let maxInf = 0;
      const contrib = r.terms.map(([i, c]) => {
        const atLo = mul(c, q(lo[i] as bigint));
        const h = hi[i];
        const atHi = h === undefined ? undefined : mul(c, q(h));
        const [min, max] = c.n > 0n ? [atLo, atHi] : [atHi, atLo];
        if (min === undefined) minInf++;
        else minSum = add(minSum, min);
        if (max === undefined) maxInf++;
        else maxSum = add(maxSum, max);
        return { min, max };
      });
      r.terms.forEach(([j, a], t) => {
        const own = contrib[t] as { min: Q | undefined; max: Q | undefined };
        const minRest = minInf - (own.min === undefined ? 1 : 0) > 0 ? undefined : own.min === undefined ? minSum : sub(minSum, own.min);
        const maxRest = maxInf - (own.max === undefined ? 1 : 0) > 0 ? undefined : own.max === undefined ? maxSum : sub(maxSum, own.max);
        const upperOfAx = minRest && sub(r.rhs, minRest);
        const lowerOfAx = maxRest && sub(r.rhs, maxRest);
        const [newLo, newHi] = a.n > 0n ? [lowerOfAx && div(lowerOfAx, a), upperOfAx && div(upperOfAx, a)] : [upperOfAx && div(upperOfAx, a), lowerOfAx && div(lowerOfAx, a)];
        if (newLo) {
          const c = ceil(newLo);
          if (c > (lo[j] as bigint)) {
            lo[j] = c;
            changed = true;
          }
        }
        if (newHi) {
          const f = floor(newHi);
          const h = hi[j];
          if (h === undefined || f < h) {
            hi[j] = f;
            changed = true;
          }
        }
      });
    }
  }
  const pinned = new Set<number>();
  for (let j = 0; j < variables; j++) {
    const h = hi[j];
    if (h !== undefined && h < (lo[j] as bigint)) throw new Error(`STATS.INCONSISTENT: unknown ${j} has no feasible value`);
    if (h !== undefined && h === lo[j]) pinned.add(j);
  }
  return { determined, pinned, bounds: lo.map((l, j) => ({ lo: Number(l), hi: hi[j] === undefined ? undefined : Number(hi[j]) })) };
}
