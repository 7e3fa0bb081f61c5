import assert from 'node:assert/strict';
import {
  childrenInScope,
  closeRollCall,
  confirmChild,
  groupChildren,
  historyOf,
  latestConfirmation,
  normaliseDistrict,
  ROLL_CALL_LIMITS,
  startRollCall,
  summarise,
  type ConfirmParams,
  type RollCall,
} from '../../../../src/domain/disaster/rollCall';
import { CandidateMother, COORDINATOR_1, COORDINATOR_2, DESK, EVENT_START, personOf, RollCallMother, STARTED_AT } from './disasterMother';

const at = (minutes: number) => new Date(Date.parse(STARTED_AT) + minutes * 60_000).toISOString();
const confirm = (caseCode: string, status: ConfirmParams['status'], minutes: number, over: Partial<ConfirmParams> = {}): ConfirmParams => ({
  key: `k-${caseCode}-${minutes}-${status}`,
  caseId: `itabashi:${caseCode}`,
  status,
  needs: status === 'needsSupport' ? ['power'] : [],
  note: '',
  by: personOf(COORDINATOR_1),
  at: at(minutes),
  ...over,
});
function recorded(rc: RollCall, p: ConfirmParams): RollCall {
  const d = confirmChild(rc, p);
  assert.equal(d.kind, 'recorded', JSON.stringify(d));
  return d.kind === 'recorded' ? d.rollCall : rc;
}
const codes = (rows: readonly { caseCode: string }[]) => rows.map((r) => r.caseCode);

