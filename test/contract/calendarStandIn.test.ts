import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCalendarStandIn, type CalendarStandIn } from '../../src/adapters/embedded/calendar/calendarStandIn';
import { DEMO_WEEKLY_BUSY, standInUsersOf } from '../../src/adapters/embedded/calendar/demoCalendars';
import { readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';

/**
 * Contract: the calendar stand-in speaks the documented Graph HTTP contract on the wire (raw HTTP, no SDK):
 * response shapes and formats, error bodies `{ error: { code, message } }`, Prefer: outlook.timezone, strict
 * request bodies, 202 without body for cancel, and it keeps its fictional calendars. Sources and facts:
 * test/contract/graphCalendarContract.md.
 */

const directory = readWardDirectoryFile(path.join(__dirname, '..', '..', 'config', 'ward.embedded.json'));
const SUZUKI = directory.users.find((u) => u.upn === 'ichiro.suzuki@itabashi.example');
const GRAPH_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/;
const PREFER = { prefer: 'outlook.timezone="Tokyo Standard Time"' };

const tuesdaySchedule = (schedules: string[]) => ({
  schedules,
  startTime: { dateTime: '2026-11-24T00:00:00', timeZone: 'Tokyo Standard Time' },
  endTime: { dateTime: '2026-11-25T00:00:00', timeZone: 'Tokyo Standard Time' },
  availabilityViewInterval: 15,
});
const newEvent = (over: Record<string, unknown> = {}) => ({
  subject: '支援会議 2026-0012',
  start: { dateTime: '2026-11-25T15:00:00', timeZone: 'Tokyo Standard Time' },
  end: { dateTime: '2026-11-25T16:00:00', timeZone: 'Tokyo Standard Time' },
  attendees: [{ emailAddress: { address: 'sakura.ito@itabashi.example' }, type: 'required' }],
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  transactionId: 'tx-1',
  ...over,
});

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Raw wire body, asserted field by field. */
  json: any;
}

