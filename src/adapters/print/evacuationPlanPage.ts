import type { Language } from '../../app/ports';
import type { CaseRecord, DeviceKind } from '../../domain/case';
import type { CareItemCode } from '../../domain/careItems';
import { formatIsoDate } from '../../domain/dates';
import { maySharePlan, planGaps, type BackupPowerKind, type EmergencyProfile, type Hazard, type HelperRole, type PlanGap, type Reconfirmation } from '../../domain/disaster/emergencyProfile';
import { deviceHours } from '../../domain/disaster/priority';
import { formatJst, type Translate } from '../../i18n';
import { html, multiline, raw, type Raw } from './html';

/**
 * The one-page base of the ward's individual evacuation plan (個別避難計画): the 名簿 items (name, birth
 * date, address, contacts, why support is needed), the devices and their power, oxygen, where to go and by
 * which route, who helps move the child, whom to call, the hospital — and what is still missing. Plain HTML
 * with print CSS, no scripts, every value escaped (as printPages.ts).
 *
 * Without a recorded consent the page says in its heading that it is a draft that must not be given to
 * anyone outside the ward (P9: the plan is not made, nor shared with 避難支援等関係者, without consent).
 *
 * Labels come from a lookup passed in. TODO(i18n): move EVACUATION_LABELS into src/i18n/ja.ts and en.ts
 * (keys `evac.*`) once the catalogue is free to edit, and pass the app's Translate directly.
 */
