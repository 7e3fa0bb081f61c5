import { EMPTY_CASE_DETAILS } from '../domain/case';
import { formatCaseCode, type CaseRecord } from '../domain/case';
import type { CaseFile } from '../domain/caseFile';
import { tokyoDate } from '../domain/dates';
import type { Actor, OrganisationKey, WardDirectory } from '../domain/directory';
import { missingConsents, type ConsentGiver, type ConsentRecord, type DataCategory } from '../domain/consent';
import { isAllowed } from '../domain/authorisation';
import type { CardPlacement, ConversationAddress, Handoff } from '../domain/handoff';
import { validateIntake, type IntakeError, type IntakeInput } from '../domain/intake';
import { auditEntry } from './auditEntries';
import type { CaseCodeAllocator, CaseFileRepository, Clock, IdGenerator, SubmissionLedger } from './ports';
import { handoffView, type HandoffCardView } from './views';
import { caseIdFor, receiverPlacement } from './placements';

export interface CreateIntakeRequest {
  readonly formId: string;
  readonly actor: Actor;
  readonly input: IntakeInput;
  /** Categories the family agreed to share with the receiving organisation, as told to the desk. */
  readonly consent: { readonly categories: readonly DataCategory[]; readonly givenBy: ConsentGiver };
  /** Where the desk submitted the form: its message becomes the desk's copy of the handoff card. */
  readonly senderAddress: ConversationAddress;
  readonly senderActivityId: string | undefined;
  /** How to reach the team's channels (service URL and tenant of the current turn). */
  readonly teamServiceUrl: string;
  readonly tenantId: string | undefined;
  readonly fictional: boolean;
}

export type CreateIntakeOutcome =
  | { readonly kind: 'created'; readonly caseCode: string; readonly caseId: string; readonly view: HandoffCardView }
  | { readonly kind: 'alreadySubmitted'; readonly caseId: string; readonly view: HandoffCardView | undefined }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'invalid'; readonly errors: readonly IntakeError[] }
  | { readonly kind: 'consentMissing'; readonly organisation: OrganisationKey; readonly categories: readonly DataCategory[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'noReceiverChannel' };

export interface CreateIntakeDeps {
  readonly repo: CaseFileRepository;
  readonly codes: CaseCodeAllocator;
  readonly ledger: SubmissionLedger;
  readonly directory: WardDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly intakeTarget: 'coordinators';
  readonly onOutboxWork: (caseId: string) => void;
}

/** 新規引継ぎ: the desk opens a case and hands it to the coordinators' channel. */
export async function createIntakeHandoff(deps: CreateIntakeDeps, req: CreateIntakeRequest): Promise<CreateIntakeOutcome> {
  if (!isAllowed(req.actor, 'handoff.create')) return { kind: 'notAuthorised' };
  const now = deps.clock.now();
  const errors = validateIntake(req.input, tokyoDate(now));
  if (errors.length > 0) return { kind: 'invalid', errors };
  const at0 = now.toISOString();
  const consents: ConsentRecord[] = req.consent.categories.map((category) => ({ id: deps.ids.newId(), organisation: deps.intakeTarget, category, givenBy: req.consent.givenBy, recordedBy: req.actor.aadObjectId, recordedAt: at0 }));
  const missing = missingConsents(consents, deps.intakeTarget);
  if (missing.length > 0) return { kind: 'consentMissing', organisation: deps.intakeTarget, categories: missing };
  const receiver = receiverPlacement(deps.directory, deps.ids, deps.intakeTarget, req.teamServiceUrl, req.tenantId);
  if (!receiver) return { kind: 'noReceiverChannel' };

  const at = now.toISOString();
  const claim = await deps.ledger.claim(req.formId, req.actor.aadObjectId, at);
  if (claim.kind === 'inProgress') return { kind: 'inProgress' };
  if (claim.kind === 'completed') return alreadySubmitted(deps, claim.caseId, now);

  try {
    const year = tokyoDate(now).year;
    const code = formatCaseCode(year, await deps.codes.next(deps.directory.wardId, year));
    const caseId = caseIdFor(deps.directory.wardId, code);
    const by = { aadObjectId: req.actor.aadObjectId, displayName: req.actor.displayName, ...(req.actor.teamsUserId ? { teamsUserId: req.actor.teamsUserId } : {}) };
    const record: CaseRecord = {
      id: caseId,
      wardId: deps.directory.wardId,
      code,
      child: { name: req.input.childName.trim(), nameKana: req.input.childNameKana.trim(), birthDate: req.input.birthDate },
      careItems: [...new Set(req.input.careItems)].map((c) => ({ code: c })),
      familyNeeds: req.input.familyNeeds.trim(),
      urgency: req.input.urgency,
      status: 'intake',
      statusHistory: [{ status: 'intake', at, by: by.aadObjectId }],
      assignedCoordinator: undefined,
      createdAt: at,
      createdBy: by.aadObjectId,
      fictional: req.fictional,
      ...EMPTY_CASE_DETAILS,
    };
    const sender: CardPlacement = {
      id: deps.ids.newId(),
      role: 'sender',
      organisation: 'desk',
      conversation: req.senderAddress,
      activityId: req.senderActivityId,
      syncedVersion: 1,
      superseded: req.senderActivityId === undefined,
    };
    const handoff: Handoff = {
      id: deps.ids.newId(),
      kind: 'intake',
      target: deps.intakeTarget,
      state: { status: 'sent' },
      version: 1,
      history: [{ type: 'sent', to: deps.intakeTarget, by, at }],
      placements: [sender, receiver],
      createdAt: at,
      createdBy: by,
    };
    const file: CaseFile = {
      record,
      handoffs: [handoff],
      consents,
      processedActions: [{ key: `form:${req.formId}`, result: 'created', at }],
      pendingAudit: [
        auditEntry({
          caseId,
          actor: by.aadObjectId,
          operation: 'create',
          action: 'case.create',
          fields: ['child.name', 'child.nameKana', 'child.birthDate', 'careItems', 'familyNeeds', 'urgency', 'consents'],
          at,
          conversationId: req.senderAddress.conversationId,
          discriminator: req.formId,
        }),
      ],
    };
    await deps.repo.create(file);
    await deps.ledger.complete(req.formId, caseId);
    deps.onOutboxWork(caseId);
    return { kind: 'created', caseCode: code, caseId, view: handoffView(file, handoff, sender, now) };
  } catch (err) {
    await deps.ledger.release(req.formId).catch(() => undefined);
    throw err;
  }
}

async function alreadySubmitted(deps: CreateIntakeDeps, caseId: string, now: Date): Promise<CreateIntakeOutcome> {
  const existing = await deps.repo.load(caseId);
  const handoff = existing?.value.handoffs[0];
  const sender = handoff?.placements.find((p) => p.role === 'sender');
  const view = existing && handoff && sender ? handoffView(existing.value, handoff, sender, now) : undefined;
  return { kind: 'alreadySubmitted', caseId, view };
}
