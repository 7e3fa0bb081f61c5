import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import type { CardDelivery, Language, Messenger } from '../../app/ports';
import type { HandoffCardView } from '../../app/views';
import type { MilestoneCardView } from '../../app/milestoneCardView';
import type { OrganisationKey } from '../../domain/directory';
import type { ConversationAddress } from '../../domain/handoff';
import { translator } from '../../i18n';
import type { Logger } from '../observability/logger';
import { cardAttachment } from './cardRenderer';
import { packageCardData } from './packageCards';
import type { PackageCardView } from '../../app/packageViews';
import { handoffCardData, milestoneChannelCardData } from './cardData';
import { connectorCode } from './personalNotifier';

/**
 * Posts and rewrites channel cards with botbuilder's CloudAdapter (proactive messages). Failures are
 * classified, never thrown away: 404 on an update → notFound (the caller posts afresh); 403 (the app is not
 * in the team), or 404 on a new post (the channel is gone) → unreachable (the caller parks the card and tells
 * an administrator); 429/5xx/network → retryLater (honouring Retry-After); other 4xx → rejected.
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
    return this.show(address, activityId, cardAttachment('handoff', handoffCardData(translator(this.language), view, this.forwardable)));
  }

  async showMilestoneCard(address: ConversationAddress, activityId: string | undefined, view: MilestoneCardView): Promise<CardDelivery> {
    return this.show(address, activityId, cardAttachment('milestoneChannel', milestoneChannelCardData(translator(this.language), this.language, view)));
  }

  async showPackage(address: ConversationAddress, activityId: string | undefined, view: PackageCardView): Promise<CardDelivery> {
    return this.show(address, activityId, cardAttachment('handoffPackage', packageCardData(translator(this.language), view)));
  }

  /** Any card: posts it (no activityId) or rewrites the one posted (agenda, roll-call and conference cards); failures classified as for the other cards. */
  showCard(address: ConversationAddress, activityId: string | undefined, card: ReturnType<typeof cardAttachment>): Promise<CardDelivery> {
    return this.show(address, activityId, card);
  }

  private async show(address: ConversationAddress, activityId: string | undefined, card: ReturnType<typeof cardAttachment>): Promise<CardDelivery> {
    try {
      if (activityId === undefined) {
        try {
          return await this.post(address, card);
        } catch (err) {
          return classify(err, this.log, 'post');
        }
      }
      // The adapter routes errors thrown inside the callback to onTurnError; keep ours to classify them.
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, referenceOf(address), async (ctx) => {
        try {
          await ctx.updateActivity({ ...MessageFactory.attachment(card), id: activityId, conversation: { id: address.conversationId, isGroup: address.isChannel, conversationType: address.isChannel ? 'channel' : 'personal', name: '' } });
        } catch (err) {
          failure = err ?? new Error('update failed');
        }
      });
      if (failure !== undefined) return classify(failure, this.log, 'update');
      return { kind: 'updated' };
    } catch (err) {
      return classify(err, this.log, 'update');
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

export function classify(err: unknown, log: Pick<Logger, 'warn'>, operation: 'post' | 'update'): CardDelivery {
  const e = (err ?? {}) as { statusCode?: number; response?: { status?: number; headers?: { get?: (k: string) => string | undefined } }; code?: string };
  const status = e.statusCode ?? e.response?.status;
  // Some services (the Agents Playground) answer a post to a channel they do not have with 500 ConversationNotFound.
  if (operation === 'post' && status !== undefined && connectorCode(err as Parameters<typeof connectorCode>[0]) === 'ConversationNotFound') {
    log.warn('teams delivery failed', { status, code: 'ConversationNotFound', operation });
    return { kind: 'unreachable', status, reason: 'notFound' };
  }
  const retryAfterHeader = e.response?.headers?.get?.('retry-after');
  const retryAfterMs = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) * 1000 : 2000;
  log.warn('teams delivery failed', { status: status ?? 0, code: e.code, operation });
  if (status === 403) return { kind: 'unreachable', status, reason: 'forbidden' };
  if (status === 404) return operation === 'post' ? { kind: 'unreachable', status, reason: 'notFound' } : { kind: 'notFound' };
  if (status === undefined || status === 429 || status >= 500) return { kind: 'retryLater', afterMs: retryAfterMs };
  return { kind: 'rejected', status };
}
