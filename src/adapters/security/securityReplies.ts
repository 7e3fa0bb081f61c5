import { ActivityTypes, type TurnContext } from 'botbuilder';
import { resolveLanguage, translator } from '../../i18n';

/** Codes of the security middleware's answers; their texts are in the i18n catalogue under the same codes. */
export type SecurityCode = 'COMMON.WRONG_TENANT' | 'COMMON.RATE_LIMITED';

/**
 * The middleware runs before the bot reads a user's stored language, so it uses the Teams locale where
 * that is honoured (azure mode) and the ward's Japanese otherwise.
 */
export function securityText(code: SecurityCode, locale: string | undefined, params: Record<string, string> = {}, honourTeamsLocale = true): string {
  return translator(resolveLanguage(undefined, locale, honourTeamsLocale))(code, params);
}

/** An error answer to an invoke (Action.Execute): Teams shows the message and leaves the card as it was. */
export async function sendInvokeError(ctx: TurnContext, statusCode: number, code: SecurityCode, message: string): Promise<void> {
  await ctx.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } },
  });
}
