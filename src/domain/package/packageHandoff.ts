import { isAllowed } from '../authorisation';
import type { Actor, OrganisationKey } from '../directory';
import { placementNeedsSync, type CardPlacement, type PersonRef } from '../handoff';
import type { HandoffPackage } from './handoffPackage';

/**
 * A handoff package sent to a receiving organisation (保育園 → 小学校, 学校 → あいキッズ …) and its lifecycle:
 * 送付 (sent) → 受領 (received: any liaison of the receiver acknowledges) → 質問/回答 (questions from the
 * receiver, answered by the people holding the case) → 受入準備完了 (ready) or 差し戻し (returned).
 * The receiver can also report back something new (a new care need): a report lands on the case and with
 * the coordinator. Every step carries who and when; the package itself is kept as it was sent.
 */
/**
 * A handoff package raised again by the daily run, under the escalation rules of handoffs (issue 4):
 * - unacknowledged: still 送付済 (nobody received it) after N ward business days (level 1: a fresh card in
 *   the receiving channel) and 2N (level 2: a copy without actions for 障がい児支援係);
 * - unanswered: a question left unanswered for N business days (level 1 only: the sender's copy says so).
 * Recorded once per level (and per question); every card of the package is rewritten to show it.
 */
export interface PackageEscalation {
  readonly kind: 'unacknowledged' | 'unanswered';
  readonly level: 1 | 2;
  /** The instant the wait began: the `sent` event, or the question's askedAt. */
  readonly since: string;
  readonly at: string;
  /** Full ward business days waited, after the day the wait began, when it was escalated. */
  readonly businessDays: number;
  /** For `unanswered`: the question. */
  readonly questionId?: string;
}

export type PackageStatus = 'sent' | 'received' | 'ready' | 'returned';

export interface PackageQuestion {
  readonly id: string;
  readonly askedBy: PersonRef;
  readonly askedAt: string;
  readonly text: string;
  readonly answer?: { readonly by: PersonRef; readonly at: string; readonly text: string };
}

/** Something the receiving side hands back to the case (e.g. the school reports a new care need). */
export interface PackageReport {
  readonly id: string;
  readonly by: PersonRef;
  readonly at: string;
  readonly text: string;
}

export type PackageEvent =
  | { readonly type: 'sent'; readonly by: PersonRef; readonly at: string }
  | { readonly type: 'received' | 'ready'; readonly by: PersonRef; readonly at: string }
  | { readonly type: 'returned'; readonly by: PersonRef; readonly at: string; readonly reason: string }
  | { readonly type: 'asked' | 'answered' | 'reported'; readonly by: PersonRef; readonly at: string; readonly ref: string };

export interface PackageHandoff {
  readonly id: string;
  readonly organisation: OrganisationKey;
  readonly package: HandoffPackage;
  readonly status: PackageStatus;
  readonly questions: readonly PackageQuestion[];
  readonly reports: readonly PackageReport[];
  readonly history: readonly PackageEvent[];
  /** Increases on every change; cards carry it. */
  readonly version: number;
  /** The receiver's channel card and the sender's copy, rewritten on every change by the outbox. */
  readonly placements: readonly CardPlacement[];
  /** Steps taken by the daily run because nobody received it or answered in time (absent: none). */
  readonly escalations?: readonly PackageEscalation[];
}

export const PACKAGE_TEXT_MAX = 500;
export const PACKAGE_QUESTIONS_MAX = 30;

export type PackageDecision =
  | { readonly kind: 'changed'; readonly handoff: PackageHandoff }
  | { readonly kind: 'unchanged'; readonly reason: 'alreadyDone' }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'notOpen'; readonly status: PackageStatus }
  | { readonly kind: 'invalid'; readonly code: 'PACKAGE.TEXT_REQUIRED' | 'PACKAGE.TEXT_TOO_LONG' | 'PACKAGE.QUESTION_UNKNOWN' | 'PACKAGE.TOO_MANY_QUESTIONS' | 'PACKAGE.QUESTIONS_OPEN' };

const person = (a: Actor): PersonRef => ({ aadObjectId: a.aadObjectId, displayName: a.displayName, ...(a.teamsUserId ? { teamsUserId: a.teamsUserId } : {}) });
const receiver = (h: PackageHandoff, a: Actor) => isAllowed(a, 'package.respond', { handoffTarget: h.organisation });
const open = (h: PackageHandoff) => h.status === 'sent' || h.status === 'received';

function text(t: string): PackageDecision | undefined {
  const trimmed = t.trim();
  if (!trimmed) return { kind: 'invalid', code: 'PACKAGE.TEXT_REQUIRED' };
  if ([...trimmed].length > PACKAGE_TEXT_MAX) return { kind: 'invalid', code: 'PACKAGE.TEXT_TOO_LONG' };
  return undefined;
}

function change(h: PackageHandoff, patch: Partial<PackageHandoff>, event: PackageEvent): PackageDecision {
  return { kind: 'changed', handoff: { ...h, ...patch, version: h.version + 1, history: [...h.history, event] } };
}

