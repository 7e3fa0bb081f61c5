import { CARE_ITEM_CODES, type CareItemCode } from './careItems';
import type { Urgency } from './case';
import { ageOn, compareDates, type CalendarDate } from './dates';

/** What the desk enters on the new-handoff form, after parsing (types are right; rules not yet checked). */
export interface IntakeInput {
  readonly childName: string;
  readonly childNameKana: string;
  readonly birthDate: CalendarDate;
  readonly careItems: readonly CareItemCode[];
  readonly familyNeeds: string;
  readonly urgency: Urgency;
}

export const INTAKE_LIMITS = Object.freeze({ nameMax: 40, kanaMax: 80, needsMax: 1000, maxAgeYears: 25 });

export type IntakeField = 'childName' | 'childNameKana' | 'birthDate' | 'careItems' | 'familyNeeds' | 'urgency';
/** Error codes are stable; user text lives in the i18n catalogue under the same code. */
export type IntakeErrorCode =
  | 'INTAKE.NAME_REQUIRED'
  | 'INTAKE.NAME_TOO_LONG'
  | 'INTAKE.KANA_REQUIRED'
  | 'INTAKE.KANA_NOT_KANA'
  | 'INTAKE.BIRTHDATE_REQUIRED'
  | 'INTAKE.BIRTHDATE_INVALID'
  | 'INTAKE.BIRTHDATE_FUTURE'
  | 'INTAKE.BIRTHDATE_TOO_OLD'
  | 'INTAKE.CARE_ITEMS_REQUIRED'
  | 'INTAKE.CARE_ITEM_UNKNOWN'
  | 'INTAKE.NEEDS_REQUIRED'
  | 'INTAKE.NEEDS_TOO_LONG'
  | 'INTAKE.URGENCY_INVALID';

export interface IntakeError {
  readonly field: IntakeField;
  readonly code: IntakeErrorCode;
}

const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・　\s]+$/u;
const isCareItem = (c: string): c is CareItemCode => (CARE_ITEM_CODES as readonly string[]).includes(c);

/** Domain rules for a new intake. Returns every problem at once so the form can show them together. */
export function validateIntake(input: IntakeInput, today: CalendarDate): IntakeError[] {
  const errors: IntakeError[] = [];
  const name = input.childName.trim();
  if (!name) errors.push({ field: 'childName', code: 'INTAKE.NAME_REQUIRED' });
  else if ([...name].length > INTAKE_LIMITS.nameMax) errors.push({ field: 'childName', code: 'INTAKE.NAME_TOO_LONG' });
  const kana = input.childNameKana.trim();
  if (!kana) errors.push({ field: 'childNameKana', code: 'INTAKE.KANA_REQUIRED' });
  else if (!KANA.test(kana) || [...kana].length > INTAKE_LIMITS.kanaMax) errors.push({ field: 'childNameKana', code: 'INTAKE.KANA_NOT_KANA' });
  if (compareDates(input.birthDate, today) > 0) errors.push({ field: 'birthDate', code: 'INTAKE.BIRTHDATE_FUTURE' });
  else if (ageOn(input.birthDate, today) > INTAKE_LIMITS.maxAgeYears) errors.push({ field: 'birthDate', code: 'INTAKE.BIRTHDATE_TOO_OLD' });
  if (input.careItems.length === 0) errors.push({ field: 'careItems', code: 'INTAKE.CARE_ITEMS_REQUIRED' });
  else if (!input.careItems.every(isCareItem)) errors.push({ field: 'careItems', code: 'INTAKE.CARE_ITEM_UNKNOWN' });
  const needs = input.familyNeeds.trim();
  if (!needs) errors.push({ field: 'familyNeeds', code: 'INTAKE.NEEDS_REQUIRED' });
  else if ([...needs].length > INTAKE_LIMITS.needsMax) errors.push({ field: 'familyNeeds', code: 'INTAKE.NEEDS_TOO_LONG' });
  return errors;
}
