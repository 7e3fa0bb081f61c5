import type { BusinessCalendar } from '../businessCalendar';
import { compareDates, tokyoDate, type CalendarDate } from '../dates';
import { plannedTransitions } from '../transitions/engine';
import type { EnrolmentKind } from '../transitions/enrolment';
import { childOnCalendar } from '../transitions/milestoneState';
import { TRANSITION_KINDS, type TransitionData, type TransitionKind } from '../transitions/transitionData';
import { countInto, type RawCountTable } from './countTable';
import { endOfTokyoDay, type DateRange } from './period';
import { openBefore, type StatsCase } from './statsCase';

/**
 * The continuity measure: of the transition milestones due in a quarter, how many were done by their
 * deadline, done late, postponed, or still open and overdue at the end of the quarter.
 *
 * The deadline is the milestone's planned due date from the transition engine (a postponement moves the
 * date people see, not the deadline measured here). The figures are computed from MilestoneOccurrence,
 * a simple record any caller can prepare; milestoneOccurrences() prepares it from the case files and the
 * engine as described there.
 */
export const MILESTONE_OUTCOMES = ['onTime', 'late', 'postponed', 'overdue'] as const;
export type MilestoneOutcome = (typeof MILESTONE_OUTCOMES)[number];

export interface MilestoneOccurrence {
  readonly transition: TransitionKind;
  readonly milestoneId: string;
  readonly dueDate: CalendarDate;
  /** The decision that stood at the end of the quarter (完了 with its date, or 延期), if any. */
  readonly decision: { readonly status: 'done'; readonly on: CalendarDate } | { readonly status: 'postponed' } | undefined;
}

export function outcomeOf(o: MilestoneOccurrence): MilestoneOutcome {
  if (o.decision?.status === 'done') return compareDates(o.decision.on, o.dueDate) <= 0 ? 'onTime' : 'late';
  if (o.decision?.status === 'postponed') return 'postponed';
  return 'overdue';
}

export function continuityTable(occurrences: readonly MilestoneOccurrence[]): RawCountTable<TransitionKind, MilestoneOutcome> {
  return countInto({ id: 'milestones.continuity', unit: 'milestones', rowKeys: TRANSITION_KINDS, colKeys: MILESTONE_OUTCOMES, margins: 'both' }, occurrences, (o) => [[o.transition, outcomeOf(o)]]);
}

/** Stage order of enrolments (nursery and kindergarten are the same stage). */
const STAGE: Readonly<Record<EnrolmentKind, number>> = { home: 0, nursery: 1, kindergarten: 1, elementary: 2, juniorHigh: 3, highSchool: 4, adultServices: 5 };

/**
 * The enrolment to plan a past quarter with. The case keeps only today's enrolment: when it is at a later
 * school stage than the child's age gave on the first day of the quarter, the record was updated after
 * the quarter (the child moved on), and planning with it would drop the milestones of the step just
 * taken; the stage from the age is used instead. Nursery and kindergarten are kept whatever the age.
 */
function enrolmentThen(c: StatsCase, from: CalendarDate): EnrolmentKind | undefined {
  const byAge = childOnCalendar({ child: { birthDate: c.birthDate }, enrolment: undefined }, from).enrolment.kind;
  const recorded = c.enrolmentKind;
  if (recorded === undefined) return undefined;
  return STAGE[recorded] > Math.max(STAGE[byAge], 1) ? byAge : recorded;
}

/**
 * The milestones due in the range, of children whose case was open on the due date:
 * - planned by the transition engine as on the range's first day (plannedTransitions with today = from),
 *   with the enrolment of enrolmentThen(); each milestone id occurs at most once per child;
 * - the decision is the 完了 / 延期 state on the case file if it was made before the range ended.
 *   The case file keeps only the latest decision per milestone, so a decision made after the quarter hides
 *   the one that stood at its end (counted as no decision: overdue). Figures for a past quarter are
 *   therefore as stable as the milestone states are; a history of decisions would make them exact.
 */
export function milestoneOccurrences(cases: readonly StatsCase[], range: DateRange, data: TransitionData, calendar: BusinessCalendar): MilestoneOccurrence[] {
  const endMs = endOfTokyoDay(range.to);
  const out: MilestoneOccurrence[] = [];
  // The plan depends only on the birth date and the enrolment: children who share them share it, so the
  // milestones due in the quarter are worked out once per (birth date, enrolment).
  type Due = { readonly transition: TransitionKind; readonly id: string; readonly dueDate: CalendarDate; readonly dueEndMs: number };
  const dueByPlan = new Map<string, readonly Due[]>();
  for (const c of cases) {
    const kind = enrolmentThen(c, range.from);
    const key = `${c.birthDate.year}-${c.birthDate.month}-${c.birthDate.day}|${kind ?? ''}`;
    let due = dueByPlan.get(key);
    if (due === undefined) {
      const child = childOnCalendar({ child: { birthDate: c.birthDate }, enrolment: kind === undefined ? undefined : { kind } }, range.from);
      due = plannedTransitions(child, range.from, data, calendar).flatMap((t) =>
        t.milestones.filter((m) => compareDates(m.dueDate, range.from) >= 0 && compareDates(m.dueDate, range.to) <= 0).map((m) => ({ transition: m.transition, id: m.id, dueDate: m.dueDate, dueEndMs: endOfTokyoDay(m.dueDate) })),
      );
      dueByPlan.set(key, due);
    }
    if (due.length === 0) continue;
    const states = new Map(c.milestones.filter((s) => Date.parse(s.at) < endMs).map((s) => [s.id, s]));
    for (const m of due) {
      if (!openBefore(c, m.dueEndMs)) continue;
      const s = states.get(m.id);
      const decision = s === undefined ? undefined : s.status === 'done' ? { status: 'done' as const, on: tokyoDate(new Date(s.at)) } : { status: 'postponed' as const };
      out.push({ transition: m.transition, milestoneId: m.id, dueDate: m.dueDate, decision });
    }
  }
  return out;
}
