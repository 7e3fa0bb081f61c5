import { ActivityTypes, MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../observability/logger';
import { securityText, sendInvokeError } from './securityReplies';
import type { TokenBuckets } from './tokenBucket';

/**
 * Botbuilder middleware: per-user rate limit of commands (messages) and card actions (adaptiveCard/action
 * invokes), one token bucket per Entra object id (aadObjectId; the channel account id when there is none).
 * Other activity types pass untouched. In memory, so per instance (see TokenBuckets).
 *
 * When a user is over the limit, the activity does not reach the bot: an invoke is answered with a 429
 * error response (Teams shows the text and leaves the card as it was); a message gets one short text
 * reply, at most once per notice interval, and otherwise nothing.
 */
export class RateLimit implements Middleware {
  constructor(
    private readonly buckets: TokenBuckets,
    private readonly log: Logger,
    private readonly honourTeamsLocale = true,
  ) {}

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = ctx.activity;
    const counted = a.type === ActivityTypes.Message || (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action');
    if (!counted) return next();
    const key = a.from?.aadObjectId ? `aad:${a.from.aadObjectId}` : `id:${a.from?.id ?? 'anonymous'}`;
    const decision = this.buckets.take(key);
    if (decision.allowed) return next();

    const seconds = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
    const text = securityText('COMMON.RATE_LIMITED', a.locale, { seconds }, this.honourTeamsLocale);
    if (decision.notify) this.log.warn('user rate limited', { user: key.slice(0, 80), type: a.type, retryAfterSeconds: Number(seconds) });
    if (a.type === ActivityTypes.Invoke) return sendInvokeError(ctx, 429, 'COMMON.RATE_LIMITED', text);
    if (decision.notify) await ctx.sendActivity(MessageFactory.text(text));
  }
}
