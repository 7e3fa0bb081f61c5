import type { Language } from '../../app/ports';
import type { CareItemCode, ScoreBand } from '../../domain/careItems';
import type { OrganisationKey } from '../../domain/directory';
import type { AgeBand, LifeStage } from '../../domain/lifeStage';
import type { StatsTableId } from '../../domain/stats/countTable';
import type { ReportPeriod } from '../../domain/stats/period';
import type { LocalisedText, TransitionKind } from '../../domain/transitions/transitionData';
import { translator } from '../../i18n';

/**
 * Words for the statistics (card and CSV). Category names already in the i18n catalogue (life stages, age
 * bands, score bands, care items, organisations) come from it; the words only the statistics use are here,
 * in ja and en, until they move into the catalogue (src/i18n is shared and was not edited for this).
 */
const TEXT = {
  ja: {
    appTitle: '医療的ケア児 統計（つなぐ）',
    period: '{year}年度 第{quarter}四半期（{from}〜{to}）',
    threshold: '{k}未満の数は秘匿',
    category: '区分',
    total: '合計',
    ward: '区全体',
    suppressedMark: '*',
    footnote: '「*」は秘匿した数です（{k}未満の数と、差し引きで秘匿した数が分からないように併せて隠した数）。0はそのまま表示します。氏名は含みません。',
    fictional: '架空データを含みます',
    chartAlt: '棒グラフ（値は下の表と同じ。番号は表の行番号）',
    'title.children.lifeStage': 'ライフステージ別の子ども（人、期末時点）',
    'title.children.ageBand': '年齢別の子ども（人、期末時点）',
    'title.children.scoreBand': '医療的ケア判定スコア別の子ども（人、期末時点）',
    'title.children.careItem': '医療的ケア別の子ども（人、複数該当あり）',
    'title.children.assignment': '担当コーディネーターの有無（人、期末時点）',
    'title.children.byDistrict': '地区別の子ども（人、期末時点）',
    'title.handoffs.byType': '引継ぎ（件、期中に送付したもの、期末時点の状態）',
    'title.milestones.continuity': '移行の節目の期限と完了（件、期中に期限のもの）',
    'title.coordinators.caseload': 'コーディネーターの担当件数（人）',
    'title.timings': '引継ぎにかかった開庁日数（中央値 / 90%点）',
    'col.completed': '完了',
    'col.inProgress': '対応中',
    'col.returned': '差し戻し',
    'col.onTime': '期限内に完了',
    'col.late': '期限後に完了',
    'col.postponed': '延期',
    'col.overdue': '未完了（期限超過）',
    'col.coordinators': 'コーディネーター数',
    'row.assigned': '担当あり',
    'row.unassigned': '担当未定',
    'district.#other': 'その他（一覧にない地区）',
    'district.#unset': '地区未設定',
    'handoff.intake': '受付の引継ぎ',
    'handoff.package': '引継ぎパッケージ',
    'timing.toAccept': '受理・受領まで',
    'timing.toComplete': '完了まで',
    'timing.value': '{median}日 / {p90}日',
    'timing.toAcceptMedian': '受理・受領まで（中央値、開庁日）',
    'timing.toAcceptP90': '受理・受領まで（90%点、開庁日）',
    'timing.toCompleteMedian': '完了まで（中央値、開庁日）',
    'timing.toCompleteP90': '完了まで（90%点、開庁日）',
    note: '注',
    none: '該当なし',
    medianCaseload: '担当件数の中央値',
    caseloadBand: '{band}件',
    caseloadTop: '{from}件以上',
  },
  en: {
    appTitle: 'Children with medical care needs: statistics (Tsunagu)',
    period: 'FY{year} Q{quarter} ({from} to {to})',
    threshold: 'counts under {k} suppressed',
    category: 'Category',
    total: 'Total',
    ward: 'Whole ward',
    suppressedMark: '*',
    footnote: '"*" marks a suppressed count (counts under {k}, and counts hidden with them so that subtraction cannot reveal them). Zeros are shown. No names are included.',
    fictional: 'Includes fictional data',
    chartAlt: 'Bar chart (same values as the table below; numbers are the table rows)',
    'title.children.lifeStage': 'Children by life stage (at the end of the quarter)',
    'title.children.ageBand': 'Children by age (at the end of the quarter)',
    'title.children.scoreBand': 'Children by medical care score (at the end of the quarter)',
    'title.children.careItem': 'Children by care item (a child may count under several)',
    'title.children.assignment': 'Children with an assigned coordinator (at the end of the quarter)',
    'title.children.byDistrict': 'Children by district (at the end of the quarter)',
    'title.handoffs.byType': 'Handoffs sent in the quarter, as they stood at its end',
    'title.milestones.continuity': 'Transition milestones due in the quarter: done on time or late',
    'title.coordinators.caseload': 'Coordinators by caseload',
    'title.timings': 'Handoff times in ward business days (median / 90th percentile)',
    'col.completed': 'Completed',
    'col.inProgress': 'In progress',
    'col.returned': 'Returned',
    'col.onTime': 'Done by the deadline',
    'col.late': 'Done late',
    'col.postponed': 'Postponed',
    'col.overdue': 'Open, overdue',
    'col.coordinators': 'Coordinators',
    'row.assigned': 'Assigned',
    'row.unassigned': 'Not assigned',
    'district.#other': 'Other (not on the list)',
    'district.#unset': 'District not set',
    'handoff.intake': 'Intake handoff',
    'handoff.package': 'Handoff package',
    'timing.toAccept': 'to accept',
    'timing.toComplete': 'to complete',
    'timing.value': '{median} / {p90} days',
    'timing.toAcceptMedian': 'To accept (median, business days)',
    'timing.toAcceptP90': 'To accept (90th percentile, business days)',
    'timing.toCompleteMedian': 'To complete (median, business days)',
    'timing.toCompleteP90': 'To complete (90th percentile, business days)',
    note: 'Note',
    none: 'none',
    medianCaseload: 'Median caseload',
    caseloadBand: '{band} cases',
    caseloadTop: '{from} or more cases',
  },
} as const;
export type StatsTextKey = keyof (typeof TEXT)['ja'];

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

const fill = (template: string, params: Readonly<Record<string, string | number>>): string => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** Labels in one language; `transitionTitles` names the transitions (from the milestone data). */
export function statsLabels(language: Language, transitionTitles: Partial<Record<TransitionKind, LocalisedText>> = {}): StatsLabels {
  const t = translator(language);
  const words: Readonly<Record<StatsTextKey, string>> = TEXT[language];
  const text = (key: StatsTextKey, params: Readonly<Record<string, string | number>> = {}): string => fill(words[key], params);
  const has = (key: string): key is StatsTextKey => key in words;
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
          return has(`row.${key}`) ? text(`row.${key}` as StatsTextKey) : key;
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
