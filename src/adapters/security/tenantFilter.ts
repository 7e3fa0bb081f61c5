import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../../config/config';
import type { Logger } from '../observability/logger';
import { securityText, sendInvokeError } from './securityReplies';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class WardTenantError extends Error {
  readonly code = 'SECURITY.WARD_TENANT';
  constructor(message: string) {
    super(`SECURITY.WARD_TENANT: ${message}`);
    this.name = 'WardTenantError';
  }
}

/**
 * The one tenant the bot serves. Embedded: the ward directory's `tenantId` (the Playground sends it).
 * Azure: `MicrosoftAppTenantId` (the single-tenant bot's tenant); the ward directory must name the same
 * tenant, otherwise the start stops — two different answers to "whose bot is this" is a deployment error.
 */
export function wardTenantId(config: AppConfig, directoryTenantId: string): string {
  const fromDirectory = directoryTenantId.trim().toLowerCase();
  if (config.TSUNAGU_MODE === 'azure') {
    const fromConfig = config.MicrosoftAppTenantId.toLowerCase();
    if (fromDirectory !== fromConfig) {
      throw new WardTenantError(
        `the ward directory (WARD_DIRECTORY_FILE) has tenantId "${directoryTenantId}" but MicrosoftAppTenantId is "${config.MicrosoftAppTenantId}"; set the directory's tenantId to the ward's Entra tenant id`,
      );
    }
    return fromConfig;
  }
  if (!fromDirectory) throw new WardTenantError('the ward directory (WARD_DIRECTORY_FILE) has an empty tenantId');
  return fromDirectory;
}

/** Every tenant id an activity claims (Teams puts it in channelData.tenant.id and conversation.tenantId). */
export function tenantIdsOf(activity: Partial<Activity>): string[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  return [fromChannelData, fromConversation].filter((t): t is string => typeof t === 'string' && t.length > 0);
}

/**
 * Botbuilder middleware: only activities from the ward's tenant reach the bot. An activity that names
 * another tenant — or none, or two different ones — is dropped: an invoke is answered with a 403 error
 * response (COMMON.WRONG_TENANT), anything else gets no answer. Only the claimed tenant id is logged.
 */
export class TenantFilter implements Middleware {
  private readonly tenant: string;

  constructor(
    tenantId: string,
    private readonly log: Logger,
    private readonly honourTeamsLocale = true,
  ) {
    this.tenant = tenantId.toLowerCase();
  }

  async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
    const claimed = tenantIdsOf(ctx.activity);
    if (claimed.length > 0 && claimed.every((t) => t.toLowerCase() === this.tenant)) return next();

    const shown = claimed.find((t) => t.toLowerCase() !== this.tenant) ?? claimed[0];
    this.log.warn('activity from another tenant dropped', {
      tenant: shown === undefined ? 'none' : GUID.test(shown) ? shown.toLowerCase() : 'not-a-guid',
      type: typeof ctx.activity.type === 'string' ? ctx.activity.type.slice(0, 40) : 'unknown',
    });
    if (ctx.activity.type === ActivityTypes.Invoke) {
      await sendInvokeError(ctx, 403, 'COMMON.WRONG_TENANT', securityText('COMMON.WRONG_TENANT', ctx.activity.locale, {}, this.honourTeamsLocale));
    }
  }
}
