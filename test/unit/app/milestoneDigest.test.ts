import assert from 'node:assert/strict';
import { DigestScheduler, type DigestSchedulerDeps } from '../../../src/app/digestScheduler';
import { digestView, type MilestoneListView } from '../../../src/app/milestoneViews';
import type { Language, PersonalConversation, PersonalDelivery, PersonalNotifier } from '../../../src/app/ports';
import { MemoryPersonalConversations as MemoryConversations } from '../../support/memoryPersonalConversations';
import type { CaseFile } from '../../../src/domain/caseFile';
import type { Actor } from '../../../src/domain/directory';
import { ActorMother } from '../support/actorMother';
import { CaseFileMother } from '../support/caseFileMother';
import { TransitionDataMother, wardCalendar } from '../domain/transitions/transitionMother';

const cal = { transitions: TransitionDataMother.checkedIn(), calendar: wardCalendar() };

/** A fictional case (架空) with its own code, child and enrolment. */
function caseFile(code: string, birthDate: { year: number; month: number; day: number }, enrolment?: 'nursery' | 'elementary'): CaseFile {
  const base = CaseFileMother.preschoolChild({ birthDate });
  return { ...base, record: { ...base.record, id: `itabashi:${code}`, code, enrolment: enrolment && { kind: enrolment, place: '（架空）保育園' } } };
}

describe('app/milestoneViews: the digest over several cases', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  // 2026-0001: entering school 2027-04 (就学 steps); 2026-0002: aged 4 at home (nursery and kindergarten entry 2027-04).
  const files = [caseFile('2026-0002', { year: 2022, month: 5, day: 1 }), caseFile('2026-0001', { year: 2020, month: 10, day: 10 })];
  const view = digestView(files, now, cal);

  it('when two cases have milestones, then the rows of both are merged most urgent first (by due date, then case code)', () => {
    const keys = view.rows.map((r) => `${r.dueDate} ${r.caseCode} ${r.milestoneId}`);
    assert.deepEqual(keys, [...keys].sort());
    assert.ok(new Set(view.rows.map((r) => r.caseCode)).size === 2, 'both cases appear');
    // Both children have a step due on 2026-06-30: the tie goes to the lower case code.
    assert.deepEqual(view.rows.slice(0, 3).map((r) => `${r.caseCode} ${r.milestoneId}`), ['2026-0001 elementary.shugakuSodanStart', '2026-0002 kindergarten.acceptanceConsultation', '2026-0002 nursery.ikeaConsultation']);
    assert.equal(view.rows[0]?.timing, 'overdue');
    assert.ok(view.rows.every((r) => r.timing !== 'later'), 'only overdue, 30 and 90 days');
  });
  it('when the digest is built, then rows carry the case code and ids only (no name), and it is dated in Tokyo', () => {
    assert.equal(view.today, '2026-12-01');
    assert.equal(view.minPostponeDate, '2026-12-02');
    assert.ok(!JSON.stringify(view).includes('架空 花子'));
  });
  it('when there are more than 15 rows, then 15 are shown and the total is kept', () => {
    const many = digestView([...files, caseFile('2026-0003', { year: 2020, month: 10, day: 10 }), caseFile('2026-0004', { year: 2020, month: 10, day: 10 })], now, cal);
    assert.equal(many.rows.length, 15);
    assert.ok(many.total > 15);
  });
});

class RecordingNotifier implements PersonalNotifier {
  readonly sent: { to: string; view: MilestoneListView; language: Language }[] = [];
  answers: PersonalDelivery[] = [];
  async sendMilestoneDigest(to: PersonalConversation, view: MilestoneListView, language: Language): Promise<PersonalDelivery> {
    const answer = this.answers.shift() ?? { kind: 'sent' };
    if (answer.kind === 'sent') this.sent.push({ to: to.aadObjectId, view, language });
    return answer;
  }
}

const coordinator = ActorMother.coordinator(1);
const desk = ActorMother.desk();
const conversationOf = (actor: Actor): PersonalConversation => ({ aadObjectId: actor.aadObjectId, serviceUrl: 'https://smba.example/jp/', conversationId: `a:${actor.aadObjectId}`, tenantId: 't', botId: '28:bot', userId: `29:${actor.aadObjectId}` });
const ROW_VIEW = digestView([caseFile('2026-0001', { year: 2020, month: 10, day: 10 })], new Date('2026-12-01T00:00:00Z'), cal);
const EMPTY_VIEW: MilestoneListView = { ...ROW_VIEW, rows: [], total: 0 };

