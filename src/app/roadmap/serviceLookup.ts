import { formatIsoDate } from '../../domain/dates';
import type { AgeRange, RunBy, ServiceCatalogue, ServiceDefinition } from '../../domain/services/catalogue';
import { CARE_ITEM_TERMS } from '../../domain/services/careItemTerms';
import { lookupServices, type MatchKind } from '../../domain/services/lookup';
import type { LocalisedText } from '../../domain/transitions/transitionData';
import type { Language } from '../ports';

/**
 * 制度 <keyword>: the systems matching the words, as a view a card can show (staff and families alike: it
 * shows no case data). Each hit says what the system gives, who is eligible, who runs it, where to apply,
 * when, which documents, the source and the day it was checked — and 要確認 when the Itabashi facts are
 * not confirmed. Pure: the catalogue is passed in; no read of case data, so nothing to audit.
 */

export interface ServiceSummaryView {
  readonly id: string;
  readonly name: string;
  readonly gives: string;
  readonly runBy: string;
  readonly where: string;
  readonly eligibility: readonly string[];
  readonly when: readonly string[];
  readonly documents: readonly string[];
  /** 要確認: the entry is a placeholder or the Itabashi desk is inferred. */
  readonly toConfirm: boolean;
  readonly status: ServiceDefinition['status'];
  readonly matchedBy: readonly MatchKind[];
  readonly sourceUrl: string | undefined;
  /** YYYY-MM-DD: the latest checkedOn of the sources. */
  readonly checkedOn: string | undefined;
}

export interface ServiceLookupView {
  readonly query: string;
  readonly total: number;
  readonly hits: readonly ServiceSummaryView[];
  readonly language: Language;
}

const RUN_BY: Readonly<Record<RunBy, LocalisedText>> = {
  ward: { ja: '区', en: 'The ward' },
  tokyo: { ja: '東京都', en: 'Tokyo' },
  national: { ja: '国', en: 'National' },
};

const T = {
  anyCareItem: { ja: '医療的ケアがあること', en: 'Needs medical care' },
  careItems: { ja: '医療的ケア：{items}のいずれか', en: 'Medical care: any of {items}' },
  devices: { ja: '機器：{items}', en: 'Devices: {items}' },
  enrolments: { ja: '通っている所：{items}', en: 'Attends: {items}' },
  certificates: { ja: '手帳など：{items}', en: 'Certificates: {items}' },
  or: { ja: '、', en: ', ' },
} as const satisfies Readonly<Record<string, LocalisedText>>;

const DEVICE_NAMES: Readonly<Record<string, LocalisedText>> = {
  ventilator: { ja: '人工呼吸器', en: 'ventilator' },
  suction: { ja: '吸引器', en: 'suction unit' },
  oxygenConcentrator: { ja: '酸素濃縮器', en: 'oxygen concentrator' },
  feedingPump: { ja: '経管栄養ポンプ', en: 'feeding pump' },
  pulseOximeter: { ja: 'パルスオキシメーター', en: 'pulse oximeter' },
  other: { ja: 'その他の機器', en: 'other device' },
};
const ENROLMENT_NAMES: Readonly<Record<string, LocalisedText>> = {
  home: { ja: '在宅', en: 'home' },
  nursery: { ja: '保育園', en: 'nursery' },
  kindergarten: { ja: '幼稚園', en: 'kindergarten' },
  elementary: { ja: '小学校', en: 'elementary school' },
  juniorHigh: { ja: '中学校', en: 'junior high school' },
  highSchool: { ja: '高校', en: 'high school' },
  adultServices: { ja: '成人期のサービス', en: 'adult services' },
};
const CERTIFICATE_NAMES: Readonly<Record<string, LocalisedText>> = {
  physicalDisability: { ja: '身体障害者手帳', en: 'physical disability certificate' },
  intellectualDisability: { ja: '愛の手帳', en: 'Ai-no-Techo' },
  shoman: { ja: '小児慢性特定疾病の医療受給者証', en: 'chronic disease medical certificate' },
};

const fill = (template: string, params: Readonly<Record<string, string>>): string => template.replace(/\{(\w+)\}/g, (whole, k: string) => params[k] ?? whole);

/** The class name of a school-class age: 3 → 3歳児クラス, 6 → 小学1年, 12 → 高校1年. */
function className(n: number, language: Language): string {
  if (language === 'en') return n < 6 ? `age-${n} class` : `grade ${n - 5}`;
  if (n < 6) return `${n}歳児クラス`;
  if (n < 12) return `小学${n - 5}年`;
  if (n < 15) return `中学${n - 11}年`;
  return `高校${n - 14}年`;
}

