/**
 * Ports of the disaster-readiness use cases (roll-call 安否確認, priority list), named for the domain.
 * Shapes shared with the rest of the app (Versioned, SaveResult, Clock, the audit trail) come from ../ports.
 */
import type { EmergencyProfile } from '../../domain/disaster/emergencyProfile';
import type { RollCall, RollCallCandidate } from '../../domain/disaster/rollCall';
import type { AuditTrail, Clock, SaveResult, Versioned } from '../ports';

/** Roll-calls, one document each, replaced only with the ETag they were read with. */
export interface RollCallRepository {
  /** 'exists' when a roll-call with this id was created before (a repeated start). */
  create(rollCall: RollCall): Promise<'created' | 'exists'>;
  load(rollCallId: string): Promise<Versioned<RollCall> | undefined>;
  /** A stale ETag (somebody saved since) or a deleted document is a conflict, never an overwrite. */
  replace(rollCall: RollCall, etag: string): Promise<SaveResult>;
  /** Ids of the ward's open roll-calls, oldest first (the reminder sweep). */
  listOpen(wardId: string, limit: number): Promise<string[]>;
  /** Ids of roll-calls with audit entries or reminders still to deliver (the outbox sweep after a crash). */
  listWithOutboxWork(limit: number): Promise<string[]>;
}

/** The audit trail, as far as these use cases need it (the app's AuditTrail satisfies it). */
export type RollCallAuditTrail = Pick<AuditTrail, 'append'>;

/**
 * A case as the disaster use cases see it: the row of the case index the roll-call needs (district,
 * coordinator, status) and the child's emergency profile, if one was recorded. The caller builds the list
 * (from the case projection); the use cases never trust anything else about a case.
 */
export interface DisasterCaseSummary extends RollCallCandidate {
  readonly profile: EmergencyProfile | undefined;
}

export interface DisasterDeps {
  readonly rollCalls: RollCallRepository;
  readonly audit: RollCallAuditTrail;
  readonly clock: Clock;
  /** Waits between optimistic retries (tests pass a no-op). Defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}
