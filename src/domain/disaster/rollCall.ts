import type { AuditEntry } from '../audit';
import type { CaseStatus } from '../case';
import type { ConversationAddress } from '../handoff';

/**
 * Roll-call (安否確認) after an earthquake, a flood or a long power cut: every child in the area is checked
 * by the person responsible for them, and each is marked 無事 / 要支援 / 連絡つかず. The roll-call keeps a
 * snapshot of who is in it and who checks whom, so a later edit of a case does not move a child between
 * lists mid-way. It holds case ids and codes only — no names — so its lists may go to channels.
 *
 * Storage: one document per roll-call (see adapters/cosmos/cosmosRollCalls.ts for the size bounds below and
 * why one document, not one per group, is enough for a ward).
 */

export const ROLL_CALL_REASONS = ['earthquake', 'powerOutage', 'flood', 'typhoon', 'drill', 'other'] as const;
/** 地震 / 停電 / 水害 / 台風 / 訓練 / その他 */
export type RollCallReasonKind = (typeof ROLL_CALL_REASONS)[number];
export interface RollCallReason {
  readonly kind: RollCallReasonKind;
  /** Shown in channels: a short description of the event, never anything about a child. */
  readonly note: string;
}

/** The whole ward, or some of its districts (地区). */
export type RollCallScope = { readonly kind: 'ward' } | { readonly kind: 'districts'; readonly districts: readonly string[] };

export interface PersonRef {
  readonly aadObjectId: string;
  readonly displayName: string;
}

/**
 * Who checks a child: the coordinator assigned to the case, or, for a child with none, the ward's
 * 障がい児支援係 (casework) as a team.
 */
export type Responsible = ({ readonly kind: 'coordinator' } & PersonRef) | { readonly kind: 'casework' };

export interface RollCallGroup {
  /** `coordinator:<aadObjectId>` or `casework`. */
  readonly key: string;
  readonly responsible: Responsible;
}

export interface RollCallChild {
  readonly caseId: string;
  readonly caseCode: string;
  readonly district: string;
  /** The case had no district when the roll-call started (included so that nobody is missed). */
  readonly districtUnknown: boolean;
  readonly groupKey: string;
}

export const SAFETY_STATUSES = ['safe', 'needsSupport', 'unreachable'] as const;
/** 無事 / 要支援 / 連絡つかず */
export type SafetyStatus = (typeof SAFETY_STATUSES)[number];

export const SUPPORT_NEEDS = ['power', 'oxygen', 'transport', 'hospital', 'other'] as const;
/** 電源 / 酸素 / 移動手段 / 病院 / その他 */
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

export interface Confirmation {
  /** The idempotency key of the action that recorded it (a card click); unique within the roll-call. */
  readonly key: string;
  readonly caseId: string;
  readonly status: SafetyStatus;
  readonly needs: readonly SupportNeed[];
  /** A short note (要配慮個人情報: shown only to the responsible people, never in the summary). */
  readonly note: string;
  readonly by: PersonRef;
  readonly at: string;
}

/** How often a group has been reminded; the last reminder time drives the next. */
export interface GroupReminderState {
  readonly groupKey: string;
  readonly rounds: number;
  readonly lastAt: string;
}

/** A reminder claimed but not yet delivered (the roll-call's own outbox; see reminders.ts). */
export interface PendingReminder {
  /** `<rollCallId>:<groupKey>:<round>`: deterministic, so a repeated delivery is recognisable. */
  readonly id: string;
  readonly groupKey: string;
  readonly round: number;
  readonly at: string;
  readonly caseIds: readonly string[];
}

export interface RollCallClosure {
  readonly by: PersonRef;
  readonly at: string;
  readonly note: string;
}

/**
 * A card the roll-call keeps current in Teams: the live summary, or the list of one responsible group.
 * The roll-call is its own outbox for them: a card whose `syncedVersion` is behind its `version` is posted
 * (no `activityId` yet) or rewritten in place by the delivery, so a crash or a 429/5xx only delays it.
 */
