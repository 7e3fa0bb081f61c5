import type { TurnContext } from 'botbuilder';

/**
 * The three answers to an Action.Execute invoke (Universal Actions), shared by every card handler:
 * a card that replaces the clicked one, an error Teams shows while leaving the card as it was, and a
 * message shown to the person who clicked while the card stays.
 */
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export async function invokeCard(ctx: TurnContext, card: Record<string, unknown>): Promise<void> {
  await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } } });
}

export async function invokeError(ctx: TurnContext, statusCode: number, code: string, message: string): Promise<void> {
  await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } } });
}

export async function invokeMessage(ctx: TurnContext, text: string): Promise<void> {
  await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
}
