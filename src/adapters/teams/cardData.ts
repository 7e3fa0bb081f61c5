import type { CaseDetailsView, HandoffCardView } from '../../app/views';
import type { AdminAlert, CaseSummary, Language } from '../../app/ports';
import type { MilestoneListView, MilestoneRowView } from '../../app/milestoneViews';
import type { MilestoneCardView } from '../../app/milestoneCardView';
import { CONTACT_KINDS } from '../../domain/contacts';
import { MONITORING_INTERVALS } from '../../domain/monitoring';
import type { LocalisedText } from '../../domain/transitions/transitionData';
import type { AuditEntry } from '../../domain/audit';
import type { ConsentRecord } from '../../domain/consent';
import { CARE_ITEM_CODES } from '../../domain/careItems';
import { DECLINE_REASONS } from '../../domain/handoff';
import type { OrganisationKey } from '../../domain/directory';
import { DEVICE_KINDS, ENROLMENT_KINDS, URGENCIES } from '../../domain/case';
import { DATA_CATEGORIES } from '../../domain/consent';
import { formatJst, type Translate } from '../../i18n';
import type { MessageKey } from '../../i18n/ja';
import { escapeCardText } from './escape';

/** Typed data builders, one per card template. Cards carry ids and the version, never the entity. */

export function helpCardData(t: Translate) {
  return {
    title: t('help.title'),
    intro: t('help.intro'),
    commands: (['help.cmd.newHandoff', 'help.cmd.mine', 'help.cmd.search', 'help.cmd.case', 'help.cmd.contact', 'help.cmd.edit', 'help.cmd.consent', 'help.cmd.milestones', 'help.cmd.digest', 'help.cmd.stats', 'help.cmd.issue', 'help.cmd.agenda', 'help.cmd.meeting', 'help.cmd.emergency', 'help.cmd.rollCall', 'help.cmd.help', 'help.cmd.language', 'help.cmd.audit'] as const).map((k) => ({ line: t(k) })),
    privacy: t('help.privacy'),
  };
}

export function noticeCardData(t: Translate, key: MessageKey, params: Record<string, string> = {}, tone: 'good' | 'attention' = 'attention') {
  return { title: t('app.name'), message: t(key, params), color: tone === 'good' ? 'Good' : 'Attention' };
}

export interface FormValues {
  readonly childName: string;
  readonly childNameKana: string;
  readonly birthDate: string;
  readonly careItems: string;
  readonly familyNeeds: string;
  readonly urgency: string;
  readonly consent: string;
  readonly consentGivenBy: string;
}
export const EMPTY_FORM: FormValues = { childName: '', childNameKana: '', birthDate: '', careItems: '', familyNeeds: '', urgency: 'normal', consent: '', consentGivenBy: 'guardian' };

export function handoffFormData(t: Translate, formId: string, today: string, fictional: boolean, values: FormValues = EMPTY_FORM, errors: readonly MessageKey[] = [], extraErrors: readonly string[] = []) {
  return {
    title: t('form.title'),
    showFictionalNote: fictional,
    fictionalNote: t('form.fictionalNote'),
    hasErrors: errors.length + extraErrors.length > 0,
    errorsTitle: t('form.errorsTitle'),
    errors: [...errors.map((e) => ({ message: t(e) })), ...extraErrors.map((message) => ({ message }))],
    labels: {
      childName: t('form.childName'),
      childNameKana: t('form.childNameKana'),
      birthDate: t('form.birthDate'),
      careItems: t('form.careItems'),
      familyNeeds: t('form.familyNeeds'),
      urgency: t('form.urgency'),
      consent: t('form.consent'),
      consentGivenBy: t('form.consentGivenBy'),
      submit: t('form.submit'),
    },
    values,
    today,
    careItemChoices: CARE_ITEM_CODES.map((c) => ({ title: t(`careItem.${c}`), value: c })),
    urgencyChoices: URGENCIES.map((u) => ({ title: t(`urgency.${u}`), value: u })),
    consentChoices: DATA_CATEGORIES.map((c) => ({ title: t(`category.${c}`), value: c })),
    consentGiverChoices: (['guardian', 'self'] as const).map((g) => ({ title: t(`consentGiver.${g}`), value: g })),
    formId,
  };
}