export interface RollCallCard {
  /** `summary` or `group:<groupKey>`: one card of each per roll-call. */
  readonly id: string;
  readonly view: 'summary' | 'group';
  readonly groupKey: string | undefined;
  /** Where it is (or is to be) posted: a channel before it exists, its thread afterwards. */
  readonly address: ConversationAddress;
  readonly activityId: string | undefined;
  /** Bumped by every change the card shows. */
  readonly version: number;
  readonly syncedVersion: number;
  /** Teams refused it for good (403/404 on a new post, other 4xx): not tried again. */
  readonly gaveUp: boolean;
}

export interface RollCall {
  readonly id: string;
  readonly wardId: string;
  readonly scope: RollCallScope;
  readonly reason: RollCallReason;
  /** When the event (the quake, the power cut) began: battery margins count from here. */
  readonly eventStartedAt: string;
  readonly startedBy: PersonRef;
  readonly startedAt: string;
  readonly groups: readonly RollCallGroup[];
  readonly children: readonly RollCallChild[];
  /** Every confirmation in the order it was committed (per child, the latest few; see MAX_HISTORY_PER_CHILD). */
  readonly confirmations: readonly Confirmation[];
  readonly reminderLog: readonly GroupReminderState[];
  readonly pendingReminders: readonly PendingReminder[];
  readonly closed: RollCallClosure | undefined;
  /** Audit entries committed with the change and not yet copied to the audit trail (outbox). */
  readonly pendingAudit: readonly AuditEntry[];
  /** The cards in Teams this roll-call keeps current (absent in documents written before there were any). */
  readonly cards?: readonly RollCallCard[];
}

export const ROLL_CALL_LIMITS = Object.freeze({
  /** Above this, start one roll-call per district instead (keeps the document well below 2 MB). */
  childrenMax: 400,
  /** Confirmations kept per child in the roll-call (the audit trail keeps who/when of every one). */
  historyPerChild: 5,
  noteMax: 200,
  reasonNoteMax: 100,
  districtsMax: 30,
  /** How far back the event may have started. */
  eventStartMaxAgeHours: 24 * 14,
});

// ---------------------------------------------------------------------------------------------------
// Scope and grouping

/** The case as the roll-call needs it (a row of the case index with district and coordinator). */
export interface RollCallCandidate {
  readonly caseId: string;
  readonly code: string;
  readonly district: string;
  readonly status: CaseStatus;
  readonly anonymised: boolean;
  readonly coordinator: PersonRef | undefined;
}

