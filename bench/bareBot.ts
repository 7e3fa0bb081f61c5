import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import { HttpServer } from '../src/adapters/http/server';
import type { Logger } from '../src/adapters/observability/logger';

export interface BareBot {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The baseline: the same restify server and CloudAdapter set-up as the real app (no app id, as in the
 * embedded mode), with a bot that does nothing but answer an invoke with one small Adaptive Card — the
 * reference turn the performance issue describes ("a bare botbuilder + restify turn that answers one card").
 */
const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '受付済', wrap: true }] };
export async function startBareBot(log: Logger): Promise<BareBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({})));
  const onTurn = async (ctx: TurnContext): Promise<void> => {
    if (ctx.activity.type === ActivityTypes.Invoke) {
      await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: CARD } } });
    }
  };
  const server = new HttpServer({
    adapter,
    onTurn,
    health: () => Promise.resolve({ version: 'bare', mode: 'embedded', store: { ok: true } }),
    log,
    maxBodyBytes: 256 * 1024,
  });
  const { url } = await server.listen(0, '127.0.0.1');
  return { url, stop: () => server.close(2000) };
}
