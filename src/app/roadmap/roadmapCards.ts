import type { LocalisedText } from '../../domain/transitions/transitionData';
import { CERTIFICATE_KINDS } from '../../domain/services/catalogue';
import type { Language } from '../ports';
import type { EntitlementsForm } from './caseRoadmap';
import type { FamilyRoadmapItem, FamilyRoadmapView } from './familyRoadmap';
import { plainDate } from './familyRoadmap';
import type { RoadmapItem, RoadmapItemKind, RoadmapView } from './roadmap';
import type { ServiceLookupView, ServiceSummaryView } from './serviceLookup';

/**
 * Typed data builders for the cards cards/roadmap.json (staff), cards/familyRoadmap.json (family version)
 * and cards/serviceLookup.json (制度 <keyword>), with their texts in both languages (roadmap.*,
 * familyRoadmap.*, serviceLookup.*). The staff card's one verb is roadmap.record (利用中の制度・手帳の記録);
 * the family version and the lookup carry no verbs: only what is shown.
 */

/** Teams cards must stay under about 28 KB: long roadmaps are cut with "他に n 件". */
export const MAX_ROADMAP_ROWS = 24;
export const MAX_FAMILY_ROWS = 18;
export const MAX_LOOKUP_ROWS = 8;

export const ROADMAP_CARD_TEXTS = {
  'roadmap.title': { ja: '見通し {code}（{from}〜{until}）', en: 'Roadmap {code} ({from} – {until})' },
  'roadmap.summary': { ja: '{count}件（日付順）。この表示は記録されています。', en: '{count} items in date order. This view is recorded.' },
  'roadmap.none': { ja: 'この期間の予定や制度は見つかりませんでした。', en: 'Nothing found for this period.' },
  'roadmap.certificatesUnknown': { ja: '手帳・受給者証が記録されていないため、手帳の条件がある制度は「要確認」です。', en: 'Certificates are not recorded, so systems with certificate rules are marked "to confirm".' },
  'roadmap.kind.milestone': { ja: '予定', en: 'Step' },
  'roadmap.kind.serviceStart': { ja: '制度', en: 'System' },
  'roadmap.kind.renewal': { ja: '更新', en: 'Renewal' },
  'roadmap.kind.annualEvent': { ja: '届出', en: 'Report' },
  'roadmap.kind.serviceEnds': { ja: '終了', en: 'Ends' },
  'roadmap.overdue': { ja: '期限切れ', en: 'Overdue' },
  'roadmap.now': { ja: '今から', en: 'now' },
  'roadmap.undatedDate': { ja: '時期未定', en: 'no date' },
  'roadmap.where': { ja: '窓口：{where}', en: 'Where: {where}' },
  'roadmap.check': { ja: '要確認：{items}', en: 'To confirm: {items}' },
  'roadmap.conditions': { ja: '確認事項：{items}', en: 'Conditions: {items}' },
  'roadmap.basis': { ja: '根拠：{rules}', en: 'Basis: {rules}' },
  'roadmap.more': { ja: '他に{count}件あります。', en: '{count} more items.' },
  'roadmap.overdueNote': { ja: '期限切れの項目はご家族用には載りません。完了か延期にしてください。', en: 'Overdue items are left out of the family version: mark them done or postpone them.' },
  'roadmap.undatedTitle': { ja: '時期を確認するもの', en: 'Dates to check' },
  'roadmap.record': { ja: '利用中の制度・手帳を記録', en: 'Record systems in use and certificates' },
  'roadmap.record.services': { ja: '今使っている制度（見通しから外れます）', en: 'Systems in use now (left out of the roadmap)' },
  'roadmap.record.certificates': { ja: '持っている手帳・受給者証（何も選ばずに保存すると「なし」）', en: 'Certificates held (save with none selected for "none")' },
  'roadmap.record.save': { ja: '保存', en: 'Save' },
  'roadmap.recorded': { ja: '利用中の制度・手帳を記録しました。見通しを作り直しました。', en: 'Recorded; the roadmap was rebuilt.' },
  'roadmap.recordUnchanged': { ja: '記録は変わりませんでした。', en: 'Nothing changed.' },
  'certificate.physicalDisability': { ja: '身体障害者手帳', en: 'Physical disability certificate' },
  'certificate.intellectualDisability': { ja: '愛の手帳', en: 'Ai-no-Techo (intellectual disability)' },
  'certificate.shoman': { ja: '小児慢性特定疾病の医療受給者証', en: 'Chronic disease medical certificate' },
  'roadmap.footnote': {
    ja: '制度データ {services}・移行データ {transitions}。「要確認」は、板橋区の情報が確認できていないか、記録にない条件があるものです。ご家族用は「見通し（家族用）」で表示します。',
    en: 'Service data {services}, transition data {transitions}. "To confirm": the Itabashi facts are not confirmed, or a condition is not in the record. The family version is shown separately.',
  },
  'card.fictional': { ja: '架空データ', en: 'Fictional data' },
  'familyRoadmap.where': { ja: '窓口：{where}', en: 'Where: {where}' },
  'familyRoadmap.check': { ja: '確認すること：{items}', en: 'To check: {items}' },
  'familyRoadmap.more': { ja: 'ほかに{count}件あります。担当のコーディネーターにお尋ねください。', en: '{count} more items: ask your coordinator.' },
  'familyRoadmap.undatedTitle': { ja: '時期を確認するもの', en: 'Dates to check' },
  'familyRoadmap.none': { ja: 'この期間の予定はありません。', en: 'Nothing planned for this period.' },
  'serviceLookup.title': { ja: '制度の検索：「{query}」', en: 'Systems: "{query}"' },
  'serviceLookup.summary': { ja: '{total}件見つかりました。', en: '{total} found.' },
  'serviceLookup.none': { ja: '「{query}」に当てはまる制度は見つかりませんでした。別の言葉（例：吸引、レスパイト、学校、手当）で探してください。', en: 'No system matches "{query}". Try other words (e.g. suction, respite, school, allowance).' },
  'serviceLookup.more': { ja: '他に{count}件あります。言葉を足して絞り込めます。', en: '{count} more: add words to narrow the search.' },
  'serviceLookup.toConfirm': { ja: '（要確認）', en: ' (to confirm)' },
  'serviceLookup.fact.eligibility': { ja: '対象', en: 'Who' },
  'serviceLookup.fact.runBy': { ja: '実施', en: 'Run by' },
  'serviceLookup.fact.where': { ja: '窓口', en: 'Where' },
  'serviceLookup.fact.when': { ja: '時期', en: 'When' },
  'serviceLookup.fact.documents': { ja: '書類', en: 'Documents' },
  'serviceLookup.fact.checked': { ja: '確認日', en: 'Checked' },
  'serviceLookup.source': { ja: '出典を開く', en: 'Open source' },
  'serviceLookup.hint': { ja: '「制度 <言葉>」で探せます（例：制度 吸引、制度 レスパイト、制度 学校）。内容は出典の確認日時点のものです。', en: 'Search with "制度 <word>" (e.g. suction, respite, school). Contents are as of the date checked.' },
} as const satisfies Readonly<Record<string, LocalisedText>>;
export type RoadmapCardTextKey = keyof typeof ROADMAP_CARD_TEXTS;

