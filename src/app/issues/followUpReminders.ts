import { addDays } from '../../domain/businessCalendar';
import { compareDates, tokyoDate, type CalendarDate } from '../../domain/dates';
import { followUpsToRemind, markReminded } from '../../domain/issues/agenda';
import type { AgendaDeps } from './agendaDeps';
import { mutateAgenda } from './mutateAgenda';

/** Reminders start this many days before the deadline and repeat each business day until the task is done. */
export const FOLLOW_UP_LEAD_DAYS = 5;

/**
 * Follow-up tasks from conference outcomes (決定事項・担当課・期限): on business days, each open task due within
 * FOLLOW_UP_LEAD_DAYS (or overdue) is reminded once a day in its department's channel (the secretariat's when the
 * department has none). The day's reminder is
 * claimed on the agenda first (ETag), so two instances never both send it; a send that fails is released
 * and tried again by the next sweep.
 */
export async function remindFollowUps(deps: AgendaDeps & { readonly isBusinessDay: (d: CalendarDate) => boolean }): Promise<number> {
  const today = tokyoDate(deps.clock.now());
  if (!deps.isBusinessDay(today)) return 0;
  let sent = 0;
  for (const { value } of await deps.agendas.list(deps.wardId)) {
    if (value.state !== 'closed') continue;
    const due = followUpsToRemind(value, today, addDays, FOLLOW_UP_LEAD_DAYS);
    if (due.length === 0) continue;
    const claimed = await mutateAgenda(deps.agendas, deps.wardId, value.agendaId, (fresh) => {
      const ids = followUpsToRemind(fresh, today, addDays, FOLLOW_UP_LEAD_DAYS).map((f) => f.id);
      return ids.length === 0 ? { result: [] as string[] } : { save: markReminded(fresh, ids, today), result: ids };
    });
    if (claimed.kind !== 'done' || claimed.result.length === 0) continue;
    const book = deps.addressBook();
    const failed: string[] = [];
    for (const id of claimed.result) {
      const task = claimed.agenda.followUps.find((f) => f.id === id)!;
      // A department without a channel of its own (e.g. 子ども家庭総合支援センター) is reminded through the secretariat's.
      const target = (await book(task.department, undefined)) ?? (await book('secretariat', undefined));
      const delivery = target && !target.parked ? await deps.channel.showFollowUpReminder(target.address, { agendaId: value.agendaId, seq: value.seq, task, overdue: compareDates(task.due, today) < 0 }) : undefined;
      if (delivery?.kind === 'posted' || delivery?.kind === 'updated') sent++;
      else if (delivery === undefined || delivery.kind === 'retryLater') failed.push(id);
      else deps.log.warn('follow-up reminder not delivered', { status: delivery.kind === 'notFound' ? 404 : delivery.status });
    }
    if (failed.length > 0) {
      await mutateAgenda(deps.agendas, deps.wardId, value.agendaId, (fresh) => ({
        save: { ...fresh, followUps: fresh.followUps.map((f) => (failed.includes(f.id) ? { ...f, remindedOn: undefined } : f)) },
        result: undefined,
      }));
    }
  }
  return sent;
}
