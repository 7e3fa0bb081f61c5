import { randomUUID } from 'node:crypto';
import type { RollCallCardSender, RollCallReminderSender, ReminderDelivery } from '../../app/disaster/deliverRollCallOutbox';
import type { RollCallRepository } from '../../app/disaster/ports';
import type { CardDelivery, Language, PersonalConversations, PersonalDelivery } from '../../app/ports';
import type { DueReminder } from '../../domain/disaster/reminders';
import { cardsOf, type RollCall, type RollCallCard } from '../../domain/disaster/rollCall';
import { translator } from '../../i18n';
import { cardAttachment } from './cardRenderer';
import { rollCallGroupCardData, rollCallReminderCardData, rollCallSummaryCardData } from './disasterCards';
import type { TeamsMessenger } from './teamsMessenger';
import type { TeamsPersonalNotifier } from './personalNotifier';

/**
 * Delivers the roll-call's Teams side (issue 11): its summary and group cards in channels, drawn from the
 * roll-call as it is at delivery time (so late deliveries converge on the truth), and its reminders — to
 * the coordinator's personal chat, or to the group's channel for the casework team or a coordinator with
 * no personal chat (case codes only either way). Failures are classified by the Teams adapters: 429/5xx
 * become "try again later", never a dropped message.
 */
export class TeamsRollCallSender implements RollCallCardSender, RollCallReminderSender {
  constructor(
    private readonly deps: {
      readonly messenger: Pick<TeamsMessenger, 'showCard'>;
      readonly notifier: Pick<TeamsPersonalNotifier, 'sendCard'>;
      readonly conversations: Pick<PersonalConversations, 'find'>;
      readonly rollCalls: Pick<RollCallRepository, 'load'>;
      readonly language: Language;
      readonly fictional: boolean;
      readonly reminderMinutes: number;
      readonly now: () => Date;
    },
  ) {}

  showRollCallCard(rc: RollCall, card: RollCallCard): Promise<CardDelivery> {
    const t = translator(this.deps.language);
    const attachment =
      card.view === 'summary' || card.groupKey === undefined
        ? cardAttachment('rollCallSummary', rollCallSummaryCardData(t, rc, { fictional: this.deps.fictional, reminderMinutes: this.deps.reminderMinutes, now: this.deps.now().toISOString(), closeKey: randomUUID() }))
        : cardAttachment('rollCallGroup', rollCallGroupCardData(t, rc, card.groupKey, randomUUID(), { fictional: this.deps.fictional }));
    return this.deps.messenger.showCard(card.address, card.activityId, attachment);
  }

  async sendReminder(reminder: DueReminder): Promise<ReminderDelivery> {
    const rc = (await this.deps.rollCalls.load(reminder.rollCallId))?.value;
    if (!rc) return { kind: 'gaveUp', status: 404 };
    const t = translator(this.deps.language);
    const card = cardAttachment('notice', rollCallReminderCardData(t, rc, reminder));
    if (reminder.responsible.kind === 'coordinator') {
      const chat = await this.deps.conversations.find(reminder.responsible.aadObjectId);
      if (chat) {
        const sent: PersonalDelivery = await this.deps.notifier.sendCard(chat, card);
        if (sent.kind === 'sent') return { kind: 'sent' };
        if (sent.kind === 'retryLater') return { kind: 'retryLater', afterMs: sent.afterMs };
        if (sent.kind === 'rejected') return { kind: 'gaveUp', status: sent.status };
        // The app was removed from their personal chat: the group's channel still reaches them.
      }
    }
    const groupCard = cardsOf(rc).find((c) => c.groupKey === reminder.groupKey);
    const channelId = groupCard?.address.channelId;
    if (!groupCard || !channelId) return { kind: 'gaveUp', status: 404 };
    const posted = await this.deps.messenger.showCard({ ...groupCard.address, conversationId: channelId }, undefined, card);
    if (posted.kind === 'posted' || posted.kind === 'updated') return { kind: 'sent' };
    if (posted.kind === 'retryLater') return { kind: 'retryLater', afterMs: posted.afterMs };
    return { kind: 'gaveUp', status: posted.kind === 'notFound' ? 404 : posted.status };
  }
}
