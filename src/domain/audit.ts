/** An append-only record of who read or wrote which case data, when, and from where. */
export const AUDIT_OPERATIONS = ['read', 'create', 'update'] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

export interface AuditEntry {
  /** Deterministic id so that re-delivery of the same entry is harmless. */
  readonly id: string;
  readonly caseId: string;
  readonly actor: string; // aadObjectId or "system"
  readonly operation: AuditOperation;
  /** What was done, as a stable code: e.g. "handoff.accept", "case.create". */
  readonly action: string;
  /** Which fields of the case were read or written (names only, never values). */
  readonly fields: readonly string[];
  readonly at: string;
  /** The Teams conversation the request came from, if any. */
  readonly conversationId: string | undefined;
}
