import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdminAlert, AdminNotifier, Language, PersonalConversation, PersonalDelivery, PersonalNotifier } from '../../app/ports';
import type { MilestoneListView } from '../../app/milestoneViews';
import { translator } from '../../i18n';
import type { Logger } from '../observability/logger';
import { cardAttachment } from './cardRenderer';
import { adminAlertCardData, milestonesCardData } from './cardData';

/**
 * Proactive cards in a person's personal chat (CloudAdapter.continueConversationAsync with the stored
 * reference). Failures are classified, never thrown: 403 BotNotInConversationRoster and 404
 * ConversationNotFound mean the app was removed (unreachable: stop trying); 429, 5xx and network errors
 * are retried later (honouring Retry-After); any other 4xx is rejected.
 */
export class TeamsPersonalNotifier implements PersonalNotifier, AdminNotifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: Logger,
  ) {}

  async sendMilestoneDigest(to: PersonalConversation, view: MilestoneListView, language: Language): Promise<PersonalDelivery> {
    return this.send(to, cardAttachment('milestones', milestonesCardData(translator(language), language, view)));
  }

  /** An administrator is told a channel cannot be reached (no personal data: organisation and status). */
  async sendAdminAlert(to: PersonalConversation, alert: AdminAlert, language: Language): Promise<PersonalDelivery> {
    return this.send(to, cardAttachment('notice', adminAlertCardData(translator(language), alert)));
  }

  /** Any card for one person (e.g. print links asked for from a channel card). */
  sendCard(to: PersonalConversation, card: ReturnType<typeof cardAttachment>): Promise<PersonalDelivery> {
    return this.send(to, card);
  }

  private async send(to: PersonalConversation, card: ReturnType<typeof cardAttachment>): Promise<PersonalDelivery> {
    // The adapter routes errors thrown inside the callback to onTurnError; keep ours to classify them.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, referenceOf(to), async (ctx) => {
        try {
          await ctx.sendActivity(MessageFactory.attachment(card));
        } catch (err) {
          failure = err ?? new Error('send failed');
        }
      });
    } catch (err) {
      failure = err ?? new Error('send failed');
    }
    return failure === undefined ? { kind: 'sent' } : classifyPersonal(failure, this.log);
  }
}

export function referenceOf(c: PersonalConversation): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    bot: { id: c.botId, name: '' },
    user: { id: c.userId, name: '', aadObjectId: c.aadObjectId },
    conversation: { id: c.conversationId, isGroup: false, conversationType: 'personal', name: '', ...(c.tenantId ? { tenantId: c.tenantId } : {}) },
  };
}

/** The Bot Connector's error code (e.g. "BotNotInConversationRoster"), wherever the SDK put it. */
export function connectorCode(e: { code?: unknown; body?: unknown; response?: { bodyAsText?: string; parsedBody?: unknown } }): string | undefined {
  const fromBody = (body: unknown): string | undefined => {
    if (typeof body === 'string') {
      try {
        return fromBody(JSON.parse(body));
      } catch {
        return undefined;
      }
    }
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    return typeof code === 'string' ? code : undefined;
  };
  return fromBody(e.body) ?? fromBody(e.response?.parsedBody) ?? fromBody(e.response?.bodyAsText) ?? (typeof e.code === 'string' ? e.code : undefined);
}

export function classifyPersonal(err: unknown, log: Pick<Logger, 'warn'>): PersonalDelivery {
  const e = (err ?? {}) as { statusCode?: number; code?: unknown; body?: unknown; response?: { status?: number; bodyAsText?: string; parsedBody?: unknown; headers?: { get?: (k: string) => string | undefined } } };
  const status = e.statusCode ?? e.response?.status;
  const code = connectorCode(e);
  const retryAfterHeader = e.response?.headers?.get?.('retry-after');
  const afterMs = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) * 1000 : 2000;
  log.warn('personal delivery failed', { status: status ?? 0, code: code?.slice(0, 60) });
  if ((status === 403 && code === 'BotNotInConversationRoster') || (status === 404 && (code === undefined || code === 'ConversationNotFound' || code === 'NotFound'))) return { kind: 'unreachable', status };
  if (status === undefined || status === 429 || status >= 500) return { kind: 'retryLater', afterMs };
  return { kind: 'rejected', status };
}
