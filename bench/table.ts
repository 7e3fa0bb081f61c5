/** Plain-text tables for the terminal (no colours, so the output can be pasted into notes). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = headers.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, c) => (c === 0 ? cell + ' '.repeat(widths[c]! - width(cell)) : ' '.repeat(widths[c]! - width(cell)) + cell))
      .join('  ')
      .trimEnd();
  return [line(headers), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Display width: East Asian wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

export const ms = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
export const num = (x: number, digits = 1): string => (Number.isNaN(x) ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(digits));
export const times = (x: number): string => (Number.isNaN(x) ? '—' : `${x.toFixed(2)}×`);
