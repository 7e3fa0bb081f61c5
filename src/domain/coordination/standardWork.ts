import { DataReader, formatDataError, isObject, show, type DataError } from '../dataFile';
import type { LocalisedText, SourceRef } from '../transitions/transitionData';

/**
 * The coordinator's standard work (標準業務): the phases of a case, 受付 → アセスメント → 支援計画 →
 * 実施・同行 → モニタリング → 移行支援 → 終結, each with a checklist kept as data (config/standardWork.json),
 * so that anyone can see what the coordinator has done and what remains. This file holds the types, the
 * validator (plain type guards) and the pure progress function.
 */

export const WORK_PHASES = ['intake', 'assessment', 'planning', 'delivery', 'monitoring', 'transition', 'closure'] as const;
/** 受付 / アセスメント / 支援計画 / 実施・同行 / モニタリング / 移行支援 / 終結 */
export type WorkPhase = (typeof WORK_PHASES)[number];

export interface ChecklistItem {
  /** "<phase>.<camelCase>", unique in the file; stored on the case when done. */
  readonly id: string;
  readonly phase: WorkPhase;
  readonly title: LocalisedText;
  /** Required items decide the phase and the percentage; optional ones apply only to some cases. */
  readonly required: boolean;
  /** Why the item is there (REFERENCE section, ward rule or design suggestion) — internal. */
  readonly basis: string;
  readonly sources: readonly SourceRef[];
}

export interface PhaseDefinition {
  readonly id: WorkPhase;
  readonly title: LocalisedText;
  readonly items: readonly ChecklistItem[];
}

export interface StandardWork {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  /** The seven phases, in WORK_PHASES order. */
  readonly phases: readonly PhaseDefinition[];
}

export type StandardWorkResult = { readonly ok: true; readonly data: StandardWork } | { readonly ok: false; readonly errors: readonly DataError[] };

export const formatStandardWorkError = formatDataError;

const ITEM_ID = /^([a-z][A-Za-z0-9]*)\.[a-z][A-Za-z0-9]*$/;

function readItem(r: DataReader, v: unknown, path: string, phase: WorkPhase | undefined, seen: Set<string>): ChecklistItem | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['id', 'title', 'required', 'basis', 'sources']);
  const id = r.text(o.id, `${path}.id`);
  const m = id === undefined ? null : ITEM_ID.exec(id);
  let idOk = m !== null;
  if (id !== undefined && !m) r.fail(`${path}.id`, 'WRONG_TYPE', `expected "<phase>.<camelCase>" like "${phase ?? 'intake'}.consentObtained", got ${show(id)}`);
  if (m && phase && m[1] !== phase) {
    r.fail(`${path}.id`, 'INCONSISTENT', `the id must start with its phase "${phase}.", got ${show(id)}`);
    idOk = false;
  }
  if (id !== undefined) {
    if (seen.has(id)) r.fail(`${path}.id`, 'DUPLICATE_ID', `"${id}" is used by an earlier item`);
    seen.add(id);
  }
  const title = r.localised(o.title, `${path}.title`);
  const required = r.boolean(o.required, `${path}.required`);
  const basis = r.text(o.basis, `${path}.basis`);
  const sources = o.sources === undefined ? [] : r.sources(o.sources, `${path}.sources`);
  if (!idOk || id === undefined || !phase || !title || required === undefined || basis === undefined || !sources) return undefined;
  return { id, phase, title, required, basis, sources };
}

/** Read and check the standard work; returns the typed data or every problem found, each naming its field. */
export function parseStandardWork(raw: unknown): StandardWorkResult {
  const r = new DataReader('STANDARD_WORK');
  const root = r.object(raw, '(file)');
  if (!root) return { ok: false, errors: r.errors };
  r.onlyKnownFields(root, '(file)', ['$comment', 'schemaVersion', 'dataVersion', 'phases']);
  if (root.schemaVersion !== 1) r.fail('schemaVersion', root.schemaVersion === undefined ? 'MISSING' : 'UNKNOWN_VALUE', `expected 1, got ${show(root.schemaVersion)}`);
  const dataVersion = r.text(root.dataVersion, 'dataVersion');
  const rawPhases = r.array(root.phases, 'phases');
  const phases: PhaseDefinition[] = [];
  const seenItems = new Set<string>();
  (rawPhases ?? []).forEach((p, i) => {
    const path = `phases[${i}]`;
    const o = r.object(p, path);
    if (!o) return;
    r.onlyKnownFields(o, path, ['id', 'title', 'items']);
    const id = r.choice(o.id, `${path}.id`, WORK_PHASES);
    const expected = WORK_PHASES[i];
    if (id && expected && id !== expected) r.fail(`${path}.id`, 'INCONSISTENT', `phases must be listed in the order ${WORK_PHASES.join(' → ')}; expected "${expected}" here, got "${id}"`);
    const title = r.localised(o.title, `${path}.title`);
    const rawItems = r.array(o.items, `${path}.items`);
    if (rawItems?.length === 0) r.fail(`${path}.items`, 'MISSING', 'a phase needs at least one checklist item');
    const items = (rawItems ?? []).map((it, j) => readItem(r, it, `${path}.items[${j}]`, id, seenItems));
    if (rawItems && rawItems.length > 0 && !rawItems.some((it) => isObject(it) && it.required === true)) {
      r.fail(`${path}.items`, 'RULE_REQUIRED', 'a phase needs at least one required item (otherwise it can never be the current phase)');
    }
    if (id && title && items.every((x): x is ChecklistItem => x !== undefined)) phases.push({ id, title, items });
  });
  if (Array.isArray(root.phases) && root.phases.length !== WORK_PHASES.length) {
    r.fail('phases', 'MISSING', `expected the ${WORK_PHASES.length} phases ${WORK_PHASES.join(', ')}; got ${root.phases.length}`);
  }
  if (r.errors.length > 0 || dataVersion === undefined) return { ok: false, errors: r.errors };
  return { ok: true, data: { schemaVersion: 1, dataVersion, phases } };
}

