/**
 * Nearest-rank percentiles: the p-th percentile of n values is the value at rank ⌈p/100 · n⌉ in ascending
 * order, so it is always one of the observed values (a whole number of business days, never 2.5).
 * The median is the 50th percentile by the same rule (for an even n, the lower of the two middle values).
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(p > 0 && p <= 100)) throw new RangeError(`STATS.BAD_PERCENTILE: p must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1];
}

export const median = (values: readonly number[]): number | undefined => percentile(values, 50);
export const p90 = (values: readonly number[]): number | undefined => percentile(values, 90);
