import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { ActorResolver, Clock } from '../../app/ports';
import type { Actor, Role } from '../../domain/directory';
import type { RoleGrant } from './roleGroups';

const checkMemberGroupsResponse = z.object({ value: z.array(z.string()) });
/** GET /users/{id}?$select=mail,userPrincipalName (user resource; User.Read.All / User.ReadBasic.All). */
const userMailResponse = z.looseObject({ mail: z.string().nullish(), userPrincipalName: z.string().nullish() });
/** Graph accepts at most 20 group ids per checkMemberGroups call. */
const MAX_GROUPS_PER_CALL = 20;

/**
 * Azure mode: roles from Entra group membership, through Graph `POST /users/{id}/checkMemberGroups`
 * (transitive membership), cached per person for a few minutes. A person in none of the configured
 * groups is not a Tsunagu user. Graph 429/5xx are retried by the Graph client's retry middleware; if
 * Graph still fails, the turn fails closed (no roles are guessed). A user's mailbox (for organising
 * conferences) comes from `GET /users/{id}?$select=mail,userPrincipalName`; when it cannot be read the
 * actor has no mailbox (conference commands then say so) — roles are not affected.
 */
export class GraphActorResolver implements ActorResolver {
  private readonly cache = new Map<string, { actor: Actor | undefined; until: number }>();

  constructor(
    private readonly graph: Client,
    private readonly grants: ReadonlyMap<string, RoleGrant>,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  async resolve(aadObjectId: string, displayName: string | undefined): Promise<Actor | undefined> {
    if (!/^[0-9a-fA-F-]{36}$/.test(aadObjectId)) return undefined;
    const now = this.clock.now().getTime();
    const cached = this.cache.get(aadObjectId);
    if (cached && cached.until > now) return cached.actor;
    const groupIds = [...this.grants.keys()];
    const member = new Set<string>();
    for (let i = 0; i < groupIds.length; i += MAX_GROUPS_PER_CALL) {
      const body = { groupIds: groupIds.slice(i, i + MAX_GROUPS_PER_CALL) };
      const response = checkMemberGroupsResponse.parse(await this.graph.api(`/users/${encodeURIComponent(aadObjectId)}/checkMemberGroups`).post(body));
      for (const id of response.value) member.add(id.toLowerCase());
    }
    const grants = [...member].map((id) => this.grants.get(id)).filter((g): g is RoleGrant => g !== undefined);
    const roles = [...new Set(grants.map((g) => g.role))] as Role[];
    const mailbox = roles.length ? await this.mailboxOf(aadObjectId) : undefined;
    const actor: Actor | undefined = roles.length
      ? { aadObjectId, displayName: displayName ?? aadObjectId, roles, organisation: grants.find((g) => g.organisation)?.organisation, ...(mailbox ? { mailbox } : {}) }
      : undefined;
    this.cache.set(aadObjectId, { actor, until: now + this.ttlMs });
    return actor;
  }

  private async mailboxOf(aadObjectId: string): Promise<string | undefined> {
    try {
      const user = userMailResponse.parse(await this.graph.api(`/users/${encodeURIComponent(aadObjectId)}`).select(['mail', 'userPrincipalName']).get());
      const mailbox = (user.mail ?? user.userPrincipalName ?? '').trim().toLowerCase();
      return mailbox.includes('@') ? mailbox : undefined;
    } catch {
      return undefined;
    }
  }
}
