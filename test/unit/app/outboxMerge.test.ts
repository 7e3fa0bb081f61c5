import assert from 'node:assert/strict';
import { claimNewCards, mergeDelivered } from '../../../src/app/outboxWorker';
import type { CaseFile } from '../../../src/domain/caseFile';
import type { AuditEntry } from '../../../src/domain/audit';
import { CaseFileMother } from '../support/caseFileMother';
import { HandoffMother, placementFor } from '../support/handoffMother';

const entry = (id: string): AuditEntry => ({ id, caseId: 'itabashi:2026-0001', actor: 'system', operation: 'update', action: 'x', fields: [], at: '2026-11-25T00:00:00.000Z', conversationId: undefined });

describe('app/outboxWorker: mergeDelivered (a delivery recorded on a file somebody changed meanwhile)', () => {
  const unposted = placementFor('coordinators', 'receiver', { id: 'p-new', activityId: undefined, syncedVersion: 0 });
  const h = { ...HandoffMother.sent(), placements: [unposted] };
  const before: CaseFile = { ...CaseFileMother.preschoolChild({}, [h]), pendingAudit: [entry('a1')] };
  // What the delivery did: appended a1, posted the card.
  const after: CaseFile = { ...before, pendingAudit: [], handoffs: [{ ...h, placements: [{ ...unposted, activityId: '1001', syncedVersion: 1, conversation: { ...unposted.conversation, conversationId: '19:c;messageid=1001' } }] }] };

  it('when a click accepted the handoff and added an audit entry meanwhile, then the post is kept (not posted again), the new state stays and only the delivered entry leaves the outbox', () => {
    const fresh: CaseFile = { ...before, pendingAudit: [entry('a1'), entry('a2')], handoffs: [{ ...h, version: 2, state: { status: 'accepted', by: { aadObjectId: 'c1', displayName: 'c1' }, at: 'x' } }] };
    const merged = mergeDelivered(fresh, before, after);
    const p = merged.handoffs[0]!.placements[0]!;
    assert.deepEqual([p.activityId, p.conversation.conversationId, p.syncedVersion], ['1001', '19:c;messageid=1001', 1], 'posted: needs an update to version 2, not a new post');
    assert.equal(merged.handoffs[0]!.version, 2);
    assert.equal(merged.handoffs[0]!.state.status, 'accepted');
    assert.deepEqual(merged.pendingAudit.map((e) => e.id), ['a2']);
  });

  it('when the delivery replaced a lost card with a new one, then the new card is added to the fresh file once', () => {
    const lost = placementFor('coordinators', 'receiver', { id: 'p-old' });
    const h2 = { ...HandoffMother.sent(), placements: [lost] };
    const b: CaseFile = CaseFileMother.preschoolChild({}, [h2]);
    const replacement = { ...lost, id: 'p-repost', activityId: undefined, syncedVersion: 0 };
    const a: CaseFile = { ...b, handoffs: [{ ...h2, placements: [{ ...lost, superseded: true }, replacement] }] };
    const merged = mergeDelivered(b, b, a);
    assert.deepEqual(merged.handoffs[0]!.placements.map((p) => [p.id, p.superseded]), [['p-old', true], ['p-repost', false]]);
    assert.equal(mergeDelivered(a, b, a).handoffs[0]!.placements.length, 2, 'not twice');
  });
});

describe('app/outboxWorker: claimNewCards (two instances, one post)', () => {
  const unposted = placementFor('coordinators', 'receiver', { id: 'p-new', activityId: undefined, syncedVersion: 0 });
  const file: CaseFile = CaseFileMother.preschoolChild({}, [{ ...HandoffMother.sent(), placements: [unposted, placementFor('desk', 'sender')] }]);
  const now = new Date('2026-11-25T00:00:00.000Z');

  it('when instance A claims a new card, then instance B leaves it alone until A\'s lease runs out, and may take it over after', () => {
    const a = claimNewCards(file, 'A', now, 60_000);
    assert.equal(a.changed, true);
    assert.deepEqual(a.file.handoffs[0]!.placements[0]!.postClaim, { by: 'A', until: '2026-11-25T00:01:00.000Z' });
    assert.equal(a.file.handoffs[0]!.placements[1]!.postClaim, undefined, 'posted cards need no claim');
    const b = claimNewCards(a.file, 'B', new Date(now.getTime() + 20_000), 60_000);
    assert.deepEqual([b.changed, b.heldByOthersMs], [false, 40_000]);
    const later = claimNewCards(a.file, 'B', new Date(now.getTime() + 61_000), 60_000);
    assert.equal(later.file.handoffs[0]!.placements[0]!.postClaim?.by, 'B', 'a claim left by a crash runs out');
    assert.equal(claimNewCards(a.file, 'A', new Date(now.getTime() + 10_000), 60_000).changed, false, 'A does not rewrite its own fresh claim');
  });
});
