import { markReminderDelivered, reminderToDeliver, type DueReminder } from '../../domain/disaster/reminders';
import type { RollCall } from '../../domain/disaster/rollCall';
import { mutateRollCall } from './mutateRollCall';
import type { DisasterDeps } from './ports';

export type ReminderDelivery =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retryLater'; readonly afterMs: number }
  /** The person or channel cannot be reached (uninstalled, gone) or the request was refused: give it up. */
  | { readonly kind: 'gaveUp'; readonly status: number };

/** Sends a reminder to the responsible coordinator (personal chat) or the casework team (its channel). */
export interface RollCallReminderSender {
  sendReminder(reminder: DueReminder): Promise<ReminderDelivery>;
}

export interface RollCallOutboxDeps extends DisasterDeps {
  readonly reminders: RollCallReminderSender;
}

export interface OutboxResult {
  /** Audit entries copied to the trail and reminders sent (or dropped as no longer needed). */
  readonly auditDelivered: number;
  readonly remindersSent: number;
  readonly remindersDropped: number;
  /** Set when something must be tried again later (throttled, trail unavailable). */
  readonly retryAfterMs: number | undefined;
}

/**
 * Delivers what a committed roll-call change still owes: audit entries to the audit trail, and claimed
 * reminders to the responsible people (each with the children open at delivery time; one whose children
 * have all been confirmed meanwhile, or of a closed roll-call, is dropped unsent). Then removes what was
 * delivered from the fresh roll-call, so that work added meanwhile by others stays.
 */
export async function deliverRollCallOutbox(deps: RollCallOutboxDeps, rollCallId: string): Promise<OutboxResult | undefined> {
  const loaded = await deps.rollCalls.load(rollCallId);
  if (!loaded) return undefined;
  const rc = loaded.value;
  let retryAfterMs: number | undefined;
  const later = (ms: number) => (retryAfterMs = Math.max(retryAfterMs ?? 0, ms));

  let auditIds: string[] = [];
  if (rc.pendingAudit.length > 0) {
    try {
      await deps.audit.append(rc.pendingAudit);
      auditIds = rc.pendingAudit.map((e) => e.id);
    } catch {
      later(1000);
    }
  }

  const done: string[] = [];
  let sent = 0;
  let dropped = 0;
  for (const pending of rc.pendingReminders) {
    const reminder = reminderToDeliver(rc, pending);
    if (!reminder) {
      done.push(pending.id);
      dropped += 1;
      continue;
    }
    const delivery = await deps.reminders.sendReminder(reminder);
    if (delivery.kind === 'retryLater') later(delivery.afterMs);
    else {
      done.push(pending.id);
      if (delivery.kind === 'sent') sent += 1;
      else dropped += 1;
    }
  }

  if (auditIds.length > 0 || done.length > 0) {
    const delivered = new Set(auditIds);
    const saved = await mutateRollCall(deps, rollCallId, (fresh) => {
      const next: RollCall = done.reduce(markReminderDelivered, { ...fresh, pendingAudit: fresh.pendingAudit.filter((e) => !delivered.has(e.id)) });
      return next.pendingAudit.length === fresh.pendingAudit.length && next.pendingReminders.length === fresh.pendingReminders.length ? { result: undefined } : { save: next, result: undefined };
    });
    // Not saved: the audit append is idempotent and a reminder round is recognisable by its id, so the
    // next run may repeat the delivery harmlessly.
    if (saved.kind === 'busy') later(500);
  }
  return { auditDelivered: auditIds.length, remindersSent: sent, remindersDropped: dropped, retryAfterMs };
}
