import type { BusinessCalendar } from '../domain/businessCalendar';
import { replaceHandoff, withAudit, type CaseFile } from '../domain/caseFile';
import { tokyoDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import { applyEscalation, escalationDue, type Handoff } from '../domain/handoff';
import { applyPackageEscalation, packageEscalationDue } from '../domain/package/packageEscalation';
import { packagesOf, type PackageHandoff } from '../domain/package/packageHandoff';
import { auditEntry } from './auditEntries';
import { placementAt, type ChannelAddressBook, type ChannelTarget } from './channelAddress';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock, IdGenerator } from './ports';

/** Where escalations go after the receiving channel: 障がい児支援係. */
export const ESCALATION_ORGANISATION: OrganisationKey = 'casework';

export interface EscalationDeps {
  readonly repo: CaseFileRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly calendar: BusinessCalendar;
  /** ESCALATION_BUSINESS_DAYS: full ward business days without acceptance before each step. */
  readonly businessDays: number;
  readonly addresses: () => ChannelAddressBook;
  readonly onOutboxWork: (caseId: string) => void;
}

export interface EscalationReport {
  /** Steps recorded: handoffs and handoff packages together (see `packages` for the latter). */
  readonly escalated: number;
  readonly failed: number;
  /** Of which handoff packages (not received, or a question not answered, in time). */
  readonly packages?: number;
}

/**
 * Raises handoffs nobody accepted in time (run once a working day by the daily run): after N business days a
 * fresh card in the receiving channel, after 2N a copy in the 障がい児支援係 channel as well. Each step is
 * recorded on the handoff in the same ETag-guarded write as its cards and its audit entry (by `system`),
 * so it happens once even with two instances; the cards are delivered by the outbox like any other.
 */
export async function escalateWaitingHandoffs(deps: EscalationDeps): Promise<EscalationReport> {
  const now = deps.clock.now();
  const today = tokyoDate(now);
  if (!deps.calendar.isBusinessDay(today)) return { escalated: 0, failed: 0, packages: 0 };
  const book = deps.addresses();
  let escalated = 0;
  let failed = 0;
  let packages = 0;
  // Open cases: a superset of those with a handoff awaiting acceptance (packages wait on any open case).
  const caseIds = [...new Set([...(await deps.repo.listAwaitingAcceptance(20_000)), ...(await deps.repo.listOpen(20_000))])];
  for (const caseId of caseIds) {
    try {
      const loaded = await deps.repo.load(caseId);
      if (!loaded || loaded.value.record.anonymisedAt) continue;
      const due = loaded.value.handoffs.filter((h) => escalationDue(h, today, deps.calendar, deps.businessDays).kind === 'escalate');
      const duePackages = packagesOf(loaded.value).filter((p) => packageEscalationDue(p, today, deps.calendar, deps.businessDays) !== undefined);
      if (due.length === 0 && duePackages.length === 0) continue;
      // Addresses are looked up before the (synchronous) decision; the decision runs again on a fresh file.
      const targets = new Map<OrganisationKey, ChannelTarget | undefined>();
      for (const org of new Set([...due.map((h) => h.target), ...duePackages.map((p) => p.organisation), ESCALATION_ORGANISATION])) targets.set(org, await book(org, loaded.value));
      const at = now.toISOString();
      const outcome = await mutateCaseFile<{ handoffs: number; packages: number }>(deps.repo, caseId, (file) => {
        let next: CaseFile = file;
        let count = 0;
        let packageCount = 0;
        const nextPackages: PackageHandoff[] = [];
        for (const p of packagesOf(file)) {
          const updated = escalatePackage(deps, p, today, targets, at);
          nextPackages.push(updated?.handoff ?? p);
          if (!updated) continue;
          packageCount++;
          next = withAudit(next, auditEntry({ caseId, actor: 'system', operation: 'update', action: 'package.escalate', fields: ['package.escalations', 'package.placements'], at, conversationId: undefined, discriminator: `${p.id}|${updated.steps}` }));
        }
        if (packageCount > 0) next = { ...next, packages: nextPackages };
        for (const h of file.handoffs) {
          const updated = escalate(deps, h, today, targets, at);
          if (!updated) continue;
          count++;
          next = replaceHandoff(next, updated.handoff);
          next = withAudit(next, auditEntry({ caseId, actor: 'system', operation: 'update', action: 'handoff.escalate', fields: ['handoff.escalations', 'handoff.placements'], at, conversationId: undefined, discriminator: `${h.id}|L${updated.level}|${updated.since}` }));
        }
        const result = { handoffs: count, packages: packageCount };
        return count + packageCount > 0 ? { save: next, result } : { result };
      });
      if (outcome.kind === 'busy') failed++;
      if (outcome.kind === 'done' && outcome.saved) {
        escalated += outcome.result.handoffs + outcome.result.packages;
        packages += outcome.result.packages;
        deps.onOutboxWork(caseId);
      }
    } catch {
      failed++;
    }
  }
  return { escalated, failed, packages };
}

