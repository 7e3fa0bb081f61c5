import { markReminderDelivered, reminderToDeliver, type DueReminder } from '../../domain/disaster/reminders';
import { cardNeedsSync, cardsOf, markCardDelivered, type CardDelivered, type RollCall, type RollCallCard } from '../../domain/disaster/rollCall';
import type { CardDelivery } from '../ports';
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

/** Posts or rewrites the summary and group cards in Teams (drawn from the roll-call as it is at delivery). */
export interface RollCallCardSender {
  showRollCallCard(rc: RollCall, card: RollCallCard): Promise<CardDelivery>;
}

export interface RollCallOutboxDeps extends DisasterDeps {
  readonly reminders: RollCallReminderSender;
  /** Absent: the roll-call has no cards to keep (use-case tests). */
  readonly cards?: RollCallCardSender;
}

export interface OutboxResult {
  /** Audit entries copied to the trail and reminders sent (or dropped as no longer needed). */
  readonly auditDelivered: number;
  readonly remindersSent: number;
  readonly remindersDropped: number;
  /** Cards posted or rewritten. */
  readonly cardsShown: number;
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

  const shown: [string, CardDelivered][] = [];
  if (deps.cards) {
    for (const card of cardsOf(rc).filter(cardNeedsSync)) {
      const delivery = await deps.cards.showRollCallCard(rc, card);
      const d = cardDelivered(card, delivery);
      if (d) shown.push([card.id, d]);
      else if (delivery.kind === 'retryLater') later(delivery.afterMs);
    }
  }

  if (auditIds.length > 0 || done.length > 0 || shown.length > 0) {
    const delivered = new Set(auditIds);
    const saved = await mutateRollCall(deps, rollCallId, (fresh) => {
      const next: RollCall = shown.reduce((acc, [id, d]) => markCardDelivered(acc, id, d), done.reduce(markReminderDelivered, { ...fresh, pendingAudit: fresh.pendingAudit.filter((e) => !delivered.has(e.id)) }));
      return JSON.stringify(next) === JSON.stringify(fresh) ? { result: undefined } : { save: next, result: undefined };
    });
    // Not saved: the audit append is idempotent and a reminder round is recognisable by its id, so the
    // next run may repeat the delivery harmlessly.
    if (saved.kind === 'busy') later(500);
  }
  return { auditDelivered: auditIds.length, remindersSent: sent, remindersDropped: dropped, cardsShown: shown.filter(([, d]) => d.kind === 'shown').length, retryAfterMs };
}

function cardDelivered(card: RollCallCard, delivery: CardDelivery): CardDelivered | undefined {
  switch (delivery.kind) {
    case 'posted':
      return { kind: 'shown', version: card.version, activityId: delivery.activityId, conversationId: delivery.conversationId };
    case 'updated':
      return { kind: 'shown', version: card.version, activityId: card.activityId ?? '', conversationId: card.address.conversationId };
    case 'notFound':
      return { kind: 'lost' };
    case 'retryLater':
      return undefined;
    case 'unreachable':
    case 'rejected':
      return { kind: 'gaveUp' };
  }
}
