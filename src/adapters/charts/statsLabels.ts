import type { Language } from '../../app/ports';
import type { CareItemCode, ScoreBand } from '../../domain/careItems';
import type { OrganisationKey } from '../../domain/directory';
import type { AgeBand, LifeStage } from '../../domain/lifeStage';
import type { StatsTableId } from '../../domain/stats/countTable';
import type { ReportPeriod } from '../../domain/stats/period';
import type { LocalisedText, TransitionKind } from '../../domain/transitions/transitionData';
import { translator, type MessageKey } from '../../i18n';
import { ja } from '../../i18n/ja';

/**
 * Words for the statistics (card and CSV). Category names shared with the rest of the app (life stages, age
 * bands, score bands, care items, organisations) and the words only the statistics use (`stats.*`, in
 * src/i18n/stats.ja.ts and stats.en.ts) all come from the i18n catalogue.
 */
type StatsMessageKey = Extract<MessageKey, `stats.${string}`>;
export type StatsTextKey = StatsMessageKey extends `stats.${infer K}` ? K : never;

export interface StatsLabels {
  readonly language: Language;
  text(key: StatsTextKey, params?: Readonly<Record<string, string | number>>): string;
  tableTitle(id: StatsTableId | 'children.byDistrict' | 'timings'): string;
  /** The label of a row key (a category) of a table. */
  row(tableId: StatsTableId, key: string): string;
  /** The label of a column key of a table (a district, an outcome …). */
  column(tableId: StatsTableId, key: string): string;
  /** A district key: the configured name itself, or one of the two reserved codes. */
  district(key: string): string;
  period(p: ReportPeriod, from: string, to: string): string;
}

/** Labels in one language; `transitionTitles` names the transitions (from the milestone data), `rowNames` the rows of extension tables (issue categories). */
export function statsLabels(language: Language, transitionTitles: Partial<Record<TransitionKind, LocalisedText>> = {}, rowNames: Readonly<Record<string, LocalisedText>> = {}): StatsLabels {
  const t = translator(language);
  const text = (key: StatsTextKey, params: Readonly<Record<string, string | number>> = {}): string => t(`stats.${key}`, params);
  const has = (key: string): key is StatsTextKey => `stats.${key}` in ja;
  const district = (key: string): string => (key === 'ward' ? text('ward') : has(`district.${key}`) ? text(`district.${key}` as StatsTextKey) : key);
  return {
    language,
    text,
    tableTitle: (id) => (has(`title.${id}`) ? text(`title.${id}` as StatsTextKey) : id),
    row(tableId, key) {
      switch (tableId) {
        case 'children.lifeStage':
          return t(`lifeStage.${key as LifeStage}`);
        case 'children.ageBand':
          return t(`ageBand.${key as AgeBand}`);
        case 'children.scoreBand':
          return t(`scoreBand.${key as ScoreBand}`);
        case 'children.careItem':
          return t(`careItem.${key as CareItemCode}`);
        case 'handoffs.byType': {
          const [type, organisation] = key.split(':');
          return `${text(type === 'package' ? 'handoff.package' : 'handoff.intake')} → ${t(`org.${organisation as OrganisationKey}`)}`;
        }
        case 'milestones.continuity':
          return transitionTitles[key as TransitionKind]?.[language] ?? key;
        case 'coordinators.caseload':
          return key.endsWith('+') ? text('caseloadTop', { from: key.slice(0, -1) }) : text('caseloadBand', { band: key.replace('-', language === 'ja' ? '〜' : '–') });
        default:
          // Rows of other stocks (the issue categories, kept as data) are named by the caller.
          return rowNames[key]?.[language] ?? (has(`row.${key}`) ? text(`row.${key}` as StatsTextKey) : key);
      }
    },
    column(tableId, key) {
      if (tableId.startsWith('children.')) return district(key);
      return has(`col.${key}`) ? text(`col.${key}` as StatsTextKey) : key;
    },
    district,
    period: (p, from, to) => text('period', { year: p.schoolYear, quarter: p.quarter, from, to }),
  };
}
