import { CARE_ITEMS } from '../../domain/careItems';
import type { HandoffPackage } from '../../domain/package/handoffPackage';
import { formatJst, type Translate } from '../../i18n';
import type { MessageKey } from '../../i18n/ja';
import { html, multiline, raw, type Raw } from './html';

/**
 * Printable pages a liaison or the family can keep: the handoff package (引継ぎシート) and the one-page
 * emergency information sheet (緊急時情報シート, after the national MEIS emergency record). Plain HTML with
 * print CSS, no scripts, no external resources; every value is escaped.
 */
const STYLE = `
  @page { size: A4; margin: 14mm; }
  body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 10.5pt; color: #111; }
  h1 { font-size: 15pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
  th { width: 30%; background: #f2f2f2; } .note { color: #a00; font-size: 9pt; } .fictional { color: #b60; font-weight: bold; }
  ul { margin: 0; padding-left: 5mm; }`;

function page(title: string, fictional: boolean, t: Translate, body: Raw): string {
  return `<!doctype html>${html`<html lang="ja"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head><body>
<h1>${title}</h1>${fictional ? html`<p class="fictional">${t('app.fictionalBadge')}</p>` : undefined}<p class="note">${t('print.confidential')}</p>${body}</body></html>`.__html}`;
}

const rows = (pairs: readonly (readonly [string, string | Raw])[]): Raw => raw(pairs.map(([k, v]) => html`<tr><th>${k}</th><td>${typeof v === 'string' ? multiline(v) : v}</td></tr>`.__html).join(''));
const list = (items: readonly string[], empty: string): Raw => (items.length ? html`<ul>${items.map((i) => html`<li>${multiline(i)}</li>`)}</ul>` : raw(empty));

export function packagePage(pkg: HandoffPackage, t: Translate): string {
  const s = pkg.sections;
  const parts: Raw[] = [
    html`<table>${rows([
      [t('package.to'), t(`org.${pkg.organisation}` as MessageKey)],
      [t('package.builtAt'), formatJst(pkg.builtAt)],
      [t('package.omitted'), pkg.omitted.length ? pkg.omitted.map((c) => t(`category.${c}` as MessageKey)).join('・') : t('package.nothingOmitted')],
    ])}</table>`,
  ];
  if (s.basic) {
    parts.push(html`<h2>${t('category.basic')}</h2><table>${rows([
      [t('case.name'), `${s.basic.childName}（${s.basic.childNameKana}）`],
      [t('case.birthDate'), t('case.birthDateValue', { date: s.basic.birthDate, age: s.basic.age })],
      [t('handoff.lifeStage'), t(`lifeStage.${s.basic.lifeStage}`)],
      [t('case.enrolment'), s.basic.enrolment ? `${t(`enrolment.${s.basic.enrolment.kind}` as MessageKey)} ${s.basic.enrolment.place}` : t('enrolment.none')],
      [t('case.coordinator'), s.basic.coordinator ?? t('case.coordinatorNone')],
      [t('package.agreed'), list(s.basic.agreed, '—')],
      [t('package.open'), list(s.basic.open, '—')],
    ])}</table>`);
  }
  if (s.medicalCare) {
    parts.push(html`<h2>${t('category.medicalCare')}</h2><table>${rows([
      ...s.medicalCare.items.map((i) => [t(`careItem.${i.code}` as MessageKey), i.note || t('package.noNote')] as const),
      [t('package.score'), `${s.medicalCare.scoreTotal}${s.medicalCare.scoreWatchPending ? t('case.scorePending') : ''}`],
      [t('case.devices'), s.medicalCare.devices.map((d) => (d.batteryHours !== undefined ? t('case.batteryValue', { device: t(`device.${d.kind}` as MessageKey), hours: d.batteryHours }) : t(`device.${d.kind}` as MessageKey))).join('、') || '—'],
    ])}</table>`);
  }
  if (s.emergency) parts.push(emergencyTable(s.emergency, t));
  if (s.family) {
    parts.push(html`<h2>${t('category.family')}</h2><table>${rows([
      [t('package.dailySchedule'), s.family.dailySchedule || '—'],
      [t('package.familyWishes'), s.family.familyWishes || '—'],
    ])}</table>`);
  }
  return page(t('package.title', { code: pkg.caseCode }), pkg.fictional, t, raw(parts.map((p) => p.__html).join('')));
}

function emergencyTable(e: NonNullable<HandoffPackage['sections']['emergency']>, t: Translate): Raw {
  return html`<h2>${t('category.emergency')}</h2><table>${rows([
    [t('package.hospital'), e.hospital || '—'],
    [t('package.contacts'), list(e.contacts.map((c) => `${c.who} ${c.phone}`), '—')],
    [t('package.ifTubeOut'), e.ifTubeOut || '—'],
    [t('package.ifSeizure'), e.ifSeizure || '—'],
    [t('package.otherEmergency'), e.other || '—'],
  ])}</table>`;
}

/** One page for the family and receivers: who the child is, the care, the devices and what to do. */
export function emergencySheetPage(pkg: HandoffPackage, t: Translate): string {
  const s = pkg.sections;
  const parts: Raw[] = [];
  if (s.basic) parts.push(html`<table>${rows([[t('case.name'), `${s.basic.childName}（${s.basic.childNameKana}）`], [t('case.birthDate'), t('case.birthDateValue', { date: s.basic.birthDate, age: s.basic.age })]])}</table>`);
  if (s.medicalCare) parts.push(html`<h2>${t('category.medicalCare')}</h2>${list(s.medicalCare.items.map((i) => `${t(`careItem.${i.code}` as MessageKey)}（${CARE_ITEMS[i.code].row}）${i.note ? `: ${i.note}` : ''}`), '—')}`);
  if (s.emergency) parts.push(emergencyTable(s.emergency, t));
  if (!parts.length) parts.push(html`<p>${t('package.nothingShared')}</p>`);
  return page(t('package.emergencySheetTitle', { code: pkg.caseCode }), pkg.fictional, t, raw(parts.map((p) => p.__html).join('')));
}
