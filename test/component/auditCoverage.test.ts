import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { COMMAND_KINDS } from '../../src/adapters/teams/commands';
import { VERBS } from '../../src/adapters/teams/verbs';
import { tokyoDate } from '../../src/domain/dates';
import { lastEndedPeriod } from '../../src/domain/stats/period';
import { Activities, sendToBot, type UserKey } from '../support/activities';
import { actionData, cardText, eventually, startHarness, type Harness } from '../support/appHarness';

/**
 * Every path that reads or writes case data leaves an audit entry. The expectations are keyed by every
 * verb in VERBS and every command kind the bot understands: a new verb or command without a row here makes
 * this test fail, and a row whose action leaves no entry fails too.
 */
type Step = (h: Harness, ctx: Ctx) => Promise<void>;
interface Ctx {
  code: string;
  caseId: string;
  post?: { conversationId: string; activityId: string; accept: Record<string, unknown> };
  rollCallId?: string;
}
const personal = (h: Harness, from: UserKey, text: string) => sendToBot(h.botUrl, Activities.personalMessage(h.connector.url, from, text));
const invoke = (h: Harness, from: UserKey, verb: string, data: Record<string, unknown>, conversationId = 'a:personal', replyToId = '1') =>
  sendToBot(h.botUrl, Activities.cardAction(h.connector.url, from, conversationId, replyToId, verb, data));

const lastEnded = () => lastEndedPeriod(tokyoDate(new Date()));

/** null: the path shows no case data (checked to leave no entry for the case). */
const COMMANDS: Record<(typeof COMMAND_KINDS)[number], { audit: string | null; run: Step }> = {
  newHandoff: { audit: null, run: async (h) => void (await personal(h, 'desk', '新規引継ぎ')) },
  help: { audit: null, run: async (h) => void (await personal(h, 'desk', 'ヘルプ')) },
  language: { audit: null, run: async (h) => void (await personal(h, 'caseWorker', '言語 日本語')) },
  myCases: { audit: 'case.listMine', run: async (h) => void (await personal(h, 'coordinator1', '担当案件')) },
  search: { audit: 'case.search', run: async (h) => void (await personal(h, 'desk', '検索 かくう')) },
  caseView: { audit: 'case.view', run: async (h, c) => void (await personal(h, 'desk', `案件 ${c.code}`)) },
  caseEdit: { audit: 'case.editView', run: async (h, c) => void (await personal(h, 'desk', `編集 ${c.code}`)) },
  consent: { audit: 'consent.view', run: async (h, c) => void (await personal(h, 'desk', `同意 ${c.code}`)) },
  auditCase: { audit: null, run: async (h, c) => void (await personal(h, 'admin', `監査 ${c.code}`)) },
  auditUser: { audit: null, run: async (h) => void (await personal(h, 'admin', '監査 利用者 00000000-0000-4000-8000-000000000001')) },
  milestones: { audit: 'milestone.view', run: async (h, c) => void (await personal(h, 'coordinator1', `予定 ${c.code}`)) },
  digest: { audit: 'milestone.digest', run: async (h) => void (await personal(h, 'coordinator1', '今日の予定')) },
  roadmap: { audit: 'roadmap.view', run: async (h, c) => void (await personal(h, 'desk', `見通し ${c.code}`)) },
  services: { audit: null, run: async (h) => void (await personal(h, 'desk', '制度 吸引')) },
  carePlan: { audit: 'carePlan.view', run: async (h, c) => void (await personal(h, 'coordinator1', `ケア計画 ${c.code}`)) },
  sendPackage: { audit: 'package.send', run: async (h, c) => void (await freshPackage(h, c)) },
  issueForm: { audit: null, run: async (h) => void (await personal(h, 'schoolLiaison', '課題')) },
  agenda: { audit: null, run: async (h) => void (await personal(h, 'secretary', '議題')) },
  disaster: { audit: 'emergencyProfile.view', run: async (h, c) => void (await personal(h, 'desk', `非常時 ${c.code}`)) },
  conference: { audit: null, run: async (h, c) => void (await personal(h, 'desk', `会議調整 ${c.code}`)) },
  // Aggregates only: no case's trail; the view is recorded in the ward's statistics trail (test/component/stats.test.ts).
  stats: { audit: null, run: async (h) => void (await personal(h, 'caseWorker', '統計')) },
};

