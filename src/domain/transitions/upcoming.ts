import { daysBetween, type BusinessCalendar } from '../businessCalendar';
import { compareDates, type CalendarDate } from '../dates';
import { plannedTransitions, type PlannedMilestone } from './engine';
import type { ChildOnCalendar } from './enrolment';
import type { LocalisedText, TransitionData } from './transitionData';

/** Where a milestone stands for the daily digest (what is overdue, due, coming in the next 30/90 days). */
export const MILESTONE_TIMINGS = ['overdue', 'dueWithin30Days', 'dueWithin90Days', 'later'] as const;
export type MilestoneTiming = (typeof MILESTONE_TIMINGS)[number];

export const DUE_SOON_DAYS = 30;
export const DUE_WITHIN_DAYS = 90;

export interface UpcomingMilestone extends PlannedMilestone {
  readonly status: MilestoneTiming;
  /** Calendar days from today to the due date (negative when overdue). */
  readonly daysUntilDue: number;
  readonly transitionTitle: LocalisedText;
  readonly transitionEntryDate: CalendarDate;
}

export interface UpcomingOptions {
  /** Milestone ids already done for this child (完了), left out of the list. */
  readonly completed?: ReadonlySet<string>;
}

export function timingOf(daysUntilDue: number): MilestoneTiming {
  if (daysUntilDue < 0) return 'overdue';
  if (daysUntilDue <= DUE_SOON_DAYS) return 'dueWithin30Days';
  if (daysUntilDue <= DUE_WITHIN_DAYS) return 'dueWithin90Days';
  return 'later';
}

/**
 * A child's milestones that are overdue or due within `horizonDays` of today, in date order. Overdue
 * milestones are always included (until marked completed): an overdue step must stay visible.
 */
export function upcomingMilestones(
  child: ChildOnCalendar,
  today: CalendarDate,
  data: TransitionData,
  calendar: BusinessCalendar,
  horizonDays: number,
  options: UpcomingOptions = {},
): UpcomingMilestone[] {
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new RangeError(`TRANSITIONS.BAD_HORIZON: horizonDays must be a whole number ≥ 0, got ${horizonDays}`);
  const completed = options.completed ?? new Set<string>();
  const out: UpcomingMilestone[] = [];
  for (const t of plannedTransitions(child, today, data, calendar)) {
    for (const m of t.milestones) {
      if (completed.has(m.id)) continue;
      const daysUntilDue = daysBetween(today, m.dueDate);
      if (daysUntilDue > horizonDays) continue;
      out.push({ ...m, status: timingOf(daysUntilDue), daysUntilDue, transitionTitle: t.title, transitionEntryDate: t.entryDate });
    }
  }
  return out.sort((a, b) => compareDates(a.dueDate, b.dueDate) || compareDates(a.transitionEntryDate, b.transitionEntryDate) || a.id.localeCompare(b.id));
}
