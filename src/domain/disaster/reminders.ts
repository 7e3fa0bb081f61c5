import { findGroup, isOpenStanding, standingOf, type PendingReminder, type Responsible, type RollCall } from './rollCall';

/**
 * Reminders to the people responsible for children still to be reached (not yet confirmed, or 連絡つかず):
 * every `intervalMinutes` after the start (or after the last reminder of that group), until each of their
 * children is 無事 or 要支援, or the roll-call is closed. Pure: the caller asks what is due now, claims it
 * on the roll-call (with its ETag, so two instances cannot both send a round) and delivers it from the
 * roll-call's own outbox (`pendingReminders`).
 */
export interface ReminderPolicy {
  readonly intervalMinutes: number;
  /** Stop after this many rounds per group (undefined: no limit while the roll-call is open). */
  readonly maxRounds?: number;
}

export interface DueReminder {
  readonly id: string;
  readonly rollCallId: string;
  readonly groupKey: string;
  readonly responsible: Responsible;
  /** 1 for the first reminder of the group. */
  readonly round: number;
  /** The children still open, by id and code, in code order. */
  readonly children: readonly { readonly caseId: string; readonly caseCode: string }[];
}

const MINUTE_MS = 60_000;

export function reminderId(rollCallId: string, groupKey: string, round: number): string {
  return `${rollCallId}:${groupKey}:${round}`;
}

export function dueReminders(rc: RollCall, now: string, policy: ReminderPolicy): DueReminder[] {
  if (!(policy.intervalMinutes > 0)) throw new RangeError(`ROLLCALL.BAD_POLICY: intervalMinutes must be > 0, got ${policy.intervalMinutes}`);
  if (rc.closed) return [];
  const nowMs = Date.parse(now);
  const due: DueReminder[] = [];
  for (const group of rc.groups) {
    const open = openChildrenOf(rc, group.key);
    if (open.length === 0) continue;
    const log = rc.reminderLog.find((r) => r.groupKey === group.key);
    const rounds = log?.rounds ?? 0;
    if (policy.maxRounds !== undefined && rounds >= policy.maxRounds) continue;
    const since = Date.parse(log?.lastAt ?? rc.startedAt);
    if (nowMs - since < policy.intervalMinutes * MINUTE_MS) continue;
    const round = rounds + 1;
    due.push({ id: reminderId(rc.id, group.key, round), rollCallId: rc.id, groupKey: group.key, responsible: group.responsible, round, children: open });
  }
  return due;
}

/** A group's children still to be reached, in code order. */
export function openChildrenOf(rc: RollCall, groupKey: string): { readonly caseId: string; readonly caseCode: string }[] {
  return rc.children
    .filter((c) => c.groupKey === groupKey && isOpenStanding(standingOf(rc, c.caseId)))
    .sort((a, b) => a.caseCode.localeCompare(b.caseCode))
    .map((c) => ({ caseId: c.caseId, caseCode: c.caseCode }));
}

/**
 * What a pending reminder should say when it is delivered: the group's children open *now* (some may have
 * been confirmed since it was claimed). Empty, or the roll-call closed: drop it without sending.
 */
export function reminderToDeliver(rc: RollCall, pending: PendingReminder): DueReminder | undefined {
  const group = findGroup(rc, pending.groupKey);
  if (rc.closed || !group) return undefined;
  const children = openChildrenOf(rc, pending.groupKey);
  if (children.length === 0) return undefined;
  return { id: pending.id, rollCallId: rc.id, groupKey: pending.groupKey, responsible: group.responsible, round: pending.round, children };
}

/**
 * Records reminders as sent-to-the-outbox: the group's round and time move on, and the reminder waits in
 * `pendingReminders` until delivered. An older undelivered reminder of the same group is replaced (the new
 * one carries the current list). A round already recorded is ignored (idempotent).
 */
export function recordReminders(rc: RollCall, reminders: readonly DueReminder[], at: string): RollCall {
  let log = [...rc.reminderLog];
  let pending = [...rc.pendingReminders];
  for (const r of reminders) {
    if (r.rollCallId !== rc.id || !findGroup(rc, r.groupKey)) continue;
    const current = log.find((l) => l.groupKey === r.groupKey);
    if ((current?.rounds ?? 0) >= r.round) continue;
    log = [...log.filter((l) => l.groupKey !== r.groupKey), { groupKey: r.groupKey, rounds: r.round, lastAt: at }];
    const entry: PendingReminder = { id: r.id, groupKey: r.groupKey, round: r.round, at, caseIds: r.children.map((c) => c.caseId) };
    pending = [...pending.filter((p) => p.groupKey !== r.groupKey), entry];
  }
  return { ...rc, reminderLog: log, pendingReminders: pending };
}

/** The reminder left the outbox (delivered, or given up): remove it. Unknown ids change nothing. */
export function markReminderDelivered(rc: RollCall, reminderIdToRemove: string): RollCall {
  if (!rc.pendingReminders.some((p) => p.id === reminderIdToRemove)) return rc;
  return { ...rc, pendingReminders: rc.pendingReminders.filter((p) => p.id !== reminderIdToRemove) };
}
