import assert from 'node:assert/strict';
import { parseIntakeForm } from '../../../../src/adapters/teams/tsunaguBot';
import { createFormData, type CreateFormData } from '../../../../src/adapters/teams/actionData';
import { validateIntake } from '../../../../src/domain/intake';
import { ja } from '../../../../src/i18n/ja';
import { IntakeMother } from '../../support/intakeMother';

const TODAY = { year: 2026, month: 11, day: 25 } as const;
/** The raw form as Teams would send it, parsed by the verb's schema (so new fields get their defaults). */
const form = (over: Partial<CreateFormData> = {}): CreateFormData => createFormData.parse({
  formId: '6f1c2a9e-0000-4000-8000-000000000001',
  childName: '架空 花子',
  childNameKana: 'かくう はなこ',
  birthDate: '2022-05-10',
  careItems: 'SUCTION,TUBE',
  familyNeeds: '（架空）保育園入園の相談',
  urgency: 'soon',
  ...over,
});
const codes = (f: CreateFormData) => parseIntakeForm(f, TODAY).errors.map((e) => `${e.field}:${e.code}`);

describe('adapters/teams/tsunaguBot: parseIntakeForm (the intake codes that need the raw form)', () => {
  it('when the raw form is valid, then the typed input comes back with no errors', () => {
    const r = parseIntakeForm(form(), TODAY);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.input, IntakeMother.valid({ familyNeeds: '（架空）保育園入園の相談' }));
  });
  it('when the birth date is empty, then BIRTHDATE_REQUIRED and no input', () => {
    const r = parseIntakeForm(form({ birthDate: '  ' }), TODAY);
    assert.equal(r.input, undefined);
    assert.deepEqual(codes(form({ birthDate: '  ' })), ['birthDate:INTAKE.BIRTHDATE_REQUIRED']);
  });
  it('when the birth date is 2023-02-29, then BIRTHDATE_INVALID', () => {
    assert.deepEqual(codes(form({ birthDate: '2023-02-29' })), ['birthDate:INTAKE.BIRTHDATE_INVALID']);
  });
  it('when the urgency is not one of normal/soon/urgent, then URGENCY_INVALID', () => {
    assert.deepEqual(codes(form({ urgency: 'yesterday' })), ['urgency:INTAKE.URGENCY_INVALID']);
  });
  it('when a raw field fails and a domain rule fails elsewhere, then both are reported', () => {
    assert.deepEqual(new Set(codes(form({ birthDate: '2024-13-01', childName: '' }))), new Set(['birthDate:INTAKE.BIRTHDATE_INVALID', 'childName:INTAKE.NAME_REQUIRED']));
  });

  it('when every INTAKE.* code of the catalogue is looked for, then some form produces it via the parser or the domain rules', () => {
    const produced = new Set<string>();
    const forms: Partial<CreateFormData>[] = [
      { childName: '' }, { childName: '架'.repeat(41) }, { childNameKana: '' }, { childNameKana: 'kakuu' },
      { birthDate: '' }, { birthDate: '2024-1-01' }, { birthDate: '2026-11-26' }, { birthDate: '1990-01-01' },
      { careItems: '' }, { careItems: 'MAGIC' }, { familyNeeds: '' }, { familyNeeds: 'あ'.repeat(1001) }, { urgency: 'x' },
    ];
    for (const f of forms) {
      const parsed = parseIntakeForm(form(f), TODAY);
      // raw-form problems come from the parser; the domain rules run on the parsed input (as the use case does)
      const errors = parsed.input ? validateIntake(parsed.input, TODAY) : parsed.errors;
      for (const e of errors) produced.add(e.code);
    }
    const catalogue = Object.keys(ja).filter((k) => k.startsWith('INTAKE.'));
    assert.deepEqual([...produced].sort(), catalogue.sort());
  });
});
