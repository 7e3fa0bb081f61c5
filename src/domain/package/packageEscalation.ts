import type { BusinessCalendar } from '../businessCalendar';
import type { CalendarDate } from '../dates';
import { businessDaysWaiting, type CardPlacement } from '../handoff';
import type { PackageEscalation, PackageHandoff } from './packageHandoff';

export type { PackageEscalation } from './packageHandoff';


export interface PackageEscalationDue {
  readonly unacknowledged?: { readonly from: 0 | 1; readonly to: 1 | 2; readonly businessDays: number; readonly since: string };
  readonly unanswered: readonly { readonly questionId: string; readonly businessDays: number; readonly since: string }[];
}

const escalationsOf = (h: PackageHandoff): readonly PackageEscalation[] => h.escalations ?? [];

/** The unacknowledged escalation in force (the highest level) while the package waits for 受領. */
export function currentPackageEscalation(h: PackageHandoff): PackageEscalation | undefined {
  if (h.status !== 'sent') return undefined;
  return escalationsOf(h).filter((e) => e.kind === 'unacknowledged').sort((a, b) => b.level - a.level)[0];
}

/** The oldest question still unanswered that was escalated (shown on the sender's copy), if any. */
export function unansweredEscalation(h: PackageHandoff): PackageEscalation | undefined {
  const open = new Set(h.questions.filter((q) => !q.answer).map((q) => q.id));
  return escalationsOf(h).filter((e) => e.kind === 'unanswered' && e.questionId !== undefined && open.has(e.questionId)).sort((a, b) => a.since.localeCompare(b.since))[0];
}

/** What must be raised today (nothing on a day the ward is closed); undefined when nothing is due. */
export function packageEscalationDue(h: PackageHandoff, today: CalendarDate, calendar: BusinessCalendar, n: number): PackageEscalationDue | undefined {
  if (!calendar.isBusinessDay(today)) return undefined;
  let unacknowledged: PackageEscalationDue['unacknowledged'];
  const sent = h.history.find((e) => e.type === 'sent');
  if (h.status === 'sent' && sent) {
    const waited = businessDaysWaiting(sent.at, today, calendar);
    const due = waited >= 2 * n ? 2 : waited >= n ? 1 : 0;
    const done = currentPackageEscalation(h)?.level ?? 0;
    if (due > done) unacknowledged = { from: done === 1 ? 1 : 0, to: due as 1 | 2, businessDays: waited, since: sent.at };
  }
  const unanswered = h.status === 'sent' || h.status === 'received'
    ? h.questions
        .filter((q) => !q.answer && !escalationsOf(h).some((e) => e.kind === 'unanswered' && e.questionId === q.id))
        .map((q) => ({ questionId: q.id, businessDays: businessDaysWaiting(q.askedAt, today, calendar), since: q.askedAt }))
        .filter((q) => q.businessDays >= n)
    : [];
  return unacknowledged || unanswered.length > 0 ? { unacknowledged, unanswered } : undefined;
}

/**
 * Records the steps due and adds their cards (`fresh` when level 1 of unacknowledged is reached, `casework`
 * when level 2 is); the version goes up so that every card of the package is rewritten by the outbox.
 */
export function applyPackageEscalation(h: PackageHandoff, due: PackageEscalationDue, at: string, cards: { readonly fresh?: CardPlacement; readonly casework?: CardPlacement }): PackageHandoff {
  const added: PackageEscalation[] = [];
  const placements: CardPlacement[] = [];
  const u = due.unacknowledged;
  if (u) {
    for (let level = u.from + 1; level <= u.to; level++) added.push({ kind: 'unacknowledged', level: level as 1 | 2, since: u.since, at, businessDays: u.businessDays });
    if (u.from < 1 && cards.fresh) placements.push(cards.fresh);
    if (u.to === 2 && cards.casework) placements.push(cards.casework);
  }
  for (const q of due.unanswered) added.push({ kind: 'unanswered', level: 1, since: q.since, at, businessDays: q.businessDays, questionId: q.questionId });
  return { ...h, version: h.version + 1, escalations: [...escalationsOf(h), ...added], placements: [...h.placements, ...placements] };
}
