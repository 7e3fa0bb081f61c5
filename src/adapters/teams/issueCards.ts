import type { Language } from '../../app/ports';
import type { AgendaView, FollowUpReminderView } from '../../app/issues/agendaView';
import type { IssueListView } from '../../app/issues/issueList';
import { formatIsoDate } from '../../domain/dates';
import { ORGANISATION_KEYS } from '../../domain/directory';
import { OUTCOME_RESULTS, type Agenda, type AgendaItem } from '../../domain/issues/agenda';
import type { IssueTaxonomy } from '../../domain/issues/categories';
import { ISSUE_SEVERITIES, ISSUE_STATUSES, type IssueError } from '../../domain/issues/issue';
import { LIFE_STAGES, type LifeStage } from '../../domain/lifeStage';
import { formatJst, type Translate } from '../../i18n';
import { escapeCardText } from './escape';

/** Card data builders for 課題 and 議題 (issue 6): cards/issueForm.json, agenda.json, agendaOutcomes.json, followUpReminder.json. */

export interface IssueFormValues {
  readonly category: string;
  readonly lifeStage: string;
  readonly severity: string;
  readonly status: string;
  readonly description: string;
  readonly summary: string;
  readonly raise: boolean;
}

export function issueFormData(
  t: Translate,
  language: Language,
  taxonomy: IssueTaxonomy,
  form: { formId: string; caseId: string | undefined; caseCode: string | undefined; values: IssueFormValues; errors?: readonly IssueError[]; notice?: { text: string; good: boolean }; recorded?: boolean },
) {
  const errors = form.errors ?? [];
  return {
    // Once recorded the form keeps what was sent but offers no second 記録する (the notice and errors sit next to the button).
    recorded: form.recorded ?? false,
    hasNotice: form.notice !== undefined,
    notice: form.notice?.text ?? '',
    noticeColor: form.notice?.good ? 'Good' : 'Attention',
    title: form.caseCode ? t('issue.formTitleCase', { code: form.caseCode }) : t('issue.formTitle'),
    guidance: form.caseCode ? t('issue.guidanceCase') : t('issue.guidance'),
    hasErrors: errors.length > 0,
    errorsTitle: t('issue.errorsTitle'),
    errors: errors.map((e) => ({ message: e.code === 'ISSUE.PERSONAL_DATA' ? t(e.field === 'description' ? 'ISSUE.PERSONAL_DATA.description' : 'ISSUE.PERSONAL_DATA.summary') : t(e.code) })),
    labels: {
      category: t('issue.label.category'),
      lifeStage: t('issue.label.lifeStage'),
      severity: t('issue.label.severity'),
      status: t('issue.label.status'),
      description: t('issue.label.description'),
      summary: t('issue.label.summary'),
      summaryHint: t('issue.label.summaryHint'),
      raise: t('issue.label.raise'),
      save: t('issue.label.save'),
      required: t('issue.label.required'),
    },
    values: { ...form.values, description: form.values.description, summary: form.values.summary, raise: String(form.values.raise) },
    categoryChoices: taxonomy.categories.map((c) => ({ title: c.label[language], value: c.id })),
    lifeStageChoices: LIFE_STAGES.map((s) => ({ title: t(`lifeStage.${s}`), value: s })),
    severityChoices: [...ISSUE_SEVERITIES].reverse().map((s) => ({ title: t(`issue.severity.${s}`), value: s })),
    statusChoices: ISSUE_STATUSES.map((s) => ({ title: t(`issue.status.${s}`), value: s })),
    formId: form.formId,
    caseId: form.caseId ?? '',
  };
}

const categoryLabel = (taxonomy: IssueTaxonomy, language: Language, id: string): string => taxonomy.find(id)?.label[language] ?? id;

