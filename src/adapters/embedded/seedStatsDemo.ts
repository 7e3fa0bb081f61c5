import type { CaseCodeAllocator, CaseFileRepository, IdGenerator } from '../../app/ports';
import { caseIdFor } from '../../app/placements';
import type { BusinessCalendar } from '../../domain/businessCalendar';
import { addDays } from '../../domain/businessCalendar';
import { EMPTY_CASE_DETAILS, formatCaseCode, URGENCIES } from '../../domain/case';
import type { CaseFile } from '../../domain/caseFile';
import { CARE_ITEM_CODES, type CareItemCode } from '../../domain/careItems';
import { tokyoDate, type CalendarDate } from '../../domain/dates';
import type { PersonRef } from '../../domain/handoff';
import type { Handoff } from '../../domain/handoff';
import { milestoneOccurrences } from '../../domain/stats/continuity';
import { endOfTokyoDay, lastEndedPeriod, periodRange, startOfTokyoDay } from '../../domain/stats/period';
import { statsCaseOf } from '../../domain/stats/statsCase';
import type { MilestoneState } from '../../domain/transitions/milestoneState';
import type { TransitionData } from '../../domain/transitions/transitionData';

/**
 * 架空 (fictional) cases for the 統計 demo, so the statistics card shows figures (not only "*") for the last
 * quarter that has ended, whenever the demo is started. Relative to today: each child's case was opened
 * about a year before that quarter, accepted by one of four fictional coordinators (not users of the
 * directory, so nobody's 担当案件 or digest changes), and closed today — open throughout the quarter, so it
 * is counted, but closed now, so no reminder, escalation or department card is ever made for it. Some got
 * a second intake handoff during the quarter (accepted after a few business days; two returned), and the
 * transition milestones due in the quarter are marked done (most on time, some late, a few left open).
 * Case codes are of last year, so this year's demo codes (2026-0001 …) stay those of the three children.
 */
export const STATS_DEMO_CHILDREN = 40;

const COORDINATORS: readonly PersonRef[] = ['A', 'B', 'C', 'D'].map((x, i) => ({ aadObjectId: `00000000-0000-4000-8000-0000000dc0${i + 1}0`, displayName: `架空コーディネーター${x}` }));
const DESK: PersonRef = { aadObjectId: '00000000-0000-4000-8000-000000000001', displayName: '相談窓口（架空）' };

/** A small deterministic PRNG (mulberry32): the same demo every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
/** 09:00 JST of a date, plus some minutes. */
const at = (d: CalendarDate, minutes = 0): string => new Date(startOfTokyoDay(d) + (9 * 60 + minutes) * 60_000).toISOString();

export interface StatsDemoDeps {
  readonly repo: CaseFileRepository;
  readonly codes: CaseCodeAllocator;
  readonly ids: IdGenerator;
  readonly wardId: string;
  readonly now: Date;
  readonly districts: readonly string[];
  readonly transitions: TransitionData;
  readonly calendar: BusinessCalendar;
}

