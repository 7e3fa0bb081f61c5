import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { districtColumns } from '../../domain/stats/statsCase';
import { ORGANISATION_KEYS, ROLES, type OrganisationKey, type OrganisationChannel, type Person, type WardDirectory } from '../../domain/directory';

const organisation = z.enum(ORGANISATION_KEYS);

/** The checked-in directory file (config/ward.embedded.json in embedded mode), validated on load. */
export const wardDirectoryFile = z.object({
  wardId: z.string().regex(/^[a-z0-9-]+$/),
  wardName: z.object({ ja: z.string(), en: z.string() }),
  tenantId: z.string(),
  team: z.object({ id: z.string(), name: z.string(), aadGroupId: z.string() }),
  channels: z.array(z.object({ key: z.union([organisation, z.literal('general')]), id: z.string().min(1), name: z.string().min(1) })).min(1),
  users: z.array(
    z.object({
      id: z.string(),
      aadObjectId: z.string().min(1),
      name: z.string().min(1),
      givenName: z.string(),
      surname: z.string(),
      upn: z.string(),
      roles: z.array(z.enum(ROLES)),
      organisation: organisation.optional(),
    }),
  ),
  routing: z.object({ newHandoffTarget: z.literal('coordinators'), deskChannel: organisation }),
  /**
   * 統計: the ward's districts (地区) in display order. A case's district that is not on the list is counted
   * as "other", so free text typed into a case never becomes a published label. The ward's own list is NOT
   * FOUND in the reference: the embedded file holds fictional placeholders.
   */
  statistics: z
    .object({
      districts: z
        .array(z.string().trim().min(1).max(40))
        .max(30)
        .superRefine((names, ctx) => {
          try {
            districtColumns(names);
          } catch (err) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: err instanceof Error ? err.message : String(err) });
          }
        })
        .default([]),
    })
    .default({ districts: [] }),
});
export type WardDirectoryFile = z.infer<typeof wardDirectoryFile>;

export function readWardDirectoryFile(path: string): WardDirectoryFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`DIRECTORY.UNREADABLE: cannot read ${path} (${(err as Error).message}); set WARD_DIRECTORY_FILE to the ward directory JSON`);
  }
  const parsed = wardDirectoryFile.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`DIRECTORY.INVALID: ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export class JsonWardDirectory implements WardDirectory {
  readonly wardId: string;
  private readonly people: ReadonlyMap<string, Person>;
  private readonly channels: ReadonlyMap<OrganisationKey, OrganisationChannel>;

  constructor(file: WardDirectoryFile) {
    this.wardId = file.wardId;
    this.people = new Map(file.users.map((u) => [u.aadObjectId, { aadObjectId: u.aadObjectId, displayName: u.name, roles: u.roles, organisation: u.organisation, teamsUserId: u.id, ...(u.upn.includes('@') ? { mailbox: u.upn.toLowerCase() } : {}) }]));
    const channels = new Map<OrganisationKey, OrganisationChannel>();
    for (const c of file.channels) if (c.key !== 'general') channels.set(c.key, { organisation: c.key, channelId: c.id, teamId: file.team.id });
    this.channels = channels;
  }

  findPerson(aadObjectId: string): Person | undefined {
    return this.people.get(aadObjectId);
  }

  channelOf(organisation: OrganisationKey): OrganisationChannel | undefined {
    return this.channels.get(organisation);
  }

  membersOf(organisation: OrganisationKey): readonly Person[] {
    return [...this.people.values()].filter((p) => p.organisation === organisation);
  }

  organisationOfChannel(channelId: string): OrganisationKey | undefined {
    for (const c of this.channels.values()) if (c.channelId === channelId) return c.organisation;
    return undefined;
  }
}
