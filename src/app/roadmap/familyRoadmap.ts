import type { CalendarDate } from '../../domain/dates';
import type { LocalisedText } from '../../domain/transitions/transitionData';
import type { Language } from '../ports';
import type { RoadmapDateKind, RoadmapItem, RoadmapView } from './roadmap';

/**
 * The family version of the roadmap (見通し・ご家族用): plain words a coordinator can print or hand over.
 * Built only from family-safe fields of the roadmap (titles, what a system gives, when, where, what to
 * check), and only what is ahead: overdue milestones stay on the staff card until the coordinator marks
 * them done or postpones them (a handout must not list steps the family can no longer take). Never copied: internal notes, NOT FOUND gaps, rule paths, source URLs, the case code, and any
 * person's name (the roadmap carries none: no coordinator, no guardian, no child name).
 */

export interface FamilyRoadmapItem {
  /** "2027年1月29日まで", "2027年4月から", "今から", "2027年8月中", "時期を確認" */
  readonly when: string;
  readonly what: string;
  readonly about: string | undefined;
  readonly how: string | undefined;
  readonly where: string;
  readonly check: readonly string[];
}

export interface FamilyRoadmapView {
  readonly language: Language;
  readonly title: string;
  readonly intro: string;
  readonly period: string;
  readonly items: readonly FamilyRoadmapItem[];
  readonly undated: readonly FamilyRoadmapItem[];
  readonly closing: string;
  readonly fictional: boolean;
}

const TEXTS = {
  title: { ja: 'これからの見通し（ご家族用）', en: 'Looking ahead (for the family)' },
  intro: {
    ja: 'これから2年ほどの間にある手続きや、使えるかもしれない制度をまとめました。「確認すること」がある項目は、窓口や担当のコーディネーターと一緒に確かめましょう。',
    en: 'The steps ahead in the next two years or so, and systems you may be able to use. Where there is something to check, check it with the desk or your coordinator.',
  },
  period: { ja: '{from} から {until} まで', en: 'From {from} to {until}' },
  closing: {
    ja: 'わからないことや心配なことは、担当の医療的ケア児等コーディネーターにいつでも相談してください。内容は作成日時点のものです。',
    en: 'Ask your medical-care coordinator about anything that is unclear or worrying. The contents are as of the date this was made.',
  },
  now: { ja: '今から', en: 'Now' },
  undated: { ja: '時期を確認', en: 'Date to check' },
  contact: { ja: '電話 {contact}', en: 'Phone {contact}' },
} as const satisfies Readonly<Record<string, LocalisedText>>;

const pick = (text: LocalisedText, language: Language): string => text[language];
const fill = (template: string, params: Readonly<Record<string, string>>): string => template.replace(/\{(\w+)\}/g, (whole, k: string) => params[k] ?? whole);

/** A date in plain words: 2027年1月29日 (ja) or 2027-01-29 (en). */
export function plainDate(d: CalendarDate, language: Language, kind: 'day' | 'month' = 'day'): string {
  if (language === 'en') return kind === 'month' ? `${d.year}-${String(d.month).padStart(2, '0')}` : `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return kind === 'month' ? `${d.year}年${d.month}月` : `${d.year}年${d.month}月${d.day}日`;
}

const WHEN_SUFFIX: Readonly<Record<Exclude<RoadmapDateKind, 'now'>, LocalisedText>> = {
  due: { ja: 'まで', en: ' (by)' },
  from: { ja: 'から', en: ' (from)' },
  month: { ja: '中', en: ' (during the month)' },
  on: { ja: '', en: '' },
};

function whenOf(item: RoadmapItem, language: Language): string {
  if (!item.date) return pick(TEXTS.undated, language);
  if (item.dateKind === 'now') return pick(TEXTS.now, language);
  const date = plainDate(item.date, language, item.dateKind === 'month' ? 'month' : 'day');
  return `${date}${pick(WHEN_SUFFIX[item.dateKind], language)}`;
}

function familyItem(item: RoadmapItem, language: Language): FamilyRoadmapItem {
  const phone = item.where.contact ? fill(pick(TEXTS.contact, language), { contact: item.where.contact }) : '';
  const contact = phone ? (language === 'ja' ? `（${phone}）` : ` (${phone})`) : '';
  return {
    when: whenOf(item, language),
    what: pick(item.familyTitle, language),
    about: item.about && pick(item.about, language),
    how: item.when && pick(item.when, language),
    where: `${pick(item.where.desk, language)}${contact}`,
    check: [...new Set(item.confirmTexts.map((t) => pick(t, language)))],
  };
}

/** The family version of a roadmap, in Japanese unless asked otherwise. */
export function familyRoadmap(view: RoadmapView, language: Language = 'ja'): FamilyRoadmapView {
  return {
    language,
    title: pick(TEXTS.title, language),
    intro: pick(TEXTS.intro, language),
    period: fill(pick(TEXTS.period, language), { from: plainDate(view.today, language), until: plainDate(view.until, language) }),
    items: view.items.filter((i) => !i.overdue).map((i) => familyItem(i, language)),
    undated: view.undated.map((i) => familyItem(i, language)),
    closing: pick(TEXTS.closing, language),
    fictional: view.fictional,
  };
}
