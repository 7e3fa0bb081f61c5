import type { Actor } from '../../domain/directory';
import type { EmergencyProfile } from '../../domain/disaster/emergencyProfile';
import { priorityVisibility } from '../../domain/disaster/policy';
import { priorityList, type PriorityEntry } from '../../domain/disaster/priority';
import type { DisasterCaseSummary, DisasterDeps } from './ports';
import { PRIORITY_FIELDS, rollCallAuditEntry } from './rollCallAudit';

export interface PriorityListRequest {
  readonly rollCallId: string;
  readonly actor: Actor;
  /** The cases with their emergency profiles (a child of the roll-call missing here counts as 不明). */
  readonly cases: readonly DisasterCaseSummary[];
  readonly conversationId: string | undefined;
}

export type PriorityListOutcome =
  | {
      readonly kind: 'found';
      readonly entries: readonly PriorityEntry[];
      /** Margins count from here… */
      readonly eventStartedAt: string;
      /** …to here. */
      readonly computedAt: string;
      /** True when the actor sees only their own children. */
      readonly partial: boolean;
    }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'notAuthorised' };

/**
 * Who to send power or transport to first. Reads each listed child's emergency profile (要配慮個人情報),
 * so each child's trail records the read before the list is returned.
 */
export async function viewPriorityList(deps: DisasterDeps, req: PriorityListRequest): Promise<PriorityListOutcome> {
  const visibility = priorityVisibility(req.actor);
  if (visibility.kind === 'none') return { kind: 'notAuthorised' };
  const loaded = await deps.rollCalls.load(req.rollCallId);
  if (!loaded) return { kind: 'notFound' };
  const rc = loaded.value;
  const now = deps.clock.now().toISOString();
  const profiles = new Map<string, EmergencyProfile | undefined>(req.cases.map((c) => [c.caseId, c.profile]));
  const visible = visibility.kind === 'all' ? rc : { ...rc, children: rc.children.filter((c) => c.groupKey === visibility.groupKey) };
  const entries = priorityList(visible, (caseId) => profiles.get(caseId), now);
  if (entries.length > 0) {
    await deps.audit.append(
      entries.map((e) => rollCallAuditEntry({ subject: e.caseId, actor: req.actor.aadObjectId, operation: 'read', action: 'rollcall.priority', fields: PRIORITY_FIELDS, at: now, conversationId: req.conversationId, discriminator: `${req.rollCallId}|${req.actor.aadObjectId}|${now}` })),
    );
  }
  return { kind: 'found', entries, eventStartedAt: rc.eventStartedAt, computedAt: now, partial: visibility.kind === 'group' };
}
