import type { OrganisationKey, WardDirectory } from '../domain/directory';
import type { CardPlacement } from '../domain/handoff';
import type { IdGenerator } from './ports';

/** Case ids derive from the ward and the case code, so `案件 2026-0012` is a point read, not a query. */
export function caseIdFor(wardId: string, code: string): string {
  return `${wardId}:${code}`;
}

/** A card still to be posted into the channel of an organisation (undefined when it has no channel). */
export function receiverPlacement(directory: WardDirectory, ids: IdGenerator, organisation: OrganisationKey, serviceUrl: string, tenantId: string | undefined): CardPlacement | undefined {
  const channel = directory.channelOf(organisation);
  if (!channel) return undefined;
  return {
    id: ids.newId(),
    role: 'receiver',
    organisation,
    conversation: { serviceUrl, tenantId, conversationId: channel.channelId, channelId: channel.channelId, isChannel: true },
    activityId: undefined,
    syncedVersion: 0,
    superseded: false,
  };
}