export interface PhaseProgress {
  readonly phase: WorkPhase;
  readonly title: LocalisedText;
  /** Required items done / required items in the phase. */
  readonly requiredDone: number;
  readonly requiredTotal: number;
  /** All items done (required and optional) / all items. */
  readonly done: number;
  readonly total: number;
  /** Every required item is done. */
  readonly complete: boolean;
}

export interface WorkProgress {
  /** The first phase with a required item not done; the last phase once everything required is done. */
  readonly currentPhase: WorkPhase;
  /** Every required item of every phase is done. */
  readonly finished: boolean;
  /** Required items done over all required items, 0–100, rounded down (100 only when finished). */
  readonly percent: number;
  readonly phases: readonly PhaseProgress[];
  /** What to do next: the current phase's open items, required first, then optional (up to the limit). */
  readonly next: readonly ChecklistItem[];
  /** Optional items of earlier phases left open (they may not apply to this case; shown, never blocking). */
  readonly skippedOptional: readonly ChecklistItem[];
  /** Done ids the checklist does not know (renamed or removed items): kept on the case, ignored here. */
  readonly unknownDone: readonly string[];
}

export const DEFAULT_NEXT_ITEMS = 5;

/** Where a case stands in the standard work, from the ids of the checklist items marked done. */
export function progressOf(work: StandardWork, doneIds: Iterable<string>, nextLimit: number = DEFAULT_NEXT_ITEMS): WorkProgress {
  const done = new Set(doneIds);
  const known = new Set(work.phases.flatMap((p) => p.items.map((i) => i.id)));
  const phases: PhaseProgress[] = work.phases.map((p) => {
    const required = p.items.filter((i) => i.required);
    const requiredDone = required.filter((i) => done.has(i.id)).length;
    return {
      phase: p.id,
      title: p.title,
      requiredDone,
      requiredTotal: required.length,
      done: p.items.filter((i) => done.has(i.id)).length,
      total: p.items.length,
      complete: requiredDone === required.length,
    };
  });
  const currentIndex = phases.findIndex((p) => !p.complete);
  const finished = currentIndex < 0;
  const current = work.phases[finished ? work.phases.length - 1 : currentIndex];
  const requiredTotal = phases.reduce((n, p) => n + p.requiredTotal, 0);
  const requiredDone = phases.reduce((n, p) => n + p.requiredDone, 0);
  const percent = requiredTotal === 0 ? 100 : Math.floor((100 * requiredDone) / requiredTotal);
  const open = (current?.items ?? []).filter((i) => !done.has(i.id));
  const next = [...open.filter((i) => i.required), ...open.filter((i) => !i.required)].slice(0, Math.max(0, nextLimit));
  const before = work.phases.slice(0, finished ? work.phases.length - 1 : currentIndex);
  const skippedOptional = before.flatMap((p) => p.items.filter((i) => !i.required && !done.has(i.id)));
  return {
    currentPhase: current?.id ?? 'intake',
    finished,
    percent,
    phases,
    next,
    skippedOptional,
    unknownDone: [...done].filter((id) => !known.has(id)).sort(),
  };
}

/** A checklist item marked done on a case: who and when (the item id is the checklist's). */
export interface WorkDoneMark {
  readonly itemId: string;
  readonly by: string;
  readonly at: string;
}

export function findWorkItem(work: StandardWork, itemId: string): ChecklistItem | undefined {
  return work.phases.flatMap((p) => p.items).find((i) => i.id === itemId);
}

/**
 * Marks an item done (or undoes the mark). Returns undefined when nothing changes (already in that state),
 * so that a repeated click changes nothing and writes no audit entry.
 */
export function markWork(marks: readonly WorkDoneMark[], itemId: string, done: boolean, by: string, at: string): readonly WorkDoneMark[] | undefined {
  const has = marks.some((m) => m.itemId === itemId);
  if (has === done) return undefined;
  return done ? [...marks, { itemId, by, at }] : marks.filter((m) => m.itemId !== itemId);
}
