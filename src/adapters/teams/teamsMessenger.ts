import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { CardDelivery, Language, Messenger } from '../../app/ports';
import type { HandoffCardView } from '../../app/views';
import type { OrganisationKey } from '../../domain/directory';
import type { ConversationAddress } from '../../domain/handoff';
import { translator } from '../../i18n';
import type { Logger } from '../observability/logger';
import { cardAttachment } from './cardRenderer';
import { handoffCardData } from './cardData';

/**
 * Posts and rewrites handoff cards with botbuilder's CloudAdapter (proactive messages). Failures are
 * classified, never thrown away: 404 → notFound (the caller posts afresh), 429/5xx/network → retryLater
 * (honouring Retry-After), other 4xx → rejected.
 */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly language: Language,
    private readonly forwardable: readonly OrganisationKey[],
    private readonly log: Logger,
  ) {}

  async showHandoff(address: ConversationAddress, activityId: string | undefined, view: HandoffCardView): Promise<CardDelivery> {
    const card = cardAttachment('handoff', handoffCardData(translator(this.language), view, this.forwardable));
    try {
      if (activityId === undefined) return await this.post(address, card);
      // The adapter routes errors thrown inside the callback to onTurnError; keep ours to classify them.
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, referenceOf(address), async (ctx) => {
        try {
          await ctx.updateActivity({ ...MessageFactory.attachment(card), id: activityId, conversation: { id: address.conversationId, isGroup: address.isChannel, conversationType: address.isChannel ? 'channel' : 'personal', name: '' } });
        } catch (err) {
          failure = err ?? new Error('update failed');
        }
      });
      if (failure !== undefined) return classify(failure, this.log);
      return { kind: 'updated' };
    } catch (err) {
      return classify(err, this.log);
    }
  }

  private async post(address: ConversationAddress, card: ReturnType<typeof cardAttachment>): Promise<CardDelivery> {
    if (!address.channelId) return { kind: 'rejected', status: 400 };
    let conversationId: string | undefined;
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      address.serviceUrl,
      '',
      {
        isGroup: true,
        channelData: { channel: { id: address.channelId }, ...(address.tenantId ? { tenant: { id: address.tenantId } } : {}) },
        activity: { ...MessageFactory.attachment(card), type: 'message' } as Activity,
        ...(address.tenantId ? { tenantId: address.tenantId } : {}),
        bot: { id: this.appId, name: 'Tsunagu' },
        members: [],
      },
      async (ctx) => {
        conversationId = ctx.activity.conversation.id;
      },
    );
    // Teams names a channel thread "<channel id>;messageid=<id of its first message>".
    const messageId = conversationId ? /;messageid=([^;]+)$/.exec(conversationId)?.[1] : undefined;
    if (!conversationId || !messageId) return { kind: 'rejected', status: 502 };
    return { kind: 'posted', activityId: messageId, conversationId };
  }
}

function referenceOf(address: ConversationAddress): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: address.serviceUrl,
    conversation: { id: address.conversationId, isGroup: address.isChannel, conversationType: address.isChannel ? 'channel' : 'personal', name: '', ...(address.tenantId ? { tenantId: address.tenantId } : {}) },
  };
}

function classify(err: unknown, log: Logger): CardDelivery {
  const e = err as { statusCode?: number; response?: { status?: number; headers?: { get?: (k: string) => string | undefined } }; code?: string };
  const status = e.statusCode ?? e.response?.status;
  const retryAfterHeader = e.response?.headers?.get?.('retry-after');
  const retryAfterMs = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) * 1000 : 2000;
  log.warn('teams delivery failed', { status: status ?? 0, code: e.code });
  if (status === 404) return { kind: 'notFound' };
  if (status === undefined || status === 429 || status >= 500) return { kind: 'retryLater', afterMs: retryAfterMs };
  return { kind: 'rejected', status };
}
