import assert from 'node:assert/strict';
import { closeRollCall } from '../../../../src/app/disaster/closeRollCall';
import { confirmChild, type ConfirmChildRequest } from '../../../../src/app/disaster/confirmChild';
import { deliverRollCallOutbox, type ReminderDelivery, type RollCallReminderSender } from '../../../../src/app/disaster/deliverRollCallOutbox';
import { claimDueReminders, claimDueRemindersForWard } from '../../../../src/app/disaster/dueReminders';
import { MAX_ROLL_CALL_ATTEMPTS } from '../../../../src/app/disaster/mutateRollCall';
import type { DisasterCaseSummary, DisasterDeps } from '../../../../src/app/disaster/ports';
import { viewPriorityList } from '../../../../src/app/disaster/priorityList';
import { viewRollCallSummary } from '../../../../src/app/disaster/rollCallSummary';
import { startRollCall, type StartRollCallRequest } from '../../../../src/app/disaster/startRollCall';
import type { AuditEntry } from '../../../../src/domain/audit';
import type { Actor } from '../../../../src/domain/directory';
import type { DueReminder } from '../../../../src/domain/disaster/reminders';
import { ActorMother } from '../../support/actorMother';
import { CandidateMother, CASE_WORKER, COORDINATOR_1, COORDINATOR_2, DESK, device, EVENT_START, ProfileMother } from '../../domain/disaster/disasterMother';
import { MemoryRollCallRepository } from './memoryRollCallRepository';

class RecordingAudit {
  readonly entries: AuditEntry[] = [];
  failNext = 0;
  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw Object.assign(new Error('audit unavailable'), { code: 503 });
    }
    for (const e of entries) if (!this.entries.some((x) => x.id === e.id)) this.entries.push(e);
  }
  actions(): string[] {
    return this.entries.map((e) => `${e.action} ${e.caseId}`);
  }
}

class RecordingSender implements RollCallReminderSender {
  readonly sent: DueReminder[] = [];
  answers: ReminderDelivery[] = [];
  async sendReminder(reminder: DueReminder): Promise<ReminderDelivery> {
    const answer = this.answers.shift() ?? { kind: 'sent' };
    if (answer.kind === 'sent') this.sent.push(reminder);
    return answer;
  }
}

const CASES: DisasterCaseSummary[] = CandidateMother.ward().map((c) => ({
  ...c,
  profile: c.code === '2026-0001' ? ProfileMother.complete([device('ventilator', 2)]) : c.code === '2026-0004' ? ProfileMother.withDevices(device('suction', 6)) : undefined,
}));

function setup() {
  const rollCalls = new MemoryRollCallRepository();
  const audit = new RecordingAudit();
  let now = new Date('2026-11-25T00:30:00.000Z');
  const deps: DisasterDeps = { rollCalls, audit, clock: { now: () => now }, sleep: async () => {} };
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  return { deps, rollCalls, audit, advance };
}

const startReq = (actor: Actor = DESK, over: Partial<StartRollCallRequest> = {}): StartRollCallRequest => ({
  rollCallId: 'rc-1',
  wardId: 'itabashi',
  actor,
  scope: { kind: 'ward' },
  reason: { kind: 'earthquake', note: '（架空）震度6弱' },
  eventStartedAt: EVENT_START,
  cases: CASES,
  conversationId: 'conv-desk',
  ...over,
});

const confirmReq = (code: string, actor: Actor, over: Partial<ConfirmChildRequest> = {}): ConfirmChildRequest => ({
  rollCallId: 'rc-1',
  caseId: `itabashi:${code}`,
  status: 'safe',
  needs: [],
  note: '',
  key: `key-${code}-${actor.aadObjectId}`,
  actor,
  conversationId: 'conv-1',
  ...over,
});

async function started() {
  const s = setup();
  const out = await startRollCall(s.deps, startReq());
  assert.equal(out.kind, 'started');
  return s;
}

