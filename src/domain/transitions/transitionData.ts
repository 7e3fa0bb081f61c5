import { DataReader as Reader, formatDataError, isObject, PLACEHOLDER_MARK, show, type DataError, type LocalisedText, type SourceRef } from '../dataFile';
import { ORGANISATION_KEYS, type OrganisationKey } from '../directory';

/**
 * The milestone data (config/transitions.json) as the domain sees it, and a validator written as plain
 * type guards (no zod in the domain). The file is edited by people, so the validator reports every
 * problem at once, each naming the field: `milestones[3].due.month: expected an integer 1–12, got 13`.
 */

/** Transitions the engine knows how to place on the calendar (its entry date is computed in code). */
export const TRANSITION_KINDS = [
  'nurseryEntry', // 保育園入園 (区立指定保育園 医療的ケア児枠: 原則3歳児クラス以上)
  'kindergartenEntry', // 幼稚園入園
  'elementaryEntry', // 小学校就学 (就学相談 → 就学時健康診断 → 学びの場の決定 → 就学通知)
  'aikidsEntry', // あいキッズ (放課後)
  'afterSchoolDayService', // 児童発達支援 → 放課後等デイサービス
  'juniorHighEntry', // 中学校進学
  'highSchoolEntry', // 高校・特別支援学校高等部
  'age18', // 18歳: 成年, 小慢の延長, 訪問事業
  'adultServices', // 卒業後: 児童福祉法 → 障害者総合支援法
  'age20', // 20歳: 障害基礎年金, 20歳で終わる手当
] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/**
 * How sure we are of a milestone's date:
 * - sourced: the date rule is stated by the cited source (a statute, or the ward's own page);
 * - derived: the event is sourced but the lead time is a Tsunagu default (or another year's date) — shown as 目安;
 * - placeholder: the fact was NOT FOUND for Itabashi; a conservative default stands in until the ward confirms.
 */
export const MILESTONE_DATA_STATUSES = ['sourced', 'derived', 'placeholder'] as const;
export type MilestoneDataStatus = (typeof MILESTONE_DATA_STATUSES)[number];

/** What to do when a computed date is not a ward working day. */
export const DATE_ADJUSTMENTS = ['none', 'previousBusinessDay', 'nextBusinessDay'] as const;
export type DateAdjustment = (typeof DATE_ADJUSTMENTS)[number];

export const DUE_RULE_KINDS = ['monthsBeforeEntry', 'businessDaysBeforeEntry', 'fixedDateInSchoolYear'] as const;
export type DueRule =
  /** Calendar months before the entry date (negative = after); a missing day clamps to the month's end. */
  | { readonly kind: 'monthsBeforeEntry'; readonly months: number; readonly adjust: DateAdjustment }
  /** Ward working days before the entry date (always lands on a working day). */
  | { readonly kind: 'businessDaysBeforeEntry'; readonly days: number }
  /**
   * A fixed month/day in a school year (年度, April–March) counted from the entry's school year:
   * schoolYearOffset -1 with month 9, day 30 is "30 September of the year before entry".
   */
  | { readonly kind: 'fixedDateInSchoolYear'; readonly schoolYearOffset: number; readonly month: number; readonly day: number; readonly adjust: DateAdjustment };

export type { LocalisedText, SourceRef } from '../dataFile';

export interface TransitionDefinition {
  readonly id: TransitionKind;
  readonly title: LocalisedText;
}

export interface MilestoneDefinition {
  readonly id: string;
  readonly transition: TransitionKind;
  readonly title: LocalisedText;
  readonly organisation: OrganisationKey;
  readonly due: DueRule;
  readonly status: MilestoneDataStatus;
  readonly note: string | undefined;
  readonly sources: readonly SourceRef[];
}

export interface TransitionData {
  readonly schemaVersion: 1;
  readonly dataVersion: string;
  readonly transitions: readonly TransitionDefinition[];
  readonly milestones: readonly MilestoneDefinition[];
}

/** Error codes are `TRANSITIONS.<kind>`, e.g. TRANSITIONS.UNKNOWN_VALUE. */
export type TransitionDataError = DataError;

export type TransitionDataResult =
  | { readonly ok: true; readonly data: TransitionData }
  | { readonly ok: false; readonly errors: readonly TransitionDataError[] };

export const formatTransitionDataError = formatDataError;

/** Milestone ids are dotted camelCase words, e.g. "elementary.shugakuSodanStart". */
const MILESTONE_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
const DAYS_IN_MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const DUE_RULE_FIELDS: Readonly<Record<DueRule['kind'], readonly string[]>> = {
  monthsBeforeEntry: ['kind', 'months', 'adjust'],
  businessDaysBeforeEntry: ['kind', 'days'],
  fixedDateInSchoolYear: ['kind', 'schoolYearOffset', 'month', 'day', 'adjust'],
};

function readDueRule(r: Reader, v: unknown, path: string): DueRule | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  const kind = r.choice(o.kind, `${path}.kind`, DUE_RULE_KINDS);
  if (kind) r.onlyKnownFields(o, path, DUE_RULE_FIELDS[kind]);
  switch (kind) {
    case undefined:
      return undefined;
    case 'monthsBeforeEntry': {
      const months = r.integer(o.months, `${path}.months`, -24, 240);
      const adjust = r.choice(o.adjust, `${path}.adjust`, DATE_ADJUSTMENTS);
      return months !== undefined && adjust !== undefined ? { kind, months, adjust } : undefined;
    }
    case 'businessDaysBeforeEntry': {
      const days = r.integer(o.days, `${path}.days`, 1, 120);
      return days !== undefined ? { kind, days } : undefined;
    }
    case 'fixedDateInSchoolYear': {
      const schoolYearOffset = r.integer(o.schoolYearOffset, `${path}.schoolYearOffset`, -3, 3);
      const month = r.integer(o.month, `${path}.month`, 1, 12);
      const day = month === undefined ? undefined : r.integer(o.day, `${path}.day`, 1, DAYS_IN_MONTH_MAX[month - 1] ?? 31);
      const adjust = r.choice(o.adjust, `${path}.adjust`, DATE_ADJUSTMENTS);
      return schoolYearOffset !== undefined && month !== undefined && day !== undefined && adjust !== undefined
        ? { kind, schoolYearOffset, month, day, adjust }
        : undefined;
    }
  }
}