async function call(s: CalendarStandIn, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(new URL(pathname, s.baseUrl), {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

function assertGraphError(r: Reply, status: number, code: string) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(r.json?.error?.code, code);
  assert.equal(typeof r.json?.error?.message, 'string');
}

describe('contract: the calendar stand-in speaks the Graph calendar contract', function () {
  this.timeout(20_000);
  let s: CalendarStandIn;
  beforeEach(async () => {
    s = await startCalendarStandIn({ users: standInUsersOf(directory), weeklyBusy: DEMO_WEEKLY_BUSY, tenantId: directory.tenantId });
  });
  afterEach(async () => {
    await s.close();
  });

  describe('getSchedule', () => {
    it('when asked with Prefer: outlook.timezone, then scheduleInformation comes back in that zone with 7-digit times and an availabilityView', async () => {
      const r = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']), PREFER);
      assert.equal(r.status, 200);
      assert.equal(r.json['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)');
      const [info] = r.json.value;
      assert.equal(info.scheduleId, 'sakura.ito@itabashi.example');
      assert.equal(info.availabilityView.length, 96, '24 hours in 15-minute slots');
      assert.equal(info.availabilityView.slice(36, 44), '22222222', '09:00–11:00 busy');
      assert.match(info.availabilityView, /^[0-4]+$/);
      const [item] = info.scheduleItems;
      assert.deepEqual(item.start, { dateTime: '2026-11-24T09:00:00.0000000', timeZone: 'Tokyo Standard Time' });
      assert.match(item.end.dateTime, GRAPH_DATE_TIME);
      assert.equal(item.status, 'busy');
      assert.deepEqual(info.workingHours.daysOfWeek, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    });

    it('when asked without Prefer, then times come back in UTC (the documented default)', async () => {
      const r = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']));
      assert.deepEqual(r.json.value[0].scheduleItems[0].start, { dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'UTC' });
    });

    it('when the path is written getschedule (as in the free/busy guide) or the user is an object id, then it is the same call', async () => {
      const lower = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getschedule', tuesdaySchedule(['sakura.ito@itabashi.example']), PREFER);
      const byId = await call(s, 'POST', `/v1.0/users/${SUZUKI?.aadObjectId}/calendar/getSchedule`, tuesdaySchedule(['sakura.ito@itabashi.example']), PREFER);
      assert.equal(lower.status, 200);
      assert.deepEqual(byId.json.value, lower.json.value);
    });

    it('when a schedule is not a known mailbox, then its scheduleInformation carries a freeBusyError', async () => {
      const r = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['nobody@elsewhere.example']), PREFER);
      assert.equal(r.status, 200);
      assert.equal(r.json.value[0].scheduleId, 'nobody@elsewhere.example');
      assert.equal(typeof r.json.value[0].error.message, 'string');
      assert.equal(typeof r.json.value[0].error.responseCode, 'string');
    });

    it('when the body has an unknown property or no schedules, then 400 with a Graph error body', async () => {
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', { ...tuesdaySchedule(['a@b.example']), interval: 15 }), 400, 'invalidRequest');
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', { ...tuesdaySchedule([]) }), 400, 'invalidRequest');
    });
  });

  describe('events', () => {
    it('when an online meeting is created, then 201 with the documented event fields, the Teams joinUrl and the transactionId', async () => {
      const r = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      assert.equal(r.status, 201);
      const e = r.json;
      assert.match(e['@odata.context'], /\/\$metadata#users\('[^']+'\)\/events\/\$entity$/);
      assert.equal(typeof e.id, 'string');
      assert.deepEqual([e.subject, e.isOnlineMeeting, e.onlineMeetingProvider, e.transactionId, e.isCancelled, e.isOrganizer, e.type], ['支援会議 2026-0012', true, 'teamsForBusiness', 'tx-1', false, true, 'singleInstance']);
      assert.deepEqual(e.start, { dateTime: '2026-11-25T15:00:00.0000000', timeZone: 'Tokyo Standard Time' });
      assert.match(e.onlineMeeting.joinUrl, /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
      assert.equal(e.onlineMeetingUrl, null, 'the deprecated property is not used');
      assert.deepEqual(e.attendees[0].status, { response: 'none', time: '0001-01-01T00:00:00Z' });
      assert.equal(e.organizer.emailAddress.address, 'ichiro.suzuki@itabashi.example');
    });

    it('when the same transactionId is posted again, then the same event is answered and no second one is made', async () => {
      const first = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      const again = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      assert.equal(again.json.id, first.json.id);
      assert.equal(s.eventsOf('ichiro.suzuki@itabashi.example').length, 1);
    });

    it('when a create has an unknown property, a wrong Content-Type or broken JSON, then 400/415 with a Graph error body', async () => {
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent({ joinUrl: 'x' })), 400, 'invalidRequest');
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', JSON.stringify(newEvent()), { 'content-type': 'text/plain' }), 415, 'invalidRequest');
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', '{"subject":'), 400, 'invalidRequest');
    });

    it('when an update tries to change transactionId, or addresses an unknown event or user, then 400 / 404 itemNotFound', async () => {
      const created = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      assertGraphError(await call(s, 'PATCH', `/v1.0/users/ichiro.suzuki@itabashi.example/events/${created.json.id}`, { transactionId: 'other' }), 400, 'invalidRequest');
      assertGraphError(await call(s, 'PATCH', '/v1.0/users/ichiro.suzuki@itabashi.example/events/AAMkADmissing', { subject: 'x' }), 404, 'itemNotFound');
      assertGraphError(await call(s, 'PATCH', `/v1.0/users/ghost@itabashi.example/events/${created.json.id}`, { subject: 'x' }), 404, 'itemNotFound');
      assertGraphError(await call(s, 'PATCH', `/v1.0/users/misaki.takahashi@itabashi.example/events/${created.json.id}`, { subject: 'x' }), 404, 'itemNotFound');
    });

    it('when an update moves the event, then 200 with the updated event; an online meeting stays online', async () => {
      const created = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      const r = await call(s, 'PATCH', `/v1.0/users/ichiro.suzuki@itabashi.example/events/${created.json.id}`, { start: { dateTime: '2026-11-27T05:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-27T06:00:00', timeZone: 'UTC' }, isOnlineMeeting: false }, PREFER);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.start, { dateTime: '2026-11-27T14:00:00.0000000', timeZone: 'Tokyo Standard Time' });
      assert.deepEqual([r.json.isOnlineMeeting, r.json.onlineMeeting.joinUrl], [true, created.json.onlineMeeting.joinUrl]);
      assert.notEqual(r.json.changeKey, created.json.changeKey);
    });

    it('when the organiser cancels, then 202 Accepted with no body', async () => {
      const created = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
      const r = await call(s, 'POST', `/v1.0/users/ichiro.suzuki@itabashi.example/events/${created.json.id}/cancel`, { comment: '中止します。' });
      assert.equal(r.status, 202);
      assert.equal(r.text, '');
    });
  });

  describe('faults and recording', () => {
    it('when told to throttle, then 429 with Retry-After and a Graph error body, once', async () => {
      s.failNext({ status: 429, retryAfter: '7' });
      const r = await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']));
      assertGraphError(r, 429, 'activityLimitReached');
      assert.equal(r.headers.get('retry-after'), '7');
      assert.equal((await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']))).status, 200);
    });

    it('when told to fail with 503, then serviceNotAvailable; a fault for another route leaves this one alone', async () => {
      s.failNext({ status: 503, route: 'cancelEvent' });
      assert.equal((await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']))).status, 200);
      assertGraphError(await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events/AAMkADx/cancel', {}), 503, 'serviceNotAvailable');
    });

    it('when a request carries a token, then the recording keeps the header name but not the token', async () => {
      await call(s, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/calendar/getSchedule', tuesdaySchedule(['sakura.ito@itabashi.example']), { authorization: 'Bearer secret-token' });
      assert.equal(s.requests[0]?.headers['authorization'], '<redacted>');
      assert.ok(!JSON.stringify(s.requests).includes('secret-token'));
    });

    it('when a path is not one of the calendar calls, then 400 with a Graph error body; a wrong method, 405', async () => {
      assertGraphError(await call(s, 'GET', '/v1.0/users/ichiro.suzuki@itabashi.example/messages'), 400, 'invalidRequest');
      assertGraphError(await call(s, 'DELETE', '/v1.0/users/ichiro.suzuki@itabashi.example/events/AAMkADx'), 405, 'invalidRequest');
    });
  });

  describe('fictional calendars and keeping events', () => {
    it('when the demo calendars are seeded, then every block belongs to a user of config/ward.embedded.json and is a weekday in office hours', () => {
      const upns = new Set(directory.users.map((u) => u.upn));
      for (const b of DEMO_WEEKLY_BUSY) {
        assert.ok(upns.has(b.upn), b.upn);
        assert.ok(b.weekday >= 1 && b.weekday <= 5 && b.from >= '08:00' && b.to <= '18:00', `${b.upn} ${b.weekday} ${b.from}`);
      }
    });

    it('when the stand-in is given a data directory, then events survive a restart', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tsunagu-calendar-'));
      try {
        const first = await startCalendarStandIn({ users: standInUsersOf(directory), dataDir: dir });
        const created = await call(first, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
        await first.close();
        const second = await startCalendarStandIn({ users: standInUsersOf(directory), dataDir: dir });
        try {
          assert.deepEqual(
            second.eventsOf('ichiro.suzuki@itabashi.example').map((e) => e.id),
            [created.json.id],
          );
          const again = await call(second, 'POST', '/v1.0/users/ichiro.suzuki@itabashi.example/events', newEvent(), PREFER);
          assert.equal(again.json.id, created.json.id, 'transactionId still known after the restart');
        } finally {
          await second.close();
        }
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    it('when asked to listen beyond loopback, then it refuses (it has no authentication)', async () => {
      await assert.rejects(startCalendarStandIn({ users: [], host: '0.0.0.0' }), /CALENDAR_STANDIN.NOT_LOOPBACK/);
    });
  });
});
