import type { BusinessCalendar } from '../businessCalendar';
import { compareDates, elementaryEntryYear, schoolYearOf, type CalendarDate } from '../dates';
import type { OrganisationKey } from '../directory';
import { addMonths, daysInMonth, dueDateOf } from './dueDates';
import type { ChildOnCalendar, EnrolmentKind } from './enrolment';
import type { LocalisedText, MilestoneDataStatus, MilestoneDefinition, SourceRef, TransitionData, TransitionKind } from './transitionData';

/**
 * The transition engine: from the birth date and the current enrolment, the transitions still ahead and
 * the dated milestones of each, on Japan's school-year calendar (April–March; the April 2 – April 1 cohort
 * rule via elementaryEntryYear). Pure: the milestone data and the business calendar are passed in.
 */

export interface PlannedMilestone {
  readonly id: string;
  readonly transition: TransitionKind;
  readonly title: LocalisedText;
  readonly organisation: OrganisationKey;
  readonly dueDate: CalendarDate;
  readonly dataStatus: MilestoneDataStatus;
  /** True when the fact was NOT FOUND and a conservative default stands in: show "要確認 / to confirm". */
  readonly placeholder: boolean;
  readonly note: string | undefined;
  readonly sources: readonly SourceRef[];
}

export interface PlannedTransition {
  readonly kind: TransitionKind;
  readonly title: LocalisedText;
  /** The day the new stage starts: 1 April of the entry school year, or the birthday for 18 and 20. */
  readonly entryDate: CalendarDate;
  /**
   * The entry date is already behind us while the enrolment still says the earlier stage: the enrolment
   * is probably out of date (or the child deferred entry), so its milestones come out overdue.
   */
  readonly entryPassed: boolean;
  readonly milestones: readonly PlannedMilestone[];
}

/** Stage transitions still ahead for each enrolment, in life order. */
const STAGES_AHEAD: Readonly<Record<EnrolmentKind, readonly TransitionKind[]>> = {
  home: ['nurseryEntry', 'kindergartenEntry', 'elementaryEntry', 'aikidsEntry', 'afterSchoolDayService', 'juniorHighEntry', 'highSchoolEntry', 'adultServices'],
  nursery: ['elementaryEntry', 'aikidsEntry', 'afterSchoolDayService', 'juniorHighEntry', 'highSchoolEntry', 'adultServices'],
  kindergarten: ['elementaryEntry', 'aikidsEntry', 'afterSchoolDayService', 'juniorHighEntry', 'highSchoolEntry', 'adultServices'],
  elementary: ['juniorHighEntry', 'highSchoolEntry', 'adultServices'],
  juniorHigh: ['highSchoolEntry', 'adultServices'],
  highSchool: ['adultServices'],
  adultServices: [],
};

/** Age transitions stay listed for a year after the birthday, so follow-ups (the pension claim) are not lost. */
const AGE_FOLLOW_UP_MONTHS = 12;
/** 区立指定保育園 医療的ケア児枠: 原則3歳児クラス以上 (REFERENCE.md §8) — the class the child is 3 in on 1 April. */
const NURSERY_FIRST_CLASS_AGE = 3;

const april1 = (schoolYear: number): CalendarDate => ({ year: schoolYear, month: 4, day: 1 });

/** The first day on which the child is `age` by ageOn (a 29 February birthday falls on 1 March in other years). */
export function birthdayAt(birth: CalendarDate, age: number): CalendarDate {
  const year = birth.year + age;
  if (birth.month === 2 && birth.day === 29 && daysInMonth(year, 2) === 28) return { year, month: 3, day: 1 };
  return { year, month: birth.month, day: birth.day };
}

/** Entry date of a transition, or undefined when it no longer applies. */
function entryDateOf(kind: TransitionKind, birth: CalendarDate, today: CalendarDate): CalendarDate | undefined {
  const elementary = elementaryEntryYear(birth);
  switch (kind) {
    case 'nurseryEntry':
    case 'kindergartenEntry': {
      // The first April from the 3-year-old class onwards that is still ahead, before school entry.
      const year = Math.max(elementary - (6 - NURSERY_FIRST_CLASS_AGE), schoolYearOf(today) + 1);
      return year < elementary ? april1(year) : undefined;
    }
    case 'elementaryEntry':
    case 'aikidsEntry':
    case 'afterSchoolDayService':
      return april1(elementary);
    case 'juniorHighEntry':
      return april1(elementary + 6);
    case 'highSchoolEntry':
      return april1(elementary + 9);
    case 'adultServices':
      return april1(elementary + 12); // after high-school graduation in March
    case 'age18':
    case 'age20': {
      const birthday = birthdayAt(birth, kind === 'age18' ? 18 : 20);
      return compareDates(today, addMonths(birthday, AGE_FOLLOW_UP_MONTHS)) <= 0 ? birthday : undefined;
    }
  }
}

function planMilestone(m: MilestoneDefinition, entryDate: CalendarDate, calendar: BusinessCalendar): PlannedMilestone {
  return {
    id: m.id,
    transition: m.transition,
    title: m.title,
    organisation: m.organisation,
    dueDate: dueDateOf(m.due, entryDate, calendar),
    dataStatus: m.status,
    placeholder: m.status === 'placeholder',
    note: m.note,
    sources: m.sources,
  };
}

/** The transitions still ahead for a child, in order of entry date, each with its milestones in date order. */
export function plannedTransitions(child: ChildOnCalendar, today: CalendarDate, data: TransitionData, calendar: BusinessCalendar): PlannedTransition[] {
  const kinds: TransitionKind[] = [...STAGES_AHEAD[child.enrolment.kind], 'age18', 'age20'];
  const planned: PlannedTransition[] = [];
  for (const kind of kinds) {
    const entryDate = entryDateOf(kind, child.birthDate, today);
    const definition = data.transitions.find((t) => t.id === kind);
    if (!entryDate || !definition) continue;
    const milestones = data.milestones
      .filter((m) => m.transition === kind)
      .map((m) => planMilestone(m, entryDate, calendar))
      .sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.id.localeCompare(b.id));
    const isStage = kind !== 'age18' && kind !== 'age20';
    planned.push({ kind, title: definition.title, entryDate, entryPassed: isStage && compareDates(entryDate, today) < 0, milestones });
  }
  return planned.sort((a, b) => compareDates(a.entryDate, b.entryDate));
}

