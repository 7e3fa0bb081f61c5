import { isAllowed } from '../../domain/authorisation';
import type { Actor } from '../../domain/directory';
import { applyIssueAction, ISSUE_STATUSES, mayChangeIssue, type Issue, type IssueAction, type IssueStatus } from '../../domain/issues/issue';
import { auditEntry } from '../auditEntries';
import { relationshipTo } from '../readCase';
import type { IssueListRow, StoredIssue } from './ports';
import { flushIssueAudit, type IssueDeps } from './recordIssue';

/** 課題 一覧: the ward's stock at a glance — counts by category and status, and the open issues, newest first. */
export interface IssueListView {
  readonly counts: readonly { readonly category: string; readonly byStatus: Readonly<Record<IssueStatus, number>> }[];
  readonly open: readonly IssueListRow[];
}

export type IssueListOutcome = { readonly kind: 'list'; readonly view: IssueListView } | { readonly kind: 'notAuthorised' };

/**
 * Anyone registered may read the list: it shows the checked no-names summaries, never a description or a
 * case. Counts come from the name-free rows, the open issues from one single-partition query.
 */
export async function listIssues(deps: Pick<IssueDeps, 'issues' | 'taxonomy' | 'wardId' | 'fictional'>, actor: Actor): Promise<IssueListOutcome> {
  if (actor.roles.length === 0) return { kind: 'notAuthorised' };
  const [rows, open] = await Promise.all([deps.issues.listForStats(deps.wardId), deps.issues.listOpen(deps.wardId)]);
  const counts = deps.taxonomy.categories.map((c) => {
    const byStatus = Object.fromEntries(ISSUE_STATUSES.map((s) => [s, 0])) as Record<IssueStatus, number>;
    for (const r of rows) if (r.category === c.id && r.fictional === deps.fictional) byStatus[r.status] += 1;
    return { category: c.id, byStatus };
  });
  return { kind: 'list', view: { counts: counts.filter((c) => ISSUE_STATUSES.some((s) => c.byStatus[s] > 0)), open } };
}

export type ChangeIssueOutcome =
  | { readonly kind: 'changed' | 'unchanged'; readonly issue: Issue }
  | { readonly kind: 'notAuthorised' | 'notFound' | 'busy' };

/**
 * 会議に上げる / 取り下げる / 解決 / 制度課題 / 未解決に戻す from the list. Who recorded the issue, the ward's case workers
 * and the secretariat may; for an issue of a case, the people holding the case too. ETag-guarded (a repeated
 * or concurrent click gives one outcome); a change to an issue of a case is audited on the case.
 */
export async function changeIssue(deps: IssueDeps, req: { actor: Actor; issueId: string; action: IssueAction; conversationId: string | undefined }): Promise<ChangeIssueOutcome> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await deps.issues.load(deps.wardId, req.issueId);
    if (!current) return { kind: 'notFound' };
    const issue = current.value.issue;
    if (!(await mayChange(deps, issue, req.actor))) return { kind: 'notAuthorised' };
    const at = deps.clock.now().toISOString();
    const next = applyIssueAction(issue, req.action, req.actor.aadObjectId, at);
    if (next === issue) return { kind: 'unchanged', issue };
    const entry = issue.caseId
      ? [auditEntry({ caseId: issue.caseId, actor: req.actor.aadObjectId, operation: 'update', action: 'issue.update', fields: [req.action === 'raise' || req.action === 'unraise' ? 'issues.raise' : 'issues.status'], at, conversationId: req.conversationId, discriminator: `${issue.issueId}|${req.action}|${at}` })]
      : [];
    const stored: StoredIssue = { issue: next, pendingAudit: [...current.value.pendingAudit, ...entry] };
    if ((await deps.issues.replace(stored, current.etag)).kind === 'saved') {
      await flushIssueAudit(deps, issue.issueId);
      return { kind: 'changed', issue: next };
    }
  }
  return { kind: 'busy' };
}

async function mayChange(deps: IssueDeps, issue: Issue, actor: Actor): Promise<boolean> {
  if (mayChangeIssue(issue, actor)) return true;
  if (issue.caseId === undefined) return false;
  const file = (await deps.cases.load(issue.caseId))?.value;
  return file !== undefined && isAllowed(actor, 'case.viewDetails', relationshipTo(file, actor));
}