/** Disaster readiness (issue 11): the case's emergency profile version (saved once if there is none yet). */
async function profileVersion(h: Harness, c: Ctx): Promise<number> {
  const read = async () => ((await h.app.store.container('caseFiles').item(c.caseId, c.caseId).read()).resource.emergencyProfile?.version as number | undefined);
  const v = await read();
  if (v !== undefined) return v;
  await invoke(h, 'desk', 'profile.save', { caseId: c.caseId, v: 0, kinds: '', hospitalName: '（架空）病院' });
  return (await read()) ?? 0;
}
/** A roll-call over the ward (started once by the casework staff), its id kept in the context. */
async function rollCallOf(h: Harness, c: Ctx): Promise<string> {
  if (c.rollCallId) return c.rollCallId;
  await personal(h, 'caseWorker', '安否確認 開始');
  const { resources } = await h.app.store.container('meta').items.query<{ rollCallId: string }>("SELECT c.rollCallId FROM c WHERE c.kind = 'rollCall'").fetchAll();
  c.rollCallId = resources[0]!.rollCallId;
  return c.rollCallId;
}
const personalInvoke = (h: Harness, from: UserKey, verb: string, data: Record<string, unknown>) => {
  const click = Activities.cardAction(h.connector.url, from, 'a:personal', '1', verb, data);
  return sendToBot(h.botUrl, { ...click, conversation: { ...click.conversation, conversationType: 'personal', isGroup: false } });
};

