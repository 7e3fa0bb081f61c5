import { CARE_ITEM_CODES, computeCareScore, scoreBand, type CareItemCode, type ScoreBand } from '../careItems';
import { ageOn, type CalendarDate } from '../dates';
import { ageBand, LIFE_STAGES, lifeStageOf, type AgeBand, type LifeStage } from '../lifeStage';
import { countInto, type RawCountTable } from './countTable';
import { districtKeyOf, type DistrictKey, type StatsCase } from './statsCase';

/** The age bands of lifeStage.ts, in order. */
export const AGE_BANDS: readonly AgeBand[] = ['0-2', '3-5', '6-11', '12-14', '15-17', '18+'];
/** The 判定スコア bands (医療的ケア区分 thresholds 3 / 16 / 32), in order. */
export const SCORE_BANDS: readonly ScoreBand[] = ['under3', 'from3', 'from16', 'from32'];
export const ASSIGNMENTS = ['assigned', 'unassigned'] as const;
export type Assignment = (typeof ASSIGNMENTS)[number];
export const WARD_COLUMN = 'ward' as const;

/** Children per district: the totals shared by the life-stage, age-band and score-band tables. */
export const CHILDREN_BY_DISTRICT = 'children.byDistrict';
export const CHILDREN_TOTAL = 'children.total';

export interface PopulationTables {
  readonly lifeStage: RawCountTable<LifeStage, DistrictKey>;
  readonly ageBand: RawCountTable<AgeBand, DistrictKey>;
  readonly scoreBand: RawCountTable<ScoreBand, DistrictKey>;
  /** A child counts once under each care item it has: rows add up across districts, columns do not. */
  readonly careItem: RawCountTable<CareItemCode, DistrictKey>;
  readonly assignment: RawCountTable<Assignment, typeof WARD_COLUMN>;
}

/**
 * The children at a glance, on the snapshot date, by district. `open` is the cases open on that date;
 * ages and life stages are taken on it. The life stage follows lifeStageOf (the recorded enrolment when
 * there is one, so a past quarter is shown with today's enrolment). The score band is that of the
 * recomputed 判定スコア; a score with 見守り levels still to assess is a lower bound and is banded as it is.
 * The assignment (担当コーディネーター) is the current one: the case keeps no history of it.
 */
export function populationTables(open: readonly StatsCase[], snapshot: CalendarDate, districts: readonly DistrictKey[]): PopulationTables {
  const district = (c: StatsCase): DistrictKey => districtKeyOf(c.district, districts);
  const shared = { colTotals: CHILDREN_BY_DISTRICT, grand: CHILDREN_TOTAL };
  return {
    lifeStage: countInto({ id: 'children.lifeStage', unit: 'children', rowKeys: LIFE_STAGES, colKeys: districts, margins: 'both', shared }, open, (c) => [
      [lifeStageOf(c.birthDate, c.enrolmentKind === undefined ? undefined : { kind: c.enrolmentKind }, snapshot), district(c)],
    ]),
    ageBand: countInto({ id: 'children.ageBand', unit: 'children', rowKeys: AGE_BANDS, colKeys: districts, margins: 'both', shared }, open, (c) => [[ageBand(ageOn(c.birthDate, snapshot)), district(c)]]),
    scoreBand: countInto({ id: 'children.scoreBand', unit: 'children', rowKeys: SCORE_BANDS, colKeys: districts, margins: 'both', shared }, open, (c) => [[scoreBand(computeCareScore(c.careItems).total), district(c)]]),
    careItem: countInto({ id: 'children.careItem', unit: 'children', rowKeys: CARE_ITEM_CODES, colKeys: districts, margins: 'rows' }, open, (c) =>
      [...new Set(c.careItems.map((s) => s.code))].map((code) => [code, district(c)] as const),
    ),
    assignment: countInto({ id: 'children.assignment', unit: 'children', rowKeys: ASSIGNMENTS, colKeys: [WARD_COLUMN], margins: 'columns', shared: { grand: CHILDREN_TOTAL } }, open, (c) => [
      [c.coordinatorKey === undefined ? 'unassigned' : 'assigned', WARD_COLUMN],
    ]),
  };
}
