import { isAllowed } from '../domain/authorisation';
import { processedResult, rememberAction, withAudit, type CaseFile } from '../domain/caseFile';
import { tokyoDate } from '../domain/dates';
import type { Actor, OrganisationKey, WardDirectory } from '../domain/directory';
import type { CardPlacement, ConversationAddress } from '../domain/handoff';
import { EMPTY_CARE_PLAN } from '../domain/package/carePlan';
import { buildPackage } from '../domain/package/handoffPackage';
import {
  decideAnswer,
  decideAsk,
  decideReady,
  decideReceive,
  decideReport,
  decideReturn,
  newPackageHandoff,
  type PackageDecision,
  type PackageHandoff,
} from '../domain/package/packageHandoff';
import { auditEntry } from './auditEntries';
import { mutateCaseFile } from './mutateCaseFile';
import { receiverPlacement } from './placements';
import type { AuditTrail, CaseFileRepository, Clock, IdGenerator } from './ports';
import { relationshipTo } from './readCase';

export interface PackageDeps {
  readonly repo: CaseFileRepository;
  readonly directory: WardDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly onOutboxWork: (caseId: string) => void;
}

export interface SendPackageRequest {
  readonly caseId: string;
  readonly actor: Actor;
  readonly organisation: OrganisationKey;
  /** Where the sender asked (their copy of the package card lives there), if known. */
  readonly senderAddress: ConversationAddress | undefined;
  readonly senderActivityId: string | undefined;
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
  /** Idempotency: the card or command the request came from. */
  readonly requestKey: string;
}

export type SendPackageOutcome =
  | { readonly kind: 'sent'; readonly file: CaseFile; readonly handoff: PackageHandoff }
  | { readonly kind: 'noConsent'; readonly organisation: OrganisationKey }
  | { readonly kind: 'noReceiverChannel' }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

const packagesOf = (file: CaseFile): readonly PackageHandoff[] => file.packages ?? [];

/** 引継ぎパッケージを送る: built from the case and the care plan, filtered by consent, posted to the receiver. */
export async function sendPackage(deps: PackageDeps, req: SendPackageRequest): Promise<SendPackageOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const key = `package.send|${req.requestKey}|${req.actor.aadObjectId}`;
  type R = { kind: 'sent'; id: string } | { kind: 'noConsent' | 'noReceiverChannel' | 'notAuthorised' };
  const outcome = await mutateCaseFile<R>(deps.repo, req.caseId, (file) => {
    const earlier = processedResult(file, key);
    if (earlier) return { result: { kind: 'sent', id: earlier } };
    if (!isAllowed(req.actor, 'package.send', relationshipTo(file, req.actor))) return { result: { kind: 'notAuthorised' } };
    const built = buildPackage(file.record, file.carePlan ?? EMPTY_CARE_PLAN, file.consents, req.organisation, tokyoDate(now), at);
    if (built.kind === 'noConsent') return { result: { kind: 'noConsent' } };
    const receiver = receiverPlacement(deps.directory, deps.ids, req.organisation, req.serviceUrl, req.tenantId);
    if (!receiver) return { result: { kind: 'noReceiverChannel' } };
    const sender: CardPlacement[] = req.senderAddress && req.senderActivityId
      ? [{ id: deps.ids.newId(), role: 'sender', organisation: 'coordinators', conversation: req.senderAddress, activityId: req.senderActivityId, syncedVersion: 0, superseded: false }]
      : [];
    const handoff = newPackageHandoff(deps.ids.newId(), built.package, req.actor, at, [receiver, ...sender]);
    const fields = Object.keys(built.package.sections).map((s) => `package.${s}`);
    let next: CaseFile = { ...file, packages: [...packagesOf(file), handoff] };
    next = rememberAction(next, key, handoff.id, at);
    next = withAudit(next, auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'read', action: 'package.send', fields, at, conversationId: req.senderAddress?.conversationId, discriminator: key }));
    return { save: next, result: { kind: 'sent', id: handoff.id } };
  });
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  if (r.kind === 'noConsent') return { kind: 'noConsent', organisation: req.organisation };
  if (r.kind !== 'sent') return { kind: r.kind };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  const handoff = packagesOf(outcome.file).find((p) => p.id === r.id);
  return handoff ? { kind: 'sent', file: outcome.file, handoff } : { kind: 'caseNotFound' };
}

export type PackageVerb = 'receive' | 'ask' | 'answer' | 'ready' | 'return' | 'report';

export interface PackageStep {
  readonly caseId: string;
  readonly packageId: string;
  readonly actor: Actor;
  readonly verb: PackageVerb;
  /** The question, answer, reason or report. */
  readonly text: string;
  /** The question being answered; for ask/report the new item's id is derived from the click key. */
  readonly questionId: string | undefined;
  readonly cardVersion: number;
  readonly conversationId: string | undefined;
}

