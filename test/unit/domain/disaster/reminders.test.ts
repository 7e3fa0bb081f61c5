import assert from 'node:assert/strict';
import { dueReminders, markReminderDelivered, recordReminders, reminderToDeliver } from '../../../../src/domain/disaster/reminders';
import { closeRollCall, confirmChild, type RollCall, type SafetyStatus } from '../../../../src/domain/disaster/rollCall';
import { COORDINATOR_1, COORDINATOR_2, DESK, personOf, RollCallMother, STARTED_AT } from './disasterMother';

const at = (minutes: number) => new Date(Date.parse(STARTED_AT) + minutes * 60_000).toISOString();
const POLICY = { intervalMinutes: 30 };
const C1 = `coordinator:${COORDINATOR_1.aadObjectId}`;
const C2 = `coordinator:${COORDINATOR_2.aadObjectId}`;

function mark(rc: RollCall, code: string, status: SafetyStatus, minutes: number): RollCall {
  const d = confirmChild(rc, { key: `${code}-${minutes}`, caseId: `itabashi:${code}`, status, needs: status === 'needsSupport' ? ['transport'] : [], note: '', by: personOf(DESK), at: at(minutes) });
  assert.equal(d.kind, 'recorded');
  return d.kind === 'recorded' ? d.rollCall : rc;
}
const groupsDue = (rc: RollCall, minutes: number, policy: { intervalMinutes: number; maxRounds?: number } = POLICY) => dueReminders(rc, at(minutes), policy).map((r) => `${r.groupKey === 'casework' ? 'casework' : r.groupKey === C1 ? 'c1' : 'c2'}#${r.round}:${r.children.map((c) => c.caseCode.slice(5)).join(',')}`);
const remind = (rc: RollCall, minutes: number) => recordReminders(rc, dueReminders(rc, at(minutes), POLICY), at(minutes));

describe('domain/disaster: reminders until everyone is confirmed or the roll-call is closed', () => {
  it('when less than the interval has passed since the start, then nothing is due', () => {
    assert.deepEqual(groupsDue(RollCallMother.ward(), 29), []);
  });

  it('when the interval has passed, then each group with open children is due, listing only its open children', () => {
    let rc = RollCallMother.ward();
    rc = mark(rc, '2026-0001', 'safe', 5);
    rc = mark(rc, '2026-0002', 'needsSupport', 6);
    rc = mark(rc, '2026-0005', 'safe', 7);
    // c1: 0004 open; c2: all confirmed (0002 要支援 counts as confirmed); casework: 0003 open.
    assert.deepEqual(groupsDue(rc, 30), ['c1#1:0004', 'casework#1:0003']);
    const r = dueReminders(rc, at(30), POLICY)[0]!;
    assert.equal(r.id, `rc-1:${C1}:1`);
    assert.deepEqual(r.responsible, { kind: 'coordinator', ...personOf(COORDINATOR_1) });
  });

  it('when a child is 連絡つかず, then their group keeps being reminded about them', () => {
    let rc = RollCallMother.ward();
    for (const code of ['2026-0001', '2026-0002', '2026-0003', '2026-0005']) rc = mark(rc, code, 'safe', 5);
    rc = mark(rc, '2026-0004', 'unreachable', 6);
    assert.deepEqual(groupsDue(rc, 30), ['c1#1:0004']);
    rc = remind(rc, 30);
    assert.deepEqual(groupsDue(rc, 59), [], 'not again before the interval from the last reminder');
    assert.deepEqual(groupsDue(rc, 60), ['c1#2:0004']);
  });

  it('when a round is recorded, then it is in the outbox with its children, and recording it again changes nothing', () => {
    const rc = RollCallMother.ward();
    const due = dueReminders(rc, at(30), POLICY);
    const once = recordReminders(rc, due, at(30));
    assert.deepEqual(once.reminderLog.map((l) => [l.rounds, l.lastAt]), [[1, at(30)], [1, at(30)], [1, at(30)]]);
    assert.deepEqual(once.pendingReminders.map((p) => p.id), due.map((r) => r.id));
    assert.deepEqual(recordReminders(once, due, at(31)), once);
  });

  it('when a new round comes before the last one was delivered, then it replaces it in the outbox', () => {
    let rc = remind(RollCallMother.ward(), 30);
    rc = remind(rc, 60);
    assert.deepEqual(rc.pendingReminders.map((p) => p.round), [2, 2, 2]);
    assert.equal(rc.pendingReminders.length, rc.groups.length);
  });

  it('when every child is confirmed, then no reminder is due any more', () => {
    let rc = remind(RollCallMother.ward(), 30);
    for (const code of ['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005']) rc = mark(rc, code, 'safe', 40);
    assert.deepEqual(groupsDue(rc, 90), []);
  });

  it('when the roll-call is closed, then no reminder is due and the outbox of reminders is emptied', () => {
    const rc = remind(RollCallMother.ward(), 30);
    const closed = closeRollCall(rc, personOf(DESK), at(45), '');
    assert.ok(closed.kind === 'closed');
    assert.deepEqual(groupsDue(closed.rollCall, 600), []);
    assert.deepEqual(closed.rollCall.pendingReminders, []);
  });

  it('when the policy limits the rounds, then a group is not reminded beyond them', () => {
    let rc = RollCallMother.ward();
    rc = recordReminders(rc, dueReminders(rc, at(30), { intervalMinutes: 30, maxRounds: 2 }), at(30));
    rc = recordReminders(rc, dueReminders(rc, at(60), { intervalMinutes: 30, maxRounds: 2 }), at(60));
    assert.deepEqual(groupsDue(rc, 90, { intervalMinutes: 30, maxRounds: 2 }), []);
    assert.equal(groupsDue(rc, 90).length, 3);
  });

  it('when a claimed reminder is delivered later, then it lists the children open at that time, or is dropped when none is left', () => {
    let rc = remind(RollCallMother.ward(), 30);
    const c2 = rc.pendingReminders.find((p) => p.groupKey === C2)!;
    rc = mark(rc, '2026-0002', 'safe', 35);
    assert.deepEqual(reminderToDeliver(rc, c2)?.children.map((c) => c.caseCode), ['2026-0005']);
    rc = mark(rc, '2026-0005', 'safe', 36);
    assert.equal(reminderToDeliver(rc, c2), undefined);
    rc = markReminderDelivered(rc, c2.id);
    assert.deepEqual(rc.pendingReminders.map((p) => p.groupKey), [C1, 'casework']);
    assert.equal(markReminderDelivered(rc, 'unknown-id'), rc);
  });

  it('when the interval is not positive, then it is a bug and throws with a code', () => {
    assert.throws(() => dueReminders(RollCallMother.ward(), at(30), { intervalMinutes: 0 }), /ROLLCALL\.BAD_POLICY/);
  });
});
