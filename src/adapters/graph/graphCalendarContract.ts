import { z } from 'zod';

/**
 * The Microsoft Graph v1.0 calendar contract Tsunagu uses, as zod schemas: request bodies (what the stand-in
 * accepts — strictly, as Graph rejects properties it does not know) and responses (what GraphCalendar reads —
 * loosely, as Graph returns many more properties and may add new ones). Each schema names its reference page;
 * test/contract/graphCalendarContract.md lists the facts taken from them.
 */

/** resources/datetimetimezone: { dateTime: "<date>T<time>", timeZone: "<Windows or IANA name>" }. */
export const dateTimeTimeZone = z.object({ dateTime: z.string().min(1), timeZone: z.string().min(1) });

// ---------------------------------------------------------------------------------------------------------
// POST /users/{id|userPrincipalName}/calendar/getSchedule  (api/calendar-getschedule)
// ---------------------------------------------------------------------------------------------------------

export const getScheduleRequest = z.strictObject({
  /** SMTP addresses of users, distribution lists or resources. */
  schedules: z.array(z.string().min(1)).min(1),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  /** Int32, minutes; default 30, minimum 5, maximum 1440. Optional. */
  availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
});
export type GetScheduleRequest = z.infer<typeof getScheduleRequest>;

/** resources/scheduleitem; status is freeBusyStatus (free, tentative, busy, oof, workingElsewhere, unknown). */
export const scheduleItem = z.looseObject({
  status: z.string(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  isPrivate: z.boolean().optional(),
  subject: z.string().optional(),
  location: z.string().optional(),
});

/** resources/freebusyerror. */
export const freeBusyError = z.looseObject({ message: z.string().optional(), responseCode: z.string().optional() });

/** resources/scheduleinformation. */
export const scheduleInformation = z.looseObject({
  scheduleId: z.string(),
  availabilityView: z.string().optional(),
  scheduleItems: z.array(scheduleItem).optional(),
  workingHours: z.unknown().optional(),
  error: freeBusyError.nullish(),
});

/** 200 OK: a collection of scheduleInformation, one for each object in `schedules`. */
export const getScheduleResponse = z.looseObject({ value: z.array(scheduleInformation) });

// ---------------------------------------------------------------------------------------------------------
// POST /users/{id|userPrincipalName}/events  (api/user-post-events; concepts/outlook-calendar-online-meetings)
// PATCH /users/{id|userPrincipalName}/events/{id}  (api/event-update)
// ---------------------------------------------------------------------------------------------------------

/** resources/attendee: emailAddress + type (required, optional, resource). */
export const attendee = z.strictObject({
  emailAddress: z.strictObject({ address: z.string().min(1), name: z.string().optional() }),
  type: z.enum(['required', 'optional', 'resource']),
});

/** resources/itembody. */
export const itemBody = z.strictObject({ contentType: z.enum(['text', 'html', 'Text', 'HTML']), content: z.string() });

export const ONLINE_MEETING_PROVIDERS = ['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'] as const;

/** The event properties Tsunagu writes on create (a subset of resources/event; others are refused by the stand-in). */
export const createEventRequest = z.strictObject({
  subject: z.string(),
  body: itemBody.optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  attendees: z.array(attendee).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(ONLINE_MEETING_PROVIDERS).optional(),
  allowNewTimeProposals: z.boolean().optional(),
  /** Client-chosen id so that a retried create does not make a second event; cannot be changed later. */
  transactionId: z.string().min(1).optional(),
});
export type CreateEventRequest = z.infer<typeof createEventRequest>;

/** Updatable properties Tsunagu may send (api/event-update, "Request body"); transactionId is not updatable. */
export const updateEventRequest = z.strictObject({
  subject: z.string().optional(),
  body: itemBody.optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  attendees: z.array(attendee).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(ONLINE_MEETING_PROVIDERS).optional(),
  allowNewTimeProposals: z.boolean().optional(),
});
export type UpdateEventRequest = z.infer<typeof updateEventRequest>;

/** resources/onlinemeetinginfo: joinUrl is how attendees join (not the deprecated event.onlineMeetingUrl). */
export const onlineMeetingInfo = z.looseObject({
  joinUrl: z.url({ protocol: /^https$/ }).nullish(),
  conferenceId: z.string().nullish(),
  tollNumber: z.string().nullish(),
});

/**
 * resources/event as returned by create (201) and update (200). Only what Tsunagu reads is required; the
 * update page's example response is truncated and has no id, so id is optional here and required by
 * `createdEvent` below.
 */
export const eventResponse = z.looseObject({
  id: z.string().min(1).optional(),
  subject: z.string().nullish(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  isOnlineMeeting: z.boolean().nullish(),
  onlineMeetingProvider: z.string().nullish(),
  onlineMeeting: onlineMeetingInfo.nullish(),
  transactionId: z.string().nullish(),
  isCancelled: z.boolean().nullish(),
});
export const createdEvent = eventResponse.extend({ id: z.string().min(1) });

// ---------------------------------------------------------------------------------------------------------
// POST /users/{id|userPrincipalName}/events/{id}/cancel  (api/event-cancel) → 202 Accepted, no body
// ---------------------------------------------------------------------------------------------------------

export const cancelEventRequest = z.strictObject({ comment: z.string().optional() });
export type CancelEventRequest = z.infer<typeof cancelEventRequest>;

// ---------------------------------------------------------------------------------------------------------
// Errors (concepts/errors): { "error": { "code": "...", "message": "...", "innerError": {...} } }
// ---------------------------------------------------------------------------------------------------------

export const errorResponse = z.looseObject({
  error: z.looseObject({ code: z.string(), message: z.string().optional() }),
});