export type PackageStepOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly file: CaseFile; readonly handoff: PackageHandoff }
  | { readonly kind: 'notAuthorised' | 'packageNotFound' | 'busy' }
  | { readonly kind: 'notOpen'; readonly file: CaseFile; readonly handoff: PackageHandoff }
  | { readonly kind: 'invalid'; readonly code: string; readonly file: CaseFile; readonly handoff: PackageHandoff };

/** One step of the lifecycle; the click key (package, verb, user, card version) makes repeats harmless. */
export async function stepPackage(deps: PackageDeps, step: PackageStep): Promise<PackageStepOutcome> {
  const at = deps.clock.now().toISOString();
  const key = `${step.packageId}|${step.verb}|${step.actor.aadObjectId}|v${step.cardVersion}`;
  const itemId = `${step.verb}-${step.actor.aadObjectId.slice(0, 8)}-v${step.cardVersion}`;
  const outcome = await mutateCaseFile<PackageDecision | 'notFound'>(deps.repo, step.caseId, (file) => {
    const h = packagesOf(file).find((p) => p.id === step.packageId);
    if (!h) return { result: 'notFound' };
    if (processedResult(file, key)) return { result: { kind: 'unchanged', reason: 'alreadyDone' } };
    const assigned = relationshipTo(file, step.actor).isAssignedCoordinator;
    const d = decide(h, step, assigned, itemId, at);
    if (d.kind !== 'changed') return { result: d };
    let next: CaseFile = { ...file, packages: packagesOf(file).map((p) => (p.id === h.id ? d.handoff : p)) };
    next = rememberAction(next, key, step.verb, at);
    next = withAudit(next, auditEntry({ caseId: step.caseId, actor: step.actor.aadObjectId, operation: 'update', action: `package.${step.verb}`, fields: [`package.${step.verb}`], at, conversationId: step.conversationId, discriminator: key }));
    return { save: next, result: d };
  });
  if (outcome.kind === 'busy') return { kind: 'busy' };
  if (outcome.kind === 'caseNotFound' || outcome.result === 'notFound') return { kind: 'packageNotFound' };
  const handoff = packagesOf(outcome.file).find((p) => p.id === step.packageId);
  if (!handoff) return { kind: 'packageNotFound' };
  const d = outcome.result;
  if (outcome.saved) deps.onOutboxWork(step.caseId);
  switch (d.kind) {
    case 'changed':
      return { kind: 'changed', file: outcome.file, handoff };
    case 'unchanged':
      return { kind: 'unchanged', file: outcome.file, handoff };
    case 'notAuthorised':
      return { kind: 'notAuthorised' };
    case 'notOpen':
      return { kind: 'notOpen', file: outcome.file, handoff };
    case 'invalid':
      return { kind: 'invalid', code: d.code, file: outcome.file, handoff };
  }
}

function decide(h: PackageHandoff, s: PackageStep, assigned: boolean, itemId: string, at: string): PackageDecision {
  switch (s.verb) {
    case 'receive':
      return decideReceive(h, s.actor, at);
    case 'ask':
      return decideAsk(h, s.actor, itemId, s.text, at);
    case 'answer':
      return decideAnswer(h, s.actor, assigned, s.questionId ?? '', s.text, at);
    case 'ready':
      return decideReady(h, s.actor, at);
    case 'return':
      return decideReturn(h, s.actor, s.text, at);
    case 'report':
      return decideReport(h, s.actor, itemId, s.text, at);
  }
}

export type ReadPackageOutcome =
  | { readonly kind: 'found'; readonly file: CaseFile; readonly handoff: PackageHandoff }
  /** Not allowed to see the content: only what the channel shows anyway (for the minimal card). */
  | { readonly kind: 'notAuthorised'; readonly file: CaseFile; readonly handoff: PackageHandoff }
  | { readonly kind: 'notFound' };

/**
 * The content of a package, for its receiving organisation's members and the people holding the case;
 * the read is audited before anything is returned.
 */
export async function readPackage(deps: { repo: CaseFileRepository; audit: AuditTrail; clock: Clock }, req: { caseId: string; packageId: string; actor: Actor; conversationId: string | undefined }): Promise<ReadPackageOutcome> {
  const loaded = await deps.repo.load(req.caseId);
  const handoff = loaded && packagesOf(loaded.value).find((p) => p.id === req.packageId);
  if (!loaded || !handoff) return { kind: 'notFound' };
  const allowed = isAllowed(req.actor, 'package.respond', { handoffTarget: handoff.organisation }) || isAllowed(req.actor, 'case.viewDetails', relationshipTo(loaded.value, req.actor));
  if (!allowed) return { kind: 'notAuthorised', file: loaded.value, handoff };
  const at = deps.clock.now().toISOString();
  await deps.audit.append([
    auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'read', action: 'package.view', fields: Object.keys(handoff.package.sections).map((s) => `package.${s}`), at, conversationId: req.conversationId, discriminator: `${req.actor.aadObjectId}|${at}` }),
  ]);
  return { kind: 'found', file: loaded.value, handoff };
}
