import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { addDays, dayOfWeek } from '../../../domain/businessCalendar';
import { compareDates, tokyoDate } from '../../../domain/dates';
import type { FreeBusyStatus } from '../../../domain/meetings/freeBusy';
import { overlaps, parseTimeOfDay, tokyoInstant, type TimeInterval } from '../../../domain/meetings/time';
import { cancelEventRequest, createEventRequest, getScheduleRequest, updateEventRequest } from '../../graph/graphCalendarContract';
import { fixedOffsetMinutes, parseGraphDateTime, toGraphResponseDateTime } from '../../graph/graphDateTime';
import type { StandInUser, WeeklyBusyBlock } from './demoCalendars';
import { StandInEvents, type StoredEvent } from './standInEvents';

/**
 * A local stand-in for the slice of Microsoft Graph v1.0 that GraphCalendar calls, on loopback HTTP:
 *   POST  /v1.0/users/{id|upn}/calendar/getSchedule
 *   POST  /v1.0/users/{id|upn}/events
 *   PATCH /v1.0/users/{id|upn}/events/{eventId}
 *   POST  /v1.0/users/{id|upn}/events/{eventId}/cancel
 * Request bodies are checked against the documented shapes (strictly: unknown properties are refused, as Graph
 * does) and answers have the documented shapes, including `{ "error": { "code", "message" } }` errors. Events
 * are kept per mailbox (optionally in a JSON file); a created online meeting gets a Teams-like joinUrl.
 * Facts and sources: test/contract/graphCalendarContract.md.
 *
 * For tests it records every request, can be told to answer the next requests with an error (429/503 …,
 * before or after doing the work — a lost answer) and to create online meetings without a joinUrl.
 * There is no authentication: it listens on loopback only and holds fictional calendars.
 */

export type StandInRoute = 'getSchedule' | 'createEvent' | 'updateEvent' | 'cancelEvent';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, as sent (percent-encoding kept). */
  readonly path: string;
  readonly route: StandInRoute | undefined;
  /** Lower-case header names; an authorization value is replaced by "<redacted>". */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, or undefined when there was none (or it was not JSON). */
  readonly body: unknown;
  /** The status answered. */
  status: number;
}

export interface StandInFault {
  readonly status: number;
  /** Sent as the Retry-After header (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** Only requests to this operation (default: any). */
  readonly route?: StandInRoute;
  /** Do the work, then answer the error instead of the result: the client never learns it succeeded. */
  readonly afterCommit?: boolean;
}

export interface CalendarStandInOptions {
  readonly users: readonly StandInUser[];
  readonly weeklyBusy?: readonly WeeklyBusyBlock[];
  /** Put into joinUrl contexts (the directory's tenant id). */
  readonly tenantId?: string;
  /** Keep events in `<dataDir>/calendar/events.json`; without it, in memory only. */
  readonly dataDir?: string;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  readonly host?: string;
  /** 0 = any free port (default). */
  readonly port?: number;
  readonly now?: () => Date;
}

export interface CalendarStandIn {
  /** e.g. http://127.0.0.1:53123/ — the Graph client's baseUrl (paths then start with /v1.0). */
  readonly baseUrl: string;
  /** e.g. 127.0.0.1 — for the Graph client's customHosts. */
  readonly hostname: string;
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Answer the next `times` matching requests with this error. */
  failNext(fault: StandInFault, times?: number): void;
  /** 'omit': online meetings created from now on get no onlineMeeting (joinUrl) until a later update. */
  setJoinUrls(mode: 'generate' | 'omit'): void;
  /** Events in a mailbox (UPN or id), cancelled ones included, oldest first. */
  eventsOf(user: string): readonly StoredEvent[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_SCHEDULE_DAYS = 370;
/** availabilityView digits (resources/scheduleinformation), and which status shows when items overlap. */
const VIEW_DIGIT: Readonly<Record<FreeBusyStatus, string>> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4', unknown: '2' };
const PRECEDENCE: readonly FreeBusyStatus[] = ['free', 'workingElsewhere', 'tentative', 'unknown', 'busy', 'oof'];

const ROUTES: readonly { route: StandInRoute; method: string; pattern: RegExp }[] = [
  { route: 'getSchedule', method: 'POST', pattern: /^\/v1\.0\/users\/([^/]+)\/calendar\/getschedule$/i },
  { route: 'createEvent', method: 'POST', pattern: /^\/v1\.0\/users\/([^/]+)\/events$/i },
  { route: 'updateEvent', method: 'PATCH', pattern: /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)$/i },
  { route: 'cancelEvent', method: 'POST', pattern: /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)\/cancel$/i },
];

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ERROR_CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalidRequest',
  401: 'unauthenticated',
  403: 'accessDenied',
  404: 'itemNotFound',
  409: 'nameAlreadyExists',
  429: 'activityLimitReached',
  500: 'generalException',
  503: 'serviceNotAvailable',
  504: 'serviceNotAvailable',
};

