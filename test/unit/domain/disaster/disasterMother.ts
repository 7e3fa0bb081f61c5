import type { DeviceKind } from '../../../../src/domain/case';
import { EMPTY_EMERGENCY_PROFILE, type EmergencyProfile, type PoweredDevice } from '../../../../src/domain/disaster/emergencyProfile';
import { startRollCall, type PersonRef, type RollCall, type RollCallCandidate, type RollCallScope } from '../../../../src/domain/disaster/rollCall';
import type { Actor } from '../../../../src/domain/directory';
import { ActorMother } from '../../support/actorMother';

/** Fictional test data (架空) for the disaster rules. */
export const EVENT_START = '2026-11-25T00:00:00.000Z';
export const STARTED_AT = '2026-11-25T00:30:00.000Z';

export const personOf = (a: Actor): PersonRef => ({ aadObjectId: a.aadObjectId, displayName: a.displayName });
export const COORDINATOR_1 = ActorMother.coordinator(1);
export const COORDINATOR_2 = ActorMother.coordinator(2);
export const DESK = ActorMother.desk();
export const CASE_WORKER = ActorMother.caseWorker();

export const CandidateMother = {
  child(code: string, over: Partial<RollCallCandidate> = {}): RollCallCandidate {
    return { caseId: `itabashi:${code}`, code, district: '大山', status: 'active', anonymised: false, coordinator: undefined, ...over };
  },
  /**
   * Five live children and three that must never be in a roll-call:
   * 0001 大山 (coordinator 1), 0002 大山 (coordinator 2), 0003 大山 (no coordinator → casework),
   * 0004 高島平 (coordinator 1), 0005 no district (coordinator 2);
   * 0006 大山 closed, 0007 大山 transferred, 0008 大山 anonymised.
   */
  ward(): RollCallCandidate[] {
    const c1 = personOf(COORDINATOR_1);
    const c2 = personOf(COORDINATOR_2);
    return [
      CandidateMother.child('2026-0004', { district: '高島平', coordinator: c1 }),
      CandidateMother.child('2026-0001', { coordinator: c1 }),
      CandidateMother.child('2026-0002', { district: ' 大山 ', coordinator: c2, status: 'monitoring' }),
      CandidateMother.child('2026-0003', { district: '大山', status: 'intake' }),
      CandidateMother.child('2026-0005', { district: '', coordinator: c2 }),
      CandidateMother.child('2026-0006', { status: 'closed', coordinator: c1 }),
      CandidateMother.child('2026-0007', { status: 'transferred' }),
      CandidateMother.child('2026-0008', { anonymised: true }),
    ];
  },
};

export const RollCallMother = {
  /** A ward-wide roll-call over CandidateMother.ward() after an earthquake. */
  ward(over: { scope?: RollCallScope; candidates?: readonly RollCallCandidate[]; id?: string } = {}): RollCall {
    const decision = startRollCall({
      id: over.id ?? 'rc-1',
      wardId: 'itabashi',
      scope: over.scope ?? { kind: 'ward' },
      reason: { kind: 'earthquake', note: '（架空）区内で震度6弱' },
      startedBy: personOf(DESK),
      startedAt: STARTED_AT,
      eventStartedAt: EVENT_START,
      candidates: over.candidates ?? CandidateMother.ward(),
    });
    if (decision.kind !== 'started') throw new Error(`test setup: ${decision.kind}`);
    return decision.rollCall;
  },
};

export const device = (kind: DeviceKind, batteryHours: number | undefined, spares = 0, hoursEach: number | undefined = undefined): PoweredDevice => ({
  kind,
  batteryHours,
  externalBatteries: { count: spares, hoursEach },
  note: '',
});

export const ProfileMother = {
  /** Everything the 個別避難計画 asks for (架空). */
  complete(devices: readonly PoweredDevice[] = [device('ventilator', 4, 2, 3), device('suction', 1)]): EmergencyProfile {
    return {
      devices,
      backupPower: { sources: ['carPower'], note: '（架空）父の車にインバーター' },
      oxygen: { concentrator: true, cylinders: 2, hoursPerCylinder: 5, supplier: '（架空）酸素センター 03-0000-0009' },
      hospital: { name: '（架空）板橋こども医療センター', phone: '03-0000-0000', note: '救急外来から' },
      address: '（架空）板橋区大山町0-0-0',
      evacuation: [
        { hazard: 'earthquake', place: '（架空）区立大山小学校 福祉避難室', routeNotes: '（架空）川越街道を渡らず東側の道' },
        { hazard: 'riverFlood', place: '（架空）親戚宅（練馬区）', routeNotes: '' },
      ],
      helpers: [
        { name: '（架空）板橋 母', relation: '母', phone: '090-0000-0000', role: 'mainCarer' },
        { name: '（架空）町会 役員', relation: '町会', phone: '03-0000-0002', role: 'mover' },
      ],
      contacts: [
        { who: '母', phone: '090-0000-0000' },
        { who: '主治医（架空）', phone: '03-0000-0001' },
      ],
      manualAlternatives: '（架空）蘇生バッグを枕元に',
      consent: { givenBy: 'guardian', scope: '（架空）町会・民生委員・消防署', recordedBy: DESK.aadObjectId, recordedOn: { year: 2026, month: 4, day: 10 } },
      lastConfirmed: { on: { year: 2026, month: 4, day: 10 }, by: DESK.aadObjectId },
    };
  },
  withDevices(...devices: PoweredDevice[]): EmergencyProfile {
    return { ...EMPTY_EMERGENCY_PROFILE, devices };
  },
};