function scheduler(conversations: MemoryConversations, notifier: RecordingNotifier, clock: { t: number }, ids: { n: number }, over: Partial<DigestSchedulerDeps> = {}): DigestScheduler {
  const people = new Map([coordinator, desk].map((a) => [a.aadObjectId, a]));
  return new DigestScheduler(
    {
      conversations,
      notifier,
      actors: { resolve: async (aad) => people.get(aad) },
      prefs: { getLanguage: async (aad) => (aad === coordinator.aadObjectId ? 'en' : undefined), setLanguage: async () => undefined },
      clock: { now: () => new Date(clock.t) },
      ids: { newId: () => `claim-${++ids.n}` },
      calendar: wardCalendar(),
      digest: async () => ROW_VIEW,
      time: { hour: 8, minute: 30 },
      defaultLanguage: 'ja',
      log: { info: () => undefined, warn: () => undefined },
      ...over,
    },
    { checkIntervalMs: 60_000, leaseMs: 10 * 60_000 },
  );
}

describe('app/digestScheduler: once a day per coordinator, whatever the instances and crashes', () => {
  let conversations: MemoryConversations;
  let notifier: RecordingNotifier;
  const clock = { t: 0 };
  const ids = { n: 0 };
  beforeEach(async () => {
    conversations = new MemoryConversations();
    notifier = new RecordingNotifier();
    clock.t = Date.parse('2026-12-01T00:00:00Z'); // 09:00 JST, Tuesday
    await conversations.remember(conversationOf(coordinator), '2026-11-30T00:00:00Z');
    await conversations.remember(conversationOf(desk), '2026-11-30T00:00:00Z');
  });

  it('when two instances run at the same moment, then the coordinator gets exactly one digest, in their language; the desk none', async () => {
    const [a, b] = await Promise.all([scheduler(conversations, notifier, clock, ids).runDue(), scheduler(conversations, notifier, clock, ids).runDue()]);
    assert.equal(a.sent + b.sent, 1);
    assert.deepEqual(notifier.sent.map((s) => [s.to, s.language]), [[coordinator.aadObjectId, 'en']]);
    assert.equal((await conversations.find(coordinator.aadObjectId))?.digest?.state, 'sent');
    assert.equal((await conversations.find(desk.aadObjectId))?.digest?.state, 'nothingToSend');
  });

  it('when an instance crashed after claiming (before sending), then nobody sends within the lease, and one sends after it', async () => {
    const crashed = scheduler(conversations, notifier, clock, ids, { digest: () => new Promise<MilestoneListView>(() => undefined) /* never returns: the crash */ });
    void crashed.runDue();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal((await conversations.find(coordinator.aadObjectId))?.digest?.state, 'claimed');
    const survivor = scheduler(conversations, notifier, clock, ids);
    clock.t += 9 * 60_000;
    assert.equal((await survivor.runDue()).sent, 0);
    clock.t += 60_000;
    assert.equal((await survivor.runDue()).sent, 1);
    assert.equal(notifier.sent.length, 1);
    assert.equal((await conversations.find(coordinator.aadObjectId))?.digest?.attempts, 2);
  });

  it('when the digest has no rows, then nothing is sent and the day is finished', async () => {
    const s = scheduler(conversations, notifier, clock, ids, { digest: async () => EMPTY_VIEW });
    assert.equal((await s.runDue()).nothingToSend, 2);
    assert.equal(notifier.sent.length, 0);
  });

  it('when Teams says the app is gone (403/404), then the reference is removed and nothing is retried', async () => {
    notifier.answers = [{ kind: 'unreachable', status: 403 }];
    const s = scheduler(conversations, notifier, clock, ids);
    assert.equal((await s.runDue()).removed, 1);
    assert.equal(await conversations.find(coordinator.aadObjectId), undefined);
    clock.t += 3_600_000;
    assert.equal((await s.runDue()).sent, 0);
  });

  it('when Teams rejects the card (400), then the day is given up rather than retried forever', async () => {
    notifier.answers = [{ kind: 'rejected', status: 400 }];
    const s = scheduler(conversations, notifier, clock, ids);
    await s.runDue();
    assert.equal((await conversations.find(coordinator.aadObjectId))?.digest?.state, 'gaveUp');
    clock.t += 3_600_000;
    assert.equal((await s.runDue()).sent, 0);
  });

  it('when building the digest fails (the store is down), then it is retried a minute later and sent once', async () => {
    let fail = true;
    const s = scheduler(conversations, notifier, clock, ids, {
      digest: async () => {
        if (fail) throw Object.assign(new Error('store down'), { code: 503 });
        return ROW_VIEW;
      },
    });
    assert.equal((await s.runDue()).retryLater, 1);
    fail = false;
    clock.t += 59_000;
    assert.equal((await s.runDue()).sent, 0);
    clock.t += 1_000;
    assert.equal((await s.runDue()).sent, 1);
  });

  it('when a new working day comes, then the next digest goes out; a weekend in between sends nothing', async () => {
    const s = scheduler(conversations, notifier, clock, ids);
    assert.equal((await s.runDue()).sent, 1);
    clock.t = Date.parse('2026-12-04T23:31:00Z'); // Saturday 08:31 JST
    assert.equal((await s.runDue()).date, undefined);
    clock.t = Date.parse('2026-12-06T23:31:00Z'); // Monday 08:31 JST
    assert.equal((await s.runDue()).sent, 1);
    assert.equal(notifier.sent.length, 2);
  });
});
