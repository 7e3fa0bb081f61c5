/**
 * Ports of the issue stock and the conference agenda (issue 6), named for the domain.
 */
import type { AuditEntry } from '../../domain/audit';
import type { Agenda, AgendaCandidate, ConferenceRef } from '../../domain/issues/agenda';
import type { Issue } from '../../domain/issues/issue';
import type { IssueStatsRow } from '../../domain/issues/issueStats';
import type { AgendaView, FollowUpReminderView } from './agendaView';
import type { CardDelivery, SaveResult, Versioned } from '../ports';
import type { ConversationAddress } from '../../domain/handoff';

/** An issue as stored: with the audit entries its last write still owes the audit trail. */
export interface StoredIssue {
  readonly issue: Issue;
  readonly pendingAudit: readonly AuditEntry[];
}

/** The ward's issue stock: one logical partition per ward, so an agenda pull is one single-partition query. */
export interface IssueRepository {
  /** 'exists' when an issue with this id was recorded before (the same form submitted again). */
  create(issue: StoredIssue): Promise<'created' | 'exists'>;
  load(wardId: string, issueId: string): Promise<Versioned<StoredIssue> | undefined>;
  replace(issue: StoredIssue, etag: string): Promise<SaveResult>;
  /** Raised (会議に上げる) and still open: only what an agenda shows of them. */
  awaitingConference(wardId: string): Promise<AgendaCandidate[]>;
  /** The issues recorded from one case, newest first. */
  listForCase(wardId: string, caseId: string): Promise<Issue[]>;
  /** Ids of issues whose audit entries are not yet in the trail (the sweep after a crash). */
  listWithPendingAudit(wardId: string, limit: number): Promise<string[]>;
  /** The ward's open issues for the list, newest first: the agenda fields and who may change them, no description. */
  listOpen(wardId: string): Promise<IssueListRow[]>;
  /** Every issue of the ward without its texts (statistics). */
  listForStats(wardId: string): Promise<IssueStatsRow[]>;
}

/** A row of the issue list (課題 一覧): what an agenda shows, plus who recorded it and its case id (for the permission check only). */
export type IssueListRow = AgendaCandidate & Pick<Issue, 'recordedBy' | 'caseId'>;

/** What statistics read of an issue: no description, no summary, no case. */
export type { IssueStatsRow } from '../../domain/issues/issueStats';

/** The agendas of a ward's conferences, one document each (few per year), in the ward's partition. */
export interface AgendaRepository {
  create(agenda: Agenda): Promise<'created' | 'exists'>;
  load(wardId: string, agendaId: string): Promise<Versioned<Agenda> | undefined>;
  /** All agendas of the ward, oldest first. */
  list(wardId: string): Promise<Versioned<Agenda>[]>;
  replace(agenda: Agenda, etag: string): Promise<SaveResult>;
}

export type BodyWrite =
  | { readonly kind: 'written' }
  /** The conference or its event is gone (cancelled, deleted): nothing to write into. */
  | { readonly kind: 'gone' }
  | { readonly kind: 'retryLater'; readonly afterMs: number };

/** The ward conferences (重症心身障がい・医療的ケア児等会議) on the calendar, and their event bodies. */
export interface WardConferences {
  /** The next scheduled conference starting after `after`, if any. */
  next(wardId: string, after: Date): Promise<ConferenceRef | undefined>;
  /** Writes the agenda into the conference's calendar event (attendees see it in the invitation). */
  writeBody(wardId: string, meetingId: string, bodyText: string): Promise<BodyWrite>;
}

/** Shows the agenda card in the secretariat channel (posts it, or rewrites the one posted). */
export interface AgendaChannel {
  showAgenda(address: ConversationAddress, activityId: string | undefined, view: AgendaView): Promise<CardDelivery>;
  /** Posts a follow-up reminder (決定事項, 期限, 完了) in the responsible department's channel. */
  showFollowUpReminder(address: ConversationAddress, view: FollowUpReminderView): Promise<CardDelivery>;
}
