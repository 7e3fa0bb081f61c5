import type { BusinessCalendar } from '../businessCalendar';
import { compareDates, formatIsoDate, tokyoDate, type CalendarDate } from '../dates';
import type { MilestoneTiming } from './upcoming';

/**
 * The daily digest for a coordinator: when it is due (a JST time on ward working days), which milestones
 * it lists and in what order, and the per-user mark that makes "once a day" hold across restarts and
 * across instances (claimed with an ETag before sending, finished after).
 */

/** Time of day in Asia/Tokyo. */
export interface DigestTime {
  readonly hour: number; // 0-23
  readonly minute: number; // 0-59
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export function parseDigestTime(text: string): DigestTime | undefined {
  const m = HH_MM.exec(text);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
/** Minutes since midnight in Asia/Tokyo at an instant. */
export function tokyoMinuteOfDay(instant: Date): number {
  const t = new Date(instant.getTime() + JST_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/**
 * The date whose digest is due at `now`, or undefined: due from the digest time on a ward working day
 * until midnight (so a run missed while the app was down is made up once when it starts). Weekends,
 * public holidays and the year-end closure get no digest, and a missed day is not made up on the next one.
 */
export function digestDateDue(now: Date, time: DigestTime, calendar: BusinessCalendar): CalendarDate | undefined {
  const today = tokyoDate(now);
  if (!calendar.isBusinessDay(today)) return undefined;
  return tokyoMinuteOfDay(now) >= time.hour * 60 + time.minute ? today : undefined;
}

/** One user's digest for one date: claimed (being sent), finished, or waiting for a retry. */
export interface DigestMark {
  /** The digest date, YYYY-MM-DD (JST). */
  readonly date: string;
  readonly state: 'claimed' | 'sent' | 'nothingToSend' | 'gaveUp';
  /** Who holds the claim (a fresh id per claim), so only the holder finishes it. */
  readonly claimId: string;
  /** When the mark was last written (ISO instant). */
  readonly at: string;
  readonly attempts: number;
  /** Set after a retryable failure: not to be tried again before this instant. */
  readonly retryAt?: string;
}

export const MAX_DIGEST_ATTEMPTS = 8;

/**
 * Claims today's digest for a user, or says why not (undefined): already finished today, or claimed by
 * someone (another instance, or this one before a crash) whose lease has not run out, or waiting for its
 * retry time. A claim left behind by a crash is taken over when its lease has run out: a crash between
 * sending and finishing therefore sends once more (at least once), never zero times.
 */
export function claimDigest(current: DigestMark | undefined, date: CalendarDate, now: Date, leaseMs: number, claimId: string): DigestMark | undefined {
  const iso = formatIsoDate(date);
  const fresh = (attempts: number): DigestMark => ({ date: iso, state: 'claimed', claimId, at: now.toISOString(), attempts });
  if (!current || current.date < iso) return fresh(1);
  if (current.date > iso || current.state !== 'claimed') return undefined;
  if (current.attempts >= MAX_DIGEST_ATTEMPTS) return undefined;
  const waitUntil = current.retryAt ? Date.parse(current.retryAt) : Date.parse(current.at) + leaseMs;
  return now.getTime() >= waitUntil ? fresh(current.attempts + 1) : undefined;
}

export type DigestOutcome = { readonly kind: 'sent' | 'nothingToSend' | 'gaveUp' } | { readonly kind: 'retry'; readonly afterMs: number };

/** Back-off between attempts: the connector's Retry-After, at least 30 s doubling per attempt, at most 1 h. */
export function retryDelayMs(attempts: number, suggestedMs: number): number {
  return Math.min(60 * 60 * 1000, Math.max(suggestedMs, 30_000 * 2 ** Math.max(0, attempts - 1)));
}

/** Finishes a claim; undefined when the claim is no longer ours (somebody took it over). */
export function finishDigest(current: DigestMark | undefined, claimId: string, outcome: DigestOutcome, now: Date): DigestMark | undefined {
  if (!current || current.claimId !== claimId || current.state !== 'claimed') return undefined;
  const at = now.toISOString();
  if (outcome.kind !== 'retry') return { date: current.date, state: outcome.kind, claimId, at, attempts: current.attempts };
  if (current.attempts >= MAX_DIGEST_ATTEMPTS) return { date: current.date, state: 'gaveUp', claimId, at, attempts: current.attempts };
  return { ...current, at, retryAt: new Date(now.getTime() + retryDelayMs(current.attempts, outcome.afterMs)).toISOString() };
}

/** A row of the digest: which case, which milestone, when. */
export interface DigestEntry {
  readonly caseCode: string;
  readonly milestoneId: string;
  readonly dueDate: CalendarDate;
  readonly status: MilestoneTiming;
}

/**
 * Most urgent first: the earliest due date first (so the longest overdue leads), then by case code and
 * milestone id so the order is stable from one day to the next.
 */
export function byUrgency(a: DigestEntry, b: DigestEntry): number {
  return compareDates(a.dueDate, b.dueDate) || a.caseCode.localeCompare(b.caseCode) || a.milestoneId.localeCompare(b.milestoneId);
}

/** What a digest lists: overdue and due within the horizon; 'later' rows are left to 予定 <案件番号>. */
export function digestRows<T extends DigestEntry>(entries: readonly T[]): T[] {
  return entries.filter((e) => e.status !== 'later').sort(byUrgency);
}