const orgName = (t: Translate, org: OrganisationKey | 'desk') => t(`org.${org}`);

export function handoffCardData(t: Translate, view: HandoffCardView, forwardable: readonly OrganisationKey[], notice?: string, details?: CaseDetailsView) {
  const statusLine =
    view.status === 'forwardedElsewhere'
      ? t('handoff.status.forwardedElsewhere', { to: orgName(t, view.target) })
      : t(`handoff.status.${view.status}`);
  const detailLines: { line: string }[] = [];
  if (view.escalation) detailLines.push({ line: t(view.escalation.level === 2 ? 'handoff.escalated2' : 'handoff.escalated', { days: view.escalation.businessDays, to: orgName(t, view.target) }) });
  if (view.acceptedBy && view.acceptedAt) detailLines.push({ line: t('handoff.acceptedBy', { name: view.acceptedBy, at: formatJst(view.acceptedAt) }) });
  if (view.lastDecline) {
    const d = view.lastDecline;
    detailLines.push({ line: t('handoff.declinedBy', { name: d.by, at: formatJst(d.at), reason: t(`declineReason.${d.reason}`) }) });
    detailLines.push({ line: t('handoff.forwardedTo', { to: orgName(t, d.forwardedTo) }) });
    if (d.comment) detailLines.push({ line: t('handoff.declineComment', { comment: escapeCardText(d.comment) }) });
  }
  return {
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    title: t(view.placementRole === 'sender' ? 'handoff.titleForDesk' : view.placementRole === 'escalation' && view.escalation ? 'handoff.titleEscalation' : 'handoff.title', { code: view.caseCode, to: orgName(t, view.target) }),
    fictional: view.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    fromTo: t('handoff.fromTo', { from: orgName(t, 'desk'), to: orgName(t, view.target) }),
    facts: [
      { label: t('handoff.ageBand'), value: t(`ageBand.${view.ageBand}`) },
      { label: t('handoff.lifeStage'), value: t(`lifeStage.${view.lifeStage}`) },
      { label: t('handoff.urgency'), value: t(`urgency.${view.urgency}`) },
      { label: t('handoff.careItems'), value: t('handoff.careItemsValue', { count: view.careItemCount, band: t(`scoreBand.${view.scoreBand}`) }) },
      { label: t('handoff.requested'), value: t('handoff.requestedValue') },
      { label: t('handoff.sentBy'), value: `${view.sentBy} ${formatJst(view.sentAt)}` },
    ],
    statusLine: `${t('handoff.status')}: ${statusLine}`,
    statusColor: view.status === 'accepted' ? 'Good' : view.escalation ? 'Attention' : view.status === 'sent' ? 'Accent' : 'Warning',
    detailLines,
    privacyNote: t('handoff.privacyNote'),
    refreshUserIds: [...view.detailViewerIds],
    hasDetails: details !== undefined,
    detailsTitle: t('handoff.detailsTitle'),
    detailFacts: details
      ? [
          { label: t('case.name'), value: `${escapeCardText(details.childName)}（${escapeCardText(details.childNameKana)}）` },
          { label: t('case.birthDate'), value: t('case.birthDateValue', { date: details.birthDate, age: details.age }) },
          { label: t('handoff.careItems'), value: details.careItems.map((c) => t(`careItem.${c.code}` as MessageKey)).join('、') },
          { label: t('case.needs'), value: escapeCardText(details.familyNeeds) },
        ]
      : [],
    canRespond: view.canRespond,
    canResend: view.canResend,
    labels: {
      accept: t('handoff.accept'),
      decline: t('handoff.decline'),
      reason: t('handoff.declineReason'),
      forwardTo: t('handoff.declineForward'),
      comment: t('handoff.declineComment.label'),
      declineSubmit: t('handoff.declineSubmit'),
      resend: t('handoff.resend'),
    },
    reasonChoices: DECLINE_REASONS.map((r) => ({ title: t(`declineReason.${r}`), value: r })),
    forwardChoices: [
      { title: t('handoff.declineForward.desk'), value: 'desk' },
      ...forwardable.filter((o) => o !== view.target && o !== 'desk').map((o) => ({ title: orgName(t, o), value: o })),
    ],
    caseId: view.caseId,
    handoffId: view.handoffId,
    version: view.version,
    shownIn: view.shownIn,
    role: view.placementRole,
  };
}

