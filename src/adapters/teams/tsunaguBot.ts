import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import type { CreateIntakeOutcome, CreateIntakeRequest } from '../../app/createIntakeHandoff';
import type { ActorResolver, AdminAlert, CaseSummary, Clock, IdGenerator, Language, PersonalConversation, UserPreferences } from '../../app/ports';
import type { MilestoneChange, MilestoneChangeOutcome, MilestoneSubject, MilestonesOutcome } from '../../app/milestones';
import type { ContactOutcome, ContactRequest, MonitoringOutcome } from '../../app/contacts';
import type { TeamRef } from '../../app/teamReferences';
import type { MonitoringInterval } from '../../domain/monitoring';
import type { MilestoneListView } from '../../app/milestoneViews';
import type { CardClick, RespondOutcome } from '../../app/respondToHandoff';
import type { ReadOutcome, ReadRequest } from '../../app/readCase';
import type { ConsentChange, ConsentOutcome } from '../../app/manageConsent';
import type { CaseEditOutcome, CaseEditRequest } from '../../app/editCase';
import type { SearchOutcome } from '../../app/findCases';
import type { StatusOutcome } from '../../app/caseStatus';
import type { WorkOutcome } from '../../app/workChecklist';
import type { CaseDetailsEdit } from '../../domain/caseEdit';
import type { CaseStatus, Device, DeviceKind, EnrolmentKind } from '../../domain/case';
import { caseIdFor } from '../../app/placements';
import type { AuditEntry } from '../../domain/audit';
import { CASE_DETAIL_FIELDS, type CaseDetailsView, type HandoffCardView } from '../../app/views';
import type { CardPlacement, DeclineInput } from '../../domain/handoff';
import { formatIsoDate, parseIsoDate, tokyoDate, type CalendarDate } from '../../domain/dates';
import type { Actor, OrganisationKey, WardDirectory } from '../../domain/directory';
import { validateIntake, type IntakeError, type IntakeField, type IntakeInput } from '../../domain/intake';
import { resolveLanguage, translator, type MessageKey, type Translate } from '../../i18n';
import type { Logger } from '../observability/logger';
import { ACTION_SCHEMAS, careItemList, consentCategories, consentGiver, urgency as urgencySchema, type CreateFormData } from './actionData';
import type { ConsentGiver, DataCategory } from '../../domain/consent';
import type { CaseFile } from '../../domain/caseFile';
import { cardAttachment, expandCard } from './cardRenderer';
import { auditTrailCardData, caseDetailsCardData, caseListCardData, caseEditCardData, caseEditValues, consentCardData, handoffCardData, handoffFormData, helpCardData, milestoneChannelCardData, milestonesCardData, noticeCardData, printLinksCardData, type FormValues } from './cardData';
import { parseCommand } from './commands';
import { VERBS } from './verbs';
import type { PackageHandlers } from './packageHandlers';
import type { IssueHandlers } from './issueHandlers';
import type { ConferenceHandlers } from './conferenceHandlers';
import type { StatsHandlers } from './statsHandlers';
import type { RoadmapOutcome, RoadmapRequest } from '../../app/roadmap/caseRoadmap';
import type { ServiceLookupView } from '../../app/roadmap/serviceLookup';
import { entitlementsNotice, familyRoadmapCardData, roadmapCardData, serviceLookupCardData } from '../../app/roadmap/roadmapCards';
import type { EntitlementsOutcome, EntitlementsRequest } from '../../app/roadmap/entitlements';
import { escapeCardText } from './escape';
import type { DisasterHandlers } from './disasterHandlers';
import { invokeCard, invokeError, invokeMessage } from './invokeResponses';

