import { createBusinessCalendar, type BusinessCalendar } from '../../../../src/domain/businessCalendar';
import type { CaseStatus, EnrolmentKind } from '../../../../src/domain/case';
import type { CareItemSelection } from '../../../../src/domain/careItems';
import type { CaseFile } from '../../../../src/domain/caseFile';
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../../../../src/domain/dates';
import type { OrganisationKey } from '../../../../src/domain/directory';
import type { Handoff, HandoffEvent, PersonRef } from '../../../../src/domain/handoff';
import { buildPackage } from '../../../../src/domain/package/handoffPackage';
import { newPackageHandoff, type PackageEvent, type PackageHandoff, type PackageStatus } from '../../../../src/domain/package/packageHandoff';
import type { ReportPeriod } from '../../../../src/domain/stats/period';
import type { StatsSettings } from '../../../../src/domain/stats/report';
import { statsCaseOf, type StatsCase } from '../../../../src/domain/stats/statsCase';
import type { MilestoneState } from '../../../../src/domain/transitions/milestoneState';
import type { TransitionData } from '../../../../src/domain/transitions/transitionData';
import { CarePlanMother } from '../../../support/carePlanMother';
import { CaseFileMother } from '../../../support/caseFileMother';

/**
 * A fixed fictional ward (架空) of 30 case files for the statistics, with distributions worked out by hand
 * in the tests. Quarter: 2026年度 第3四半期 (2026-10-01 … 2026-12-31), snapshot on 2026-12-31.
 *
 * Calendar: weekends, スポーツの日 10/12, 文化の日 11/3, 勤労感謝の日 11/23 and the closure 12/29–1/3.
 * Transition data (fictional, three rules, so due dates are easy to work out):
 *   elementary.consult  6 months before entry     → entry 2027-04-01: due 2026-10-01
 *   elementary.notice   15 December of the year before entry → 2026-12-15
 *   juniorHigh.consult  5 months before entry     → entry 2027-04-01: due 2026-11-01
 *   age18.notice        1 month before the 18th birthday
 */
export const Q3_2026: ReportPeriod = { schoolYear: 2026, quarter: 3 };
export const TODAY = parseIsoDate('2027-01-15') as CalendarDate;
export const DISTRICTS = ['板橋', '常盤台', '志村', '赤塚', '高島平'] as const;

const HOLIDAYS = new Map([
  ['2026-10-12', 'スポーツの日'],
  ['2026-11-03', '文化の日'],
  ['2026-11-23', '勤労感謝の日'],
  ['2027-01-01', '元日'],
  ['2027-01-11', '成人の日'],
]);
export const fixtureCalendar = (): BusinessCalendar => createBusinessCalendar((d) => HOLIDAYS.get(formatIsoDate(d)));

const SOURCE = [{ url: 'https://example.invalid/fictional', checkedOn: { year: 2026, month: 1, day: 1 }, via: undefined }];
export const fixtureTransitions = (): TransitionData => ({
  schemaVersion: 1,
  dataVersion: 'fixture',
  transitions: [
    { id: 'elementaryEntry', title: { ja: '小学校就学', en: 'Elementary school entry' } },
    { id: 'juniorHighEntry', title: { ja: '中学校進学', en: 'Junior high entry' } },
    { id: 'age18', title: { ja: '18歳', en: 'Age 18' } },
  ],
  milestones: [
    { id: 'elementary.consult', transition: 'elementaryEntry', title: { ja: '就学相談', en: 'School consultation' }, organisation: 'school', due: { kind: 'monthsBeforeEntry', months: 6, adjust: 'none' }, status: 'sourced', note: undefined, sources: SOURCE },
    { id: 'elementary.notice', transition: 'elementaryEntry', title: { ja: '就学通知', en: 'School notice' }, organisation: 'school', due: { kind: 'fixedDateInSchoolYear', schoolYearOffset: -1, month: 12, day: 15, adjust: 'none' }, status: 'sourced', note: undefined, sources: SOURCE },
    { id: 'juniorHigh.consult', transition: 'juniorHighEntry', title: { ja: '進学相談', en: 'Junior high consultation' }, organisation: 'school', due: { kind: 'monthsBeforeEntry', months: 5, adjust: 'none' }, status: 'sourced', note: undefined, sources: SOURCE },
    { id: 'age18.notice', transition: 'age18', title: { ja: '18歳の案内', en: 'Age 18 notice' }, organisation: 'casework', due: { kind: 'monthsBeforeEntry', months: 1, adjust: 'none' }, status: 'sourced', note: undefined, sources: SOURCE },
  ],
});

