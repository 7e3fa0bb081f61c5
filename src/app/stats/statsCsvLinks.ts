import { randomBytes } from 'node:crypto';
import { tokyoDate } from '../../domain/dates';
import type { Actor } from '../../domain/directory';
import { hasEnded, lastEndedPeriod, type ReportPeriod } from '../../domain/stats/period';
import type { StatsReport } from '../../domain/stats/report';
import type { ActorResolver, Language } from '../ports';
import { mayViewStats, readWardReport, recordStatsRead, type WardStatsDeps } from './wardStats';

/**
 * 統計の書き出し (CSV): like the print links, a one-time link that only the person who asked receives (in
 * their personal chat), valid for a few minutes and consumed on first open. The file is built when the link
 * is opened, from the same safe report the card shows (the whole ward: every district column). Issuing the
 * link and downloading the file are both recorded in the ward's statistics trail.
 */
export interface StatsCsvGrant {
  readonly token: string;
  readonly wardId: string;
  readonly period: ReportPeriod;
  readonly actor: string;
  readonly language: Language;
  readonly expiresAt: string;
}

export interface StatsCsvGrants {
  save(grant: StatsCsvGrant): Promise<void>;
  /** Returns the grant once and removes it (a second open finds nothing). */
  take(token: string): Promise<StatsCsvGrant | undefined>;
}

export const STATS_CSV_LINK_MINUTES = 10;

export interface StatsCsvDeps extends WardStatsDeps {
  readonly grants: StatsCsvGrants;
  /** Who the link's owner is now: the role is checked again when the file is opened. */
  readonly actors: ActorResolver;
}

export type IssueStatsCsvOutcome =
  | { readonly kind: 'issued'; readonly token: string; readonly expiresAt: string }
  | { readonly kind: 'notAuthorised' }
  | { readonly kind: 'periodNotEnded'; readonly period: ReportPeriod; readonly lastEnded: ReportPeriod };

export async function issueStatsCsvLink(deps: StatsCsvDeps, req: { actor: Actor; period: ReportPeriod; language: Language; conversationId: string | undefined }): Promise<IssueStatsCsvOutcome> {
  if (!mayViewStats(req.actor)) return { kind: 'notAuthorised' };
  const now = deps.clock.now();
  const today = tokyoDate(now);
  if (!hasEnded(req.period, today)) return { kind: 'periodNotEnded', period: req.period, lastEnded: lastEndedPeriod(today) };
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + STATS_CSV_LINK_MINUTES * 60_000).toISOString();
  await deps.grants.save({ token, wardId: deps.wardId, period: req.period, actor: req.actor.aadObjectId, language: req.language, expiresAt });
  await recordStatsRead(deps, { actor: req.actor.aadObjectId, action: 'stats.csvLink', period: req.period, conversationId: req.conversationId, discriminator: token.slice(0, 8) });
  return { kind: 'issued', token, expiresAt };
}

export type OpenStatsCsvOutcome = { readonly kind: 'csv'; readonly report: StatsReport; readonly language: Language } | { readonly kind: 'gone' };

/** Opens a link once: the report of the granted quarter, if the link is fresh and its owner may still see it. */
export async function openStatsCsvLink(deps: StatsCsvDeps, token: string): Promise<OpenStatsCsvOutcome> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { kind: 'gone' };
  const grant = await deps.grants.take(token);
  if (!grant || grant.wardId !== deps.wardId || Date.parse(grant.expiresAt) < deps.clock.now().getTime()) return { kind: 'gone' };
  const owner = await deps.actors.resolve(grant.actor, undefined);
  if (!owner || !mayViewStats(owner)) return { kind: 'gone' };
  const report = await readWardReport(deps, grant.period);
  await recordStatsRead(deps, { actor: grant.actor, action: 'stats.csv', period: grant.period, conversationId: undefined, discriminator: token.slice(0, 8) });
  return { kind: 'csv', report, language: grant.language };
}
