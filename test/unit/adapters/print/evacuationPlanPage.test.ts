import assert from 'node:assert/strict';
import { evacuationLabels, evacuationPlanPage } from '../../../../src/adapters/print/evacuationPlanPage';
import type { CaseRecord } from '../../../../src/domain/case';
import { EMPTY_EMERGENCY_PROFILE, reconfirmation, type EmergencyProfile } from '../../../../src/domain/disaster/emergencyProfile';
import { translator } from '../../../../src/i18n';
import { CaseFileMother } from '../../../support/caseFileMother';
import { device, ProfileMother } from '../../domain/disaster/disasterMother';

const TODAY = { year: 2026, month: 11, day: 25 };
const ja = evacuationLabels('ja', translator('ja'));

function record(name = '架空 太郎'): CaseRecord {
  const base = CaseFileMother.intake('2026-0009').record;
  return {
    ...base,
    child: { name, nameKana: 'かくう たろう', birthDate: { year: 2020, month: 4, day: 2 } },
    careItems: [{ code: 'VENT' }, { code: 'SUCTION' }],
    district: '大山',
    guardians: [{ name: '架空 母', relation: '母', phone: '090-0000-0000' }],
  };
}
function page(profile: EmergencyProfile = ProfileMother.complete(), name?: string, label = ja) {
  return evacuationPlanPage({ record: record(name), profile, reconfirmation: reconfirmation(profile, TODAY, { everyMonths: 12, soonDays: 30 }), printedAt: '2026-11-25T00:00:00Z' }, label);
}

describe('adapters/print: the one-page 個別避難計画 base', () => {
  it('when a complete profile is printed, then the 名簿 items, devices with their battery totals, routes, helpers and contacts are on one A4 page', () => {
    const html = page();
    assert.match(html, /^<!doctype html><html lang="ja">/);
    assert.match(html, /@page \{ size: A4/);
    assert.match(html, /個別避難計画（基礎情報） 案件 2026-0009/);
    for (const text of ['架空 太郎（かくう たろう）', '2020-04-02', '板橋区大山町0-0-0', '人工呼吸器の管理', '吸引（口鼻腔・気管内）', '2個 × 3時間', '10時間', '車からの給電', 'ボンベ 2本 × 5時間（計 10時間）', '震災', '区立大山小学校', '移動時の介助者: （架空）町会 役員', '<ol><li>母 090-0000-0000</li>', '板橋こども医療センター', '2027-04-10', '2026/11/25 09:00 JST', '要配慮個人情報']) {
      assert.ok(html.includes(text), text);
    }
    assert.match(html, /未記入・要確認の項目<\/th><td>なし/);
    assert.ok(!html.includes('下書き'), 'consent is recorded');
    assert.ok(!/<script/i.test(html));
  });

  it('when there is no consent, then the page says it is a draft that may not be shared, and lists what is missing', () => {
    const html = page({ ...EMPTY_EMERGENCY_PROFILE, devices: [device('suction', undefined)] });
    assert.match(html, /class="draft">下書き：本人・家族の同意が記録されていません/);
    assert.match(html, /未記入・要確認の項目<\/th><td>同意（個別避難計画の作成・提供）、住所、搬送先の病院/);
    assert.ok(html.includes('<td>不明</td>'), 'unknown battery printed as 不明');
    assert.match(html, /次回確認期限<\/th><td>未確認/);
  });

  it('when the re-confirmation is overdue, then the due date says by how many days', () => {
    const html = page({ ...ProfileMother.complete(), lastConfirmed: { on: { year: 2025, month: 11, day: 1 }, by: 'd' } });
    assert.match(html, /2026-11-01（期限超過 24日）/);
  });

  it('when a value carries markup, then it is printed as text', () => {
    const html = page(ProfileMother.complete(), '<img src=x onerror=alert(1)>');
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('when printed in English, then the labels and the catalogue device names are English', () => {
    const html = page(ProfileMother.complete(), undefined, evacuationLabels('en', translator('en')));
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Individual evacuation plan \(base\) — case 2026-0009/);
    assert.ok(!/個別避難計画|非常用電源/.test(html));
  });
});
