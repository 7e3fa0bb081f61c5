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
}

const DEMO_CHILDREN: readonly DemoChild[] = [
  { name: '架空 陽太', kana: 'かくう ようた', yearsAgo: 6, month: 6, day: 12, care: ['SUCTION', 'TUBE'], needs: '（架空）来年4月の小学校入学に向けた就学相談と看護師配置の相談', urgency: 'soon', acceptedBy: '00000000-0000-4000-8000-000000000002' },
  { name: '架空 さくら', kana: 'かくう さくら', yearsAgo: 2, month: 9, day: 3, care: ['VENT', 'TRACH', 'SUCTION'], needs: '（架空）退院後の訪問看護とレスパイトの調整', urgency: 'urgent', acceptedBy: '00000000-0000-4000-8000-000000000003' },
  { name: '架空 蓮', kana: 'かくう れん', yearsAgo: 9, month: 1, day: 20, care: ['GLUCOSE', 'SC_INJ'], needs: '（架空）あいキッズ利用時の血糖測定の対応', urgency: 'normal' },
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
      },
      handoffs: [handoff],
      consents: HANDOFF_SHARES.map((category) => ({ id: deps.ids.newId(), organisation: 'coordinators' as const, category, givenBy: 'guardian' as const, recordedBy: desk.aadObjectId, recordedAt: at })),
      processedActions: [],
      pendingAudit: [],
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
