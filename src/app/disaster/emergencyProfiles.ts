import { isAllowed } from '../../domain/authorisation';
import type { BusinessCalendar } from '../../domain/businessCalendar';
import { withAudit, type CaseFile } from '../../domain/caseFile';
import { tokyoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import {
  confirmProfile,
  draftProfile,
  reconfirmation,
  reminderKeyOf,
  validateProfile,
  type EmergencyProfile,
  type PlanConsent,
  type ProfileError,
  type Reconfirmation,
  type ReconfirmationPolicy,
} from '../../domain/disaster/emergencyProfile';
import type { ConsentGiver } from '../../domain/consent';
import { auditEntry } from '../auditEntries';
import { mutateCaseFile } from '../mutateCaseFile';
import type { AuditTrail, CaseFileRepository, Clock } from '../ports';
import { readCaseForActor, relationshipTo } from '../readCase';

/**
 * 非常時情報 (emergency profile) on the case: shown and edited by the people holding the case (the same
 * permission as the case details), every read and write audited, every edit guarded by the version the card
 * showed (a stale card is refused, never merged), and a re-confirmation with the family every N months.
 */
export const PROFILE_FIELDS = ['emergencyProfile'] as const;

export interface ProfileDeps {
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly policy: ReconfirmationPolicy;
  readonly calendar?: BusinessCalendar;
  readonly onOutboxWork: (caseId: string) => void;
}

export interface ProfileView {
  readonly file: CaseFile;
  /** The stored profile, or a first draft from the case's devices and care plan (not stored). */
  readonly profile: EmergencyProfile;
  readonly stored: boolean;
  /** 0 before the first save. */
  readonly version: number;
  readonly reconfirmation: Reconfirmation;
}

export function profileView(file: CaseFile, deps: Pick<ProfileDeps, 'clock' | 'policy' | 'calendar'>): ProfileView {
  const stored = file.emergencyProfile;
  const profile = stored?.profile ?? draftProfile(file.record.devices, file.carePlan?.emergency);
  return { file, profile, stored: stored !== undefined, version: stored?.version ?? 0, reconfirmation: reconfirmation(profile, tokyoDate(deps.clock.now()), deps.policy, deps.calendar) };
}

export type ProfileViewOutcome = { readonly kind: 'found'; readonly view: ProfileView } | { readonly kind: 'notFound' } | { readonly kind: 'notAuthorised' };

/** 非常時 <案件番号>: permission-checked and audited like every read of case data. */
export async function viewEmergencyProfile(deps: ProfileDeps, req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<ProfileViewOutcome> {
  const read = await readCaseForActor(deps, { ...req, purpose: 'emergencyProfile.view', fields: PROFILE_FIELDS });
  if (read.kind !== 'found') return read;
  return { kind: 'found', view: profileView(read.file, deps) };
}

/** What the card sends: the profile without its confirmation, and the consent as given (or not). */
export interface ProfileEdit {
  readonly profile: Omit<EmergencyProfile, 'consent' | 'lastConfirmed'>;
  readonly consent: { readonly givenBy: ConsentGiver; readonly scope: string } | undefined;
}

export type ProfileChangeOutcome =
  | { readonly kind: 'saved' | 'unchanged'; readonly view: ProfileView }
  | { readonly kind: 'stale'; readonly view: ProfileView }
  | { readonly kind: 'invalid'; readonly errors: readonly ProfileError[] }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'caseNotFound' }
  | { readonly kind: 'busy' };

type Decision = 'saved' | 'unchanged' | 'stale' | 'notAuthorised' | { readonly invalid: readonly ProfileError[] };

async function changeProfile(deps: ProfileDeps, req: { caseId: string; actor: Actor; version: number; conversationId: string | undefined }, action: string, next: (current: EmergencyProfile, file: CaseFile) => EmergencyProfile | readonly ProfileError[]): Promise<ProfileChangeOutcome> {
  const at = deps.clock.now().toISOString();
  const outcome = await mutateCaseFile<Decision>(deps.repo, req.caseId, (file) => {
    if (!isAllowed(req.actor, 'case.viewDetails', relationshipTo(file, req.actor))) return { result: 'notAuthorised' };
    const stored = file.emergencyProfile;
    if ((stored?.version ?? 0) !== req.version) return { result: 'stale' };
    const current = profileView(file, deps).profile;
    const profile = next(current, file);
    if (Array.isArray(profile)) return { result: { invalid: profile } };
    const p = profile as EmergencyProfile;
    if (stored && JSON.stringify(p) === JSON.stringify(stored.profile)) return { result: 'unchanged' };
    const version = (stored?.version ?? 0) + 1;
    const entry = auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'update', action, fields: PROFILE_FIELDS, at, conversationId: req.conversationId, discriminator: `v${version}` });
    return { save: withAudit({ ...file, emergencyProfile: { profile: p, version, updatedBy: req.actor.aadObjectId, updatedAt: at, ...(stored?.reminded ? { reminded: stored.reminded } : {}) } }, entry), result: 'saved' };
  });
  if (outcome.kind !== 'done') return outcome;
  const r = outcome.result;
  if (r === 'notAuthorised') return { kind: 'notAuthorised' };
  if (typeof r === 'object') return { kind: 'invalid', errors: r.invalid };
  if (outcome.saved) deps.onOutboxWork(req.caseId);
  return { kind: r, view: profileView(outcome.file, deps) };
}