export async function seedStatsDemo(deps: StatsDemoDeps): Promise<number> {
  const today = tokyoDate(deps.now);
  const range = periodRange(lastEndedPeriod(today));
  const closedAt = deps.now.toISOString();
  const codeYear = today.year - 1;
  const r = random(20261126);
  // Most children in the configured districts, a few with none recorded and one typed off the list.
  const districtOf = (i: number): string => (i % 13 === 12 ? '' : i === 7 ? '西地区（架空・一覧外）' : (deps.districts[i % Math.max(1, deps.districts.length)] ?? ''));
  let created = 0;
  for (let i = 0; i < STATS_DEMO_CHILDREN; i++) {
    const code = formatCaseCode(codeYear, await deps.codes.next(deps.wardId, codeYear));
    const caseId = caseIdFor(deps.wardId, code);
    const opened = addDays(range.from, -(300 + Math.floor(r() * 200)));
    const accepted = deps.calendar.addBusinessDays(opened, 1 + Math.floor(r() * 3));
    const age = Math.floor(r() * 18);
    const birthDate: CalendarDate = { year: range.to.year - age - 1, month: 1 + Math.floor(r() * 12), day: 1 + Math.floor(r() * 28) };
    const coordinator = i % 9 === 8 ? undefined : pick(r, COORDINATORS);
    const care = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, CARE_ITEM_CODES)))] as CareItemCode[];
    const handoffs: Handoff[] = [
      {
        id: deps.ids.newId(),
        kind: 'intake',
        target: 'coordinators',
        state: { status: 'accepted', by: coordinator ?? DESK, at: at(accepted) },
        version: 2,
        history: [{ type: 'sent', to: 'coordinators', by: DESK, at: at(opened) }, { type: 'accepted', by: coordinator ?? DESK, at: at(accepted) }],
        placements: [],
        createdAt: at(opened),
        createdBy: DESK,
      },
    ];
    if (i % 2 === 0) {
      // A handoff sent during the quarter (to the coordinators again), accepted after some business days or returned.
      const sent = addDays(range.from, Math.floor(r() * 80));
      const returned = i % 16 === 0;
      const answered = deps.calendar.addBusinessDays(sent, 1 + Math.floor(r() * 6));
      const by = coordinator ?? pick(r, COORDINATORS);
      handoffs.push({
        id: deps.ids.newId(),
        kind: 'intake',
        target: 'coordinators',
        state: returned ? { status: 'returned', by, at: at(answered), reason: 'noCapacity', comment: '' } : { status: 'accepted', by, at: at(answered) },
        version: 2,
        history: [
          { type: 'sent', to: 'coordinators', by: DESK, at: at(sent) },
          returned ? { type: 'declined', by, at: at(answered), reason: 'noCapacity', comment: '', forwardedTo: 'desk' } : { type: 'accepted', by, at: at(answered) },
        ],
        placements: [],
        createdAt: at(sent),
        createdBy: DESK,
      });
    }
    const file: CaseFile = {
      record: {
        id: caseId,
        wardId: deps.wardId,
        code,
        child: { name: `架空 統計児${i + 1}`, nameKana: `かくう とうけいじ${i + 1}`, birthDate },
        careItems: care.map((c) => ({ code: c })),
        familyNeeds: '（架空）統計の表示例のための架空ケース',
        urgency: pick(r, URGENCIES),
        status: 'closed',
        statusHistory: [
          { status: 'intake', at: at(opened), by: DESK.aadObjectId },
          { status: 'active', at: at(accepted), by: (coordinator ?? DESK).aadObjectId },
          { status: 'closed', at: closedAt, by: DESK.aadObjectId },
        ],
        assignedCoordinator: coordinator,
        createdAt: at(opened),
        createdBy: DESK.aadObjectId,
        fictional: true,
        ...EMPTY_CASE_DETAILS,
        district: districtOf(i),
      },
      handoffs,
      consents: [],
      processedActions: [],
      pendingAudit: [],
    };
    // The milestones due in the quarter: most done by the deadline, some late, a few left open.
    const due = milestoneOccurrences([statsCaseOf(file)], range, deps.transitions, deps.calendar);
    const milestones: MilestoneState[] = due.flatMap((m, j) => {
      const roll = (i + j) % 6;
      if (roll === 5) return [];
      const on = roll === 4 ? deps.calendar.addBusinessDays(m.dueDate, 3) : deps.calendar.addBusinessDays(m.dueDate, -2);
      const doneAt = Math.min(Date.parse(at(on)), endOfTokyoDay(range.to) - 60_000);
      return [{ id: m.milestoneId, status: 'done', by: (coordinator ?? DESK).aadObjectId, at: new Date(doneAt).toISOString() }];
    });
    if ((await deps.repo.create({ ...file, milestones })) === 'created') created++;
  }
  return created;
}
