/**
 * CSV as spreadsheets in Japan open it: UTF-8 with a byte order mark (without it Excel reads Shift_JIS and
 * the Japanese turns to mojibake), CRLF line ends, and RFC 4180 quoting: a field is quoted when it holds a
 * comma, a double quote, CR or LF (or starts or ends with a space), and a quote inside is doubled.
 *
 * A text field that starts with = + - @ (or a tab / CR) would be run as a formula by a spreadsheet
 * (CSV injection); such a field gets a leading apostrophe. Numbers are written as numbers.
 */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';

export type CsvField = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(field: CsvField): string {
  if (typeof field === 'number') {
    if (!Number.isFinite(field)) throw new RangeError(`CSV.BAD_NUMBER: ${field}`);
    return String(field);
  }
  const safe = FORMULA_START.test(field) ? `'${field}` : field;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (fields: readonly CsvField[]): string => fields.map(csvField).join(',');

/** The whole file: BOM, lines joined and ended with CRLF, as UTF-8 bytes. */
export function csvFile(lines: readonly (readonly CsvField[])[]): Buffer {
  return Buffer.from(BOM + lines.map((l) => csvLine(l) + CRLF).join(''), 'utf8');
}
