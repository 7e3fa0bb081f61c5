import type { TimeInterval } from './time';

/**
 * What a calendar says about a person's time. The statuses are those of Microsoft Graph's freeBusyStatus
 * (scheduleItem.status), so the adapter maps one to one; the rule for which of them keep a meeting out is here.
 */
export const FREE_BUSY_STATUSES = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;
export type FreeBusyStatus = (typeof FREE_BUSY_STATUSES)[number];

export interface BusyBlock extends TimeInterval {
  readonly status: FreeBusyStatus;
}

/** One attendee's calendar for a window: known blocks, or why it could not be read. */
export type AttendeeAvailability =
  | { readonly kind: 'known'; readonly blocks: readonly BusyBlock[] }
  /** e.g. not a mailbox in the tenant, no permission to see it, or an answer we could not read. */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Whether a block keeps a case conference out of that time. Conservative: tentative (including meeting
 * requests not yet answered), out of office and unknown all block; only free and working elsewhere
 * (the person is working, just not at their desk — they can join a Teams meeting) leave the time open.
 */
export function blocksMeeting(status: FreeBusyStatus): boolean {
  return status !== 'free' && status !== 'workingElsewhere';
}

/** The intervals that keep a meeting out, from every attendee whose calendar is known. */
export function blockingIntervals(availability: Iterable<AttendeeAvailability>): TimeInterval[] {
  const out: TimeInterval[] = [];
  for (const a of availability) {
    if (a.kind !== 'known') continue;
    for (const b of a.blocks) if (blocksMeeting(b.status)) out.push({ start: b.start, end: b.end });
  }
  return out;
}
