import { EMPTY_CASE_DETAILS } from '../../domain/case';
import type { CaseCodeAllocator, CaseFileRepository, Clock, IdGenerator } from '../../app/ports';
import { caseIdFor } from '../../app/placements';
import { formatCaseCode, type CaseRecord } from '../../domain/case';
import type { CaseFile } from '../../domain/caseFile';
import { tokyoDate, type CalendarDate } from '../../domain/dates';
import type { WardDirectory } from '../../domain/directory';
import type { CareItemCode } from '../../domain/careItems';
import type { Handoff } from '../../domain/handoff';
import { HANDOFF_SHARES } from '../../domain/consent';
import type { CosmosStore } from '../cosmos/cosmosStore';
import { cosmosStatus } from '../cosmos/cosmosStore';
import type { Logger } from '../observability/logger';
import { seedStatsDemo, type StatsDemoDeps } from './seedStatsDemo';
import type { Device } from '../../domain/case';
import type { EmergencyProfile, StoredEmergencyProfile } from '../../domain/disaster/emergencyProfile';

/**
 * 架空 (fictional) demo cases seeded on the first embedded start, so a newcomer sees real-looking data.
 * Every child here is invented; each record is marked `fictional: true` and every card shows 架空データ.
 */
interface DemoChild {
  name: string;
  kana: string;
  yearsAgo: number;
  month: number;
  day: number;
  care: CareItemCode[];
  needs: string;
  urgency: CaseRecord['urgency'];
  acceptedBy?: string; // aadObjectId of a coordinator in the directory
  /** Issue 11: the district (地区) roll-calls pick children by, and the devices the emergency profile starts from. */
  district: string;
  devices: Device[];
  /** A 非常時情報 (emergency profile) recorded for the demo (架空); absent: none yet (不明 in the priority list). */
  profile?: Omit<EmergencyProfile, 'devices' | 'lastConfirmed' | 'consent'> & { readonly spares: readonly (readonly [count: number, hoursEach: number])[] };
}

const DEMO_CHILDREN: readonly DemoChild[] = [
  {
    name: '架空 陽太', kana: 'かくう ようた', yearsAgo: 6, month: 6, day: 12, care: ['SUCTION', 'TUBE'], needs: '（架空）来年4月の小学校入学に向けた就学相談と看護師配置の相談', urgency: 'soon', acceptedBy: '00000000-0000-4000-8000-000000000002',
    district: '（架空）大山', devices: [{ kind: 'suction', batteryHours: 1 }, { kind: 'feedingPump', batteryHours: 8 }],
    profile: { spares: [[1, 2], [0, 0]], backupPower: { sources: ['carPower'], note: '（架空）父の車にインバーター' }, oxygen: undefined, hospital: { name: '（架空）板橋こども医療センター', phone: '03-0000-0000', note: '' }, address: '（架空）板橋区大山町0-0-0', evacuation: [{ hazard: 'earthquake', place: '（架空）区立大山小学校 福祉避難室', routeNotes: '（架空）大通りを避ける' }], helpers: [{ name: '（架空）町会 役員', relation: '町会', phone: '03-0000-0002', role: 'mover' }], contacts: [{ who: '（架空）母', phone: '090-0000-0001' }, { who: '（架空）主治医', phone: '03-0000-0003' }], manualAlternatives: '（架空）手動吸引器' },
  },
  {
    name: '架空 さくら', kana: 'かくう さくら', yearsAgo: 2, month: 9, day: 3, care: ['VENT', 'TRACH', 'SUCTION'], needs: '（架空）退院後の訪問看護とレスパイトの調整', urgency: 'urgent', acceptedBy: '00000000-0000-4000-8000-000000000003',
    district: '（架空）高島平', devices: [{ kind: 'ventilator', batteryHours: 4 }, { kind: 'suction', batteryHours: 1 }],
    profile: { spares: [[2, 3], [1, 1]], backupPower: { sources: ['storageBattery'], note: '（架空）区の貸与蓄電池' }, oxygen: { concentrator: false, cylinders: 2, hoursPerCylinder: 5, supplier: '（架空）酸素センター 03-0000-0009' }, hospital: { name: '（架空）高島平こども病院', phone: '03-0000-0004', note: '' }, address: '（架空）板橋区高島平0-0-0', evacuation: [{ hazard: 'any', place: '（架空）高島平こども病院', routeNotes: '' }], helpers: [{ name: '（架空）訪問看護師', relation: '訪問看護', phone: '03-0000-0005', role: 'mover' }], contacts: [{ who: '（架空）父', phone: '090-0000-0006' }, { who: '（架空）祖母', phone: '090-0000-0007' }], manualAlternatives: '（架空）蘇生バッグ・人工鼻' },
  },
  { name: '架空 蓮', kana: 'かくう れん', yearsAgo: 9, month: 1, day: 20, care: ['GLUCOSE', 'SC_INJ'], needs: '（架空）あいキッズ利用時の血糖測定の対応', urgency: 'normal', district: '（架空）志村', devices: [] },
];

