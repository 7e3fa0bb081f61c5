import { compareDates, formatIsoDate, type CalendarDate } from '../dates';
import type { Actor, OrganisationKey } from '../directory';
import type { ConversationAddress, PostClaim } from '../handoff';
import type { LocalisedText } from './transitionData';
import type { MilestoneTiming } from './upcoming';

/**
 * Channel cards for milestones another department must act on (the milestone's organisation is not the
 * coordinators): the daily run posts one to that organisation's channel when the milestone enters a due
 * window — 90 days, 30 days, overdue — once per milestone, window and due date (a 延期 opens new windows).
 * The card is minimal (case code, step, due date; never a name) and offers 完了 and 延期 to the members of
 * that organisation. Cards are placements in the case file, delivered by the outbox like handoff cards,
 * and rewritten when the milestone is completed or postponed from anywhere.
 */
export const CARD_WINDOWS = ['dueWithin90Days', 'dueWithin30Days', 'overdue'] as const;
export type CardWindow = (typeof CARD_WINDOWS)[number];

/** Organisations whose milestones are followed in the coordinators' own digest, not with channel cards. */
const NOT_A_DEPARTMENT: ReadonlySet<OrganisationKey> = new Set(['coordinators']);

export interface MilestoneCard {
  readonly id: string;
  readonly milestoneId: string;
  readonly organisation: OrganisationKey;
  readonly window: CardWindow;
  /** The due date the card was posted for (after any postponement at that time). */
  readonly dueDate: CalendarDate;
  /** The step's title at posting time (from the milestone data; no personal data). */
  readonly title: LocalisedText;
  readonly conversation: ConversationAddress;
  /** Undefined until posted. */
  readonly activityId: string | undefined;
  /** Goes up when the milestone is completed or postponed, so the card is rewritten. */
  readonly version: number;
  readonly syncedVersion: number;
  readonly superseded: boolean;
  /** Set when Teams answered 403/404 for the channel; the card waits for the app to be added back. */
  readonly parkedAt?: string;
  /** Set by the instance about to post it (see CardPlacement.postClaim). */
  readonly postClaim?: PostClaim;
  readonly createdAt: string;
}

export function milestoneCardNeedsSync(c: MilestoneCard): boolean {
  return !c.superseded && c.parkedAt === undefined && (c.activityId === undefined || c.syncedVersion < c.version);
}

/** A milestone as the daily run sees it (after 完了 / 延期). */
export interface DepartmentMilestone {
  readonly id: string;
  readonly organisation: OrganisationKey;
  readonly dueDate: CalendarDate;
  readonly timing: MilestoneTiming;
  readonly title: LocalisedText;
}

export interface CardToPost extends DepartmentMilestone {
  readonly window: CardWindow;
}

const keyOf = (milestoneId: string, window: CardWindow, due: CalendarDate): string => `${milestoneId}|${window}|${formatIsoDate(due)}`;

/**
 * The cards to post now: milestones of another department that are in a due window for which no card
 * was posted yet (for the same due date), and whose organisation has a channel. After a postponement the
 * earlier cards are rewritten to show the new date, so the new date's 90-day window adds no card; its
 * 30-day and overdue windows do. Most urgent first.
 */
export function cardsToPost(existing: readonly MilestoneCard[], milestones: readonly DepartmentMilestone[], hasChannel: (organisation: OrganisationKey) => boolean): CardToPost[] {
  const posted = new Set(existing.map((c) => keyOf(c.milestoneId, c.window, c.dueDate)));
  const seen = new Set(existing.map((c) => c.milestoneId));
  const out: CardToPost[] = [];
  for (const m of milestones) {
    if (m.timing === 'later' || NOT_A_DEPARTMENT.has(m.organisation) || !hasChannel(m.organisation)) continue;
    const window: CardWindow = m.timing;
    if (posted.has(keyOf(m.id, window, m.dueDate))) continue;
    if (window === 'dueWithin90Days' && seen.has(m.id)) continue;
    out.push({ ...m, window });
  }
  return out.sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.id.localeCompare(b.id));
}

/**
 * The milestone changed (完了 / 延期): its cards are rewritten. The card the click came from, if any, is
 * answered in place by the invoke response, so it counts as synced.
 */
export function bumpMilestoneCards(cards: readonly MilestoneCard[], milestoneId: string, answeredCardId?: string): MilestoneCard[] {
  return cards.map((c) => {
    if (c.milestoneId !== milestoneId || c.superseded) return c;
    const version = c.version + 1;
    return { ...c, version, syncedVersion: c.id === answeredCardId && c.activityId !== undefined ? version : c.syncedVersion };
  });
}

export function releaseParkedCards(cards: readonly MilestoneCard[]): MilestoneCard[] {
  return cards.map(({ parkedAt: _parked, ...c }) => c);
}

/**
 * Members of the department a milestone belongs to (its liaisons and case workers) may mark it done or
 * postpone it from their channel card; an administrator who sits there is not one of them.
 */
export function actsForDepartment(actor: Actor, organisation: OrganisationKey): boolean {
  return !NOT_A_DEPARTMENT.has(organisation) && actor.organisation === organisation && (actor.roles.includes('liaison') || actor.roles.includes('caseWorker'));
}