/** The use cases the bot calls (bound to their dependencies in main.ts). */
export interface BotUseCases {
  createIntake(req: CreateIntakeRequest): Promise<CreateIntakeOutcome>;
  accept(click: CardClick): Promise<RespondOutcome>;
  decline(click: CardClick, input: DeclineInput): Promise<RespondOutcome>;
  resend(click: CardClick, to: OrganisationKey): Promise<RespondOutcome>;
  readCase(req: ReadRequest): Promise<ReadOutcome>;
  auditOfCase(caseId: string): Promise<AuditEntry[]>;
  auditOfActor(aadObjectId: string): Promise<AuditEntry[]>;
  changeConsent(change: ConsentChange): Promise<ConsentOutcome>;
  /** The minimal (channel) view of a handoff as stored now; no personal data, so not audited. */
  editCase(req: CaseEditRequest): Promise<CaseEditOutcome>;
  changeStatus(req: { caseId: string; actor: Actor; to: CaseStatus; conversationId: string | undefined }): Promise<StatusOutcome>;
  /** 標準業務: a checklist item of the coordinator's standard work marked done on the case card (audited). */
  markWork(req: { caseId: string; actor: Actor; itemId: string; done: boolean; conversationId: string | undefined }): Promise<WorkOutcome>;
  myCases(actor: Actor, conversationId: string | undefined): Promise<CaseSummary[]>;
  searchCases(actor: Actor, text: string, conversationId: string | undefined): Promise<SearchOutcome>;
  handoffCardView(caseId: string, handoffId: string, placement: { role: CardPlacement['role']; organisation: OrganisationKey }): Promise<HandoffCardView | undefined>;
  /** 予定 <案件番号>: the case's coming milestones (permission-checked, audited). */
  caseMilestones(req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<MilestonesOutcome>;
  markMilestoneDone(req: MilestoneChange): Promise<MilestoneChangeOutcome>;
  postponeMilestone(req: MilestoneChange & { until: CalendarDate }): Promise<MilestoneChangeOutcome>;
  /** 今日の予定: the coordinator's digest (audited per case). */
  digest(actor: Actor, conversationId: string | undefined): Promise<MilestoneListView>;
  /** Conversation references for proactive messages (personal scope install / uninstall). */
  rememberConversation(conversation: PersonalConversation): Promise<void>;
  forgetConversation(aadObjectId: string): Promise<void>;
  /** The app added to / removed from a team: store the team's reference, or mark it unreachable. */
  teamAdded(ref: TeamRef): Promise<unknown>;
  teamRemoved(ref: TeamRef): Promise<void>;
  /** The details of a case as the card shows them (with the count of overdue steps). */
  caseDetails(file: CaseFile): CaseDetailsView;
  /** 訪問・面接・同行 and the monitoring cadence, from the case card. */
  recordContact(req: ContactRequest): Promise<ContactOutcome>;
  /** Tells the administrators whose personal chat is known (returns how many). */
  alertAdministrators(alert: AdminAlert): Promise<number>;
  /** One-time print links for a case (audited); urls are absolute. */
  issuePrintLinks(req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<{ kind: 'issued'; urls: { package: string; emergency: string }; expiresAt: string } | { kind: 'nothingToPrint' | 'notFound' }>;
  /** A card in the person's personal chat (false when the bot has no personal conversation with them). */
  sendToPersonalChat(aadObjectId: string, card: Attachment): Promise<boolean>;
  setMonitoring(req: { caseId: string; actor: Actor; everyMonths: MonitoringInterval | undefined; conversationId: string | undefined }): Promise<MonitoringOutcome>;
}

export interface BotDeps {
  readonly useCases: BotUseCases;
  /** 見通し and 制度 (issue 7). */
  readonly roadmaps: {
    forCase(req: RoadmapRequest): Promise<RoadmapOutcome>;
    /** 利用中の制度・手帳 from the 見通し card (audited). */
    recordEntitlements(req: EntitlementsRequest): Promise<EntitlementsOutcome>;
    lookup(text: string, language: Language): ServiceLookupView;
  };
  /** 引継ぎパッケージ and ケア計画 (issue 5). */
  readonly packages: PackageHandlers;
  /** 課題 and 議題 (issue 6). */
  readonly issues: IssueHandlers;
  /** 非常時情報 and 安否確認 (issue 11). */
  readonly disaster: DisasterHandlers;
  /** 会議調整: case conferences and the ward conference through the calendar (issue 6). */
  readonly conferences: ConferenceHandlers;
  /** 統計 and its CSV export (issue 8). */
  readonly stats: StatsHandlers;
  readonly directory: WardDirectory;
  readonly actors: ActorResolver;
  readonly prefs: UserPreferences;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Embedded demo: cases are fictional (架空) and marked so. */
  readonly fictional: boolean;
  /** Shared (channel) cards are in the ward's language. */
  readonly wardLanguage: Language;
  /** Whether an English Teams locale selects English for users without a stored choice. */
  readonly honourTeamsLocale: boolean;
  readonly forwardable: readonly OrganisationKey[];
  readonly log: Logger;
}


/**
 * Routes each Teams activity to one use case and maps the typed outcome to a card. No business rule
 * lives here: parse with zod → call the use case → render.
 */
export class TsunaguBot {
  constructor(private readonly deps: BotDeps) {}

  async onTurn(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const log = this.deps.log.child('turn', { turn: randomUUID().slice(0, 8), type: a.type, name: a.name });
    try {
      await this.resolveActor(a);
      if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') return await this.onCardAction(ctx, log);
      if (a.type === ActivityTypes.Message) return await this.onMessage(ctx);
      if (a.type === ActivityTypes.InstallationUpdate || a.type === ActivityTypes.ConversationUpdate) return await this.onInstallation(ctx, log);
    } catch (err) {
      // Error messages can carry user data: log the error's name and code only.
      log.error('turn failed', { error: err instanceof Error ? err.name : 'unknown', code: errorCode(err) });
      const t = await this.translatorFor(ctx).catch(() => translator('ja'));
      if (a.type === ActivityTypes.Invoke) await invokeError(ctx, 500, 'COMMON.ERROR', t('COMMON.ERROR'));
      else await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'COMMON.ERROR'))));
    }
  }

  private async translatorFor(ctx: TurnContext): Promise<Translate> {
    return translator(await this.languageOf(ctx));
  }

  private async languageOf(ctx: TurnContext): Promise<Language> {
    const aad = ctx.activity.from?.aadObjectId;
    const stored = aad ? await this.deps.prefs.getLanguage(aad) : undefined;
    return resolveLanguage(stored, ctx.activity.locale, this.deps.honourTeamsLocale);
  }

  /** The actor of this turn, resolved once per turn (directory or Entra groups), never from card data. */
  private readonly actors = new WeakMap<Activity, Actor | undefined>();

  private async resolveActor(activity: Activity): Promise<void> {
    const aad = activity.from?.aadObjectId;
    const actor = aad ? await this.deps.actors.resolve(aad, activity.from?.name) : undefined;
    this.actors.set(activity, actor && { ...actor, ...(activity.from?.id ? { teamsUserId: activity.from.id } : {}) });
  }

  private actorOf(activity: Activity): Actor | undefined {
    return this.actors.get(activity);
  }

  private async onMessage(ctx: TurnContext): Promise<void> {
    const t = await this.translatorFor(ctx);
    if (ctx.activity.value !== undefined && !ctx.activity.text) {
      await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'COMMON.BAD_CARD'))));
      return;
    }
    const command = parseCommand(ctx.activity.text ?? '');
    switch (command.kind) {
      case 'help':
        await ctx.sendActivity(MessageFactory.attachment(cardAttachment('help', helpCardData(t))));
        return;
      case 'language': {
        const aad = ctx.activity.from?.aadObjectId;
        if (aad) await this.deps.prefs.setLanguage(aad, command.language);
        await ctx.sendActivity(MessageFactory.text(translator(command.language)('language.set')));
        return;
      }
      case 'newHandoff': {
        if (!this.actorOf(ctx.activity)) {
          await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, 'COMMON.NOT_REGISTERED'))));
          return;
        }
        const today = formatIsoDate(tokyoDate(this.deps.clock.now()));
        await ctx.sendActivity(MessageFactory.attachment(cardAttachment('handoffForm', handoffFormData(t, this.deps.ids.newId(), today, this.deps.fictional))));
        return;
      }
      case 'caseView':
        return this.onCaseView(ctx, t, command.code);
      case 'issueForm':
      case 'agenda': {
        const actor = this.actorOf(ctx.activity);
        if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
        const language = await this.languageOf(ctx);
        if (command.kind === 'agenda') return this.deps.issues.onAgendaCommand(ctx, t, language, actor);
        return command.list ? this.deps.issues.onIssueList(ctx, t, language, actor) : this.deps.issues.onIssueCommand(ctx, t, language);
      }
      case 'auditCase':
        if (!command.code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
        return this.onAudit(ctx, t, command.code, () => this.deps.useCases.auditOfCase(caseIdFor(this.deps.directory.wardId, command.code ?? '')));
      case 'auditUser':
        return this.onAudit(ctx, t, t('audit.userSubject', { user: command.user }), () => this.deps.useCases.auditOfActor(command.user));
      case 'consent':
        return this.onConsentView(ctx, t, command.code);
      case 'caseEdit':
        return this.onEditView(ctx, t, command.code);
      case 'roadmap':
        return this.onRoadmap(ctx, t, command.code, command.family);
      case 'services': {
        const language = await this.languageOf(ctx);
        const view = this.deps.roadmaps.lookup(command.text, language);
        await ctx.sendActivity(MessageFactory.attachment(cardAttachment('serviceLookup', serviceLookupCardData(view, escapeCardText))));
        return;
      }
      case 'carePlan':
      case 'sendPackage': {
        const actor = this.actorOf(ctx.activity);
        if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
        if (!command.code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
        if (command.kind === 'carePlan') return this.deps.packages.onPlanCommand(ctx, t, actor, command.code);
        return this.deps.packages.onSendCommand(ctx, t, actor, command.code, command.organisation);
      }
      case 'myCases':
      case 'search':
        return this.onList(ctx, t, command);
      case 'milestones':
        return this.onMilestonesView(ctx, t, command.code);
      case 'digest':
        return this.onDigestView(ctx, t);
      case 'disaster':
        return this.deps.disaster.onCommand(ctx, t, this.actorOf(ctx.activity), command.what);
      case 'conference': {
        const actor = this.actorOf(ctx.activity);
        if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
        if (command.badCode) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
        return this.deps.conferences.onCommand(ctx, t, actor, command.code);
      }
      case 'stats':
        return this.deps.stats.onCommand(ctx, t, this.actorOf(ctx.activity), command, await this.languageOf(ctx));
      case 'unknown':
        await ctx.sendActivity(MessageFactory.text(t('unknown.command', { text: command.text })));
        return;
      default:
        return assertNever(command);
    }
  }

  /** 同意 <code>: the consent card (personal chat only; reading the consents is audited). */
  private async onConsentView(ctx: TurnContext, t: Translate, code: string | undefined): Promise<void> {
    if (!code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code });
    const outcome = await this.deps.useCases.readCase({ caseId: caseIdFor(this.deps.directory.wardId, code), actor, purpose: 'consent.view', fields: ['consents'], conversationId: ctx.activity.conversation.id });
    if (outcome.kind !== 'found') return this.notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('consent', this.consentCard(t, outcome.file))));
  }

  /**
   * The app installed or removed in personal scope: store or drop the conversation reference used for the
   * daily digest (`installationUpdate` add/remove, and `conversationUpdate` with the bot added or removed).
   * In a team (channel conversation with `channelData.team`): store where the team is, or mark it
   * unreachable on removal (`teamDeleted` too). Never answers in the chat; a failure is logged and the next
   * install event (or, in personal scope, 今日の予定) stores it.
   */
  private async onInstallation(ctx: TurnContext, log: Logger): Promise<void> {
    const a = ctx.activity;
    const aad = a.from?.aadObjectId;
    const botId = a.recipient?.id;
    const removed = a.type === ActivityTypes.InstallationUpdate ? (a.action ?? '').startsWith('remove') : (a.membersRemoved ?? []).some((m) => m.id === botId);
    const added = a.type === ActivityTypes.InstallationUpdate ? (a.action ?? '').startsWith('add') : (a.membersAdded ?? []).some((m) => m.id === botId);
    const channelData = a.channelData as { team?: { id?: string }; eventType?: string } | undefined;
    const teamId = channelData?.team?.id;
    if (a.conversation?.conversationType === 'channel' && teamId) {
      const ref = { teamId, serviceUrl: a.serviceUrl, tenantId: tenantOf(a) };
      try {
        if (removed || channelData?.eventType === 'teamDeleted') await this.deps.useCases.teamRemoved(ref);
        else if (added) await this.deps.useCases.teamAdded(ref);
      } catch (err) {
        log.warn('team reference not stored', { error: err instanceof Error ? err.name : 'unknown', removed });
      }
      return;
    }
    if (a.conversation?.conversationType !== 'personal' || !aad) return;
    try {
      if (removed) {
        await this.deps.useCases.forgetConversation(aad);
        // Not retried forever, not silent: an administrator learns that this person's reminders stop.
        await this.deps.useCases.alertAdministrators({ kind: 'personalUninstalled', name: this.actorOf(a)?.displayName ?? a.from?.name ?? aad });
      }
      else if (added) await this.deps.useCases.rememberConversation(personalConversationOf(a, aad));
    } catch (err) {
      log.warn('conversation reference not stored', { error: err instanceof Error ? err.name : 'unknown', removed });
    }
  }

  /** 予定 <案件番号>: the case's coming milestones with 完了 / 延期 (personal chat only; audited read). */
  private async onMilestonesView(ctx: TurnContext, t: Translate, code: string | undefined): Promise<void> {
    if (!code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code });
    const outcome = await this.deps.useCases.caseMilestones({ caseId: caseIdFor(this.deps.directory.wardId, code), actor, conversationId: ctx.activity.conversation.id });
    if (outcome.kind !== 'found') return this.notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    const language = await this.languageOf(ctx);
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('milestones', milestonesCardData(t, language, outcome.view))));
  }

  /** 今日の予定: the same card as the morning digest, on demand (personal chat only; audited per case). */
  private async onDigestView(ctx: TurnContext, t: Translate): Promise<void> {
    const a = ctx.activity;
    const actor = this.actorOf(a);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (a.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code: '' });
    const view = await this.deps.useCases.digest(actor, a.conversation.id);
    const language = await this.languageOf(ctx);
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('milestones', milestonesCardData(t, language, view))));
    // Whoever asks here has the app in personal scope: keep the reference for the morning digest fresh.
    if (a.from?.aadObjectId) await this.deps.useCases.rememberConversation(personalConversationOf(a, a.from.aadObjectId)).catch(() => undefined);
  }

  /**
   * 完了 / 延期 on a row of the 予定 card or of the digest, or on another department's channel card;
   * answers with the same card, refreshed.
   */
  private async onMilestoneChange(ctx: TurnContext, t: Translate, actor: Actor, data: { caseId: string; milestoneId: string; from: 'case' | 'digest' | 'channel'; cardId?: string; until?: string }): Promise<void> {
    const conversationId = ctx.activity.conversation?.id;
    const code = data.caseId.split(':').pop() ?? data.caseId;
    if (data.from === 'channel' && data.cardId === undefined) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    const req = { caseId: data.caseId, milestoneId: data.milestoneId, actor, conversationId, ...(data.from === 'channel' && data.cardId ? { cardId: data.cardId } : {}) };
    let outcome: MilestoneChangeOutcome;
    if (data.until === undefined) outcome = await this.deps.useCases.markMilestoneDone(req);
    else {
      const until = parseIsoDate(data.until);
      if (!until) return invokeError(ctx, 400, 'MILESTONE.POSTPONE_DATE_INVALID', t('MILESTONE.POSTPONE_DATE_INVALID'));
      outcome = await this.deps.useCases.postponeMilestone({ ...req, until });
    }
    switch (outcome.kind) {
      case 'invalidDate':
        return invokeError(ctx, 400, 'MILESTONE.POSTPONE_DATE_INVALID', t('MILESTONE.POSTPONE_DATE_INVALID'));
      case 'unknownMilestone':
        return invokeError(ctx, 404, 'MILESTONE.NOT_FOUND', t('MILESTONE.NOT_FOUND'));
      case 'notAuthorised':
      case 'caseNotFound':
        return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
      case 'done':
      case 'postponed':
      case 'unchanged': {
        const language = await this.languageOf(ctx);
        const title = subjectTitle(t, language, outcome.subject);
        const key: MessageKey = data.until === undefined ? (outcome.kind === 'unchanged' ? 'MILESTONE.ALREADY_DONE' : 'MILESTONE.DONE') : outcome.kind === 'unchanged' ? 'MILESTONE.UNCHANGED' : 'MILESTONE.POSTPONED';
        if (data.from === 'channel') {
          // The channel card is shared: it stays in the ward's language; the notice is for the one who pressed.
          if (!outcome.card) return invokeError(ctx, 404, 'MILESTONE.NOT_FOUND', t('MILESTONE.NOT_FOUND'));
          const shared = translator(this.deps.wardLanguage);
          return invokeCard(ctx, expandCard('milestoneChannel', milestoneChannelCardData(shared, this.deps.wardLanguage, outcome.card, t(key, { title, date: data.until ?? '' }))));
        }
        const notice = { text: t(key, { title, date: data.until ?? '' }), good: true };
        const view = data.from === 'digest' ? await this.deps.useCases.digest(actor, conversationId) : outcome.view;
        if (!view) return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
        return invokeCard(ctx, expandCard('milestones', milestonesCardData(t, language, view, notice)));
      }
    }
  }

  /** 見通し <code> [家族]: the next 24 months (personal chat only; audited). The family version has no internal notes. */
  private async onRoadmap(ctx: TurnContext, t: Translate, code: string | undefined, family: boolean): Promise<void> {
    if (!code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code });
    const language = await this.languageOf(ctx);
    const outcome = await this.deps.roadmaps.forCase({ caseId: caseIdFor(this.deps.directory.wardId, code), actor, conversationId: ctx.activity.conversation.id, familyLanguage: language });
    if (outcome.kind !== 'found') return this.notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    const card = family ? cardAttachment('familyRoadmap', familyRoadmapCardData(outcome.family)) : cardAttachment('roadmap', roadmapCardData(outcome.view, language, outcome.record));
    await ctx.sendActivity(MessageFactory.attachment(card));
  }

  /** 担当案件 / 検索: lists with names, so personal chat only; every row shown is audited. */
  private async onList(ctx: TurnContext, t: Translate, command: { kind: 'myCases' } | { kind: 'search'; text: string }): Promise<void> {
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code: '' });
    const conversationId = ctx.activity.conversation.id;
    if (command.kind === 'myCases') {
      const rows = await this.deps.useCases.myCases(actor, conversationId);
      await ctx.sendActivity(MessageFactory.attachment(cardAttachment('caseList', caseListCardData(t, t('list.mine'), rows))));
      return;
    }
    const outcome = await this.deps.useCases.searchCases(actor, command.text, conversationId);
    if (outcome.kind === 'tooShort') return this.notice(ctx, t, 'SEARCH.TOO_SHORT');
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('caseList', caseListCardData(t, t('list.search', { q: escapeCardText(command.text) }), outcome.rows))));
  }

  /**
   * 印刷用リンク: one-time links, shown only to the person who asked — in their personal chat (the answer to
   * the click there, or a proactive message when the click came from a channel card).
   */
  private async onPrintLinks(ctx: TurnContext, t: Translate, actor: Actor, caseId: string): Promise<void> {
    const issued = await this.deps.useCases.issuePrintLinks({ caseId, actor, conversationId: ctx.activity.conversation?.id });
    if (issued.kind !== 'issued') return invokeError(ctx, 404, 'PRINT.NOTHING', t('PRINT.NOTHING'));
    const code = caseId.split(':').pop() ?? caseId;
    const card = cardAttachment('printLinks', printLinksCardData(t, code, { package: issued.urls.package, emergency: issued.urls.emergency }, issued.expiresAt));
    if (ctx.activity.conversation?.conversationType === 'personal') {
      await ctx.sendActivity(MessageFactory.attachment(card));
      return invokeMessage(ctx, t('PRINT.SENT'));
    }
    const sent = await this.deps.useCases.sendToPersonalChat(actor.aadObjectId, card);
    return sent ? invokeMessage(ctx, t('PRINT.SENT')) : invokeError(ctx, 409, 'PRINT.NO_PERSONAL_CHAT', t('PRINT.NO_PERSONAL_CHAT'));
  }

  /** 編集 <code>: the edit card with the stored details and their version (personal chat only; audited read). */
  private async onEditView(ctx: TurnContext, t: Translate, code: string | undefined): Promise<void> {
    if (!code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code });
    const outcome = await this.deps.useCases.readCase({ caseId: caseIdFor(this.deps.directory.wardId, code), actor, purpose: 'case.editView', fields: ['district', 'guardians', 'diagnoses', 'devices', 'enrolment', 'supportNetwork'], conversationId: ctx.activity.conversation.id });
    if (outcome.kind !== 'found') return this.notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    const v = this.deps.useCases.caseDetails(outcome.file);
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('caseEdit', caseEditCardData(t, v.caseId, v.caseCode, v.detailsVersion, caseEditValues(v)))));
  }

  private async onEditSave(ctx: TurnContext, t: Translate, actor: Actor, data: { caseId: string; dv: number } & CaseEditFormValues): Promise<void> {
    const edit = parseCaseEdit(data);
    const outcome = await this.deps.useCases.editCase({ caseId: data.caseId, actor, detailsVersion: data.dv, edit, conversationId: ctx.activity.conversation?.id });
    const code = data.caseId.split(':').pop() ?? data.caseId;
    switch (outcome.kind) {
      case 'invalid':
        return invokeCard(ctx, expandCard('caseEdit', caseEditCardData(t, data.caseId, code, data.dv, data, outcome.errors.map((e) => e.code))));
      case 'stale': {
        const v = this.deps.useCases.caseDetails(outcome.file);
        return invokeCard(ctx, expandCard('caseEdit', caseEditCardData(t, v.caseId, v.caseCode, v.detailsVersion, caseEditValues(v), [], t('EDIT.STALE'))));
      }
      case 'saved': {
        const v = this.deps.useCases.caseDetails(outcome.file);
        const notice = outcome.changed.length ? t('EDIT.SAVED', { fields: outcome.changed.map((f) => t(EDIT_FIELD_LABELS[f] ?? 'edit.save')).join('、') }) : t('EDIT.NO_CHANGE');
        return invokeCard(ctx, await this.caseCard(ctx, t, v, notice));
      }
      case 'notAuthorised':
      case 'caseNotFound':
        return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }

  private consentCard(t: Translate, file: CaseFile, notice?: { text: string; good: boolean }) {
    const nameOf = (aad: string) => this.deps.directory.findPerson(aad)?.displayName ?? aad;
    return consentCardData(t, file.record.id, file.record.code, file.consents, this.deps.forwardable, nameOf, notice);
  }

  private async onConsentChange(ctx: TurnContext, t: Translate, actor: Actor, operation: 'record' | 'revoke', data: { caseId: string; organisation: OrganisationKey; categories: DataCategory[]; givenBy: ConsentGiver }): Promise<void> {
    const outcome = await this.deps.useCases.changeConsent({ ...data, actor, operation, conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'notAuthorised') return invokeError(ctx, 403, 'CONSENT.NOT_AUTHORISED', t('CONSENT.NOT_AUTHORISED'));
    if (outcome.kind === 'caseNotFound') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: data.caseId }));
    if (outcome.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    const params = { organisation: t(`org.${data.organisation}`), categories: data.categories.map((c) => t(`category.${c}`)).join('・') };
    const text = outcome.kind === 'recorded' ? t('CONSENT.RECORDED', params) : t('CONSENT.REVOKED', params);
    return invokeCard(ctx, expandCard('consent', this.consentCard(t, outcome.file, { text, good: outcome.kind === 'recorded' })));
  }

  /** The case card, with a fresh form id for its 記録 form (a repeated submit of one form records once). */
  private async caseCard(ctx: TurnContext, t: Translate, v: CaseDetailsView, notice?: string): Promise<Record<string, unknown>> {
    return expandCard('caseDetails', caseDetailsCardData(t, v, notice, this.deps.ids.newId(), await this.languageOf(ctx)));
  }

  /** 訪問・面接・同行を記録 on the case card: answers with the case card showing the new record. */
  private async onContactRecord(ctx: TurnContext, t: Translate, actor: Actor, data: { caseId: string; formId: string; contactDate: string; contactKind: ContactRequest['kind']; contactNote: string }): Promise<void> {
    const code = data.caseId.split(':').pop() ?? data.caseId;
    const date = parseIsoDate(data.contactDate.trim());
    if (!date) return invokeError(ctx, 400, 'CONTACT.DATE_INVALID', t('CONTACT.DATE_INVALID'));
    const outcome = await this.deps.useCases.recordContact({ caseId: data.caseId, actor, formId: data.formId, kind: data.contactKind, date, note: data.contactNote, conversationId: ctx.activity.conversation?.id });
    switch (outcome.kind) {
      case 'invalid':
        return invokeError(ctx, 400, outcome.errors[0] ?? 'CONTACT.DATE_INVALID', outcome.errors.map((e) => t(e)).join(' '));
      case 'notAuthorised':
      case 'caseNotFound':
        return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
      case 'recorded':
      case 'alreadyRecorded': {
        const notice = outcome.kind === 'recorded' ? t('CONTACT.RECORDED', { kind: t(`contactKind.${data.contactKind}`), date: formatIsoDate(date) }) : t('CONTACT.ALREADY_RECORDED');
        return invokeCard(ctx, await this.caseCard(ctx, t, this.deps.useCases.caseDetails(outcome.file), notice));
      }
    }
  }

  /** モニタリング周期 on the case card. */
  private async onMonitoringSet(ctx: TurnContext, t: Translate, actor: Actor, data: { caseId: string; everyMonths: MonitoringInterval | undefined }): Promise<void> {
    const code = data.caseId.split(':').pop() ?? data.caseId;
    const outcome = await this.deps.useCases.setMonitoring({ caseId: data.caseId, actor, everyMonths: data.everyMonths, conversationId: ctx.activity.conversation?.id });
    if (outcome.kind === 'notAuthorised' || outcome.kind === 'caseNotFound') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code }));
    if (outcome.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    const v = this.deps.useCases.caseDetails(outcome.file);
    const notice =
      outcome.kind === 'unchanged' ? t('MONITORING.UNCHANGED') : v.monitoring ? t('MONITORING.SET', { every: t('monitoring.every', { months: v.monitoring.everyMonths }), date: v.monitoring.nextDue }) : t('MONITORING.STOPPED');
    return invokeCard(ctx, await this.caseCard(ctx, t, v, notice));
  }

  private async notice(ctx: TurnContext, t: Translate, key: MessageKey, params: Record<string, string> = {}): Promise<void> {
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('notice', noticeCardData(t, key, params))));
  }

  /** 案件 <code>: details only in personal chat, only for those allowed, and every view is audited. */
  private async onCaseView(ctx: TurnContext, t: Translate, code: string | undefined): Promise<void> {
    if (!code) return this.notice(ctx, t, 'CASE.CODE_REQUIRED');
    const actor = this.actorOf(ctx.activity);
    if (!actor) return this.notice(ctx, t, 'COMMON.NOT_REGISTERED');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code });
    const outcome = await this.deps.useCases.readCase({
      caseId: caseIdFor(this.deps.directory.wardId, code),
      actor,
      purpose: 'case.view',
      fields: CASE_DETAIL_FIELDS,
      conversationId: ctx.activity.conversation.id,
    });
    if (outcome.kind !== 'found') return this.notice(ctx, t, 'CASE.NOT_FOUND_OR_FORBIDDEN', { code });
    await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(await this.caseCard(ctx, t, this.deps.useCases.caseDetails(outcome.file)))));
  }

  /** 監査: administrators read the audit trail of a case or of a person (personal chat only). */
  private async onAudit(ctx: TurnContext, t: Translate, subject: string, load: () => Promise<AuditEntry[]>): Promise<void> {
    const actor = this.actorOf(ctx.activity);
    if (!actor?.roles.includes('admin')) return this.notice(ctx, t, 'AUDIT.ADMIN_ONLY');
    if (ctx.activity.conversation?.conversationType !== 'personal') return this.notice(ctx, t, 'CASE.PERSONAL_CHAT_ONLY', { code: subject });
    const entries = await load();
    const nameOf = (aad: string) => this.deps.directory.findPerson(aad)?.displayName ?? aad;
    await ctx.sendActivity(MessageFactory.attachment(cardAttachment('auditTrail', auditTrailCardData(t, subject, entries, nameOf))));
  }

  private async onCardAction(ctx: TurnContext, log: Logger): Promise<void> {
    const t = await this.translatorFor(ctx);
    const action = (ctx.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const actor = this.actorOf(ctx.activity);
    if (!actor) return invokeError(ctx, 403, 'COMMON.NOT_REGISTERED', t('COMMON.NOT_REGISTERED'));
    log.info('card action', { verb });
    switch (verb) {
      case VERBS.handoffCreate: {
        const parsed = ACTION_SCHEMAS[VERBS.handoffCreate].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onCreate(ctx, t, actor, parsed.data);
      }
      case VERBS.handoffAccept: {
        const parsed = ACTION_SCHEMAS[VERBS.handoffAccept].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.respond(ctx, t, await this.deps.useCases.accept(this.click(ctx, actor, parsed.data)));
      }
      case VERBS.handoffRefresh: {
        const parsed = ACTION_SCHEMAS[VERBS.handoffRefresh].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onRefresh(ctx, actor, parsed.data, log);
      }
      case VERBS.handoffDecline: {
        const parsed = ACTION_SCHEMAS[VERBS.handoffDecline].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'HANDOFF.DECLINE_REASON_REQUIRED', t('HANDOFF.DECLINE_REASON_REQUIRED'));
        const { reason, forwardTo, comment } = parsed.data;
        return this.respond(ctx, t, await this.deps.useCases.decline(this.click(ctx, actor, parsed.data), { reason, forwardTo, comment: comment.trim() }));
      }
      case VERBS.handoffResend: {
        const parsed = ACTION_SCHEMAS[VERBS.handoffResend].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.respond(ctx, t, await this.deps.useCases.resend(this.click(ctx, actor, parsed.data), parsed.data.to));
      }
      case VERBS.issueForm: {
        const parsed = ACTION_SCHEMAS[VERBS.issueForm].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.issues.onIssueFormClick(ctx, t, await this.languageOf(ctx), actor, parsed.data.caseId);
      }
      case VERBS.issueRecord: {
        const parsed = ACTION_SCHEMAS[VERBS.issueRecord].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.issues.onIssueRecord(ctx, t, await this.languageOf(ctx), actor, parsed.data);
      }
      case VERBS.issueList: {
        const parsed = ACTION_SCHEMAS[VERBS.issueList].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.issues.onIssueListPage(ctx, t, await this.languageOf(ctx), actor, parsed.data.page);
      }
      case VERBS.issueUpdate: {
        const parsed = ACTION_SCHEMAS[VERBS.issueUpdate].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.issues.onIssueUpdate(ctx, t, await this.languageOf(ctx), actor, parsed.data);
      }
      case VERBS.agendaSave:
      case VERBS.agendaPublish:
      case VERBS.agendaOutcomeForm:
      case VERBS.agendaClose:
      case VERBS.agendaPage:
      case VERBS.agendaOutcomeSave: {
        const parsed = ACTION_SCHEMAS[verb].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        const kinds = { [VERBS.agendaSave]: 'save', [VERBS.agendaPublish]: 'publish', [VERBS.agendaClose]: 'close', [VERBS.agendaOutcomeForm]: 'outcomeForm', [VERBS.agendaPage]: 'page', [VERBS.agendaOutcomeSave]: 'outcomeSave' } as const;
        const kind = kinds[verb];
        return this.deps.issues.onAgendaAction(ctx, t, await this.languageOf(ctx), actor, kind, parsed.data);
      }
      case VERBS.agendaFollowUpDone: {
        const parsed = ACTION_SCHEMAS[VERBS.agendaFollowUpDone].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.issues.onFollowUpDone(ctx, t, await this.languageOf(ctx), actor, parsed.data);
      }
      case VERBS.milestoneHandoff: {
        const parsed = ACTION_SCHEMAS[VERBS.milestoneHandoff].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.packages.onHandoffFromMilestone(ctx, t, actor, parsed.data.caseId, parsed.data.organisation);
      }
      case VERBS.statsCsv: {
        const parsed = ACTION_SCHEMAS[VERBS.statsCsv].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.stats.onCsv(ctx, t, actor, { schoolYear: parsed.data.year, quarter: parsed.data.quarter }, await this.languageOf(ctx));
      }
      case VERBS.printLinks: {
        const parsed = ACTION_SCHEMAS[VERBS.printLinks].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onPrintLinks(ctx, t, actor, parsed.data.caseId);
      }
      case VERBS.carePlanSave: {
        const parsed = ACTION_SCHEMAS[VERBS.carePlanSave].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.deps.packages.onPlanSave(ctx, t, actor, parsed.data);
      }
      case VERBS.packageReceive:
      case VERBS.packageAsk:
      case VERBS.packageAnswer:
      case VERBS.packageReady:
      case VERBS.packageReturn:
      case VERBS.packageReport:
      case VERBS.packageRefresh: {
        const parsed = ACTION_SCHEMAS[verb].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        if (verb === VERBS.packageRefresh) return this.deps.packages.onRefresh(ctx, actor, parsed.data);
        return this.deps.packages.onStep(ctx, t, actor, PACKAGE_STEPS[verb], parsed.data);
      }
      case VERBS.caseStatus: {
        const parsed = ACTION_SCHEMAS[VERBS.caseStatus].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        const outcome = await this.deps.useCases.changeStatus({ ...parsed.data, actor, conversationId: ctx.activity.conversation?.id });
        const status = t(`caseStatus.${parsed.data.to}`);
        if (outcome.kind === 'notAuthorised' || outcome.kind === 'caseNotFound') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: parsed.data.caseId }));
        if (outcome.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
        const notice = outcome.kind === 'notAllowed' ? t('STATUS.NOT_ALLOWED', { status }) : t('STATUS.CHANGED', { status });
        return invokeCard(ctx, await this.caseCard(ctx, t, this.deps.useCases.caseDetails(outcome.file), notice));
      }
      case VERBS.roadmapRecord: {
        const parsed = ACTION_SCHEMAS[VERBS.roadmapRecord].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        const conversationId = ctx.activity.conversation?.id;
        const saved = await this.deps.roadmaps.recordEntitlements({ caseId: parsed.data.caseId, actor, servicesInUse: parsed.data.services, certificates: parsed.data.certificates, conversationId });
        if (saved.kind === 'unknownService') return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        if (saved.kind === 'notAuthorised' || saved.kind === 'caseNotFound') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: parsed.data.caseId }));
        if (saved.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
        const language = await this.languageOf(ctx);
        const outcome = await this.deps.roadmaps.forCase({ caseId: parsed.data.caseId, actor, conversationId, familyLanguage: language });
        if (outcome.kind !== 'found') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: parsed.data.caseId }));
        return invokeCard(ctx, expandCard('roadmap', roadmapCardData(outcome.view, language, outcome.record, entitlementsNotice(language, saved.kind === 'recorded'))));
      }
      case VERBS.workDone: {
        const parsed = ACTION_SCHEMAS[VERBS.workDone].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        const outcome = await this.deps.useCases.markWork({ ...parsed.data, done: true, actor, conversationId: ctx.activity.conversation?.id });
        if (outcome.kind === 'unknownItem') return invokeError(ctx, 400, 'WORK.UNKNOWN_ITEM', t('WORK.UNKNOWN_ITEM'));
        if (outcome.kind === 'notAuthorised' || outcome.kind === 'caseNotFound') return invokeError(ctx, 404, 'CASE.NOT_FOUND_OR_FORBIDDEN', t('CASE.NOT_FOUND_OR_FORBIDDEN', { code: parsed.data.caseId }));
        if (outcome.kind === 'busy') return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
        const item = outcome.item.title[await this.languageOf(ctx)];
        const notice = outcome.kind === 'changed' ? t('WORK.DONE', { item }) : t('WORK.UNCHANGED', { item });
        return invokeCard(ctx, await this.caseCard(ctx, t, this.deps.useCases.caseDetails(outcome.file), notice));
      }
      case VERBS.caseEdit: {
        const parsed = ACTION_SCHEMAS[VERBS.caseEdit].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onEditSave(ctx, t, actor, parsed.data);
      }
      case VERBS.milestoneDone: {
        const parsed = ACTION_SCHEMAS[VERBS.milestoneDone].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onMilestoneChange(ctx, t, actor, parsed.data);
      }
      case VERBS.milestonePostpone: {
        const parsed = ACTION_SCHEMAS[VERBS.milestonePostpone].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onMilestoneChange(ctx, t, actor, parsed.data);
      }
      case VERBS.contactRecord: {
        const parsed = ACTION_SCHEMAS[VERBS.contactRecord].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onContactRecord(ctx, t, actor, parsed.data);
      }
      case VERBS.monitoringSet: {
        const parsed = ACTION_SCHEMAS[VERBS.monitoringSet].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onMonitoringSet(ctx, t, actor, parsed.data);
      }
      case VERBS.profileSave:
      case VERBS.profileConfirm:
      case VERBS.profilePrint:
      case VERBS.rollCallConfirm:
      case VERBS.rollCallRefresh:
      case VERBS.rollCallPriority:
      case VERBS.rollCallClose:
        return this.deps.disaster.onAction(ctx, t, actor, verb, action?.data);
      case VERBS.conferenceSearch:
      case VERBS.conferencePick:
      case VERBS.conferenceRetryLink:
      case VERBS.conferenceReschedule:
      case VERBS.conferenceCancel:
        return this.onConference(ctx, t, actor, verb, action?.data);
      case VERBS.consentRecord:
      case VERBS.consentRevoke: {
        const parsed = ACTION_SCHEMAS[verb].safeParse(action?.data ?? {});
        if (!parsed.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
        return this.onConsentChange(ctx, t, actor, verb === VERBS.consentRecord ? 'record' : 'revoke', parsed.data);
      }
      default:
        return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    }
  }

  /**
   * Card refresh (user-specific view): people allowed to see the case get the card with its details
   * (the read is audited); everyone else gets the same minimal card as the channel. Never fails: on any
   * error the minimal card, or an error answer that leaves the card as it is.
   */
  private async onRefresh(ctx: TurnContext, actor: Actor, data: { caseId: string; handoffId: string; shownIn: OrganisationKey; role: CardPlacement['role'] }, log: Logger): Promise<void> {
    const shared = translator(this.deps.wardLanguage);
    try {
      const view = await this.deps.useCases.handoffCardView(data.caseId, data.handoffId, { role: data.role, organisation: data.shownIn });
      if (!view) return invokeError(ctx, 404, 'HANDOFF.NOT_FOUND', shared('HANDOFF.NOT_FOUND'));
      const read = await this.deps.useCases
        .readCase({ caseId: data.caseId, actor, purpose: 'handoff.refresh', fields: CASE_DETAIL_FIELDS, conversationId: ctx.activity.conversation?.id })
        .catch((err: unknown) => {
          log.warn('refresh details unavailable; minimal card', { error: err instanceof Error ? err.name : 'unknown' });
          return undefined;
        });
      const details = read?.kind === 'found' ? this.deps.useCases.caseDetails(read.file) : undefined;
      return invokeCard(ctx, expandCard('handoff', handoffCardData(shared, view, this.deps.forwardable, undefined, details)));
    } catch (err) {
      log.warn('refresh failed; card left as it is', { error: err instanceof Error ? err.name : 'unknown' });
      return invokeError(ctx, 503, 'COMMON.BUSY', shared('COMMON.BUSY'));
    }
  }

  /** 会議調整 card actions: parsed per verb, then the conference handlers. */
  private async onConference(ctx: TurnContext, t: Translate, actor: Actor, verb: string, data: unknown): Promise<void> {
    const c = this.deps.conferences;
    const bad = () => invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    switch (verb) {
      case VERBS.conferenceSearch: {
        const p = ACTION_SCHEMAS[VERBS.conferenceSearch].safeParse(data ?? {});
        return p.success ? c.onSearch(ctx, t, actor, p.data) : bad();
      }
      case VERBS.conferencePick: {
        const p = ACTION_SCHEMAS[VERBS.conferencePick].safeParse(data ?? {});
        return p.success ? c.onPick(ctx, t, actor, p.data) : bad();
      }
      case VERBS.conferenceRetryLink: {
        const p = ACTION_SCHEMAS[VERBS.conferenceRetryLink].safeParse(data ?? {});
        return p.success ? c.onRetryLink(ctx, t, actor, p.data) : bad();
      }
      case VERBS.conferenceReschedule: {
        const p = ACTION_SCHEMAS[VERBS.conferenceReschedule].safeParse(data ?? {});
        return p.success ? c.onReschedule(ctx, t, actor, p.data) : bad();
      }
      default: {
        const p = ACTION_SCHEMAS[VERBS.conferenceCancel].safeParse(data ?? {});
        return p.success ? c.onCancel(ctx, t, actor, p.data) : bad();
      }
    }
  }

  private click(ctx: TurnContext, actor: Actor, data: { caseId: string; handoffId: string; v: number; shownIn: OrganisationKey; role: CardPlacement['role'] }): CardClick {
    const a = ctx.activity;
    return {
      caseId: data.caseId,
      handoffId: data.handoffId,
      cardVersion: data.v,
      actor,
      conversationId: a.conversation?.id,
      shownIn: data.shownIn,
      placementRole: data.role,
      serviceUrl: a.serviceUrl,
      tenantId: tenantOf(a),
    };
  }

  private async onCreate(ctx: TurnContext, t: Translate, actor: Actor, form: CreateFormData): Promise<void> {
    const a = ctx.activity;
    const now = this.deps.clock.now();
    const values: FormValues = { childName: form.childName, childNameKana: form.childNameKana, birthDate: form.birthDate, careItems: form.careItems, familyNeeds: form.familyNeeds, urgency: form.urgency, consent: form.consent, consentGivenBy: form.consentGivenBy };
    const { input, errors: parseErrors } = parseIntakeForm(form, tokyoDate(now));
    const formCard = (errors: readonly MessageKey[], extra: readonly string[] = []) => handoffFormData(t, form.formId, formatIsoDate(tokyoDate(now)), this.deps.fictional, values, errors, extra);
    if (!input) return invokeCard(ctx, expandCard('handoffForm', formCard(parseErrors.map((e) => e.code))));
    const categories = consentCategories.safeParse(form.consent);
    const givenBy = consentGiver.safeParse(form.consentGivenBy);
    if (!categories.success || !givenBy.success) return invokeError(ctx, 400, 'COMMON.BAD_CARD', t('COMMON.BAD_CARD'));
    const outcome = await this.deps.useCases.createIntake({
      formId: form.formId,
      actor,
      input,
      consent: { categories: categories.data, givenBy: givenBy.data },
      senderAddress: { serviceUrl: a.serviceUrl, tenantId: tenantOf(a), conversationId: a.conversation.id, channelId: channelOf(a), isChannel: a.conversation.conversationType === 'channel' },
      senderActivityId: a.replyToId,
      teamServiceUrl: a.serviceUrl,
      tenantId: tenantOf(a),
      fictional: this.deps.fictional,
    });
    const shared = translator(this.deps.wardLanguage);
    switch (outcome.kind) {
      case 'invalid': {
        const fieldsWithParseErrors = new Set(parseErrors.map((e) => e.field));
        const all = [...parseErrors, ...outcome.errors.filter((e) => !fieldsWithParseErrors.has(e.field))];
        return invokeCard(ctx, expandCard('handoffForm', formCard(all.map((e) => e.code))));
      }
      case 'consentMissing':
        return invokeCard(ctx, expandCard('handoffForm', formCard([], [consentMessage(t, outcome.organisation, outcome.categories)])));
      case 'created':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.CREATED', { code: outcome.caseCode, to: t('org.coordinators') })));
      case 'alreadySubmitted':
        if (outcome.view) return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.ALREADY_SUBMITTED')));
        return invokeCard(ctx, expandCard('notice', noticeCardData(t, 'HANDOFF.ALREADY_SUBMITTED')));
      case 'inProgress':
        return invokeError(ctx, 409, 'HANDOFF.IN_PROGRESS', t('HANDOFF.IN_PROGRESS'));
      case 'notAuthorised':
        return invokeError(ctx, 403, 'HANDOFF.NOT_AUTHORISED', t('HANDOFF.NOT_AUTHORISED'));
      case 'noReceiverChannel':
        return invokeError(ctx, 500, 'HANDOFF.NO_RECEIVER_CHANNEL', t('HANDOFF.NO_RECEIVER_CHANNEL'));
    }
  }

  private handoffCard(t: Translate, view: HandoffCardView, notice?: string): Record<string, unknown> {
    return expandCard('handoff', handoffCardData(t, view, this.deps.forwardable, notice));
  }

  private async respond(ctx: TurnContext, t: Translate, outcome: RespondOutcome): Promise<void> {
    const shared = translator(this.deps.wardLanguage);
    switch (outcome.kind) {
      case 'accepted':
      case 'declined':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view));
      case 'resent':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.RESENT', { to: t(`org.${outcome.to}`) })));
      case 'alreadyAcceptedBy':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, outcome.self ? t('HANDOFF.ALREADY_ACCEPTED_SELF') : t('HANDOFF.ALREADY_ACCEPTED', { name: outcome.by.displayName })));
      case 'notAuthorised':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.NOT_AUTHORISED')));
      case 'notOpen':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.NOT_OPEN')));
      case 'invalidForward':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, t('HANDOFF.INVALID_FORWARD')));
      case 'consentMissing':
        return invokeCard(ctx, this.handoffCard(shared, outcome.view, consentMessage(t, outcome.organisation, outcome.categories)));
      case 'handoffNotFound':
        return invokeError(ctx, 404, 'HANDOFF.NOT_FOUND', t('HANDOFF.NOT_FOUND'));
      case 'busy':
        return invokeError(ctx, 503, 'COMMON.BUSY', t('COMMON.BUSY'));
    }
  }
}

