import assert from 'node:assert/strict';
import type { EmergencyProfile } from '../../../../src/domain/disaster/emergencyProfile';
import { deviceHours, powerMargin, priorityList } from '../../../../src/domain/disaster/priority';
import { confirmChild, type RollCall, type SafetyStatus, type SupportNeed } from '../../../../src/domain/disaster/rollCall';
import { CandidateMother, DESK, device, EVENT_START, personOf, ProfileMother, RollCallMother } from './disasterMother';

const NOW = '2026-11-25T03:30:00.000Z'; // 3.5 hours after the event began
const codes = ['2026-0001', '2026-0002', '2026-0003', '2026-0004', '2026-0005', '2026-0006', '2026-0007', '2026-0008'];

/**
 * Hand-computed margins at 03:30, 3.5 h after the event:
 *  0001 ventilator 4 + 2×3 = 10 h, suction 1 h → min 1 − 3.5 = −2.5 (suction ran out at 01:00)
 *  0002 ventilator 8 + 1×4 = 12 h → 8.5
 *  0003 no profile → 不明
 *  0004 suction unknown, feeding pump 6 h → 不明 (known part 2.5)
 *  0005 a profile without powered devices → last
 *  0006 oxygen concentrator 3 + 1×3 = 6 h → 2.5, reported 要支援 (power)
 *  0007 feeding pump 6 h → 2.5, 無事
 *  0008 ventilator 5 h + 2 spares of unknown time → 不明, reported 要支援 (oxygen)
 */
const PROFILES: Readonly<Record<string, EmergencyProfile | undefined>> = {
  '2026-0001': ProfileMother.complete([device('ventilator', 4, 2, 3), device('suction', 1)]),
  '2026-0002': ProfileMother.withDevices(device('ventilator', 8, 1, 4)),
  '2026-0003': undefined,
  '2026-0004': ProfileMother.withDevices(device('suction', undefined), device('feedingPump', 6)),
  '2026-0005': ProfileMother.withDevices(),
  '2026-0006': ProfileMother.withDevices(device('oxygenConcentrator', 3, 1, 3)),
  '2026-0007': ProfileMother.withDevices(device('feedingPump', 6)),
  '2026-0008': ProfileMother.withDevices(device('ventilator', 5, 2, undefined)),
};
const profileOf = (caseId: string) => PROFILES[caseId.replace('itabashi:', '')];

function mark(rc: RollCall, code: string, status: SafetyStatus, needs: SupportNeed[] = []): RollCall {
  const d = confirmChild(rc, { key: `k-${code}`, caseId: `itabashi:${code}`, status, needs, note: '', by: personOf(DESK), at: '2026-11-25T01:00:00.000Z' });
  assert.equal(d.kind, 'recorded');
  return d.kind === 'recorded' ? d.rollCall : rc;
}

function rollCall(): RollCall {
  let rc = RollCallMother.ward({ candidates: codes.map((c) => CandidateMother.child(c)) });
  rc = mark(rc, '2026-0006', 'needsSupport', ['power']);
  rc = mark(rc, '2026-0007', 'safe');
  rc = mark(rc, '2026-0008', 'needsSupport', ['oxygen']);
  return rc;
}

describe('domain/disaster: priority list — devices that run out soonest first', () => {
  it('when the list is made, then the order follows the hand-computed margins, unknown (不明) first', () => {
    const list = priorityList(rollCall(), profileOf, NOW);
    assert.deepEqual(
      list.map((e) => [e.rank, e.caseCode.slice(5), e.margin.kind === 'hours' ? e.margin.hoursLeft : e.margin.kind]),
      [
        [1, '0008', 'unknown'], // 不明, asked for oxygen
        [2, '0004', 'unknown'], // 不明, nothing reported, 2.5 h known on the pump
        [3, '0003', 'unknown'], // 不明, no profile at all
        [4, '0001', -2.5],
        [5, '0006', 2.5], // same margin as 0007: asked for power
        [6, '0007', 2.5], // 無事
        [7, '0002', 8.5],
        [8, '0005', 'noPoweredDevice'],
      ],
    );
  });

  it('when a margin is known, then it names the device that runs out first and when', () => {
    const first = powerMargin(PROFILES['2026-0001'], EVENT_START, NOW);
    assert.deepEqual(first, { kind: 'hours', hoursLeft: -2.5, totalHours: 1, device: 'suction', runsOutAt: '2026-11-25T01:00:00.000Z' });
    assert.equal(deviceHours(device('ventilator', 4, 2, 3)), 10);
  });

  it('when a margin is unknown, then it says why and which devices', () => {
    assert.deepEqual(powerMargin(undefined, EVENT_START, NOW), { kind: 'unknown', reason: 'noProfile', devices: [], knownHoursLeft: undefined });
    assert.deepEqual(powerMargin(PROFILES['2026-0004'], EVENT_START, NOW), { kind: 'unknown', reason: 'batteryUnknown', devices: ['suction'], knownHoursLeft: 2.5 });
    assert.deepEqual(powerMargin(PROFILES['2026-0008'], EVENT_START, NOW), { kind: 'unknown', reason: 'batteryUnknown', devices: ['ventilator'], knownHoursLeft: undefined });
  });

  it('when the list is made, then each row carries the reported status and needs, backup power and oxygen cylinder hours', () => {
    const list = priorityList(rollCall(), profileOf, NOW);
    const row = (code: string) => list.find((e) => e.caseCode === code)!;
    assert.deepEqual([row('2026-0006').standing, row('2026-0006').needs], ['needsSupport', ['power']]);
    assert.deepEqual([row('2026-0002').standing, row('2026-0002').needs], ['unconfirmed', []]);
    assert.deepEqual(row('2026-0001').backupPower, ['carPower']);
    assert.equal(row('2026-0001').oxygenCylinderHours, 10);
    assert.equal(row('2026-0002').oxygenCylinderHours, undefined);
  });

  it('when the list is asked for before the event time (clock skew), then no time has been used up yet', () => {
    assert.equal((powerMargin(PROFILES['2026-0002'], EVENT_START, '2026-11-24T23:00:00.000Z') as { hoursLeft: number }).hoursLeft, 12);
  });

  it('when two children have the same margin and report nothing, then the needs break no tie and the case code decides', () => {
    const rc = RollCallMother.ward({ candidates: ['2026-0010', '2026-0009'].map((c) => CandidateMother.child(c)) });
    const same = ProfileMother.withDevices(device('suction', 2));
    assert.deepEqual(priorityList(rc, () => same, NOW).map((e) => e.caseCode), ['2026-0009', '2026-0010']);
  });

  it('when a child reports needs, then power or oxygen come before a hospital, before other needs, 連絡つかず, unconfirmed and 無事', () => {
    const all = ['2026-0011', '2026-0012', '2026-0013', '2026-0014', '2026-0015', '2026-0016'];
    let rc = RollCallMother.ward({ candidates: all.map((c) => CandidateMother.child(c)) });
    rc = mark(rc, '2026-0011', 'safe');
    rc = mark(rc, '2026-0012', 'unreachable');
    rc = mark(rc, '2026-0013', 'needsSupport', ['transport']);
    rc = mark(rc, '2026-0014', 'needsSupport', ['hospital']);
    rc = mark(rc, '2026-0015', 'needsSupport', ['oxygen']);
    assert.deepEqual(priorityList(rc, () => undefined, NOW).map((e) => e.caseCode.slice(5)), ['0015', '0014', '0013', '0012', '0016', '0011']);
  });
});
