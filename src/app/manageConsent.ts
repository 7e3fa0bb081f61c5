import { isAllowed } from '../domain/authorisation';
import { withAudit, type CaseFile } from '../domain/caseFile';
import { recordConsent, revokeConsent, type ConsentGiver, type DataCategory } from '../domain/consent';
import type { Actor, OrganisationKey } from '../domain/directory';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock, IdGenerator } from './ports';
import { relationshipTo } from './readCase';

export interface ConsentChange {
  readonly caseId: string;
  readonly actor: Actor;
  readonly operation: 'record' | 'revoke';
  readonly organisation: OrganisationKey;
  readonly categories: readonly DataCategory[];
  readonly givenBy: ConsentGiver;
  readonly conversationId: string | undefined;
}

export type ConsentOutcome =
  | { readonly kind: 'recorded' | 'revoked'; readonly file: CaseFile }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

/** 同意の記録・撤回: by the desk, case workers or the assigned coordinator; audited in the same write. */
export async function changeConsent(deps: { repo: CaseFileRepository; clock: Clock; ids: IdGenerator; onOutboxWork: (caseId: string) => void }, change: ConsentChange): Promise<ConsentOutcome> {
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<'done' | 'notAuthorised'>(deps.repo, change.caseId, (file) => {
    if (!isAllowed(change.actor, 'consent.manage', relationshipTo(file, change.actor))) return { result: 'notAuthorised' };
    let consents = file.consents;
    for (const category of change.categories) {
      consents =
        change.operation === 'record'
          ? recordConsent(consents, { id: deps.ids.newId(), organisation: change.organisation, category, givenBy: change.givenBy, recordedBy: change.actor.aadObjectId, recordedAt: at })
          : revokeConsent(consents, change.organisation, category, change.actor.aadObjectId, at);
    }
    const entry = auditEntry({
      caseId: change.caseId,
      actor: change.actor.aadObjectId,
      operation: 'update',
      action: `consent.${change.operation}`,
      fields: change.categories.map((c) => `consents.${change.organisation}.${c}`),
      at,
      conversationId: change.conversationId,
      discriminator: `${change.actor.aadObjectId}|${at}|${deps.ids.newId()}`,
    });
    return { save: withAudit({ ...file, consents }, entry), result: 'done' };
  });
  if (outcome.kind !== 'done') return outcome;
  if (outcome.result === 'notAuthorised') return { kind: 'notAuthorised' };
  deps.onOutboxWork(change.caseId);
  return { kind: change.operation === 'record' ? 'recorded' : 'revoked', file: outcome.file };
}
