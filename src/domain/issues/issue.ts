import { CASE_CODE_PATTERN } from '../case';
import { LIFE_STAGES, type LifeStage } from '../lifeStage';
import type { IssueTaxonomy } from './categories';

/**
 * 課題・困りごと (issue 6): a problem a family meets, recorded so that the ward can see what recurs and raise it
 * at the 重症心身障がい・医療的ケア児等会議. An issue recorded from a case belongs to that case (its description is
 * case data: read and written under the case's permissions, audited); an issue recorded without a case must
 * carry no personal data. Either way, what reaches an agenda is the `summary`, which never names anybody.
 */
export const ISSUE_STATUSES = ['open', 'resolved', 'systemic'] as const;
/** open 未解決 · resolved 解決 · systemic 制度課題 (needs a change of system; stays in the stock). */
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const ISSUE_SEVERITIES = ['low', 'medium', 'high'] as const;
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

export const DESCRIPTION_MAX = 1000;
export const SUMMARY_MAX = 120;

export interface IssueStatusChange {
  readonly status: IssueStatus;
  readonly at: string;
  readonly by: string;
  /** Where the change was made: the issue form, or an agenda's outcome. */
  readonly via: 'record' | 'agenda';
}

export interface Issue {
  readonly issueId: string;
  readonly wardId: string;
  /** The case it was recorded from (undefined: recorded without personal data, by anyone). */
  readonly caseId: string | undefined;
  readonly caseCode: string | undefined;
  readonly category: string;
  readonly lifeStage: LifeStage;
  readonly severity: IssueSeverity;
  readonly status: IssueStatus;
  /** Free text. For a case issue it is case data; for an issue without a case it was checked for personal data. */
  readonly description: string;
  /** The agenda text: no names, no case code, no contact details (checked). */
  readonly summary: string;
  /** 会議に上げる: the issue waits for the next conference agenda until an outcome settles it. */
  readonly raise: boolean;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly history: readonly IssueStatusChange[];
  /** Agendas this issue was discussed on (closed with an outcome), oldest first. */
  readonly discussedOn: readonly string[];
  readonly fictional: boolean;
}

export type IssueField = 'category' | 'lifeStage' | 'severity' | 'status' | 'description' | 'summary';
export type IssueErrorCode =
  | 'ISSUE.CATEGORY_UNKNOWN'
  | 'ISSUE.LIFE_STAGE_UNKNOWN'
  | 'ISSUE.SEVERITY_UNKNOWN'
  | 'ISSUE.STATUS_UNKNOWN'
  | 'ISSUE.DESCRIPTION_REQUIRED'
  | 'ISSUE.DESCRIPTION_TOO_LONG'
  | 'ISSUE.SUMMARY_REQUIRED'
  | 'ISSUE.SUMMARY_TOO_LONG'
  | 'ISSUE.PERSONAL_DATA';
export interface IssueError {
  readonly field: IssueField;
  readonly code: IssueErrorCode;
}

/** What a person typed into the issue form (already shaped by the adapter's schema; values not yet trusted). */
export interface IssueInput {
  readonly category: string;
  readonly lifeStage: string;
  readonly severity: string;
  readonly status: string;
  readonly description: string;
  /** Optional for an issue without a case (the description is then the summary). */
  readonly summary: string;
  readonly raise: boolean;
}

export interface ValidIssueInput {
  readonly category: string;
  readonly lifeStage: LifeStage;
  readonly severity: IssueSeverity;
  readonly status: IssueStatus;
  readonly description: string;
  readonly summary: string;
  readonly raise: boolean;
}

const PHONE = /(?:\d[\s-]?){10,11}|\d{2,4}-\d{2,4}-\d{3,4}/;
const MAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const CODE_IN_TEXT = new RegExp(CASE_CODE_PATTERN.source.replace(/^\^/, '').replace(/\$$/, ''));
const squash = (text: string): string => text.normalize('NFKC').replace(/[\s\u3000・]+/g, '').toLowerCase();

/**
 * Whether a text that will be shown without permission checks carries something that identifies a person:
 * a case code, a phone number, an e-mail address, or one of the given names (the child's and guardians'
 * names and readings; matched ignoring width and spacing, so 「山田 太郎」 finds 「山田太郎」).
 */
export function identifiesSomeone(text: string, names: readonly string[]): boolean {
  const normalised = text.normalize('NFKC');
  if (CODE_IN_TEXT.test(normalised) || PHONE.test(normalised) || MAIL.test(normalised)) return true;
  const flat = squash(text);
  return names.map(squash).some((n) => n.length >= 2 && flat.includes(n));
}

const oneOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

/**
 * Checks the form. `names` are the names that must not appear in what an agenda shows (for a case issue, the
 * child's and guardians'); an issue without a case must carry no personal data anywhere, so its description is
 * checked too and serves as the summary when none is given.
 */
