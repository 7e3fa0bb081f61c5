import type { AuditEntry, AuditOperation } from '../../domain/audit';
import { auditEntry } from '../auditEntries';

/** The audit actions of the roll-call use cases. */
export const ROLL_CALL_AUDIT_ACTIONS = ['rollcall.start', 'rollcall.confirm', 'rollcall.summary', 'rollcall.priority', 'rollcall.close', 'rollcall.remind'] as const;
export type RollCallAuditAction = (typeof ROLL_CALL_AUDIT_ACTIONS)[number];

/**
 * Entries about the roll-call as a whole (start, close, summary, reminders) are filed under a subject of
 * their own, `rollcall:<id>`, in the audit trail's per-subject partition; entries about a child (a
 * confirmation, the child's profile read for the priority list, inclusion at the start) under the case.
 */
export function rollCallSubject(rollCallId: string): string {
  return `rollcall:${rollCallId}`;
}

export function rollCallAuditEntry(params: {
  subject: string;
  actor: string;
  operation: AuditOperation;
  action: RollCallAuditAction;
  fields: readonly string[];
  at: string;
  conversationId: string | undefined;
  discriminator: string;
}): AuditEntry {
  const { subject, ...rest } = params;
  return auditEntry({ caseId: subject, ...rest });
}

/** What the roll-call writes about a child (names only, never values). */
export const CONFIRMATION_FIELDS = ['rollCall.status', 'rollCall.needs', 'rollCall.note'] as const;
/** What the priority list reads from a child's emergency profile. */
export const PRIORITY_FIELDS = ['emergencyProfile.devices', 'emergencyProfile.backupPower', 'emergencyProfile.oxygen'] as const;
/** What the start reads from each case in scope. */
export const START_FIELDS = ['district', 'assignedCoordinator', 'status'] as const;
