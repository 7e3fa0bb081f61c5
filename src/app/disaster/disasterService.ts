import type { BusinessCalendar } from '../../domain/businessCalendar';
import type { Actor, WardDirectory } from '../../domain/directory';
import type { ReconfirmationPolicy } from '../../domain/disaster/emergencyProfile';
import { placeCards, type RollCall, type RollCallReasonKind, type RollCallScope } from '../../domain/disaster/rollCall';
import type { ConversationAddress } from '../../domain/handoff';
import type { AuditTrail, CaseFileRepository, Clock } from '../ports';
import { closeRollCall } from './closeRollCall';
import { confirmChild, type ConfirmChildRequest } from './confirmChild';
import type { RollCallCardSender, RollCallReminderSender } from './deliverRollCallOutbox';
import { confirmEmergencyProfile, remindProfileReconfirmations, saveEmergencyProfile, viewEmergencyProfile, type ProfileEdit, type ProfileReminderSender } from './emergencyProfiles';
import type { DisasterCaseSummary, RollCallRepository } from './ports';
import { viewPriorityList } from './priorityList';
import { viewRollCallSummary } from './rollCallSummary';
import { RollCallWorker, type RollCallWorkerLogger } from './rollCallWorker';
import { startRollCall } from './startRollCall';

export interface DisasterServiceDeps {
  readonly repo: CaseFileRepository;
  readonly rollCalls: RollCallRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly directory: WardDirectory;
  readonly calendar: BusinessCalendar;
  readonly profilePolicy: ReconfirmationPolicy;
  readonly reminderMinutes: number;
  readonly cards: RollCallCardSender;
  readonly reminders: RollCallReminderSender;
  readonly onOutboxWork: (caseId: string) => void;
  readonly log: RollCallWorkerLogger;
  readonly sweepIntervalMs: number;
}

const OPEN = new Set(['intake', 'active', 'monitoring']);

/**
 * Every open case as the disaster use cases need it (district, coordinator, status, emergency profile).
 * The caller's use case audits what it shows; this is the list they choose from.
 */
export async function loadDisasterCases(repo: CaseFileRepository, limit = 2000): Promise<DisasterCaseSummary[]> {
  const out: DisasterCaseSummary[] = [];
  for (const id of await repo.listOpen(limit)) {
    const loaded = await repo.load(id);
    const r = loaded?.value.record;
    if (!loaded || !r || !OPEN.has(r.status)) continue;
    out.push({ caseId: r.id, code: r.code, district: r.district, status: r.status, anonymised: r.anonymisedAt !== undefined, coordinator: r.assignedCoordinator && { aadObjectId: r.assignedCoordinator.aadObjectId, displayName: r.assignedCoordinator.displayName }, profile: loaded.value.emergencyProfile?.profile });
  }
  return out;
}

export interface StartRequest {
  readonly rollCallId: string;
  readonly actor: Actor;
  readonly reason: RollCallReasonKind;
  readonly reasonNote: string;
  readonly districts: readonly string[];
  readonly conversationId: string | undefined;
  /** Where the turn came from (service URL and tenant of the team). */
  readonly serviceUrl: string;
  readonly tenantId: string | undefined;
  /** The channel the command was typed in (the summary goes there), or undefined from a personal chat. */
  readonly channelId: string | undefined;
}

/**
 * The disaster-readiness use cases bound to their dependencies, and the worker that delivers the
 * roll-calls' outbox and reminders (started and stopped with the app).
 */
export function createDisasterService(deps: DisasterServiceDeps) {
  const disaster = { rollCalls: deps.rollCalls, audit: deps.audit, clock: deps.clock };
  const profiles = { repo: deps.repo, audit: deps.audit, clock: deps.clock, policy: deps.profilePolicy, calendar: deps.calendar, onOutboxWork: deps.onOutboxWork };
  const policy = { intervalMinutes: deps.reminderMinutes };
  const worker = new RollCallWorker({ ...disaster, cards: deps.cards, reminders: deps.reminders, wardId: deps.directory.wardId, policy }, deps.log, { sweepIntervalMs: deps.sweepIntervalMs, maxBackoffMs: 60_000 });
  const channel = (key: 'coordinators' | 'casework', serviceUrl: string, tenantId: string | undefined): ConversationAddress | undefined => {
    const c = deps.directory.channelOf(key);
    return c && { serviceUrl, tenantId, conversationId: c.channelId, channelId: c.channelId, isChannel: true };
  };
  const after = <T>(id: string, outcome: T): T => {
    worker.kick(id);
    return outcome;
  };

  return {
    worker,
    reminderMinutes: deps.reminderMinutes,
    profileMonths: deps.profilePolicy.everyMonths,
    viewProfile: (req: { caseId: string; actor: Actor; conversationId: string | undefined }) => viewEmergencyProfile(profiles, req),
    saveProfile: (req: { caseId: string; actor: Actor; version: number; edit: ProfileEdit; conversationId: string | undefined }) => saveEmergencyProfile(profiles, req),
    confirmProfile: (req: { caseId: string; actor: Actor; version: number; conversationId: string | undefined }) => confirmEmergencyProfile(profiles, req),
    remindProfiles: (send: ProfileReminderSender) => remindProfileReconfirmations(profiles, send),

    async startRollCall(req: StartRequest) {
      const scope: RollCallScope = req.districts.length ? { kind: 'districts', districts: req.districts } : { kind: 'ward' };
      const summaryAt = req.channelId ? { serviceUrl: req.serviceUrl, tenantId: req.tenantId, conversationId: req.channelId, channelId: req.channelId, isChannel: true } : channel('casework', req.serviceUrl, req.tenantId);
      const outcome = await startRollCall(disaster, {
        rollCallId: req.rollCallId,
        wardId: deps.directory.wardId,
        actor: req.actor,
        scope,
        reason: { kind: req.reason, note: req.reasonNote },
        cases: await loadDisasterCases(deps.repo),
        conversationId: req.conversationId,
        // Each coordinator's list goes to the coordinators' channel, the casework team's to its own.
        placeCards: (rc) => placeCards(rc, summaryAt, (g) => channel(g.responsible.kind === 'coordinator' ? 'coordinators' : 'casework', req.serviceUrl, req.tenantId)),
      });
      return outcome.kind === 'started' ? after(req.rollCallId, outcome) : outcome;
    },

    async openRollCalls(): Promise<RollCall[]> {
      const out: RollCall[] = [];
      for (const id of await deps.rollCalls.listOpen(deps.directory.wardId, 20)) {
        const loaded = await deps.rollCalls.load(id);
        if (loaded) out.push(loaded.value);
      }
      return out;
    },

    async load(rollCallId: string): Promise<RollCall | undefined> {
      return (await deps.rollCalls.load(rollCallId))?.value;
    },

    async confirmChild(req: ConfirmChildRequest) {
      const outcome = await confirmChild(disaster, req);
      return outcome.kind === 'recorded' ? after(req.rollCallId, outcome) : outcome;
    },

    async closeRollCall(req: { rollCallId: string; actor: Actor; note: string; conversationId: string | undefined }) {
      const outcome = await closeRollCall(disaster, req);
      return outcome.kind === 'closed' ? after(req.rollCallId, outcome) : outcome;
    },

    summary: (req: { rollCallId: string; actor: Actor; conversationId: string | undefined }) => viewRollCallSummary(disaster, req),

    async priority(req: { rollCallId: string; actor: Actor; conversationId: string | undefined }) {
      return viewPriorityList(disaster, { ...req, cases: await loadDisasterCases(deps.repo) });
    },
  };
}

export type DisasterService = ReturnType<typeof createDisasterService>;