/** The case card; `contactFormId` makes a repeated submit of its 記録 form record once (a fresh id per card). */
export function caseDetailsCardData(t: Translate, v: CaseDetailsView, notice?: string, contactFormId = '00000000-0000-4000-8000-000000000000', language: Language = 'ja') {
  return {
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    printLabel: t('print.links'),
    printCaseId: v.caseId,
    hasOverdue: (v.overdueMilestones ?? 0) > 0,
    overdueLine: t('case.overdueMilestones', { count: v.overdueMilestones ?? 0, code: v.caseCode }),
    monitoringTitle: t('case.monitoring'),
    monitoringLine: v.monitoring ? t('case.monitoringValue', { months: v.monitoring.everyMonths, date: v.monitoring.nextDue }) : t('case.monitoringNone'),
    contactsTitle: t('case.contacts', { count: v.contactCount }),
    contacts: v.contacts.length
      ? v.contacts.map((c) => ({ line: t('case.contactLine', { date: c.date, kind: t(`contactKind.${c.kind}`), by: escapeCardText(c.byName), note: escapeCardText(c.note) || '—' }) }))
      : [{ line: t('case.contactsNone') }],
    canRecord: v.allowedStatusChanges.length > 0,
    caseId: v.caseId,
    today: v.today,
    contactFormId,
    contactKindChoices: CONTACT_KINDS.map((k) => ({ title: t(`contactKind.${k}`), value: k })),
    monitoringValue: String(v.monitoring?.everyMonths ?? 0),
    monitoringChoices: [{ title: t('monitoring.none'), value: '0' }, ...MONITORING_INTERVALS.map((n) => ({ title: t('monitoring.every', { months: n }), value: String(n) }))],
    title: t('case.detailsTitle', { code: v.caseCode }),
    fictional: v.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    confidential: t('case.confidential'),
    facts: [
      { label: t('case.name'), value: `${escapeCardText(v.childName)}（${escapeCardText(v.childNameKana)}）` },
      { label: t('case.birthDate'), value: t('case.birthDateValue', { date: v.birthDate, age: v.age }) },
      { label: t('handoff.lifeStage'), value: t(`lifeStage.${v.lifeStage}`) },
      { label: t('handoff.urgency'), value: t(`urgency.${v.urgency}`) },
      { label: t('case.status'), value: t(`caseStatus.${v.status}`) },
      { label: t('case.coordinator'), value: v.coordinator ?? t('case.coordinatorNone') },
      { label: t('case.district'), value: escapeCardText(v.district) || '—' },
      { label: t('case.guardian'), value: v.guardians.map((g) => `${escapeCardText(g.name)}（${escapeCardText(g.relation)}） ${escapeCardText(g.phone)}`).join(' / ') || '—' },
      { label: t('case.diagnoses'), value: escapeCardText(v.diagnoses) || '—' },
      { label: t('case.devices'), value: v.devices.map((d) => (d.batteryHours !== undefined ? t('case.batteryValue', { device: t(`device.${d.kind}`), hours: d.batteryHours }) : t(`device.${d.kind}`))).join('、') || '—' },
      { label: t('case.enrolment'), value: v.enrolment ? `${t(`enrolment.${v.enrolment.kind}`)} ${escapeCardText(v.enrolment.place)}`.trim() : t('enrolment.none') },
      { label: t('case.supportNetwork'), value: v.supportNetwork.map((m) => `${escapeCardText(m.organisation)}: ${escapeCardText(m.role)}`).join(' / ') || '—' },
    ],
    careItemsTitle: t('handoff.careItems'),
    careItems: v.careItems.map((c) => ({ line: t('case.careItemLine', { item: t(`careItem.${c.code}` as MessageKey), score: c.baseScore }) })),
    scoreLine: t('case.scoreLine', { version: v.score.tableVersion, total: v.score.total, base: v.score.base, watch: v.score.watch, pending: v.score.watchPending ? t('case.scorePending') : '' }),
    needsTitle: t('case.needs'),
    needs: escapeCardText(v.familyNeeds),
    ...workSection(t, v, language),
    statusActions: v.allowedStatusChanges.map((to) => ({ title: t('status.to', { status: t(`caseStatus.${to}`) }), caseId: v.caseId, to })),
    handoffsTitle: t('case.handoffs'),
    handoffs: v.handoffs.map((h) => ({ line: t('case.handoffLine', { to: orgName(t, h.target), status: t(`handoff.status.${h.status}`) }) })),
    labels: {
      addContact: t('contact.add'),
      recordIssue: t('caseCard.recordIssue'),
      contactDate: t('contact.date'),
      contactKind: t('contact.kind'),
      contactNote: t('contact.note'),
      contactSave: t('contact.save'),
      monitoring: t('monitoring.set'),
      monitoringEvery: t('monitoring.everyLabel'),
      monitoringSave: t('monitoring.save'),
    },
  };
}