export const fixtureSettings = (minCellCount = 5): StatsSettings => ({ minCellCount, districts: DISTRICTS, calendar: fixtureCalendar(), transitions: fixtureTransitions() });

const DESK: PersonRef = { aadObjectId: 'desk-1', displayName: '架空 窓口' };
const person = (id: string): PersonRef => ({ aadObjectId: id, displayName: `架空 ${id}` });
const LONG_AGO = '2025-06-01T09:00:00+09:00';

type W = CareItemSelection['watchLevel'];
const item = (code: CareItemSelection['code'], watchLevel?: W): CareItemSelection => (watchLevel ? { code, watchLevel } : { code });

/** An intake handoff: events after the first sending, as [type, JST time, organisation]. */
type IntakeStep = ['accepted', string] | ['declined', string, OrganisationKey | 'desk'];
interface IntakeSpec {
  readonly createdAt: string;
  readonly steps: readonly IntakeStep[];
}
interface PackageSpec {
  readonly to: OrganisationKey;
  readonly events: readonly [PackageEvent['type'], string][];
}

interface ChildSpec {
  readonly code: string;
  readonly name: string;
  readonly birth: string;
  readonly enrolment?: EnrolmentKind;
  readonly items: readonly CareItemSelection[];
  readonly district: string;
  readonly coordinator?: string;
  readonly intake?: IntakeSpec;
  readonly packages?: readonly PackageSpec[];
  readonly milestones?: readonly [string, 'done' | 'postponed', string][];
  readonly closedAt?: string;
  readonly createdAt?: string;
}

const jst = (local: string): string => `${local}+09:00`;

/**
 * The 30 children. Life stage / age band / score at 2026-12-31 in the comments (worked by hand):
 * 28 open on 2026-12-31; c29 closed on 2026-11-01 and c30 opened on 2027-01-05 are not counted.
 */
