import { ageOn, CalendarDate, elementaryEntryYear, schoolYearOf } from './dates';

/** Life stages on the Japanese school calendar (used for channel cards and transitions). */
export const LIFE_STAGES = ['infant', 'preschool', 'elementary', 'juniorHigh', 'highSchool', 'adult'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];

/**
 * Life stage from the birth date on a given date: 0–2 infant (乳児期), then preschool until the April of
 * elementary entry, elementary (6 years), junior high (3), high school (3), then adult.
 */
export function lifeStageOn(birth: CalendarDate, on: CalendarDate): LifeStage {
  const grade = schoolYearOf(on) - elementaryEntryYear(birth); // 0 = first grade of elementary
  if (grade >= 12) return 'adult';
  if (grade >= 9) return 'highSchool';
  if (grade >= 6) return 'juniorHigh';
  if (grade >= 0) return 'elementary';
  return ageOn(birth, on) < 3 ? 'infant' : 'preschool';
}

/** Age bands shown in channels instead of the exact age (least disclosure). */
export type AgeBand = '0-2' | '3-5' | '6-11' | '12-14' | '15-17' | '18+';
export function ageBand(age: number): AgeBand {
  if (age < 3) return '0-2';
  if (age < 6) return '3-5';
  if (age < 12) return '6-11';
  if (age < 15) return '12-14';
  if (age < 18) return '15-17';
  return '18+';
}

/** The life stage from the enrolment when it is known (a child may start school late), else from the birth date. */
export function lifeStageOf(birth: CalendarDate, enrolment: { readonly kind: string } | undefined, on: CalendarDate): LifeStage {
  switch (enrolment?.kind) {
    case 'nursery':
    case 'kindergarten':
      return 'preschool';
    case 'elementary':
      return 'elementary';
    case 'juniorHigh':
      return 'juniorHigh';
    case 'highSchool':
      return 'highSchool';
    case 'adultServices':
      return 'adult';
    default:
      return lifeStageOn(birth, on);
  }
}
