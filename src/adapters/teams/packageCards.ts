import type { PackageCardView } from '../../app/packageViews';
import type { HandoffPackage } from '../../domain/package/handoffPackage';
import { formatJst, type Translate } from '../../i18n';
import type { MessageKey } from '../../i18n/ja';
import { escapeCardText } from './escape';

/** Typed data for cards/handoffPackage.json (ids, version and texts; the content only in details). */
export function packageCardData(t: Translate, v: PackageCardView, notice?: string) {
  const org = t(`org.${v.organisation}` as MessageKey);
  const pair = (label: string, value: string) => ({ label, value });
  const u = v.escalation?.unacknowledged;
  const raised = [
    ...(u ? [t(u.level === 2 ? 'pkg.escalated2' : 'pkg.escalated', { days: u.businessDays, to: org })] : []),
    ...(v.escalation?.unanswered ? [t('pkg.unansweredEscalated', { days: v.escalation.unanswered.businessDays })] : []),
  ];
  const notices = [...(notice !== undefined ? [notice] : []), ...raised];
  return {
    hasNotice: notices.length > 0,
    notice: notices.join('\n\n'),
    title: t(v.placementRole === 'sender' ? 'pkg.titleSender' : v.placementRole === 'escalation' && u ? 'pkg.titleEscalation' : 'pkg.title', { code: v.caseCode, to: org }),
    fictional: v.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    facts: [
      pair(t('handoff.status'), t(`pkg.status.${v.status}` as MessageKey)),
      pair(t('package.omitted'), v.omitted.length ? v.omitted.map((c) => t(`category.${c}` as MessageKey)).join('・') : t('package.nothingOmitted')),
      pair(t('pkg.questions'), t('pkg.questionsValue', { count: v.questionCount, open: v.unansweredCount })),
      pair(t('pkg.reports'), String(v.reportCount)),
    ],
    historyTitle: t('pkg.history'),
    history: v.history.map((e) => ({ line: t('pkg.historyLine', { at: formatJst(e.at), by: e.by, what: t(`pkg.event.${e.type}` as MessageKey) }) })),
    hasDetails: v.details !== undefined,
    detailsTitle: t('handoff.detailsTitle'),
    sections: v.details ? sectionData(t, v.details.sections) : [],
    qa: v.details
      ? [
          ...v.details.questions.map((q) => ({
            line: `${t('pkg.q', { by: q.askedBy, at: formatJst(q.askedAt) })} ${escapeCardText(q.text)}${q.answer ? `\n${t('pkg.a', { by: q.answer.by, at: formatJst(q.answer.at) })} ${escapeCardText(q.answer.text)}` : `\n${t('pkg.unanswered')}`}`,
          })),
          ...v.details.reports.map((r) => ({ line: `${t('pkg.r', { by: r.by, at: formatJst(r.at) })} ${escapeCardText(r.text)}` })),
        ]
      : [],
    privacyNote: t('handoff.privacyNote'),
    refreshUserIds: [...v.detailViewerIds],
    canRespond: v.canRespond,
    canReport: v.placementRole === 'receiver' && v.status !== 'returned',
    unanswered: v.canAnswer && v.details
      ? v.details.questions
          .filter((q) => !q.answer)
          .map((q) => ({ title: t('pkg.answerTitle', { by: q.askedBy }), question: escapeCardText(q.text), label: t('pkg.answer'), send: t('pkg.send'), caseId: v.caseId, packageId: v.packageId, version: v.version, role: v.placementRole, questionId: q.id }))
      : [],
    labels: {
      receive: t('pkg.receive'),
      ask: t('pkg.ask'),
      question: t('pkg.question'),
      ready: t('pkg.ready'),
      return: t('pkg.return'),
      reason: t('pkg.reason'),
      report: t('pkg.report'),
      reportText: t('pkg.reportText'),
      send: t('pkg.send'),
      print: t('print.links'),
    },
    caseId: v.caseId,
    packageId: v.packageId,
    version: v.version,
    role: v.placementRole,
  };
}

function sectionData(t: Translate, s: HandoffPackage['sections']) {
  const out: { heading: string; facts: { label: string; value: string }[] }[] = [];
  const f = (label: string, value: string) => ({ label, value: escapeCardText(value) || '—' });
  if (s.basic) {
    out.push({
      heading: t('category.basic'),
      facts: [
        f(t('case.name'), `${s.basic.childName}（${s.basic.childNameKana}）`),
        f(t('case.birthDate'), t('case.birthDateValue', { date: s.basic.birthDate, age: s.basic.age })),
        f(t('handoff.lifeStage'), t(`lifeStage.${s.basic.lifeStage}`)),
        f(t('package.agreed'), s.basic.agreed.join(' / ')),
        f(t('package.open'), s.basic.open.join(' / ')),
      ],
    });
  }
  if (s.medicalCare) {
    out.push({
      heading: t('category.medicalCare'),
      facts: [
        ...s.medicalCare.items.map((i) => f(t(`careItem.${i.code}` as MessageKey), i.note || t('package.noNote'))),
        f(t('case.devices'), s.medicalCare.devices.map((d) => (d.batteryHours !== undefined ? t('case.batteryValue', { device: t(`device.${d.kind}` as MessageKey), hours: d.batteryHours }) : t(`device.${d.kind}` as MessageKey))).join('、')),
      ],
    });
  }
  if (s.emergency) {
    out.push({
      heading: t('category.emergency'),
      facts: [
        f(t('package.hospital'), s.emergency.hospital),
        f(t('package.contacts'), s.emergency.contacts.map((c) => `${c.who} ${c.phone}`).join(' / ')),
        f(t('package.ifTubeOut'), s.emergency.ifTubeOut),
        f(t('package.ifSeizure'), s.emergency.ifSeizure),
        f(t('package.otherEmergency'), s.emergency.other),
      ],
    });
  }
  if (s.family) out.push({ heading: t('category.family'), facts: [f(t('package.dailySchedule'), s.family.dailySchedule), f(t('package.familyWishes'), s.family.familyWishes)] });
  return out;
}
