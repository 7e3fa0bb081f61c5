import { addDays, daysBetween } from '../businessCalendar';
import { ageOn, compareDates, type CalendarDate } from '../dates';
import { lifeStageOn } from '../lifeStage';
import type { ChildOnCalendar, EnrolmentKind } from './enrolment';
import { timingOf, type UpcomingMilestone } from './upcoming';

/**
 * What people did about a child's milestones (完了 / 延期), kept on the case file. The milestones
 * themselves are computed (engine + data file); only these decisions are stored, keyed by milestone id
 * (a milestone id occurs once in a child's life: every transition happens once).
 */
export const MILESTONE_STATE_STATUSES = ['done', 'postponed'] as const;
export type MilestoneStateStatus = (typeof MILESTONE_STATE_STATUSES)[number];

export interface MilestoneState {
  readonly id: string;
  readonly status: MilestoneStateStatus;
  /** The new due date of a postponed milestone. */
  readonly until?: CalendarDate;
  /** aadObjectId of who decided. */
  readonly by: string;
  /** Their display name, for the channel card of another department (「完了（○○さん）」). */
  readonly byName?: string;
  /** ISO instant. */
  readonly at: string;
}

/** A milestone as shown: its due date after any postponement, and the planned date it replaced. */
export interface TrackedMilestone extends UpcomingMilestone {
  /** The date from the milestone data when the milestone was postponed; undefined otherwise. */
  readonly plannedDueDate: CalendarDate | undefined;
}

/** Postponing further than this from today is refused (a typo such as 2207 for 2027). */
export const MAX_POSTPONE_DAYS = 366;

/**
 * The milestones to show: done ones left out, postponed ones moved to their new date (and dropped when
 * that date is beyond the horizon), in due-date order. `list` comes from upcomingMilestones.
 */
export function applyMilestoneStates(list: readonly UpcomingMilestone[], states: readonly MilestoneState[], today: CalendarDate, horizonDays: number): TrackedMilestone[] {
  const byId = new Map(states.map((s) => [s.id, s]));
  const out: TrackedMilestone[] = [];
  for (const m of list) {
    const state = byId.get(m.id);
    if (state?.status === 'done') continue;
    if (state?.status === 'postponed' && state.until) {
      const daysUntilDue = daysBetween(today, state.until);
      if (daysUntilDue > horizonDays) continue;
      out.push({ ...m, dueDate: state.until, daysUntilDue, status: timingOf(daysUntilDue), plannedDueDate: m.dueDate });
      continue;
    }
    out.push({ ...m, plannedDueDate: undefined });
  }
  return out.sort((a, b) => compareDates(a.dueDate, b.dueDate) || compareDates(a.transitionEntryDate, b.transitionEntryDate) || a.id.localeCompare(b.id));
}

export type MilestoneDecision =
  | { readonly kind: 'changed'; readonly states: readonly MilestoneState[] }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'invalidDate' };

const replaceState = (states: readonly MilestoneState[], next: MilestoneState): MilestoneState[] => [...states.filter((s) => s.id !== next.id), next];

/** 完了: marks a milestone done; doing it again changes nothing. */
export function decideDone(states: readonly MilestoneState[], id: string, by: string, at: string, byName?: string): MilestoneDecision {
  if (states.some((s) => s.id === id && s.status === 'done')) return { kind: 'unchanged' };
  return { kind: 'changed', states: replaceState(states, { id, status: 'done', by, at, ...(byName ? { byName } : {}) }) };
}

/**
 * 延期: moves a milestone to a later date. The new date must be after today, after the date it is due
 * now (a postponement never brings a step forward) and within MAX_POSTPONE_DAYS of today. Postponing a
 * done milestone reopens it.
 */
export function decidePostpone(states: readonly MilestoneState[], id: string, currentDue: CalendarDate, until: CalendarDate, today: CalendarDate, by: string, at: string, byName?: string): MilestoneDecision {
  if (compareDates(until, today) <= 0 || compareDates(until, currentDue) <= 0 || compareDates(until, addDays(today, MAX_POSTPONE_DAYS)) > 0) return { kind: 'invalidDate' };
  const existing = states.find((s) => s.id === id);
  if (existing?.status === 'postponed' && existing.until && compareDates(existing.until, until) === 0) return { kind: 'unchanged' };
  return { kind: 'changed', states: replaceState(states, { id, status: 'postponed', until, by, at, ...(byName ? { byName } : {}) }) };
}

/**
 * The child as the transition engine needs it, from what the case record holds: the birth date and the
 * current enrolment kind. Without a recorded enrolment the stage is taken from the birth date, and a
 * child before school counts as at home (so both nursery and kindergarten entry stay in view). The
 * engine uses only the kind; `since` and the place of learning are not recorded on the case and are
 * filled with neutral values the engine does not read.
 */
export function childOnCalendar(record: { readonly child: { readonly birthDate: CalendarDate }; readonly enrolment: { readonly kind: EnrolmentKind } | undefined }, today: CalendarDate): ChildOnCalendar {
  const birthDate = record.child.birthDate;
  const kind: EnrolmentKind = record.enrolment?.kind ?? kindFromAge(birthDate, today);
  const since = birthDate;
  switch (kind) {
    case 'elementary':
    case 'juniorHigh':
    case 'highSchool':
      return { birthDate, enrolment: { kind, place: 'regular', since } };
    default:
      return { birthDate, enrolment: { kind, since } };
  }
}

function kindFromAge(birthDate: CalendarDate, today: CalendarDate): EnrolmentKind {
  switch (lifeStageOn(birthDate, today)) {
    case 'infant':
    case 'preschool':
      return 'home';
    case 'elementary':
      return 'elementary';
    case 'juniorHigh':
      return 'juniorHigh';
    case 'highSchool':
      return 'highSchool';
    case 'adult':
      return ageOn(birthDate, today) >= 18 ? 'adultServices' : 'highSchool';
  }
}