const EVACUATION_LABELS = {
  ja: {
    'evac.lang': 'ja',
    'evac.title': '個別避難計画（基礎情報） 案件 {code}',
    'evac.draft': '下書き：本人・家族の同意が記録されていません。同意を得るまで避難支援等関係者へ提供できません。',
    'evac.consent': '同意',
    'evac.consentValue': '{date} {giver}（提供先: {scope}）',
    'evac.giver.guardian': '保護者',
    'evac.giver.self': '本人',
    'evac.lastConfirmed': '最終確認日',
    'evac.nextDue': '次回確認期限',
    'evac.overdue': '（期限超過 {days}日）',
    'evac.dueSoon': '（あと{days}日）',
    'evac.never': '未確認',
    'evac.printedAt': '印刷日時',
    'evac.person': '本人の情報',
    'evac.name': '氏名',
    'evac.birthDate': '生年月日',
    'evac.address': '住所又は居所',
    'evac.district': '地区',
    'evac.guardians': '保護者の連絡先',
    'evac.reason': '避難支援等を必要とする事由',
    'evac.power': '医療機器と電源',
    'evac.device': '機器',
    'evac.internal': '内蔵バッテリー',
    'evac.external': '予備バッテリー',
    'evac.externalValue': '{count}個 × {hours}',
    'evac.total': '合計',
    'evac.note': 'メモ',
    'evac.hours': '{hours}時間',
    'evac.unknown': '不明',
    'evac.none': 'なし',
    'evac.backupPower': '非常用電源',
    'evac.backup.storageBattery': '蓄電池',
    'evac.backup.carPower': '車からの給電',
    'evac.backup.generator': '発電機',
    'evac.oxygen': '酸素',
    'evac.oxygenValue': '濃縮器: {concentrator} / ボンベ {cylinders}本 × {hours}（計 {total}）',
    'evac.yes': 'あり',
    'evac.no': 'なし',
    'evac.oxygenSupplier': '酸素業者',
    'evac.manual': '停電時の代替手段（蘇生バッグ・人工鼻など）',
    'evac.evacuation': '避難先と避難経路',
    'evac.hazard': '災害の種類',
    'evac.place': '避難先',
    'evac.route': '経路・注意',
    'evac.hazard.any': '共通',
    'evac.hazard.earthquake': '震災',
    'evac.hazard.riverFlood': '外水氾濫',
    'evac.hazard.inlandFlood': '内水氾濫',
    'evac.helpers': '避難を支援する人',
    'evac.role.mainCarer': '主な介助者',
    'evac.role.mover': '移動時の介助者',
    'evac.contacts': '緊急連絡先（順に）',
    'evac.hospital': '搬送先の病院',
    'evac.gaps': '未記入・要確認の項目',
    'evac.gap.consent': '同意（個別避難計画の作成・提供）',
    'evac.gap.address': '住所',
    'evac.gap.hospital': '搬送先の病院',
    'evac.gap.contacts': '緊急連絡先（2件以上）',
    'evac.gap.mover': '移動時の介助者',
    'evac.gap.evacuation': '避難先',
    'evac.gap.batteryUnknown': 'バッテリーの持続時間',
    'evac.gap.notConfirmed': '家族との確認',
    'evac.noGaps': 'なし',
  },
  en: {
    'evac.lang': 'en',
    'evac.title': 'Individual evacuation plan (base) — case {code}',
    'evac.draft': 'Draft: no consent of the child or family is recorded. It must not be given to evacuation supporters until consent is obtained.',
    'evac.consent': 'Consent',
    'evac.consentValue': '{date} by {giver} (may be shared with: {scope})',
    'evac.giver.guardian': 'guardian',
    'evac.giver.self': 'the young person',
    'evac.lastConfirmed': 'Last confirmed',
    'evac.nextDue': 'Confirm again by',
    'evac.overdue': ' (overdue by {days} days)',
    'evac.dueSoon': ' ({days} days left)',
    'evac.never': 'never confirmed',
    'evac.printedAt': 'Printed',
    'evac.person': 'The child',
    'evac.name': 'Name',
    'evac.birthDate': 'Date of birth',
    'evac.address': 'Address',
    'evac.district': 'District',
    'evac.guardians': 'Guardians',
    'evac.reason': 'Why support is needed',
    'evac.power': 'Devices and power',
    'evac.device': 'Device',
    'evac.internal': 'Internal battery',
    'evac.external': 'Spare batteries',
    'evac.externalValue': '{count} × {hours}',
    'evac.total': 'Total',
    'evac.note': 'Note',
    'evac.hours': '{hours} h',
    'evac.unknown': 'unknown',
    'evac.none': 'none',
    'evac.backupPower': 'Backup power',
    'evac.backup.storageBattery': 'storage battery',
    'evac.backup.carPower': 'car power',
    'evac.backup.generator': 'generator',
    'evac.oxygen': 'Oxygen',
    'evac.oxygenValue': 'concentrator: {concentrator} / {cylinders} cylinders × {hours} (total {total})',
    'evac.yes': 'yes',
    'evac.no': 'no',
    'evac.oxygenSupplier': 'Oxygen supplier',
    'evac.manual': 'Without power (resuscitation bag, HME…)',
    'evac.evacuation': 'Where to go and how',
    'evac.hazard': 'Hazard',
    'evac.place': 'Destination',
    'evac.route': 'Route and notes',
    'evac.hazard.any': 'any',
    'evac.hazard.earthquake': 'earthquake',
    'evac.hazard.riverFlood': 'river flood',
    'evac.hazard.inlandFlood': 'inland flood',
    'evac.helpers': 'Who helps',
    'evac.role.mainCarer': 'main carer',
    'evac.role.mover': 'helps move the child',
    'evac.contacts': 'Emergency contacts (in order)',
    'evac.hospital': 'Hospital to go to',
    'evac.gaps': 'Missing or to check',
    'evac.gap.consent': 'consent to make and share the plan',
    'evac.gap.address': 'address',
    'evac.gap.hospital': 'hospital',
    'evac.gap.contacts': 'emergency contacts (two or more)',
    'evac.gap.mover': 'someone to move the child',
    'evac.gap.evacuation': 'destination',
    'evac.gap.batteryUnknown': 'battery times',
    'evac.gap.notConfirmed': 'confirmation with the family',
    'evac.noGaps': 'none',
  },
} as const satisfies Record<Language, Record<string, string>>;

type LocalKey = keyof (typeof EVACUATION_LABELS)['ja'];
export type EvacuationLabelKey = LocalKey | `device.${DeviceKind}` | `careItem.${CareItemCode}` | 'app.fictionalBadge' | 'print.confidential';
export type EvacuationLabel = (key: EvacuationLabelKey, params?: Readonly<Record<string, string | number>>) => string;

