/**
 * The composition root: reads the configuration, builds the adapters for the mode, hands them to the use
 * cases, and starts the HTTP server. Embedded and azure modes differ only in what is built here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectRoot } from './adapters/projectRoot';
import { CloudAdapter } from 'botbuilder';
import { DefaultAzureCredential } from '@azure/identity';
import { createIntakeHandoff } from './app/createIntakeHandoff';
import { OutboxWorker } from './app/outboxWorker';
import { acceptHandoff, declineHandoff, resendHandoff } from './app/respondToHandoff';
import { readCaseForActor } from './app/readCase';
import { readPackage, sendPackage, stepPackage } from './app/packages';
import { packageView } from './app/packageViews';
import { saveCarePlan } from './app/carePlan';
import { caseRoadmap, type RoadmapRequest } from './app/roadmap/caseRoadmap';
import { serviceLookupView } from './app/roadmap/serviceLookup';
import { recordEntitlements, type EntitlementsRequest } from './app/roadmap/entitlements';
import { readServiceCatalogueFile } from './adapters/services/serviceCatalogueData';
import { alertAdministrators } from './app/teamReferences';
import { issuePrintLinks, openPrintLink } from './app/print';
import { emergencySheetPage, packagePage } from './adapters/print/printPages';
import { translator } from './i18n';
import { PackageHandlers } from './adapters/teams/packageHandlers';
import { changeConsent } from './app/manageConsent';
import { currentHandoffView } from './app/currentHandoffView';
import { editCase } from './app/editCase';
import { anonymiseDueCases, changeCaseStatus } from './app/caseStatus';
import { markWorkItem } from './app/workChecklist';
import { readStandardWorkFile } from './adapters/services/standardWorkData';
import { myCases, searchCases } from './app/findCases';
import { systemClock, uuidIds } from './app/system';
import type { Clock, IdGenerator } from './app/ports';
import { loadConfig, redactedConfig, type AppConfig } from './config/config';
import { CosmosCaseFileRepository } from './adapters/cosmos/cosmosCaseFileRepository';
import { CosmosPrintGrants, CosmosAuditTrail, CosmosCaseCodeAllocator, CosmosSubmissionLedger, CosmosUserPreferences } from './adapters/cosmos/cosmosMeta';
import { CosmosStore } from './adapters/cosmos/cosmosStore';
import { CaseFileProjection } from './adapters/cosmos/caseFileProjection';
import { JsonWardDirectory, readWardDirectoryFile } from './adapters/directory/jsonWardDirectory';
import { DirectoryActorResolver } from './adapters/directory/directoryActorResolver';
import { GraphActorResolver } from './adapters/graph/graphActorResolver';
import { graphClient } from './adapters/graph/graphClient';
import { parseRoleGroups } from './adapters/graph/roleGroups';
import { startEmbeddedCosmos, type EmbeddedCosmos, type EmbeddedCosmosOptions } from './adapters/embedded/cosmos/embeddedCosmosServer';
import { seedDemoData } from './adapters/embedded/seedDemoData';
import { HttpServer } from './adapters/http/server';
import { createLogger, type Logger } from './adapters/observability/logger';
import { securityMiddleware } from './adapters/security/securityMiddleware';
import { botAuthentication } from './adapters/teams/botAuthentication';
import { strictTokenErrors } from './adapters/security/tokenErrors';
import { TeamsMessenger } from './adapters/teams/teamsMessenger';
import { TsunaguBot } from './adapters/teams/tsunaguBot';
import { ORGANISATION_KEYS } from './domain/directory';
import { caseMilestones, coordinatorDigest, markMilestoneDone, postponeMilestone } from './app/milestones';
import { DigestScheduler } from './app/digestScheduler';
import { CosmosPersonalConversations } from './adapters/cosmos/cosmosPersonalConversations';
import { holidayJpCalendar, holidayJpCoverage } from './adapters/calendar/holidayJpCalendar';
import { readTransitionDataFile } from './adapters/calendar/transitionData';
import { TeamsPersonalNotifier } from './adapters/teams/personalNotifier';
import { parseDigestTime } from './domain/transitions/digest';
import { formatIsoDate, tokyoDate } from './domain/dates';
import { CosmosTeamConversations } from './adapters/cosmos/cosmosTeamConversations';
import { channelAddressBook } from './app/channelAddress';
import { recordContact, setMonitoring } from './app/contacts';
import { postDepartmentMilestoneCards } from './app/departmentMilestones';
import { escalateWaitingHandoffs } from './app/escalation';
import { overdueCount } from './app/milestoneViews';
import { channelUnreachable, teamAdded, teamRemoved, type TeamReferenceDeps } from './app/teamReferences';
import { caseDetailsView } from './app/views';
import { CosmosAgendaRepository, CosmosIssueRepository } from './adapters/cosmos/cosmosIssues';
import { readIssueCategoriesFile } from './adapters/services/issueCategoriesData';
import { IssueHandlers } from './adapters/teams/issueHandlers';
import { seedDemoIssues } from './adapters/embedded/seedDemoIssues';
import { TeamsAgendaChannel } from './adapters/teams/teamsAgendaChannel';
import { agendaBodyText } from './adapters/teams/issueCards';
import type { AgendaDeps } from './app/issues/agendaDeps';
import { sweepAgendas } from './app/issues/agendaOutbox';
import { stepAgenda } from './app/issues/changeAgenda';
import { remindFollowUps } from './app/issues/followUpReminders';
import type { WardConferences } from './app/issues/ports';
import { wardConferencesFromMeetings } from './app/issues/wardConferencesFromMeetings';
import { issueStatsSource } from './app/issues/issueStatsSource';
import { writeConferenceBody } from './app/meetings/writeConferenceBody';
import { openFollowUps, pullAgenda } from './app/issues/pullAgenda';
import { caseForIssue, recordIssue, sweepIssueAudit, type IssueDeps } from './app/issues/recordIssue';
import { changeIssue, listIssues } from './app/issues/issueList';
import { CosmosRollCallRepository } from './adapters/cosmos/cosmosRollCalls';
import { createDisasterService } from './app/disaster/disasterService';
import type { RollCallWorker } from './app/disaster/rollCallWorker';
import { DisasterHandlers } from './adapters/teams/disasterHandlers';
import { TeamsRollCallSender } from './adapters/teams/rollCallSender';
import { evacuationLabels, evacuationPlanPage } from './adapters/print/evacuationPlanPage';
import { issueEvacuationPrintLink, PRINT_LINK_MINUTES } from './app/print';
import { reconfirmation } from './domain/disaster/emergencyProfile';
import { cardAttachment } from './adapters/teams/cardRenderer';
import { CosmosMeetingRepository } from './adapters/cosmos/cosmosMeetings';
import { startCalendarStandIn, type CalendarStandIn } from './adapters/embedded/calendar/calendarStandIn';
import { DEMO_WEEKLY_BUSY, standInUsersOf } from './adapters/embedded/calendar/demoCalendars';
import { embeddedGraphClient } from './adapters/embedded/calendar/embeddedGraphClient';
import { GraphCalendar } from './adapters/graph/graphCalendar';
import { ConferenceHandlers, TeamsConferenceCards } from './adapters/teams/conferenceHandlers';
import { cancelConferenceFromCard, openConference, pickConferenceSlot, retryConferenceLink, searchConferenceSlots, searchRescheduleSlots, type ConferenceFlowDeps } from './app/meetings/conferenceFlow';
import { MeetingWorker } from './app/meetings/meetingWorker';
import type { MeetingWorkDeps } from './app/meetings/meetingWork';
import { wardStats, type StatsExtensionSource, type WardStatsDeps } from './app/stats/wardStats';
import { issueStatsCsvLink, openStatsCsvLink, type StatsCsvDeps } from './app/stats/statsCsvLinks';
import { CosmosStatsCsvGrants } from './adapters/cosmos/cosmosStatsCsvGrants';
import { StatsHandlers } from './adapters/teams/statsHandlers';
import { statsLabels } from './adapters/charts/statsLabels';
import { statsCsv, statsCsvDisplayName, statsCsvFileName } from './adapters/csv/statsCsv';

export const VERSION: string = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly config: AppConfig;
  readonly outbox: OutboxWorker;
  readonly store: CosmosStore;
  /** The case files as this instance sees them (with its change-feed projection for list questions). */
  readonly repo: CosmosCaseFileRepository;
  /** The change-feed read model (list questions and the statistics' source). */
  readonly projection: CaseFileProjection;
  /** The daily milestone digest (tests call `runDue()` instead of waiting for the clock). */
  readonly digests: DigestScheduler;
  /** Where the ward's team is (stored when the app is added to it; marked unreachable on 403/404). */
  readonly teams: CosmosTeamConversations;
  /** Roll-calls' outbox and reminders (issue 11; tests call `runDue()` instead of waiting for the sweep). */
  readonly rollCalls: RollCallWorker;
  /** Conference work still owed (calendar, audit, card rewrites); tests call `runDue()` after moving their clock. */
  readonly meetings: MeetingWorker;
  /** Embedded mode: the calendar stand-in behind GraphCalendar (tests inject faults through it). */
  readonly calendarStandIn: CalendarStandIn | undefined;
  /** Graceful stop: in-flight turns finish, the outbox stops, the store flushes. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly log?: Logger;
  /** Embedded mode only: told of every request the Cosmos stand-in receives (used by `npm run bench`). */
  readonly cosmosObserver?: EmbeddedCosmosOptions['onRequest'];
  /** 統計: figures from other stocks (issue 6's issue stock) joined to the report and protected with it. */
  readonly statsExtensions?: StatsExtensionSource;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(options.env ?? process.env);
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidIds;
  log.info('starting', { version: VERSION, config: JSON.stringify(redactedConfig(config)) });

  const directoryFile = readWardDirectoryFile(resolve(config.WARD_DIRECTORY_FILE));
  const directory = new JsonWardDirectory(directoryFile);

  let embeddedCosmos: EmbeddedCosmos | undefined;
  let store: CosmosStore;
  if (config.TSUNAGU_MODE === 'embedded') {
    embeddedCosmos = await startEmbeddedCosmos({ dataDir: resolve(config.DATA_DIR), onRequest: options.cosmosObserver });
    store = await CosmosStore.connect({ kind: 'key', endpoint: embeddedCosmos.endpoint, key: embeddedCosmos.key, rejectUnauthorized: embeddedCosmos.tlsRejectUnauthorized }, config.COSMOS_DATABASE, true);
  } else {
    const credential = new DefaultAzureCredential({ managedIdentityClientId: config.AZURE_CLIENT_ID });
    store = await CosmosStore.connect({ kind: 'entra', endpoint: config.COSMOS_ENDPOINT, credential }, config.COSMOS_DATABASE, false);
  }

  const projection = await CaseFileProjection.start(store.container('caseFiles'), log.child('projection'), 1000);
  const repo = new CosmosCaseFileRepository(store.container('caseFiles'), projection);
  const audit = new CosmosAuditTrail(store.container('audit'));
  const prefs = new CosmosUserPreferences(store.container('meta'));
  const codes = new CosmosCaseCodeAllocator(store.container('meta'));
  const ledger = new CosmosSubmissionLedger(store.container('meta'));

  const { auth, appId } = botAuthentication(config);
  // Any bad token is a 401 (botframework-connector would answer 500 for some); a failed key fetch stays a retryable 5xx.
  const adapter = new CloudAdapter(strictTokenErrors(auth, log.child('auth')));
  adapter.use(...securityMiddleware({ config, directoryTenantId: directoryFile.tenantId, now: () => clock.now().getTime(), log: log.child('security') }));
  const forwardable = ORGANISATION_KEYS.filter((o) => directory.channelOf(o) !== undefined);
  const messenger = new TeamsMessenger(adapter, appId, 'ja', forwardable, log.child('teams'));
  const teams = new CosmosTeamConversations(store.container('meta'));
  // Teams answered 403/404 for a channel: mark the team unreachable and tell an administrator once (teamDeps below).
  const onUnreachable = (channel: Parameters<typeof channelUnreachable>[1]) =>
    void channelUnreachable(teamDeps, channel).catch((err: unknown) => log.warn('unreachable channel not recorded', { error: err instanceof Error ? err.name : 'unknown' }));
  const outbox = new OutboxWorker(repo, audit, messenger, clock, ids, log.child('outbox'), { sweepIntervalMs: config.OUTBOX_SWEEP_SECONDS * 1000, maxBackoffMs: 60_000 }, {
    onUnreachable,
    // The sender's copy lives in the coordinator's personal chat: it may show the content (and the open
    // questions to answer); channel cards never do.
    packageView: (file, h, placement) => packageView(file, h, placement, directory, placement.role === 'sender' && !placement.conversation.isChannel),
  });
  const onOutboxWork = (caseId: string) => outbox.kick(caseId);
  const respondDeps = { repo, directory, clock, ids, onOutboxWork };
  const findDeps = { index: repo, audit, clock, wardId: directory.wardId };
  // Transition milestones (issue 4): the data file and the ward's business calendar, checked at start-up.
  const transitions = readTransitionDataFile();
  const standardWork = readStandardWorkFile();
  const calendar = holidayJpCalendar();
  const thisYear = tokyoDate(clock.now()).year;
  if (!holidayJpCoverage.covers(thisYear + 1)) log.warn('the public-holiday table ends soon; update @holiday-jp/holiday_jp', { lastYear: holidayJpCoverage.lastYear });
  const milestoneDeps = { repo, audit, clock, transitions, calendar, onOutboxWork };
  const digestDeps = { index: repo, repo, audit, clock, transitions, calendar, wardId: directory.wardId };
  const conversations = new CosmosPersonalConversations(store.container('meta'));
  const personalNotifier = new TeamsPersonalNotifier(adapter, appId, log.child('digest'));
  const addresses = () => channelAddressBook({ directory, teams });
  const contactDeps = { repo, clock, ids, onOutboxWork };

  if (config.TSUNAGU_MODE === 'embedded' && config.SEED_DEMO_DATA) {
    await seedDemoData({ repo, codes, store, directory, clock, ids, log: log.child('seed'), statistics: { districts: directoryFile.statistics.districts, transitions, calendar } });
  }

  const actors =
    config.TSUNAGU_MODE === 'azure'
      ? new GraphActorResolver(graphClient(new DefaultAzureCredential({ managedIdentityClientId: config.AZURE_CLIENT_ID })), parseRoleGroups(config.ROLE_GROUPS), clock)
      : new DirectoryActorResolver(directory);
  const teamDeps: TeamReferenceDeps = { teams, repo, directory, clock, conversations, actors, prefs, admins: personalNotifier, defaultLanguage: 'ja', onOutboxWork, log: log.child('teams') };

  // Conferences (issue 6): GraphCalendar on Microsoft Graph (azure: managed identity or a certificate through
  // DefaultAzureCredential) or on the embedded calendar stand-in — the same client and code path, another base URL.
  let calendarStandIn: CalendarStandIn | undefined;
  const graphForCalendar =
    config.TSUNAGU_MODE === 'azure'
      ? graphClient(new DefaultAzureCredential({ managedIdentityClientId: config.AZURE_CLIENT_ID }))
      : embeddedGraphClient((calendarStandIn = await startCalendarStandIn({ users: standInUsersOf(directoryFile), weeklyBusy: DEMO_WEEKLY_BUSY, tenantId: directoryFile.tenantId, dataDir: resolve(config.DATA_DIR) })));
  // Inside a card click, Graph's Retry-After is waited for only while it fits the invoke; longer waits become owed work.
  const graphCalendar = new GraphCalendar(graphForCalendar, { maxRetries: 2, maxWaitSeconds: 3 });
  const meetingRepo = new CosmosMeetingRepository(store.container('meetings'));
  let meetingWorker: MeetingWorker | undefined;
  const meetingDeps: MeetingWorkDeps = { meetings: meetingRepo, calendar: graphCalendar, clock, joinLinkLabel: translator('ja')('meeting.bodyJoin'), onWork: (wardId, meetingId) => meetingWorker?.kick(wardId, meetingId) };
  meetingWorker = new MeetingWorker(
    { ...meetingDeps, audit, cards: new TeamsConferenceCards((address, activityId, card) => messenger.showCard(address, activityId, card), directory, clock) },
    log.child('meetings'),
    { sweepIntervalMs: config.OUTBOX_SWEEP_SECONDS * 1000 },
  );
  const wardMailboxes = new Set(ORGANISATION_KEYS.flatMap((o) => directory.membersOf(o).flatMap((p) => (p.mailbox ? [p.mailbox] : []))));
  const conferenceDeps: ConferenceFlowDeps = { ...meetingDeps, wardId: directory.wardId, cases: repo, ids, businessCalendar: calendar, isKnownMailbox: (m) => wardMailboxes.has(m) };
  const conferences = new ConferenceHandlers(
    {
      open: (req) => openConference(conferenceDeps, req),
      search: (req) => searchConferenceSlots(conferenceDeps, req),
      pick: (req) => pickConferenceSlot(conferenceDeps, req),
      retryLink: (req) => retryConferenceLink(conferenceDeps, req),
      reschedule: (req) => searchRescheduleSlots(conferenceDeps, req),
      cancel: (req) => cancelConferenceFromCard(conferenceDeps, req),
    },
    directory,
    clock,
  );

  const packageDeps = { repo, directory, clock, ids, onOutboxWork };
  const packages = new PackageHandlers(
    {
      readCase: (req) => readCaseForActor({ repo, audit, clock }, req),
      sendPackage: (req) => sendPackage(packageDeps, req),
      stepPackage: (req) => stepPackage(packageDeps, req),
      readPackage: (req) => readPackage({ repo, audit, clock }, req),
      saveCarePlan: (req) => saveCarePlan({ repo, clock, onOutboxWork }, req),
    },
    directory,
    'ja',
  );

  const printDeps = { repo, audit, clock, grants: new CosmosPrintGrants(store.container('meta')) };
  // Print links point at where browsers reach the app: configured in Azure, the bot's own address locally.
  let publicBaseUrl = config.PUBLIC_BASE_URL;

  const catalogue = readServiceCatalogueFile();
  const roadmaps = {
    forCase: (req: RoadmapRequest) => caseRoadmap({ repo, audit, clock, catalogue, transitions, calendar }, req),
    lookup: (text: string, language: 'ja' | 'en') => serviceLookupView(catalogue, text, language),
    recordEntitlements: (req: EntitlementsRequest) => recordEntitlements({ repo, clock, catalogue, onOutboxWork }, req),
  };

  // 課題 and 議題 (issue 6): the issue stock and the agendas in the `issues` container.
  const taxonomy = readIssueCategoriesFile();
  const issueRepo = new CosmosIssueRepository(store.container('issues'));
  const issueCategoryNames = Object.fromEntries(taxonomy.categories.map((c) => [c.id, c.label]));
  const agendaRepo = new CosmosAgendaRepository(store.container('issues'));
  const wardConferences: WardConferences = wardConferencesFromMeetings(meetingRepo, (req) => writeConferenceBody(meetingDeps, req));
  if (config.TSUNAGU_MODE === 'embedded' && config.SEED_DEMO_DATA) await seedDemoIssues({ issues: issueRepo, clock, wardId: directory.wardId });
  const issueDeps: IssueDeps = { issues: issueRepo, cases: repo, audit, taxonomy, clock, wardId: directory.wardId, fictional: config.TSUNAGU_MODE === 'embedded' };
  const agendaDeps: AgendaDeps = {
    agendas: agendaRepo,
    issues: issueRepo,
    conferences: wardConferences,
    channel: new TeamsAgendaChannel(messenger, taxonomy, 'ja'),
    addressBook: addresses,
    audit,
    clock,
    wardId: directory.wardId,
    fictional: config.TSUNAGU_MODE === 'embedded',
    categoryOrder: taxonomy.categories.map((c) => c.id),
    bodyText: (agenda) => agendaBodyText(translator('ja'), 'ja', taxonomy, agenda),
    log: log.child('agenda'),
  };
  const issues = new IssueHandlers(
    {
      caseForIssue: (caseId, actor) => caseForIssue(issueDeps, caseId, actor),
      recordIssue: (req) => recordIssue(issueDeps, req),
      pullAgenda: (actor) => pullAgenda(agendaDeps, actor),
      stepAgenda: (req) => stepAgenda(agendaDeps, req),
      agendaView: async (agendaId) => {
        const all = (await agendaRepo.list(directory.wardId)).map((v) => v.value);
        const agenda = all.find((a) => a.agendaId === agendaId);
        return agenda ? { agenda, openFollowUps: openFollowUps(all) } : undefined;
      },
      listIssues: (actor) => listIssues(issueDeps, actor),
      changeIssue: (req) => changeIssue(issueDeps, req),
    },
    taxonomy,
    () => ids.newId(),
    config.TSUNAGU_MODE === 'embedded',
  );
  const issueSweep = () =>
    Promise.all([sweepAgendas(agendaDeps), sweepIssueAudit(issueDeps)]).catch((err: unknown) => log.warn('issue sweep failed; will run again', { error: err instanceof Error ? err.name : 'unknown' }));
  const issueTimer = setInterval(() => void issueSweep(), config.OUTBOX_SWEEP_SECONDS * 1000);
  issueTimer.unref();
  // Disaster readiness (issue 11): 非常時情報 on the case, 安否確認 in its own documents with its own outbox worker.
  const sendToPersonalChat = async (aadObjectId: string, card: ReturnType<typeof cardAttachment>) => {
    const to = await conversations.find(aadObjectId);
    return to !== undefined && (await personalNotifier.sendCard(to, card)).kind === 'sent';
  };
  const rollCallRepo = new CosmosRollCallRepository(store.container('meta'));
  const rollCallSender = new TeamsRollCallSender({ messenger, notifier: personalNotifier, conversations, rollCalls: rollCallRepo, language: 'ja', fictional: config.TSUNAGU_MODE === 'embedded', reminderMinutes: config.ROLLCALL_REMINDER_MINUTES, now: () => clock.now() });
  const profilePolicy = { everyMonths: config.EMERGENCY_PROFILE_REVIEW_MONTHS, soonDays: 30 };
  const disaster = createDisasterService({ repo, rollCalls: rollCallRepo, audit, clock, directory, calendar, profilePolicy, reminderMinutes: config.ROLLCALL_REMINDER_MINUTES, cards: rollCallSender, reminders: rollCallSender, onOutboxWork, log: log.child('rollcall'), sweepIntervalMs: config.OUTBOX_SWEEP_SECONDS * 1000 });
  const disasterHandlers = new DisasterHandlers({
    service: disaster,
    directory,
    ids,
    clock,
    fictional: config.TSUNAGU_MODE === 'embedded',
    wardLanguage: 'ja',
    sendToPersonalChat,
    issuePrintLink: async (req) => {
      const issued = await issueEvacuationPrintLink(printDeps, req);
      return issued.kind === 'issued' ? { kind: 'issued', url: `${publicBaseUrl ?? ''}/print/${issued.token}`, minutes: PRINT_LINK_MINUTES } : issued;
    },
  });
  const remindProfiles = () =>
    disaster.remindProfiles(async (r) => {
      const to = await conversations.find(r.coordinator);
      const due = `${r.reconfirmation.kind === 'overdue' || r.reconfirmation.kind === 'dueSoon' ? formatIsoDate(r.reconfirmation.dueOn) : ''}`;
      const key = r.reconfirmation.kind === 'overdue' ? 'PROFILE.REMINDER_OVERDUE' : 'PROFILE.REMINDER_DUE_SOON';
      if (!to) {
        // No personal chat with the coordinator: the coordinators' channel gets it (case code and date only), never dropped.
        const target = await addresses()('coordinators', undefined);
        if (!target || target.parked) return 'retryLater';
        const w = translator('ja');
        const posted = await messenger.showCard(target.address, undefined, cardAttachment('notice', { title: w('app.name'), message: w(key, { code: r.caseCode, due }), color: 'Attention' }));
        return posted.kind === 'posted' ? 'sent' : 'retryLater';
      }
      const t = translator((await prefs.getLanguage(r.coordinator)) ?? 'ja');
      const sent = await personalNotifier.sendCard(to, cardAttachment('notice', { title: t('app.name'), message: t(key, { code: r.caseCode, due }), color: 'Attention' }));
      return sent.kind === 'retryLater' ? 'retryLater' : sent.kind === 'sent' ? 'sent' : 'noChat';
    });
  // 統計 (issue 8): one name-free query per ward; k and the districts are the ward's (config + ward file).
  const statsDeps: StatsCsvDeps = {
    // From the change-feed read model: 0 store round trips (the query source stays for tools and contract tests).
    source: projection,
    audit,
    clock,
    wardId: directory.wardId,
    settings: { minCellCount: config.STATS_MIN_CELL_COUNT, districts: directoryFile.statistics.districts, calendar, transitions },
    // Embedded: the demo's fictional cases; azure: real cases only (a fictional case there is a test).
    population: config.TSUNAGU_MODE === 'embedded' ? 'fictional' : 'real',
    grants: new CosmosStatsCsvGrants(store.container('meta')),
    actors,
    // The issue stock (課題, issue 6) by category and status, unless a caller supplies another source.
    extensions: options.statsExtensions ?? issueStatsSource({ issues: issueRepo, categories: taxonomy.categories.map((c) => c.id), population: config.TSUNAGU_MODE === 'embedded' ? 'fictional' : 'real' }),
  } satisfies WardStatsDeps & StatsCsvDeps;
  const stats = new StatsHandlers(
    {
      view: (req) => wardStats(statsDeps, req),
      issueCsv: (req) => issueStatsCsvLink(statsDeps, req),
      csvUrl: (token) => `${publicBaseUrl ?? ''}/stats/csv/${token}`,
      sendToPersonalChat: async (aadObjectId, card) => {
        const to = await conversations.find(aadObjectId);
        return to !== undefined && (await personalNotifier.sendCard(to, card)).kind === 'sent';
      },
    },
    Object.fromEntries(transitions.transitions.map((x) => [x.id, x.title])),
    'ja',
    issueCategoryNames,
  );

  const bot = new TsunaguBot({
    stats,
    roadmaps,
    packages,
    issues,
    disaster: disasterHandlers,
    conferences,
    useCases: {
      createIntake: (req) => createIntakeHandoff({ repo, codes, ledger, directory, clock, ids, intakeTarget: 'coordinators', onOutboxWork }, req),
      accept: (click) => acceptHandoff(respondDeps, click),
      decline: (click, input) => declineHandoff(respondDeps, click, input),
      resend: (click, to) => resendHandoff(respondDeps, click, to),
      readCase: (req) => readCaseForActor({ repo, audit, clock }, req),
      auditOfCase: (caseId) => audit.listForCase(caseId),
      auditOfActor: (aad) => audit.listForActor(aad, 200),
      changeConsent: (change) => changeConsent({ repo, clock, ids, onOutboxWork }, change),
      editCase: (req) => editCase({ repo, clock, onOutboxWork }, req),
      changeStatus: (req) => changeCaseStatus({ repo, clock, onOutboxWork }, req),
      markWork: (req) => markWorkItem({ repo, clock, work: standardWork, onOutboxWork }, req),
      myCases: (actor, conversationId) => myCases(findDeps, actor, conversationId),
      searchCases: (actor, text, conversationId) => searchCases(findDeps, actor, text, conversationId),
      handoffCardView: (caseId, handoffId, placement) => currentHandoffView({ repo, clock }, caseId, handoffId, placement),
      caseMilestones: (req) => caseMilestones(milestoneDeps, req),
      markMilestoneDone: (req) => markMilestoneDone(milestoneDeps, req),
      postponeMilestone: (req) => postponeMilestone(milestoneDeps, req),
      digest: (actor, conversationId) => coordinatorDigest(digestDeps, actor, conversationId),
      rememberConversation: (c) => conversations.remember(c, clock.now().toISOString()),
      forgetConversation: (aad) => conversations.forget(aad),
      teamAdded: (ref) => teamAdded(teamDeps, ref),
      teamRemoved: (ref) => teamRemoved(teamDeps, ref),
      caseDetails: (file) => caseDetailsView(file, clock.now(), overdueCount(file, clock.now(), { transitions, calendar }), standardWork),
      recordContact: (req) => recordContact(contactDeps, req),
      issuePrintLinks: async (req) => {
        const issued = await issuePrintLinks(printDeps, req);
        if (issued.kind !== 'issued') return issued;
        const link = (token: string) => `${publicBaseUrl ?? ''}/print/${token}`;
        return { kind: 'issued', urls: { package: link(issued.tokens.package), emergency: link(issued.tokens.emergency) }, expiresAt: issued.expiresAt };
      },
      alertAdministrators: (alert) => alertAdministrators(teamDeps, alert),
      sendToPersonalChat: async (aadObjectId, card) => {
        const to = await conversations.find(aadObjectId);
        return to !== undefined && (await personalNotifier.sendCard(to, card)).kind === 'sent';
      },
      setMonitoring: (req) => setMonitoring(contactDeps, req),
    },
    directory,
    actors,
    prefs,
    clock,
    ids,
    fictional: config.TSUNAGU_MODE === 'embedded',
    wardLanguage: 'ja',
    honourTeamsLocale: (config.HONOUR_TEAMS_LOCALE ?? (config.TSUNAGU_MODE === 'azure' ? 'true' : 'false')) === 'true',
    forwardable,
    log: log.child('bot'),
  });

  adapter.onTurnError = async (_ctx, err) => {
    log.error('unhandled turn error', { error: err instanceof Error ? err.name : 'unknown' });
  };

  const http = new HttpServer({
    adapter,
    onTurn: (ctx) => bot.onTurn(ctx),
    health: async () => ({ version: VERSION, mode: config.TSUNAGU_MODE, store: await store.health() }),
    log: log.child('http'),
    maxBodyBytes: 256 * 1024,
    print: async (token) => {
      const opened = await openPrintLink(printDeps, token).catch(() => ({ kind: 'gone' as const }));
      const t = translator('ja');
      if (opened.kind === 'evacuationPlan' && opened.file.emergencyProfile) {
        const profile = opened.file.emergencyProfile.profile;
        const page = evacuationPlanPage({ record: opened.file.record, profile, reconfirmation: reconfirmation(profile, tokyoDate(clock.now()), profilePolicy, calendar), printedAt: clock.now().toISOString() }, evacuationLabels('ja', t));
        return { status: 200, html: page };
      }
      if (opened.kind !== 'page') return { status: 410, html: `<!doctype html><html lang="ja"><meta charset="utf-8"><title>${t('print.links')}</title><p>${t('PRINT.GONE')}</p></html>` };
      return { status: 200, html: opened.kindOfPage === 'package' ? packagePage(opened.pkg, t) : emergencySheetPage(opened.pkg, t) };
    },
    statsCsv: async (token) => {
      const opened = await openStatsCsvLink(statsDeps, token).catch((err: unknown) => {
        log.warn('stats CSV not built', { error: err instanceof Error ? err.name : 'unknown' });
        return { kind: 'gone' as const };
      });
      if (opened.kind !== 'csv') {
        const t = translator('ja');
        return { kind: 'gone', html: `<!doctype html><html lang="ja"><meta charset="utf-8"><title>${t('stats.appTitle')}</title><p>${t('STATS.CSV_GONE')}</p></html>` };
      }
      const labels = statsLabels(opened.language, Object.fromEntries(transitions.transitions.map((x) => [x.id, x.title])), issueCategoryNames);
      return { kind: 'file', body: statsCsv(opened.report, labels), asciiName: statsCsvFileName(opened.report), name: statsCsvDisplayName(opened.report, labels) };
    },
  });
  const { url, port } = await http.listen(config.PORT, config.HOST);
  publicBaseUrl ??= url;
  outbox.start();
  disaster.worker.start();
  meetingWorker.start();
  void meetingWorker.runDue().catch((err: unknown) => log.warn('meeting work not resumed at start; the sweep retries', { error: err instanceof Error ? err.name : 'unknown' }));
  const digests = new DigestScheduler(
    {
      conversations,
      notifier: personalNotifier,
      actors,
      prefs,
      clock,
      ids,
      calendar,
      digest: (actor, conversationId) => coordinatorDigest(digestDeps, actor, conversationId),
      time: parseDigestTime(config.DIGEST_TIME) ?? { hour: 8, minute: 30 },
      defaultLanguage: 'ja',
      log: log.child('digest'),
      // The same morning run escalates waiting handoffs and posts other departments' milestone cards.
      dailyTasks: [
        {
          name: 'escalation',
          run: async () => {
            const r = await escalateWaitingHandoffs({ repo, clock, ids, calendar, businessDays: config.ESCALATION_BUSINESS_DAYS, addresses, onOutboxWork });
            return { done: r.escalated, failed: r.failed };
          },
        },
        { name: 'emergencyProfileReviews', run: remindProfiles },
        {
          name: 'followUps',
          run: async () => ({ done: await remindFollowUps({ ...agendaDeps, isBusinessDay: (d) => calendar.isBusinessDay(d) }), failed: 0 }),
        },
        {
          name: 'departmentCards',
          run: async () => {
            const r = await postDepartmentMilestoneCards({ repo, directory, clock, ids, transitions, calendar, addresses, onOutboxWork });
            return { done: r.posted, failed: r.failed };
          },
        },
      ],
    },
    { checkIntervalMs: config.DIGEST_CHECK_SECONDS * 1000, leaseMs: 10 * 60 * 1000 },
  );
  digests.start();
  const retention = () =>
    anonymiseDueCases({ repo, clock, onOutboxWork }, config.RETENTION_DAYS).then(
      (n) => n > 0 && log.info('anonymised closed cases past retention', { count: n }),
      (err: unknown) => log.warn('retention job failed; will run again', { error: err instanceof Error ? err.name : 'unknown' }),
    );
  const retentionTimer = setInterval(() => void retention(), 6 * 60 * 60 * 1000);
  retentionTimer.unref();
  void retention();
  log.info('listening', { url, mode: config.TSUNAGU_MODE });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('stopping');
      clearInterval(retentionTimer);
      clearInterval(issueTimer);
      await digests.stop();
      await http.close(10_000);
      await outbox.stop();
      await disaster.worker.stop();
      await meetingWorker.stop();
      await calendarStandIn?.close();
      projection.stop();
      store.dispose();
      await embeddedCosmos?.close();
      log.info('stopped');
    })());
  return { url, port, config, outbox, store, repo, projection, digests, teams, rollCalls: disaster.worker, meetings: meetingWorker, calendarStandIn, stop };
}

/** Run as a program: start, and stop gracefully on SIGTERM/SIGINT. */
export async function runMain(): Promise<RunningApp> {
  const app = await startApp();
  const onSignal = (signal: NodeJS.Signals) => {
    void app.stop().then(() => process.exit(0), () => process.exit(1));
    process.stderr.write(`received ${signal}, shutting down gracefully\n`);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return app;
}

if (require.main === module) {
  runMain().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
