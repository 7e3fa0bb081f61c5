import { ActivityTypes, type TurnContext } from 'botbuilder';

/**
 * The few user-facing texts of the security middleware, in Japanese and English.
 * TODO(i18n): these belong in src/i18n (ja.ts / en.ts) under the same codes; they live here for now
 * because the catalogue is being edited elsewhere. The language is taken from the activity's locale only
 * (the middleware runs before the bot reads the user's stored language preference).
 */
export const SECURITY_TEXT = {
  'COMMON.WRONG_TENANT': {
    ja: 'このボットは登録された組織（テナント）の利用者だけが使えます。',
    en: 'This bot serves its registered organisation (tenant) only.',
  },
  'COMMON.RATE_LIMITED': {
    ja: '操作が続けて行われたため、しばらく受け付けを止めています。{seconds}秒ほど待ってからもう一度お試しください。',
    en: 'Too many actions in a short time. Please wait about {seconds} seconds and try again.',
  },
} as const;

export type SecurityCode = keyof typeof SECURITY_TEXT;

export function securityText(code: SecurityCode, locale: string | undefined, params: Record<string, string> = {}): string {
  const language = locale?.toLowerCase().startsWith('en') ? 'en' : 'ja';
  return SECURITY_TEXT[code][language].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);
}

/** An error answer to an invoke (Action.Execute): Teams shows the message and leaves the card as it was. */
export async function sendInvokeError(ctx: TurnContext, statusCode: number, code: SecurityCode, message: string): Promise<void> {
  await ctx.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } },
  });
}