/** An age range in words: "20歳未満", "3歳児クラス〜5歳児クラス", "小学1年〜高校3年", "小学校入学前". */
export function ageRangeText(r: AgeRange, language: Language): string {
  const ja = language === 'ja';
  if (r.basis === 'birthday') {
    if (r.fromYears !== undefined && r.untilYears !== undefined) return ja ? `${r.fromYears}歳以上${r.untilYears}歳未満` : `aged ${r.fromYears} to under ${r.untilYears}`;
    if (r.untilYears !== undefined) return ja ? `${r.untilYears}歳未満` : `under ${r.untilYears}`;
    return ja ? `${r.fromYears ?? 0}歳以上` : `aged ${r.fromYears ?? 0} or over`;
  }
  const from = r.fromYears;
  const last = r.untilYears === undefined ? undefined : r.untilYears - 1;
  if (from === undefined && r.untilYears === 6) return ja ? '小学校入学前' : 'before elementary school';
  if (from !== undefined && last !== undefined) return from === last ? className(from, language) : `${className(from, language)}${ja ? '〜' : ' – '}${className(last, language)}`;
  if (from !== undefined) return ja ? `${className(from, language)}から` : `from ${className(from, language)}`;
  return ja ? `${className(last ?? 0, language)}まで` : `up to ${className(last ?? 0, language)}`;
}

/** Who is eligible, as lines of plain text (from the catalogue's rules and conditions). */
export function eligibilityLines(s: ServiceDefinition, language: Language): string[] {
  const e = s.eligibility;
  const sep = T.or[language];
  const lines: string[] = [];
  if (e.ages.length > 0) lines.push(e.ages.map((a) => ageRangeText(a, language)).join(sep));
  if (e.ageException) lines.push(e.ageException.text[language]);
  if (e.needs?.anyCareItem) lines.push(T.anyCareItem[language]);
  if (e.needs && e.needs.careItems.length > 0) lines.push(fill(T.careItems[language], { items: e.needs.careItems.map((c) => CARE_ITEM_TERMS[c][0] ?? c).join(sep) }));
  if (e.needs && e.needs.devices.length > 0) lines.push(fill(T.devices[language], { items: e.needs.devices.map((d) => DEVICE_NAMES[d]?.[language] ?? d).join(sep) }));
  if (e.enrolments) lines.push(fill(T.enrolments[language], { items: e.enrolments.map((k) => ENROLMENT_NAMES[k]?.[language] ?? k).join(sep) }));
  if (e.certificates) {
    const unit = (kind: string): string => (kind === 'intellectualDisability' ? '度' : '級');
    const items = e.certificates.anyOf.map((c) => `${CERTIFICATE_NAMES[c.kind]?.[language] ?? c.kind}${c.maxGrade === undefined ? '' : language === 'ja' ? `（1〜${c.maxGrade}${unit(c.kind)}）` : ` (grade 1–${c.maxGrade})`}`);
    lines.push(fill(T.certificates[language], { items: items.join(sep) }));
    if (e.certificates.otherRoutes) lines.push(e.certificates.otherRoutes[language]);
  }
  if (e.assessment) lines.push(e.assessment[language]);
  for (const c of e.conditions) lines.push(c[language]);
  return lines;
}

export function serviceSummary(s: ServiceDefinition, language: Language, matchedBy: readonly MatchKind[] = []): ServiceSummaryView {
  const desk = s.apply.desk[language];
  const contact = s.apply.contact ? (language === 'ja' ? `（電話 ${s.apply.contact}）` : ` (phone ${s.apply.contact})`) : '';
  const checked = [...s.sources].sort((a, b) => b.checkedOn.year - a.checkedOn.year || b.checkedOn.month - a.checkedOn.month || b.checkedOn.day - a.checkedOn.day)[0];
  const t = s.timing;
  return {
    id: s.id,
    name: s.name[language],
    gives: s.gives[language],
    runBy: RUN_BY[s.runBy][language],
    where: `${desk}${contact}`,
    eligibility: eligibilityLines(s, language),
    when: [t.apply, t.processing, t.renewal.text].filter((x): x is LocalisedText => x !== undefined).map((x) => x[language]),
    documents: s.documents.map((d) => d[language]),
    toConfirm: s.status === 'placeholder' || !s.apply.confirmed,
    status: s.status,
    matchedBy,
    sourceUrl: s.sources[0]?.url,
    checkedOn: checked && formatIsoDate(checked.checkedOn),
  };
}

/** 制度 <keyword>: the best matches first. */
export function serviceLookupView(catalogue: ServiceCatalogue, query: string, language: Language, limit?: number): ServiceLookupView {
  const result = lookupServices(catalogue, query, limit);
  return { query, total: result.total, hits: result.hits.map((h) => serviceSummary(h.service, language, h.matchedBy)), language };
}