function readMilestone(r: Reader, v: unknown, path: string): MilestoneDefinition | undefined {
  const o = r.object(v, path);
  if (!o) return undefined;
  r.onlyKnownFields(o, path, ['id', 'transition', 'title', 'organisation', 'due', 'status', 'note', 'sources']);
  const id = r.text(o.id, `${path}.id`);
  if (id !== undefined && !MILESTONE_ID.test(id)) r.fail(`${path}.id`, 'WRONG_TYPE', `expected a dotted camelCase id like "elementary.healthCheck", got ${show(id)}`);
  const transition = r.choice(o.transition, `${path}.transition`, TRANSITION_KINDS);
  const title = r.localised(o.title, `${path}.title`);
  const organisation = r.choice(o.organisation, `${path}.organisation`, ORGANISATION_KEYS);
  const due = readDueRule(r, o.due, `${path}.due`);
  const status = r.choice(o.status, `${path}.status`, MILESTONE_DATA_STATUSES);
  const note = r.optionalText(o.note, `${path}.note`);
  if (status === 'placeholder' && !(note ?? '').includes(PLACEHOLDER_MARK)) {
    r.fail(`${path}.note`, 'PLACEHOLDER_NOTE', `a placeholder milestone needs a note containing "${PLACEHOLDER_MARK}" (e.g. "NOT FOUND — confirm with the ward")`);
  }
  if (status !== undefined && status !== 'placeholder' && note !== undefined && note.includes(PLACEHOLDER_MARK)) {
    r.fail(`${path}.status`, 'PLACEHOLDER_NOTE', `the note says "${PLACEHOLDER_MARK}" but the status is "${status}"; use "placeholder"`);
  }
  const rawSources = r.array(o.sources, `${path}.sources`);
  const sources = (rawSources ?? []).map((s, i) => r.source(s, `${path}.sources[${i}]`));
  if (rawSources && rawSources.length === 0 && status !== undefined && status !== 'placeholder') {
    r.fail(`${path}.sources`, 'SOURCE_REQUIRED', `a ${status} milestone needs at least one source`);
  }
  const validSources = sources.filter((s): s is SourceRef => s !== undefined);
  if (id === undefined || !MILESTONE_ID.test(id) || !transition || !title || !organisation || !due || !status || !rawSources) return undefined;
  if (validSources.length !== sources.length) return undefined;
  return { id, transition, title, organisation, due, status, note, sources: validSources };
}

/** Read and check the milestone data; returns the typed data or every problem found. */
export function parseTransitionData(raw: unknown): TransitionDataResult {
  const r = new Reader('TRANSITIONS');
  const root = r.object(raw, '(file)');
  if (!root) return { ok: false, errors: r.errors };
  r.onlyKnownFields(root, '(file)', ['$comment', 'schemaVersion', 'dataVersion', 'transitions', 'milestones']);
  if (root.schemaVersion !== 1) r.fail('schemaVersion', root.schemaVersion === undefined ? 'MISSING' : 'UNKNOWN_VALUE', `expected 1, got ${show(root.schemaVersion)}`);
  const dataVersion = r.text(root.dataVersion, 'dataVersion');

  const transitions: TransitionDefinition[] = [];
  const seenKinds = new Set<string>();
  (r.array(root.transitions, 'transitions') ?? []).forEach((t, i) => {
    const o = r.object(t, `transitions[${i}]`);
    if (!o) return;
    r.onlyKnownFields(o, `transitions[${i}]`, ['id', 'title']);
    const id = r.choice(o.id, `transitions[${i}].id`, TRANSITION_KINDS);
    const title = r.localised(o.title, `transitions[${i}].title`);
    if (id && seenKinds.has(id)) r.fail(`transitions[${i}].id`, 'DUPLICATE_ID', `"${id}" is listed twice`);
    if (id) seenKinds.add(id);
    if (id && title) transitions.push({ id, title });
  });
  if (Array.isArray(root.transitions)) {
    for (const kind of TRANSITION_KINDS) {
      if (!seenKinds.has(kind)) r.fail('transitions', 'UNKNOWN_TRANSITION', `the transition "${kind}" has no entry (every transition needs a title)`);
    }
  }

  const milestones: MilestoneDefinition[] = [];
  const seenIds = new Set<string>();
  const rawMilestones = r.array(root.milestones, 'milestones');
  if (rawMilestones?.length === 0) r.fail('milestones', 'MISSING', 'must list at least one milestone');
  (rawMilestones ?? []).forEach((m, i) => {
    const milestone = readMilestone(r, m, `milestones[${i}]`);
    const id = isObject(m) ? m.id : undefined;
    if (typeof id === 'string') {
      if (seenIds.has(id)) r.fail(`milestones[${i}].id`, 'DUPLICATE_ID', `"${id}" is used by an earlier milestone`);
      seenIds.add(id);
    }
    if (milestone) milestones.push(milestone);
  });

  if (r.errors.length > 0 || dataVersion === undefined) return { ok: false, errors: r.errors };
  return { ok: true, data: { schemaVersion: 1, dataVersion, transitions, milestones } };
}

