import { CARE_ITEMS, computeCareScore, scoreBand, type ScoreBand } from '../domain/careItems';
import { allowedStatusChanges, type Urgency } from '../domain/case';
import { contactsOf, milestoneStatesOf, workDoneOf, type CaseFile } from '../domain/caseFile';
import { progressOf, type StandardWork, type WorkProgress } from '../domain/coordination/standardWork';
import { CONTACTS_ON_CASE_CARD, latestContacts, type ContactKind } from '../domain/contacts';
import { nextMonitoring, type MonitoringInterval } from '../domain/monitoring';
import { ageOn, tokyoDate } from '../domain/dates';
import type { OrganisationKey } from '../domain/directory';
import { currentEscalation, type CardPlacement, type DeclineReason, type Handoff } from '../domain/handoff';
import { ageBand, lifeStageOf, type AgeBand, type LifeStage } from '../domain/lifeStage';

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
  /** Teams user ids that get a user-specific (detailed) view through card refresh: sender and acceptor. */
  readonly detailViewerIds: readonly string[];
  /** While nobody has accepted in time: the escalation level reached and the business days waited. */
  readonly escalation?: { readonly level: 1 | 2; readonly businessDays: number };
}

export function handoffView(file: CaseFile, h: Handoff, placement: Pick<CardPlacement, 'role' | 'organisation'>, now: Date): HandoffCardView {
  const record = file.record;
  const today = tokyoDate(now);
  const lastDecline = [...h.history].reverse().find((e) => e.type === 'declined');
  const firstSent = h.history.find((e) => e.type === 'sent');
  const forwardedElsewhere = placement.role === 'receiver' && placement.organisation !== h.target && h.state.status !== 'returned';
  const status: HandoffCardView['status'] = forwardedElsewhere ? 'forwardedElsewhere' : h.state.status;
  const escalation = status === 'sent' ? currentEscalation(h) : undefined;
  return {
    caseId: record.id,
    handoffId: h.id,
    version: h.version,
    caseCode: record.code,
    ageBand: ageBand(ageOn(record.child.birthDate, today)),
    lifeStage: lifeStageOf(record.child.birthDate, record.enrolment, today),
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
    detailViewerIds: placement.role === 'escalation' ? [] : [...new Set([h.createdBy.teamsUserId, h.state.status === 'accepted' ? h.state.by.teamsUserId : undefined].filter((x): x is string => !!x))],
    ...(escalation ? { escalation: { level: escalation.level, businessDays: escalation.businessDays } } : {}),
  };
}

/** Everything an authorised person may see of a case (personal chat or user-specific view only). */
export interface CaseDetailsView {
  readonly caseId: string;
  readonly caseCode: string;
  readonly childName: string;
  readonly childNameKana: string;
  readonly birthDate: string;
  readonly age: number;
  readonly lifeStage: LifeStage;
  readonly careItems: readonly { readonly code: string; readonly baseScore: number }[];
  readonly score: { readonly total: number; readonly base: number; readonly watch: number; readonly watchPending: boolean; readonly band: ScoreBand; readonly tableVersion: string };
  readonly familyNeeds: string;
  readonly urgency: Urgency;
  readonly status: CaseFile['record']['status'];
  readonly coordinator: string | undefined;
  readonly handoffs: readonly { readonly target: OrganisationKey; readonly status: Handoff['state']['status'] }[];
  readonly fictional: boolean;
  readonly district: string;
  readonly guardians: CaseFile['record']['guardians'];
  readonly diagnoses: string;
  readonly devices: CaseFile['record']['devices'];
  readonly enrolment: CaseFile['record']['enrolment'];
  readonly supportNetwork: CaseFile['record']['supportNetwork'];
  readonly detailsVersion: number;
  readonly allowedStatusChanges: readonly CaseFile['record']['status'][];
  /** 訪問・面接・同行: the latest records (newest first) and how many there are. */
  readonly contacts: readonly { readonly kind: ContactKind; readonly date: string; readonly note: string; readonly byName: string }[];
  readonly contactCount: number;
  /** The monitoring cadence and the next due date (after any 延期), if set. */
  readonly monitoring: { readonly everyMonths: MonitoringInterval; readonly nextDue: string } | undefined;
  /** Overdue steps (transition milestones and monitoring): 「期限超過の予定 N件」; undefined when not computed. */
  readonly overdueMilestones: number | undefined;
  /** Today in Tokyo (YYYY-MM-DD): the latest date a contact record may have. */
  readonly today: string;
  /** Where the case stands in the coordinator's standard work (標準業務); undefined when not computed. */
  readonly work: WorkProgress | undefined;
}

export const CASE_DETAIL_FIELDS = ['child.name', 'child.nameKana', 'child.birthDate', 'careItems', 'familyNeeds', 'urgency', 'status', 'assignedCoordinator', 'handoffs', 'district', 'guardians', 'diagnoses', 'devices', 'enrolment', 'supportNetwork', 'contacts', 'monitoring', 'milestones'] as const;

/**
 * The details of a case. `overdueMilestones` needs the milestone data and the calendar, so the caller passes
 * the count (see milestoneViews.overdueCount); without it the card leaves the line out.
 */
export function caseDetailsView(file: CaseFile, now: Date, overdueMilestones?: number, work?: StandardWork): CaseDetailsView {
  const r = file.record;
  const next = nextMonitoring(file.monitoring, contactsOf(file), milestoneStatesOf(file));
  const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const score = computeCareScore(r.careItems);
  const today = tokyoDate(now);
  return {
    caseId: r.id,
    caseCode: r.code,
    childName: r.child.name,
    childNameKana: r.child.nameKana,
    birthDate: `${r.child.birthDate.year}-${String(r.child.birthDate.month).padStart(2, '0')}-${String(r.child.birthDate.day).padStart(2, '0')}`,
    age: ageOn(r.child.birthDate, today),
    lifeStage: lifeStageOf(r.child.birthDate, r.enrolment, today),
    district: r.district,
    guardians: r.guardians,
    diagnoses: r.diagnoses,
    devices: r.devices,
    enrolment: r.enrolment,
    supportNetwork: r.supportNetwork,
    detailsVersion: r.detailsVersion,
    allowedStatusChanges: r.anonymisedAt ? [] : allowedStatusChanges(r.status),
    careItems: r.careItems.map((c) => ({ code: c.code, baseScore: CARE_ITEMS[c.code].baseScore })),
    score: { total: score.total, base: score.base, watch: score.watch, watchPending: score.watchPending, band: scoreBand(score.total), tableVersion: score.tableVersion },
    familyNeeds: r.familyNeeds,
    urgency: r.urgency,
    status: r.status,
    coordinator: r.assignedCoordinator?.displayName,
    handoffs: file.handoffs.map((h) => ({ target: h.target, status: h.state.status })),
    fictional: r.fictional,
    contacts: latestContacts(contactsOf(file), CONTACTS_ON_CASE_CARD).map((c) => ({ kind: c.kind, date: iso(c.date), note: c.note, byName: c.byName })),
    contactCount: contactsOf(file).length,
    monitoring: next && { everyMonths: next.everyMonths, nextDue: iso(next.dueDate) },
    overdueMilestones,
    today: iso(today),
    work: work && progressOf(work, workDoneOf(file).map((m) => m.itemId)),
  };
}
