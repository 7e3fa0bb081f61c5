import { dueReminders, recordReminders, type DueReminder, type ReminderPolicy } from '../../domain/disaster/reminders';
import { withRollCallAudit } from '../../domain/disaster/rollCall';
import { mutateRollCall } from './mutateRollCall';
import type { DisasterDeps } from './ports';
import { rollCallAuditEntry, rollCallSubject } from './rollCallAudit';

export type ClaimRemindersOutcome = { readonly kind: 'claimed'; readonly reminders: readonly DueReminder[] } | { readonly kind: 'notFound' } | { readonly kind: 'busy' };

/**
 * The reminders due now for one roll-call, claimed on the roll-call with its ETag: the round is recorded
 * and the reminder put in the roll-call's outbox (`pendingReminders`) in the same write, so two instances
 * never both claim a round, and a crash before delivery loses nothing (deliverRollCallOutbox sends it).
 */
export async function claimDueReminders(deps: DisasterDeps, rollCallId: string, policy: ReminderPolicy): Promise<ClaimRemindersOutcome> {
  const outcome = await mutateRollCall<readonly DueReminder[]>(deps, rollCallId, (rc) => {
    const now = deps.clock.now().toISOString();
    const due = dueReminders(rc, now, policy);
    if (due.length === 0) return { result: [] };
    const entries = due.map((r) => rollCallAuditEntry({ subject: rollCallSubject(rc.id), actor: 'system', operation: 'update', action: 'rollcall.remind', fields: ['reminderLog', 'pendingReminders'], at: now, conversationId: undefined, discriminator: r.id }));
    return { save: withRollCallAudit(recordReminders(rc, due, now), ...entries), result: due };
  });
  return outcome.kind === 'done' ? { kind: 'claimed', reminders: outcome.result } : outcome;
}

/** The periodic sweep: claims what is due in each open roll-call of the ward. */
export async function claimDueRemindersForWard(deps: DisasterDeps, wardId: string, policy: ReminderPolicy, limit = 20): Promise<{ readonly claimed: readonly DueReminder[]; readonly busy: readonly string[] }> {
  const claimed: DueReminder[] = [];
  const busy: string[] = [];
  for (const id of await deps.rollCalls.listOpen(wardId, limit)) {
    const outcome = await claimDueReminders(deps, id, policy);
    if (outcome.kind === 'claimed') claimed.push(...outcome.reminders);
    else if (outcome.kind === 'busy') busy.push(id);
  }
  return { claimed, busy };
}
