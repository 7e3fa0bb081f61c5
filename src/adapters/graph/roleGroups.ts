import { z } from 'zod';
import { ORGANISATION_KEYS, ROLES, type OrganisationKey, type Role } from '../../domain/directory';

export interface RoleGrant {
  readonly role: Role;
  readonly organisation: OrganisationKey | undefined;
}

const grant = z
  .string()
  .regex(/^[A-Za-z]+(:[A-Za-z]+)?$/, 'must be "<role>" or "<role>:<organisation>", e.g. "liaison:nursery"')
  .transform((v) => {
    const [role = '', organisation] = v.split(':');
    return organisation === undefined ? { role } : { role, organisation };
  })
  .pipe(z.object({ role: z.enum(ROLES), organisation: z.enum(ORGANISATION_KEYS).optional() }));

const roleGroups = z.record(z.string().regex(/^[0-9a-fA-F-]{36}$/, 'keys must be Entra group object ids'), grant);

/**
 * ROLE_GROUPS (azure mode): JSON mapping Entra group object ids to a role and, for liaisons and case
 * workers, their organisation — e.g. {"<group id>": "coordinator", "<group id>": "liaison:nursery"}.
 */
export function parseRoleGroups(json: string): ReadonlyMap<string, RoleGrant> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('ROLE_GROUPS: must be a JSON object such as {"<group id>":"coordinator"}');
  }
  if (raw && typeof raw === 'object') {
    const badKey = Object.keys(raw).find((k) => !/^[0-9a-fA-F-]{36}$/.test(k));
    if (badKey !== undefined) throw new Error(`ROLE_GROUPS: "${badKey}" is not an Entra group object id (keys must be Entra group object ids)`);
  }
  const parsed = roleGroups.safeParse(raw);
  if (!parsed.success) throw new Error(`ROLE_GROUPS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return new Map(Object.entries(parsed.data).map(([id, g]) => [id.toLowerCase(), { role: g.role, organisation: g.organisation }]));
}
