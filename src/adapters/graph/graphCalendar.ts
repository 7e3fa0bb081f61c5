import { GraphError, ResponseType, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { z } from 'zod';
import type {
  BusyResult,
  Calendar,
  CalendarEventChange,
  CalendarEventDraft,
  CalendarFailure,
  CancelEventResult,
  CreateEventResult,
  UpdateEventResult,
} from '../../app/meetings/calendarPort';
import { FREE_BUSY_STATUSES, type AttendeeAvailability, type BusyBlock, type FreeBusyStatus } from '../../domain/meetings/freeBusy';
import type { TimeInterval } from '../../domain/meetings/time';
import {
  createdEvent,
  errorResponse,
  eventResponse,
  getScheduleResponse,
  type CancelEventRequest,
  type CreateEventRequest,
  type GetScheduleRequest,
  type UpdateEventRequest,
} from './graphCalendarContract';
import { PREFER_TOKYO, parseGraphDateTime, retryAfterMs, toGraphDateTime, TOKYO_TIME_ZONE } from './graphDateTime';

/**
 * The Calendar port on Microsoft Graph v1.0 (application permissions, see test/contract/graphCalendarContract.md):
 *   getBusy      POST  /users/{organiser}/calendar/getSchedule
 *   createEvent  POST  /users/{organiser}/events              isOnlineMeeting + onlineMeetingProvider teamsForBusiness
 *   updateEvent  PATCH /users/{organiser}/events/{id}
 *   cancelEvent  POST  /users/{organiser}/events/{id}/cancel
 * Every request carries `Prefer: outlook.timezone="Tokyo Standard Time"`; every response is parsed with zod.
 *
 * Retries: the Graph client's retry middleware repeats 429/503/504 answers, honouring Retry-After, but only
 * while the wait fits in a user's turn (`maxWaitSeconds`, `maxRetries`); a longer Retry-After comes back as a
 * `throttled` outcome at once, for the caller to schedule. Creates are safe to repeat: the event carries the
 * caller's `transactionId`. The embedded stand-in answers the same paths; only the client's base URL differs.
 */

export interface GraphCalendarOptions {
  /** Retries inside one call (default 2; the Graph client allows at most 10). */
  readonly maxRetries?: number;
  /** Retry within the call only when the service asks to wait at most this long (default 5 s). */
  readonly maxWaitSeconds?: number;
  /** Wait between retries when the answer has no Retry-After (default 1 s, plus the client's jitter). */
  readonly retryDelaySeconds?: number;
  /** When a 429 has no usable Retry-After (default 30 s). */
  readonly defaultThrottleMs?: number;
  /** Ask getSchedule for at most this many schedules per request (default 20, a conservative batch). */
  readonly schedulesPerRequest?: number;
  readonly now?: () => number;
}

/** A 2xx answer whose body does not match the Graph contract: a defect or a contract drift, never an expected outcome. */
export class GraphContractError extends Error {
  readonly code = 'GRAPH.CONTRACT';
  constructor(operation: string, detail: string) {
    super(`GRAPH.CONTRACT: the ${operation} response does not match the Graph contract (${detail}); see test/contract/graphCalendarContract.md`);
    this.name = 'GraphContractError';
  }
}

type Raw = { readonly ok: true; readonly status: number; readonly body: unknown } | { readonly ok: false; readonly failure: CalendarFailure };

const RETRYABLE = new Set([429, 503, 504]);
const statusByName = new Map<string, FreeBusyStatus>(FREE_BUSY_STATUSES.map((s) => [s.toLowerCase(), s]));

/** A mailbox in a path: percent-encoded, except "@" which Graph paths show as is (/users/someone@contoso.com/…). */
const userSegment = (mailbox: string) => encodeURIComponent(mailbox.trim()).replace(/%40/g, '@');

export class GraphCalendar implements Calendar {
  private readonly maxRetries: number;
  private readonly maxWaitSeconds: number;
  private readonly retryDelaySeconds: number;
  private readonly defaultThrottleMs: number;
  private readonly schedulesPerRequest: number;
  private readonly now: () => number;

  constructor(
    private readonly graph: Client,
    options: GraphCalendarOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.maxWaitSeconds = options.maxWaitSeconds ?? 5;
    this.retryDelaySeconds = options.retryDelaySeconds ?? 1;
    this.defaultThrottleMs = options.defaultThrottleMs ?? 30_000;
    this.schedulesPerRequest = options.schedulesPerRequest ?? 20;
    this.now = options.now ?? Date.now;
  }

  async getBusy(organiser: string, attendees: readonly string[], window: TimeInterval): Promise<BusyResult> {
    const wanted = [...new Set(attendees.map((a) => a.trim().toLowerCase()))];
    const byAttendee = new Map<string, AttendeeAvailability>();
    for (let i = 0; i < wanted.length; i += this.schedulesPerRequest) {
      const schedules = wanted.slice(i, i + this.schedulesPerRequest);
      const body: GetScheduleRequest = {
        schedules,
        startTime: toGraphDateTime(window.start, TOKYO_TIME_ZONE),
        endTime: toGraphDateTime(window.end, TOKYO_TIME_ZONE),
        availabilityViewInterval: 15,
      };
      const raw = await this.send('POST', `/users/${userSegment(organiser)}/calendar/getSchedule`, body);
      if (!raw.ok) return raw.failure;
      const parsed = this.parse('getSchedule', getScheduleResponse, raw.body);
      for (const info of parsed.value) {
        const who = info.scheduleId.trim().toLowerCase();
        if (!schedules.includes(who) || byAttendee.has(who)) continue;
        byAttendee.set(who, availabilityOf(info));
      }
    }
    for (const who of wanted) if (!byAttendee.has(who)) byAttendee.set(who, { kind: 'unknown', reason: 'notReturned' });
    return { kind: 'availability', byAttendee };
  }

  async createEvent(organiser: string, draft: CalendarEventDraft): Promise<CreateEventResult> {
    const body: CreateEventRequest = {
      subject: draft.subject,
      ...(draft.bodyText !== undefined ? { body: { contentType: 'text', content: draft.bodyText } } : {}),
      start: toGraphDateTime(draft.start, TOKYO_TIME_ZONE),
      end: toGraphDateTime(draft.end, TOKYO_TIME_ZONE),
      attendees: draft.attendees.map((address) => ({ emailAddress: { address }, type: 'required' })),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      // Times are chosen by Tsunagu against everyone's free/busy; counter-proposals in Outlook would bypass it.
      allowNewTimeProposals: false,
      transactionId: draft.transactionId,
    };
    const raw = await this.send('POST', `/users/${userSegment(organiser)}/events`, body);
    if (!raw.ok) return raw.failure;
    const event = this.parse('create event', createdEvent, raw.body);
    return { kind: 'created', eventId: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? undefined };
  }

  async updateEvent(organiser: string, eventId: string, change: CalendarEventChange): Promise<UpdateEventResult> {
    const body: UpdateEventRequest = {
      ...(change.subject !== undefined ? { subject: change.subject } : {}),
      ...(change.bodyText !== undefined ? { body: { contentType: 'text', content: change.bodyText } } : {}),
      ...(change.start !== undefined ? { start: toGraphDateTime(change.start, TOKYO_TIME_ZONE) } : {}),
      ...(change.end !== undefined ? { end: toGraphDateTime(change.end, TOKYO_TIME_ZONE) } : {}),
      // Restated on every update (as in the update page's example): Graph ignores it once the meeting is
      // online, and initialises onlineMeeting when an earlier create left it empty.
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    };
    const raw = await this.send('PATCH', `/users/${userSegment(organiser)}/events/${encodeURIComponent(eventId)}`, body);
    if (!raw.ok) return raw.failure;
    const event = this.parse('update event', eventResponse, raw.body);
    return { kind: 'updated', joinUrl: event.onlineMeeting?.joinUrl ?? undefined };
  }

  async cancelEvent(organiser: string, eventId: string, comment?: string): Promise<CancelEventResult> {
    const body: CancelEventRequest = comment !== undefined ? { comment } : {};
    const raw = await this.send('POST', `/users/${userSegment(organiser)}/events/${encodeURIComponent(eventId)}/cancel`, body);
    return raw.ok ? { kind: 'cancelled' } : raw.failure;
  }

  private parse<S extends z.ZodType>(operation: string, schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new GraphContractError(operation, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    return parsed.data;
  }

  /** Retry 429/503/504 inside the call only while the wait the service asks for fits in a turn. */
  private retryOptions(): RetryHandlerOptions {
    return new RetryHandlerOptions(this.retryDelaySeconds, this.maxRetries, (_delay, _attempt, _request, _options, response) => {
      if (!RETRYABLE.has(response.status)) return false;
      const wait = retryAfterMs(response.headers.get('retry-after'), this.now());
      return wait === undefined || wait <= this.maxWaitSeconds * 1000;
    });
  }

  private async send(method: 'POST' | 'PATCH', path: string, body: object): Promise<Raw> {
    const request = this.graph.api(path).header('Prefer', PREFER_TOKYO).responseType(ResponseType.RAW).middlewareOptions([this.retryOptions()]);
    let response: Response;
    try {
      response = (await (method === 'POST' ? request.post(body) : request.patch(body))) as Response;
    } catch (err) {
      // No HTTP answer at all (connection refused or reset, DNS, TLS): the Graph client wraps the fetch
      // failure in a GraphError without a status. Anything else is a defect and propagates.
      if (err instanceof GraphError && err.statusCode <= 0) return { ok: false, failure: { kind: 'transient', status: 0, retryAfterMs: undefined } };
      throw err;
    }
    const text = await response.text();
    if (response.ok) {
      if (text.trim() === '') return { ok: true, status: response.status, body: undefined };
      try {
        return { ok: true, status: response.status, body: JSON.parse(text) as unknown };
      } catch {
        throw new GraphContractError(`${method} ${path.split('/').slice(0, 3).join('/')}/…`, 'the body is not JSON');
      }
    }
    return { ok: false, failure: this.failureOf(response, text) };
  }

  private failureOf(response: Response, text: string): CalendarFailure {
    const status = response.status;
    const wait = retryAfterMs(response.headers.get('retry-after'), this.now());
    if (status === 429) return { kind: 'throttled', retryAfterMs: wait ?? this.defaultThrottleMs };
    if (status === 404) return { kind: 'notFound' };
    if (status === 401 || status === 403) return { kind: 'forbidden', status };
    if (status >= 500) return { kind: 'transient', status, retryAfterMs: wait };
    let code: string | undefined;
    try {
      const parsed = errorResponse.safeParse(JSON.parse(text));
      code = parsed.success ? parsed.data.error.code : undefined;
    } catch {
      code = undefined;
    }
    return { kind: 'rejected', status, code };
  }
}

/** One scheduleInformation → known blocks, or unknown when Graph reports an error or a time we cannot read. */
function availabilityOf(info: z.output<typeof getScheduleResponse>['value'][number]): AttendeeAvailability {
  if (info.error) return { kind: 'unknown', reason: info.error.responseCode ?? 'error' };
  const blocks: BusyBlock[] = [];
  for (const item of info.scheduleItems ?? []) {
    const start = parseGraphDateTime(item.start);
    const end = parseGraphDateTime(item.end);
    if (!start || !end) return { kind: 'unknown', reason: 'unreadableTime' };
    blocks.push({ start, end, status: statusByName.get(item.status.toLowerCase()) ?? 'unknown' });
  }
  return { kind: 'known', blocks };
}