const SEED_MARKER = 'seed:demo:v1';

export async function seedDemoData(deps: {
  repo: CaseFileRepository;
  codes: CaseCodeAllocator;
  store: CosmosStore;
  directory: WardDirectory;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  /** 統計 demo cases (seedStatsDemo.ts) for the last ended quarter; absent: none. */
  statistics?: Pick<StatsDemoDeps, 'districts' | 'transitions' | 'calendar'>;
}): Promise<void> {
  const meta = deps.store.container('meta');
  try {
    const { resource } = await meta.item(SEED_MARKER, SEED_MARKER).read();
    if (resource) return;
  } catch (err) {
    if (cosmosStatus(err) !== 404) throw err;
  }
  const now = deps.clock.now();
  const today = tokyoDate(now);
  const at = now.toISOString();
  const desk = { aadObjectId: '00000000-0000-4000-8000-000000000001', displayName: deps.directory.findPerson('00000000-0000-4000-8000-000000000001')?.displayName ?? '相談窓口' };
  for (const child of DEMO_CHILDREN) {
    const year = today.year;
    const code = formatCaseCode(year, await deps.codes.next(deps.directory.wardId, year));
    const caseId = caseIdFor(deps.directory.wardId, code);
    const birthDate: CalendarDate = { year: today.year - child.yearsAgo, month: child.month, day: child.day };
    const coordinator = child.acceptedBy ? deps.directory.findPerson(child.acceptedBy) : undefined;
    const coordinatorRef = coordinator && { aadObjectId: coordinator.aadObjectId, displayName: coordinator.displayName };
    const handoff: Handoff = {
      id: deps.ids.newId(),
      kind: 'intake',
      target: 'coordinators',
      state: coordinatorRef ? { status: 'accepted', by: coordinatorRef, at } : { status: 'sent' },
      version: coordinatorRef ? 2 : 1,
      history: [{ type: 'sent', to: 'coordinators', by: desk, at }, ...(coordinatorRef ? [{ type: 'accepted' as const, by: coordinatorRef, at }] : [])],
      placements: [],
      createdAt: at,
      createdBy: desk,
    };
    const file: CaseFile = {
      record: {
        id: caseId,
        wardId: deps.directory.wardId,
        code,
        child: { name: child.name, nameKana: child.kana, birthDate },
        careItems: child.care.map((c) => ({ code: c })),
        familyNeeds: child.needs,
        urgency: child.urgency,
        status: coordinatorRef ? 'active' : 'intake',
        statusHistory: [{ status: 'intake', at, by: desk.aadObjectId }, ...(coordinatorRef ? [{ status: 'active' as const, at, by: coordinatorRef.aadObjectId }] : [])],
        assignedCoordinator: coordinatorRef,
        createdAt: at,
        createdBy: desk.aadObjectId,
        fictional: true,
        ...EMPTY_CASE_DETAILS,
        district: child.district,
        devices: child.devices,
      },
      handoffs: [handoff],
      consents: HANDOFF_SHARES.map((category) => ({ id: deps.ids.newId(), organisation: 'coordinators' as const, category, givenBy: 'guardian' as const, recordedBy: desk.aadObjectId, recordedAt: at })),
      processedActions: [],
      pendingAudit: [],
      ...(child.profile ? { emergencyProfile: demoProfile(child, child.profile, desk.aadObjectId, today, at) } : {}),
    };
    await deps.repo.create(file);
  }
  if (deps.statistics) {
    const count = await seedStatsDemo({ ...deps.statistics, repo: deps.repo, codes: deps.codes, ids: deps.ids, wardId: deps.directory.wardId, now });
    deps.log.info('seeded fictional statistics demo cases', { count });
  }
  await meta.items.upsert({ id: SEED_MARKER, pk: SEED_MARKER, at });
  deps.log.info('seeded fictional demo cases', { count: DEMO_CHILDREN.length });
}

/** The demo child's emergency profile (架空), consented and confirmed today by the desk. */
function demoProfile(child: DemoChild, p: NonNullable<DemoChild['profile']>, by: string, today: CalendarDate, at: string): StoredEmergencyProfile {
  const { spares, ...rest } = p;
  const devices = child.devices.map((d, i) => ({ ...d, externalBatteries: { count: spares[i]?.[0] ?? 0, hoursEach: spares[i]?.[0] ? spares[i]?.[1] : undefined }, note: '' }));
  return { profile: { ...rest, devices, consent: { givenBy: 'guardian', scope: '（架空）町会・消防署', recordedBy: by, recordedOn: today }, lastConfirmed: { on: today, by } }, version: 1, updatedBy: by, updatedAt: at };
}
