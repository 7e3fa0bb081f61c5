import { milestoneCardsOf, withAudit } from '../domain/caseFile';
import { tokyoDate } from '../domain/dates';
import type { OrganisationKey, WardDirectory } from '../domain/directory';
import { cardsToPost, type MilestoneCard } from '../domain/transitions/milestoneCards';
import { auditEntry } from './auditEntries';
import type { ChannelAddressBook, ChannelTarget } from './channelAddress';
import { DIGEST_HORIZON_DAYS, trackedMilestones, type MilestoneCalendar } from './milestoneViews';
import { mutateCaseFile } from './mutateCaseFile';
import type { CaseFileRepository, Clock, IdGenerator } from './ports';
import { formatIsoDate } from '../domain/dates';

export interface DepartmentCardDeps extends MilestoneCalendar {
  readonly repo: CaseFileRepository;
  readonly directory: WardDirectory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly addresses: () => ChannelAddressBook;
  readonly onOutboxWork: (caseId: string) => void;
}

export interface DepartmentCardReport {
  readonly posted: number;
  readonly failed: number;
}

/**
 * The daily run's channel cards for other departments: for every open case, each milestone of another
 * organisation that entered a due window (90 days, 30 days, overdue) gets one card in that organisation's
 * channel — recorded in the case file (ETag: once, also with two instances) with an audit entry by `system`
 * (the case code and the step are shown there), and delivered by the outbox.
 */
export async function postDepartmentMilestoneCards(deps: DepartmentCardDeps): Promise<DepartmentCardReport> {
  const now = deps.clock.now();
  const today = tokyoDate(now);
  if (!deps.calendar.isBusinessDay(today)) return { posted: 0, failed: 0 };
  const book = deps.addresses();
  const hasChannel = (org: OrganisationKey) => deps.directory.channelOf(org) !== undefined;
  let posted = 0;
  let failed = 0;
  for (const caseId of await deps.repo.listOpen(20_000)) {
    try {
      const loaded = await deps.repo.load(caseId);
      if (!loaded || loaded.value.record.anonymisedAt) continue;
      const wanted = cardsToPost(milestoneCardsOf(loaded.value), departmentMilestones(loaded.value, today, deps), hasChannel);
      if (wanted.length === 0) continue;
      const targets = new Map<OrganisationKey, ChannelTarget | undefined>();
      for (const org of new Set(wanted.map((w) => w.organisation))) targets.set(org, await book(org, loaded.value));
      const at = now.toISOString();
      const outcome = await mutateCaseFile<number>(deps.repo, caseId, (file) => {
        const fresh = cardsToPost(milestoneCardsOf(file), departmentMilestones(file, today, deps), hasChannel);
        const cards: MilestoneCard[] = [];
        for (const w of fresh) {
          const target = targets.get(w.organisation);
          if (!target) continue;
          cards.push({
            id: deps.ids.newId(),
            milestoneId: w.id,
            organisation: w.organisation,
            window: w.window,
            dueDate: w.dueDate,
            title: w.title,
            conversation: target.address,
            activityId: undefined,
            version: 1,
            syncedVersion: 0,
            superseded: false,
            ...(target.parked ? { parkedAt: at } : {}),
            createdAt: at,
          });
        }
        if (cards.length === 0) return { result: 0 };
        const entries = cards.map((c) =>
          auditEntry({ caseId, actor: 'system', operation: 'read', action: 'milestone.notifyDepartment', fields: ['code', 'milestones'], at, conversationId: c.conversation.channelId, discriminator: `${c.milestoneId}|${c.window}|${formatIsoDate(c.dueDate)}` }),
        );
        return { save: withAudit({ ...file, milestoneCards: [...milestoneCardsOf(file), ...cards] }, ...entries), result: cards.length };
      });
      if (outcome.kind === 'busy') failed++;
      if (outcome.kind === 'done' && outcome.saved) {
        posted += outcome.result;
        deps.onOutboxWork(caseId);
      }
    } catch {
      failed++;
    }
  }
  return { posted, failed };
}

function departmentMilestones(file: Parameters<typeof trackedMilestones>[0], today: ReturnType<typeof tokyoDate>, cal: MilestoneCalendar) {
  return trackedMilestones(file, today, cal, DIGEST_HORIZON_DAYS).map((m) => ({ id: m.id, organisation: m.organisation, dueDate: m.dueDate, timing: m.status, title: m.title }));
}
