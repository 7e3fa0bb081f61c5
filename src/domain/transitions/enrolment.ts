import type { CalendarDate } from '../dates';

/** Where the child spends the day now (在籍・利用先), which decides the transitions still ahead. */
export const ENROLMENT_KINDS = ['home', 'nursery', 'kindergarten', 'elementary', 'juniorHigh', 'highSchool', 'adultServices'] as const;
export type EnrolmentKind = (typeof ENROLMENT_KINDS)[number];

/**
 * The place of learning (学びの場): a regular class (通常の学級), a special-needs class at a ward school
 * (特別支援学級), or a Tokyo special-support school (特別支援学校). High schools have no 特別支援学級.
 */
export const PLACES_OF_LEARNING = ['regular', 'specialNeedsClass', 'specialSupportSchool'] as const;
export type PlaceOfLearning = (typeof PLACES_OF_LEARNING)[number];

export type Enrolment =
  | { readonly kind: 'home' | 'nursery' | 'kindergarten' | 'adultServices'; readonly since: CalendarDate }
  | { readonly kind: 'elementary' | 'juniorHigh'; readonly place: PlaceOfLearning; readonly since: CalendarDate }
  | { readonly kind: 'highSchool'; readonly place: Exclude<PlaceOfLearning, 'specialNeedsClass'>; readonly since: CalendarDate };

/** What the transition engine needs to know about a child: nothing more (least disclosure). */
export interface ChildOnCalendar {
  readonly birthDate: CalendarDate;
  readonly enrolment: Enrolment;
}
