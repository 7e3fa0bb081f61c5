import type { CaseFile } from '../domain/caseFile';
import type { OrganisationKey, WardDirectory } from '../domain/directory';
import type { CardPlacement, ConversationAddress } from '../domain/handoff';
import type { IdGenerator, TeamConversations } from './ports';

/** Where a new card for an organisation goes, and whether it must wait (the team is unreachable now). */
export interface ChannelTarget {
  readonly address: ConversationAddress;
  readonly parked: boolean;
}

export type ChannelAddressBook = (organisation: OrganisationKey, file: CaseFile | undefined) => Promise<ChannelTarget | undefined>;

/**
 * Addresses for proactive channel posts without a prior turn: the organisation's channel from the ward
 * directory, on the service URL and tenant stored when the app was added to the team. When no team
 * reference was stored yet, a channel card the case already has (same team) lends its service URL. A team
 * marked unreachable, or a channel Teams said is gone, gives a parked address: the card is recorded and
 * waits for the app to be added back.
 * One book per run: team references are read once.
 */
export function channelAddressBook(deps: { readonly directory: WardDirectory; readonly teams: TeamConversations }): ChannelAddressBook {
  const teams = new Map<string, Promise<Awaited<ReturnType<TeamConversations['find']>>>>();
  return async (organisation, file) => {
    const channel = deps.directory.channelOf(organisation);
    if (!channel) return undefined;
    let team = teams.get(channel.teamId);
    if (!team) {
      team = deps.teams.find(channel.teamId);
      teams.set(channel.teamId, team);
    }
    const ref = await team;
    const known = ref ?? fromExistingCards(file);
    if (!known) return undefined;
    return {
      address: { serviceUrl: known.serviceUrl, tenantId: known.tenantId, conversationId: channel.channelId, channelId: channel.channelId, isChannel: true },
      parked: ref !== undefined && (ref.unreachable !== undefined || ref.missingChannels.includes(channel.channelId)),
    };
  };
}

function fromExistingCards(file: CaseFile | undefined): { serviceUrl: string; tenantId: string | undefined } | undefined {
  const p = file?.handoffs.flatMap((h) => h.placements).find((x) => x.conversation.isChannel);
  return p && { serviceUrl: p.conversation.serviceUrl, tenantId: p.conversation.tenantId };
}

/** A new channel card of a handoff at that address (parked from the start when the team is unreachable). */
export function placementAt(ids: IdGenerator, role: CardPlacement['role'], organisation: OrganisationKey, target: ChannelTarget, at: string): CardPlacement {
  return { id: ids.newId(), role, organisation, conversation: target.address, activityId: undefined, syncedVersion: 0, superseded: false, ...(target.parked ? { parkedAt: at } : {}) };
}