export const CHILDREN: readonly ChildSpec[] = [
  // infant (0-2)
  { code: '2026-0001', name: '架空 一郎', birth: '2025-03-10', items: [item('VENT', 'high'), item('TRACH'), item('SUCTION', 'high'), item('TUBE', 'high')], district: '板橋', coordinator: 'co1' }, // 39 from32
  { code: '2026-0002', name: '架空 二葉', birth: '2024-08-20', items: [item('TUBE', 'low')], district: '板橋', coordinator: 'co1' }, // 8 from3
  { code: '2026-0003', name: '架空 三奈', birth: '2024-02-14', items: [item('O2', 'low'), item('SUCTION', 'low')], district: '常盤台', coordinator: 'co2', intake: { createdAt: jst('2026-10-05T10:00:00'), steps: [['accepted', jst('2026-10-07T09:00:00')]] } }, // 16 from16
  { code: '2026-0004', name: '架空 四郎', birth: '2025-07-01', items: [item('O2', 'high')], district: '志村' }, // 9 from3, unassigned
  // preschool
  { code: '2026-0005', name: '架空 五月', birth: '2022-05-05', enrolment: 'nursery', items: [item('SEIZURE', 'low')], district: '板橋', coordinator: 'co1' }, // 4 → 3-5, 3 from3
  { code: '2026-0006', name: '架空 六花', birth: '2021-09-09', items: [item('TUBE', 'high'), item('SUCTION', 'low')], district: '板橋', coordinator: 'co2', intake: { createdAt: jst('2026-10-09T16:00:00'), steps: [['accepted', jst('2026-10-13T11:00:00')]] } }, // 5, 18 from16
  {
    code: '2026-0007', name: '架空 七海', birth: '2020-06-15', items: [item('SUCTION', 'high'), item('NEB')], district: '常盤台', coordinator: 'co2', // 6 → 6-11, 12 from3, enters school 2027
    packages: [{ to: 'school', events: [['sent', jst('2026-10-06T10:00:00')], ['received', jst('2026-10-08T09:00:00')], ['ready', jst('2026-10-16T09:00:00')]] }],
    milestones: [['elementary.consult', 'done', jst('2026-09-28T10:00:00')], ['elementary.notice', 'done', jst('2026-12-20T10:00:00')]],
  },
  {
    code: '2026-0008', name: '架空 八雲', birth: '2020-11-30', enrolment: 'kindergarten', items: [item('GLUCOSE', 'low'), item('SC_INJ', 'low')], district: '志村', coordinator: 'co3', // 6 → 6-11, 8 from3
    packages: [{ to: 'school', events: [['sent', jst('2026-11-02T09:00:00')], ['asked', jst('2026-11-05T09:00:00')], ['answered', jst('2026-11-06T09:00:00')], ['ready', jst('2026-11-13T09:00:00')]] }],
    milestones: [['elementary.consult', 'done', jst('2026-10-01T18:00:00')], ['elementary.notice', 'postponed', jst('2026-12-10T10:00:00')]],
  },
  {
    code: '2026-0009', name: '架空 九重', birth: '2021-02-01', items: [item('TUBE')], district: '赤塚', coordinator: 'co3', // 5 → 3-5, 8 from3 (見守り pending)
    intake: { createdAt: jst('2026-10-20T09:00:00'), steps: [['accepted', jst('2026-10-20T15:00:00')]] },
    packages: [{ to: 'nursery', events: [['sent', jst('2026-12-14T09:00:00')], ['received', jst('2026-12-15T09:00:00')]] }],
    milestones: [['elementary.notice', 'done', jst('2027-01-05T10:00:00')]],
  },
  { code: '2026-0010', name: '架空 十和', birth: '2023-01-20', items: [], district: '' }, // 3, 0 under3, unassigned, district unset
  // elementary
  { code: '2026-0011', name: '架空 十一', birth: '2019-05-01', enrolment: 'elementary', items: [item('SUCTION', 'low')], district: '板橋', coordinator: 'co1', intake: { createdAt: jst('2026-10-30T17:00:00'), steps: [['accepted', jst('2026-11-04T10:00:00')]] } },
  { code: '2026-0012', name: '架空 十二', birth: '2018-07-07', items: [item('VENT', 'low'), item('TRACH', 'low'), item('SUCTION', 'low')], district: '板橋', coordinator: 'co1' }, // 26 from16
  { code: '2026-0013', name: '架空 十三', birth: '2017-10-10', enrolment: 'elementary', items: [item('CATH_INT')], district: '常盤台', coordinator: 'co2', intake: { createdAt: jst('2026-11-10T09:00:00'), steps: [['declined', jst('2026-11-12T10:00:00'), 'casework'], ['accepted', jst('2026-11-17T09:00:00')]] } },
  { code: '2026-0014', name: '架空 十四', birth: '2016-12-25', items: [item('TUBE', 'low'), item('SEIZURE', 'high')], district: '常盤台', coordinator: 'co2', intake: { createdAt: jst('2026-11-20T14:00:00'), steps: [['accepted', jst('2026-11-25T09:00:00')]] } }, // 13 from3
  { code: '2026-0015', name: '架空 十五', birth: '2014-06-01', items: [item('DIALYSIS', 'low')], district: '志村', coordinator: 'co3', milestones: [['juniorHigh.consult', 'done', jst('2026-11-05T10:00:00')]] }, // 12 → 12-14
  { code: '2026-0016', name: '架空 十六', birth: '2014-09-09', enrolment: 'juniorHigh', items: [item('SUCTION', 'low')], district: '赤塚', coordinator: 'co3', milestones: [['juniorHigh.consult', 'done', jst('2026-10-30T10:00:00')]] }, // recorded ahead: juniorHigh stage, 12-14
  { code: '2026-0017', name: '架空 十七', birth: '2015-03-03', enrolment: 'elementary', items: [item('STOMA', 'low')], district: '赤塚', coordinator: 'co3', packages: [{ to: 'school', events: [['sent', jst('2026-12-01T09:00:00')], ['returned', jst('2026-12-03T09:00:00')]] }], milestones: [['juniorHigh.consult', 'postponed', jst('2026-10-25T10:00:00')]] },
  { code: '2026-0018', name: '架空 十八', birth: '2019-12-12', items: [item('NPA', 'high')], district: '高島平', coordinator: 'co4', intake: { createdAt: jst('2026-12-01T09:00:00'), steps: [['accepted', jst('2026-12-08T09:00:00')]] } },
  { code: '2026-0019', name: '架空 十九', birth: '2016-04-01', items: [item('TUBE_PUMP', 'low'), item('TUBE', 'low')], district: 'ときわ台北', coordinator: 'co4' }, // district not on the list → other
  { code: '2026-0020', name: '架空 二十', birth: '2018-01-15', items: [item('SUCTION', 'high'), item('O2', 'high')], district: '高島平', coordinator: 'co4', intake: { createdAt: jst('2026-12-10T09:00:00'), steps: [] } }, // 18 from16
  // junior high
  { code: '2026-0021', name: '架空 二一', birth: '2012-05-05', items: [item('VENT', 'medium'), item('SUCTION', 'high'), item('TUBE', 'high')], district: '板橋', coordinator: 'co1', intake: { createdAt: jst('2026-12-24T09:00:00'), steps: [['accepted', jst('2027-01-06T09:00:00')]] } }, // 30 from16
  { code: '2026-0022', name: '架空 二二', birth: '2013-08-08', items: [item('SEIZURE', 'low')], district: '常盤台', coordinator: 'co2', intake: { createdAt: jst('2026-10-15T09:00:00'), steps: [['declined', jst('2026-10-16T09:00:00'), 'desk']] } },
  { code: '2026-0023', name: '架空 二三', birth: '2011-11-11', items: [item('TRACH', 'high'), item('SUCTION', 'high')], district: '志村', coordinator: 'co3', intake: { createdAt: jst('2026-11-02T09:00:00'), steps: [['declined', jst('2026-11-04T09:00:00'), 'healthCentre'], ['declined', jst('2026-11-06T09:00:00'), 'desk']] } }, // 15 → 15-17, 19 from16
  // high school
  { code: '2026-0024', name: '架空 二四', birth: '2010-01-30', items: [item('O2', 'low')], district: '板橋', coordinator: 'co1', intake: { createdAt: jst('2026-12-21T09:00:00'), steps: [['accepted', jst('2026-12-28T17:00:00')]] } },
  { code: '2026-0025', name: '架空 二五', birth: '2009-07-07', items: [item('VENT', 'high'), item('TRACH', 'high'), item('SUCTION', 'high'), item('TUBE', 'high'), item('O2', 'high')], district: '常盤台', coordinator: 'co2' }, // 48 from32
  { code: '2026-0026', name: '架空 二六', birth: '2008-12-01', items: [item('SUCTION', 'low')], district: '志村', coordinator: 'co4', intake: { createdAt: jst('2026-10-01T09:00:00'), steps: [['accepted', jst('2026-10-02T09:00:00')]] }, milestones: [['age18.notice', 'done', jst('2026-10-20T10:00:00')]] }, // 18 → 18+
  // adult
  { code: '2026-0027', name: '架空 二七', birth: '2007-03-03', enrolment: 'adultServices', items: [item('TUBE', 'low')], district: '板橋', coordinator: 'co1', intake: { createdAt: jst('2026-09-30T23:30:00'), steps: [['accepted', jst('2026-10-01T09:00:00')]] } }, // handoff sent the day before the quarter
  { code: '2026-0028', name: '架空 二八', birth: '2006-06-06', items: [item('VENT', 'high'), item('SUCTION', 'high')], district: '高島平', coordinator: 'co4' }, // 21 from16
  // not counted in the snapshot
  { code: '2026-0029', name: '架空 二九', birth: '2019-03-03', items: [item('SUCTION')], district: '板橋', coordinator: 'co1', closedAt: jst('2026-11-01T10:00:00') },
  { code: '2027-0001', name: '架空 三十', birth: '2019-03-03', items: [item('SUCTION')], district: '常盤台', createdAt: jst('2027-01-05T10:00:00'), intake: { createdAt: jst('2027-01-05T10:00:00'), steps: [] } },
];

