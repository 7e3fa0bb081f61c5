import type { CaseFile } from '../domain/caseFile';
import type { DataCategory } from '../domain/consent';
import type { OrganisationKey, WardDirectory } from '../domain/directory';
import type { CardPlacement } from '../domain/handoff';
import type { HandoffPackage } from '../domain/package/handoffPackage';
import { currentPackageEscalation, unansweredEscalation } from '../domain/package/packageEscalation';
import type { PackageHandoff, PackageStatus } from '../domain/package/packageHandoff';

/**
 * What a package card may show. In the channel: the case code, the receiver, the status, who did what and
 * when, and counts — never the child's data or the questions' text. The receiver's members and the
 * people holding the case get the details (sections, questions and answers) in a user-specific view.
 */
export interface PackageCardView {
  readonly caseId: string;
  readonly packageId: string;
  readonly version: number;
  readonly caseCode: string;
  readonly organisation: OrganisationKey;
  readonly placementRole: CardPlacement['role'];
  readonly status: PackageStatus;
  readonly history: readonly { readonly type: string; readonly by: string; readonly at: string }[];
  readonly questionCount: number;
  readonly unansweredCount: number;
  readonly reportCount: number;
  readonly omitted: readonly DataCategory[];
  readonly canRespond: boolean;
  readonly canAnswer: boolean;
  readonly detailViewerIds: readonly string[];
  readonly fictional: boolean;
  /**
   * Raised by the daily run: not received for N (level 1) or 2N (level 2) business days, on every card;
   * a question unanswered for N business days, on the sender's copy only.
   */
  readonly escalation?: { readonly unacknowledged?: { readonly level: 1 | 2; readonly businessDays: number }; readonly unanswered?: { readonly businessDays: number } };
  /** Only when rendering for a person allowed to see the content. */
  readonly details?: {
    readonly sections: HandoffPackage['sections'];
    readonly questions: readonly { readonly id: string; readonly askedBy: string; readonly askedAt: string; readonly text: string; readonly answer?: { readonly by: string; readonly at: string; readonly text: string } }[];
    readonly reports: readonly { readonly by: string; readonly at: string; readonly text: string }[];
  };
}

export function packageView(file: CaseFile, h: PackageHandoff, placement: Pick<CardPlacement, 'role'>, directory: WardDirectory, withDetails: boolean): PackageCardView {
  const open = h.status === 'sent' || h.status === 'received';
  const unacknowledged = currentPackageEscalation(h);
  const unanswered = placement.role === 'sender' ? unansweredEscalation(h) : undefined;
  const receivers = directory.membersOf ? directory.membersOf(h.organisation) : [];
  const holders = [file.record.assignedCoordinator?.aadObjectId].filter((x): x is string => !!x);
  const viewerIds = [
    ...receivers.map((p) => p.teamsUserId),
    ...holders.map((aad) => directory.findPerson(aad)?.teamsUserId),
    ...h.history.map((e) => e.by.teamsUserId),
  ].filter((x): x is string => !!x);
  return {
    caseId: file.record.id,
    packageId: h.id,
    version: h.version,
    caseCode: file.record.code,
    organisation: h.organisation,
    placementRole: placement.role,
    status: h.status,
    history: h.history.slice(-8).map((e) => ({ type: e.type, by: e.by.displayName, at: e.at })),
    questionCount: h.questions.length,
    unansweredCount: h.questions.filter((q) => !q.answer).length,
    reportCount: h.reports.length,
    omitted: h.package.omitted,
    canRespond: placement.role === 'receiver' && open,
    canAnswer: placement.role === 'sender' && h.questions.some((q) => !q.answer),
    // The 障がい児支援係 copy is for information: no user-specific view.
    detailViewerIds: placement.role === 'escalation' ? [] : [...new Set(viewerIds)].slice(0, 60),
    fictional: h.package.fictional,
    ...(unacknowledged || unanswered
      ? {
          escalation: {
            ...(unacknowledged ? { unacknowledged: { level: unacknowledged.level, businessDays: unacknowledged.businessDays } } : {}),
            ...(unanswered ? { unanswered: { businessDays: unanswered.businessDays } } : {}),
          },
        }
      : {}),
    ...(withDetails
      ? {
          details: {
            sections: h.package.sections,
            questions: h.questions.map((q) => ({ id: q.id, askedBy: q.askedBy.displayName, askedAt: q.askedAt, text: q.text, ...(q.answer ? { answer: { by: q.answer.by.displayName, at: q.answer.at, text: q.answer.text } } : {}) })),
            reports: h.reports.map((r) => ({ by: r.by.displayName, at: r.at, text: r.text })),
          },
        }
      : {}),
  };
}
