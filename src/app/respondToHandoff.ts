import { assignCoordinator } from '../domain/case';
import { findHandoff, processedResult, rememberAction, replaceHandoff, withAudit, type CaseFile } from '../domain/caseFile';
import type { Actor, OrganisationKey, WardDirectory } from '../domain/directory';
import { missingConsents, type DataCategory } from '../domain/consent';
import { decideAccept, decideDecline, decideResend, type CardPlacement, type DeclineInput, type Handoff, type PersonRef } from '../domain/handoff';
import { auditEntry } from './auditEntries';
import { mutateCaseFile, type Mutation } from './mutateCaseFile';
import { receiverPlacement } from './placements';
import type { CaseFileRepository, Clock, IdGenerator } from './ports';
import { handoffView, type HandoffCardView } from './views';

/** Which card the click came from: the handoff, the version it showed, and where it is shown. */
export interface CardClick {
  readonly caseId: string;
  readonly handoffId: string;
  readonly cardVersion: number;
  readonly actor: Actor;
  readonly conversationId: string | undefined;
  /** Organisation whose channel shows the clicked card (or 'desk' for the desk's copy). */
  readonly shownIn: OrganisationKey;
  readonly placementRole: CardPlacement['role'];
  /** Where to post new channel cards (the current turn's service URL and tenant). */
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
}

export type RespondOutcome =
  | { readonly kind: 'accepted'; readonly view: HandoffCardView }
  | { readonly kind: 'declined'; readonly view: HandoffCardView; readonly forwardedTo: OrganisationKey | 'desk' }
  | { readonly kind: 'resent'; readonly view: HandoffCardView; readonly to: OrganisationKey }
  | { readonly kind: 'alreadyAcceptedBy'; readonly by: PersonRef; readonly self: boolean; readonly view: HandoffCardView }
  | { readonly kind: 'notAuthorised'; readonly view: HandoffCardView }
  | { readonly kind: 'notOpen'; readonly view: HandoffCardView }
  | { readonly kind: 'invalidForward'; readonly view: HandoffCardView }
  | { readonly kind: 'consentMissing'; readonly view: HandoffCardView; readonly organisation: OrganisationKey; readonly categories: readonly DataCategory[] }
  | { readonly kind: 'handoffNotFound' }
  | { readonly kind: 'busy' };

export interface RespondDeps {
  readonly repo: CaseFileRepository;
  readonly directory: WardDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly onOutboxWork: (caseId: string) => void;
}

type Verb = 'accept' | 'decline' | 'resend';
type Decided = {
  readonly kind: RespondOutcome['kind'];
  readonly by?: PersonRef;
  readonly self?: boolean;
  readonly forwardedTo?: OrganisationKey | 'desk';
  readonly missing?: readonly DataCategory[];
};

/** Idempotency key of a click: card, verb, user and card version (Teams retries slow invokes). */
export function clickKey(click: CardClick, verb: Verb): string {
  return `${click.handoffId}|${verb}|${click.actor.aadObjectId}|v${click.cardVersion}`;
}