/**
 * A package not received in N business days: a fresh card in the receiving channel (level 1), after 2N a
 * copy without actions for 障がい児支援係 (level 2); a question unanswered for N: the sender's copy says so.
 */
function escalatePackage(deps: EscalationDeps, p: PackageHandoff, today: ReturnType<typeof tokyoDate>, targets: ReadonlyMap<OrganisationKey, ChannelTarget | undefined>, at: string): { handoff: PackageHandoff; steps: string } | undefined {
  const due = packageEscalationDue(p, today, deps.calendar, deps.businessDays);
  if (!due) return undefined;
  const receiving = targets.get(p.organisation);
  const u = due.unacknowledged;
  // No address for the receiving channel yet: the unacknowledged step waits for tomorrow (questions do not).
  const effective = u && !receiving && u.from === 0 ? { ...due, unacknowledged: undefined } : due;
  if (!effective.unacknowledged && effective.unanswered.length === 0) return undefined;
  const eu = effective.unacknowledged;
  const casework = p.organisation === ESCALATION_ORGANISATION ? undefined : targets.get(ESCALATION_ORGANISATION);
  const cards = {
    ...(eu && eu.from === 0 && receiving ? { fresh: placementAt(deps.ids, 'receiver', p.organisation, receiving, at) } : {}),
    ...(eu && eu.to === 2 && casework ? { casework: placementAt(deps.ids, 'escalation', ESCALATION_ORGANISATION, casework, at) } : {}),
  };
  const steps = [...(eu ? [`A${eu.to}`] : []), ...effective.unanswered.map((q) => `Q${q.questionId}`)].join(',');
  return { handoff: applyPackageEscalation(p, effective, at, cards), steps };
}

function escalate(deps: EscalationDeps, h: Handoff, today: ReturnType<typeof tokyoDate>, targets: ReadonlyMap<OrganisationKey, ChannelTarget | undefined>, at: string): { handoff: Handoff; level: 1 | 2; since: string } | undefined {
  const due = escalationDue(h, today, deps.calendar, deps.businessDays);
  if (due.kind !== 'escalate') return undefined;
  const receiving = targets.get(h.target);
  // No address for the receiving channel (no channel, or no service URL known yet): try again tomorrow.
  if (!receiving && due.from === 0) return undefined;
  const casework = h.target === ESCALATION_ORGANISATION ? undefined : targets.get(ESCALATION_ORGANISATION);
  const cards = {
    ...(receiving ? { fresh: placementAt(deps.ids, 'receiver', h.target, receiving, at) } : {}),
    ...(due.to === 2 && casework ? { casework: placementAt(deps.ids, 'escalation', ESCALATION_ORGANISATION, casework, at) } : {}),
  };
  return { handoff: applyEscalation(h, due, at, cards), level: due.to, since: due.since };
}
