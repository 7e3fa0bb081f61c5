import { computeCareScore, scoreBand, type ScoreBand } from '../domain/careItems';
import type { Urgency } from '../domain/case';
import type { CaseFile } from '../domain/caseFile';
import { ageOn, tokyoDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import type { CardPlacement, DeclineReason, Handoff } from '../domain/handoff';
import { ageBand, lifeStageOn, type AgeBand, type LifeStage } from '../domain/lifeStage';

/**
 * What a handoff card may show. Least disclosure: the case code, age band, life stage, urgency and what
 * must be done; never the child's name, diagnosis, or the family's words. Staff names are shown for
 * "who did what" (they are not 要配慮個人情報).
 */
export interface HandoffCardView {
  readonly caseId: string;
  readonly handoffId: string;
  readonly version: number;
  readonly caseCode: string;
  readonly ageBand: AgeBand;
  readonly lifeStage: LifeStage;
  readonly urgency: Urgency;
  readonly careItemCount: number;
  readonly scoreBand: ScoreBand;
  readonly placementRole: CardPlacement['role'];
  /** The organisation whose channel shows this card. */
  readonly shownIn: OrganisationKey;
  readonly target: OrganisationKey;
  readonly status: 'sent' | 'accepted' | 'returned' | 'forwardedElsewhere';
  readonly sentBy: string;
  readonly sentAt: string;
  readonly acceptedBy?: string;
  readonly acceptedAt?: string;
  readonly lastDecline?: { readonly by: string; readonly at: string; readonly reason: DeclineReason; readonly comment: string; readonly forwardedTo: OrganisationKey | 'desk' };
  /** Whether this card offers accept/decline (receiver card of the organisation that holds it now). */
  readonly canRespond: boolean;
  /** Whether this card offers resend (the desk's copy of a returned handoff). */
  readonly canResend: boolean;
  readonly fictional: boolean;
}

export function handoffView(file: CaseFile, h: Handoff, placement: Pick<CardPlacement, 'role' | 'organisation'>, now: Date): HandoffCardView {
  const record = file.record;
  const today = tokyoDate(now);
  const lastDecline = [...h.history].reverse().find((e) => e.type === 'declined');
  const firstSent = h.history.find((e) => e.type === 'sent');
  const forwardedElsewhere = placement.role === 'receiver' && placement.organisation !== h.target && h.state.status !== 'returned';
  const status: HandoffCardView['status'] = forwardedElsewhere ? 'forwardedElsewhere' : h.state.status;
  return {
    caseId: record.id,
    handoffId: h.id,
    version: h.version,
    caseCode: record.code,
    ageBand: ageBand(ageOn(record.child.birthDate, today)),
    lifeStage: lifeStageOn(record.child.birthDate, today),
    urgency: record.urgency,
    careItemCount: record.careItems.length,
    scoreBand: scoreBand(computeCareScore(record.careItems).total),
    placementRole: placement.role,
    shownIn: placement.organisation,
    target: h.target,
    status,
    sentBy: firstSent?.by.displayName ?? h.createdBy.displayName,
    sentAt: firstSent?.at ?? h.createdAt,
    ...(h.state.status === 'accepted' ? { acceptedBy: h.state.by.displayName, acceptedAt: h.state.at } : {}),
    ...(lastDecline && lastDecline.type === 'declined'
      ? { lastDecline: { by: lastDecline.by.displayName, at: lastDecline.at, reason: lastDecline.reason, comment: lastDecline.comment, forwardedTo: lastDecline.forwardedTo } }
      : {}),
    canRespond: placement.role === 'receiver' && status === 'sent' && placement.organisation === h.target,
    canResend: placement.role === 'sender' && h.state.status === 'returned',
    fictional: record.fictional,
  };
}
