/**
 * Ports: what the use cases need from the outside world, named for the domain. Adapters implement them
 * (Cosmos, Teams, Graph, embedded stand-ins); tests use the same contract suites against every implementation.
 */
import type { AuditEntry } from '../domain/audit';
import type { Actor, OrganisationKey } from '../domain/directory';
import type { CaseFile } from '../domain/caseFile';
import type { ConversationAddress } from '../domain/handoff';
import type { HandoffCardView } from './views';
import type { PackageCardView } from './packageViews';
import type { DigestMark } from '../domain/transitions/digest';
import type { MilestoneListView } from './milestoneViews';
import type { MilestoneCardView } from './milestoneCardView';

export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export type SaveResult = { readonly kind: 'saved'; readonly etag: string } | { readonly kind: 'conflict' };

/** Case files, one document each, replaced only with the ETag they were read with. */
export interface CaseFileRepository {
  create(file: CaseFile): Promise<'created' | 'exists'>;
  load(caseId: string): Promise<Versioned<CaseFile> | undefined>;
  /**
   * The version this instance read or wrote last, if it still has it (no round trip). It may be stale:
   * only use it to attempt a conditional replace, which fails with a conflict if somebody saved since.
   */
  loadCached?(caseId: string): Versioned<CaseFile> | undefined;
  replace(file: CaseFile, etag: string): Promise<SaveResult>;
  /** Case ids with audit entries or card updates still to deliver (background sweep after a crash). */
  listWithOutboxWork(limit: number): Promise<string[]>;
  /** Case ids that are closed or transferred and not yet anonymised (background retention job). */
  listEndedNotAnonymised(limit: number): Promise<string[]>;
  /** Case ids that are open (受付 / 支援中 / モニタリング) and not anonymised (the daily run). */
  listOpen(limit: number): Promise<string[]>;
  /** Case ids of open cases with a handoff waiting for acceptance (escalation). */
  listAwaitingAcceptance(limit: number): Promise<string[]>;
  /** Case ids with cards parked because their channel was unreachable (released when the app is added back). */
  listWithParkedCards(limit: number): Promise<string[]>;
}

/** A row in a list of cases (names are shown, so lists are for personal chat and are audited). */
export interface CaseSummary {
  readonly caseId: string;
  readonly code: string;
  readonly childName: string;
  readonly childNameKana: string;
  readonly urgency: 'normal' | 'soon' | 'urgent';
  readonly status: 'intake' | 'active' | 'monitoring' | 'closed' | 'transferred';
  readonly assignedCoordinator: string | undefined;
  readonly assignedCoordinatorId: string | undefined;
  readonly createdAt: string;
}

/** Finding cases: by normalised text (name, reading or code) and by assigned coordinator. */
export interface CaseIndex {
  search(wardId: string, normalisedText: string, limit: number): Promise<CaseSummary[]>;
  assignedTo(wardId: string, aadObjectId: string, limit: number): Promise<CaseSummary[]>;
}

/** Allocates the next number of the case code sequence for a ward and year (gaps allowed, no duplicates). */
export interface CaseCodeAllocator {
  next(wardId: string, year: number): Promise<number>;
}

/** Makes form submissions idempotent: the first submit of a form claims it; later ones see the result. */
export interface SubmissionLedger {
  claim(formId: string, by: string, at: string): Promise<{ kind: 'claimed' } | { kind: 'completed'; caseId: string } | { kind: 'inProgress' }>;
  complete(formId: string, caseId: string): Promise<void>;
  release(formId: string): Promise<void>;
}

export interface AuditTrail {
  /** Idempotent by entry id. Throws on failure (the caller keeps the entry and retries). */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** A case's trail (for a disclosure request): one partition. */
  listForCase(caseId: string): Promise<AuditEntry[]>;
  /** Everything one person did (cross-partition; administrators only, rare). */
  listForActor(aadObjectId: string, limit: number): Promise<AuditEntry[]>;
}

export type CardDelivery =
  | { readonly kind: 'posted'; readonly activityId: string; readonly conversationId: string }
  | { readonly kind: 'updated' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'retryLater'; readonly afterMs: number }
  /**
   * 403 (the app is not in the team: `forbidden`) or, for a new post, 404 / ConversationNotFound (the channel
   * is gone: `notFound`): stop until the app is added back.
   */
  | { readonly kind: 'unreachable'; readonly status: number; readonly reason: 'forbidden' | 'notFound' }
  | { readonly kind: 'rejected'; readonly status: number };

/** Shows cards in Teams channels: posts a new card or rewrites an existing one. */
export interface Messenger {
  showHandoff(address: ConversationAddress, activityId: string | undefined, view: HandoffCardView): Promise<CardDelivery>;
  /** The card of another department's milestone (case code, step, due date; 完了 / 延期). */
  showMilestoneCard(address: ConversationAddress, activityId: string | undefined, view: MilestoneCardView): Promise<CardDelivery>;
  /** A handoff package card (minimal; the content only in the user-specific view). */
  showPackage(address: ConversationAddress, activityId: string | undefined, view: PackageCardView): Promise<CardDelivery>;
}