export function newPackageHandoff(id: string, pkg: HandoffPackage, sender: Actor, at: string, placements: readonly CardPlacement[]): PackageHandoff {
  return { id, organisation: pkg.organisation, package: pkg, status: 'sent', questions: [], reports: [], history: [{ type: 'sent', by: person(sender), at }], version: 1, placements };
}

/** 受領: any liaison of the receiving organisation; a second acknowledgement changes nothing. */
export function decideReceive(h: PackageHandoff, actor: Actor, at: string): PackageDecision {
  if (!receiver(h, actor)) return { kind: 'notAuthorised' };
  if (h.status !== 'sent') return h.status === 'received' ? { kind: 'unchanged', reason: 'alreadyDone' } : { kind: 'notOpen', status: h.status };
  return change(h, { status: 'received' }, { type: 'received', by: person(actor), at });
}

/** 質問: the receiver asks; the question goes to the coordinator. Asking also acknowledges receipt. */
export function decideAsk(h: PackageHandoff, actor: Actor, questionId: string, question: string, at: string): PackageDecision {
  if (!receiver(h, actor)) return { kind: 'notAuthorised' };
  if (!open(h)) return { kind: 'notOpen', status: h.status };
  const bad = text(question);
  if (bad) return bad;
  if (h.questions.some((q) => q.id === questionId)) return { kind: 'unchanged', reason: 'alreadyDone' };
  if (h.questions.length >= PACKAGE_QUESTIONS_MAX) return { kind: 'invalid', code: 'PACKAGE.TOO_MANY_QUESTIONS' };
  const q: PackageQuestion = { id: questionId, askedBy: person(actor), askedAt: at, text: question.trim() };
  return change(h, { status: 'received', questions: [...h.questions, q] }, { type: 'asked', by: person(actor), at, ref: questionId });
}

/** 回答: by the people holding the case (assigned coordinator, desk, case workers). */
export function decideAnswer(h: PackageHandoff, actor: Actor, isAssignedCoordinator: boolean, questionId: string, answer: string, at: string): PackageDecision {
  if (!isAllowed(actor, 'package.answer', { isAssignedCoordinator })) return { kind: 'notAuthorised' };
  const q = h.questions.find((x) => x.id === questionId);
  if (!q) return { kind: 'invalid', code: 'PACKAGE.QUESTION_UNKNOWN' };
  if (q.answer) return { kind: 'unchanged', reason: 'alreadyDone' };
  const bad = text(answer);
  if (bad) return bad;
  const questions = h.questions.map((x) => (x.id === questionId ? { ...x, answer: { by: person(actor), at, text: answer.trim() } } : x));
  return change(h, { questions }, { type: 'answered', by: person(actor), at, ref: questionId });
}

/** 受入準備完了: the receiver is ready; not while a question is unanswered. */
export function decideReady(h: PackageHandoff, actor: Actor, at: string): PackageDecision {
  if (!receiver(h, actor)) return { kind: 'notAuthorised' };
  if (h.status === 'ready') return { kind: 'unchanged', reason: 'alreadyDone' };
  if (!open(h)) return { kind: 'notOpen', status: h.status };
  if (h.questions.some((q) => !q.answer)) return { kind: 'invalid', code: 'PACKAGE.QUESTIONS_OPEN' };
  return change(h, { status: 'ready' }, { type: 'ready', by: person(actor), at });
}

/** 差し戻し: the receiver sends it back with a reason (the package goes back to the coordinator). */
export function decideReturn(h: PackageHandoff, actor: Actor, reason: string, at: string): PackageDecision {
  if (!receiver(h, actor)) return { kind: 'notAuthorised' };
  if (h.status === 'returned') return { kind: 'unchanged', reason: 'alreadyDone' };
  if (!open(h)) return { kind: 'notOpen', status: h.status };
  const bad = text(reason);
  if (bad) return bad;
  return change(h, { status: 'returned' }, { type: 'returned', by: person(actor), at, reason: reason.trim() });
}

/** 報告 (return handoff): the receiver reports something new for the case, at any time after sending. */
export function decideReport(h: PackageHandoff, actor: Actor, reportId: string, report: string, at: string): PackageDecision {
  if (!receiver(h, actor)) return { kind: 'notAuthorised' };
  const bad = text(report);
  if (bad) return bad;
  if (h.reports.some((r) => r.id === reportId)) return { kind: 'unchanged', reason: 'alreadyDone' };
  return change(h, { reports: [...h.reports, { id: reportId, by: person(actor), at, text: report.trim() }] }, { type: 'reported', by: person(actor), at, ref: reportId });
}

export function packagesOf(file: { readonly packages?: readonly PackageHandoff[] }): readonly PackageHandoff[] {
  return file.packages ?? [];
}

export function packageNeedsSync(h: PackageHandoff): boolean {
  return h.placements.some((p) => placementNeedsSync(p, h.version));
}