/**
 * Saves the profile from the card. The consent is kept with its original date while it says the same;
 * a new or changed consent is recorded today by the person saving. The confirmation date is kept: only
 * 「家族と確認済みにする」 sets it.
 */
export function saveEmergencyProfile(deps: ProfileDeps, req: { caseId: string; actor: Actor; version: number; edit: ProfileEdit; conversationId: string | undefined }): Promise<ProfileChangeOutcome> {
  const today = tokyoDate(deps.clock.now());
  return changeProfile(deps, req, 'emergencyProfile.save', (current) => {
    const old = current.consent;
    const given = req.edit.consent;
    const consent: PlanConsent | undefined = !given
      ? undefined
      : old && old.givenBy === given.givenBy && old.scope === given.scope.trim()
        ? old
        : { givenBy: given.givenBy, scope: given.scope.trim(), recordedBy: req.actor.aadObjectId, recordedOn: today };
    const profile: EmergencyProfile = { ...req.edit.profile, consent, lastConfirmed: current.lastConfirmed };
    const errors = validateProfile(profile, today);
    return errors.length ? errors : profile;
  });
}

/** 家族と確認済みにする: the profile was gone through with the family today (once a day is enough). */
export function confirmEmergencyProfile(deps: ProfileDeps, req: { caseId: string; actor: Actor; version: number; conversationId: string | undefined }): Promise<ProfileChangeOutcome> {
  const today = tokyoDate(deps.clock.now());
  return changeProfile(deps, req, 'emergencyProfile.confirm', (current) => confirmProfile(current, req.actor.aadObjectId, today));
}

// ---------------------------------------------------------------------------------------------------
// Re-confirmation reminders (part of the morning run)

export interface ProfileReminder {
  readonly caseId: string;
  readonly caseCode: string;
  readonly coordinator: string;
  readonly reconfirmation: Reconfirmation;
}

/** Sends one reminder to the coordinator of the case (personal chat); false when it must be tried again. */
export type ProfileReminderSender = (reminder: ProfileReminder) => Promise<'sent' | 'retryLater' | 'noChat'>;

const OPEN = new Set(['intake', 'active', 'monitoring']);

/**
 * Each open case with a stored profile whose re-confirmation is due soon or overdue reminds its coordinator
 * once per state (`reminded` on the profile, ETag-guarded). The reminder is sent first and recorded after:
 * a crash in between may repeat it the next morning, never lose it; a 429/5xx leaves it for the next run.
 */
export async function remindProfileReconfirmations(deps: ProfileDeps, send: ProfileReminderSender, limit = 2000): Promise<{ readonly done: number; readonly failed: number }> {
  let done = 0;
  let failed = 0;
  const today = tokyoDate(deps.clock.now());
  for (const caseId of await deps.repo.listOpen(limit)) {
    try {
      const loaded = await deps.repo.load(caseId);
      const file = loaded?.value;
      const stored = file?.emergencyProfile;
      const coordinator = file?.record.assignedCoordinator?.aadObjectId;
      if (!file || !stored || !coordinator || !OPEN.has(file.record.status) || file.record.anonymisedAt) continue;
      const state = reconfirmation(stored.profile, today, deps.policy, deps.calendar);
      const key = reminderKeyOf(state);
      if (!key || stored.reminded === key) continue;
      const sent = await send({ caseId, caseCode: file.record.code, coordinator, reconfirmation: state });
      if (sent === 'retryLater') {
        failed++;
        continue;
      }
      const at = deps.clock.now().toISOString();
      const saved = await mutateCaseFile(deps.repo, caseId, (f) => {
        const p = f.emergencyProfile;
        if (!p || p.reminded === key) return { result: undefined };
        const entry = auditEntry({ caseId, actor: 'system', operation: 'read', action: 'emergencyProfile.remind', fields: ['emergencyProfile.lastConfirmed'], at, conversationId: undefined, discriminator: key });
        return { save: withAudit({ ...f, emergencyProfile: { ...p, reminded: key } }, entry), result: undefined };
      });
      if (saved.kind === 'done' && saved.saved) deps.onOutboxWork(caseId);
      if (sent === 'sent') done++;
    } catch {
      failed++;
    }
  }
  return { done, failed };
}