/** Parses the raw form strings into typed intake input; field-level problems become intake errors. */
export function parseIntakeForm(form: CreateFormData, today: CalendarDate): { input: IntakeInput | undefined; errors: IntakeError[] } {
  const errors: IntakeError[] = [];
  const add = (field: IntakeField, code: IntakeError['code']) => errors.push({ field, code });
  const birthText = form.birthDate.trim();
  const birthDate = birthText ? parseIsoDate(birthText) : undefined;
  if (!birthText) add('birthDate', 'INTAKE.BIRTHDATE_REQUIRED');
  else if (!birthDate) add('birthDate', 'INTAKE.BIRTHDATE_INVALID');
  const care = careItemList.safeParse(form.careItems);
  if (!care.success) add('careItems', 'INTAKE.CARE_ITEM_UNKNOWN');
  const urgency = urgencySchema.safeParse(form.urgency);
  if (!urgency.success) add('urgency', 'INTAKE.URGENCY_INVALID');
  const input = {
    childName: form.childName,
    childNameKana: form.childNameKana,
    birthDate: birthDate ?? today,
    careItems: care.success ? care.data : [],
    familyNeeds: form.familyNeeds,
    urgency: urgency.success ? urgency.data : 'normal',
  } as const;
  if (errors.length === 0) return { input, errors };
  // Also report the domain rules on the fields that did parse, so the user sees everything at once.
  const failed = new Set(errors.map((e) => e.field));
  return { input: undefined, errors: [...errors, ...validateIntake(input, today).filter((e) => !failed.has(e.field))] };
}