/** Districts are free text for now: compare them width-, case- and space-insensitively (「大山町 」=「大山町」). */
export function normaliseDistrict(district: string): string {
  return district.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const LIVE_STATUSES: ReadonlySet<CaseStatus> = new Set(['intake', 'active', 'monitoring']);

export interface ScopeOptions {
  /**
   * Include children whose case has no district in a district roll-call (default true: better to check one
   * child too many than to miss one; they are flagged `districtUnknown`).
   */
  readonly includeDistrictUnknown?: boolean;
}

/** The live (not closed, transferred or anonymised) cases in scope, in case code order. */
export function childrenInScope(candidates: readonly RollCallCandidate[], scope: RollCallScope, options: ScopeOptions = {}): RollCallCandidate[] {
  const includeUnknown = options.includeDistrictUnknown ?? true;
  const wanted = scope.kind === 'districts' ? new Set(scope.districts.map(normaliseDistrict)) : undefined;
  return candidates
    .filter((c) => LIVE_STATUSES.has(c.status) && !c.anonymised)
    .filter((c) => {
      if (!wanted) return true;
      const d = normaliseDistrict(c.district);
      return d === '' ? includeUnknown : wanted.has(d);
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function responsibleFor(c: RollCallCandidate): Responsible {
  return c.coordinator ? { kind: 'coordinator', aadObjectId: c.coordinator.aadObjectId, displayName: c.coordinator.displayName } : { kind: 'casework' };
}

export const CASEWORK_GROUP_KEY = 'casework';

export function coordinatorGroupKey(aadObjectId: string): string {
  return `coordinator:${aadObjectId}`;
}

export function groupKeyOf(r: Responsible): string {
  return r.kind === 'coordinator' ? coordinatorGroupKey(r.aadObjectId) : CASEWORK_GROUP_KEY;
}

/** The distinct districts of the live cases (to help when a district roll-call matched nobody). */
export function knownDistricts(candidates: readonly RollCallCandidate[]): string[] {
  const byKey = new Map<string, string>();
  for (const c of candidates) if (LIVE_STATUSES.has(c.status) && c.district.trim()) byKey.set(normaliseDistrict(c.district), c.district.trim());
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

// ---------------------------------------------------------------------------------------------------
// Start

export type RollCallErrorCode =
  | 'ROLLCALL.REASON_REQUIRED'
  | 'ROLLCALL.TEXT_TOO_LONG'
  | 'ROLLCALL.UNKNOWN_VALUE'
  | 'ROLLCALL.DISTRICTS_REQUIRED'
  | 'ROLLCALL.TOO_MANY'
  | 'ROLLCALL.EVENT_TIME_INVALID'
  | 'ROLLCALL.NEEDS_REQUIRED'
  | 'ROLLCALL.NEEDS_NOT_EXPECTED'
  | 'ROLLCALL.NOTE_REQUIRED';

export interface RollCallError {
  readonly field: string;
  readonly code: RollCallErrorCode;
}

export interface StartParams {
  readonly id: string;
  readonly wardId: string;
  readonly scope: RollCallScope;
  readonly reason: RollCallReason;
  readonly startedBy: PersonRef;
  readonly startedAt: string;
  /** Defaults to `startedAt`. */
  readonly eventStartedAt?: string;
  readonly candidates: readonly RollCallCandidate[];
  readonly options?: ScopeOptions;
}

export type StartDecision =
  | { readonly kind: 'started'; readonly rollCall: RollCall }
  | { readonly kind: 'invalid'; readonly errors: readonly RollCallError[] }
  /** Nobody matched (usually a district spelt differently): the districts the cases do have. */
  | { readonly kind: 'emptyScope'; readonly knownDistricts: readonly string[] };

const len = (s: string) => [...s].length;
const HOUR_MS = 60 * 60 * 1000;

export function validateStart(p: Pick<StartParams, 'scope' | 'reason' | 'startedAt' | 'eventStartedAt'>): RollCallError[] {
  const L = ROLL_CALL_LIMITS;
  const errors: RollCallError[] = [];
  if (!(ROLL_CALL_REASONS as readonly string[]).includes(p.reason.kind)) errors.push({ field: 'reason.kind', code: 'ROLLCALL.UNKNOWN_VALUE' });
  if (p.reason.kind === 'other' && !p.reason.note.trim()) errors.push({ field: 'reason.note', code: 'ROLLCALL.REASON_REQUIRED' });
  if (len(p.reason.note) > L.reasonNoteMax) errors.push({ field: 'reason.note', code: 'ROLLCALL.TEXT_TOO_LONG' });
  if (p.scope.kind === 'districts') {
    if (!p.scope.districts.some((d) => d.trim())) errors.push({ field: 'scope.districts', code: 'ROLLCALL.DISTRICTS_REQUIRED' });
    if (p.scope.districts.length > L.districtsMax) errors.push({ field: 'scope.districts', code: 'ROLLCALL.TOO_MANY' });
  }
  if (p.eventStartedAt !== undefined) {
    const event = Date.parse(p.eventStartedAt);
    const start = Date.parse(p.startedAt);
    if (!Number.isFinite(event) || event > start || start - event > L.eventStartMaxAgeHours * HOUR_MS) errors.push({ field: 'eventStartedAt', code: 'ROLLCALL.EVENT_TIME_INVALID' });
  }
  return errors;
}

export function startRollCall(p: StartParams): StartDecision {
  const errors = validateStart(p);
  if (errors.length) return { kind: 'invalid', errors };
  const inScope = childrenInScope(p.candidates, p.scope, p.options);
  if (inScope.length === 0) return { kind: 'emptyScope', knownDistricts: knownDistricts(p.candidates) };
  if (inScope.length > ROLL_CALL_LIMITS.childrenMax) return { kind: 'invalid', errors: [{ field: 'scope', code: 'ROLLCALL.TOO_MANY' }] };
  const groups = new Map<string, RollCallGroup>();
  const children = inScope.map((c): RollCallChild => {
    const responsible = responsibleFor(c);
    const key = groupKeyOf(responsible);
    if (!groups.has(key)) groups.set(key, { key, responsible });
    return { caseId: c.caseId, caseCode: c.code, district: c.district.trim(), districtUnknown: normaliseDistrict(c.district) === '', groupKey: key };
  });
  const scope: RollCallScope = p.scope.kind === 'ward' ? p.scope : { kind: 'districts', districts: p.scope.districts.map((d) => d.trim()).filter((d) => d) };
  return {
    kind: 'started',
    rollCall: {
      id: p.id,
      wardId: p.wardId,
      scope,
      reason: { kind: p.reason.kind, note: p.reason.note.trim() },
      eventStartedAt: p.eventStartedAt ?? p.startedAt,
      startedBy: p.startedBy,
      startedAt: p.startedAt,
      groups: [...groups.values()].sort(compareGroups),
      children,
      confirmations: [],
      reminderLog: [],
      pendingReminders: [],
      closed: undefined,
      pendingAudit: [],
    },
  };
}

/** Coordinators by name, then the casework team last. */
function compareGroups(a: RollCallGroup, b: RollCallGroup): number {
  if (a.responsible.kind !== b.responsible.kind) return a.responsible.kind === 'casework' ? 1 : -1;
  const an = a.responsible.kind === 'coordinator' ? a.responsible.displayName : '';
  const bn = b.responsible.kind === 'coordinator' ? b.responsible.displayName : '';
  return an.localeCompare(bn) || a.key.localeCompare(b.key);
}

// ---------------------------------------------------------------------------------------------------
// Confirmations

export function findChild(rc: RollCall, caseId: string): RollCallChild | undefined {
  return rc.children.find((c) => c.caseId === caseId);
}

export function findGroup(rc: RollCall, groupKey: string): RollCallGroup | undefined {
  return rc.groups.find((g) => g.key === groupKey);
}

/**
 * The confirmation that counts for a child: the one recorded latest (by its time; between two with the
 * same time, the one committed later). A click that waited behind a conflict does not override a later one.
 */
export function latestConfirmation(rc: RollCall, caseId: string): Confirmation | undefined {
  let latest: Confirmation | undefined;
  for (const c of rc.confirmations) if (c.caseId === caseId && (!latest || Date.parse(c.at) >= Date.parse(latest.at))) latest = c;
  return latest;
}

/** Every confirmation kept for a child, oldest first. */
export function historyOf(rc: RollCall, caseId: string): Confirmation[] {
  return rc.confirmations.filter((c) => c.caseId === caseId);
}

export interface ConfirmParams {
  readonly key: string;
  readonly caseId: string;
  readonly status: SafetyStatus;
  readonly needs: readonly SupportNeed[];
  readonly note: string;
  readonly by: PersonRef;
  readonly at: string;
}

export type ConfirmDecision =
  | { readonly kind: 'recorded'; readonly rollCall: RollCall; readonly confirmation: Confirmation }
  /** The same key was recorded before (a repeated click or a retried request): nothing changes. */
  | { readonly kind: 'alreadyRecorded'; readonly confirmation: Confirmation }
  | { readonly kind: 'notInRollCall' }
  | { readonly kind: 'closed'; readonly closed: RollCallClosure }
  | { readonly kind: 'invalid'; readonly errors: readonly RollCallError[] };

export function validateConfirmation(p: Pick<ConfirmParams, 'status' | 'needs' | 'note'>): RollCallError[] {
  const errors: RollCallError[] = [];
  if (!(SAFETY_STATUSES as readonly string[]).includes(p.status)) errors.push({ field: 'status', code: 'ROLLCALL.UNKNOWN_VALUE' });
  if (p.needs.some((n) => !(SUPPORT_NEEDS as readonly string[]).includes(n))) errors.push({ field: 'needs', code: 'ROLLCALL.UNKNOWN_VALUE' });
  if (p.status === 'needsSupport' && p.needs.length === 0) errors.push({ field: 'needs', code: 'ROLLCALL.NEEDS_REQUIRED' });
  if (p.status !== 'needsSupport' && p.needs.length > 0) errors.push({ field: 'needs', code: 'ROLLCALL.NEEDS_NOT_EXPECTED' });
  if (p.needs.includes('other') && !p.note.trim()) errors.push({ field: 'note', code: 'ROLLCALL.NOTE_REQUIRED' });
  if (len(p.note) > ROLL_CALL_LIMITS.noteMax) errors.push({ field: 'note', code: 'ROLLCALL.TEXT_TOO_LONG' });
  return errors;
}

/** Records a child's state. Idempotent by key; refused once the roll-call is closed. */
export function confirmChild(rc: RollCall, p: ConfirmParams): ConfirmDecision {
  const earlier = rc.confirmations.find((c) => c.key === p.key);
  if (earlier) return { kind: 'alreadyRecorded', confirmation: earlier };
  if (rc.closed) return { kind: 'closed', closed: rc.closed };
  if (!findChild(rc, p.caseId)) return { kind: 'notInRollCall' };
  const errors = validateConfirmation(p);
  if (errors.length) return { kind: 'invalid', errors };
  const needs = SUPPORT_NEEDS.filter((n) => p.needs.includes(n));
  const confirmation: Confirmation = { key: p.key, caseId: p.caseId, status: p.status, needs, note: p.note.trim(), by: p.by, at: p.at };
  const groupKey = findChild(rc, p.caseId)?.groupKey;
  const changed = bumpCards({ ...rc, confirmations: trimHistory([...rc.confirmations, confirmation], p.caseId) }, (c) => c.view === 'summary' || c.groupKey === groupKey);
  return { kind: 'recorded', rollCall: changed, confirmation };
}

/**
 * Keeps the latest few per child (the dropped ones stay in the audit trail as who/when). A retry of a
 * dropped click's key would be recorded again; retries come within seconds, five clicks later is not one.
 */
function trimHistory(confirmations: readonly Confirmation[], caseId: string): Confirmation[] {
  const mine = confirmations.filter((c) => c.caseId === caseId);
  const excess = mine.length - ROLL_CALL_LIMITS.historyPerChild;
  if (excess <= 0) return [...confirmations];
  const drop = new Set(mine.slice(0, excess).map((c) => c.key));
  return confirmations.filter((c) => !drop.has(c.key));
}

// ---------------------------------------------------------------------------------------------------
// Close

export type CloseDecision = { readonly kind: 'closed'; readonly rollCall: RollCall } | { readonly kind: 'alreadyClosed'; readonly closed: RollCallClosure };

export function closeRollCall(rc: RollCall, by: PersonRef, at: string, note: string): CloseDecision {
  if (rc.closed) return { kind: 'alreadyClosed', closed: rc.closed };
  return { kind: 'closed', rollCall: bumpCards({ ...rc, closed: { by, at, note: note.trim().slice(0, ROLL_CALL_LIMITS.noteMax) }, pendingReminders: [] }, () => true) };
}

// ---------------------------------------------------------------------------------------------------
// Summary

/** A child's standing: the latest status, or not yet confirmed. */
export type ChildStanding = SafetyStatus | 'unconfirmed';

/** Still to be reached: nobody has confirmed the child, or the last attempt found nobody (連絡つかず). */
export const isOpenStanding = (s: ChildStanding): boolean => s === 'unconfirmed' || s === 'unreachable';

export function standingOf(rc: RollCall, caseId: string): ChildStanding {
  return latestConfirmation(rc, caseId)?.status ?? 'unconfirmed';
}

export type StandingCounts = Readonly<Record<ChildStanding, number>>;

export interface SummaryChild {
  readonly caseId: string;
  readonly caseCode: string;
  readonly groupKey: string;
}

export interface GroupSummary {
  readonly group: RollCallGroup;
  readonly total: number;
  readonly counts: StandingCounts;
  /** Case codes not yet confirmed or unreachable, in code order. */
  readonly open: readonly SummaryChild[];
}

export interface RollCallSummary {
  readonly rollCallId: string;
  readonly reason: RollCallReason;
  readonly scope: RollCallScope;
  readonly startedAt: string;
  readonly closed: RollCallClosure | undefined;
  readonly total: number;
  readonly counts: StandingCounts;
  /** Needs reported by children whose latest status is 要支援. */
  readonly needs: Readonly<Record<SupportNeed, number>>;
  readonly unconfirmed: readonly SummaryChild[];
  readonly unreachable: readonly SummaryChild[];
  readonly groups: readonly GroupSummary[];
  /** True when nobody is left to reach (every child 無事 or 要支援). */
  readonly allConfirmed: boolean;
  readonly lastConfirmedAt: string | undefined;
}

const zeroCounts = (): Record<ChildStanding, number> => ({ safe: 0, needsSupport: 0, unreachable: 0, unconfirmed: 0 });

export function summarise(rc: RollCall): RollCallSummary {
  const counts = zeroCounts();
  const needs: Record<SupportNeed, number> = { power: 0, oxygen: 0, transport: 0, hospital: 0, other: 0 };
  const byGroup = new Map<string, { counts: Record<ChildStanding, number>; open: SummaryChild[]; total: number }>(rc.groups.map((g) => [g.key, { counts: zeroCounts(), open: [], total: 0 }]));
  const unconfirmed: SummaryChild[] = [];
  const unreachable: SummaryChild[] = [];
  for (const child of [...rc.children].sort((a, b) => a.caseCode.localeCompare(b.caseCode))) {
    const latest = latestConfirmation(rc, child.caseId);
    const standing: ChildStanding = latest?.status ?? 'unconfirmed';
    const row = { caseId: child.caseId, caseCode: child.caseCode, groupKey: child.groupKey };
    counts[standing] += 1;
    if (latest?.status === 'needsSupport') for (const n of latest.needs) needs[n] += 1;
    if (standing === 'unconfirmed') unconfirmed.push(row);
    if (standing === 'unreachable') unreachable.push(row);
    const g = byGroup.get(child.groupKey);
    if (g) {
      g.total += 1;
      g.counts[standing] += 1;
      if (isOpenStanding(standing)) g.open.push(row);
    }
  }
  const lastConfirmedAt = rc.confirmations.reduce<string | undefined>((max, c) => (max === undefined || Date.parse(c.at) > Date.parse(max) ? c.at : max), undefined);
  return {
    rollCallId: rc.id,
    reason: rc.reason,
    scope: rc.scope,
    startedAt: rc.startedAt,
    closed: rc.closed,
    total: rc.children.length,
    counts,
    needs,
    unconfirmed,
    unreachable,
    groups: rc.groups.map((group) => {
      const g = byGroup.get(group.key) ?? { counts: zeroCounts(), open: [], total: 0 };
      return { group, total: g.total, counts: g.counts, open: g.open };
    }),
    allConfirmed: counts.unconfirmed === 0 && counts.unreachable === 0,
    lastConfirmedAt,
  };
}

/** The children of one group with their standing (for the card of that coordinator / the casework team). */
export function groupChildren(rc: RollCall, groupKey: string): { child: RollCallChild; standing: ChildStanding; latest: Confirmation | undefined }[] {
  return rc.children
    .filter((c) => c.groupKey === groupKey)
    .sort((a, b) => a.caseCode.localeCompare(b.caseCode))
    .map((child) => {
      const latest = latestConfirmation(rc, child.caseId);
      return { child, standing: latest?.status ?? 'unconfirmed', latest };
    });
}

// ---------------------------------------------------------------------------------------------------
// Outbox

export function withRollCallAudit(rc: RollCall, ...entries: AuditEntry[]): RollCall {
  return { ...rc, pendingAudit: [...rc.pendingAudit, ...entries] };
}

/** True when some work from this roll-call still has to reach the audit trail, Teams or the responsible people. */
export function hasRollCallOutboxWork(rc: RollCall): boolean {
  return rc.pendingAudit.length > 0 || rc.pendingReminders.length > 0 || cardsOf(rc).some(cardNeedsSync);
}

// ---------------------------------------------------------------------------------------------------
// Cards in Teams

export function cardsOf(rc: RollCall): readonly RollCallCard[] {
  return rc.cards ?? [];
}

export const SUMMARY_CARD_ID = 'summary';
export const groupCardId = (groupKey: string): string => `group:${groupKey}`;

export function cardNeedsSync(c: RollCallCard): boolean {
  return !c.gaveUp && c.syncedVersion < c.version;
}

/** Records where the summary and each group's card go (cards already recorded are kept as they are). */
export function placeCards(rc: RollCall, summary: ConversationAddress | undefined, groupAddress: (group: RollCallGroup) => ConversationAddress | undefined): RollCall {
  const existing = new Set(cardsOf(rc).map((c) => c.id));
  const fresh = (id: string, view: RollCallCard['view'], groupKey: string | undefined, address: ConversationAddress): RollCallCard => ({ id, view, groupKey, address, activityId: undefined, version: 1, syncedVersion: 0, gaveUp: false });
  const added: RollCallCard[] = [];
  if (summary && !existing.has(SUMMARY_CARD_ID)) added.push(fresh(SUMMARY_CARD_ID, 'summary', undefined, summary));
  for (const g of rc.groups) {
    const address = groupAddress(g);
    if (address && !existing.has(groupCardId(g.key))) added.push(fresh(groupCardId(g.key), 'group', g.key, address));
  }
  return added.length ? { ...rc, cards: [...cardsOf(rc), ...added] } : rc;
}

function bumpCards(rc: RollCall, which: (c: RollCallCard) => boolean): RollCall {
  if (!rc.cards?.length) return rc;
  return { ...rc, cards: rc.cards.map((c) => (which(c) ? { ...c, version: c.version + 1 } : c)) };
}

/** What one delivery of a card did: shown (as of a version, at an activity), lost (post afresh) or given up. */
export type CardDelivered =
  | { readonly kind: 'shown'; readonly version: number; readonly activityId: string; readonly conversationId: string }
  | { readonly kind: 'lost' }
  | { readonly kind: 'gaveUp' };

/** Applies a delivery to the (fresh) roll-call; versions bumped meanwhile stay owed. */
export function markCardDelivered(rc: RollCall, cardId: string, d: CardDelivered): RollCall {
  if (!rc.cards?.some((c) => c.id === cardId)) return rc;
  return {
    ...rc,
    cards: rc.cards.map((c) => {
      if (c.id !== cardId) return c;
      if (d.kind === 'gaveUp') return { ...c, gaveUp: true };
      // The message is gone (deleted, or the thread recreated): post a new one in the channel.
      if (d.kind === 'lost') return { ...c, activityId: undefined, syncedVersion: 0, address: { ...c.address, conversationId: c.address.channelId ?? c.address.conversationId } };
      return { ...c, activityId: d.activityId, address: { ...c.address, conversationId: d.conversationId }, syncedVersion: Math.max(c.syncedVersion, d.version) };
    }),
  };
}

export function isOpen(rc: RollCall): boolean {
  return rc.closed === undefined;
}
