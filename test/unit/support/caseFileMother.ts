import { EMPTY_CASE_DETAILS } from '../../../src/domain/case';
import type { CareItemSelection } from '../../../src/domain/careItems';
import type { CaseRecord } from '../../../src/domain/case';
import type { CaseFile } from '../../../src/domain/caseFile';
import type { CalendarDate } from '../../../src/domain/dates';
import type { Handoff } from '../../../src/domain/handoff';
import { T0 } from './handoffMother';

export interface ChildOverrides {
  readonly name?: string;
  readonly nameKana?: string;
  readonly birthDate?: CalendarDate;
  readonly careItems?: readonly CareItemSelection[];
  readonly familyNeeds?: string;
}

/** Fictional case files (架空). */
export const CaseFileMother = {
  /** A preschool child (born 2022-05-10) with suction and tube feeding, waiting at the coordinators. */
  preschoolChild(over: ChildOverrides = {}, handoffs: readonly Handoff[] = []): CaseFile {
    const record: CaseRecord = {
      id: 'itabashi:2026-0001',
      wardId: 'itabashi',
      code: '2026-0001',
      child: { name: over.name ?? '架空 花子', nameKana: over.nameKana ?? 'かくう はなこ', birthDate: over.birthDate ?? { year: 2022, month: 5, day: 10 } },
      careItems: over.careItems ?? [{ code: 'SUCTION', watchLevel: 'high' }, { code: 'TUBE', watchLevel: 'high' }],
      familyNeeds: over.familyNeeds ?? '（架空）保育園入園の相談',
      urgency: 'soon',
      status: 'intake',
      statusHistory: [{ status: 'intake', at: T0, by: '00000000-0000-4000-8000-00000000d001' }],
      assignedCoordinator: undefined,
      createdAt: T0,
      createdBy: '00000000-0000-4000-8000-00000000d001',
      fictional: true,
      ...EMPTY_CASE_DETAILS,
    };
    return { record, handoffs, consents: [],
      processedActions: [], pendingAudit: [] };
  },
};