/**
 * Where the ward's team is in Teams (service URL and tenant), stored when the app is added to the team
 * (`conv:team:<teamId>` in `meta`), so channel posts work without a prior turn. Marked unreachable on an
 * uninstall or a 403/404 answer, so nothing is retried forever and an administrator is told once.
 */
export interface TeamConversation {
  readonly teamId: string;
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
  readonly savedAt: string;
  readonly unreachable: { readonly since: string; readonly status: number; readonly reason: UnreachableReason; readonly organisation: OrganisationKey | undefined } | undefined;
  /** Channels Teams said are gone (404 / ConversationNotFound): only their cards wait; the rest of the team is fine. */
  readonly missingChannels: readonly string[];
}

/** uninstalled: the app was removed from the team; forbidden: 403; notFound: 404 on a new post (channel gone). */
export type UnreachableReason = 'uninstalled' | 'forbidden' | 'notFound';

export interface TeamConversations {
  /** Stores or refreshes the reference and marks it reachable; says whether it was unreachable before. */
  remember(ref: { readonly teamId: string; readonly serviceUrl: string; readonly tenantId: string | undefined }, at: string): Promise<{ readonly wasUnreachable: boolean }>;
  find(teamId: string): Promise<TeamConversation | undefined>;
  /**
   * Marks the team unreachable — or, for `notFound`, only that channel missing — creating the reference from
   * `fallback` when none was stored. Returns true only to the caller that changed it (ETag), who then tells
   * the administrators.
   */
  markUnreachable(
    teamId: string,
    fallback: { readonly serviceUrl: string; readonly tenantId: string | undefined },
    detail: { readonly status: number; readonly reason: UnreachableReason; readonly organisation: OrganisationKey | undefined; readonly channelId: string | undefined },
    at: string,
  ): Promise<boolean>;
}

/** What an administrator is told (no personal data: organisations, counts and status codes only). */
export type AdminAlert =
  | {
      readonly kind: 'channelUnreachable';
      readonly reason: UnreachableReason;
      readonly status: number;
      readonly organisation: OrganisationKey | undefined;
    }
  /** Someone removed the app from their personal chat: their reminders cannot be delivered any more. */
  | { readonly kind: 'personalUninstalled'; readonly name: string };

/** Proactive messages to administrators in their personal chat. */
export interface AdminNotifier {
  sendAdminAlert(to: PersonalConversation, alert: AdminAlert, language: Language): Promise<PersonalDelivery>;
}

/** Who is acting: resolved from the Entra object id (directory file in embedded mode, Entra groups in azure). */
export interface ActorResolver {
  resolve(aadObjectId: string, displayName: string | undefined): Promise<Actor | undefined>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

export type Language = 'ja' | 'en';
export interface UserPreferences {
  getLanguage(aadObjectId: string): Promise<Language | undefined>;
  setLanguage(aadObjectId: string, language: Language): Promise<void>;
}

/** Where a person's personal chat with the bot is, stored when they install the app in personal scope. */
export interface PersonalConversation {
  readonly aadObjectId: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly tenantId: string | undefined;
  /** The bot's and the user's channel account ids in that conversation (28:… and 29:…). */
  readonly botId: string;
  readonly userId: string;
}

export interface StoredPersonalConversation extends PersonalConversation {
  readonly savedAt: string;
  /** The last daily digest claimed or sent to this person (see domain/transitions/digest.ts). */
  readonly digest: DigestMark | undefined;
}

/** Conversation references for proactive messages, one per person (`conv:user:<aadObjectId>` in `meta`). */
export interface PersonalConversations {
  /** Stores or refreshes the reference; keeps the digest mark. */
  remember(conversation: PersonalConversation, at: string): Promise<void>;
  /** Removes the reference (uninstalled, or Teams says the bot is no longer in the conversation). */
  forget(aadObjectId: string): Promise<void>;
  find(aadObjectId: string): Promise<StoredPersonalConversation | undefined>;
  list(limit: number): Promise<StoredPersonalConversation[]>;
  /**
   * Replaces the digest mark with what `decide` returns, only if nobody changed the reference since it was
   * read (ETag). Returns the mark written, or undefined when `decide` declined, the reference is gone, or
   * somebody else was faster (two instances: exactly one wins a claim).
   */
  updateDigestMark(aadObjectId: string, decide: (current: DigestMark | undefined) => DigestMark | undefined): Promise<DigestMark | undefined>;
}

export type PersonalDelivery =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retryLater'; readonly afterMs: number }
  /** 403 BotNotInConversationRoster / 404 ConversationNotFound: the person removed the app; stop trying. */
  | { readonly kind: 'unreachable'; readonly status: number }
  | { readonly kind: 'rejected'; readonly status: number };

/** Proactive messages in a person's personal chat. */
export interface PersonalNotifier {
  sendMilestoneDigest(to: PersonalConversation, view: MilestoneListView, language: Language): Promise<PersonalDelivery>;
}
