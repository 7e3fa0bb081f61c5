/**
 * Medical care items (医療的ケア) and the 医療的ケア判定スコア (R3 table, 障害児通所支援, 2021 revision).
 * Source: ../shared/domain/REFERENCE.md §3.2 (MHLW 別表, via wic-net.com OCR, cross-checked with
 * syogaifukushi-osaka.com). The score is a physician's judgement: we store the per-item selections and
 * recompute the total; the total is never stored alone.
 */
export const SCORE_TABLE_VERSION = 'R3' as const;

export type WatchLevel = 'high' | 'medium' | 'low';

export interface CareItemDefinition {
  readonly code: CareItemCode;
  /** Row number in the MHLW table, e.g. "7a". */
  readonly row: string;
  readonly baseScore: number;
  /** 見守りスコア per level; undefined where the table defines no 見守り score for that level. */
  readonly watch: Partial<Record<WatchLevel, number>>;
}

export const CARE_ITEM_CODES = [
  'VENT', 'TRACH', 'NPA', 'O2', 'SUCTION', 'NEB', 'TUBE', 'TUBE_PUMP', 'CVC', 'SC_INJ', 'SC_PUMP',
  'GLUCOSE', 'DIALYSIS', 'CATH_INT', 'CATH_CONT', 'STOMA', 'DISIMPACT', 'ENEMA', 'SEIZURE',
] as const;
export type CareItemCode = (typeof CARE_ITEM_CODES)[number];

const def = (code: CareItemCode, row: string, baseScore: number, watch: Partial<Record<WatchLevel, number>>): CareItemDefinition =>
  Object.freeze({ code, row, baseScore, watch: Object.freeze(watch) });

export const CARE_ITEMS: Readonly<Record<CareItemCode, CareItemDefinition>> = Object.freeze({
  VENT: def('VENT', '1', 10, { high: 2, medium: 1, low: 0 }),
  TRACH: def('TRACH', '2', 8, { high: 2, low: 0 }),
  NPA: def('NPA', '3', 5, { high: 1, low: 0 }),
  O2: def('O2', '4', 8, { high: 1, low: 0 }),
  SUCTION: def('SUCTION', '5', 8, { high: 1, low: 0 }),
  NEB: def('NEB', '6', 3, {}),
  TUBE: def('TUBE', '7a', 8, { high: 2, low: 0 }),
  TUBE_PUMP: def('TUBE_PUMP', '7b', 3, { high: 1, low: 0 }),
  CVC: def('CVC', '8', 8, { high: 2, low: 0 }),
  SC_INJ: def('SC_INJ', '9a', 5, { high: 1, low: 0 }),
  SC_PUMP: def('SC_PUMP', '9b', 3, { high: 1, low: 0 }),
  GLUCOSE: def('GLUCOSE', '10', 3, { high: 1, low: 0 }),
  DIALYSIS: def('DIALYSIS', '11', 8, { high: 2, low: 0 }),
  CATH_INT: def('CATH_INT', '12a', 5, {}),
  CATH_CONT: def('CATH_CONT', '12b', 3, { high: 1, low: 0 }),
  STOMA: def('STOMA', '13a', 5, { high: 1, low: 0 }),
  DISIMPACT: def('DISIMPACT', '13b', 5, {}),
  ENEMA: def('ENEMA', '13c', 3, {}),
  SEIZURE: def('SEIZURE', '14', 3, { high: 2, low: 0 }),
});

export interface CareItemSelection {
  readonly code: CareItemCode;
  /** The physician's 見守り level; absent until assessed. */
  readonly watchLevel?: WatchLevel;
}

export interface CareScore {
  readonly tableVersion: typeof SCORE_TABLE_VERSION;
  readonly base: number;
  readonly watch: number;
  readonly total: number;
  /** True when some selected item that has 見守り scores has no level yet: the total is a lower bound. */
  readonly watchPending: boolean;
}

/**
 * Sum of 基本スコア + 見守りスコア over the selected items. Rules (REFERENCE §3.2):
 * 1. each item counts once (duplicates are ignored);
 * 2. with both ventilator and tracheostomy, the tracheostomy 見守り score is not added.
 */
export function computeCareScore(selections: readonly CareItemSelection[]): CareScore {
  const byCode = new Map<CareItemCode, CareItemSelection>();
  for (const s of selections) if (!byCode.has(s.code)) byCode.set(s.code, s);
  const hasVentilator = byCode.has('VENT');
  let base = 0;
  let watch = 0;
  let watchPending = false;
  for (const s of byCode.values()) {
    const item = CARE_ITEMS[s.code];
    base += item.baseScore;
    const hasWatchScores = Object.keys(item.watch).length > 0;
    if (s.code === 'TRACH' && hasVentilator) continue;
    if (!hasWatchScores) continue;
    if (s.watchLevel === undefined) {
      watchPending = true;
      continue;
    }
    watch += item.watch[s.watchLevel] ?? 0;
  }
  return { tableVersion: SCORE_TABLE_VERSION, base, watch, total: base + watch, watchPending };
}

/** 医療的ケア区分 thresholds for base fees (REFERENCE §3.1): 3 / 16 / 32 points. */
export type ScoreBand = 'under3' | 'from3' | 'from16' | 'from32';
export function scoreBand(total: number): ScoreBand {
  if (total >= 32) return 'from32';
  if (total >= 16) return 'from16';
  if (total >= 3) return 'from3';
  return 'under3';
}
