import { milestoneStatesOf, type CaseFile } from '../domain/caseFile';
import { formatIsoDate, tokyoDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import type { CardWindow, MilestoneCard } from '../domain/transitions/milestoneCards';
import type { LocalisedText } from '../domain/transitions/transitionData';

/**
 * What the channel card of another department's milestone may show: the case code, the step, its due
 * date and where it stands — never the child's name. Staff names are shown for "who did what".
 */
export interface MilestoneCardView {
  readonly caseId: string;
  readonly caseCode: string;
  readonly cardId: string;
  readonly milestoneId: string;
  readonly organisation: OrganisationKey;
  readonly title: LocalisedText;
  /** YYYY-MM-DD: the date it is due now (after any postponement). */
  readonly dueDate: string;
  /** The window the card was posted for. */
  readonly window: CardWindow;
  readonly state: 'open' | 'done' | 'postponed';
  /** Who completed or postponed it, and when (ISO instant). */
  readonly by: string | undefined;
  readonly at: string | undefined;
  readonly canAct: boolean;
  readonly minPostponeDate: string;
  readonly fictional: boolean;
}

export function milestoneCardView(file: CaseFile, card: MilestoneCard, now: Date): MilestoneCardView {
  const state = milestoneStatesOf(file).find((s) => s.id === card.milestoneId);
  const today = tokyoDate(now);
  const tomorrow = tokyoDate(new Date(Date.UTC(today.year, today.month - 1, today.day + 1, 3)));
  const kind = state?.status === 'done' ? 'done' : state?.status === 'postponed' ? 'postponed' : 'open';
  return {
    caseId: file.record.id,
    caseCode: file.record.code,
    cardId: card.id,
    milestoneId: card.milestoneId,
    organisation: card.organisation,
    title: card.title,
    dueDate: formatIsoDate(state?.status === 'postponed' && state.until ? state.until : card.dueDate),
    window: card.window,
    state: kind,
    by: state ? (state.byName ?? '') : undefined,
    at: state?.at,
    canAct: kind !== 'done' && file.record.anonymisedAt === undefined,
    minPostponeDate: formatIsoDate(tomorrow),
    fictional: file.record.fictional,
  };
}
