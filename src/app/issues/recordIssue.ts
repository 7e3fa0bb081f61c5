import { isAllowed } from '../../domain/authorisation';
import type { CaseFile } from '../../domain/caseFile';
import { tokyoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import type { IssueTaxonomy } from '../../domain/issues/categories';
import { newIssue, validateIssueInput, type Issue, type IssueError, type IssueInput } from '../../domain/issues/issue';
import { lifeStageOf, type LifeStage } from '../../domain/lifeStage';
import { auditEntry } from '../auditEntries';
import type { AuditTrail, CaseFileRepository, Clock } from '../ports';
import { relationshipTo } from '../readCase';
import type { IssueRepository, StoredIssue } from './ports';

export interface IssueDeps {
  readonly issues: IssueRepository;
  readonly cases: Pick<CaseFileRepository, 'load'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly taxonomy: IssueTaxonomy;
  readonly clock: Clock;
  readonly wardId: string;
  /** The embedded demo marks what it records as fictional (架空). */
  readonly fictional: boolean;
}

export interface RecordIssueRequest {
  readonly actor: Actor;
  /** The form's id: the same form submitted twice records one issue. */
  readonly formId: string;
  /** The case it is recorded from, or undefined (no personal data; anyone may record). */
  readonly caseId: string | undefined;
  readonly input: IssueInput;
  readonly conversationId: string | undefined;
}

export type RecordIssueOutcome =
  | { readonly kind: 'recorded' | 'alreadyRecorded'; readonly issue: Issue }
  | { readonly kind: 'invalid'; readonly errors: readonly IssueError[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' };

/** Names that must never reach an agenda: the child's, the guardians' and the support network's, and their parts. */
export function namesOf(file: CaseFile): string[] {
  const r = file.record;
  const whole = [r.child.name, r.child.nameKana, ...r.guardians.map((g) => g.name)].filter((n) => n.trim() !== '');
  return [...new Set([...whole, ...whole.flatMap((n) => n.split(/[\s\u3000]+/))])].filter((n) => [...n].length >= 2);
}

/** The life stage the form proposes for a case: the child's today. */
export function lifeStageForCase(file: CaseFile, now: Date): LifeStage {
  return lifeStageOf(file.record.child.birthDate, file.record.enrolment, tokyoDate(now));
}

/**
 * 課題を記録: from a case (the people holding it; the write is audited on the case) or without one (anyone
 * with a role; the texts are checked for personal data). The audit entry is stored with the issue and
 * copied to the trail right after, so a crash in between loses nothing (the sweep copies it).
 */
export async function recordIssue(deps: IssueDeps, req: RecordIssueRequest): Promise<RecordIssueOutcome> {
  if (req.actor.roles.length === 0) return { kind: 'notAuthorised' };
  const issueId = `issue-${req.formId}`;
  const existing = await deps.issues.load(deps.wardId, issueId);
  if (existing) return { kind: 'alreadyRecorded', issue: existing.value.issue };
  let file: CaseFile | undefined;
  if (req.caseId !== undefined) {
    file = (await deps.cases.load(req.caseId))?.value;
    if (!file || file.record.wardId !== deps.wardId) return { kind: 'caseNotFound' };
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { kind: 'notAuthorised' };
  }
  const checked = validateIssueInput(req.input, deps.taxonomy, file !== undefined, file ? namesOf(file) : []);
  if (checked.kind === 'invalid') return checked;
  const at = deps.clock.now().toISOString();
  const issue = newIssue({ issueId, wardId: deps.wardId, caseId: file?.record.id, caseCode: file?.record.code, input: checked.value, by: req.actor.aadObjectId, at, fictional: file?.record.fictional ?? deps.fictional });
  const pendingAudit = file
    ? [auditEntry({ caseId: file.record.id, actor: req.actor.aadObjectId, operation: 'create', action: 'issue.record', fields: ['issues'], at, conversationId: req.conversationId, discriminator: issueId })]
    : [];
  const created = await deps.issues.create({ issue, pendingAudit });
  if (created === 'exists') {
    const again = await deps.issues.load(deps.wardId, issueId);
    if (again) return { kind: 'alreadyRecorded', issue: again.value.issue };
  }
  await flushIssueAudit(deps, issueId);
  return { kind: 'recorded', issue };
}

/** Copies an issue's pending audit entries to the trail and clears them (idempotent; a failure leaves them for the sweep). */
export async function flushIssueAudit(deps: Pick<IssueDeps, 'issues' | 'audit' | 'wardId'>, issueId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.issues.load(deps.wardId, issueId);
    if (!current || current.value.pendingAudit.length === 0) return true;
    try {
      await deps.audit.append(current.value.pendingAudit);
    } catch {
      return false;
    }
    const sent = new Set(current.value.pendingAudit.map((e) => e.id));
    const next: StoredIssue = { issue: current.value.issue, pendingAudit: current.value.pendingAudit.filter((e) => !sent.has(e.id)) };
    if ((await deps.issues.replace(next, current.etag)).kind === 'saved') return true;
  }
  return false;
}

/** The sweep: copies audit entries left behind by a crash between the write and the copy. */
export async function sweepIssueAudit(deps: Pick<IssueDeps, 'issues' | 'audit' | 'wardId'>): Promise<number> {
  let done = 0;
  for (const id of await deps.issues.listWithPendingAudit(deps.wardId, 200)) if (await flushIssueAudit(deps, id)) done++;
  return done;
}

/** The case an issue form is for: its code and the child's life stage today, for the people holding the case (nothing personal is returned). */
export async function caseForIssue(deps: Pick<IssueDeps, 'cases' | 'clock' | 'wardId' | 'audit'>, caseId: string, actor: Actor, conversationId?: string): Promise<{ kind: 'ok'; code: string; lifeStage: LifeStage } | { kind: 'notAuthorised' | 'caseNotFound' }> {
  const file = (await deps.cases.load(caseId))?.value;
  if (!file || file.record.wardId !== deps.wardId) return { kind: 'caseNotFound' };
  if (!isAllowed(actor, 'case.viewDetails', relationshipTo(file, actor))) return { kind: 'notAuthorised' };
  // The life stage comes from the birth date: the read is audited before anything is shown.
  const at = deps.clock.now().toISOString();
  await deps.audit.append([auditEntry({ caseId: file.record.id, actor: actor.aadObjectId, operation: 'read', action: 'issue.form', fields: ['child.birthDate', 'enrolment.kind'], at, conversationId, discriminator: at })]);
  return { kind: 'ok', code: file.record.code, lifeStage: lifeStageForCase(file, deps.clock.now()) };
}