describe('domain/disaster: roll-call (安否確認)', () => {
  describe('who is in scope', () => {
    it('when the roll-call is for the whole ward, then every live case is in it, in code order, and closed, transferred and anonymised cases are not', () => {
      assert.deepEqual(
        childrenInScope(CandidateMother.ward(), { kind: 'ward' }).map((c) => c.code),
        ['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005'],
      );
    });

    it('when it is for 大山, then districts match whatever the width or spaces, and a case without district is included by default', () => {
      assert.equal(normaliseDistrict(' 大山 '), normaliseDistrict('大山'));
      assert.equal(normaliseDistrict('ＡＢＣ 1'), 'abc1');
      assert.deepEqual(childrenInScope(CandidateMother.ward(), { kind: 'districts', districts: ['大山'] }).map((c) => c.code), ['2026-0001', '2026-0002', '2026-0003', '2026-0005']);
    });

    it('when cases without a district are excluded on request, then only the matching district is in scope', () => {
      assert.deepEqual(childrenInScope(CandidateMother.ward(), { kind: 'districts', districts: ['大山'] }, { includeDistrictUnknown: false }).map((c) => c.code), ['2026-0001', '2026-0002', '2026-0003']);
    });

    it('when several districts are named, then children of each are in scope and flagged when their district was unknown', () => {
      const rc = RollCallMother.ward({ scope: { kind: 'districts', districts: ['大山', '高島平 '] } });
      assert.deepEqual(codes(rc.children), ['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005']);
      assert.deepEqual(rc.children.filter((c) => c.districtUnknown).map((c) => c.caseCode), ['2026-0005']);
      assert.deepEqual(rc.scope, { kind: 'districts', districts: ['大山', '高島平'] });
    });

    it('when nobody matches the district, then the start is refused with the districts the cases do have', () => {
      const d = startRollCall({ id: 'x', wardId: 'itabashi', scope: { kind: 'districts', districts: ['大山町'] }, reason: { kind: 'flood', note: '' }, startedBy: personOf(DESK), startedAt: STARTED_AT, candidates: CandidateMother.ward(), options: { includeDistrictUnknown: false } });
      assert.deepEqual(d, { kind: 'emptyScope', knownDistricts: ['大山', '高島平'] });
    });
  });

  describe('grouping by who is responsible', () => {
    it('when the roll-call starts, then children are grouped by their coordinator, and those without one go to 障がい児支援係', () => {
      const rc = RollCallMother.ward();
      assert.deepEqual(rc.groups.map((g) => g.key), [`coordinator:${COORDINATOR_1.aadObjectId}`, `coordinator:${COORDINATOR_2.aadObjectId}`, 'casework']);
      assert.deepEqual(codes(groupChildren(rc, `coordinator:${COORDINATOR_1.aadObjectId}`).map((r) => r.child)), ['2026-0001', '2026-0004']);
      assert.deepEqual(codes(groupChildren(rc, `coordinator:${COORDINATOR_2.aadObjectId}`).map((r) => r.child)), ['2026-0002', '2026-0005']);
      assert.deepEqual(codes(groupChildren(rc, 'casework').map((r) => r.child)), ['2026-0003']);
      assert.deepEqual(rc.groups[2]?.responsible, { kind: 'casework' });
    });

    it('when the roll-call starts, then it keeps the event time for battery margins, and no names of children', () => {
      const rc = RollCallMother.ward();
      assert.equal(rc.eventStartedAt, EVENT_START);
      assert.equal(rc.startedAt, STARTED_AT);
      assert.ok(!JSON.stringify(rc).includes('架空 花子'));
    });
  });

  describe('what a start must say', () => {
    const base = { id: 'x', wardId: 'itabashi', startedBy: personOf(DESK), startedAt: STARTED_AT, candidates: CandidateMother.ward() };
    it('when the reason is その他 without a note, the districts are blank and the event is in the future, then each field is named', () => {
      const d = startRollCall({ ...base, scope: { kind: 'districts', districts: [' '] }, reason: { kind: 'other', note: '' }, eventStartedAt: at(1) });
      assert.deepEqual(d.kind === 'invalid' ? d.errors.map((e) => `${e.field} ${e.code}`) : d, ['reason.note ROLLCALL.REASON_REQUIRED', 'scope.districts ROLLCALL.DISTRICTS_REQUIRED', 'eventStartedAt ROLLCALL.EVENT_TIME_INVALID']);
    });
    it('when more children are in scope than one roll-call may hold, then it is refused (start one per district)', () => {
      const many = Array.from({ length: ROLL_CALL_LIMITS.childrenMax + 1 }, (_, i) => CandidateMother.child(`2026-${String(i + 1).padStart(4, '0')}`));
      const d = startRollCall({ ...base, scope: { kind: 'ward' }, reason: { kind: 'earthquake', note: '' }, candidates: many });
      assert.deepEqual(d, { kind: 'invalid', errors: [{ field: 'scope', code: 'ROLLCALL.TOO_MANY' }] });
    });
  });

  describe('confirmations', () => {
    it('when a child is confirmed twice, then both are kept in the history and the later one counts', () => {
      let rc = RollCallMother.ward();
      rc = recorded(rc, confirm('2026-0001', 'unreachable', 10));
      rc = recorded(rc, confirm('2026-0001', 'needsSupport', 40, { needs: ['oxygen', 'power'], note: '（架空）ボンベ残り1本' }));
      assert.deepEqual(historyOf(rc, 'itabashi:2026-0001').map((c) => c.status), ['unreachable', 'needsSupport']);
      const latest = latestConfirmation(rc, 'itabashi:2026-0001');
      assert.equal(latest?.status, 'needsSupport');
      assert.deepEqual(latest?.needs, ['power', 'oxygen'], 'needs in the canonical order');
      assert.deepEqual(latest?.by, personOf(COORDINATOR_1));
      assert.equal(latest?.at, at(40));
    });

    it('when a click made earlier is committed after a later one (it waited behind a conflict), then the later click still counts', () => {
      let rc = RollCallMother.ward();
      rc = recorded(rc, confirm('2026-0001', 'safe', 20));
      rc = recorded(rc, confirm('2026-0001', 'unreachable', 15));
      assert.equal(latestConfirmation(rc, 'itabashi:2026-0001')?.status, 'safe');
      assert.equal(historyOf(rc, 'itabashi:2026-0001').length, 2);
    });

    it('when the same key arrives again, even with other content, then nothing changes and the first confirmation is returned', () => {
      const rc = recorded(RollCallMother.ward(), confirm('2026-0001', 'safe', 10, { key: 'click-1' }));
      const again = confirmChild(rc, confirm('2026-0001', 'unreachable', 11, { key: 'click-1' }));
      assert.equal(again.kind, 'alreadyRecorded');
      assert.equal(again.kind === 'alreadyRecorded' && again.confirmation.status, 'safe');
    });

    it('when 要支援 has no need, 無事 carries needs, or その他 has no note, then the confirmation is refused naming the field', () => {
      const rc = RollCallMother.ward();
      const errs = (p: ConfirmParams) => {
        const d = confirmChild(rc, p);
        return d.kind === 'invalid' ? d.errors.map((e) => `${e.field} ${e.code}`) : [d.kind];
      };
      assert.deepEqual(errs(confirm('2026-0001', 'needsSupport', 1, { needs: [] })), ['needs ROLLCALL.NEEDS_REQUIRED']);
      assert.deepEqual(errs(confirm('2026-0001', 'safe', 1, { needs: ['power'] })), ['needs ROLLCALL.NEEDS_NOT_EXPECTED']);
      assert.deepEqual(errs(confirm('2026-0001', 'needsSupport', 1, { needs: ['other'], note: ' ' })), ['note ROLLCALL.NOTE_REQUIRED']);
      assert.deepEqual(errs(confirm('2026-0001', 'safe', 1, { note: 'あ'.repeat(201) })), ['note ROLLCALL.TEXT_TOO_LONG']);
    });

    it('when a child outside the roll-call is confirmed, then it is refused', () => {
      assert.deepEqual(confirmChild(RollCallMother.ward(), confirm('2026-0006', 'safe', 1)), { kind: 'notInRollCall' });
    });

    it('when a child is confirmed many times, then the latest five are kept and the latest still counts', () => {
      let rc = RollCallMother.ward();
      for (let i = 1; i <= 7; i++) rc = recorded(rc, confirm('2026-0001', i % 2 ? 'unreachable' : 'safe', i));
      rc = recorded(rc, confirm('2026-0002', 'safe', 8));
      assert.deepEqual(historyOf(rc, 'itabashi:2026-0001').map((c) => c.at), [3, 4, 5, 6, 7].map(at));
      assert.equal(latestConfirmation(rc, 'itabashi:2026-0001')?.status, 'unreachable');
      assert.equal(historyOf(rc, 'itabashi:2026-0002').length, 1);
    });
  });

  describe('summary', () => {
    it('when some children are confirmed, then counts per status, needs and the open children per group are shown', () => {
      let rc = RollCallMother.ward();
      rc = recorded(rc, confirm('2026-0001', 'safe', 5));
      rc = recorded(rc, confirm('2026-0002', 'needsSupport', 6, { needs: ['power', 'transport'], by: personOf(COORDINATOR_2) }));
      rc = recorded(rc, confirm('2026-0004', 'unreachable', 7));
      const s = summarise(rc);
      assert.equal(s.total, 5);
      assert.deepEqual(s.counts, { safe: 1, needsSupport: 1, unreachable: 1, unconfirmed: 2 });
      assert.deepEqual(s.needs, { power: 1, oxygen: 0, transport: 1, hospital: 0, other: 0 });
      assert.deepEqual(codes(s.unconfirmed), ['2026-0003', '2026-0005']);
      assert.deepEqual(codes(s.unreachable), ['2026-0004']);
      assert.deepEqual(
        s.groups.map((g) => [g.group.key.split(':')[0], g.total, codes(g.open)]),
        [['coordinator', 2, ['2026-0004']], ['coordinator', 2, ['2026-0005']], ['casework', 1, ['2026-0003']]],
      );
      assert.equal(s.allConfirmed, false);
      assert.equal(s.lastConfirmedAt, at(7));
    });

    it('when a child who needed support is later safe, then the needs no longer count', () => {
      let rc = RollCallMother.ward();
      rc = recorded(rc, confirm('2026-0001', 'needsSupport', 5, { needs: ['hospital'] }));
      rc = recorded(rc, confirm('2026-0001', 'safe', 9));
      assert.deepEqual(summarise(rc).needs, { power: 0, oxygen: 0, transport: 0, hospital: 0, other: 0 });
    });

    it('when every child is 無事 or 要支援, then everybody is confirmed', () => {
      let rc = RollCallMother.ward();
      for (const code of ['2026-0001', '2026-0002', '2026-0003', '2026-0004']) rc = recorded(rc, confirm(code, 'safe', 5));
      rc = recorded(rc, confirm('2026-0005', 'needsSupport', 6));
      const s = summarise(rc);
      assert.equal(s.allConfirmed, true);
      assert.deepEqual(s.counts, { safe: 4, needsSupport: 1, unreachable: 0, unconfirmed: 0 });
    });
  });

  describe('close', () => {
    it('when the roll-call is closed, then who and when are kept, confirmations are refused and a second close reports the first', () => {
      const closed = closeRollCall(RollCallMother.ward(), personOf(DESK), at(120), '（架空）全員確認済み');
      assert.equal(closed.kind, 'closed');
      if (closed.kind !== 'closed') return;
      assert.deepEqual(closed.rollCall.closed, { by: personOf(DESK), at: at(120), note: '（架空）全員確認済み' });
      assert.deepEqual(confirmChild(closed.rollCall, confirm('2026-0001', 'safe', 121)), { kind: 'closed', closed: closed.rollCall.closed });
      assert.deepEqual(closeRollCall(closed.rollCall, personOf(COORDINATOR_1), at(130), ''), { kind: 'alreadyClosed', closed: closed.rollCall.closed });
    });

    it('when a click recorded before the close is retried after it, then it is still reported as recorded (idempotent first)', () => {
      const rc = recorded(RollCallMother.ward(), confirm('2026-0001', 'safe', 10, { key: 'click-9' }));
      const closed = closeRollCall(rc, personOf(DESK), at(20), '');
      assert.ok(closed.kind === 'closed');
      assert.equal(confirmChild(closed.rollCall, confirm('2026-0001', 'safe', 10, { key: 'click-9' })).kind, 'alreadyRecorded');
    });
  });
});
