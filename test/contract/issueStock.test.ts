import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CosmosAgendaRepository, CosmosIssueRepository } from '../../src/adapters/cosmos/cosmosIssues';
import type { AgendaDeps } from '../../src/app/issues/agendaDeps';
import type { AgendaView, FollowUpReminderView } from '../../src/app/issues/agendaView';
import { stepAgenda } from '../../src/app/issues/changeAgenda';
import { remindFollowUps } from '../../src/app/issues/followUpReminders';
import type { BodyWrite, WardConferences } from '../../src/app/issues/ports';
import { pullAgenda } from '../../src/app/issues/pullAgenda';
import { recordIssue, sweepIssueAudit, type IssueDeps } from '../../src/app/issues/recordIssue';
import { sweepAgendas } from '../../src/app/issues/agendaOutbox';
import type { AuditEntry } from '../../src/domain/audit';
import type { CaseFile } from '../../src/domain/caseFile';
import type { Actor } from '../../src/domain/directory';
import { readIssueTaxonomy, type IssueTaxonomy } from '../../src/domain/issues/categories';
import type { IssueInput } from '../../src/domain/issues/issue';
import type { CardDelivery } from '../../src/app/ports';
import { CaseFileMother } from '../support/caseFileMother';
import { startCosmosFixture } from '../support/cosmosFixture';

/**
 * The issue stock and the conference agenda through their use cases on Cosmos DB (the embedded stand-in and
 * the real SDK). The calendar and Teams are stand-ins at the process edge: they record what they were asked
 * and can be told to answer 503 / 429.
 */
const taxonomyResult = readIssueTaxonomy(JSON.parse(readFileSync(join(__dirname, '../../config/issueCategories.json'), 'utf8')));
assert.ok(taxonomyResult.kind === 'ok');
const taxonomy: IssueTaxonomy = taxonomyResult.taxonomy;

const SECRETARY: Actor = { aadObjectId: 'sec-1', displayName: '架空 事務局', roles: ['secretary'], organisation: 'secretariat' };
const COORD: Actor = { aadObjectId: 'coord-1', displayName: '架空 調整', roles: ['coordinator'], organisation: 'coordinators' };
const LIAISON: Actor = { aadObjectId: 'school-1', displayName: '架空 学校', roles: ['liaison'], organisation: 'school' };
const NOBODY: Actor = { aadObjectId: 'x', displayName: 'x', roles: [], organisation: undefined };

const CASE: CaseFile = CaseFileMother.intake('2026-0007', {
  assignedCoordinator: { aadObjectId: COORD.aadObjectId, displayName: COORD.displayName },
  guardians: [{ name: '架空 花子', relation: '母', phone: '03-0000-0000' }],
});

function input(over: Partial<IssueInput> = {}): IssueInput {
  return { category: 'respiteFamily', lifeStage: 'preschool', severity: 'high', status: 'open', description: '（架空）短期入所の空きがなく家族が休めない', summary: '医療型短期入所の空きが足りない', raise: true, ...over };
}

class Conferences implements WardConferences {
  bodies: { meetingId: string; text: string }[] = [];
  failNext: BodyWrite[] = [];
  conference: { meetingId: string; start: string } | undefined = { meetingId: 'm-1', start: '2026-12-10T05:00:00.000Z' };
  async next() {
    return this.conference;
  }
  async writeBody(_ward: string, meetingId: string, text: string): Promise<BodyWrite> {
    const failure = this.failNext.shift();
    if (failure) return failure;
    this.bodies.push({ meetingId, text });
    return { kind: 'written' };
  }
}

