import type { HandoffCardView } from '../../../src/app/views';

/** Handoff card views (what a card may show) for each status, as literals. */
const base: HandoffCardView = {
  caseId: 'itabashi:2026-0001',
  handoffId: '0b7d6c1e-0000-4000-8000-000000000002',
  version: 1,
  caseCode: '2026-0001',
  ageBand: '3-5',
  lifeStage: 'preschool',
  urgency: 'soon',
  careItemCount: 2,
  scoreBand: 'from16',
  placementRole: 'receiver',
  shownIn: 'coordinators',
  target: 'coordinators',
  status: 'sent',
  sentBy: '佐藤 花子（相談窓口・架空）',
  sentAt: '2026-11-25T00:05:00.000Z',
  canRespond: true,
  canResend: false,
  fictional: true,
  detailViewerIds: [],
};

const decline = {
  by: '鈴木 一郎（コーディネーター・架空）',
  at: '2026-11-25T01:00:00.000Z',
  reason: 'noCapacity',
  comment: '今月は担当枠がありません',
  forwardedTo: 'desk',
} as const;

export const CardViewMother = {
  sent: (): HandoffCardView => base,
  accepted: (): HandoffCardView => ({ ...base, version: 2, status: 'accepted', acceptedBy: '鈴木 一郎（コーディネーター・架空）', acceptedAt: '2026-11-25T01:00:00.000Z', canRespond: false }),
  returned: (): HandoffCardView => ({ ...base, version: 2, status: 'returned', lastDecline: decline, canRespond: false }),
  forwardedElsewhere: (): HandoffCardView => ({
    ...base,
    version: 2,
    target: 'nursery',
    status: 'forwardedElsewhere',
    lastDecline: { ...decline, reason: 'outOfScope', comment: '', forwardedTo: 'nursery' },
    canRespond: false,
  }),
  senderCopyReturned: (): HandoffCardView => ({ ...base, version: 2, placementRole: 'sender', shownIn: 'desk', status: 'returned', lastDecline: decline, canRespond: false, canResend: true }),
  withComment: (comment: string): HandoffCardView => ({ ...base, version: 2, status: 'returned', lastDecline: { ...decline, comment }, canRespond: false }),
};