export function consentMessage(t: Translate, organisation: OrganisationKey, categories: readonly DataCategory[]): string {
  return t('CONSENT.MISSING', { organisation: t(`org.${organisation}`), categories: categories.map((c) => t(`category.${c}`)).join('・') });
}

type CaseEditFormValues = { district: string; guardianName: string; guardianRelation: string; guardianPhone: string; diagnoses: string; devices: string; batteryHours: string; enrolmentKind: string; enrolmentPlace: string; supportNetwork: string };

const EDIT_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  district: 'case.district',
  guardians: 'case.guardian',
  diagnoses: 'case.diagnoses',
  devices: 'case.devices',
  enrolment: 'case.enrolment',
  supportNetwork: 'case.supportNetwork',
};

/** The edit card's strings as a typed edit; the domain rules (validateCaseEdit) judge the values. */
export function parseCaseEdit(v: CaseEditFormValues): CaseDetailsEdit {
  const hoursText = v.batteryHours.trim();
  const hours = hoursText === '' ? undefined : Number(hoursText);
  const devices: Device[] = v.devices
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((kind) => ({ kind: kind as DeviceKind, batteryHours: hours }));
  const guardianGiven = [v.guardianName, v.guardianRelation, v.guardianPhone].some((x) => x.trim());
  const supportNetwork = v.supportNetwork
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [organisation, ...role] = line.split(/[:：]/);
      return { organisation: (organisation ?? '').trim(), role: role.join(':').trim() };
    });
  return {
    district: v.district,
    guardian: guardianGiven ? { name: v.guardianName.trim(), relation: v.guardianRelation.trim(), phone: v.guardianPhone.trim() } : undefined,
    diagnoses: v.diagnoses,
    devices,
    supportNetwork,
    enrolment: v.enrolmentKind.trim() ? { kind: v.enrolmentKind.trim() as EnrolmentKind, place: v.enrolmentPlace.trim() } : undefined,
  };
}