const fill = (text: string, params: Readonly<Record<string, string | number>>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** The labels: this page's own (local for now), and the catalogue's for devices, care items and notices. */
export function evacuationLabels(language: Language, t: Translate): EvacuationLabel {
  const local: Readonly<Record<string, string>> = EVACUATION_LABELS[language];
  return (key, params = {}) => {
    const own = local[key];
    return own !== undefined ? fill(own, params) : t(key as Exclude<EvacuationLabelKey, LocalKey>, params);
  };
}

const STYLE = `
  @page { size: A4; margin: 10mm; }
  body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 9pt; line-height: 1.35; color: #111; margin: 0; }
  h1 { font-size: 13pt; margin: 0 0 1.5mm; } h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm; border-bottom: 1px solid #999; }
  p { margin: 0 0 1.5mm; } table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 0.7mm 1.5mm; vertical-align: top; text-align: left; }
  th { background: #f2f2f2; } table.kv th { width: 26%; } .note { color: #a00; font-size: 8pt; } .fictional { color: #b60; font-weight: bold; }
  .draft { border: 2px solid #a00; color: #a00; padding: 1mm; font-weight: bold; } ul, ol { margin: 0; padding-left: 4.5mm; }`;

export interface EvacuationPlanInput {
  readonly record: CaseRecord;
  readonly profile: EmergencyProfile;
  /** From `reconfirmation(profile, today, policy)`: the ward's N-month rule is applied by the caller. */
  readonly reconfirmation: Reconfirmation;
  readonly printedAt: string;
}

const kv = (pairs: readonly (readonly [string, string | Raw])[]): Raw =>
  html`<table class="kv">${pairs.map(([k, v]) => html`<tr><th>${k}</th><td>${typeof v === 'string' ? multiline(v || '—') : v}</td></tr>`)}</table>`;
const list = (items: readonly string[]): Raw => (items.length ? html`<ul>${items.map((i) => html`<li>${multiline(i)}</li>`)}</ul>` : raw('—'));
const ordered = (items: readonly string[]): Raw => (items.length ? html`<ol>${items.map((i) => html`<li>${multiline(i)}</li>`)}</ol>` : raw('—'));

function hoursText(hours: number | undefined, label: EvacuationLabel): string {
  return hours === undefined ? label('evac.unknown') : label('evac.hours', { hours: Math.round(hours * 10) / 10 });
}

function dueText(r: Reconfirmation, label: EvacuationLabel): string {
  switch (r.kind) {
    case 'neverConfirmed':
      return label('evac.never');
    case 'current':
      return formatIsoDate(r.dueOn);
    case 'dueSoon':
      return formatIsoDate(r.dueOn) + label('evac.dueSoon', { days: r.daysLeft });
    case 'overdue':
      return formatIsoDate(r.dueOn) + label('evac.overdue', { days: r.daysOverdue });
  }
}

function devicesTable(p: EmergencyProfile, label: EvacuationLabel): Raw {
  if (p.devices.length === 0) return html`<p>${label('evac.none')}</p>`;
  const rows = p.devices.map((d) => {
    const spare = d.externalBatteries.count === 0 ? label('evac.none') : label('evac.externalValue', { count: d.externalBatteries.count, hours: hoursText(d.externalBatteries.hoursEach, label) });
    return html`<tr><td>${label(`device.${d.kind}`)}</td><td>${hoursText(d.batteryHours, label)}</td><td>${spare}</td><td>${hoursText(deviceHours(d), label)}</td><td>${multiline(d.note)}</td></tr>`;
  });
  return html`<table><tr><th>${label('evac.device')}</th><th>${label('evac.internal')}</th><th>${label('evac.external')}</th><th>${label('evac.total')}</th><th>${label('evac.note')}</th></tr>${rows}</table>`;
}

function oxygenText(p: EmergencyProfile, label: EvacuationLabel): string {
  const o = p.oxygen;
  if (!o) return label('evac.none');
  const total = o.hoursPerCylinder === undefined ? undefined : o.cylinders * o.hoursPerCylinder;
  return label('evac.oxygenValue', { concentrator: label(o.concentrator ? 'evac.yes' : 'evac.no'), cylinders: o.cylinders, hours: hoursText(o.hoursPerCylinder, label), total: hoursText(total, label) });
}

export function evacuationPlanPage(input: EvacuationPlanInput, label: EvacuationLabel): string {
  const { record: r, profile: p } = input;
  const title = label('evac.title', { code: r.code });
  const consent = p.consent;
  const gaps: PlanGap[] = planGaps(p);
  // The care items say why help is needed; the devices are in their own table below (a case without care
  // items recorded yet falls back to its devices).
  const reasons = r.careItems.length ? r.careItems.map((c) => label(`careItem.${c.code}`)) : p.devices.map((d) => label(`device.${d.kind}`));
  const hazard = (h: Hazard) => label(`evac.hazard.${h}`);
  const role = (h: HelperRole) => label(`evac.role.${h}`);
  const backup = (b: BackupPowerKind) => label(`evac.backup.${b}`);

  const body = html`
<p>${r.fictional ? html`<span class="fictional">${label('app.fictionalBadge')}</span> ` : undefined}<span class="note">${label('print.confidential')}</span></p>
${maySharePlan(p) ? undefined : html`<p class="draft">${label('evac.draft')}</p>`}
${kv([[label('evac.consent'), consent ? label('evac.consentValue', { date: formatIsoDate(consent.recordedOn), giver: label(`evac.giver.${consent.givenBy}`), scope: consent.scope || '—' }) : label('evac.no')]])}
<table><tr><th>${label('evac.lastConfirmed')}</th><td>${p.lastConfirmed ? formatIsoDate(p.lastConfirmed.on) : label('evac.never')}</td><th>${label('evac.nextDue')}</th><td>${dueText(input.reconfirmation, label)}</td><th>${label('evac.printedAt')}</th><td>${formatJst(input.printedAt)}</td></tr></table>
<h2>${label('evac.person')}</h2>
${kv([
  [label('evac.name'), `${r.child.name}（${r.child.nameKana}）`],
  [label('evac.birthDate'), formatIsoDate(r.child.birthDate)],
  [label('evac.address'), p.address],
  [label('evac.district'), r.district],
  [label('evac.guardians'), list(r.guardians.map((g) => `${g.relation} ${g.name} ${g.phone}`))],
  [label('evac.reason'), reasons.join('、')],
])}
<h2>${label('evac.power')}</h2>
${devicesTable(p, label)}
${kv([
  [label('evac.backupPower'), [p.backupPower.sources.map(backup).join('、') || label('evac.none'), p.backupPower.note].filter((s) => s).join('\n')],
  [label('evac.oxygen'), oxygenText(p, label)],
  ...(p.oxygen?.supplier ? [[label('evac.oxygenSupplier'), p.oxygen.supplier] as const] : []),
  [label('evac.manual'), p.manualAlternatives],
])}
<h2>${label('evac.evacuation')}</h2>
${
  p.evacuation.length
    ? html`<table><tr><th>${label('evac.hazard')}</th><th>${label('evac.place')}</th><th>${label('evac.route')}</th></tr>${p.evacuation.map((e) => html`<tr><td>${hazard(e.hazard)}</td><td>${multiline(e.place)}</td><td>${multiline(e.routeNotes || '—')}</td></tr>`)}</table>`
    : html`<p>—</p>`
}
${kv([
  [label('evac.helpers'), list(p.helpers.map((h) => `${role(h.role)}: ${h.name}${h.relation ? `（${h.relation}）` : ''} ${h.phone}`))],
  [label('evac.contacts'), ordered(p.contacts.map((c) => `${c.who} ${c.phone}`))],
  [label('evac.hospital'), [p.hospital.name, p.hospital.phone, p.hospital.note].filter((s) => s).join('\n')],
  [label('evac.gaps'), gaps.length ? gaps.map((g) => label(`evac.gap.${g}`)).join('、') : label('evac.noGaps')],
])}`;

  return `<!doctype html>${html`<html lang="${label('evac.lang')}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head><body>
<h1>${title}</h1>${body}</body></html>`.__html}`;
}
