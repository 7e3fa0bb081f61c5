/** The ward's organisations, channels and people, as the domain sees them (loaded by an adapter). */
export const ROLES = ['desk', 'coordinator', 'caseWorker', 'liaison', 'secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KEYS = [
  'desk', 'coordinators', 'casework', 'nursery', 'school', 'aikids', 'healthCentre', 'familySupport', 'secretariat',
] as const;
export type OrganisationKey = (typeof ORGANISATION_KEYS)[number];

export interface Person {
  /** Entra object id (aadObjectId): the stable identity of a person. */
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly organisation: OrganisationKey | undefined;
  /** Teams user id (29:…) when the directory knows it (embedded mode), for user-specific card views. */
  readonly teamsUserId?: string;
  /** Exchange mailbox (SMTP address / UPN): the calendar of a conference organiser or attendee. */
  readonly mailbox?: string;
}

export interface OrganisationChannel {
  readonly organisation: OrganisationKey;
  readonly channelId: string;
  readonly teamId: string;
}

export interface WardDirectory {
  readonly wardId: string;
  findPerson(aadObjectId: string): Person | undefined;
  channelOf(organisation: OrganisationKey): OrganisationChannel | undefined;
  organisationOfChannel(channelId: string): OrganisationKey | undefined;
  /** The people the directory lists for an organisation (may be empty where roles come from Entra groups). */
  membersOf?(organisation: OrganisationKey): readonly Person[];
}

/** The actor of a turn: who they are according to the directory (never according to the card). */
export interface Actor {
  readonly aadObjectId: string;
  /** The Teams user id (29:…) seen on the activity, used to address user-specific card views. */
  readonly teamsUserId?: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly organisation: OrganisationKey | undefined;
  /** The person's mailbox (directory, or Entra `mail` / `userPrincipalName`), when known: conferences need it. */
  readonly mailbox?: string;
}
