import { MessageFactory, type TurnContext } from 'botbuilder';
import type { AgendaStep, AgendaStepOutcome } from '../../app/issues/changeAgenda';
import type { AgendaView } from '../../app/issues/agendaView';
import type { PullOutcome } from '../../app/issues/pullAgenda';
import type { ChangeIssueOutcome, IssueListOutcome } from '../../app/issues/issueList';
import type { RecordIssueOutcome, RecordIssueRequest } from '../../app/issues/recordIssue';
import type { Language } from '../../app/ports';
import { parseIsoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import { isOrganisationKey, OUTCOME_RESULTS, type ItemEdit, type OutcomeInput, type OutcomeResult } from '../../domain/issues/agenda';
import type { IssueTaxonomy } from '../../domain/issues/categories';
import type { IssueAction } from '../../domain/issues/issue';
import type { LifeStage } from '../../domain/lifeStage';
import type { Translate } from '../../i18n';
import { cardAttachment, expandCard } from './cardRenderer';
import { noticeCardData } from './cardData';
import { agendaCardData, agendaOutcomesCardData, issueFormData, issueListCardData, OUTCOME_PAGE_ITEMS, type IssueFormValues, type OutcomeFormValues } from './issueCards';
import { invokeCard, invokeError, invokeMessage } from './invokeResponses';

/** The use cases of the issue stock and the agenda (bound in main.ts). */
export interface IssueUseCases {
  /** The case the form is for: its code and the child's life stage today (permission-checked; no personal data shown). */
  caseForIssue(caseId: string, actor: Actor): Promise<{ kind: 'ok'; code: string; lifeStage: LifeStage } | { kind: 'notAuthorised' | 'caseNotFound' }>;
  recordIssue(req: RecordIssueRequest): Promise<RecordIssueOutcome>;
  pullAgenda(actor: Actor): Promise<PullOutcome>;
  stepAgenda(req: { actor: Actor; agendaId: string; cardVersion: number; step: AgendaStep }): Promise<AgendaStepOutcome>;
  agendaView(agendaId: string): Promise<AgendaView | undefined>;
  listIssues(actor: Actor): Promise<IssueListOutcome>;
  changeIssue(req: { actor: Actor; issueId: string; action: IssueAction; conversationId: string | undefined }): Promise<ChangeIssueOutcome>;
}

type Data = Record<string, string | number | boolean>;


const EMPTY_VALUES = (lifeStage: string): IssueFormValues => ({ category: '', lifeStage, severity: 'medium', status: 'open', description: '', summary: '', raise: true });

/**
 * 課題 and 議題 (issue 6) as the bot shows them. The issue form comes from a case card (for that case) or from
 * the 課題 command (no case); the agenda is the secretary's (議題), edited in place and published to the
 * secretariat channel. Agenda cards show summaries only, never names.
 */
export class IssueHandlers {
  constructor(
    private readonly useCases: IssueUseCases,
    private readonly taxonomy: IssueTaxonomy,
    private readonly newId: () => string,
    /** Embedded demo: what is listed is fictional (架空) and marked so. */
    private readonly fictional = false,
  ) {}

  /** 課題: the form for an issue without a case (anyone registered). */
  async onIssueCommand(ctx: TurnContext, t: Translate, language: Language): Promise<void> {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('issueForm', issueFormData(t, language, this.taxonomy, { formId: this.newId(), caseId: undefined, caseCode: undefined, values: EMPTY_VALUES('') }))));
  }

  /** 課題を記録 on a case card: the form for that case as a new message below it. */
  async onIssueFormClick(ctx: TurnContext, t: Translate, language: Language, actor: Actor, caseId: string): Promise<void> {
    const found = await this.useCases.caseForIssue(caseId, actor);
    if (found.kind !== 'ok') return void (await invokeError(ctx, 403, 'ISSUE.NOT_AUTHORISED', t('ISSUE.NOT_AUTHORISED')));
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('issueForm', issueFormData(t, language, this.taxonomy, { formId: this.newId(), caseId, caseCode: found.code, values: EMPTY_VALUES(found.lifeStage) }))));
    // The case card stays as it is: the invoke is answered with a message (Teams shows it briefly), not a card.
    await invokeMessage(ctx, t('caseCard.recordIssue'));
  }

  async onIssueRecord(ctx: TurnContext, t: Translate, language: Language, actor: Actor, data: { formId: string; caseId: string } & IssueFormValues): Promise<void> {
    const caseId = data.caseId === '' ? undefined : data.caseId;
    const values: IssueFormValues = { category: data.category, lifeStage: data.lifeStage, severity: data.severity, status: data.status, description: data.description, summary: data.summary, raise: data.raise };
    const outcome = await this.useCases.recordIssue({ actor, formId: data.formId, caseId, input: values, conversationId: ctx.activity.conversation?.id });
    const caseCode = outcome.kind === 'recorded' || outcome.kind === 'alreadyRecorded' ? outcome.issue.caseCode : caseId?.split(':').pop();
    const form = (extra: Parameters<typeof issueFormData>[3] extends infer F ? Partial<F> : never) =>
      invokeCard(ctx, expandCard('issueForm', issueFormData(t, language, this.taxonomy, { formId: data.formId, caseId, caseCode, values, ...extra })));
    switch (outcome.kind) {
      case 'recorded':
        return void (await form({
          notice: {
            text: t('issue.recorded', { category: this.taxonomy.find(outcome.issue.category)?.label[language] ?? outcome.issue.category, status: t(`issue.status.${outcome.issue.status}`), raised: outcome.issue.raise ? t('issue.recordedRaised') : t('issue.recordedNotRaised') }),
            good: true,
          },
          recorded: true,
        }));
      case 'alreadyRecorded':
        return void (await form({ notice: { text: t('issue.alreadyRecorded'), good: true }, recorded: true }));
      case 'invalid':
        return void (await form({ errors: outcome.errors }));
      case 'notAuthorised':
      case 'caseNotFound':
        return void (await invokeError(ctx, 403, 'ISSUE.NOT_AUTHORISED', t('ISSUE.NOT_AUTHORISED')));
    }
  }

  /** 課題 一覧: the stock at a glance (anyone registered; summaries only). */
  async onIssueList(ctx: TurnContext, t: Translate, language: Language, actor: Actor): Promise<void> {
    const outcome = await this.useCases.listIssues(actor);
    if (outcome.kind !== 'list') return void (await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'COMMON.NOT_REGISTERED')))));
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('issueList', issueListCardData(t, language, this.taxonomy, outcome.view, { fictional: this.fictional }))));
  }

  async onIssueListPage(ctx: TurnContext, t: Translate, language: Language, actor: Actor, page: number, notice?: { text: string; good: boolean }): Promise<void> {
    const outcome = await this.useCases.listIssues(actor);
    if (outcome.kind !== 'list') return void (await invokeError(ctx, 403, 'COMMON.NOT_REGISTERED', t('COMMON.NOT_REGISTERED')));
    await invokeCard(ctx, expandCard('issueList', issueListCardData(t, language, this.taxonomy, outcome.view, { fictional: this.fictional, page, ...(notice ? { notice } : {}) })));
  }

  async onIssueUpdate(ctx: TurnContext, t: Translate, language: Language, actor: Actor, data: { issueId: string; action: IssueAction; page: number }): Promise<void> {
    const outcome = await this.useCases.changeIssue({ actor, issueId: data.issueId, action: data.action, conversationId: ctx.activity.conversation?.id });
    switch (outcome.kind) {
      case 'changed':
      case 'unchanged':
        return this.onIssueListPage(ctx, t, language, actor, data.page, { text: t(outcome.kind === 'changed' ? 'issueList.changed' : 'issueList.unchanged'), good: true });
      case 'notAuthorised':
        return void (await invokeError(ctx, 403, 'ISSUE.CHANGE_NOT_AUTHORISED', t('ISSUE.CHANGE_NOT_AUTHORISED')));
      case 'notFound':
        return void (await invokeError(ctx, 404, 'ISSUE.NOT_FOUND', t('ISSUE.NOT_FOUND')));
      case 'busy':
        return void (await invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY')));
    }
  }

  /** 議題: the current agenda (secretary only). */
  async onAgendaCommand(ctx: TurnContext, t: Translate, language: Language, actor: Actor): Promise<void> {
    const outcome = await this.useCases.pullAgenda(actor);
    if (outcome.kind === 'notAuthorised') return void (await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'AGENDA.NOT_AUTHORISED')))));
    if (outcome.kind === 'busy') return void (await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'COMMON.BUSY')))));
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('agenda', agendaCardData(t, language, this.taxonomy, outcome.view, { editable: true }))));
  }

  async onAgendaAction(ctx: TurnContext, t: Translate, language: Language, actor: Actor, kind: 'save' | 'publish' | 'outcomeForm' | 'close' | 'page' | 'outcomeSave', data: Data & { agendaId: string; v: number }): Promise<void> {
    const page = Number.isFinite(Number(data.page)) ? Number(data.page) : 0;
    const secretary = actor.roles.includes('secretary');
    if (kind === 'page' && !secretary) {
      // The published agenda in the channel names nobody: anyone registered may turn its pages (read-only).
      const view = await this.useCases.agendaView(data.agendaId);
      if (!view || view.agenda.state === 'draft') return void (await invokeError(ctx, 403, 'AGENDA.NOT_AUTHORISED', t('AGENDA.NOT_AUTHORISED')));
      return void (await invokeCard(ctx, expandCard('agenda', agendaCardData(t, language, this.taxonomy, { agenda: view.agenda, openFollowUps: [] }, { editable: false, page }))));
    }
    if (!secretary) return void (await invokeError(ctx, 403, 'AGENDA.NOT_AUTHORISED', t('AGENDA.NOT_AUTHORISED')));
    if (kind === 'outcomeForm' || kind === 'page') {
      const view = await this.useCases.agendaView(data.agendaId);
      if (!view) return void (await invokeError(ctx, 404, 'AGENDA.NOT_FOUND', t('AGENDA.NOT_FOUND')));
      // Turning the page of a draft keeps what was changed on the page shown (as 保存 would).
      if (kind === 'page' && view.agenda.state === 'draft') {
        const saved = await this.useCases.stepAgenda({ actor, agendaId: data.agendaId, cardVersion: data.v, step: { kind: 'edit', edits: readEdits(data) } });
        if (saved.kind === 'changed' || saved.kind === 'unchanged' || saved.kind === 'stale') return void (await invokeCard(ctx, expandCard('agenda', agendaCardData(t, language, this.taxonomy, saved.view, { editable: true, page, ...(saved.kind === 'stale' ? { notice: { text: t('AGENDA.STALE'), good: false } } : {}) }))));
        return this.answer(ctx, t, language, saved, 'save', page);
      }
      if (kind === 'page' || view.agenda.state !== 'published') {
        const notice = kind === 'page' ? undefined : { text: t('AGENDA.WRONG_STATE', { state: t(`agenda.stateName.${view.agenda.state}`) }), good: false };
        return void (await invokeCard(ctx, expandCard('agenda', agendaCardData(t, language, this.taxonomy, view, { editable: true, page, ...(notice ? { notice } : {}) }))));
      }
      return void (await invokeCard(ctx, expandCard('agendaOutcomes', agendaOutcomesCardData(t, language, this.taxonomy, view.agenda, new Map(), undefined, page))));
    }
    let step: AgendaStep;
    if (kind === 'close' || kind === 'outcomeSave') {
      const read = readOutcomes(data);
      if (read.badDates.length > 0) return void (await this.outcomeFormAgain(ctx, t, language, data, read.values, t('AGENDA.BAD_DATE', { items: await this.positions(data.agendaId, read.badDates) }), await this.pageOfItems(data.agendaId, read.badDates)));
      step = { kind: kind === 'close' ? 'close' : 'saveOutcomes', outcomes: read.outcomes };
    } else step = { kind: kind === 'save' ? 'edit' : 'publish', edits: readEdits(data) };
    const outcome = await this.useCases.stepAgenda({ actor, agendaId: data.agendaId, cardVersion: data.v, step });
    if (outcome.kind === 'invalid' && (kind === 'close' || kind === 'outcomeSave')) {
      return void (await this.outcomeFormAgain(ctx, t, language, data, readOutcomes(data).values, t(outcome.code, { items: await this.positions(data.agendaId, outcome.issueIds) }), await this.pageOfItems(data.agendaId, outcome.issueIds)));
    }
    if (kind === 'outcomeSave' && (outcome.kind === 'changed' || outcome.kind === 'unchanged' || outcome.kind === 'stale')) {
      const text = outcome.kind === 'stale' ? t('AGENDA.STALE') : t('agenda.outcomesSaved');
      return void (await invokeCard(ctx, expandCard('agendaOutcomes', agendaOutcomesCardData(t, language, this.taxonomy, outcome.view.agenda, new Map(), text, outcome.kind === 'stale' ? await this.pageOfItems(data.agendaId, [...readOutcomes(data).values.keys()]) : page))));
    }
    return this.answer(ctx, t, language, outcome, kind === 'outcomeSave' ? 'close' : kind, kind === 'save' ? page : 0);
  }

  /** The outcome page that shows the first of these items (navigation buttons carry the page they go to, not the one shown). */
  private async pageOfItems(agendaId: string, issueIds: readonly string[]): Promise<number> {
    const view = await this.useCases.agendaView(agendaId);
    const first = view ? view.agenda.items.filter((i) => i.included).findIndex((i) => issueIds.includes(i.issueId)) : -1;
    return first >= 0 ? Math.floor(first / OUTCOME_PAGE_ITEMS) : 0;
  }

  async onFollowUpDone(ctx: TurnContext, t: Translate, language: Language, actor: Actor, data: { agendaId: string; followUpId: string }): Promise<void> {
    const outcome = await this.useCases.stepAgenda({ actor, agendaId: data.agendaId, cardVersion: 0, step: { kind: 'followUpDone', followUpId: data.followUpId } });
    if (outcome.kind === 'notAuthorised') return void (await invokeError(ctx, 403, 'AGENDA.FOLLOW_UP_NOT_AUTHORISED', t('AGENDA.FOLLOW_UP_NOT_AUTHORISED')));
    return this.answer(ctx, t, language, outcome, 'followUpDone');
  }

  private async answer(ctx: TurnContext, t: Translate, language: Language, outcome: AgendaStepOutcome, kind: 'save' | 'publish' | 'close' | 'followUpDone', page = 0): Promise<void> {
    const card = (view: AgendaView, text: string, good: boolean) => invokeCard(ctx, expandCard('agenda', agendaCardData(t, language, this.taxonomy, view, { editable: true, notice: { text, good }, page })));
    switch (outcome.kind) {
      case 'changed':
      case 'unchanged': {
        if (outcome.kind === 'unchanged') return void (await card(outcome.view, kind === 'followUpDone' ? t('agenda.followUpMarked') : t('agenda.unchanged'), true));
        if (kind === 'save') return void (await card(outcome.view, t('agenda.saved'), true));
        if (kind === 'close') return void (await card(outcome.view, t('agenda.closed'), true));
        if (kind === 'followUpDone') return void (await card(outcome.view, t('agenda.followUpMarked'), true));
        const pending = outcome.delivery?.pending ?? [];
        const body = outcome.view.agenda.conference === undefined ? t('agenda.publishedNoConference') : pending.includes('eventBody') ? t('agenda.publishedBodyPending') : t('agenda.publishedBody');
        const channel = pending.includes('channelCard') ? t('agenda.publishedChannelPending') : t('agenda.publishedChannel');
        return void (await card(outcome.view, t('agenda.published', { body, channel }), true));
      }
      case 'stale':
        return void (await card(outcome.view, t('AGENDA.STALE'), false));
      case 'wrongState':
        return void (await card(outcome.view, t('AGENDA.WRONG_STATE', { state: t(`agenda.stateName.${outcome.view.agenda.state}`) }), false));
      case 'invalid':
        return void (await invokeError(ctx, 400, outcome.code, t(outcome.code, { items: outcome.issueIds.join(', ') })));
      case 'notAuthorised':
        return void (await invokeError(ctx, 403, 'AGENDA.NOT_AUTHORISED', t('AGENDA.NOT_AUTHORISED')));
      case 'notFound':
        return void (await invokeError(ctx, 404, 'AGENDA.NOT_FOUND', t('AGENDA.NOT_FOUND')));
      case 'busy':
        return void (await invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY')));
    }
  }

  private async outcomeFormAgain(ctx: TurnContext, t: Translate, language: Language, data: { agendaId: string }, values: ReadonlyMap<string, OutcomeFormValues>, errorText: string, page: number): Promise<void> {
    const view = await this.useCases.agendaView(data.agendaId);
    if (!view) return void (await invokeError(ctx, 404, 'AGENDA.NOT_FOUND', t('AGENDA.NOT_FOUND')));
    await invokeCard(ctx, expandCard('agendaOutcomes', agendaOutcomesCardData(t, language, this.taxonomy, view.agenda, values, errorText, page)));
  }

  /** Item numbers as the card shows them (1-based among the included items), for messages. */
  private async positions(agendaId: string, issueIds: readonly string[]): Promise<string> {
    const view = await this.useCases.agendaView(agendaId);
    const included = view?.agenda.items.filter((i) => i.included).map((i) => i.issueId) ?? [];
    return issueIds.map((id) => String(included.indexOf(id) + 1)).join(', ');
  }
}