function intakeHandoff(code: string, spec: IntakeSpec): Handoff {
  const history: HandoffEvent[] = [{ type: 'sent', to: 'coordinators', by: DESK, at: spec.createdAt }];
  let target: OrganisationKey = 'coordinators';
  let state: Handoff['state'] = { status: 'sent' };
  for (const step of spec.steps) {
    const by = person(`${target}-staff`);
    if (step[0] === 'accepted') {
      history.push({ type: 'accepted', by, at: step[1] });
      state = { status: 'accepted', by, at: step[1] };
    } else {
      const forwardedTo = step[2];
      history.push({ type: 'declined', by, at: step[1], reason: 'outOfScope', comment: '（架空）', forwardedTo });
      if (forwardedTo === 'desk') state = { status: 'returned', by, at: step[1], reason: 'outOfScope', comment: '（架空）' };
      else {
        history.push({ type: 'sent', to: forwardedTo, by, at: step[1] });
        target = forwardedTo;
        state = { status: 'sent' };
      }
    }
  }
  return { id: `h-${code}`, kind: 'intake', target, state, version: history.length, history, placements: [], createdAt: spec.createdAt, createdBy: DESK };
}

function packageHandoff(file: CaseFile, spec: PackageSpec, n: number): PackageHandoff {
  const consents = (['basic', 'medicalCare'] as const).map((category) => ({ id: category, organisation: spec.to, category, givenBy: 'guardian' as const, recordedBy: 'd', recordedAt: LONG_AGO }));
  const built = buildPackage(file.record, CarePlanMother.full(), consents, spec.to, { year: 2026, month: 10, day: 1 }, LONG_AGO);
  if (built.kind !== 'built') throw new Error('fixture: package not built');
  const base = newPackageHandoff(`p-${file.record.code}-${n}`, built.package, { aadObjectId: 'co', displayName: '架空 コーディネーター', roles: ['coordinator'], organisation: 'coordinators' }, spec.events[0]?.[1] ?? LONG_AGO, []);
  const by = person(`${spec.to}-liaison`);
  const history: PackageEvent[] = spec.events.map(([type, at]): PackageEvent => {
    if (type === 'returned') return { type, by, at, reason: '（架空）' };
    if (type === 'asked' || type === 'answered' || type === 'reported') return { type, by, at, ref: 'q1' };
    return { type, by, at };
  });
  const last = spec.events.map(([t]) => t).filter((t): t is PackageStatus => t === 'received' || t === 'ready' || t === 'returned').pop() ?? 'sent';
  return { ...base, history, status: last };
}

