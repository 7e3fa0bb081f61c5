import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatStandardWorkError, parseStandardWork, WORK_PHASES, type StandardWork } from '../../domain/coordination/standardWork';
import { projectRoot } from '../projectRoot';

/**
 * Reads config/standardWork.json (the coordinator's phases and checklists). zod checks the file's shape;
 * the domain validator checks the phase order, item ids (prefixed by their phase, unique) and that every
 * phase has a required item, and returns the typed data that we keep.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = z.string().trim().min(1);
const localised = z.strictObject({ ja: text, en: text });
const source = z.strictObject({ url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'), checkedOn: isoDate, via: text.optional() });

export const standardWorkFile = z.strictObject({
  $comment: z.array(z.string()).optional(),
  schemaVersion: z.literal(1),
  dataVersion: text,
  phases: z.array(
    z.strictObject({
      id: z.enum(WORK_PHASES),
      title: localised,
      items: z.array(z.strictObject({ id: text, title: localised, required: z.boolean(), basis: text, sources: z.array(source).optional() })).min(1),
    }),
  ),
});

export type StandardWorkLoad = { readonly ok: true; readonly data: StandardWork } | { readonly ok: false; readonly errors: readonly string[] };

const zodPath = (path: readonly PropertyKey[]): string => path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || '(file)';

/** Check parsed JSON; each error names the field, e.g. "phases[2].items[0].required: …". */
export function checkStandardWork(raw: unknown): StandardWorkLoad {
  const shape = standardWorkFile.safeParse(raw);
  if (!shape.success) return { ok: false, errors: shape.error.issues.map((i) => `${zodPath(i.path)}: ${i.message}`) };
  const domain = parseStandardWork(shape.data);
  return domain.ok ? { ok: true, data: domain.data } : { ok: false, errors: domain.errors.map(formatStandardWorkError) };
}

export const DEFAULT_STANDARD_WORK_FILE = 'config/standardWork.json';

/** Read and check the file at start-up; a broken file stops the app with every problem listed. */
export function readStandardWorkFile(path: string = join(projectRoot(), DEFAULT_STANDARD_WORK_FILE)): StandardWork {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`STANDARD_WORK.UNREADABLE: cannot read ${path} (${(err as Error).message}); it must be the standard-work JSON (see config/standardWork.json)`);
  }
  const checked = checkStandardWork(raw);
  if (!checked.ok) throw new Error(`STANDARD_WORK.INVALID: ${path}: ${checked.errors.join('; ')}`);
  return checked.data;
}
