import type { BusinessCalendar } from '../domain/businessCalendar';
import { contactsOf, milestoneStatesOf, type CaseFile } from '../domain/caseFile';
import { daysBetween } from '../domain/businessCalendar';
import { nextMonitoring, type MonitoringInterval } from '../domain/monitoring';
import { formatIsoDate, tokyoDate, type CalendarDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import { digestRows } from '../domain/transitions/digest';
import { applyMilestoneStates, childOnCalendar, type TrackedMilestone } from '../domain/transitions/milestoneState';
import type { LocalisedText, TransitionData } from '../domain/transitions/transitionData';
import { DUE_WITHIN_DAYS, timingOf, upcomingMilestones, type MilestoneTiming } from '../domain/transitions/upcoming';

/** How far ahead 予定 <案件番号> looks (a year, so the whole 就学 process is in view). */
export const CASE_HORIZON_DAYS = 365;
/** How far ahead the daily digest looks (overdue, 30 and 90 days). */
export const DIGEST_HORIZON_DAYS = DUE_WITHIN_DAYS;
/** Rows on one card (each carries its actions; Teams cards must stay under 28 KB). */
export const MAX_MILESTONE_ROWS = 15;

/** What a milestone row may show: the case code, the step, its date and who it concerns — no name. */
export interface MilestoneRowView {
  /** transition: a step from the milestone data; monitoring: the case's next monitoring (its titles are empty). */
  readonly kind?: 'transition' | 'monitoring';
  /** For a monitoring row: the cadence in months. */
  readonly everyMonths?: MonitoringInterval;
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
  /** How many of them are overdue (期限超過). */
  readonly overdue: number;
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
  return { kind, caseCode, today: formatIsoDate(today), minPostponeDate: formatIsoDate(tomorrow), horizonDays, rows: rows.slice(0, MAX_MILESTONE_ROWS), total: rows.length, overdue: rows.filter((r) => r.timing === 'overdue').length, fictional };
}

const NO_TITLE: LocalisedText = Object.freeze({ ja: '', en: '' });

/**
 * The case's next monitoring as a row, when a cadence is set, the case is open and it is due within the
 * horizon (an overdue monitoring always shows). 完了 / 延期 work on it like on a milestone.
 */
export function monitoringRow(file: CaseFile, today: CalendarDate, horizonDays: number): (MilestoneRowView & { readonly due: CalendarDate }) | undefined {
  if (file.record.anonymisedAt || file.record.status === 'closed' || file.record.status === 'transferred') return undefined;
  const next = nextMonitoring(file.monitoring, contactsOf(file), milestoneStatesOf(file));
  if (!next) return undefined;
  const daysUntilDue = daysBetween(today, next.dueDate);
  if (daysUntilDue > horizonDays) return undefined;
  const postponed = formatIsoDate(next.dueDate) !== formatIsoDate(next.plannedDueDate);
  return {
    kind: 'monitoring',
    everyMonths: next.everyMonths,
    caseId: file.record.id,
    caseCode: file.record.code,
    milestoneId: next.id,
    title: NO_TITLE,
    transitionTitle: NO_TITLE,
    organisation: 'coordinators',
    dueDate: formatIsoDate(next.dueDate),
    plannedDueDate: postponed ? formatIsoDate(next.plannedDueDate) : undefined,
    daysUntilDue,
    timing: timingOf(daysUntilDue),
    placeholder: false,
    due: next.dueDate,
  };
}

/** Every row of a case up to the horizon: transition milestones and the next monitoring, by due date. */
function caseRows(file: CaseFile, today: CalendarDate, cal: MilestoneCalendar, horizonDays: number): (MilestoneRowView & { readonly due: CalendarDate })[] {
  const rows = trackedMilestones(file, today, cal, horizonDays).map((m) => ({ ...rowView(file, m), kind: 'transition' as const, due: m.dueDate }));
  const monitoring = monitoringRow(file, today, horizonDays);
  if (!monitoring) return rows;
  const at = rows.findIndex((r) => r.dueDate > monitoring.dueDate);
  return at < 0 ? [...rows, monitoring] : [...rows.slice(0, at), monitoring, ...rows.slice(at)];
}

/** How many steps of a case are overdue now (transition milestones and monitoring): 「期限超過の予定 N件」. */
export function overdueCount(file: CaseFile, now: Date, cal: MilestoneCalendar): number {
  return caseRows(file, tokyoDate(now), cal, 0).filter((r) => r.timing === 'overdue').length;
}

/** 予定 <案件番号>: the case's milestones for the coming year, most urgent first. */
export function caseMilestonesView(file: CaseFile, now: Date, cal: MilestoneCalendar): MilestoneListView {
  const today = tokyoDate(now);
  const rows = caseRows(file, today, cal, CASE_HORIZON_DAYS).map(({ due: _d, ...row }) => row);
  return listView('case', file.record.code, today, CASE_HORIZON_DAYS, rows, file.record.fictional);
}

/** The daily digest: overdue and due-within-90-days milestones of all the given cases, most urgent first. */
export function digestView(files: readonly CaseFile[], now: Date, cal: MilestoneCalendar): MilestoneListView {
  const today = tokyoDate(now);
  const entries = files.flatMap((file) => caseRows(file, today, cal, DIGEST_HORIZON_DAYS).map(({ due, ...row }) => ({ ...row, dueDate: due, status: row.timing })));
  const rows = digestRows(entries).map(({ status: _s, ...row }) => ({ ...row, dueDate: formatIsoDate(row.dueDate) }));
  return listView('digest', undefined, today, DIGEST_HORIZON_DAYS, rows, files.some((f) => f.record.fictional));
}
