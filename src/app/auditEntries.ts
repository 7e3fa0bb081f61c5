import type { AuditEntry, AuditOperation } from '../domain/audit';

/** Builds audit entries with ids derived from what they record, so a retried write records once. */
export function auditEntry(params: {
  caseId: string;
  actor: string;
  operation: AuditOperation;
  action: string;
  fields: readonly string[];
  at: string;
  conversationId: string | undefined;
  /** Distinguishes two entries of the same action at the same instant (e.g. the idempotency key). */
  discriminator: string;
}): AuditEntry {
  const { discriminator, ...rest } = params;
  return { id: `${params.caseId}|${params.action}|${discriminator}`, ...rest };
}
