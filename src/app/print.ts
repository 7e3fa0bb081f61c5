import { randomBytes } from 'node:crypto';
import { isAllowed } from '../domain/authorisation';
import type { CaseFile } from '../domain/caseFile';
import { tokyoDate } from '../domain/dates';
import type { Actor, OrganisationKey } from '../domain/directory';
import { EMPTY_CARE_PLAN } from '../domain/package/carePlan';
import { buildPackage, type HandoffPackage } from '../domain/package/handoffPackage';
import { packagesOf } from '../domain/package/packageHandoff';
import { auditEntry } from './auditEntries';
import type { AuditTrail, CaseFileRepository, Clock } from './ports';
import { relationshipTo } from './readCase';

/**
 * Printable pages (引継ぎシート, 緊急時情報シート) reach people through one-time links: issued in personal
 * chat to someone allowed to see the content, valid for a few minutes, consumed on first open, and both
 * the issue and the opening are audited.
 */
export type PrintKind = 'package' | 'emergency' | 'evacuation';

export interface PrintGrant {
  readonly token: string;
  readonly caseId: string;
  readonly kind: PrintKind;
  readonly organisation: OrganisationKey | 'all';
  readonly actor: string;
  readonly expiresAt: string;
}

export interface PrintGrants {
  save(grant: PrintGrant): Promise<void>;
  /** Returns the grant once and removes it (a second open finds nothing). */
  take(token: string): Promise<PrintGrant | undefined>;
}

export const PRINT_LINK_MINUTES = 10;

export interface PrintDeps {
  readonly repo: CaseFileRepository;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly grants: PrintGrants;
}

export type IssueOutcome = { readonly kind: 'issued'; readonly tokens: Readonly<Record<'package' | 'emergency', string>>; readonly expiresAt: string } | { readonly kind: 'nothingToPrint' | 'notFound' };

/** Who may print what: the people holding the case print everything; a receiver prints its latest package. */
function scopeOf(file: CaseFile, actor: Actor): OrganisationKey | 'all' | undefined {
  if (isAllowed(actor, 'case.viewDetails', relationshipTo(file, actor))) return 'all';
  const mine = [...packagesOf(file)].reverse().find((p) => isAllowed(actor, 'package.respond', { handoffTarget: p.organisation }));
  return mine?.organisation;
}

export async function issuePrintLinks(deps: PrintDeps, req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<IssueOutcome> {
  const loaded = await deps.repo.load(req.caseId);
  if (!loaded) return { kind: 'notFound' };
  const scope = scopeOf(loaded.value, req.actor);
  if (!scope) return { kind: 'notFound' };
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PRINT_LINK_MINUTES * 60_000).toISOString();
  const tokens = { package: randomBytes(24).toString('base64url'), emergency: randomBytes(24).toString('base64url') };
  for (const kind of ['package', 'emergency'] as const) await deps.grants.save({ token: tokens[kind], caseId: req.caseId, kind, organisation: scope, actor: req.actor.aadObjectId, expiresAt });
  await deps.audit.append([auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'read', action: 'print.link', fields: ['package'], at: now.toISOString(), conversationId: req.conversationId, discriminator: tokens.package.slice(0, 8) })]);
  return { kind: 'issued', tokens, expiresAt };
}

/**
 * 非常時 <案件番号> → 個別避難計画を印刷 (issue 11): one link to the one-page evacuation plan base, for the
 * people holding the case only (it carries names, the address and contacts), audited like the others.
 */
export async function issueEvacuationPrintLink(deps: PrintDeps, req: { caseId: string; actor: Actor; conversationId: string | undefined }): Promise<{ readonly kind: 'issued'; readonly token: string; readonly expiresAt: string } | { readonly kind: 'nothingToPrint' | 'notFound' }> {
  const loaded = await deps.repo.load(req.caseId);
  if (!loaded || scopeOf(loaded.value, req.actor) !== 'all') return { kind: 'notFound' };
  if (!loaded.value.emergencyProfile) return { kind: 'nothingToPrint' };
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + PRINT_LINK_MINUTES * 60_000).toISOString();
  const token = randomBytes(24).toString('base64url');
  await deps.grants.save({ token, caseId: req.caseId, kind: 'evacuation', organisation: 'all', actor: req.actor.aadObjectId, expiresAt });
  await deps.audit.append([auditEntry({ caseId: req.caseId, actor: req.actor.aadObjectId, operation: 'read', action: 'print.link', fields: ['emergencyProfile'], at: now.toISOString(), conversationId: req.conversationId, discriminator: token.slice(0, 8) })]);
  return { kind: 'issued', token, expiresAt };
}

export type OpenOutcome =
  | { readonly kind: 'page'; readonly kindOfPage: 'package' | 'emergency'; readonly pkg: HandoffPackage }
  | { readonly kind: 'evacuationPlan'; readonly file: CaseFile }
  | { readonly kind: 'gone' };

/** Opens a link once: the package content the grant allows, built now from the stored case. */
export async function openPrintLink(deps: PrintDeps, token: string): Promise<OpenOutcome> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { kind: 'gone' };
  const grant = await deps.grants.take(token);
  const now = deps.clock.now();
  if (!grant || Date.parse(grant.expiresAt) < now.getTime()) return { kind: 'gone' };
  const loaded = await deps.repo.load(grant.caseId);
  if (!loaded) return { kind: 'gone' };
  const file = loaded.value;
  if (grant.kind === 'evacuation') {
    if (!file.emergencyProfile || grant.organisation !== 'all') return { kind: 'gone' };
    await deps.audit.append([auditEntry({ caseId: grant.caseId, actor: grant.actor, operation: 'read', action: 'print.evacuation', fields: ['child', 'guardians', 'district', 'careItems', 'emergencyProfile'], at: now.toISOString(), conversationId: undefined, discriminator: token.slice(0, 8) })]);
    return { kind: 'evacuationPlan', file };
  }
  let pkg: HandoffPackage | undefined;
  if (grant.organisation === 'all') {
    // The people holding the case: everything (consent concerns sharing with other organisations).
    const all = (['basic', 'medicalCare', 'emergency', 'family'] as const).map((category) => ({ id: category, organisation: 'desk' as const, category, givenBy: 'guardian' as const, recordedBy: 'system', recordedAt: now.toISOString() }));
    const built = buildPackage(file.record, file.carePlan ?? EMPTY_CARE_PLAN, all, 'desk', tokyoDate(now), now.toISOString());
    pkg = built.kind === 'built' ? built.package : undefined;
  } else {
    pkg = [...packagesOf(file)].reverse().find((p) => p.organisation === grant.organisation)?.package;
  }
  if (!pkg) return { kind: 'gone' };
  await deps.audit.append([auditEntry({ caseId: grant.caseId, actor: grant.actor, operation: 'read', action: `print.${grant.kind}`, fields: Object.keys(pkg.sections).map((s) => `package.${s}`), at: now.toISOString(), conversationId: undefined, discriminator: token.slice(0, 8) })]);
  return { kind: 'page', kindOfPage: grant.kind === 'package' ? 'package' : 'emergency', pkg };
}
