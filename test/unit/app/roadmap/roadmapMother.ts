import type { CaseRecord, DeviceKind, EnrolmentKind } from '../../../../src/domain/case';
import type { CareItemCode } from '../../../../src/domain/careItems';
import type { CalendarDate } from '../../../../src/domain/dates';
import type { RoadmapData, RoadmapInput } from '../../../../src/app/roadmap/roadmap';
import { CaseFileMother } from '../../support/caseFileMother';
import { CatalogueMother, TODAY } from '../../domain/services/servicesMother';
import { TransitionDataMother, wardCalendar } from '../../domain/transitions/transitionMother';

export { TODAY };

/** The checked-in catalogue and milestone data with the production calendar. */
export const roadmapData = (): RoadmapData => ({ catalogue: CatalogueMother.checkedIn(), transitions: TransitionDataMother.checkedIn(), calendar: wardCalendar() });

/** Staff and family names that must never reach the family version (all fictional). */
export const STAFF_NAME = '鈴木 一郎（コーディネーター・架空）';
export const GUARDIAN_NAME = '架空 母子';
export const CHILD_NAME = '架空 陽太';

/** A fictional case record with everything filled in, including the names a handout must not show. */
export function recordOf(birthDate: CalendarDate, careItems: readonly CareItemCode[], over: { devices?: readonly DeviceKind[]; enrolment?: EnrolmentKind } = {}): CaseRecord {
  const base = CaseFileMother.preschoolChild({ name: CHILD_NAME, nameKana: 'かくう ようた', birthDate, careItems: careItems.map((code) => ({ code })), familyNeeds: '（架空）内部メモ：母親の就労の相談' }).record;
  return {
    ...base,
    assignedCoordinator: { aadObjectId: '00000000-0000-4000-8000-000000000002', displayName: STAFF_NAME },
    guardians: [{ name: GUARDIAN_NAME, relation: '母', phone: '090-0000-0000' }],
    diagnoses: '（架空）診断名のメモ',
    district: '（架空）地区',
    devices: (over.devices ?? []).map((kind) => ({ kind, batteryHours: 3 })),
    enrolment: over.enrolment ? { kind: over.enrolment, place: '（架空）区立保育園' } : undefined,
  };
}

export function inputOf(record: CaseRecord, over: Partial<RoadmapInput> = {}): RoadmapInput {
  return { record, today: TODAY, servicesInUse: [], certificates: undefined, milestoneStates: [], ...over };
}
