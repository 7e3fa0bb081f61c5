import assert from 'node:assert/strict';
import { mayCloseRollCall, mayConfirmChild, mayStartRollCall, mayViewSummary, priorityVisibility } from '../../../../src/domain/disaster/policy';
import { ActorMother } from '../../support/actorMother';
import { CASE_WORKER, COORDINATOR_1, COORDINATOR_2, DESK, RollCallMother } from './disasterMother';

describe('domain/disaster: who may do what in a roll-call', () => {
  const rc = RollCallMother.ward();
  const liaison = ActorMother.liaison('school');
  const admin = ActorMother.with(['admin'], undefined, 'ad1');

  it('when someone starts or closes a roll-call, then only the desk and the case workers may', () => {
    assert.deepEqual([DESK, CASE_WORKER, COORDINATOR_1, liaison, admin].map(mayStartRollCall), [true, true, false, false, false]);
    assert.deepEqual([DESK, CASE_WORKER, COORDINATOR_1, liaison, admin].map(mayCloseRollCall), [true, true, false, false, false]);
  });

  it('when a coordinator confirms a child, then only a child of their own group; ward staff may confirm any child', () => {
    assert.equal(mayConfirmChild(COORDINATOR_1, rc, 'itabashi:2026-0001'), true);
    assert.equal(mayConfirmChild(COORDINATOR_2, rc, 'itabashi:2026-0001'), false);
    assert.equal(mayConfirmChild(COORDINATOR_1, rc, 'itabashi:2026-0003'), false, 'casework child');
    assert.equal(mayConfirmChild(CASE_WORKER, rc, 'itabashi:2026-0003'), true);
    assert.equal(mayConfirmChild(DESK, rc, 'itabashi:2026-0002'), true);
    assert.equal(mayConfirmChild(liaison, rc, 'itabashi:2026-0001'), false);
  });

  it('when someone looks at the summary or the priority list, then ward staff see all, coordinators the summary and their own children', () => {
    assert.deepEqual([DESK, CASE_WORKER, COORDINATOR_1, liaison].map(mayViewSummary), [true, true, true, false]);
    assert.deepEqual(priorityVisibility(DESK), { kind: 'all' });
    assert.deepEqual(priorityVisibility(COORDINATOR_2), { kind: 'group', groupKey: `coordinator:${COORDINATOR_2.aadObjectId}` });
    assert.deepEqual(priorityVisibility(liaison), { kind: 'none' });
  });
});
