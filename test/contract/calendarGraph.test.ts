import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarEventDraft } from '../../src/app/meetings/calendarPort';
import { startCalendarStandIn, type CalendarStandIn, type RecordedRequest } from '../../src/adapters/embedded/calendar/calendarStandIn';
import { DEMO_WEEKLY_BUSY, standInUsersOf } from '../../src/adapters/embedded/calendar/demoCalendars';
import { embeddedGraphClient } from '../../src/adapters/embedded/calendar/embeddedGraphClient';
import { readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';
import { GraphCalendar, GraphContractError } from '../../src/adapters/graph/graphCalendar';
import { retryAfterMs } from '../../src/adapters/graph/graphDateTime';

/**
 * Contract: GraphCalendar (the Calendar port on Microsoft Graph v1.0) pointed at the calendar stand-in.
 * The requests the stand-in records are checked against the documented Graph contract (method, path,
 * headers, body fields — test/contract/graphCalendarContract.md), and the answers are parsed by the
 * adapter's zod schemas. Faults (429 with Retry-After, 503, lost answers, missing join link) come from the
 * stand-in. The suite is the same for any Graph endpoint: only the client's base URL differs.
 */

const directory = readWardDirectoryFile(path.join(__dirname, '..', '..', 'config', 'ward.embedded.json'));
const COORDINATOR = 'ichiro.suzuki@itabashi.example'; // organiser (fictional)
const NURSERY = 'sakura.ito@itabashi.example';
const HEALTH = 'rie.nakamura@itabashi.example';
const SCHOOL = 'sho.watanabe@itabashi.example';
const TOKYO = 'Tokyo Standard Time';
const PREFER = 'outlook.timezone="Tokyo Standard Time"';

/** Tuesday 2026-11-24, whole day in Tokyo. */
const TUESDAY = { start: new Date('2026-11-23T15:00:00Z'), end: new Date('2026-11-24T15:00:00Z') };
/** Wednesday 2026-11-25 15:00–16:00 JST: free in everybody's seeded calendar. */
const draft = (over: Partial<CalendarEventDraft> = {}): CalendarEventDraft => ({
  transactionId: 'conf-2026-0012-a',
  subject: '支援会議 2026-0012',
  start: new Date('2026-11-25T06:00:00Z'),
  end: new Date('2026-11-25T07:00:00Z'),
  attendees: [NURSERY, HEALTH, SCHOOL],
  ...over,
});

function only<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `exactly one ${what}, got ${items.length}`);
  const [x] = items;
  if (x === undefined) throw new Error(what);
  return x;
}
const calls = (s: CalendarStandIn, route: RecordedRequest['route']) => s.requests.filter((r) => r.route === route);