/** The title of what a milestone notice is about, escaped: the step's title, or the monitoring cadence. */
function subjectTitle(t: Translate, language: Language, subject: MilestoneSubject): string {
  return subject.kind === 'monitoring' ? t('monitoring.rowTitle', { months: subject.everyMonths }) : escapeCardText(subject.title[language]);
}

function errorCode(err: unknown): string | undefined {
  const code = err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

const PACKAGE_STEPS = {
  [VERBS.packageReceive]: 'receive',
  [VERBS.packageAsk]: 'ask',
  [VERBS.packageAnswer]: 'answer',
  [VERBS.packageReady]: 'ready',
  [VERBS.packageReturn]: 'return',
  [VERBS.packageReport]: 'report',
} as const;

function assertNever(x: never): never {
  throw new Error(`unhandled command ${JSON.stringify(x)}`);
}

/** Where this person's personal chat with the bot is, from an activity in it. */
function personalConversationOf(a: Activity, aadObjectId: string): PersonalConversation {
  return { aadObjectId, serviceUrl: a.serviceUrl, conversationId: a.conversation.id, tenantId: tenantOf(a), botId: a.recipient?.id ?? '', userId: a.from?.id ?? '' };
}

function tenantOf(a: Activity): string | undefined {
  return (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
}

function channelOf(a: Activity): string | undefined {
  return (a.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
}