async function respond(deps: RespondDeps, click: CardClick, verb: Verb, decide: (h: Handoff, at: string, file: CaseFile) => { updated?: Handoff; decided: Decided; fields: string[] }): Promise<RespondOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const key = clickKey(click, verb);
  const outcome = await mutateCaseFile<Decided | undefined>(deps.repo, click.caseId, (file): Mutation<Decided | undefined> => {
    const handoff = findHandoff(file, click.handoffId);
    if (!handoff) return { result: undefined };
    const earlier = processedResult(file, key);
    if (earlier) return { result: JSON.parse(earlier) as Decided };
    const { updated, decided, fields } = decide(handoff, at, file);
    if (!updated) return { result: decided };
    let next: CaseFile = replaceHandoff(file, updated);
    if (decided.kind === 'accepted' && updated.target === 'coordinators') {
      next = { ...next, record: assignCoordinator(next.record, { aadObjectId: click.actor.aadObjectId, displayName: click.actor.displayName }, at) };
    }
    next = rememberAction(next, key, JSON.stringify(decided), at);
    next = withAudit(next, auditEntry({ caseId: click.caseId, actor: click.actor.aadObjectId, operation: 'update', action: `handoff.${verb}`, fields, at, conversationId: click.conversationId, discriminator: key }));
    return { save: next, result: decided };
  });
  if (outcome.kind === 'busy') return { kind: 'busy' };
  if (outcome.kind === 'caseNotFound' || outcome.result === undefined) return { kind: 'handoffNotFound' };
  if (outcome.saved) deps.onOutboxWork(click.caseId);
  const handoff = findHandoff(outcome.file, click.handoffId);
  if (!handoff) return { kind: 'handoffNotFound' };
  const view = handoffView(outcome.file, handoff, { role: click.placementRole, organisation: click.shownIn }, now);
  const d = outcome.result;
  switch (d.kind) {
    case 'accepted':
      return { kind: 'accepted', view };
    case 'declined':
      return { kind: 'declined', view, forwardedTo: d.forwardedTo ?? 'desk' };
    case 'resent':
      return { kind: 'resent', view, to: (d.forwardedTo ?? handoff.target) as OrganisationKey };
    case 'alreadyAcceptedBy':
      return { kind: 'alreadyAcceptedBy', view, by: d.by ?? { aadObjectId: '', displayName: '' }, self: d.self ?? false };
    case 'notAuthorised':
    case 'notOpen':
    case 'invalidForward':
      return { kind: d.kind, view };
    case 'consentMissing':
      return { kind: 'consentMissing', view, organisation: d.forwardedTo as OrganisationKey, categories: d.missing ?? [] };
    default:
      return { kind: 'handoffNotFound' };
  }
}

/** 受け入れる: the first coordinator wins; everyone else is told who did. */
export function acceptHandoff(deps: RespondDeps, click: CardClick): Promise<RespondOutcome> {
  return respond(deps, click, 'accept', (h, at) => {
    const d = decideAccept(h, click.actor, at);
    if (d.kind === 'accepted') return { updated: d.handoff, decided: { kind: 'accepted' }, fields: ['handoff.state', 'assignedCoordinator', 'status'] };
    if (d.kind === 'alreadyAcceptedBy') return { decided: { kind: 'alreadyAcceptedBy', by: d.by, self: d.self }, fields: [] };
    return { decided: { kind: d.kind }, fields: [] };
  });
}

/** 差し戻し: with a reason, to a suggested receiver or back to the desk. */
export function declineHandoff(deps: RespondDeps, click: CardClick, input: DeclineInput): Promise<RespondOutcome> {
  const place = (org: OrganisationKey) => receiverPlacement(deps.directory, deps.ids, org, click.serviceUrl, click.tenantId);
  return respond(deps, click, 'decline', (h, at, file) => {
    const d = decideDecline(h, click.actor, input, at, place);
    const missing = d.kind === 'declined' && d.forwardedTo !== 'desk' ? missingConsents(file.consents, d.forwardedTo) : [];
    if (missing.length > 0) return { decided: { kind: 'consentMissing', forwardedTo: input.forwardTo, missing }, fields: [] };
    if (d.kind === 'declined') return { updated: d.handoff, decided: { kind: 'declined', forwardedTo: d.forwardedTo }, fields: ['handoff.state', 'handoff.target'] };
    if (d.kind === 'alreadyAcceptedBy') return { decided: { kind: 'alreadyAcceptedBy', by: d.by, self: d.self }, fields: [] };
    return { decided: { kind: d.kind }, fields: [] };
  });
}

/** 再送: the desk sends a returned handoff out again. */
export function resendHandoff(deps: RespondDeps, click: CardClick, to: OrganisationKey): Promise<RespondOutcome> {
  const place = (org: OrganisationKey) => receiverPlacement(deps.directory, deps.ids, org, click.serviceUrl, click.tenantId);
  return respond(deps, click, 'resend', (h, at, file) => {
    const d = decideResend(h, click.actor, to, at, place);
    const missing = d.kind === 'resent' ? missingConsents(file.consents, to) : [];
    if (missing.length > 0) return { decided: { kind: 'consentMissing', forwardedTo: to, missing }, fields: [] };
    if (d.kind === 'resent') return { updated: d.handoff, decided: { kind: 'resent', forwardedTo: to }, fields: ['handoff.state', 'handoff.target'] };
    return { decided: { kind: d.kind }, fields: [] };
  });
}