export function auditTrailCardData(t: Translate, subject: string, entries: readonly AuditEntry[], nameOf: (aadObjectId: string) => string) {
  const newest = [...entries].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
  return {
    title: t('audit.title', { subject }),
    summary: t('audit.summary', { count: entries.length }),
    entries: newest.map((e) => ({
      line: t('audit.line', { at: formatJst(e.at), actor: nameOf(e.actor), operation: t(`audit.op.${e.operation}`), action: e.action, fields: e.fields.join(', ') }),
    })),
  };
}

export function consentCardData(t: Translate, caseId: string, caseCode: string, consents: readonly ConsentRecord[], organisations: readonly OrganisationKey[], nameOf: (aad: string) => string, notice?: { text: string; good: boolean }) {
  const active = consents.filter((c) => c.revokedAt === undefined);
  return {
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    title: t('consent.title', { code: caseCode }),
    intro: t('consent.intro'),
    currentTitle: t('consent.current'),
    current: active.length
      ? active.map((c) => ({ line: t('consent.line', { organisation: orgName(t, c.organisation), category: t(`category.${c.category}`), givenBy: t(`consentGiver.${c.givenBy}`), at: formatJst(c.recordedAt), by: nameOf(c.recordedBy) }) }))
      : [{ line: t('consent.none') }],
    labels: { organisation: t('consent.organisation'), categories: t('consent.categories'), givenBy: t('form.consentGivenBy'), record: t('consent.record'), revoke: t('consent.revoke') },
    organisationChoices: organisations.filter((o) => o !== 'desk').map((o) => ({ title: orgName(t, o), value: o })),
    categoryChoices: DATA_CATEGORIES.map((c) => ({ title: t(`category.${c}`), value: c })),
    giverChoices: (['guardian', 'self'] as const).map((g) => ({ title: t(`consentGiver.${g}`), value: g })),
    caseId,
  };
}

export interface CaseEditValues {
  readonly district: string;
  readonly guardianName: string;
  readonly guardianRelation: string;
  readonly guardianPhone: string;
  readonly diagnoses: string;
  readonly devices: string;
  readonly batteryHours: string;
  readonly enrolmentKind: string;
  readonly enrolmentPlace: string;
  readonly supportNetwork: string;
}

/** The edit form's values from the stored details (support network as "organisation: role" lines). */
export function caseEditValues(v: CaseDetailsView): CaseEditValues {
  const g = v.guardians[0];
  const hours = v.devices.map((d) => d.batteryHours).filter((h): h is number => h !== undefined);
  return {
    district: v.district,
    guardianName: g?.name ?? '',
    guardianRelation: g?.relation ?? '',
    guardianPhone: g?.phone ?? '',
    diagnoses: v.diagnoses,
    devices: v.devices.map((d) => d.kind).join(','),
    batteryHours: hours.length ? String(Math.min(...hours)) : '',
    enrolmentKind: v.enrolment?.kind ?? '',
    enrolmentPlace: v.enrolment?.place ?? '',
    supportNetwork: v.supportNetwork.map((m) => `${m.organisation}: ${m.role}`).join('\n'),
  };
}