function itemHeading(t: Translate, language: Language, taxonomy: IssueTaxonomy, it: AgendaItem, n: number, showExcluded: boolean): string {
  return t('agenda.itemHeading', {
    n,
    carried: it.carriedOver ? t('agenda.carried') : '',
    category: categoryLabel(taxonomy, language, it.category),
    lifeStage: t(`lifeStage.${it.lifeStage as LifeStage}`),
    severity: t(`issue.severity.${it.severity}`),
    excluded: showExcluded && !it.included ? t('agenda.excluded') : '',
  });
}

/**
 * Items per agenda card page. Teams refuses cards over about 28 KB: a page of 12 editable items with long
 * summaries measures about 11 KB UTF-8 (`test/unit/adapters/teams/issueCards.test.ts` checks the fullest page).
 */
export const AGENDA_PAGE_ITEMS = 12;
/** Items per outcome card page (each has a result, a decision, a department list and a deadline). */
export const OUTCOME_PAGE_ITEMS = 6;

function pageOf<T>(list: readonly T[], page: number, size: number): { readonly items: readonly T[]; readonly start: number; readonly page: number; readonly pages: number } {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: list.slice(p * size, p * size + size), start: p * size, page: p, pages };
}

/** The agenda card: editable (draft) for the secretary in chat, read-only in the secretariat channel; long agendas come in pages. */
export function agendaCardData(t: Translate, language: Language, taxonomy: IssueTaxonomy, view: AgendaView, opts: { editable: boolean; notice?: { text: string; good: boolean }; page?: number }) {
  const a = view.agenda;
  const draft = a.state === 'draft';
  const all = draft ? a.items : a.items.filter((i) => i.included);
  const paged = pageOf(all, opts.page ?? 0, AGENDA_PAGE_ITEMS);
  const shown = paged.items;
  const counts = new Map<string, { count: number; carried: number }>();
  for (const it of all.filter((i) => i.included)) {
    const c = counts.get(it.category) ?? { count: 0, carried: 0 };
    counts.set(it.category, { count: c.count + 1, carried: c.carried + (it.carriedOver ? 1 : 0) });
  }
  const followUps = a.state === 'closed' ? a.followUps.map((f) => ({ ...f, agendaId: a.agendaId, seq: a.seq })) : view.openFollowUps;
  return {
    hasNotice: opts.notice !== undefined,
    notice: opts.notice?.text ?? '',
    noticeColor: opts.notice?.good ? 'Good' : 'Attention',
    title: t('agenda.title', { seq: a.seq }),
    conference: a.conference ? t('agenda.conference', { start: formatJst(a.conference.start) }) : t('agenda.noConference'),
    stateLine: a.state === 'draft' ? t('agenda.state.draft') : a.state === 'published' ? t('agenda.state.published', { at: formatJst(a.published?.at ?? a.createdAt) }) : t('agenda.state.closed', { at: formatJst(a.closed?.at ?? a.createdAt) }),
    fictional: a.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    countsTitle: t('agenda.countsTitle'),
    counts: [...counts.entries()].map(([category, c]) => ({ title: categoryLabel(taxonomy, language, category), value: c.carried > 0 ? t('agenda.countCarried', { count: c.count, carried: c.carried }) : t('agenda.count', { count: c.count }) })),
    isEmpty: all.length === 0,
    emptyText: t('agenda.empty'),
    items: shown.map((it, i) => ({
      issueId: it.issueId,
      heading: itemHeading(t, language, taxonomy, it, paged.start + i + 1, draft),
      summary: escapeCardText(it.summary),
      hasOutcome: it.outcome !== undefined,
      outcome: it.outcome
        ? t('agenda.outcomeLine', {
            result: t(`agenda.result.${it.outcome.result}`),
            decision: escapeCardText(it.outcome.decision) || '—',
            followUp: it.outcome.department && it.outcome.due ? t('agenda.outcomeFollowUp', { department: t(`org.${it.outcome.department}`), due: formatIsoDate(it.outcome.due) }) : '',
          })
        : '',
      editable: opts.editable && draft,
      included: String(it.included),
      position: paged.start + i + 1,
      includeLabel: t('agenda.include'),
      positionLabel: t('agenda.position'),
    })),
    hasFollowUps: followUps.length > 0,
    followUpsTitle: t('agenda.followUpsTitle'),
    followUps: followUps.map((f) => ({
      id: f.id,
      agendaId: f.agendaId,
      text: f.done
        ? t('agenda.followUpDoneLine', { department: t(`org.${f.department}`), decision: escapeCardText(f.decision) })
        : t('agenda.followUpLine', { department: t(`org.${f.department}`), due: formatIsoDate(f.due), decision: escapeCardText(f.decision) }),
      color: f.done ? 'Good' : 'Default',
      open: f.done === undefined,
      doneLabel: t('agenda.followUpDone'),
    })),
    isDraft: opts.editable && draft,
    isPublished: opts.editable && a.state === 'published',
    agendaId: a.agendaId,
    version: a.version,
    labels: { save: t('agenda.save'), publish: t('agenda.publish'), outcomes: t('agenda.outcomes'), prev: t('agenda.prevItems'), next: t('agenda.nextItems') },
    hasPages: paged.pages > 1,
    pageLine: t('agenda.pageLine', { from: paged.start + 1, to: paged.start + shown.length, total: all.length }),
    hasPrev: paged.page > 0,
    hasNext: paged.page < paged.pages - 1,
    prevPage: paged.page - 1,
    nextPage: paged.page + 1,
    page: paged.page,
  };
}