describe('app/disaster: roll-call use cases', () => {
  describe('startRollCall', () => {
    it('when the desk starts a ward roll-call, then it is stored with its groups and the start is audited for the roll-call and each child', async () => {
      const { deps, rollCalls } = setup();
      const out = await startRollCall(deps, startReq());
      assert.equal(out.kind, 'started');
      if (out.kind !== 'started') return;
      assert.equal(out.summary.total, 5);
      assert.equal(out.summary.groups.length, 3);
      const stored = (await rollCalls.load('rc-1'))!.value;
      assert.equal(stored.startedBy.aadObjectId, DESK.aadObjectId);
      assert.equal(stored.startedAt, '2026-11-25T00:30:00.000Z');
      assert.deepEqual(stored.pendingAudit.map((e) => `${e.action} ${e.operation} ${e.caseId}`), [
        'rollcall.start create rollcall:rc-1',
        ...['0001', '0002', '0003', '0004', '0005'].map((n) => `rollcall.start read itabashi:2026-${n}`),
      ]);
    });

    it('when the same start arrives twice, then the second finds the first roll-call and nothing is made twice', async () => {
      const { deps, advance } = await started();
      advance(1);
      const again = await startRollCall(deps, startReq());
      assert.equal(again.kind, 'alreadyStarted');
      assert.equal(again.kind === 'alreadyStarted' && again.rollCall.startedAt, '2026-11-25T00:30:00.000Z');
    });

    it('when a coordinator or a liaison tries to start one, then it is refused and nothing is stored', async () => {
      const { deps, rollCalls } = setup();
      assert.deepEqual(await startRollCall(deps, startReq(COORDINATOR_1)), { kind: 'notAuthorised' });
      assert.deepEqual(await startRollCall(deps, startReq(ActorMother.liaison('school'))), { kind: 'notAuthorised' });
      assert.equal(await rollCalls.load('rc-1'), undefined);
    });

    it('when the district matches nobody or the request is invalid, then it says so and stores nothing', async () => {
      const { deps, rollCalls } = setup();
      const empty = await startRollCall(deps, startReq(CASE_WORKER, { scope: { kind: 'districts', districts: ['成増'] }, includeDistrictUnknown: false }));
      assert.deepEqual(empty, { kind: 'emptyScope', knownDistricts: ['大山', '高島平'] });
      const invalid = await startRollCall(deps, startReq(CASE_WORKER, { reason: { kind: 'other', note: '' } }));
      assert.equal(invalid.kind, 'invalid');
      assert.equal(await rollCalls.load('rc-1'), undefined);
    });
  });

  describe('confirmChild', () => {
    it('when the responsible coordinator marks a child 要支援, then it is recorded with who and when, and the change is audited on the child', async () => {
      const { deps, rollCalls, advance } = await started();
      advance(10);
      const out = await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1, { status: 'needsSupport', needs: ['power'], note: '（架空）バッテリー残り1時間' }));
      assert.equal(out.kind, 'recorded');
      const stored = (await rollCalls.load('rc-1'))!.value;
      const c = stored.confirmations[0]!;
      assert.deepEqual([c.status, c.needs, c.by.aadObjectId, c.at], ['needsSupport', ['power'], COORDINATOR_1.aadObjectId, '2026-11-25T00:40:00.000Z']);
      const entry = stored.pendingAudit.at(-1)!;
      assert.deepEqual([entry.action, entry.operation, entry.caseId, entry.actor, entry.conversationId], ['rollcall.confirm', 'update', 'itabashi:2026-0001', COORDINATOR_1.aadObjectId, 'conv-1']);
      assert.deepEqual(entry.fields, ['rollCall.status', 'rollCall.needs', 'rollCall.note']);
      assert.ok(!JSON.stringify(entry).includes('バッテリー残り'), 'no values in the audit');
    });

    it('when the same click arrives twice, then it is recorded once and nothing is written the second time', async () => {
      const { deps, rollCalls } = await started();
      assert.equal((await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1))).kind, 'recorded');
      const writes = rollCalls.replaces;
      assert.equal((await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1, { status: 'unreachable' }))).kind, 'alreadyRecorded');
      assert.equal(rollCalls.replaces, writes);
      assert.equal((await rollCalls.load('rc-1'))!.value.confirmations.length, 1);
    });

    it('when another coordinator confirms a child not theirs, then it is refused; a case worker may confirm a casework child', async () => {
      const { deps } = await started();
      assert.deepEqual(await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_2)), { kind: 'notAuthorised' });
      assert.deepEqual(await confirmChild(deps, confirmReq('2026-0003', COORDINATOR_1)), { kind: 'notAuthorised' });
      assert.equal((await confirmChild(deps, confirmReq('2026-0003', CASE_WORKER))).kind, 'recorded');
      assert.deepEqual(await confirmChild(deps, confirmReq('2026-0006', CASE_WORKER)), { kind: 'notInRollCall' });
      assert.deepEqual(await confirmChild(deps, confirmReq('2026-0001', DESK, { rollCallId: 'nope' })), { kind: 'notFound' });
    });

    it('when the data is invalid, then the errors name the fields and nothing is stored', async () => {
      const { deps, rollCalls } = await started();
      const out = await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1, { status: 'needsSupport', needs: [] }));
      assert.deepEqual(out, { kind: 'invalid', errors: [{ field: 'needs', code: 'ROLLCALL.NEEDS_REQUIRED' }] });
      assert.equal((await rollCalls.load('rc-1'))!.value.confirmations.length, 0);
    });

    it('when somebody else saved in between, then the confirmation is decided again on the fresh roll-call and stored', async () => {
      const { deps, rollCalls } = await started();
      rollCalls.failNextReplaces = 3;
      assert.equal((await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1))).kind, 'recorded');
      assert.equal((await rollCalls.load('rc-1'))!.value.confirmations.length, 1);
    });

    it('when every attempt conflicts, then it reports busy and nothing is recorded', async () => {
      const { deps, rollCalls } = await started();
      rollCalls.failNextReplaces = MAX_ROLL_CALL_ATTEMPTS;
      assert.deepEqual(await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1)), { kind: 'busy' });
      assert.equal((await rollCalls.load('rc-1'))!.value.confirmations.length, 0);
    });

    it('when ten people confirm different children at once, then all ten survive', async () => {
      const { deps, rollCalls } = setup();
      const many: DisasterCaseSummary[] = Array.from({ length: 10 }, (_, i) => ({ ...CandidateMother.child(`2026-${String(i + 1).padStart(4, '0')}`), profile: undefined }));
      await startRollCall(deps, startReq(DESK, { cases: many }));
      const outs = await Promise.all(many.map((c) => confirmChild(deps, confirmReq(c.code, CASE_WORKER))));
      assert.deepEqual(outs.map((o) => o.kind), Array(10).fill('recorded'));
      assert.equal((await rollCalls.load('rc-1'))!.value.confirmations.length, 10);
      assert.ok(rollCalls.replaces > 10, 'there were conflicts to retry');
    });
  });

  describe('summary and priority list', () => {
    it('when a coordinator asks for the summary, then the read is audited before the counts are returned', async () => {
      const { deps, audit } = await started();
      await confirmChild(deps, confirmReq('2026-0004', COORDINATOR_1, { status: 'unreachable' }));
      const out = await viewRollCallSummary(deps, { rollCallId: 'rc-1', actor: COORDINATOR_2, conversationId: 'c' });
      assert.equal(out.kind, 'found');
      assert.ok(out.kind === 'found' && out.summary.counts.unreachable === 1 && out.summary.counts.unconfirmed === 4);
      assert.deepEqual(audit.actions(), ['rollcall.summary rollcall:rc-1']);
      assert.deepEqual(await viewRollCallSummary(deps, { rollCallId: 'rc-1', actor: ActorMother.liaison('nursery'), conversationId: 'c' }), { kind: 'notAuthorised' });
    });

    it('when the audit trail is down, then the summary is not returned', async () => {
      const { deps, audit } = await started();
      audit.failNext = 1;
      await assert.rejects(viewRollCallSummary(deps, { rollCallId: 'rc-1', actor: DESK, conversationId: 'c' }), /audit unavailable/);
    });

    it('when the desk asks for the priority list, then every child is listed by margin and each profile read is audited on the child', async () => {
      const { deps, audit, advance } = await started();
      advance(60); // 01:30, 1.5 h after the event
      const out = await viewPriorityList(deps, { rollCallId: 'rc-1', actor: DESK, cases: CASES, conversationId: 'c' });
      assert.equal(out.kind, 'found');
      if (out.kind !== 'found') return;
      // 0002, 0003, 0005 have no profile (不明, by code); 0001 ventilator 2 h → 0.5; 0004 suction 6 h → 4.5.
      assert.deepEqual(out.entries.map((e) => e.caseCode.slice(5)), ['0002', '0003', '0005', '0001', '0004']);
      assert.equal(out.partial, false);
      assert.equal(out.computedAt, '2026-11-25T01:30:00.000Z');
      assert.deepEqual(audit.actions().sort(), ['0001', '0002', '0003', '0004', '0005'].map((n) => `rollcall.priority itabashi:2026-${n}`));
    });

    it('when a coordinator asks for the priority list, then they see only their own children', async () => {
      const { deps, audit } = await started();
      const out = await viewPriorityList(deps, { rollCallId: 'rc-1', actor: COORDINATOR_1, cases: CASES, conversationId: 'c' });
      assert.ok(out.kind === 'found');
      assert.deepEqual(out.entries.map((e) => e.caseCode), ['2026-0001', '2026-0004']);
      assert.equal(out.partial, true);
      assert.equal(audit.entries.length, 2);
      assert.deepEqual(await viewPriorityList(deps, { rollCallId: 'rc-1', actor: ActorMother.liaison('school'), cases: CASES, conversationId: 'c' }), { kind: 'notAuthorised' });
    });
  });

  describe('closeRollCall', () => {
    it('when the desk closes the roll-call, then who and when are kept, later confirmations are refused and a second close says who closed it', async () => {
      const { deps, advance } = await started();
      advance(120);
      const out = await closeRollCall(deps, { rollCallId: 'rc-1', actor: DESK, note: '（架空）終了', conversationId: 'c' });
      assert.equal(out.kind, 'closed');
      assert.equal((await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1))).kind, 'closed');
      const again = await closeRollCall(deps, { rollCallId: 'rc-1', actor: CASE_WORKER, note: '', conversationId: 'c' });
      assert.ok(again.kind === 'alreadyClosed');
      assert.deepEqual([again.closed.by.aadObjectId, again.closed.at], [DESK.aadObjectId, '2026-11-25T02:30:00.000Z']);
      assert.deepEqual(await closeRollCall(deps, { rollCallId: 'rc-1', actor: COORDINATOR_1, note: '', conversationId: 'c' }), { kind: 'notAuthorised' });
    });
  });

  describe('reminders and the roll-call outbox', () => {
    const POLICY = { intervalMinutes: 30 };

    it('when reminders are due, then exactly one claim gets them and a second claim at the same time gets none', async () => {
      const { deps, advance } = await started();
      advance(30);
      const [a, b] = await Promise.all([claimDueReminders(deps, 'rc-1', POLICY), claimDueReminders(deps, 'rc-1', POLICY)]);
      const counts = [a, b].map((o) => (o.kind === 'claimed' ? o.reminders.length : -1)).sort();
      assert.deepEqual(counts, [0, 3]);
    });

    it('when the claimed reminders are delivered, then each lists the open children, audit entries reach the trail, and the outbox is empty', async () => {
      const { deps, rollCalls, audit, advance } = await started();
      await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1));
      await confirmChild(deps, confirmReq('2026-0002', COORDINATOR_2));
      await confirmChild(deps, confirmReq('2026-0005', COORDINATOR_2, { status: 'unreachable' }));
      advance(30);
      await claimDueReminders(deps, 'rc-1', POLICY);
      const sender = new RecordingSender();
      const result = await deliverRollCallOutbox({ ...deps, reminders: sender }, 'rc-1');
      assert.deepEqual(sender.sent.map((r) => `${r.groupKey.split(':')[0]} ${r.children.map((c) => c.caseCode).join(',')}`), ['coordinator 2026-0004', 'coordinator 2026-0005', 'casework 2026-0003']);
      assert.equal(result?.remindersSent, 3);
      assert.ok(audit.actions().includes('rollcall.confirm itabashi:2026-0001'));
      assert.ok(audit.actions().includes('rollcall.remind rollcall:rc-1'));
      assert.equal(audit.actions().filter((a) => a.startsWith('rollcall.start')).length, 6);
      const stored = (await rollCalls.load('rc-1'))!.value;
      assert.deepEqual([stored.pendingAudit.length, stored.pendingReminders.length], [0, 0]);
      assert.deepEqual(await rollCalls.listWithOutboxWork(10), []);
    });

    it('when a child is confirmed between claim and delivery, then the reminder lists only who is still open, or is dropped', async () => {
      const { deps, advance } = await started();
      advance(30);
      await claimDueReminders(deps, 'rc-1', POLICY);
      await confirmChild(deps, confirmReq('2026-0003', CASE_WORKER));
      await confirmChild(deps, confirmReq('2026-0001', COORDINATOR_1));
      const sender = new RecordingSender();
      const result = await deliverRollCallOutbox({ ...deps, reminders: sender }, 'rc-1');
      assert.deepEqual(sender.sent.map((r) => r.children.map((c) => c.caseCode).join(',')), ['2026-0004', '2026-0002,2026-0005']);
      assert.equal(result?.remindersDropped, 1);
    });

    it('when Teams throttles and the audit trail is down, then the work stays in the outbox and a retry time is given', async () => {
      const { deps, rollCalls, audit, advance } = await started();
      advance(30);
      await claimDueReminders(deps, 'rc-1', POLICY);
      audit.failNext = 1;
      const sender = new RecordingSender();
      sender.answers = [{ kind: 'retryLater', afterMs: 5000 }, { kind: 'sent' }, { kind: 'gaveUp', status: 403 }];
      const result = await deliverRollCallOutbox({ ...deps, reminders: sender }, 'rc-1');
      assert.equal(result?.retryAfterMs, 5000);
      const stored = (await rollCalls.load('rc-1'))!.value;
      assert.equal(stored.pendingReminders.length, 1, 'the throttled one waits');
      assert.ok(stored.pendingAudit.length > 0, 'audit kept');
      assert.deepEqual(await rollCalls.listWithOutboxWork(10), ['rc-1']);
      const second = await deliverRollCallOutbox({ ...deps, reminders: sender }, 'rc-1');
      assert.equal(second?.retryAfterMs, undefined);
      assert.deepEqual(await rollCalls.listWithOutboxWork(10), []);
    });

    it('when everyone is confirmed or the roll-call is closed, then the ward sweep claims nothing', async () => {
      const { deps, advance } = await started();
      for (const [code, actor] of [['2026-0001', COORDINATOR_1], ['2026-0004', COORDINATOR_1], ['2026-0002', COORDINATOR_2], ['2026-0005', COORDINATOR_2], ['2026-0003', CASE_WORKER]] as const) {
        await confirmChild(deps, confirmReq(code, actor));
      }
      await startRollCall(deps, startReq(DESK, { rollCallId: 'rc-2', scope: { kind: 'districts', districts: ['高島平'] } }));
      await closeRollCall(deps, { rollCallId: 'rc-2', actor: DESK, note: '', conversationId: 'c' });
      advance(90);
      assert.deepEqual(await claimDueRemindersForWard(deps, 'itabashi', POLICY), { claimed: [], busy: [] });
      assert.deepEqual(await deps.rollCalls.listOpen('itabashi', 10), ['rc-1']);
    });
  });
});