function text(language: Language, key: RoadmapCardTextKey, params: Readonly<Record<string, string | number>> = {}): string {
  return ROADMAP_CARD_TEXTS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const joiner = (language: Language): string => (language === 'ja' ? '／' : ' / ');

function dateLabel(item: RoadmapItem, language: Language): string {
  if (!item.date) return text(language, 'roadmap.undatedDate');
  if (item.dateKind === 'now') return text(language, 'roadmap.now');
  const date = plainDate(item.date, language, item.dateKind === 'month' ? 'month' : 'day');
  const suffix: Record<RoadmapItem['dateKind'], LocalisedText> = {
    due: { ja: 'まで', en: ' (by)' },
    from: { ja: 'から', en: ' (from)' },
    month: { ja: '中', en: '' },
    on: { ja: '', en: '' },
    now: { ja: '', en: '' },
  };
  return `${date}${suffix[item.dateKind][language]}`;
}

const KIND_KEYS: Readonly<Record<RoadmapItemKind, RoadmapCardTextKey>> = {
  milestone: 'roadmap.kind.milestone',
  serviceStart: 'roadmap.kind.serviceStart',
  renewal: 'roadmap.kind.renewal',
  annualEvent: 'roadmap.kind.annualEvent',
  serviceEnds: 'roadmap.kind.serviceEnds',
};

function roadmapRow(item: RoadmapItem, language: Language) {
  const parts = [item.overdue ? text(language, 'roadmap.overdue') : undefined, dateLabel(item, language), text(language, KIND_KEYS[item.kind]), item.title[language]].filter(Boolean);
  const contact = item.where.contact ? (language === 'ja' ? `（${item.where.contact}）` : ` (${item.where.contact})`) : '';
  const check = [...new Set(item.confirmTexts.map((t) => t[language]))];
  return {
    heading: parts.join('｜'),
    where: text(language, 'roadmap.where', { where: `${item.where.desk[language]}${contact}` }),
    hasCheck: check.length > 0,
    check: text(language, item.toConfirm ? 'roadmap.check' : 'roadmap.conditions', { items: check.join(joiner(language)) }),
    basis: text(language, 'roadmap.basis', { rules: item.rules.join(', ') }),
    style: item.overdue ? 'attention' : item.toConfirm ? 'warning' : 'default',
    color: item.overdue ? 'Attention' : 'Default',
  };
}

/** cards/roadmap.json: the staff roadmap (見通し <案件番号>), with the rule behind every row. */
export function roadmapCardData(view: RoadmapView, language: Language, form?: EntitlementsForm, notice?: string) {
  const rows = view.items.slice(0, MAX_ROADMAP_ROWS).map((i) => roadmapRow(i, language));
  const total = view.items.length;
  return {
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    ...entitlementsFormData(language, form),
    title: text(language, 'roadmap.title', { code: view.caseCode, from: plainDate(view.today, language), until: plainDate(view.until, language) }),
    fictional: view.fictional,
    fictionalBadge: text(language, 'card.fictional'),
    summary: total + view.undated.length > 0 ? text(language, 'roadmap.summary', { count: total + view.undated.length }) : text(language, 'roadmap.none'),
    certificatesUnknown: view.certificatesUnknown,
    certificatesNote: text(language, 'roadmap.certificatesUnknown'),
    rows,
    hasMore: total > rows.length,
    more: text(language, 'roadmap.more', { count: total - rows.length }),
    hasOverdue: view.items.some((i) => i.overdue),
    overdueNote: text(language, 'roadmap.overdueNote'),
    hasUndated: view.undated.length > 0,
    undatedTitle: text(language, 'roadmap.undatedTitle'),
    undatedRows: view.undated.map((i) => roadmapRow(i, language)),
    footnote: text(language, 'roadmap.footnote', { services: view.dataVersions.services, transitions: view.dataVersions.transitions }),
  };
}

function familyRow(item: FamilyRoadmapItem, language: Language) {
  return {
    when: item.when,
    what: item.what,
    hasAbout: item.about !== undefined,
    about: item.about ?? '',
    hasHow: item.how !== undefined,
    how: item.how ?? '',
    where: text(language, 'familyRoadmap.where', { where: item.where }),
    hasCheck: item.check.length > 0,
    check: text(language, 'familyRoadmap.check', { items: item.check.join(joiner(language)) }),
  };
}

/** cards/familyRoadmap.json: the family version, plain words only (see familyRoadmap.ts for what is left out). */
export function familyRoadmapCardData(view: FamilyRoadmapView) {
  const language = view.language;
  const rows = view.items.slice(0, MAX_FAMILY_ROWS).map((i) => familyRow(i, language));
  return {
    title: view.title,
    fictional: view.fictional,
    fictionalBadge: text(language, 'card.fictional'),
    period: view.period,
    intro: view.items.length + view.undated.length > 0 ? view.intro : text(language, 'familyRoadmap.none'),
    rows,
    hasMore: view.items.length > rows.length,
    more: text(language, 'familyRoadmap.more', { count: view.items.length - rows.length }),
    hasUndated: view.undated.length > 0,
    undatedTitle: text(language, 'familyRoadmap.undatedTitle'),
    undatedRows: view.undated.map((i) => familyRow(i, language)),
    closing: view.closing,
  };
}

function lookupRow(hit: ServiceSummaryView, language: Language) {
  const sep = joiner(language);
  const facts: { label: string; value: string }[] = [
    { label: text(language, 'serviceLookup.fact.eligibility'), value: hit.eligibility.join(sep) },
    { label: text(language, 'serviceLookup.fact.runBy'), value: hit.runBy },
    { label: text(language, 'serviceLookup.fact.where'), value: hit.where },
  ];
  if (hit.when.length > 0) facts.push({ label: text(language, 'serviceLookup.fact.when'), value: hit.when.join(sep) });
  if (hit.documents.length > 0) facts.push({ label: text(language, 'serviceLookup.fact.documents'), value: hit.documents.join(sep) });
  if (hit.checkedOn) facts.push({ label: text(language, 'serviceLookup.fact.checked'), value: hit.checkedOn });
  return {
    heading: `${hit.name}${hit.toConfirm ? text(language, 'serviceLookup.toConfirm') : ''}`,
    color: hit.toConfirm ? 'Warning' : 'Default',
    gives: hit.gives,
    facts,
    hasSource: hit.sourceUrl !== undefined,
    sourceUrl: hit.sourceUrl ?? '',
  };
}

/**
 * cards/serviceLookup.json: 制度 <keyword>. The query is what the user typed: the adapter passes its card
 * text escaper (adapters/teams/escape.ts) so the words cannot inject markdown links or mentions.
 */
export function serviceLookupCardData(view: ServiceLookupView, escape: (userText: string) => string = (t) => t) {
  const language = view.language;
  const query = escape(view.query);
  const rows = view.hits.slice(0, MAX_LOOKUP_ROWS).map((h) => lookupRow(h, language));
  return {
    title: text(language, 'serviceLookup.title', { query }),
    summary: view.total > 0 ? text(language, 'serviceLookup.summary', { total: view.total }) : text(language, 'serviceLookup.none', { query }),
    rows,
    hasMore: view.total > rows.length,
    more: text(language, 'serviceLookup.more', { count: view.total - rows.length }),
    labels: { source: text(language, 'serviceLookup.source') },
    hint: text(language, 'serviceLookup.hint'),
  };
}

/** The 利用中の制度・手帳 form (Action.ShowCard): multi-selects prefilled with what the case has recorded. */
function entitlementsFormData(language: Language, form: EntitlementsForm | undefined) {
  if (!form) return { hasForm: false, form: { caseId: '', title: '', servicesLabel: '', services: '', serviceChoices: [], certificatesLabel: '', certificates: '', certificateChoices: [], save: '' } };
  return {
    hasForm: true,
    form: {
      caseId: form.caseId,
      title: text(language, 'roadmap.record'),
      servicesLabel: text(language, 'roadmap.record.services'),
      services: form.servicesInUse.join(','),
      serviceChoices: form.services.map((s) => ({ title: s.name[language], value: s.id })),
      certificatesLabel: text(language, 'roadmap.record.certificates'),
      certificates: (form.certificates ?? []).join(','),
      certificateChoices: CERTIFICATE_KINDS.map((k) => ({ title: text(language, `certificate.${k}`), value: k })),
      save: text(language, 'roadmap.record.save'),
    },
  };
}

/** The notice shown on the rebuilt roadmap after the form is saved. */
export function entitlementsNotice(language: Language, changed: boolean): string {
  return text(language, changed ? 'roadmap.recorded' : 'roadmap.recordUnchanged');
}
