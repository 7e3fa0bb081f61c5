import assert from 'node:assert/strict';
import { emergencySheetPage, packagePage } from '../../../../src/adapters/print/printPages';
import { buildPackage } from '../../../../src/domain/package/handoffPackage';
import { translator } from '../../../../src/i18n';
import { CaseFileMother } from '../../../support/caseFileMother';
import { CarePlanMother } from '../../../support/carePlanMother';

const all = (['basic', 'medicalCare', 'emergency', 'family'] as const).map((category) => ({ id: category, organisation: 'school' as const, category, givenBy: 'guardian' as const, recordedBy: 'd', recordedAt: '2026-11-01T00:00:00Z' }));

function pkg(name = '架空 太郎', consents = all) {
  const record = { ...CaseFileMother.intake('2026-0009').record, careItems: [{ code: 'SUCTION' as const }, { code: 'TUBE' as const }], child: { name, nameKana: 'かくう たろう', birthDate: { year: 2020, month: 4, day: 2 } } };
  const out = buildPackage(record, CarePlanMother.full(), consents, 'school', { year: 2026, month: 11, day: 25 }, '2026-11-25T00:00:00Z');
  assert.ok(out.kind === 'built');
  return out.package;
}

describe('adapters/print: printable handoff sheet and emergency sheet', () => {
  it('when the package is printed, then every shared section is on the page in Japanese with the JST time', () => {
    const page = packagePage(pkg(), translator('ja'));
    assert.match(page, /^<!doctype html><html lang="ja">/);
    assert.match(page, /引継ぎシート（案件 2026-0009）/);
    assert.match(page, /2026\/11\/25 09:00 JST/);
    for (const text of ['架空 太郎', '胃瘻から注入', '5分以上続いたら救急要請', '12:00 注入', 'プールへの参加可否', '要配慮個人情報']) assert.ok(page.includes(text), text);
    assert.ok(!/<script/i.test(page), 'no scripts');
  });

  it('when a name carries markup, then it is printed as text, not as HTML', () => {
    const page = packagePage(pkg('<img src=x onerror=alert(1)>架空'), translator('ja'));
    assert.ok(!page.includes('<img'), 'no injected element');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;架空'));
  });

  it('when a category has no consent, then it is absent from the page and named as left out', () => {
    const page = packagePage(pkg('架空 太郎', all.filter((c) => c.category !== 'emergency')), translator('ja'));
    assert.ok(!page.includes('5分以上続いたら救急要請'));
    assert.match(page, /同意がなく含めていない情報<\/th><td>緊急時情報/);
  });

  it('when the emergency sheet is printed, then it holds the name, the care and what to do, and fits the A4 page style', () => {
    const page = emergencySheetPage(pkg(), translator('ja'));
    assert.match(page, /緊急時情報シート（案件 2026-0009）/);
    assert.match(page, /@page \{ size: A4/);
    assert.match(page, /けいれんが起きたとき/);
    assert.match(page, /090-0000-0000/);
  });
});
