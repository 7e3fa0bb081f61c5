import assert from 'node:assert/strict';
import { EMPTY_CARE_PLAN, validateCarePlan } from '../../../../src/domain/package/carePlan';
import { buildPackage } from '../../../../src/domain/package/handoffPackage';
import type { ConsentRecord, DataCategory } from '../../../../src/domain/consent';
import type { OrganisationKey } from '../../../../src/domain/directory';
import { CaseFileMother } from '../../../support/caseFileMother';
import { CarePlanMother } from '../../../support/carePlanMother';

const TODAY = { year: 2026, month: 11, day: 25 };
const consent = (organisation: OrganisationKey, category: DataCategory, revokedAt?: string): ConsentRecord => ({
  id: `${organisation}-${category}`,
  organisation,
  category,
  givenBy: 'guardian',
  recordedBy: 'desk',
  recordedAt: '2026-11-01T00:00:00Z',
  ...(revokedAt ? { revokedAt, revokedBy: 'desk' } : {}),
});
const record = () => ({ ...CaseFileMother.intake('2026-0007').record, careItems: [{ code: 'SUCTION' as const }, { code: 'TUBE' as const }] });

describe('domain/package: the handoff package is filtered by consent', () => {
  it('when the school has consent for 基本情報 and 医療的ケア only, then the package holds those two sections and names the two it left out', () => {
    const out = buildPackage(record(), CarePlanMother.full(), [consent('school', 'basic'), consent('school', 'medicalCare'), consent('nursery', 'emergency')], 'school', TODAY, '2026-11-25T00:00:00Z');
    assert.equal(out.kind, 'built');
    if (out.kind !== 'built') return;
    assert.deepEqual(Object.keys(out.package.sections).sort(), ['basic', 'medicalCare']);
    assert.deepEqual(out.package.omitted, ['emergency', 'family']);
    assert.equal(out.package.sections.basic?.childName, '架空 太郎');
    assert.match(out.package.sections.medicalCare?.items.find((i) => i.code === 'TUBE')?.note ?? '', /胃瘻から注入/);
    assert.ok(!JSON.stringify(out.package).includes('けいれん'), 'the emergency plan of another consent is not there');
  });

  it('when an organisation has no consent at all (or only revoked ones), then the package is refused', () => {
    assert.deepEqual(buildPackage(record(), CarePlanMother.full(), [], 'aikids', TODAY, 'x'), { kind: 'noConsent', organisation: 'aikids' });
    const revoked = [consent('aikids', 'basic', '2026-11-20T00:00:00Z')];
    assert.equal(buildPackage(record(), CarePlanMother.full(), revoked, 'aikids', TODAY, 'x').kind, 'noConsent');
  });

  it('when every category has consent, then all four sections are there, with the score computed from the care items', () => {
    const all = (['basic', 'medicalCare', 'emergency', 'family'] as const).map((c) => consent('nursery', c));
    const out = buildPackage(record(), CarePlanMother.full(), all, 'nursery', TODAY, 'x');
    assert.ok(out.kind === 'built');
    if (out.kind !== 'built') return;
    assert.deepEqual(out.package.omitted, []);
    assert.equal(out.package.sections.medicalCare?.scoreTotal, 16); // 吸引 8 + 経管栄養 8 (R3)
    assert.equal(out.package.sections.emergency?.contacts.length, 2);
    assert.match(out.package.sections.family?.dailySchedule ?? '', /12:00 注入/);
  });

  it('when the care plan has a wrong phone or a 600-character note, then validation names the field', () => {
    const bad = { ...EMPTY_CARE_PLAN, procedures: [{ item: 'SUCTION' as const, note: 'あ'.repeat(501) }], emergency: { ...EMPTY_CARE_PLAN.emergency, contacts: [{ who: '母', phone: 'call me' }] } };
    assert.deepEqual(validateCarePlan(bad).map((e) => `${e.field}:${e.code}`), ['procedures[0]:PLAN.TEXT_TOO_LONG', 'emergency.contacts[0].phone:PLAN.PHONE_INVALID']);
    assert.deepEqual(validateCarePlan(CarePlanMother.full()), []);
  });
});
