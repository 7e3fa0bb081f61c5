import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ORGANISATION_KEYS } from '../../domain/directory';
import {
  DATE_ADJUSTMENTS,
  formatTransitionDataError,
  MILESTONE_DATA_STATUSES,
  parseTransitionData,
  TRANSITION_KINDS,
  type TransitionData,
} from '../../domain/transitions/transitionData';
import { projectRoot } from '../projectRoot';

/**
 * Reads config/transitions.json. Two checks, both must pass:
 *  1. zod, for the file's shape (this edge's habit: every outside input is parsed with zod);
 *  2. the domain's own validator, which also checks the rules that span fields (unique ids, every
 *     transition titled, a placeholder says NOT FOUND, non-placeholders cite a source) and returns the
 *     typed data with dates parsed. What it returns is what we keep — never the raw JSON cast.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const localised = z.strictObject({ ja: z.string().trim().min(1), en: z.string().trim().min(1) });
const adjust = z.enum(DATE_ADJUSTMENTS);
const dueRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('monthsBeforeEntry'), months: z.number().int().min(-24).max(240), adjust }),
  z.strictObject({ kind: z.literal('businessDaysBeforeEntry'), days: z.number().int().min(1).max(120) }),
  z.strictObject({
    kind: z.literal('fixedDateInSchoolYear'),
    schoolYearOffset: z.number().int().min(-3).max(3),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    adjust,
  }),
]);
const source = z.strictObject({ url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'), checkedOn: isoDate, via: z.string().min(1).optional() });

export const transitionDataFile = z.strictObject({
  $comment: z.array(z.string()).optional(),
  schemaVersion: z.literal(1),
  dataVersion: z.string().min(1),
  transitions: z.array(z.strictObject({ id: z.enum(TRANSITION_KINDS), title: localised })),
  milestones: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        transition: z.enum(TRANSITION_KINDS),
        title: localised,
        organisation: z.enum(ORGANISATION_KEYS),
        due: dueRule,
        status: z.enum(MILESTONE_DATA_STATUSES),
        note: z.string().min(1).optional(),
        sources: z.array(source),
      }),
    )
    .min(1),
});

export type TransitionDataLoad = { readonly ok: true; readonly data: TransitionData } | { readonly ok: false; readonly errors: readonly string[] };

/** Check parsed JSON; each error names the field, e.g. "milestones[3].organisation: …". */
export function checkTransitionData(raw: unknown): TransitionDataLoad {
  const shape = transitionDataFile.safeParse(raw);
  if (!shape.success) return { ok: false, errors: shape.error.issues.map((i) => `${i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') || '(file)'}: ${i.message}`) };
  const domain = parseTransitionData(shape.data);
  return domain.ok ? { ok: true, data: domain.data } : { ok: false, errors: domain.errors.map(formatTransitionDataError) };
}

export const DEFAULT_TRANSITIONS_FILE = 'config/transitions.json';

/** Read and check the file at start-up; a broken file stops the app with every problem listed. */
export function readTransitionDataFile(path: string = join(projectRoot(), DEFAULT_TRANSITIONS_FILE)): TransitionData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`TRANSITIONS.UNREADABLE: cannot read ${path} (${(err as Error).message}); it must be the milestone data JSON (see config/transitions.json)`);
  }
  const checked = checkTransitionData(raw);
  if (!checked.ok) throw new Error(`TRANSITIONS.INVALID: ${path}: ${checked.errors.join('; ')}`);
  return checked.data;
}
