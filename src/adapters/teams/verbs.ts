/** Card verbs: one enumerated constant shared by the templates in cards/ and the router (checked by a test). */
export const VERBS = {
  handoffCreate: 'handoff.create',
  handoffAccept: 'handoff.accept',
  handoffDecline: 'handoff.decline',
  handoffResend: 'handoff.resend',
  handoffRefresh: 'handoff.refresh',
  consentRecord: 'consent.record',
  consentRevoke: 'consent.revoke',
  caseEdit: 'case.edit',
  caseStatus: 'case.status',
  milestoneDone: 'milestone.done',
  milestonePostpone: 'milestone.postpone',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];
