import { lastMonitoringContact, type ContactRecord } from './contacts';
import { compareDates, formatIsoDate, parseIsoDate, tokyoDate, type CalendarDate } from './dates';
import { addMonths } from './transitions/dueDates';
import type { MilestoneState } from './transitions/milestoneState';

/**
 * The monitoring cadence of a case (モニタリング周期): how often the coordinator checks on the support plan
 * with the family, e.g. every 3 or 6 months as set in the 支給決定. The next monitoring is due `everyMonths`
 * after the latest of: the day the cadence was set, the last home visit or interview recorded, and the
 * day a monitoring reminder was marked 完了. It is listed in 予定 and the digest like a milestone, with
 * an id that names its due date (`monitoring.due20270301`), so 完了 / 延期 work on it the same way.
 */
export const MONITORING_INTERVALS = [1, 3, 6, 12] as const;
export type MonitoringInterval = (typeof MONITORING_INTERVALS)[number];

export interface MonitoringPlan {
  readonly everyMonths: MonitoringInterval;
  /** The day the cadence was set (JST). */
  readonly since: CalendarDate;
  readonly setBy: string;
  readonly setAt: string;
}

export const MONITORING_ID_PREFIX = 'monitoring.due';
const MONITORING_ID = /^monitoring\.due(\d{4})(\d{2})(\d{2})$/;

export const monitoringIdFor = (due: CalendarDate): string => `${MONITORING_ID_PREFIX}${formatIsoDate(due).replace(/-/g, '')}`;
export const isMonitoringId = (id: string): boolean => MONITORING_ID.test(id);

/** The due date a monitoring id names, if it is one. */
export function monitoringDueOf(id: string): CalendarDate | undefined {
  const m = MONITORING_ID.exec(id);
  return m ? parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

const later = (a: CalendarDate, b: CalendarDate | undefined): CalendarDate => (b && compareDates(b, a) > 0 ? b : a);

export interface MonitoringDue {
  readonly id: string;
  /** Due date from the cadence (before any 延期). */
  readonly plannedDueDate: CalendarDate;
  /** Due date after a 延期 of this reminder, or the planned one. */
  readonly dueDate: CalendarDate;
  readonly everyMonths: MonitoringInterval;
}

/** The next monitoring reminder of a case, or undefined when no cadence is set. */
export function nextMonitoring(plan: MonitoringPlan | undefined, contacts: readonly ContactRecord[], states: readonly MilestoneState[]): MonitoringDue | undefined {
  if (!plan) return undefined;
  let anchor = later(plan.since, lastMonitoringContact(contacts));
  for (const s of states) if (s.status === 'done' && isMonitoringId(s.id)) anchor = later(anchor, tokyoDate(new Date(s.at)));
  const plannedDueDate = addMonths(anchor, plan.everyMonths);
  const id = monitoringIdFor(plannedDueDate);
  const postponed = states.find((s) => s.id === id && s.status === 'postponed');
  return { id, plannedDueDate, dueDate: postponed?.until ?? plannedDueDate, everyMonths: plan.everyMonths };
}

export type MonitoringDecision = { readonly kind: 'changed'; readonly plan: MonitoringPlan | undefined } | { readonly kind: 'unchanged' };

/** Sets, changes or (everyMonths undefined) stops the cadence; setting the same cadence again changes nothing. */
export function decideMonitoring(current: MonitoringPlan | undefined, everyMonths: MonitoringInterval | undefined, today: CalendarDate, by: string, at: string): MonitoringDecision {
  if (everyMonths === undefined) return current ? { kind: 'changed', plan: undefined } : { kind: 'unchanged' };
  if (current?.everyMonths === everyMonths) return { kind: 'unchanged' };
  return { kind: 'changed', plan: { everyMonths, since: today, setBy: by, setAt: at } };
}
