import type { ActorResolver } from '../../app/ports';
import type { Actor, WardDirectory } from '../../domain/directory';

/** Embedded mode: roles and organisation come from the ward directory file. */
export class DirectoryActorResolver implements ActorResolver {
  constructor(private readonly directory: WardDirectory) {}

  async resolve(aadObjectId: string): Promise<Actor | undefined> {
    const p = this.directory.findPerson(aadObjectId);
    return p && { aadObjectId: p.aadObjectId, displayName: p.displayName, roles: p.roles, organisation: p.organisation, ...(p.mailbox ? { mailbox: p.mailbox } : {}) };
  }
}