export function validateIssueInput(input: IssueInput, taxonomy: IssueTaxonomy, withCase: boolean, names: readonly string[]): { readonly kind: 'valid'; readonly value: ValidIssueInput } | { readonly kind: 'invalid'; readonly errors: readonly IssueError[] } {
  const errors: IssueError[] = [];
  const description = input.description.trim();
  const summary = (input.summary.trim() || (withCase ? '' : description)).replace(/\s+/g, ' ');
  if (!taxonomy.find(input.category)) errors.push({ field: 'category', code: 'ISSUE.CATEGORY_UNKNOWN' });
  if (!oneOf(LIFE_STAGES, input.lifeStage)) errors.push({ field: 'lifeStage', code: 'ISSUE.LIFE_STAGE_UNKNOWN' });
  if (!oneOf(ISSUE_SEVERITIES, input.severity)) errors.push({ field: 'severity', code: 'ISSUE.SEVERITY_UNKNOWN' });
  if (!oneOf(ISSUE_STATUSES, input.status)) errors.push({ field: 'status', code: 'ISSUE.STATUS_UNKNOWN' });
  if (description === '') errors.push({ field: 'description', code: 'ISSUE.DESCRIPTION_REQUIRED' });
  else if ([...description].length > DESCRIPTION_MAX) errors.push({ field: 'description', code: 'ISSUE.DESCRIPTION_TOO_LONG' });
  else if (!withCase && identifiesSomeone(description, names)) errors.push({ field: 'description', code: 'ISSUE.PERSONAL_DATA' });
  if (input.raise && summary === '') errors.push({ field: 'summary', code: 'ISSUE.SUMMARY_REQUIRED' });
  else if ([...summary].length > SUMMARY_MAX) errors.push({ field: 'summary', code: 'ISSUE.SUMMARY_TOO_LONG' });
  else if (summary !== '' && identifiesSomeone(summary, names)) errors.push({ field: 'summary', code: 'ISSUE.PERSONAL_DATA' });
  if (errors.length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'valid',
    value: {
      category: input.category,
      lifeStage: input.lifeStage as LifeStage,
      severity: input.severity as IssueSeverity,
      status: input.status as IssueStatus,
      description,
      summary,
      raise: input.raise,
    },
  };
}

export function newIssue(params: { issueId: string; wardId: string; caseId: string | undefined; caseCode: string | undefined; input: ValidIssueInput; by: string; at: string; fictional: boolean }): Issue {
  const { input } = params;
  return {
    issueId: params.issueId,
    wardId: params.wardId,
    caseId: params.caseId,
    caseCode: params.caseCode,
    category: input.category,
    lifeStage: input.lifeStage,
    severity: input.severity,
    status: input.status,
    description: input.description,
    summary: input.summary,
    raise: input.raise,
    recordedBy: params.by,
    recordedAt: params.at,
    history: [{ status: input.status, at: params.at, by: params.by, via: 'record' }],
    discussedOn: [],
    fictional: params.fictional,
  };
}

/** Waits for a conference: raised, and not settled (resolved or taken up as a 制度課題). */
export function awaitsConference(issue: Pick<Issue, 'raise' | 'status'>): boolean {
  return issue.raise && issue.status === 'open';
}

/** The outcome of an agenda settles or carries the issue; each agenda counts once (a repeated close changes nothing). */
export function applyConferenceOutcome(issue: Issue, agendaId: string, result: 'resolved' | 'continue' | 'systemic', by: string, at: string): Issue {
  if (issue.discussedOn.includes(agendaId)) return issue;
  const status: IssueStatus = result === 'continue' ? issue.status : result;
  return {
    ...issue,
    status,
    discussedOn: [...issue.discussedOn, agendaId],
    history: status === issue.status ? issue.history : [...issue.history, { status, at, by, via: 'agenda' }],
  };
}

export const ISSUE_ACTIONS = ['raise', 'unraise', 'resolve', 'systemic', 'reopen'] as const;
/** What the issue list offers: 会議に上げる / 取り下げる, 解決 / 制度課題, 未解決に戻す. */
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

/** The issue after an action from the list; the same issue when the action changes nothing (a repeated click). */
export function applyIssueAction(issue: Issue, action: IssueAction, by: string, at: string): Issue {
  switch (action) {
    case 'raise':
      return issue.raise ? issue : { ...issue, raise: true };
    case 'unraise':
      return issue.raise ? { ...issue, raise: false } : issue;
    case 'resolve':
    case 'systemic':
    case 'reopen': {
      const status: IssueStatus = action === 'resolve' ? 'resolved' : action === 'systemic' ? 'systemic' : 'open';
      return issue.status === status ? issue : { ...issue, status, history: [...issue.history, { status, at, by, via: 'record' }] };
    }
  }
}

/** Who may change an issue from the list: who recorded it, the ward's case workers and the conference secretariat (for an issue of a case, the people holding it too — checked by the caller). */
export function mayChangeIssue(issue: Issue, actor: { readonly aadObjectId: string; readonly roles: readonly string[] }): boolean {
  return issue.recordedBy === actor.aadObjectId || actor.roles.includes('caseWorker') || actor.roles.includes('secretary');
}