export function caseFileOf(spec: ChildSpec): CaseFile {
  const createdAt = spec.intake?.createdAt ?? spec.createdAt ?? LONG_AGO;
  const statusHistory: { status: CaseStatus; at: string; by: string }[] = [
    { status: 'intake', at: createdAt, by: DESK.aadObjectId },
    ...(spec.coordinator ? [{ status: 'active' as const, at: createdAt, by: spec.coordinator }] : []),
    ...(spec.closedAt ? [{ status: 'closed' as const, at: spec.closedAt, by: 'co1' }] : []),
  ];
  const base = CaseFileMother.intake(spec.code, {
    id: `itabashi:${spec.code}`,
    child: { name: spec.name, nameKana: 'かくう', birthDate: parseIsoDate(spec.birth) as CalendarDate },
    careItems: spec.items,
    district: spec.district,
    enrolment: spec.enrolment ? { kind: spec.enrolment, place: '（架空）' } : undefined,
    assignedCoordinator: spec.coordinator ? { aadObjectId: spec.coordinator, displayName: `架空 ${spec.coordinator}` } : undefined,
    status: statusHistory[statusHistory.length - 1]?.status ?? 'intake',
    statusHistory,
    createdAt,
    familyNeeds: `（架空）${spec.name}さんの相談`,
  });
  const milestones: MilestoneState[] = (spec.milestones ?? []).map(([id, status, at]) =>
    status === 'postponed' ? { id, status, at, by: spec.coordinator ?? 'co', until: { year: 2027, month: 2, day: 1 } } : { id, status, at, by: spec.coordinator ?? 'co' },
  );
  const file: CaseFile = { ...base, handoffs: spec.intake ? [intakeHandoff(spec.code, spec.intake)] : [], milestones };
  return { ...file, packages: (spec.packages ?? []).map((p, i) => packageHandoff(file, p, i)) };
}

export const StatsMother = {
  /** The 30 fictional case files (and one more package sent before the quarter, on c15). */
  caseFiles(): CaseFile[] {
    const files = CHILDREN.map(caseFileOf);
    return files.map((f) =>
      f.record.code === '2026-0015' ? { ...f, packages: [packageHandoff(f, { to: 'school', events: [['sent', jst('2026-09-25T09:00:00')], ['received', jst('2026-10-02T09:00:00')]] }, 9)] } : f,
    );
  },
  cases(): StatsCase[] {
    return StatsMother.caseFiles().map(statsCaseOf);
  },
  /** Every child's name, to look for in anything published. */
  names(): string[] {
    return CHILDREN.map((c) => c.name);
  },
};