describe('contract: GraphCalendar against the calendar stand-in (Graph v1.0 calendar contract)', function () {
  this.timeout(20_000);
  let standIn: CalendarStandIn;
  let calendar: GraphCalendar;

  beforeEach(async () => {
    standIn = await startCalendarStandIn({ users: standInUsersOf(directory), weeklyBusy: DEMO_WEEKLY_BUSY, tenantId: directory.tenantId, now: () => new Date('2026-11-20T00:00:00Z') });
    calendar = new GraphCalendar(embeddedGraphClient(standIn), { retryDelaySeconds: 0, maxWaitSeconds: 2, maxRetries: 2 });
  });
  afterEach(async () => {
    await standIn.close();
  });

  describe('free/busy: POST /users/{id}/calendar/getSchedule', () => {
    it('when free/busy is asked for, then the request has the documented path, headers and body, in Tokyo time', async () => {
      const r = await calendar.getBusy(COORDINATOR, [COORDINATOR, NURSERY], TUESDAY);
      assert.equal(r.kind, 'availability');
      const req = only(calls(standIn, 'getSchedule'), 'getSchedule request');
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule');
      assert.match(req.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(req.headers['prefer'], PREFER);
      assert.deepEqual(req.body, {
        schedules: [COORDINATOR, NURSERY],
        startTime: { dateTime: '2026-11-24T00:00:00', timeZone: TOKYO },
        endTime: { dateTime: '2026-11-25T00:00:00', timeZone: TOKYO },
        availabilityViewInterval: 15,
      });
      assert.equal(req.status, 200);
    });

    it('when the calendars hold busy items, then each attendee gets their blocks as instants with their status', async () => {
      const r = await calendar.getBusy(COORDINATOR, [COORDINATOR, NURSERY], TUESDAY);
      assert.equal(r.kind, 'availability');
      if (r.kind !== 'availability') return;
      const blocks = (who: string) => {
        const a = r.byAttendee.get(who);
        return a?.kind === 'known' ? a.blocks.map((b) => [b.start.toISOString(), b.end.toISOString(), b.status]) : a;
      };
      // Seeded weekly blocks (demoCalendars.ts): Tuesdays 13:00–15:00 JST for the coordinator, 9:00–11:00 for the nursery liaison.
      assert.deepEqual(blocks(COORDINATOR), [['2026-11-24T04:00:00.000Z', '2026-11-24T06:00:00.000Z', 'busy']]);
      assert.deepEqual(blocks(NURSERY), [['2026-11-24T00:00:00.000Z', '2026-11-24T02:00:00.000Z', 'busy']]);
    });

    it('when an attendee is not a known mailbox, then that attendee is unknown and the others are still answered', async () => {
      const r = await calendar.getBusy(COORDINATOR, [NURSERY, 'nobody@itabashi.example'], TUESDAY);
      assert.equal(r.kind, 'availability');
      if (r.kind !== 'availability') return;
      assert.deepEqual(r.byAttendee.get('nobody@itabashi.example'), { kind: 'unknown', reason: 'ErrorMailRecipientNotFound' });
      assert.equal(r.byAttendee.get(NURSERY)?.kind, 'known');
    });

    it('when the organiser mailbox does not exist, then the outcome is notFound', async () => {
      assert.deepEqual(await calendar.getBusy('ghost@itabashi.example', [NURSERY], TUESDAY), { kind: 'notFound' });
    });
  });

  describe('create: POST /users/{id}/events as a Teams meeting', () => {
    it('when an event is created, then the body carries subject, Tokyo times, required attendees, isOnlineMeeting, teamsForBusiness and the transactionId', async () => {
      const r = await calendar.createEvent(COORDINATOR, draft({ bodyText: '詳細は Teams のカードをご覧ください。' }));
      assert.equal(r.kind, 'created');
      const req = only(calls(standIn, 'createEvent'), 'create request');
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/v1.0/users/ichiro.suzuki@itabashi.example/events');
      assert.match(req.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(req.headers['prefer'], PREFER);
      assert.deepEqual(req.body, {
        subject: '支援会議 2026-0012',
        body: { contentType: 'text', content: '詳細は Teams のカードをご覧ください。' },
        start: { dateTime: '2026-11-25T15:00:00', timeZone: TOKYO },
        end: { dateTime: '2026-11-25T16:00:00', timeZone: TOKYO },
        attendees: [NURSERY, HEALTH, SCHOOL].map((address) => ({ emailAddress: { address }, type: 'required' })),
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
        allowNewTimeProposals: false,
        transactionId: 'conf-2026-0012-a',
      });
      assert.equal(req.status, 201);
    });

    it('when the event is created, then the event id and the onlineMeeting.joinUrl of the answer are returned', async () => {
      const r = await calendar.createEvent(COORDINATOR, draft());
      const stored = only(standIn.eventsOf(COORDINATOR), 'event');
      assert.equal(r.kind === 'created' ? r.eventId : undefined, stored.id);
      assert.equal(r.kind === 'created' ? r.joinUrl : undefined, stored.joinUrl);
      assert.match(stored.joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3Ameeting_[\w-]+%40thread\.v2\/0\?context=/);
    });

    it('when the event exists, then the organiser shows busy and the attendees tentative at that time', async () => {
      await calendar.createEvent(COORDINATOR, draft());
      const r = await calendar.getBusy(COORDINATOR, [COORDINATOR, SCHOOL], { start: new Date('2026-11-24T15:00:00Z'), end: new Date('2026-11-25T15:00:00Z') });
      assert.equal(r.kind, 'availability');
      if (r.kind !== 'availability') return;
      const at = (who: string) => {
        const a = r.byAttendee.get(who);
        return a?.kind === 'known' ? a.blocks.filter((b) => b.start.toISOString() === '2026-11-25T06:00:00.000Z').map((b) => b.status) : [];
      };
      assert.deepEqual(at(COORDINATOR), ['busy']);
      assert.deepEqual(at(SCHOOL), ['tentative']);
    });

    it('when Graph creates the event without onlineMeeting, then joinUrl is undefined; a later update asks again and gets it', async () => {
      standIn.setJoinUrls('omit');
      const r = await calendar.createEvent(COORDINATOR, draft());
      assert.equal(r.kind, 'created');
      if (r.kind !== 'created') return;
      assert.equal(r.joinUrl, undefined);
      standIn.setJoinUrls('generate');
      const retried = await calendar.updateEvent(COORDINATOR, r.eventId, {});
      assert.equal(retried.kind, 'updated');
      assert.match(retried.kind === 'updated' ? (retried.joinUrl ?? '') : '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      const patch = only(calls(standIn, 'updateEvent'), 'update request');
      assert.deepEqual(patch.body, { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
      assert.equal(only(standIn.eventsOf(COORDINATOR), 'event').joinUrl, retried.kind === 'updated' ? retried.joinUrl : 'x');
    });
  });

  describe('reschedule: PATCH /users/{id}/events/{id}', () => {
    it('when an event is moved, then PATCH carries the new Tokyo times and the event keeps its id and join link', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      const r = await calendar.updateEvent(COORDINATOR, created.eventId, { start: new Date('2026-11-27T05:00:00Z'), end: new Date('2026-11-27T06:30:00Z') });
      assert.deepEqual(r, { kind: 'updated', joinUrl: created.joinUrl });
      const req = only(calls(standIn, 'updateEvent'), 'update request');
      assert.equal(req.method, 'PATCH');
      assert.equal(req.path, `/v1.0/users/ichiro.suzuki@itabashi.example/events/${encodeURIComponent(created.eventId)}`);
      assert.equal(req.headers['prefer'], PREFER);
      assert.match(req.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(req.body, {
        start: { dateTime: '2026-11-27T14:00:00', timeZone: TOKYO },
        end: { dateTime: '2026-11-27T15:30:00', timeZone: TOKYO },
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      });
      const stored = only(standIn.eventsOf(COORDINATOR), 'event');
      assert.deepEqual([stored.id, stored.start, stored.end], [created.eventId, '2026-11-27T05:00:00.000Z', '2026-11-27T06:30:00.000Z']);
    });

    it('when the event does not exist, then the outcome is notFound', async () => {
      assert.deepEqual(await calendar.updateEvent(COORDINATOR, 'AAMkADnope', { start: new Date(), end: new Date() }), { kind: 'notFound' });
    });

    it('when the body is written (an agenda), then PATCH carries a plain-text itemBody and the stand-in stores it and returns it; the event stays a Teams meeting', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      const text = '議題\n1. 医療（3件）\nTeams 会議に参加: ' + (created.joinUrl ?? '');
      const r = await calendar.updateEvent(COORDINATOR, created.eventId, { bodyText: text });
      assert.deepEqual(r, { kind: 'updated', joinUrl: created.joinUrl });
      const req = only(calls(standIn, 'updateEvent'), 'update request');
      assert.deepEqual(req.body, { body: { contentType: 'text', content: text }, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
      const stored = only(standIn.eventsOf(COORDINATOR), 'event');
      assert.deepEqual([stored.body, stored.isOnlineMeeting, stored.joinUrl], [{ contentType: 'text', content: text }, true, created.joinUrl]);
    });

    it('when writing the body is throttled beyond a turn, or the service is down, then the outcome says so (nothing is guessed)', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      standIn.failNext({ status: 429, retryAfter: '120', route: 'updateEvent' });
      assert.deepEqual(await calendar.updateEvent(COORDINATOR, created.eventId, { bodyText: '議題' }), { kind: 'throttled', retryAfterMs: 120_000 });
      standIn.failNext({ status: 503, retryAfter: '0', route: 'updateEvent' }, 3);
      assert.deepEqual(await calendar.updateEvent(COORDINATOR, created.eventId, { bodyText: '議題' }), { kind: 'transient', status: 503, retryAfterMs: 0 });
      assert.equal(only(standIn.eventsOf(COORDINATOR), 'event').body.content, '', 'no answer was a success');
    });
  });

  describe('cancel: POST /users/{id}/events/{id}/cancel', () => {
    it('when the organiser cancels, then POST …/cancel carries the comment, Graph answers 202 and the event is cancelled', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      assert.deepEqual(await calendar.cancelEvent(COORDINATOR, created.eventId, '日程を再調整します。'), { kind: 'cancelled' });
      const req = only(calls(standIn, 'cancelEvent'), 'cancel request');
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `/v1.0/users/ichiro.suzuki@itabashi.example/events/${encodeURIComponent(created.eventId)}/cancel`);
      assert.match(req.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(req.body, { comment: '日程を再調整します。' });
      assert.equal(req.status, 202);
      assert.equal(only(standIn.eventsOf(COORDINATOR), 'event').isCancelled, true);
    });

    it('when a cancelled event is cancelled or moved again, then the outcome is notFound', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      await calendar.cancelEvent(COORDINATOR, created.eventId);
      assert.deepEqual(await calendar.cancelEvent(COORDINATOR, created.eventId), { kind: 'notFound' });
      assert.deepEqual(await calendar.updateEvent(COORDINATOR, created.eventId, {}), { kind: 'notFound' });
    });

    it('when the event is cancelled, then it no longer blocks anybody', async () => {
      const created = await calendar.createEvent(COORDINATOR, draft());
      if (created.kind !== 'created') assert.fail(created.kind);
      await calendar.cancelEvent(COORDINATOR, created.eventId);
      const r = await calendar.getBusy(COORDINATOR, [SCHOOL], { start: new Date('2026-11-25T06:00:00Z'), end: new Date('2026-11-25T08:00:00Z') });
      assert.deepEqual(r.kind === 'availability' ? r.byAttendee.get(SCHOOL) : r, { kind: 'known', blocks: [] });
    });
  });

  describe('throttling and outages', () => {
    it('when Graph answers 429 with a short Retry-After, then the client waits, retries and one event is created', async () => {
      standIn.failNext({ status: 429, retryAfter: '1', route: 'createEvent' });
      const started = Date.now();
      const r = await calendar.createEvent(COORDINATOR, draft());
      assert.equal(r.kind, 'created');
      assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
      const posts = calls(standIn, 'createEvent');
      assert.deepEqual(
        posts.map((p) => p.status),
        [429, 201],
      );
      assert.equal(posts[1]?.headers['retry-attempt'], '1');
      assert.deepEqual(posts[1]?.body, posts[0]?.body, 'the same request, transactionId included');
      only(standIn.eventsOf(COORDINATOR), 'event');
    });

    it('when Graph answers 429 with a Retry-After longer than a turn, then the outcome is throttled with that wait, at once', async () => {
      standIn.failNext({ status: 429, retryAfter: '120', route: 'getSchedule' });
      assert.deepEqual(await calendar.getBusy(COORDINATOR, [NURSERY], TUESDAY), { kind: 'throttled', retryAfterMs: 120_000 });
      assert.equal(calls(standIn, 'getSchedule').length, 1);
    });

    it('when Graph keeps answering 429, then after the retries the outcome is throttled and nothing was created', async () => {
      standIn.failNext({ status: 429, retryAfter: '0', route: 'createEvent' }, 3);
      assert.deepEqual(await calendar.createEvent(COORDINATOR, draft()), { kind: 'throttled', retryAfterMs: 0 });
      assert.equal(calls(standIn, 'createEvent').length, 3, 'one try and two retries');
      assert.equal(standIn.eventsOf(COORDINATOR).length, 0);
    });

    it('when Graph answers 503 once (no Retry-After), then the retry succeeds', async () => {
      standIn.failNext({ status: 503, route: 'getSchedule' });
      const r = await calendar.getBusy(COORDINATOR, [NURSERY], TUESDAY);
      assert.equal(r.kind, 'availability');
      assert.deepEqual(
        calls(standIn, 'getSchedule').map((c) => c.status),
        [503, 200],
      );
    });

    it('when Graph keeps answering 503 with Retry-After, then the outcome is transient with the wait', async () => {
      standIn.failNext({ status: 503, retryAfter: '0', route: 'updateEvent' }, 3);
      assert.deepEqual(await calendar.updateEvent(COORDINATOR, 'AAMkADany', {}), { kind: 'transient', status: 503, retryAfterMs: 0 });
    });

    it('when the answer to a create is lost (503 after the event was made), then the retry with the same transactionId returns the same single event', async () => {
      standIn.failNext({ status: 503, retryAfter: '0', route: 'createEvent', afterCommit: true });
      const r = await calendar.createEvent(COORDINATOR, draft());
      const stored = only(standIn.eventsOf(COORDINATOR), 'event');
      assert.equal(r.kind === 'created' ? r.eventId : undefined, stored.id);
      assert.deepEqual(
        calls(standIn, 'createEvent').map((c) => c.status),
        [503, 201],
      );
    });

    it('when every retry inside the call failed after the event was made, then creating again later with the same transactionId makes no duplicate', async () => {
      standIn.failNext({ status: 504, retryAfter: '0', route: 'createEvent', afterCommit: true }, 3);
      const first = await calendar.createEvent(COORDINATOR, draft());
      assert.deepEqual(first, { kind: 'transient', status: 504, retryAfterMs: 0 });
      const later = await calendar.createEvent(COORDINATOR, draft());
      const stored = only(standIn.eventsOf(COORDINATOR), 'event');
      assert.equal(later.kind === 'created' ? later.eventId : undefined, stored.id);
    });

    it('when Graph answers 403 or 400, then the outcomes are forbidden and rejected (with the error code), without retries', async () => {
      standIn.failNext({ status: 403, route: 'getSchedule' });
      assert.deepEqual(await calendar.getBusy(COORDINATOR, [NURSERY], TUESDAY), { kind: 'forbidden', status: 403 });
      standIn.failNext({ status: 400, route: 'cancelEvent' });
      assert.deepEqual(await calendar.cancelEvent(COORDINATOR, 'AAMkADany'), { kind: 'rejected', status: 400, code: 'invalidRequest' });
      assert.equal(standIn.requests.length, 2);
    });

    it('when nothing answers at all, then the outcome is transient with status 0', async () => {
      const dead = http.createServer();
      await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
      const port = (dead.address() as AddressInfo).port;
      await new Promise<void>((r) => dead.close(() => r()));
      const offline = new GraphCalendar(embeddedGraphClient({ baseUrl: `http://127.0.0.1:${port}/`, hostname: '127.0.0.1' }), { maxRetries: 0 });
      assert.deepEqual(await offline.getBusy(COORDINATOR, [NURSERY], TUESDAY), { kind: 'transient', status: 0, retryAfterMs: undefined });
    });
  });

  describe('Retry-After', () => {
    it('when Retry-After is seconds or an HTTP date, then it is read as milliseconds; absent or unreadable, undefined', () => {
      const now = Date.parse('2026-11-24T00:00:00Z');
      assert.equal(retryAfterMs('30', now), 30_000);
      assert.equal(retryAfterMs('Tue, 24 Nov 2026 00:01:00 GMT', now), 60_000);
      assert.equal(retryAfterMs('Mon, 23 Nov 2026 00:00:00 GMT', now), 0);
      assert.equal(retryAfterMs(null, now), undefined);
      assert.equal(retryAfterMs('soon', now), undefined);
    });
  });
});

describe('contract: GraphCalendar refuses answers that drift from the Graph contract', function () {
  this.timeout(20_000);
  let server: http.Server;
  let answer: { status: number; body: string } = { status: 200, body: '{}' };
  let client: Client;

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // Not chained: restify (loaded by other suites in the same process) patches ServerResponse#writeHead to return nothing.
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    client = Client.initWithMiddleware({ baseUrl: `http://127.0.0.1:${port}/`, customHosts: new Set(['127.0.0.1']), authProvider: { getAccessToken: async () => 'test-token' } });
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('when getSchedule answers without `value`, then GraphContractError (GRAPH.CONTRACT) is thrown', async () => {
    answer = { status: 200, body: JSON.stringify({ schedules: [] }) };
    await assert.rejects(new GraphCalendar(client).getBusy(COORDINATOR, [NURSERY], TUESDAY), (e: unknown) => e instanceof GraphContractError && /GRAPH\.CONTRACT.*value/.test(e.message));
  });

  it('when a created event has no id, or a joinUrl that is not an https URL, then GraphContractError is thrown', async () => {
    answer = { status: 201, body: JSON.stringify({ subject: 'x', onlineMeeting: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/x' } }) };
    await assert.rejects(new GraphCalendar(client).createEvent(COORDINATOR, draft()), GraphContractError);
    answer = { status: 201, body: JSON.stringify({ id: 'AAMkADx', onlineMeeting: { joinUrl: 'javascript:alert(1)' } }) };
    await assert.rejects(new GraphCalendar(client).createEvent(COORDINATOR, draft()), GraphContractError);
  });

  it('when a schedule item has a time in a zone Tsunagu cannot read, then that attendee is unknown rather than guessed', async () => {
    answer = {
      status: 200,
      body: JSON.stringify({
        value: [{ scheduleId: NURSERY, scheduleItems: [{ status: 'Busy', start: { dateTime: '2026-11-24T09:00:00.0000000', timeZone: 'Pacific Standard Time' }, end: { dateTime: '2026-11-24T10:00:00.0000000', timeZone: 'Pacific Standard Time' } }] }],
      }),
    };
    const r = await new GraphCalendar(client).getBusy(COORDINATOR, [NURSERY], TUESDAY);
    assert.deepEqual(r.kind === 'availability' ? r.byAttendee.get(NURSERY) : r, { kind: 'unknown', reason: 'unreadableTime' });
  });

  it('when statuses come capitalised (as in the free/busy guide) or unknown, then they are read case-insensitively, unknown ones as unknown', async () => {
    const item = (status: string) => ({ status, start: { dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-11-24T01:00:00.0000000', timeZone: 'UTC' } });
    answer = { status: 200, body: JSON.stringify({ value: [{ scheduleId: NURSERY.toUpperCase(), scheduleItems: [item('Tentative'), item('OOF'), item('somethingNew')] }] }) };
    const r = await new GraphCalendar(client).getBusy(COORDINATOR, [NURSERY], TUESDAY);
    const a = r.kind === 'availability' ? r.byAttendee.get(NURSERY) : undefined;
    assert.deepEqual(
      a?.kind === 'known' ? a.blocks.map((b) => b.status) : a,
      ['tentative', 'oof', 'unknown'],
    );
  });
});
