import type { BusinessCalendar } from '../domain/businessCalendar';
import { milestoneStatesOf, type CaseFile } from '../domain/caseFile';
import { formatIsoDate, tokyoDate, type CalendarDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import { digestRows } from '../domain/transitions/digest';
import { applyMilestoneStates, childOnCalendar, type TrackedMilestone } from '../domain/transitions/milestoneState';
import type { LocalisedText, TransitionData } from '../domain/transitions/transitionData';
import { DUE_WITHIN_DAYS, upcomingMilestones, type MilestoneTiming } from '../domain/transitions/upcoming';

/** How far ahead 予定 <案件番号> looks (a year, so the whole 就学 process is in view). */
export const CASE_HORIZON_DAYS = 365;
/** How far ahead the daily digest looks (overdue, 30 and 90 days). */
export const DIGEST_HORIZON_DAYS = DUE_WITHIN_DAYS;
/** Rows on one card (each carries its actions; Teams cards must stay under 28 KB). */
export const MAX_MILESTONE_ROWS = 15;

/** What a milestone row may show: the case code, the step, its date and who it concerns — no name. */
export interface MilestoneRowView {
  readonly caseId: string;
  readonly caseCode: string;
  readonly milestoneId: string;
  readonly title: LocalisedText;
  readonly transitionTitle: LocalisedText;
  readonly organisation: OrganisationKey;
  /** YYYY-MM-DD (after any postponement). */
  readonly dueDate: string;
  /** The date from the data when the milestone was postponed. */
  readonly plannedDueDate: string | undefined;
  readonly daysUntilDue: number;
  readonly timing: MilestoneTiming;
  /** The date is a stand-in the ward has not confirmed (要確認). */
  readonly placeholder: boolean;
}

export interface MilestoneListView {
  /** 'case': 予定 <案件番号>; 'digest': the daily digest over the coordinator's cases. */
  readonly kind: 'case' | 'digest';
  readonly caseCode: string | undefined;
  readonly today: string;
  /** The earliest date a postponement may choose (tomorrow). */
  readonly minPostponeDate: string;
  readonly horizonDays: number;
  readonly rows: readonly MilestoneRowView[];
  /** How many rows there were before cutting to MAX_MILESTONE_ROWS. */
  readonly total: number;
  readonly fictional: boolean;
}

export interface MilestoneCalendar {
  readonly transitions: TransitionData;
  readonly calendar: BusinessCalendar;
}

/** A case's milestones from today up to the horizon (overdue ones always), after 完了 / 延期. */
export function trackedMilestones(file: CaseFile, today: CalendarDate, cal: MilestoneCalendar, horizonDays: number): TrackedMilestone[] {
  const child = childOnCalendar(file.record, today);
  return applyMilestoneStates(upcomingMilestones(child, today, cal.transitions, cal.calendar, horizonDays), milestoneStatesOf(file), today, horizonDays);
}

function rowView(file: CaseFile, m: TrackedMilestone): MilestoneRowView {
  return {
    caseId: file.record.id,
    caseCode: file.record.code,
    milestoneId: m.id,
    title: m.title,
    transitionTitle: m.transitionTitle,
    organisation: m.organisation,
    dueDate: formatIsoDate(m.dueDate),
    plannedDueDate: m.plannedDueDate && formatIsoDate(m.plannedDueDate),
    daysUntilDue: m.daysUntilDue,
    timing: m.status,
    placeholder: m.placeholder,
  };
}

function listView(kind: MilestoneListView['kind'], caseCode: string | undefined, today: CalendarDate, horizonDays: number, rows: readonly MilestoneRowView[], fictional: boolean): MilestoneListView {
  const tomorrow = tokyoDate(new Date(Date.UTC(today.year, today.month - 1, today.day + 1, 3)));
  return { kind, caseCode, today: formatIsoDate(today), minPostponeDate: formatIsoDate(tomorrow), horizonDays, rows: rows.slice(0, MAX_MILESTONE_ROWS), total: rows.length, fictional };
}

/** 予定 <案件番号>: the case's milestones for the coming year, most urgent first. */
export function caseMilestonesView(file: CaseFile, now: Date, cal: MilestoneCalendar): MilestoneListView {
  const today = tokyoDate(now);
  const rows = trackedMilestones(file, today, cal, CASE_HORIZON_DAYS).map((m) => rowView(file, m));
  return listView('case', file.record.code, today, CASE_HORIZON_DAYS, rows, file.record.fictional);
}

/** The daily digest: overdue and due-within-90-days milestones of all the given cases, most urgent first. */
export function digestView(files: readonly CaseFile[], now: Date, cal: MilestoneCalendar): MilestoneListView {
  const today = tokyoDate(now);
  const entries = files.flatMap((file) => trackedMilestones(file, today, cal, DIGEST_HORIZON_DAYS).map((m) => ({ ...rowView(file, m), dueDate: m.dueDate, status: m.status, milestoneId: m.id })));
  const rows = digestRows(entries).map(({ status: _s, ...row }) => ({ ...row, dueDate: formatIsoDate(row.dueDate) }));
  return listView('digest', undefined, today, DIGEST_HORIZON_DAYS, rows, files.some((f) => f.record.fictional));
}
