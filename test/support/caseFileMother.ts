import { EMPTY_CASE_DETAILS } from '../../src/domain/case';
import type { CaseFile } from '../../src/domain/caseFile';
import type { Handoff } from '../../src/domain/handoff';

/** Test data "mothers" for case files (all fictional). */
export const CaseFileMother = {
  intake(code = '2026-0001', overrides: Partial<CaseFile['record']> = {}): CaseFile {
    const id = `itabashi:${code}`;
    const at = '2026-11-25T00:00:00.000Z';
    const desk = { aadObjectId: 'desk-1', displayName: '架空 窓口' };
    const handoff: Handoff = {
      id: `h-${code}`,
      kind: 'intake',
      target: 'coordinators',
      state: { status: 'sent' },
      version: 1,
      history: [{ type: 'sent', to: 'coordinators', by: desk, at }],
      placements: [],
      createdAt: at,
      createdBy: desk,
    };
    return {
      record: {
        id,
        wardId: 'itabashi',
        code,
        child: { name: '架空 太郎', nameKana: 'かくう たろう', birthDate: { year: 2021, month: 5, day: 1 } },
        careItems: [{ code: 'SUCTION' }],
        familyNeeds: '（架空）相談内容',
        urgency: 'normal',
        status: 'intake',
        statusHistory: [{ status: 'intake', at, by: desk.aadObjectId }],
        assignedCoordinator: undefined,
        createdAt: at,
        createdBy: desk.aadObjectId,
        fictional: true,
        ...EMPTY_CASE_DETAILS,
        ...overrides,
      },
      handoffs: [handoff],
      consents: [],
      processedActions: [],
      pendingAudit: [],
    };
  },
};