const opaqueId = (bytes: number) => randomBytes(bytes).toString('base64url');

function preferredTimeZone(prefer: string | undefined): string {
  const m = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer ?? '');
  // Without the header (or with a zone the stand-in cannot render) times are answered in UTC, Graph's default.
  return m?.[1] !== undefined && fixedOffsetMinutes(m[1]) !== undefined ? m[1] : 'UTC';
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'invalidRequest', `Invalid request body: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function instantOf(value: { dateTime: string; timeZone: string }, what: string): Date {
  const at = parseGraphDateTime(value);
  if (!at) throw new HttpProblem(400, 'invalidRequest', `${what}: cannot read dateTime "${value.dateTime}" in time zone "${value.timeZone}" (the stand-in knows fixed-offset zones only)`);
  return at;
}

export async function startCalendarStandIn(options: CalendarStandInOptions): Promise<CalendarStandIn> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`CALENDAR_STANDIN.NOT_LOOPBACK: the calendar stand-in has no authentication and listens on loopback only, not "${host}"`);
  const now = options.now ?? (() => new Date());
  const tenantId = options.tenantId ?? '00000000-0000-4000-8000-000000000000';
  const events = await StandInEvents.open(options.dataDir);
  const usersByKey = new Map<string, StandInUser>();
  for (const u of options.users) {
    usersByKey.set(u.id.toLowerCase(), u);
    usersByKey.set(u.upn.toLowerCase(), u);
  }
  const weekly = (options.weeklyBusy ?? []).map((b) => {
    const from = parseTimeOfDay(b.from);
    const to = parseTimeOfDay(b.to);
    if (from === undefined || to === undefined || from >= to) throw new Error(`CALENDAR_STANDIN.BAD_BLOCK: ${b.upn} ${b.from}–${b.to}`);
    return { ...b, upn: b.upn.toLowerCase(), fromMinute: from, toMinute: to };
  });
  const requests: RecordedRequest[] = [];
  const faults: { fault: StandInFault; left: number }[] = [];
  let joinUrls: 'generate' | 'omit' = 'generate';

  const userOf = (segment: string): StandInUser => {
    let key: string;
    try {
      key = decodeURIComponent(segment).toLowerCase();
    } catch {
      throw new HttpProblem(400, 'invalidRequest', 'The user segment is not valid percent-encoding.');
    }
    const user = usersByKey.get(key);
    if (!user) throw new HttpProblem(404, 'itemNotFound', `The requested user '${key}' is invalid.`);
    return user;
  };

  const newJoinUrl = (organiser: StandInUser) =>
    `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(`19:meeting_${opaqueId(30)}@thread.v2`)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: organiser.id }))}`;

  const newConferenceId = () => String(100_000_000 + (randomBytes(4).readUInt32BE(0) % 900_000_000));

  const eventJson = (e: StoredEvent, owner: StandInUser, zone: string) => ({
    '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${owner.id}')/events/$entity`,
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    categories: [],
    transactionId: e.transactionId ?? undefined,
    originalStartTimeZone: e.originalStartTimeZone,
    originalEndTimeZone: e.originalEndTimeZone,
    iCalUId: `040000008200E00074C5B7101A82E008${Buffer.from(e.id).toString('hex').slice(0, 48).toUpperCase()}`,
    reminderMinutesBeforeStart: 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: e.body.content.slice(0, 255),
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: e.isCancelled,
    isOrganizer: true,
    responseRequested: true,
    seriesMasterId: null,
    showAs: 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    allowNewTimeProposals: e.allowNewTimeProposals,
    recurrence: null,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: { contentType: e.body.contentType, content: e.body.content },
    start: toGraphResponseDateTime(new Date(e.start), zone),
    end: toGraphResponseDateTime(new Date(e.end), zone),
    location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown' },
    locations: [],
    attendees: e.attendees.map((a) => ({
      type: a.type,
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: a.name ?? usersByKey.get(a.address.toLowerCase())?.displayName ?? a.address, address: a.address },
    })),
    organizer: { emailAddress: { name: owner.displayName, address: owner.upn } },
    onlineMeeting: e.joinUrl === null ? null : { joinUrl: e.joinUrl, conferenceId: e.conferenceId, tollNumber: null },
  });

  /** The scheduleItems of one person over a window: weekly commitments, own events (busy), invitations (tentative). */
  const itemsOf = (user: StandInUser, window: TimeInterval) => {
    const upn = user.upn.toLowerCase();
    const items: { start: Date; end: Date; status: FreeBusyStatus; subject: string }[] = [];
    const lastDay = tokyoDate(new Date(window.end.getTime() - 1));
    for (let d = tokyoDate(window.start); compareDates(d, lastDay) <= 0; d = addDays(d, 1)) {
      for (const b of weekly) {
        if (b.upn !== upn || b.weekday !== dayOfWeek(d)) continue;
        const block = { start: tokyoInstant(d, b.fromMinute), end: tokyoInstant(d, b.toMinute) };
        if (overlaps(block, window)) items.push({ ...block, status: b.status, subject: b.subject });
      }
    }
    for (const e of events.all()) {
      if (e.isCancelled) continue;
      const span = { start: new Date(e.start), end: new Date(e.end) };
      if (!overlaps(span, window)) continue;
      if (e.mailbox === upn) items.push({ ...span, status: 'busy', subject: e.subject });
      else if (e.attendees.some((a) => a.address.toLowerCase() === upn)) items.push({ ...span, status: 'tentative', subject: e.subject });
    }
    return items.sort((a, b) => a.start.getTime() - b.start.getTime());
  };

  const getSchedule = (segment: string, body: unknown, zone: string): Answer => {
    userOf(segment);
    const req = parseBody(getScheduleRequest, body);
    const window = { start: instantOf(req.startTime, 'startTime'), end: instantOf(req.endTime, 'endTime') };
    if (window.end.getTime() <= window.start.getTime()) throw new HttpProblem(400, 'invalidRequest', 'endTime must be later than startTime.');
    if (window.end.getTime() - window.start.getTime() > MAX_SCHEDULE_DAYS * 86_400_000) throw new HttpProblem(400, 'invalidRequest', `The stand-in answers at most ${MAX_SCHEDULE_DAYS} days.`);
    const intervalMs = (req.availabilityViewInterval ?? 30) * 60_000;
    const value = req.schedules.map((scheduleId) => {
      const who = usersByKey.get(scheduleId.toLowerCase());
      if (!who) {
        return { scheduleId, availabilityView: '', scheduleItems: [], error: { message: `The mailbox ${scheduleId} was not found.`, responseCode: 'ErrorMailRecipientNotFound' } };
      }
      const items = itemsOf(who, window);
      let view = '';
      for (let t = window.start.getTime(); t < window.end.getTime(); t += intervalMs) {
        const slot = { start: new Date(t), end: new Date(Math.min(t + intervalMs, window.end.getTime())) };
        let shown: FreeBusyStatus = 'free';
        for (const i of items) if (overlaps(i, slot) && PRECEDENCE.indexOf(i.status) > PRECEDENCE.indexOf(shown)) shown = i.status;
        view += VIEW_DIGIT[shown];
      }
      return {
        scheduleId,
        availabilityView: view,
        scheduleItems: items.map((i) => ({ isPrivate: false, status: i.status, subject: i.subject, location: '', start: toGraphResponseDateTime(i.start, zone), end: toGraphResponseDateTime(i.end, zone) })),
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '09:00:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'Tokyo Standard Time' },
        },
      };
    });
    return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)', value } };
  };

  const createEvent = async (segment: string, body: unknown, zone: string): Promise<Answer> => {
    const owner = userOf(segment);
    const req = parseBody(createEventRequest, body);
    const start = instantOf(req.start, 'start');
    const end = instantOf(req.end, 'end');
    if (end.getTime() < start.getTime()) throw new HttpProblem(400, 'invalidRequest', 'The end of the event must not be before its start.');
    const mailbox = owner.upn.toLowerCase();
    if (req.transactionId !== undefined) {
      // The documented purpose of transactionId: a retried create does not make a second event.
      const earlier = events.byTransactionId(mailbox, req.transactionId);
      if (earlier) return { status: 201, body: eventJson(earlier, owner, zone) };
    }
    const online = req.isOnlineMeeting === true;
    const at = now().toISOString();
    const event: StoredEvent = {
      id: `AAMkAD${opaqueId(33)}`,
      mailbox,
      subject: req.subject,
      body: { contentType: req.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text', content: req.body?.content ?? '' },
      start: start.toISOString(),
      end: end.toISOString(),
      originalStartTimeZone: req.start.timeZone,
      originalEndTimeZone: req.end.timeZone,
      attendees: (req.attendees ?? []).map((a) => ({ address: a.emailAddress.address, ...(a.emailAddress.name !== undefined ? { name: a.emailAddress.name } : {}), type: a.type })),
      isOnlineMeeting: online,
      onlineMeetingProvider: online ? (req.onlineMeetingProvider ?? 'teamsForBusiness') : (req.onlineMeetingProvider ?? 'unknown'),
      joinUrl: online && joinUrls === 'generate' ? newJoinUrl(owner) : null,
      conferenceId: online && joinUrls === 'generate' ? newConferenceId() : null,
      allowNewTimeProposals: req.allowNewTimeProposals ?? true,
      transactionId: req.transactionId ?? null,
      isCancelled: false,
      createdDateTime: at,
      lastModifiedDateTime: at,
      changeKey: opaqueId(16),
    };
    await events.put(event);
    return { status: 201, body: eventJson(event, owner, zone) };
  };

  const findLive = (owner: StandInUser, idSegment: string): StoredEvent => {
    let id: string;
    try {
      id = decodeURIComponent(idSegment);
    } catch {
      throw new HttpProblem(400, 'invalidRequest', 'The event id is not valid percent-encoding.');
    }
    const e = events.get(owner.upn.toLowerCase(), id);
    // A cancelled event is in Deleted Items: it is no longer in the calendar the requests address.
    if (!e || e.isCancelled) throw new HttpProblem(404, 'itemNotFound', 'The specified object was not found in the store.');
    return e;
  };

  const updateEvent = async (segment: string, idSegment: string, body: unknown, zone: string): Promise<Answer> => {
    const owner = userOf(segment);
    const e = findLive(owner, idSegment);
    const req = parseBody(updateEventRequest, body);
    const start = req.start ? instantOf(req.start, 'start') : new Date(e.start);
    const end = req.end ? instantOf(req.end, 'end') : new Date(e.end);
    if (end.getTime() < start.getTime()) throw new HttpProblem(400, 'invalidRequest', 'The end of the event must not be before its start.');
    // Once online, isOnlineMeeting and onlineMeetingProvider no longer change; an online event without
    // meeting information gets it now (the create left it empty).
    const online = e.isOnlineMeeting || req.isOnlineMeeting === true;
    const provider = e.isOnlineMeeting ? e.onlineMeetingProvider : online ? (req.onlineMeetingProvider ?? 'teamsForBusiness') : e.onlineMeetingProvider;
    const mint = online && e.joinUrl === null && joinUrls === 'generate';
    const next: StoredEvent = {
      ...e,
      ...(req.subject !== undefined ? { subject: req.subject } : {}),
      ...(req.body !== undefined ? { body: { contentType: req.body.contentType.toLowerCase() === 'html' ? 'html' : 'text', content: req.body.content } } : {}),
      ...(req.attendees !== undefined
        ? { attendees: req.attendees.map((a) => ({ address: a.emailAddress.address, ...(a.emailAddress.name !== undefined ? { name: a.emailAddress.name } : {}), type: a.type })) }
        : {}),
      ...(req.allowNewTimeProposals !== undefined ? { allowNewTimeProposals: req.allowNewTimeProposals } : {}),
      start: start.toISOString(),
      end: end.toISOString(),
      ...(req.start ? { originalStartTimeZone: req.start.timeZone } : {}),
      ...(req.end ? { originalEndTimeZone: req.end.timeZone } : {}),
      isOnlineMeeting: online,
      onlineMeetingProvider: provider,
      joinUrl: mint ? newJoinUrl(owner) : e.joinUrl,
      conferenceId: mint ? newConferenceId() : e.conferenceId,
      lastModifiedDateTime: now().toISOString(),
      changeKey: opaqueId(16),
    };
    await events.put(next);
    return { status: 200, body: eventJson(next, owner, zone) };
  };

  const cancelEvent = async (segment: string, idSegment: string, body: unknown): Promise<Answer> => {
    const owner = userOf(segment);
    const e = findLive(owner, idSegment);
    parseBody(cancelEventRequest, body ?? {});
    await events.put({ ...e, isCancelled: true, lastModifiedDateTime: now().toISOString(), changeKey: opaqueId(16) });
    return { status: 202 };
  };

  const errorAnswer = (status: number, code: string, message: string, headers: Record<string, string> = {}): Answer => ({
    status,
    headers,
    body: { error: { code, message, innerError: { date: now().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } },
  });

  const write = (res: http.ServerResponse, answer: Answer, requestId: string) => {
    // Never chain writeHead(...).end(...): restify, loaded in the same process by other suites, patches
    // ServerResponse#writeHead to return nothing.
    res.statusCode = answer.status;
    res.setHeader('request-id', requestId);
    for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
    if (answer.body === undefined) {
      res.setHeader('content-length', '0');
      res.end();
      return;
    }
    const text = JSON.stringify(answer.body);
    res.setHeader('content-type', 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8');
    res.setHeader('content-length', String(Buffer.byteLength(text)));
    res.end(text);
  };

  const takeFault = (route: StandInRoute | undefined): StandInFault | undefined => {
    const i = faults.findIndex((f) => f.left > 0 && (f.fault.route === undefined || f.fault.route === route));
    if (i < 0) return undefined;
    const entry = faults[i];
    if (!entry) return undefined;
    entry.left--;
    if (entry.left === 0) faults.splice(i, 1);
    return entry.fault;
  };

  const faultAnswer = (f: StandInFault): Answer =>
    errorAnswer(f.status, ERROR_CODE_BY_STATUS[f.status] ?? 'generalException', f.status === 429 ? 'Too many requests (stand-in fault).' : `Stand-in fault ${f.status}.`, f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {});

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m && x.r.method === req.method);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = k === 'authorization' ? '<redacted>' : Array.isArray(v) ? v.join(', ') : v;

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        write(res, errorAnswer(413, 'invalidRequest', 'The request body is too large.'), requestId);
        return;
      }
      chunks.push(c as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let badJson = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        badJson = true;
      }
    }
    const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, route: match?.r.route, headers, body, status: 0 };
    requests.push(record);
    const answer = (a: Answer) => {
      record.status = a.status;
      write(res, a, requestId);
    };

    if (!match?.m) {
      const known = ROUTES.some((r) => r.pattern.test(url.pathname));
      answer(known ? errorAnswer(405, 'invalidRequest', `${req.method} is not allowed on this resource.`) : errorAnswer(400, 'invalidRequest', `Resource not found for the segment in ${url.pathname} (the stand-in answers the calendar calls of Tsunagu only).`));
      return;
    }
    const fault = takeFault(match.r.route);
    if (fault && !fault.afterCommit) {
      answer(faultAnswer(fault));
      return;
    }
    try {
      if (text.trim() !== '' && !/^application\/json\b/i.test(headers['content-type'] ?? '')) throw new HttpProblem(415, 'invalidRequest', 'Content-Type must be application/json.');
      if (badJson) throw new HttpProblem(400, 'invalidRequest', 'The request body is not valid JSON.');
      const zone = preferredTimeZone(headers['prefer']);
      const [, user = '', eventId = ''] = match.m;
      let result: Answer;
      switch (match.r.route) {
        case 'getSchedule':
          result = getSchedule(user, body, zone);
          break;
        case 'createEvent':
          result = await createEvent(user, body, zone);
          break;
        case 'updateEvent':
          result = await updateEvent(user, eventId, body, zone);
          break;
        case 'cancelEvent':
          result = await cancelEvent(user, eventId, body);
          break;
      }
      answer(fault ? faultAnswer(fault) : result);
    } catch (err) {
      if (err instanceof HttpProblem) answer(errorAnswer(err.status, err.code, err.message));
      else answer(errorAnswer(500, 'generalException', 'The stand-in failed.'));
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostname = host === '::1' ? '[::1]' : host;

  return {
    baseUrl: `http://${hostname}:${port}/`,
    hostname: host,
    requests,
    clearRequests: () => void requests.splice(0, requests.length),
    failNext: (fault, times = 1) => void faults.push({ fault, left: times }),
    setJoinUrls: (mode) => {
      joinUrls = mode;
    },
    eventsOf: (user) => {
      const u = usersByKey.get(user.toLowerCase());
      return u ? events.all().filter((e) => e.mailbox === u.upn.toLowerCase()) : [];
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await events.flush();
    },
  };
}
