import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { TeamConversation, TeamConversations, UnreachableReason } from '../../app/ports';
import { ORGANISATION_KEYS, type OrganisationKey } from '../../domain/directory';
import { cosmosStatus } from './cosmosStore';

/**
 * Where the ward's team is in Teams, in the `meta` container: `conv:team:<teamId>` (its own partition),
 * written when the app is added to the team and marked unreachable on an uninstall or a 403/404. Every
 * write of an existing document is conditional on its ETag, so of two instances exactly one flips a
 * reachable team to unreachable (and tells the administrators).
 */
const teamDoc = z.object({
  id: z.string(),
  pk: z.string(),
  kind: z.literal('teamConversation'),
  schemaVersion: z.literal(1),
  teamId: z.string().min(1),
  serviceUrl: z.string().url(),
  tenantId: z.string().optional(),
  savedAt: z.string(),
  unreachable: z
    .object({ since: z.string(), status: z.number().int(), reason: z.enum(['uninstalled', 'forbidden', 'notFound']), organisation: z.enum(ORGANISATION_KEYS).optional() })
    .optional(),
  /** Channels Teams said are gone (404 / ConversationNotFound); cleared when the app is added again. */
  missingChannels: z.array(z.string()).default([]),
});
type TeamDoc = z.infer<typeof teamDoc>;

const idOf = (teamId: string) => `conv:team:${teamId}`;
const MAX_ATTEMPTS = 10;

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export class CosmosTeamConversations implements TeamConversations {
  constructor(private readonly meta: Container) {}

  private async read(teamId: string): Promise<{ doc: TeamDoc; etag: string } | undefined> {
    const id = idOf(teamId);
    try {
      const { resource, etag } = await this.meta.item(id, id).read();
      return resource ? { doc: teamDoc.parse(resource), etag } : undefined;
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  }

  /** Writes `next` over what was read (create when nothing was); false on a lost race (409/412/404). */
  private async write(current: { etag: string } | undefined, next: TeamDoc): Promise<boolean> {
    const doc = teamDoc.parse(withoutUndefined(next));
    try {
      if (!current) await this.meta.items.create(doc);
      else await this.meta.item(doc.id, doc.id).replace(doc, { accessCondition: { type: 'IfMatch', condition: current.etag } });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 409 || status === 412 || status === 404) return false;
      throw err;
    }
  }

  async remember(ref: { teamId: string; serviceUrl: string; tenantId: string | undefined }, at: string): Promise<{ wasUnreachable: boolean }> {
    const id = idOf(ref.teamId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(ref.teamId);
      const next: TeamDoc = { id, pk: id, kind: 'teamConversation', schemaVersion: 1, teamId: ref.teamId, serviceUrl: ref.serviceUrl, tenantId: ref.tenantId, savedAt: at, missingChannels: [] };
      if (await this.write(current, next)) return { wasUnreachable: current !== undefined && (current.doc.unreachable !== undefined || current.doc.missingChannels.length > 0) };
    }
    throw new Error('CONVERSATION.CONTENDED: could not store the team reference; it is stored on the next install event');
  }

  async find(teamId: string): Promise<TeamConversation | undefined> {
    const found = await this.read(teamId);
    if (!found) return undefined;
    const { serviceUrl, tenantId, savedAt, unreachable, missingChannels } = found.doc;
    return { teamId, serviceUrl, tenantId, savedAt, unreachable: unreachable && { since: unreachable.since, status: unreachable.status, reason: unreachable.reason, organisation: unreachable.organisation }, missingChannels };
  }

  async markUnreachable(teamId: string, fallback: { serviceUrl: string; tenantId: string | undefined }, detail: { status: number; reason: UnreachableReason; organisation: OrganisationKey | undefined; channelId: string | undefined }, at: string): Promise<boolean> {
    const id = idOf(teamId);
    const oneChannel = detail.reason === 'notFound' && detail.channelId !== undefined ? detail.channelId : undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(teamId);
      if (current?.doc.unreachable) return false;
      if (oneChannel !== undefined && current?.doc.missingChannels.includes(oneChannel)) return false;
      const base: TeamDoc = current?.doc ?? { id, pk: id, kind: 'teamConversation', schemaVersion: 1, teamId, serviceUrl: fallback.serviceUrl, tenantId: fallback.tenantId, savedAt: at, missingChannels: [] };
      const next: TeamDoc =
        oneChannel !== undefined
          ? { ...base, missingChannels: [...base.missingChannels, oneChannel] }
          : { ...base, unreachable: { since: at, status: detail.status, reason: detail.reason, organisation: detail.organisation } };
      if (await this.write(current, next)) return true;
    }
    return false;
  }
}