class Channel {
  cards: { activityId: string | undefined; view: AgendaView }[] = [];
  reminders: FollowUpReminderView[] = [];
  failNext: CardDelivery[] = [];
  private n = 0;
  async showAgenda(_a: unknown, activityId: string | undefined, view: AgendaView): Promise<CardDelivery> {
    const failure = this.failNext.shift();
    if (failure) return failure;
    this.cards.push({ activityId, view });
    return activityId ? { kind: 'updated' } : { kind: 'posted', activityId: `act-${++this.n}`, conversationId: 'sec-channel' };
  }
  remindedIn: string[] = [];
  async showFollowUpReminder(a: { conversationId: string }, view: FollowUpReminderView): Promise<CardDelivery> {
    this.reminders.push(view);
    this.remindedIn.push(a.conversationId);
    return { kind: 'posted', activityId: `rem-${++this.n}`, conversationId: 'dept' };
  }
}

describe('Issue stock and conference agenda (use cases on Cosmos DB)', function () {
  this.timeout(60_000);
  let fixture: Awaited<ReturnType<typeof startCosmosFixture>>;
  let trail: AuditEntry[];
  let now: Date;
  let conferences: Conferences;
  let channel: Channel;
  let issueDeps: IssueDeps;
  let agendaDeps: AgendaDeps;
  let form = 0;

  beforeEach(async () => {
    fixture = await startCosmosFixture();
    trail = [];
    now = new Date('2026-11-26T01:00:00.000Z');
    conferences = new Conferences();
    channel = new Channel();
    const container = fixture.store.container('issues');
    const issues = new CosmosIssueRepository(container);
    const clock = { now: () => now };
    const audit = { append: async (entries: readonly AuditEntry[]) => void trail.push(...entries.filter((e) => !trail.some((t) => t.id === e.id))) };
    issueDeps = { issues, cases: { load: async (id) => (id === CASE.record.id ? { value: CASE, etag: 'e' } : undefined) }, audit, taxonomy, clock, wardId: 'itabashi', fictional: true };
    agendaDeps = {
      agendas: new CosmosAgendaRepository(container),
      issues,
      conferences,
      channel,
      // Every organisation has a channel except 子ども家庭総合支援センター (as in the demo ward).
      addressBook: () => async (organisation) => (organisation === 'familySupport' ? undefined : { address: { serviceUrl: 'http://teams', tenantId: undefined, conversationId: `19:${organisation}`, channelId: `19:${organisation}`, isChannel: true }, parked: false }),
      audit,
      clock,
      wardId: 'itabashi',
      fictional: true,
      categoryOrder: taxonomy.categories.map((c) => c.id),
      bodyText: (a) => a.items.filter((i) => i.included).map((i, n) => `${n + 1}. ${i.summary}`).join('\n'),
      log: { warn: () => {} },
    };
  });
  afterEach(async () => fixture.stop());

  /** caseId null: recorded without a case. */
  const record = (actor: Actor, over: Partial<IssueInput> = {}, caseId: string | null = CASE.record.id, formId = `f${++form}`) =>
    recordIssue(issueDeps, { actor, formId, caseId: caseId ?? undefined, input: input(over), conversationId: 'conv' });

  it('when the coordinator of the case records an issue, then it is stored once, audited on the case, and a repeated submit records nothing more', async () => {
    const first = await record(COORD, {}, CASE.record.id, 'same');
    assert.equal(first.kind, 'recorded');
    const again = await record(COORD, {}, CASE.record.id, 'same');
    assert.equal(again.kind, 'alreadyRecorded');
    assert.equal((await issueDeps.issues.listForCase('itabashi', CASE.record.id)).length, 1);
    assert.deepEqual(trail.map((e) => [e.caseId, e.action, e.operation]), [[CASE.record.id, 'issue.record', 'create']]);
    assert.deepEqual(await issueDeps.issues.listWithPendingAudit('itabashi', 10), []);
  });

  it('when the summary names the child or a guardian, or carries a case code or phone number, then nothing is stored and the field is named', async () => {
    for (const summary of ['架空太郎くんの短期入所', 'かくう たろう', '母 架空花子さん', '2026-0007 の件', '連絡先 090-1234-5678']) {
      const out = await record(COORD, { summary });
      assert.ok(out.kind === 'invalid', summary);
      assert.deepEqual(out.errors, [{ field: 'summary', code: 'ISSUE.PERSONAL_DATA' }]);
    }
    assert.deepEqual(await issueDeps.issues.listForCase('itabashi', CASE.record.id), []);
  });

  it('when a school liaison records an issue on a case they do not hold, then it is refused; without a case anyone with a role may, and its text is checked', async () => {
    assert.equal((await record(LIAISON)).kind, 'notAuthorised');
    assert.equal((await record(NOBODY, {}, null)).kind, 'notAuthorised');
    const withPhone = await record(LIAISON, { description: '保護者 03-1234-5678 から相談', summary: '' }, null);
    assert.ok(withPhone.kind === 'invalid');
    assert.deepEqual(withPhone.errors.map((e) => e.field), ['description', 'summary']);
    const ok = await record(LIAISON, { description: '医療的ケアのある子の校外学習に付き添える看護師がいない', summary: '', category: 'childcareEducation', lifeStage: 'elementary' }, null);
    assert.ok(ok.kind === 'recorded', JSON.stringify(ok));
    assert.equal(ok.issue.summary, '医療的ケアのある子の校外学習に付き添える看護師がいない');
    assert.equal(ok.issue.caseId, undefined);
    assert.deepEqual(trail, []);
  });

  it('when the form is wrong (unknown category, empty description, raised without summary), then every problem is named and nothing is stored', async () => {
    const out = await record(COORD, { category: 'weather', description: ' ', summary: '' });
    assert.ok(out.kind === 'invalid');
    assert.deepEqual(out.errors.map((e) => e.code), ['ISSUE.CATEGORY_UNKNOWN', 'ISSUE.DESCRIPTION_REQUIRED', 'ISSUE.SUMMARY_REQUIRED']);
    assert.deepEqual(await issueDeps.issues.awaitingConference('itabashi'), []);
  });

  it('when the secretary pulls, orders, publishes and closes an agenda, then unresolved items come back first on the next one and settled ones do not', async () => {
    const a = await record(COORD, { category: 'respiteFamily', summary: '短期入所の空き不足', severity: 'medium' });
    const b = await record(COORD, { category: 'medical', summary: '訪問看護の夜間対応', severity: 'high' });
    const c = await record(LIAISON, { category: 'childcareEducation', description: '校外学習の看護師不足', summary: '', lifeStage: 'elementary' }, null);
    await record(COORD, { category: 'economic', summary: '会議に上げない課題', raise: false });
    assert.ok(a.kind === 'recorded' && b.kind === 'recorded' && c.kind === 'recorded', JSON.stringify([a, b, c]));

    assert.equal((await pullAgenda(agendaDeps, COORD)).kind, 'notAuthorised');
    const pulled = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(pulled.kind === 'agenda');
    const draft = pulled.view.agenda;
    // Grouped by the taxonomy's order: 医療, 保育・教育, レスパイト; the unraised issue is absent.
    assert.deepEqual(draft.items.map((i) => i.issueId), [b.issue.issueId, c.issue.issueId, a.issue.issueId]);
    assert.equal(JSON.stringify(draft).includes('架空 太郎'), false);

    // The secretary excludes c and puts a first.
    const edited = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: draft.agendaId, cardVersion: draft.version, step: { kind: 'edit', edits: [{ issueId: a.issue.issueId, included: true, position: 1 }, { issueId: b.issue.issueId, included: true, position: 2 }, { issueId: c.issue.issueId, included: false, position: 3 }] } });
    assert.ok(edited.kind === 'changed');
    assert.deepEqual(edited.view.agenda.items.map((i) => [i.issueId, i.included]), [[a.issue.issueId, true], [b.issue.issueId, true], [c.issue.issueId, false]]);
    // An edit from the old card is refused and changes nothing.
    const stale = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: draft.agendaId, cardVersion: draft.version, step: { kind: 'edit', edits: [] } });
    assert.equal(stale.kind, 'stale');

    const published = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: draft.agendaId, cardVersion: edited.view.agenda.version, step: { kind: 'publish', edits: [] } });
    assert.ok(published.kind === 'changed');
    assert.equal(published.view.agenda.state, 'published');
    assert.deepEqual(conferences.bodies, [{ meetingId: 'm-1', text: '1. 短期入所の空き不足\n2. 訪問看護の夜間対応' }]);
    assert.equal(channel.cards.length, 1);
    assert.deepEqual(published.delivery?.pending, []);

    const missing = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: draft.agendaId, cardVersion: published.view.agenda.version, step: { kind: 'close', outcomes: [{ issueId: a.issue.issueId, decision: '', department: undefined, due: undefined, result: 'continue' }] } });
    assert.ok(missing.kind === 'invalid');
    assert.deepEqual(missing.issueIds, [b.issue.issueId]);

    const closed = await stepAgenda(agendaDeps, {
      actor: SECRETARY,
      agendaId: draft.agendaId,
      cardVersion: published.view.agenda.version,
      step: {
        kind: 'close',
        outcomes: [
          { issueId: a.issue.issueId, decision: '事業所に空き状況を照会する', department: 'casework', due: { year: 2026, month: 12, day: 1 }, result: 'continue' },
          { issueId: b.issue.issueId, decision: '夜間対応の事業所一覧を作成済み', department: undefined, due: undefined, result: 'resolved' },
        ],
      },
    });
    assert.ok(closed.kind === 'changed');
    assert.equal(closed.view.agenda.state, 'closed');
    assert.equal(closed.view.agenda.followUps.length, 1);
    assert.equal((await issueDeps.issues.load('itabashi', b.issue.issueId))?.value.issue.status, 'resolved');
    assert.ok(trail.some((e) => e.action === 'issue.outcome' && e.caseId === CASE.record.id));

    const next = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(next.kind === 'agenda');
    assert.equal(next.view.agenda.seq, 2);
    // a was discussed and carried over: first; c was excluded, not discussed: still waiting; b was resolved: gone.
    assert.deepEqual(next.view.agenda.items.map((i) => [i.issueId, i.carriedOver]), [[a.issue.issueId, true], [c.issue.issueId, false]]);
    assert.deepEqual(next.view.openFollowUps.map((f) => f.decision), ['事業所に空き状況を照会する']);
  });

  it('when two secretaries publish at once, then one publishes and the other is told, and the event body is written once', async () => {
    await record(COORD);
    const pulled = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(pulled.kind === 'agenda');
    const req = { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: pulled.view.agenda.version, step: { kind: 'publish', edits: [] } } as const;
    const results = await Promise.all([stepAgenda(agendaDeps, req), stepAgenda(agendaDeps, req), stepAgenda(agendaDeps, req)]);
    assert.equal(results.filter((r) => r.kind === 'changed').length, 1);
    assert.ok(results.every((r) => r.kind === 'changed' || r.kind === 'stale' || r.kind === 'wrongState'));
    assert.equal(conferences.bodies.length, 1);
    assert.equal(channel.cards.length, 1);
  });

  it('when the calendar answers 503 and Teams 429 at publish, then the agenda is published and the sweep delivers both later', async () => {
    await record(COORD);
    const pulled = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(pulled.kind === 'agenda');
    conferences.failNext = [{ kind: 'retryLater', afterMs: 5000 }];
    channel.failNext = [{ kind: 'retryLater', afterMs: 2000 }];
    const published = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: pulled.view.agenda.version, step: { kind: 'publish', edits: [] } });
    assert.ok(published.kind === 'changed');
    assert.deepEqual([...(published.delivery?.pending ?? [])].sort(), ['channelCard', 'eventBody']);
    assert.equal(conferences.bodies.length, 0);
    assert.equal(await sweepAgendas(agendaDeps), 1);
    assert.equal(conferences.bodies.length, 1);
    assert.equal(channel.cards.length, 1);
    assert.equal(await sweepAgendas(agendaDeps), 0);
  });

  it('when follow-ups come due, then each is reminded once a business day in its department channel until done, by one instance only', async () => {
    const a = await record(COORD);
    assert.ok(a.kind === 'recorded');
    const pulled = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(pulled.kind === 'agenda');
    const published = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: pulled.view.agenda.version, step: { kind: 'publish', edits: [] } });
    assert.ok(published.kind === 'changed');
    await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: published.view.agenda.version, step: { kind: 'close', outcomes: [{ issueId: a.issue.issueId, decision: '空き状況の照会', department: 'casework', due: { year: 2026, month: 12, day: 3 }, result: 'continue' }] } });
    const deps = { ...agendaDeps, isBusinessDay: () => true };
    // 2026-11-26: deadline 12-03 is 7 days away (> 5): nothing yet.
    assert.equal(await remindFollowUps(deps), 0);
    now = new Date('2026-11-28T01:00:00.000Z');
    const [x, y] = await Promise.all([remindFollowUps(deps), remindFollowUps(deps)]);
    assert.equal(x + y, 1);
    assert.equal(await remindFollowUps(deps), 0);
    now = new Date('2026-12-04T01:00:00.000Z');
    assert.equal(await remindFollowUps(deps), 1);
    assert.equal(channel.reminders.at(-1)?.overdue, true);
    const taskId = channel.reminders[0]!.task.id;
    assert.equal((await stepAgenda(agendaDeps, { actor: LIAISON, agendaId: pulled.view.agenda.agendaId, cardVersion: 0, step: { kind: 'followUpDone', followUpId: taskId } })).kind, 'notAuthorised');
    const done = await stepAgenda(agendaDeps, { actor: { ...LIAISON, roles: ['caseWorker'], organisation: 'casework' }, agendaId: pulled.view.agenda.agendaId, cardVersion: 0, step: { kind: 'followUpDone', followUpId: taskId } });
    assert.equal(done.kind, 'changed');
    now = new Date('2026-12-07T01:00:00.000Z');
    assert.equal(await remindFollowUps(deps), 0);
    assert.deepEqual(channel.remindedIn, ['19:casework', '19:casework']);
  });

  it('when the responsible department has no channel, then its follow-up is reminded in the secretariat channel instead of waiting forever', async () => {
    const a = await record(COORD);
    assert.ok(a.kind === 'recorded');
    const pulled = await pullAgenda(agendaDeps, SECRETARY);
    assert.ok(pulled.kind === 'agenda');
    const published = await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: pulled.view.agenda.version, step: { kind: 'publish', edits: [] } });
    assert.ok(published.kind === 'changed');
    await stepAgenda(agendaDeps, { actor: SECRETARY, agendaId: pulled.view.agenda.agendaId, cardVersion: published.view.agenda.version, step: { kind: 'close', outcomes: [{ issueId: a.issue.issueId, decision: '家庭支援の調整', department: 'familySupport', due: { year: 2026, month: 11, day: 27 }, result: 'continue' }] } });
    assert.equal(await remindFollowUps({ ...agendaDeps, isBusinessDay: () => true }), 1);
    assert.deepEqual(channel.remindedIn, ['19:secretariat']);
  });

  it('when the audit trail was down at record time, then the sweep copies the entry later, once', async () => {
    const failing = { ...issueDeps, audit: { append: async () => Promise.reject(new Error('down')) } };
    const out = await recordIssue(failing, { actor: COORD, formId: 'crash', caseId: CASE.record.id, input: input(), conversationId: undefined });
    assert.equal(out.kind, 'recorded');
    assert.equal(trail.length, 0);
    assert.equal((await issueDeps.issues.listWithPendingAudit('itabashi', 10)).length, 1);
    assert.equal(await sweepIssueAudit(issueDeps), 1);
    assert.equal(trail.length, 1);
    assert.equal(await sweepIssueAudit(issueDeps), 0);
  });
});