const ISSUE_ID = /^issue-[A-Za-z0-9-]{1,80}$/;

/** inc_<issueId> / pos_<issueId> from the agenda card. */
export function readEdits(data: Data): ItemEdit[] {
  const ids = new Set(Object.keys(data).filter((k) => k.startsWith('inc_') || k.startsWith('pos_')).map((k) => k.slice(4)).filter((id) => ISSUE_ID.test(id)));
  return [...ids].map((issueId) => {
    const inc = data[`inc_${issueId}`];
    const pos = Number(data[`pos_${issueId}`]);
    return { issueId, included: inc === undefined ? true : inc === true || inc === 'true', position: Number.isFinite(pos) && pos >= 1 ? Math.min(pos, 999) : 999 };
  });
}

/** res_ / dec_ / dep_ / due_<issueId> from the outcome card; unknown departments and results read as not given. */
export function readOutcomes(data: Data): { outcomes: OutcomeInput[]; values: Map<string, OutcomeFormValues>; badDates: string[] } {
  const ids = new Set(Object.keys(data).filter((k) => /^(res|dec|dep|due)_/.test(k)).map((k) => k.slice(4)).filter((id) => ISSUE_ID.test(id)));
  const outcomes: OutcomeInput[] = [];
  const values = new Map<string, OutcomeFormValues>();
  const badDates: string[] = [];
  for (const issueId of ids) {
    const text = (k: string) => String(data[`${k}_${issueId}`] ?? '').trim();
    const v = { result: text('res'), decision: text('dec'), department: text('dep'), due: text('due') };
    values.set(issueId, v);
    const due = v.due === '' ? undefined : parseIsoDate(v.due);
    if (v.due !== '' && due === undefined) badDates.push(issueId);
    outcomes.push({
      issueId,
      decision: v.decision,
      department: isOrganisationKey(v.department) ? v.department : undefined,
      due,
      result: (OUTCOME_RESULTS as readonly string[]).includes(v.result) ? (v.result as OutcomeResult) : undefined,
    });
  }
  return { outcomes, values, badDates };
}