export interface OutcomeFormValues {
  readonly result: string;
  readonly decision: string;
  readonly department: string;
  readonly due: string;
}

/** The outcome card of a published agenda, one page of its included items; saved outcomes are shown filled in. */
export function agendaOutcomesCardData(t: Translate, language: Language, taxonomy: IssueTaxonomy, agenda: Agenda, values: ReadonlyMap<string, OutcomeFormValues>, errorText?: string, page = 0) {
  const all = agenda.items.filter((i) => i.included);
  const paged = pageOf(all, page, OUTCOME_PAGE_ITEMS);
  const saved = (it: AgendaItem): OutcomeFormValues | undefined =>
    it.outcome ? { result: it.outcome.result, decision: it.outcome.decision, department: it.outcome.department ?? '', due: it.outcome.due ? formatIsoDate(it.outcome.due) : '' } : undefined;
  return {
    title: t('agenda.outcomeTitle', { seq: agenda.seq }),
    guidance: t('agenda.outcomeGuidance'),
    hasErrors: errorText !== undefined,
    errorText: errorText ?? '',
    items: paged.items.map((it, i) => {
      const v = values.get(it.issueId) ?? saved(it);
      return { issueId: it.issueId, heading: itemHeading(t, language, taxonomy, it, paged.start + i + 1, false), summary: escapeCardText(it.summary), result: v?.result ?? '', decision: v?.decision ?? '', department: v?.department ?? '', due: v?.due ?? '' };
    }),
    labels: { result: t('agenda.label.result'), decision: t('agenda.label.decision'), department: t('agenda.label.department'), due: t('agenda.label.due'), prev: t('agenda.outcomePrev'), saveNext: t('agenda.outcomeSaveNext') },
    hasPages: paged.pages > 1,
    pageLine: t('agenda.pageLine', { from: paged.start + 1, to: paged.start + paged.items.length, total: all.length }),
    hasPrev: paged.page > 0,
    hasNext: paged.page < paged.pages - 1,
    isLast: paged.page === paged.pages - 1,
    prevPage: paged.page - 1,
    nextPage: paged.page + 1,
    page: paged.page,
    resultChoices: OUTCOME_RESULTS.map((r) => ({ title: t(`agenda.result.${r}`), value: r })),
    departmentChoices: [{ title: t('agenda.departmentNone'), value: '' }, ...ORGANISATION_KEYS.map((k) => ({ title: t(`org.${k}`), value: k }))],
    agendaId: agenda.agendaId,
    version: agenda.version,
    saveLabel: t('agenda.closeLabel'),
  };
}