export function caseEditCardData(t: Translate, caseId: string, caseCode: string, detailsVersion: number, values: CaseEditValues, errors: readonly MessageKey[] = [], notice?: string) {
  return {
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    title: t('edit.title', { code: caseCode }),
    confidential: t('edit.confidential'),
    hasErrors: errors.length > 0,
    errorsTitle: t('form.errorsTitle'),
    errors: [...new Set(errors)].map((e) => ({ message: t(e) })),
    labels: {
      district: t('edit.district'),
      guardianName: t('edit.guardianName'),
      guardianRelation: t('edit.guardianRelation'),
      guardianPhone: t('edit.guardianPhone'),
      diagnoses: t('edit.diagnoses'),
      devices: t('edit.devices'),
      batteryHours: t('edit.batteryHours'),
      enrolmentKind: t('edit.enrolmentKind'),
      enrolmentPlace: t('edit.enrolmentPlace'),
      supportNetwork: t('edit.supportNetwork'),
      save: t('edit.save'),
    },
    values,
    deviceChoices: DEVICE_KINDS.map((d) => ({ title: t(`device.${d}`), value: d })),
    enrolmentChoices: ENROLMENT_KINDS.map((e) => ({ title: t(`enrolment.${e}`), value: e })),
    caseId,
    detailsVersion,
  };
}

export function caseListCardData(t: Translate, title: string, rows: readonly CaseSummary[]) {
  return {
    title,
    summary: rows.length ? t('list.summary', { count: rows.length }) : t('list.none'),
    rows: rows.map((r) => ({ line: t('list.line', { code: r.code, name: escapeCardText(r.childName), kana: escapeCardText(r.childNameKana), urgency: t(`urgency.${r.urgency}`), status: t(`caseStatus.${r.status}`) }) })),
    hint: t('list.hint'),
  };
}

function milestoneDays(t: Translate, days: number): string {
  if (days < 0) return t('milestone.daysOverdue', { n: -days });
  return days === 0 ? t('milestone.dueToday') : t('milestone.daysLeft', { n: days });
}

function milestoneRow(t: Translate, language: Language, kind: MilestoneListView['kind'], r: MilestoneRowView, index: number) {
  const text = (x: LocalisedText) => escapeCardText(x[language]);
  const timing = t(`milestone.timing.${r.timing}`);
  const monitoring = r.kind === 'monitoring' && r.everyMonths !== undefined;
  const title = monitoring ? t('monitoring.rowTitle', { months: r.everyMonths ?? 0 }) : text(r.title);
  const transition = monitoring ? t('monitoring.rowTransition') : text(r.transitionTitle);
  const heading = kind === 'case' ? t('milestone.heading', { timing, title }) : t('digest.heading', { timing, code: r.caseCode, title });
  const detail = [
    t('milestone.detail', { date: r.dueDate, days: milestoneDays(t, r.daysUntilDue), organisation: orgName(t, r.organisation), transition }),
    r.plannedDueDate ? t('milestone.postponedFrom', { date: r.plannedDueDate }) : '',
    r.placeholder ? t('milestone.placeholder') : '',
  ].filter(Boolean);
  return {
    heading,
    detail: detail.join(' '),
    style: r.timing === 'overdue' ? 'attention' : r.timing === 'dueWithin30Days' ? 'warning' : 'default',
    color: r.timing === 'overdue' ? 'Attention' : 'Default',
    caseId: r.caseId,
    milestoneId: r.milestoneId,
    inputId: `until_${index}`,
    // 引継ぎを作成: a step that belongs to a receiving department can start the handoff package to it.
    canHandoff: PACKAGE_RECEIVERS.includes(r.organisation),
    organisation: r.organisation,
  };
}

/** Organisations a handoff package can be sent to (they have a channel and liaisons). */
export const PACKAGE_RECEIVERS: readonly OrganisationKey[] = ['nursery', 'school', 'aikids', 'healthCentre', 'casework', 'familySupport'];

/** 予定 <案件番号> and the daily digest: one row per milestone with 完了 and 延期 (with a date). */
export function milestonesCardData(t: Translate, language: Language, view: MilestoneListView, notice?: { text: string; good: boolean }) {
  const empty = view.kind === 'case' ? t('milestones.none', { days: view.horizonDays }) : t('digest.none', { days: view.horizonDays });
  return {
    hasNotice: notice !== undefined,
    notice: notice?.text ?? '',
    noticeColor: notice?.good === false ? 'Attention' : 'Good',
    title: view.kind === 'case' ? t('milestones.title', { code: view.caseCode ?? '' }) : t('digest.title', { date: view.today }),
    fictional: view.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    summary: view.total > 0 ? (view.overdue > 0 ? t('milestones.summaryOverdue', { count: view.total, overdue: view.overdue }) : t('milestones.summary', { count: view.total })) : empty,
    rows: view.rows.map((r, i) => milestoneRow(t, language, view.kind, r, i)),
    hasMore: view.total > view.rows.length,
    more: t('milestones.more', { count: view.total - view.rows.length }),
    hint: t(view.kind === 'case' ? 'milestones.hint' : 'digest.hint'),
    labels: { done: t('milestone.done'), postpone: t('milestone.postpone'), until: t('milestone.postponeUntil'), postponeSubmit: t('milestone.postponeSubmit'), handoff: t('milestone.handoff') },
    minPostponeDate: view.minPostponeDate,
    from: view.kind,
  };
}

