import assert from 'node:assert/strict';
import { ORGANISATION_KEYS, type OrganisationKey } from '../../../src/domain/directory';
import { decideAccept, decideDecline, decideResend, needsCardSync, ownerOf, type CardPlacement, type Handoff } from '../../../src/domain/handoff';
import { ActorMother } from '../support/actorMother';
import { HandoffMother, T1, T2, personOf, placementFor, unpostedPlacement } from '../support/handoffMother';

const placementsFor = (...allowed: OrganisationKey[]) => (org: OrganisationKey): CardPlacement | undefined => (allowed.includes(org) ? unpostedPlacement(org) : undefined);
const anyPlacement = (org: OrganisationKey) => unpostedPlacement(org);

function assertOwnerNotEmpty(h: Handoff): void {
  const owner = ownerOf(h);
  if (owner.kind === 'person') {
    assert.ok(owner.person.aadObjectId.length > 0, 'the owning person has an id');
    assert.ok(owner.person.displayName.length > 0, 'the owning person has a name');
  } else {
    assert.ok((ORGANISATION_KEYS as readonly string[]).includes(owner.organisation), `owner ${owner.organisation} is an organisation`);
  }
}

describe('domain/handoff', () => {
  describe('decideAccept', () => {
    it('when a coordinator accepts a sent handoff, then it is accepted by them, the version grows by 1 and history records it', () => {
      const h = HandoffMother.sent();
      const c1 = ActorMother.coordinator(1);
      const d = decideAccept(h, c1, T1);
      assert.equal(d.kind, 'accepted');
      if (d.kind !== 'accepted') return;
      assert.deepEqual(d.handoff.state, { status: 'accepted', by: personOf(c1), at: T1 });
      assert.equal(d.handoff.version, h.version + 1);
      assert.deepEqual(d.handoff.history.at(-1), { type: 'accepted', by: personOf(c1), at: T1 });
      assert.equal(d.handoff.history.length, h.history.length + 1);
      assert.deepEqual(ownerOf(d.handoff), { kind: 'person', person: personOf(c1) });
    });

    it('when a handoff is accepted, then the original value is not changed', () => {
      const h = HandoffMother.sent();
      const before = structuredClone(h);
      decideAccept(h, ActorMother.coordinator(1), T1);
      assert.deepEqual(h, before);
    });

    it('when two coordinators accept, then the first wins and the second is told alreadyAcceptedBy the first (self=false)', () => {
      const c1 = ActorMother.coordinator(1);
      const c2 = ActorMother.coordinator(2);
      const first = decideAccept(HandoffMother.sent(), c1, T1);
      assert.equal(first.kind, 'accepted');
      if (first.kind !== 'accepted') return;
      const second = decideAccept(first.handoff, c2, T2);
      assert.deepEqual(second, { kind: 'alreadyAcceptedBy', by: personOf(c1), at: T1, self: false });
    });

    it('when the same coordinator accepts twice, then the second answer is alreadyAcceptedBy with self=true', () => {
      const c1 = ActorMother.coordinator(1);
      const first = decideAccept(HandoffMother.sent(), c1, T1);
      if (first.kind !== 'accepted') return assert.fail('first accept failed');
      assert.deepEqual(decideAccept(first.handoff, c1, T2), { kind: 'alreadyAcceptedBy', by: personOf(c1), at: T1, self: true });
    });

    it('when someone outside the target (a nursery liaison, the desk) accepts a coordinators handoff, then notAuthorised', () => {
      assert.deepEqual(decideAccept(HandoffMother.sent(), ActorMother.liaison('nursery'), T1), { kind: 'notAuthorised' });
      assert.deepEqual(decideAccept(HandoffMother.sent(), ActorMother.desk(), T1), { kind: 'notAuthorised' });
    });

    it('when a handoff was sent to the nursery, then a coordinator is notAuthorised and the nursery liaison may accept', () => {
      const h = HandoffMother.sent('nursery');
      assert.deepEqual(decideAccept(h, ActorMother.coordinator(1), T1), { kind: 'notAuthorised' });
      assert.equal(decideAccept(h, ActorMother.liaison('nursery'), T1).kind, 'accepted');
    });

    it('when the handoff was returned to the desk, then a coordinator accepting it is told notOpen', () => {
      const h = HandoffMother.returnedBy(ActorMother.coordinator(2));
      assert.deepEqual(decideAccept(h, ActorMother.coordinator(1), T2), { kind: 'notOpen', state: 'returned' });
    });
  });

  describe('decideDecline', () => {
    it('when a coordinator sends it back to the desk, then it is returned, the desk owns it and the version grows by 1', () => {
      const h = HandoffMother.sent();
      const c1 = ActorMother.coordinator(1);
      const d = decideDecline(h, c1, { reason: 'noCapacity', comment: '担当枠なし', forwardTo: 'desk' }, T1, anyPlacement);
      assert.equal(d.kind, 'declined');
      if (d.kind !== 'declined') return;
      assert.equal(d.forwardedTo, 'desk');
      assert.deepEqual(d.handoff.state, { status: 'returned', by: personOf(c1), at: T1, reason: 'noCapacity', comment: '担当枠なし' });
      assert.deepEqual(ownerOf(d.handoff), { kind: 'organisation', organisation: 'desk' });
      assert.equal(d.handoff.version, h.version + 1);
      assert.deepEqual(d.handoff.history.at(-1), { type: 'declined', by: personOf(c1), at: T1, reason: 'noCapacity', comment: '担当枠なし', forwardedTo: 'desk' });
      assert.deepEqual(d.handoff.placements, h.placements, 'no new card for a return to the desk');
    });

    it('when a coordinator forwards it to the nursery, then the target changes, it is sent again, a placement is appended and the nursery owns it', () => {
      const h = HandoffMother.sent();
      const c1 = ActorMother.coordinator(1);
      const d = decideDecline(h, c1, { reason: 'outOfScope', comment: '', forwardTo: 'nursery' }, T1, placementsFor('nursery'));
      assert.equal(d.kind, 'declined');
      if (d.kind !== 'declined') return;
      assert.equal(d.forwardedTo, 'nursery');
      assert.equal(d.handoff.target, 'nursery');
      assert.deepEqual(d.handoff.state, { status: 'sent' });
      assert.equal(d.handoff.version, h.version + 1);
      assert.equal(d.handoff.placements.length, h.placements.length + 1);
      assert.deepEqual(d.handoff.placements.slice(0, h.placements.length), h.placements);
      assert.equal(d.handoff.placements.at(-1)?.organisation, 'nursery');
      assert.deepEqual(ownerOf(d.handoff), { kind: 'organisation', organisation: 'nursery' });
      assert.deepEqual(d.handoff.history.slice(-2), [
        { type: 'declined', by: personOf(c1), at: T1, reason: 'outOfScope', comment: '', forwardedTo: 'nursery' },
        { type: 'sent', to: 'nursery', by: personOf(c1), at: T1 },
      ]);
    });

    it('when a handoff is forwarded, then the new receiver can accept it and the old one cannot', () => {
      const d = decideDecline(HandoffMother.sent(), ActorMother.coordinator(1), { reason: 'outOfScope', comment: '', forwardTo: 'nursery' }, T1, anyPlacement);
      if (d.kind !== 'declined') return assert.fail(d.kind);
      assert.deepEqual(decideAccept(d.handoff, ActorMother.coordinator(2), T2), { kind: 'notAuthorised' });
      assert.equal(decideAccept(d.handoff, ActorMother.liaison('nursery'), T2).kind, 'accepted');
    });

    it('when the forward goes to the current target, then invalidForward', () => {
      assert.deepEqual(decideDecline(HandoffMother.sent(), ActorMother.coordinator(1), { reason: 'other', comment: '', forwardTo: 'coordinators' }, T1, anyPlacement), { kind: 'invalidForward' });
    });

    it('when the new receiver has no channel (no placement can be made), then invalidForward', () => {
      assert.deepEqual(decideDecline(HandoffMother.sent(), ActorMother.coordinator(1), { reason: 'other', comment: '', forwardTo: 'school' }, T1, () => undefined), { kind: 'invalidForward' });
    });

    it('when the handoff was already accepted, then a decline is told alreadyAcceptedBy (self=false for another, true for the acceptor)', () => {
      const c1 = ActorMother.coordinator(1);
      const h = HandoffMother.acceptedBy(c1);
      const input = { reason: 'noCapacity', comment: '', forwardTo: 'desk' } as const;
      assert.deepEqual(decideDecline(h, ActorMother.coordinator(2), input, T2, anyPlacement), { kind: 'alreadyAcceptedBy', by: personOf(c1), at: T1, self: false });
      assert.deepEqual(decideDecline(h, c1, input, T2, anyPlacement), { kind: 'alreadyAcceptedBy', by: personOf(c1), at: T1, self: true });
    });

    it('when someone outside the target declines, then notAuthorised', () => {
      assert.deepEqual(decideDecline(HandoffMother.sent(), ActorMother.caseWorker(), { reason: 'other', comment: '', forwardTo: 'desk' }, T1, anyPlacement), { kind: 'notAuthorised' });
    });

    it('when the handoff was already returned, then a second decline is notOpen', () => {
      const h = HandoffMother.returnedBy(ActorMother.coordinator(2));
      assert.deepEqual(decideDecline(h, ActorMother.coordinator(1), { reason: 'other', comment: '', forwardTo: 'desk' }, T2, anyPlacement), { kind: 'notOpen', state: 'returned' });
    });
  });

  describe('decideResend', () => {
    it('when the desk resends a returned handoff to the coordinators, then it is sent again with a new placement and version + 1', () => {
      const h = HandoffMother.returnedBy(ActorMother.coordinator(1));
      const desk = ActorMother.desk();
      const d = decideResend(h, desk, 'coordinators', T2, placementsFor('coordinators'));
      assert.equal(d.kind, 'resent');
      if (d.kind !== 'resent') return;
      assert.equal(d.handoff.target, 'coordinators');
      assert.deepEqual(d.handoff.state, { status: 'sent' });
      assert.equal(d.handoff.version, h.version + 1);
      assert.equal(d.handoff.placements.length, h.placements.length + 1);
      assert.deepEqual(d.handoff.history.at(-1), { type: 'sent', to: 'coordinators', by: personOf(desk), at: T2 });
      assert.deepEqual(ownerOf(d.handoff), { kind: 'organisation', organisation: 'coordinators' });
    });

    it('when a resent handoff is accepted, then the accept works again', () => {
      const r = decideResend(HandoffMother.returnedBy(ActorMother.coordinator(1)), ActorMother.desk(), 'coordinators', T2, anyPlacement);
      if (r.kind !== 'resent') return assert.fail(r.kind);
      assert.equal(decideAccept(r.handoff, ActorMother.coordinator(2), T2).kind, 'accepted');
    });

    it('when a liaison (who may not create handoffs) resends, then notAuthorised', () => {
      assert.deepEqual(decideResend(HandoffMother.returnedBy(ActorMother.coordinator(1)), ActorMother.liaison('nursery'), 'coordinators', T2, anyPlacement), { kind: 'notAuthorised' });
    });

    it('when the handoff is still sent or already accepted, then notOpen', () => {
      assert.deepEqual(decideResend(HandoffMother.sent(), ActorMother.desk(), 'coordinators', T2, anyPlacement), { kind: 'notOpen', state: 'sent' });
      assert.deepEqual(decideResend(HandoffMother.acceptedBy(ActorMother.coordinator(1)), ActorMother.desk(), 'coordinators', T2, anyPlacement), { kind: 'notOpen', state: 'accepted' });
    });

    it('when the resend goes to the desk itself or to an organisation without a channel, then invalidForward', () => {
      const h = HandoffMother.returnedBy(ActorMother.coordinator(1));
      assert.deepEqual(decideResend(h, ActorMother.desk(), 'desk', T2, anyPlacement), { kind: 'invalidForward' });
      assert.deepEqual(decideResend(h, ActorMother.desk(), 'school', T2, () => undefined), { kind: 'invalidForward' });
    });
  });

  describe('ownerOf', () => {
    it('when the handoff is sent, accepted, returned, forwarded or resent, then the owner is never empty', () => {
      const c1 = ActorMother.coordinator(1);
      const sent = HandoffMother.sent();
      const accepted = HandoffMother.acceptedBy(c1);
      const returned = HandoffMother.returnedBy(c1);
      const forwarded = decideDecline(sent, c1, { reason: 'other', comment: '', forwardTo: 'nursery' }, T1, anyPlacement);
      const resent = decideResend(returned, ActorMother.desk(), 'casework', T2, anyPlacement);
      if (forwarded.kind !== 'declined' || resent.kind !== 'resent') return assert.fail('setup');
      for (const h of [sent, accepted, returned, forwarded.handoff, resent.handoff]) assertOwnerNotEmpty(h);
      assert.deepEqual(ownerOf(sent), { kind: 'organisation', organisation: 'coordinators' });
      assert.deepEqual(ownerOf(accepted), { kind: 'person', person: personOf(c1) });
      assert.deepEqual(ownerOf(returned), { kind: 'organisation', organisation: 'desk' });
      assert.deepEqual(ownerOf(resent.handoff), { kind: 'organisation', organisation: 'casework' });
    });
  });

  describe('needsCardSync', () => {
    it('when every live placement is posted and synced at the current version, then no sync is needed', () => {
      assert.equal(needsCardSync(HandoffMother.sent()), false);
    });
    it('when a change raised the version, then the cards need syncing', () => {
      const d = decideAccept(HandoffMother.sent(), ActorMother.coordinator(1), T1);
      if (d.kind !== 'accepted') return assert.fail(d.kind);
      assert.equal(needsCardSync(d.handoff), true);
    });
    it('when a placement is not posted yet, then a sync is needed', () => {
      const h = { ...HandoffMother.sent(), placements: [placementFor('coordinators', 'receiver', { activityId: undefined, syncedVersion: 0 })] };
      assert.equal(needsCardSync(h), true);
    });
    it('when the only stale placement is superseded, then no sync is needed', () => {
      const h = { ...HandoffMother.sent(), version: 3, placements: [placementFor('coordinators', 'receiver', { syncedVersion: 1, superseded: true }), placementFor('desk', 'sender', { syncedVersion: 3 })] };
      assert.equal(needsCardSync(h), false);
    });
    it('when there are no placements, then no sync is needed', () => {
      assert.equal(needsCardSync({ ...HandoffMother.sent(), placements: [] }), false);
    });
  });

  describe('version', () => {
    it('when a handoff goes sent → forwarded → returned → resent → accepted, then each change adds exactly 1', () => {
      const c1 = ActorMother.coordinator(1);
      const nursery = ActorMother.liaison('nursery');
      let h = HandoffMother.sent();
      const versions = [h.version];
      const fwd = decideDecline(h, c1, { reason: 'outOfScope', comment: '', forwardTo: 'nursery' }, T1, anyPlacement);
      if (fwd.kind !== 'declined') return assert.fail(fwd.kind);
      h = fwd.handoff;
      versions.push(h.version);
      const ret = decideDecline(h, nursery, { reason: 'insufficientInfo', comment: '', forwardTo: 'desk' }, T1, anyPlacement);
      if (ret.kind !== 'declined') return assert.fail(ret.kind);
      h = ret.handoff;
      versions.push(h.version);
      const res = decideResend(h, ActorMother.desk(), 'coordinators', T2, anyPlacement);
      if (res.kind !== 'resent') return assert.fail(res.kind);
      h = res.handoff;
      versions.push(h.version);
      const acc = decideAccept(h, c1, T2);
      if (acc.kind !== 'accepted') return assert.fail(acc.kind);
      versions.push(acc.handoff.version);
      assert.deepEqual(versions, [1, 2, 3, 4, 5]);
    });
  });
});