/** An issue raised on the case, the secretary's agenda pulled (and published / closed when asked): the agenda card's data. */
async function agendaStep(h: Harness, c: Ctx, upTo: 'draft' | 'published' | 'closed'): Promise<Record<string, unknown>> {
  await invoke(h, 'coordinator1', 'issue.record', { formId: randomUUID(), caseId: c.caseId, category: 'medical', lifeStage: 'preschool', severity: 'high', status: 'open', description: '（架空）夜間の吸引', summary: '夜間に対応できる訪問看護が少ない', raise: 'true' });
  const n = h.connector.sent.length;
  await personal(h, 'secretary', '議題');
  await eventually(() => h.connector.sent.length > n, 5000, 'agenda card');
  let card = (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
  // The ward has one agenda at a time: publish the draft when the step needs it published (earlier rows may have).
  if (upTo === 'draft') return actionData(card, 'agenda.save')!;
  const publish = actionData(card, 'agenda.publish');
  if (publish) card = (await invoke(h, 'secretary', 'agenda.publish', publish)).body.value;
  const data = actionData(card, 'agenda.outcomeForm')!;
  if (upTo === 'published') return data;
  const form = (await invoke(h, 'secretary', 'agenda.outcomeForm', data)).body.value;
  const close = actionData(form, 'agenda.close')!;
  const ids = cardText(form).length > 0 ? JSON.stringify(form).match(/res_issue-[A-Za-z0-9-]+/g) ?? [] : [];
  const answers = Object.fromEntries(ids.flatMap((id) => [[id, 'continue'], [id.replace('res_', 'dec_'), '（架空）次回に継続'], [id.replace('res_', 'dep_'), 'casework'], [id.replace('res_', 'due_'), '2099-12-01']]));
  await invoke(h, 'secretary', 'agenda.close', { ...close, ...answers });
  return close;
}

/** 会議調整 by the desk (holds the case): the form, then 候補を探す with two departments over the next three weeks. */
async function conference(h: Harness, c: Ctx): Promise<{ meetingId: string; activityId: string; starts: string[] }> {
  const n = h.connector.sent.length;
  await personal(h, 'desk', `会議調整 ${c.code}`);
  await eventually(() => h.connector.sent.length > n, 5000, 'conference form');
  const form = h.connector.sent[h.connector.sent.length - 1]!;
  const data = actionData((form.activity.attachments as { content: unknown }[])[0]!.content, 'conference.search')!;
  const day = (d: number) => new Date(Date.now() + 9 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
  const res = await invoke(h, 'desk', 'conference.search', { ...data, att_nursery: 'sakura.ito@itabashi.example', att_school: 'sho.watanabe@itabashi.example', duration: '30', from: day(1), to: day(21) }, form.conversationId, form.activityId);
  const starts: string[] = [];
  JSON.stringify(res.body).replace(/"verb":"conference\.pick","data":\{"meetingId":"[^"]+","start":"([^"]+)"/g, (_m, s: string) => (starts.push(s), ''));
  await h.app.meetings.idle();
  return { meetingId: String(data.meetingId), activityId: form.activityId, starts };
}
async function scheduledConference(h: Harness, c: Ctx, withLink = true) {
  const conf = await conference(h, c);
  if (!withLink) h.app.calendarStandIn!.setJoinUrls('omit');
  await invoke(h, 'desk', 'conference.pick', { meetingId: conf.meetingId, start: conf.starts[0] });
  h.app.calendarStandIn!.setJoinUrls('generate');
  await h.app.meetings.idle();
  return conf;
}

/** A new package from the case's coordinator to the school (consent recorded first), as the school's card data. */
async function freshPackage(h: Harness, c: Ctx): Promise<{ conversationId: string; activityId: string; data: Record<string, unknown> }> {
  await invoke(h, 'desk', 'consent.record', { caseId: c.caseId, organisation: 'school', categories: 'basic,medicalCare' });
  const posted = h.connector.created.length;
  await personal(h, 'coordinator1', `引継ぎ送付 ${c.code} 学校`);
  await eventually(() => h.connector.created.slice(posted).some((p) => p.conversationId.startsWith('19:school')), 5000, 'package post');
  const post = h.connector.created.slice(posted).find((p) => p.conversationId.startsWith('19:school'))!;
  const data = actionData((post.activity.attachments as { content: unknown }[])[0]!.content, 'package.receive')!;
  return { conversationId: post.conversationId, activityId: post.activityId, data };
}
const onPackage = (verb: string, text?: string): Step => async (h, c) => {
  const p = await freshPackage(h, c);
  await invoke(h, 'schoolLiaison', verb, { ...p.data, ...(text ? { text } : {}) }, p.conversationId, p.activityId);
};

/** The data of a row action on the 予定 card of the case (the first, most urgent row), as its coordinator sees it. */
async function milestoneAction(h: Harness, c: Ctx, verb: string): Promise<Record<string, unknown>> {
  const n = h.connector.sent.length;
  await personal(h, 'coordinator1', `予定 ${c.code}`);
  await eventually(() => h.connector.sent.length > n, 5000, 'milestones card');
  const card = (h.connector.sent[h.connector.sent.length - 1]!.activity.attachments as { content: unknown }[])[0]!.content;
  const data = actionData(card, verb);
  if (!data) throw new Error(`no ${verb} on the 予定 card: ${cardText(card)}`);
  return data;
}
/** A date the first row can always be postponed to: past the 365-day list, within the 366-day limit. */
const farPostponeDate = () => new Date(Date.now() + 9 * 3600_000 + 366 * 86_400_000).toISOString().slice(0, 10);

/** audit null: the verb shows or writes no case data (its `setup` may; the verb itself must add no entry). */
/** `subject` / `trail`: where the entry goes when it is not the case's own trail (a roll-call's, the ward's statistics trail). */
type VerbRow = { audit: string; run: Step; subject?: (c: Ctx) => string; trail?: string } | { audit: null; setup: (h: Harness, c: Ctx) => Promise<Record<string, unknown>>; run: (h: Harness, c: Ctx, data: Record<string, unknown>) => Promise<void> };
const VERB_ROWS: Record<(typeof VERBS)[keyof typeof VERBS], VerbRow> = {
  'profile.save': { audit: 'emergencyProfile.save', run: async (h, c) => void (await profileVersion(h, c)) },
  'profile.confirm': { audit: 'emergencyProfile.confirm', run: async (h, c) => void (await invoke(h, 'desk', 'profile.confirm', { caseId: c.caseId, v: await profileVersion(h, c) })) },
  'profile.print': { audit: 'print.link', run: async (h, c) => void (await profileVersion(h, c), await personalInvoke(h, 'desk', 'profile.print', { caseId: c.caseId })) },
  'rollcall.confirm': { audit: 'rollcall.confirm', run: async (h, c) => void (await invoke(h, 'caseWorker', 'rollcall.confirm', { rollCallId: await rollCallOf(h, c), caseId: c.caseId, status: 'safe', clickKey: 'coverage-1' }), await h.app.rollCalls.runDue()) },
  'rollcall.refresh': { audit: 'rollcall.summary', subject: (c) => `rollcall:${c.rollCallId}`, run: async (h, c) => void (await invoke(h, 'caseWorker', 'rollcall.refresh', { rollCallId: await rollCallOf(h, c), view: 'summary' }), await h.app.rollCalls.runDue()) },
  'rollcall.priority': { audit: 'rollcall.priority', run: async (h, c) => void (await invoke(h, 'caseWorker', 'rollcall.priority', { rollCallId: await rollCallOf(h, c) })) },
  'rollcall.close': { audit: 'rollcall.close', subject: (c) => `rollcall:${c.rollCallId}`, run: async (h, c) => void (await invoke(h, 'caseWorker', 'rollcall.close', { rollCallId: await rollCallOf(h, c), clickKey: 'coverage-close' }), await h.app.rollCalls.runDue()) },
  'stats.csv': { audit: 'stats.csvLink', trail: 'itabashi:stats', run: async (h) => void (await invoke(h, 'caseWorker', 'stats.csv', { year: lastEnded().schoolYear, quarter: lastEnded().quarter })) },
  'handoff.create': { audit: 'case.create', run: async () => undefined /* done in before() */ },
  'handoff.accept': { audit: 'handoff.accept', run: async (h, c) => void (await invoke(h, 'coordinator1', 'handoff.accept', c.post!.accept, c.post!.conversationId, c.post!.activityId)) },
  'handoff.refresh': { audit: 'handoff.refresh', run: async (h, c) => void (await invoke(h, 'coordinator1', 'handoff.refresh', c.post!.accept, c.post!.conversationId, c.post!.activityId)) },
  'case.edit': { audit: 'case.edit', run: async (h, c) => void (await invoke(h, 'desk', 'case.edit', { caseId: c.caseId, dv: 1, district: '（架空）志村地区' })) },
  'consent.record': { audit: 'consent.record', run: async (h, c) => void (await invoke(h, 'desk', 'consent.record', { caseId: c.caseId, organisation: 'casework', categories: 'basic,medicalCare' })) },
  'consent.revoke': { audit: 'consent.revoke', run: async (h, c) => void (await invoke(h, 'desk', 'consent.revoke', { caseId: c.caseId, organisation: 'casework', categories: 'medicalCare' })) },
  'case.status': { audit: 'case.status', run: async (h, c) => void (await invoke(h, 'coordinator1', 'case.status', { caseId: c.caseId, to: 'monitoring' })) },
  'roadmap.record': { audit: 'case.entitlements', run: async (h, c) => void (await invoke(h, 'coordinator1', 'roadmap.record', { caseId: c.caseId, services: 'homeNursing', certificates: 'shoman' })) },
  'work.done': { audit: 'case.work.done', run: async (h, c) => void (await invoke(h, 'coordinator1', 'work.done', { caseId: c.caseId, itemId: 'intake.enquiryRecorded' })) },
  'handoff.decline': { audit: 'handoff.decline', run: async () => undefined /* run in its own case below */ },
  'handoff.resend': { audit: 'handoff.resend', run: async () => undefined /* run in its own case below */ },
  'milestone.done': { audit: 'milestone.done', run: async (h, c) => void (await invoke(h, 'coordinator1', 'milestone.done', await milestoneAction(h, c, 'milestone.done'))) },
  'contact.record': {
    audit: 'contact.record',
    run: async (h, c) => void (await invoke(h, 'desk', 'contact.record', { caseId: c.caseId, formId: '6f1c2a9e-0000-4000-8000-0000000000a1', contactDate: new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10), contactKind: 'homeVisit', contactNote: '（架空）訪問' })),
  },
  'issue.form': { audit: 'issue.form', run: async (h, c) => void (await invoke(h, 'coordinator1', 'issue.form', { caseId: c.caseId })) },
  'issue.record': {
    audit: 'issue.record',
    run: async (h, c) => void (await invoke(h, 'coordinator1', 'issue.record', { formId: randomUUID(), caseId: c.caseId, category: 'transport', lifeStage: 'preschool', severity: 'low', status: 'open', description: '（架空）通院の送迎', summary: '', raise: 'false' })),
  },
  'agenda.save': { audit: null, setup: (h, c) => agendaStep(h, c, 'draft'), run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.save', data)) },
  'agenda.publish': { audit: null, setup: (h, c) => agendaStep(h, c, 'draft'), run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.publish', data)) },
  'agenda.outcomeForm': { audit: null, setup: (h, c) => agendaStep(h, c, 'published'), run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.outcomeForm', data)) },
  'issue.list': { audit: null, setup: async () => ({ page: 0 }), run: async (h, _c, data) => void (await invoke(h, 'schoolLiaison', 'issue.list', data)) },
  'issue.update': {
    audit: 'issue.update',
    run: async (h, c) => {
      const formId = randomUUID();
      await invoke(h, 'coordinator1', 'issue.record', { formId, caseId: c.caseId, category: 'economic', lifeStage: 'preschool', severity: 'low', status: 'open', description: '（架空）医療費', summary: '', raise: 'false' });
      await invoke(h, 'coordinator1', 'issue.update', { issueId: `issue-${formId}`, action: 'raise', page: 0 });
    },
  },
  'agenda.page': { audit: null, setup: (h, c) => agendaStep(h, c, 'draft'), run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.page', { ...data, page: 1 })) },
  'agenda.outcomeSave': {
    audit: null,
    setup: async (h, c) => {
      const data = await agendaStep(h, c, 'published');
      const form = (await invoke(h, 'secretary', 'agenda.outcomeForm', data)).body.value;
      return actionData(form, 'agenda.close')!;
    },
    run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.outcomeSave', data)),
  },
  'agenda.close': { audit: 'issue.outcome', run: async (h, c) => void (await agendaStep(h, c, 'closed')) },
  'agenda.followUpDone': {
    audit: null,
    setup: async (h, c) => {
      await agendaStep(h, c, 'closed');
      const { resources } = await h.app.store.container('issues').items.query<{ id: string; followUps: { id: string; done?: unknown }[] }>("SELECT c.id, c.followUps FROM c WHERE c.type = 'agenda' AND c.state = 'closed'").fetchAll();
      const agenda = resources.find((r) => r.followUps.some((f) => !f.done))!;
      return { agendaId: agenda.id, followUpId: agenda.followUps.find((f) => !f.done)!.id };
    },
    run: async (h, _c, data) => void (await invoke(h, 'secretary', 'agenda.followUpDone', data)),
  },
  'monitoring.set': { audit: 'monitoring.set', run: async (h, c) => void (await invoke(h, 'desk', 'monitoring.set', { caseId: c.caseId, everyMonths: '3' })) },
  'milestone.handoff': {
    audit: 'package.send',
    run: async (h, c) => {
      await invoke(h, 'desk', 'consent.record', { caseId: c.caseId, organisation: 'school', categories: 'basic' });
      const click = Activities.cardAction(h.connector.url, 'coordinator1', 'a:personal-coordinator1', '1', 'milestone.handoff', { caseId: c.caseId, organisation: 'school' });
      await sendToBot(h.botUrl, { ...click, conversation: { ...click.conversation, conversationType: 'personal', isGroup: false } });
    },
  },
  'print.links': { audit: 'print.link', run: async (h, c) => void (await invoke(h, 'desk', 'print.links', { caseId: c.caseId })) },
  'carePlan.save': { audit: 'carePlan.save', run: async (h, c) => void (await invoke(h, 'coordinator1', 'carePlan.save', { caseId: c.caseId, pv: 0, hospital: '（架空）病院' })) },
  'package.receive': { audit: 'package.receive', run: onPackage('package.receive') },
  'package.ask': { audit: 'package.ask', run: onPackage('package.ask', '（架空）質問') },
  'package.answer': {
    audit: 'package.answer',
    run: async (h, c) => {
      const p = await freshPackage(h, c);
      await invoke(h, 'schoolLiaison', 'package.ask', { ...p.data, text: '（架空）質問' }, p.conversationId, p.activityId);
      const { resource } = await h.app.store.container('caseFiles').item(c.caseId, c.caseId).read();
      const pkg = (resource.packages as { id: string; version: number; questions: { id: string }[] }[]).find((x) => x.id === p.data.packageId)!;
      await invoke(h, 'coordinator1', 'package.answer', { ...p.data, role: 'sender', v: pkg.version, questionId: pkg.questions[0]!.id, text: '（架空）回答' });
    },
  },
  'package.ready': { audit: 'package.ready', run: onPackage('package.ready') },
  'package.return': { audit: 'package.return', run: onPackage('package.return', '（架空）理由') },
  'package.report': { audit: 'package.report', run: onPackage('package.report', '（架空）報告') },
  'package.refresh': { audit: 'package.view', run: onPackage('package.refresh') },
  'conference.search': { audit: 'conference.propose', run: async (h, c) => void (await conference(h, c)) },
  'conference.pick': { audit: 'conference.schedule', run: async (h, c) => void (await scheduledConference(h, c)) },
  'conference.retryLink': {
    audit: 'conference.joinLink',
    run: async (h, c) => {
      const conf = await scheduledConference(h, c, false);
      await invoke(h, 'desk', 'conference.retryLink', { meetingId: conf.meetingId });
      await h.app.meetings.idle();
    },
  },
  'conference.reschedule': {
    audit: 'conference.rescheduleSearch',
    run: async (h, c) => {
      const conf = await scheduledConference(h, c);
      const day = (d: number) => new Date(Date.now() + 9 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
      await invoke(h, 'desk', 'conference.reschedule', { meetingId: conf.meetingId, from: day(1), to: day(21) });
      await h.app.meetings.idle();
    },
  },
  'conference.cancel': {
    audit: 'conference.cancel',
    run: async (h, c) => {
      const conf = await scheduledConference(h, c);
      await invoke(h, 'desk', 'conference.cancel', { meetingId: conf.meetingId });
      await h.app.meetings.idle();
    },
  },
  'milestone.postpone': {
    audit: 'milestone.postpone',
    run: async (h, c) => {
      const data = await milestoneAction(h, c, 'milestone.postpone');
      await invoke(h, 'coordinator1', 'milestone.postpone', { ...data, [String(data.input)]: farPostponeDate() });
    },
  },
};

async function actionsInTrail(h: Harness, caseId: string): Promise<string[]> {
  await h.app.outbox.idle();
  const { resources } = await h.app.store.container('audit').items.query<{ action: string }>({ query: 'SELECT c.action FROM c WHERE c.caseId = @c', parameters: [{ name: '@c', value: caseId }] }).fetchAll();
  return resources.map((r) => r.action);
}

async function newCase(h: Harness): Promise<Ctx> {
  const n = h.connector.sent.length;
  await personal(h, 'desk', '新規引継ぎ');
  await eventually(() => h.connector.sent.length > n, 5000, 'form');
  const form = h.connector.sent[h.connector.sent.length - 1]!;
  const formId = actionData((form.activity.attachments as { content: unknown }[])[0]!.content, 'handoff.create')!.formId;
  const created = h.connector.created.length;
  const res = await invoke(h, 'desk', 'handoff.create', { formId, childName: '架空 監', childNameKana: 'かくう かん', birthDate: '2021-04-04', careItems: 'O2', familyNeeds: '（架空）', urgency: 'normal', consent: 'basic,medicalCare' }, form.conversationId, form.activityId);
  const code = /案件 (\d{4}-\d{4})/.exec(cardText(res.body.value))![1]!;
  await eventually(() => h.connector.created.length > created, 5000, 'post');
  const post = h.connector.created[h.connector.created.length - 1]!;
  return { code, caseId: `itabashi:${code}`, post: { conversationId: post.conversationId, activityId: post.activityId, accept: actionData((post.activity.attachments as { content: unknown }[])[0]!.content, 'handoff.accept')! } };
}

describe('component: every read and write of case data is audited (coverage over all verbs and commands)', function () {
  this.timeout(60_000);
  let h: Harness;
  let ctx: Ctx;
  before(async () => {
    // Many actions by the same few people: the per-user rate limit is not what this test is about.
    h = await startHarness({ env: { RATE_LIMIT_PER_MINUTE: '10000', RATE_LIMIT_BURST: '10000' } });
    ctx = await newCase(h);
  });
  after(async () => h.stop());

  it('when a case is created, then case.create is in its trail', async () => {
    assert.ok((await actionsInTrail(h, ctx.caseId)).includes('case.create'));
  });

  for (const verb of Object.values(VERBS)) {
    it(`when the card verb ${verb} is used, then its audit entry is written`, async () => {
      const row = VERB_ROWS[verb];
      assert.ok(row, `no audit expectation for verb ${verb}: add one`);
      if (verb === 'handoff.decline' || verb === 'handoff.resend') {
        const other = await newCase(h);
        await invoke(h, 'coordinator1', 'handoff.decline', { ...other.post!.accept, reason: 'noCapacity', forwardTo: 'desk' }, other.post!.conversationId, other.post!.activityId);
        await invoke(h, 'desk', 'handoff.resend', { ...other.post!.accept, v: Number(other.post!.accept.v) + 1, shownIn: 'desk', role: 'sender', to: 'coordinators' });
        assert.ok((await actionsInTrail(h, other.caseId)).includes(String(row.audit)), `${verb} left ${row.audit}`);
        return;
      }
      if (row.audit === null) {
        const data = await row.setup(h, ctx);
        const before = await actionsInTrail(h, ctx.caseId);
        await row.run(h, ctx, data);
        assert.deepEqual((await actionsInTrail(h, ctx.caseId)).sort(), before.sort(), `${verb} shows no case data and leaves no entry`);
        return;
      }
      await row.run(h, ctx);
      assert.ok((await actionsInTrail(h, row.trail ?? row.subject?.(ctx) ?? ctx.caseId)).includes(row.audit), `${verb} left ${row.audit}`);
    });
  }

  for (const kind of COMMAND_KINDS) {
    it(`when the command ${kind} is used, then it is audited exactly when it shows case data`, async () => {
      const row = COMMANDS[kind];
      assert.ok(row, `no audit expectation for command ${kind}: add one`);
      // Counted per action (query results come in no particular order).
      const count = (trail: string[], action: string | null) => trail.filter((a) => a === action).length;
      const before = await actionsInTrail(h, ctx.caseId);
      await row.run(h, ctx);
      const trail = await actionsInTrail(h, ctx.caseId);
      if (row.audit) assert.ok(count(trail, row.audit) > count(before, row.audit), `${kind} left ${row.audit}`);
      else assert.equal(trail.length, before.length, `${kind} shows no case data and leaves no entry`);
    });
  }
});
