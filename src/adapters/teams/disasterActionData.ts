import { z } from 'zod';
import { DEVICE_KINDS } from '../../domain/case';
import { ROLL_CALL_LIMITS, SAFETY_STATUSES } from '../../domain/disaster/rollCall';
import { VERBS } from './verbs';

/**
 * zod schemas for what the disaster-readiness cards send back (issue 11): ids, versions, keys and the raw
 * inputs as Teams sends them. Values are judged afterwards (numbers by the bot, rules by the domain), so
 * that a bad value gets its own message instead of a generic "bad card".
 */
const id = z.string().min(1).max(100);
const commaList = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** The profile edit form: fixed fields, plus per-device `dev<i>_*` inputs for the `kinds` listed. */
const profileSave = z
  .looseObject({ caseId: id, v: z.coerce.number().int().min(0), kinds: commaList.pipe(z.array(z.enum(DEVICE_KINDS)).max(10)).default([]) })
  .transform(({ caseId, v, kinds, ...rest }) => {
    const fields: Record<string, string> = {};
    for (const [k, value] of Object.entries(rest)) if (/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(k) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) fields[k] = String(value).slice(0, 2000);
    return { caseId, v, kinds, fields };
  });

/**
 * 無事 / 要支援 / 連絡つかず from a group card. 要支援 names its row's inputs (ids must be unique in a card):
 * the needs chosen ("power,oxygen") and the note. The needs are checked against the list by the bot.
 */
const rollCallConfirm = z
  .looseObject({
    rollCallId: id,
    caseId: id,
    status: z.enum(SAFETY_STATUSES),
    /** The idempotency key of this rendering's button (not `key`: the Playground's card renderer reserves it). */
    clickKey: z.string().min(1).max(200),
    needsInput: z.string().regex(/^needs_[0-9A-Za-z_]{1,40}$/).optional(),
    noteInput: z.string().regex(/^note_[0-9A-Za-z_]{1,40}$/).optional(),
  })
  .transform(({ rollCallId, caseId, status, clickKey: key, needsInput, noteInput, ...rest }) => {
    const inputs = rest as Record<string, unknown>;
    const needs = needsInput && typeof inputs[needsInput] === 'string' ? String(inputs[needsInput]).split(',').map((x) => x.trim()).filter(Boolean).slice(0, 10) : [];
    // Longer than the domain's limit is kept (cut at 4×), so the domain gives its precise message.
    const note = noteInput && typeof inputs[noteInput] === 'string' ? String(inputs[noteInput]).slice(0, ROLL_CALL_LIMITS.noteMax * 4) : '';
    return { rollCallId, caseId, status, key, needs, note };
  });

export const DISASTER_ACTION_SCHEMAS = {
  [VERBS.profileSave]: profileSave,
  [VERBS.profileConfirm]: z.object({ caseId: id, v: z.coerce.number().int().min(1) }),
  [VERBS.profilePrint]: z.object({ caseId: id }),
  [VERBS.rollCallConfirm]: rollCallConfirm,
  [VERBS.rollCallRefresh]: z.object({ rollCallId: id, view: z.enum(['group', 'summary']), groupKey: z.string().min(1).max(200).optional() }),
  [VERBS.rollCallPriority]: z.object({ rollCallId: id }),
  [VERBS.rollCallClose]: z.object({ rollCallId: id, clickKey: z.string().min(1).max(200), closeNote: z.string().max(1000).default('') }),
} as const;
