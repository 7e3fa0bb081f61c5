import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';
import { startCalendarStandIn, type CalendarStandIn } from '../../src/adapters/embedded/calendar/calendarStandIn';
import { DEMO_WEEKLY_BUSY, standInUsersOf } from '../../src/adapters/embedded/calendar/demoCalendars';
import { embeddedGraphClient } from '../../src/adapters/embedded/calendar/embeddedGraphClient';
import { GraphCalendar } from '../../src/adapters/graph/graphCalendar';
import { performMeetingWork, type MeetingWorkDeps } from '../../src/app/meetings/meetingWork';
import { writeConferenceBody } from '../../src/app/meetings/writeConferenceBody';
import { TestClock } from '../support/reminders';
import { MeetingMother } from '../unit/app/meetings/meetingMother';
import { MemoryMeetingRepository } from '../unit/app/meetings/memoryMeetingRepository';

/**
 * writeConferenceBody (the agenda written into the ward conference's event) on the real adapter path:
 * GraphCalendar → Graph client → calendar stand-in, with faults injected by the stand-in.
 */
const directory = readWardDirectoryFile(path.join(__dirname, '..', '..', 'config', 'ward.embedded.json'));
const SECRETARY = MeetingMother.SECRETARY;

describe('contract: writeConferenceBody through GraphCalendar and the calendar stand-in', function () {
  this.timeout(30_000);
  let standIn: CalendarStandIn;
  let deps: MeetingWorkDeps;
  let meetings: MemoryMeetingRepository;
  let clock: TestClock;
  let kicked: string[];

  /** A ward conference whose event exists in the stand-in (created through the adapter). */
  async function scheduledWardConference(id = 'w-1') {
    const created = await deps.calendar.createEvent(SECRETARY, { transactionId: id, subject: '重症心身障がい・医療的ケア児等会議', start: new Date('2026-12-16T05:00:00Z'), end: new Date('2026-12-16T06:30:00Z'), attendees: [...MeetingMother.ATTENDEES] });
    if (created.kind !== 'created') assert.fail(created.kind);
    await meetings.create(MeetingMother.scheduledWard(id, '2026-12-16T05:00:00.000Z', { eventId: created.eventId, joinUrl: created.joinUrl }));
    standIn.clearRequests();
    return created;
  }
  const eventBody = () => standIn.eventsOf(SECRETARY)[0]?.body.content;

  beforeEach(async () => {
    standIn = await startCalendarStandIn({ users: standInUsersOf(directory), weeklyBusy: DEMO_WEEKLY_BUSY, tenantId: directory.tenantId });
    meetings = new MemoryMeetingRepository();
    clock = new TestClock(Date.parse('2026-12-01T01:00:00Z'));
    kicked = [];
    deps = { meetings, calendar: new GraphCalendar(embeddedGraphClient(standIn), { retryDelaySeconds: 0, maxWaitSeconds: 1, maxRetries: 2 }), clock, joinLinkLabel: 'Teams 会議に参加:', onWork: (_w, id) => kicked.push(id) };
  });
  afterEach(async () => standIn.close());

  it('when the agenda is written, then the event body holds it as plain text followed by the join link, and the meeting keeps it', async () => {
    const created = await scheduledWardConference();
    const r = await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-1', bodyText: '議題\n1. 医療（3件）\n' });
    assert.equal(r.kind, 'written');
    assert.equal(eventBody(), `議題\n1. 医療（3件）\n\nTeams 会議に参加: ${created.joinUrl}`);
    const patch = standIn.requests.find((q) => q.route === 'updateEvent');
    assert.deepEqual((patch?.body as { body: unknown }).body, { contentType: 'text', content: eventBody() });
    const stored = (await meetings.load('itabashi', 'w-1'))!.value;
    assert.deepEqual([stored.bodyText, stored.work], ['議題\n1. 医療（3件）', undefined]);
  });

  it('when Graph answers 429 with a Retry-After longer than a turn, then the write is deferred, kept on the meeting, and done once the wait is over', async () => {
    await scheduledWardConference();
    standIn.failNext({ status: 429, retryAfter: '120', route: 'updateEvent' });
    const r = await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-1', bodyText: '議題A' });
    assert.equal(r.kind, 'deferred');
    const owed = (await meetings.load('itabashi', 'w-1'))!.value.work;
    assert.deepEqual([owed?.kind, owed?.notBefore], ['body', '2026-12-01T01:02:00.000Z'], 'Retry-After honoured');
    assert.ok(kicked.includes('w-1'), 'the worker is told');
    assert.equal(eventBody(), '');
    await performMeetingWork(deps, 'itabashi', 'w-1', { inline: false });
    assert.equal(eventBody(), '', 'not before the wait is over');
    clock.advance(120_000);
    const done = await performMeetingWork(deps, 'itabashi', 'w-1', { inline: false });
    assert.equal(done?.value.work, undefined);
    assert.match(eventBody() ?? '', /^議題A\n\nTeams 会議に参加: https:\/\/teams\.microsoft\.com\//);
  });

  it('when Graph answers 503 on every retry, then the write is deferred with a backoff; when it answers 429 with a short Retry-After, the adapter retries inside the call', async () => {
    await scheduledWardConference();
    standIn.failNext({ status: 503, route: 'updateEvent' }, 3);
    assert.equal((await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-1', bodyText: '議題B' })).kind, 'deferred');
    assert.equal((await meetings.load('itabashi', 'w-1'))!.value.work?.notBefore, '2026-12-01T01:00:05.000Z');
    standIn.failNext({ status: 429, retryAfter: '0', route: 'updateEvent' });
    assert.equal((await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-1', bodyText: '議題C' })).kind, 'written');
    assert.match(eventBody() ?? '', /^議題C/);
  });

  it('when the conference does not exist, is cancelled, has no event yet, or the text is empty, then nothing is written and the outcome says why', async () => {
    assert.deepEqual(await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'nope', bodyText: 'x' }), { kind: 'notFound' });
    await meetings.create(MeetingMother.scheduledWard('w-c', '2026-12-16T05:00:00.000Z', { status: 'cancelled' }));
    assert.deepEqual(await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-c', bodyText: 'x' }), { kind: 'cancelled' });
    await meetings.create(MeetingMother.scheduledWard('w-p', '2026-12-16T05:00:00.000Z', { status: 'proposed', eventId: undefined }));
    assert.deepEqual(await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-p', bodyText: 'x' }), { kind: 'notScheduled' });
    assert.deepEqual(await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-p', bodyText: '  \n ' }), { kind: 'invalid', code: 'MEETING.BODY_EMPTY' });
    assert.equal(standIn.requests.length, 0);
  });

  it('when the event was deleted in Outlook, then the outcome is eventGone and the conference is cancelled', async () => {
    const created = await scheduledWardConference();
    await deps.calendar.cancelEvent(SECRETARY, created.eventId);
    assert.deepEqual(await writeConferenceBody(deps, { wardId: 'itabashi', meetingId: 'w-1', bodyText: '議題' }), { kind: 'eventGone' });
    assert.equal((await meetings.load('itabashi', 'w-1'))!.value.status, 'cancelled');
  });
});
