import assert from 'node:assert/strict';
import { applyEscalation, awaitingSince, businessDaysWaiting, currentEscalation, escalationDue, type Handoff } from '../../../src/domain/handoff';
import { decideAccept, decideDecline } from '../../../src/domain/handoff';
import { ActorMother } from '../support/actorMother';
import { HandoffMother, personOf, placementFor, unpostedPlacement } from '../support/handoffMother';
import { d, wardCalendar } from './transitions/transitionMother';

const calendar = wardCalendar();
/** Sent on Friday 2026-11-20 at 10:00 JST; Monday 11-23 is 勤労感謝の日. */
const SENT_AT = '2026-11-20T01:00:00.000Z';
function sentOnFriday(): Handoff {
  const h = HandoffMother.sent();
  return { ...h, createdAt: SENT_AT, history: [{ type: 'sent', to: 'coordinators', by: personOf(ActorMother.desk()), at: SENT_AT }] };
}
const due = (h: Handoff, day: number, month = 11, n = 2) => escalationDue(h, d(2026, month, day), calendar, n);

describe('domain/handoff: escalation of handoffs nobody accepts (ward business days)', () => {
  it('when counted across a weekend and a public holiday, then only full working days after the sending day count', () => {
    const table: ReadonlyArray<[number, number, number]> = [
      [11, 20, 0], // the sending day itself
      [11, 23, 0], // 勤労感謝の日 (Monday)
      [11, 24, 0], // Tuesday: the first working day after, not over yet
      [11, 25, 1],
      [11, 26, 2],
      [11, 30, 4], // Friday 27 was the third
      [12, 1, 5],
    ];
    for (const [month, day, expected] of table) assert.equal(businessDaysWaiting(SENT_AT, d(2026, month, day), calendar), expected, `${month}/${day}`);
  });

  it('when N = 2 and a handoff sent on the Friday before a holiday waits, then it escalates on Thursday (level 1) and the next Monday (level 2), not before', () => {
    const h = sentOnFriday();
    assert.equal(due(h, 24).kind, 'none');
    assert.equal(due(h, 25).kind, 'none');
    assert.deepEqual(due(h, 26), { kind: 'escalate', from: 0, to: 1, businessDays: 2, since: SENT_AT });
    const once = applyEscalation(h, due(h, 26) as Extract<ReturnType<typeof due>, { kind: 'escalate' }>, '2026-11-25T23:30:00.000Z', { fresh: placementFor('coordinators', 'receiver', { activityId: undefined, syncedVersion: 0 }) });
    assert.equal(due(once, 26).kind, 'none', 'recorded: not twice the same day');
    assert.equal(due(once, 27).kind, 'none', 'level 2 needs 2N = 4 days');
    assert.deepEqual(due(once, 30), { kind: 'escalate', from: 1, to: 2, businessDays: 4, since: SENT_AT });
  });

  it('when today is a Saturday, a holiday or in the year-end closure, then nothing escalates even if it is overdue', () => {
    const h = sentOnFriday();
    assert.equal(due(h, 28).kind, 'none'); // Saturday
    assert.equal(escalationDue(h, d(2026, 12, 29), calendar, 2).kind, 'none'); // 年末年始
    assert.equal(escalationDue(h, d(2027, 1, 4), calendar, 2).kind, 'escalate');
  });

  it('when the run was missed for days, then one step catches up to level 2 and records both levels with both cards', () => {
    const h = sentOnFriday();
    const step = due(h, 30);
    assert.deepEqual(step, { kind: 'escalate', from: 0, to: 2, businessDays: 4, since: SENT_AT });
    if (step.kind !== 'escalate') return;
    const fresh = unpostedPlacement('coordinators');
    const casework = placementFor('casework', 'escalation', { activityId: undefined, syncedVersion: 0 });
    const after = applyEscalation(h, step, '2026-11-29T23:30:00.000Z', { fresh, casework });
    assert.deepEqual(after.escalations?.map((e) => e.level), [1, 2]);
    assert.deepEqual(after.placements.slice(-2).map((p) => p.role), ['receiver', 'escalation']);
    assert.equal(after.version, h.version + 1, 'existing cards are rewritten');
    assert.deepEqual(currentEscalation(after), { level: 2, since: SENT_AT, at: '2026-11-29T23:30:00.000Z', businessDays: 4 });
    assert.equal(due(after, 30).kind, 'none');
  });

  it('when the handoff was accepted or returned, then it waits nowhere and never escalates; its escalation is no longer current', () => {
    const h = sentOnFriday();
    const escalated = applyEscalation(h, due(h, 26) as Extract<ReturnType<typeof due>, { kind: 'escalate' }>, '2026-11-25T23:30:00.000Z', {});
    const accepted = decideAccept(escalated, ActorMother.coordinator(1), '2026-11-26T02:00:00.000Z');
    assert.equal(accepted.kind, 'accepted');
    if (accepted.kind !== 'accepted') return;
    assert.equal(awaitingSince(accepted.handoff), undefined);
    assert.equal(currentEscalation(accepted.handoff), undefined);
    assert.equal(escalationDue(accepted.handoff, d(2026, 12, 10), calendar, 2).kind, 'none');
    const returned = decideDecline(h, ActorMother.coordinator(1), { reason: 'noCapacity', comment: '', forwardTo: 'desk' }, '2026-11-24T01:00:00.000Z', unpostedPlacement);
    if (returned.kind !== 'declined') throw new Error('setup');
    assert.equal(escalationDue(returned.handoff, d(2026, 12, 10), calendar, 2).kind, 'none');
  });

  it('when a waiting handoff is forwarded to another department, then the count starts again from the new sending', () => {
    const h = sentOnFriday();
    const escalated = applyEscalation(h, due(h, 26) as Extract<ReturnType<typeof due>, { kind: 'escalate' }>, '2026-11-25T23:30:00.000Z', {});
    const forwarded = decideDecline(escalated, ActorMother.coordinator(1), { reason: 'outOfScope', comment: '', forwardTo: 'nursery' }, '2026-11-26T01:00:00.000Z', unpostedPlacement);
    if (forwarded.kind !== 'declined') throw new Error('setup');
    assert.equal(currentEscalation(forwarded.handoff), undefined, 'the old escalation belongs to the old sending');
    assert.equal(escalationDue(forwarded.handoff, d(2026, 11, 30), calendar, 2).kind, 'none', 'Friday 27 and Monday 30: 1 full day');
    assert.equal(escalationDue(forwarded.handoff, d(2026, 12, 1), calendar, 2).kind, 'escalate');
  });

  it('when N is 1, then the steps come after 1 and 2 full working days', () => {
    const h = sentOnFriday();
    assert.equal(due(h, 25, 11, 1).kind, 'escalate');
    assert.deepEqual(due(h, 26, 11, 1), { kind: 'escalate', from: 0, to: 2, businessDays: 2, since: SENT_AT });
  });
});