/** The channel card of another department's milestone: case code, step, due date; 完了 / 延期 while open. */
export function milestoneChannelCardData(t: Translate, language: Language, v: MilestoneCardView, notice?: string) {
  const title = escapeCardText(v.title[language]);
  const statusLine =
    v.state === 'done'
      ? t('milestoneCard.done', { by: escapeCardText(v.by ?? ''), at: v.at ? formatJst(v.at) : '' })
      : v.state === 'postponed'
        ? t('milestoneCard.postponed', { date: v.dueDate, by: escapeCardText(v.by ?? '') })
        : t('milestoneCard.open');
  return {
    hasNotice: notice !== undefined,
    notice: notice ?? '',
    title: t('milestoneCard.title', { organisation: orgName(t, v.organisation), code: v.caseCode }),
    fictional: v.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    facts: [
      { label: t('milestoneCard.step'), value: title },
      { label: t('milestoneCard.due'), value: v.dueDate },
      { label: t('milestoneCard.window'), value: t(`milestone.timing.${v.window}`) },
    ],
    statusLine,
    statusColor: v.state === 'done' ? 'Good' : v.window === 'overdue' ? 'Attention' : 'Accent',
    privacyNote: t('milestoneCard.privacy'),
    canAct: v.canAct,
    labels: { done: t('milestone.done'), postpone: t('milestone.postpone'), until: t('milestone.postponeUntil'), postponeSubmit: t('milestone.postponeSubmit') },
    minPostponeDate: v.minPostponeDate,
    caseId: v.caseId,
    milestoneId: v.milestoneId,
    cardId: v.cardId,
  };
}

/** The personal message to an administrator when the team's channels cannot be reached. */
export function adminAlertCardData(t: Translate, alert: AdminAlert) {
  if (alert.kind === 'personalUninstalled') return { title: t('admin.alertTitle'), message: t('ADMIN.PERSONAL_UNINSTALLED', { name: alert.name }), color: 'Attention' };
  const where = alert.organisation ? orgName(t, alert.organisation) : t('admin.theTeam');
  return { title: t('admin.alertTitle'), message: t(`ADMIN.CHANNEL_${alert.reason === 'uninstalled' ? 'UNINSTALLED' : 'UNREACHABLE'}`, { where, status: alert.status }), color: 'Attention' };
}

export function printLinksCardData(t: Translate, caseCode: string, urls: { package: string; emergency: string }, expiresAt: string) {
  return {
    title: t('print.title', { code: caseCode }),
    note: t('print.note', { until: formatJst(expiresAt) }),
    labels: { package: t('print.openPackage'), emergency: t('print.openEmergency') },
    urls,
  };
}

/** 標準業務 on the case card: the percentage, the current phase and its open items, each with 済にする. */
function workSection(t: Translate, v: CaseDetailsView, language: Language) {
  const w = v.work;
  if (!w) return { hasWork: false, workTitle: '', workLine: '', workItems: [] };
  const phase = w.phases.find((p) => p.phase === w.currentPhase);
  const canMark = v.allowedStatusChanges.length > 0;
  return {
    hasWork: true,
    workTitle: t('work.title', { percent: w.percent }),
    workLine: w.finished || !phase ? t('work.finished') : t('work.phaseLine', { phase: phase.title[language], done: phase.requiredDone, total: phase.requiredTotal }),
    workItems: w.next.map((i) => ({
      line: t(i.required ? 'work.itemRequired' : 'work.itemOptional', { item: i.title[language] }),
      canMark,
      button: t('work.doneButton'),
      caseId: v.caseId,
      itemId: i.id,
    })),
  };
}