export function followUpReminderCardData(t: Translate, view: FollowUpReminderView) {
  return {
    title: view.overdue ? t('followUp.titleOverdue') : t('followUp.titleSoon'),
    color: view.overdue ? 'Attention' : 'Warning',
    facts: [
      { title: t('followUp.conference'), value: t('followUp.conferenceValue', { seq: view.seq }) },
      { title: t('followUp.decision'), value: escapeCardText(view.task.decision) },
      { title: t('followUp.department'), value: t(`org.${view.task.department}`) },
      { title: t('followUp.due'), value: formatIsoDate(view.task.due) },
    ],
    doneLabel: t('agenda.followUpDone'),
    agendaId: view.agendaId,
    followUpId: view.task.id,
  };
}

/** The agenda as plain text for the calendar event body: no names, no case codes (summaries were checked). */
export function agendaBodyText(t: Translate, language: Language, taxonomy: IssueTaxonomy, agenda: Agenda): string {
  const lines = agenda.items
    .filter((i) => i.included)
    .map((it, i) =>
      t('agenda.bodyLine', {
        n: i + 1,
        carried: it.carriedOver ? t('agenda.carried') : '',
        category: categoryLabel(taxonomy, language, it.category),
        lifeStage: t(`lifeStage.${it.lifeStage as LifeStage}`),
        severity: t(`issue.severity.${it.severity}`),
        summary: it.summary,
      }),
    );
  return [t('agenda.bodyHeader', { seq: agenda.seq }), '', ...lines, '', t('agenda.bodyFooter')].join('\n');
}

/** Open issues per page of the issue list (three buttons each). */
export const ISSUE_LIST_PAGE_ITEMS = 8;

/** 課題 一覧: counts by category and status, then the open issues with their buttons (summaries only, never names). */
export function issueListCardData(t: Translate, language: Language, taxonomy: IssueTaxonomy, view: IssueListView, opts: { page?: number; fictional: boolean; notice?: { text: string; good: boolean } }) {
  const paged = pageOf(view.open, opts.page ?? 0, ISSUE_LIST_PAGE_ITEMS);
  return {
    hasNotice: opts.notice !== undefined,
    notice: opts.notice?.text ?? '',
    noticeColor: opts.notice?.good ? 'Good' : 'Attention',
    title: t('issueList.title'),
    intro: t('issueList.intro'),
    fictional: opts.fictional,
    fictionalBadge: t('app.fictionalBadge'),
    countsTitle: t('issueList.countsTitle'),
    counts: view.counts.map((c) => ({ title: categoryLabel(taxonomy, language, c.category), value: t('issueList.countLine', { open: c.byStatus.open, resolved: c.byStatus.resolved, systemic: c.byStatus.systemic }) })),
    openTitle: t('issueList.openTitle'),
    isEmpty: view.open.length === 0,
    emptyText: t('issueList.empty'),
    items: paged.items.map((i) => ({
      issueId: i.issueId,
      heading: t('issueList.heading', { category: categoryLabel(taxonomy, language, i.category), lifeStage: t(`lifeStage.${i.lifeStage as LifeStage}`), severity: t(`issue.severity.${i.severity}`), raised: i.raise ? t('issueList.raised') : '' }),
      summary: escapeCardText(i.summary),
      raiseLabel: i.raise ? t('issueList.unraise') : t('issueList.raise'),
      raiseAction: i.raise ? 'unraise' : 'raise',
      resolveLabel: t('issueList.resolve'),
      systemicLabel: t('issueList.systemic'),
      page: paged.page,
    })),
    hasPages: paged.pages > 1,
    pageLine: t('issueList.pageLine', { from: paged.start + 1, to: paged.start + paged.items.length, total: view.open.length }),
    hasPrev: paged.page > 0,
    hasNext: paged.page < paged.pages - 1,
    prevLabel: t('issueList.prev'),
    nextLabel: t('issueList.next'),
    prevPage: paged.page - 1,
    nextPage: paged.page + 1,
  };
}
