/**
 * The Calendar port: free/busy and calendar events for case conferences. Implemented by GraphCalendar
 * (Microsoft Graph, or the embedded calendar stand-in that speaks the same HTTP contract).
 *
 * Every expected answer of the calendar service is a value, never an exception: throttling, a missing
 * event, missing permission, a temporary outage, a rejected request. Only bugs throw — including an
 * answer that does not match the published Graph contract (the contract tests exist to catch that).
 */
import type { AttendeeAvailability } from '../../domain/meetings/freeBusy';
import type { TimeInterval } from '../../domain/meetings/time';

export type CalendarFailure =
  /** 429: wait at least retryAfterMs before asking again (from Retry-After, or a default when absent). */
  | { readonly kind: 'throttled'; readonly retryAfterMs: number }
  /** 404: the mailbox or the event does not exist (any more). */
  | { readonly kind: 'notFound' }
  /** 401/403: the app lacks the permission, or an application access policy excludes the mailbox. */
  | { readonly kind: 'forbidden'; readonly status: number }
  /** 5xx, or no answer at all (status 0): try again later; retryAfterMs when the service said. */
  | { readonly kind: 'transient'; readonly status: number; readonly retryAfterMs: number | undefined }
  /** Any other 4xx: the request itself was refused (e.g. 400 when someone other than the organiser cancels). */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string | undefined };

export type BusyResult =
  | {
      readonly kind: 'availability';
      /** One entry per requested attendee, keyed by the address as given (lower-cased). */
      readonly byAttendee: ReadonlyMap<string, AttendeeAvailability>;
    }
  | CalendarFailure;

/** What the calendar needs to create the event for a conference. No personal data in subject or body. */
export interface CalendarEventDraft {
  /**
   * Sent as the event's `transactionId`: a create retried with the same id (after a timeout, a 5xx or a
   * lost response) must not make a second event.
   */
  readonly transactionId: string;
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  /** Mailboxes invited as required attendees (the organiser is not listed). */
  readonly attendees: readonly string[];
  /** Plain text; optional. */
  readonly bodyText?: string;
}

export type CreateEventResult =
  /** joinUrl is undefined when the calendar created the event without a Teams link (say so, offer a retry). */
  | { readonly kind: 'created'; readonly eventId: string; readonly joinUrl: string | undefined }
  | CalendarFailure;

/** A change to an existing event; omitted fields stay as they are. The event stays a Teams meeting. */
export interface CalendarEventChange {
  readonly start?: Date;
  readonly end?: Date;
  readonly subject?: string;
  /**
   * Replaces the event body with this plain text (e.g. a published agenda). No names, no case details. The
   * caller restates the Teams join link in it: Graph warns that a body written without the online-meeting
   * blob can turn the Teams meeting off (graphCalendarContract.md U3).
   */
  readonly bodyText?: string;
}

export type UpdateEventResult = { readonly kind: 'updated'; readonly joinUrl: string | undefined } | CalendarFailure;

export type CancelEventResult = { readonly kind: 'cancelled' } | CalendarFailure;

export interface Calendar {
  /**
   * Free/busy of the attendees over a window, read through the organiser's mailbox. Attendees whose
   * calendar cannot be read come back as `unknown` (the whole call still succeeds).
   */
  getBusy(organiser: string, attendees: readonly string[], window: TimeInterval): Promise<BusyResult>;
  /** Creates the event in the organiser's calendar as a Teams meeting; attendees receive invitations. */
  createEvent(organiser: string, draft: CalendarEventDraft): Promise<CreateEventResult>;
  /**
   * Changes an event (reschedule). With an empty change it asks again for the Teams link of an event
   * that came back without one.
   */
  updateEvent(organiser: string, eventId: string, change: CalendarEventChange): Promise<UpdateEventResult>;
  /** Cancels the event and notifies the attendees (organiser only). */
  cancelEvent(organiser: string, eventId: string, comment?: string): Promise<CancelEventResult>;
}
