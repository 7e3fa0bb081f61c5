import assert from 'node:assert/strict';
import * as path from 'node:path';
import { holidayJpCalendar } from '../../src/adapters/calendar/holidayJpCalendar';
import { readWardDirectoryFile } from '../../src/adapters/directory/jsonWardDirectory';
import { startCalendarStandIn, type CalendarStandIn } from '../../src/adapters/embedded/calendar/calendarStandIn';
import { DEMO_WEEKLY_BUSY, standInUsersOf } from '../../src/adapters/embedded/calendar/demoCalendars';
import { embeddedGraphClient } from '../../src/adapters/embedded/calendar/embeddedGraphClient';
import { GraphCalendar } from '../../src/adapters/graph/graphCalendar';
import { cancelConference, rescheduleConference, retryJoinLink, scheduleConference, type ScheduleRequest } from '../../src/app/meetings/conferenceEvents';
import { proposeConferenceSlots, type ProposeSlotsDeps } from '../../src/app/meetings/proposeConferenceSlots';
import type { Meeting } from '../../src/domain/meetings/meeting';
import { tokyoLocalDateTime, type TimeInterval } from '../../src/domain/meetings/time';

/**
 * The case conference use cases on the real adapter path: GraphCalendar → Graph client → calendar stand-in
 * seeded with the fictional ward calendars (demoCalendars.ts). A coordinator (鈴木, fictional) invites
 * three people from different departments — nursery, health centre, school.
 */

const directory = readWardDirectoryFile(path.join(__dirname, '..', '..', 'config', 'ward.embedded.json'));
const COORDINATOR = 'ichiro.suzuki@itabashi.example';
const ATTENDEES = ['sakura.ito@itabashi.example', 'rie.nakamura@itabashi.example', 'sho.watanabe@itabashi.example'];
const clock = { now: () => new Date('2026-11-20T01:00:00Z') }; // Friday 2026-11-20 10:00 JST
const WINDOW = { from: { year: 2026, month: 11, day: 23 }, to: { year: 2026, month: 11, day: 27 } }; // Mon 11-23 is 勤労感謝の日

const shown = (slots: readonly TimeInterval[]) => slots.map((s) => `${tokyoLocalDateTime(s.start).replace('T', ' ').slice(0, 16)}–${tokyoLocalDateTime(s.end).slice(11, 16)}`);

describe('contract: case conference use cases through GraphCalendar and the calendar stand-in', function () {
  this.timeout(20_000);
  let standIn: CalendarStandIn;
  let deps: ProposeSlotsDeps;
  const schedule = (over: Partial<ScheduleRequest> = {}) =>
    scheduleConference(deps, { meetingId: 'conf-1', caseCode: '2026-0012', organiser: COORDINATOR, attendees: ATTENDEES, slot: { start: new Date('2026-11-24T02:00:00Z'), end: new Date('2026-11-24T03:30:00Z') }, ...over });
  const scheduled = async (): Promise<Meeting> => {
    const r = await schedule();
    if (r.kind !== 'scheduled') assert.fail(`expected scheduled, got ${r.kind}`);
    return r.meeting;
  };

  beforeEach(async () => {
    standIn = await startCalendarStandIn({ users: standInUsersOf(directory), weeklyBusy: DEMO_WEEKLY_BUSY, tenantId: directory.tenantId });
    deps = { calendar: new GraphCalendar(embeddedGraphClient(standIn), { retryDelaySeconds: 0, maxWaitSeconds: 2 }), businessCalendar: holidayJpCalendar(), clock };
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('when a coordinator asks for 90 minutes with three departments, then the earliest free times avoid everyone’s busy time and the holiday', async () => {
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: ATTENDEES, durationMinutes: 90, window: WINDOW });
    assert.equal(r.kind, 'proposed');
    if (r.kind !== 'proposed') return;
    // Tue: 鈴木 13–15, 伊藤 9–11 busy · Wed: 中村 9–12, 渡辺 13–15 busy (seeded, fictional).
    assert.deepEqual(shown(r.slots), ['2026-11-24 11:00–12:30', '2026-11-24 15:00–16:30', '2026-11-25 15:00–16:30']);
    assert.deepEqual(r.unknownAttendees, []);
    const schedules = standIn.requests[0]?.body as { schedules: string[] };
    assert.deepEqual(schedules.schedules, [COORDINATOR, ...ATTENDEES], 'the organiser’s own calendar counts too');
  });

  it('when one time per day is asked for, then three different days are offered', async () => {
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: ATTENDEES, durationMinutes: 90, window: WINDOW, maxPerDay: 1 });
    assert.deepEqual(r.kind === 'proposed' ? shown(r.slots) : r, ['2026-11-24 11:00–12:30', '2026-11-25 15:00–16:30', '2026-11-26 11:30–13:00']);
  });

  it('when someone’s calendar cannot be read, then times are still proposed and that person is named as unknown', async () => {
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: [...ATTENDEES, 'partner@npo.example'], durationMinutes: 60, window: WINDOW });
    assert.deepEqual(r.kind === 'proposed' ? r.unknownAttendees : r, ['partner@npo.example']);
  });

  it('when the calendar service is throttled, then the outcome says so with the wait, and nothing is proposed', async () => {
    standIn.failNext({ status: 429, retryAfter: '60' });
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: ATTENDEES, durationMinutes: 60, window: WINDOW });
    assert.deepEqual(r, { kind: 'calendarUnavailable', failure: { kind: 'throttled', retryAfterMs: 60_000 } });
  });

  it('when the request is invalid, then Graph is not asked', async () => {
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: ATTENDEES, durationMinutes: 50, window: WINDOW });
    assert.equal(r.kind === 'invalid' ? r.code : r.kind, 'MEETING.BAD_DURATION');
    assert.equal(standIn.requests.length, 0);
  });

  it('when a proposed time is chosen, then a Teams meeting with a join link is created once, and the time is no longer proposed', async () => {
    const m = await scheduled();
    assert.deepEqual([m.status, m.subject, m.eventId], ['scheduled', '支援会議 2026-0012', standIn.eventsOf(COORDINATOR)[0]?.id]);
    assert.match(m.joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    assert.equal((await schedule()).kind, 'scheduled', 'choosing again (double click) …');
    assert.equal(standIn.eventsOf(COORDINATOR).length, 1, '… creates no second event');
    const r = await proposeConferenceSlots(deps, { organiser: COORDINATOR, attendees: ATTENDEES, durationMinutes: 90, window: WINDOW });
    assert.deepEqual(r.kind === 'proposed' ? shown(r.slots)[0] : r, '2026-11-24 15:00–16:30');
  });

  it('when the event comes back without a join link, then the outcome says so; retrying the link later fills it in', async () => {
    standIn.setJoinUrls('omit');
    const r = await schedule();
    assert.equal(r.kind, 'scheduledWithoutJoinLink');
    if (r.kind !== 'scheduledWithoutJoinLink') return;
    assert.equal((await retryJoinLink(deps, r.meeting)).kind, 'stillWithoutJoinLink');
    standIn.setJoinUrls('generate');
    const retried = await retryJoinLink(deps, r.meeting);
    assert.match(retried.kind === 'changed' ? (retried.meeting.joinUrl ?? '') : retried.kind, /^https:\/\/teams\.microsoft\.com\//);
    assert.equal(standIn.eventsOf(COORDINATOR).length, 1);
  });

  it('when the conference is rescheduled, then the same event moves and keeps its join link', async () => {
    const m = await scheduled();
    const later = { start: new Date('2026-11-25T06:00:00Z'), end: new Date('2026-11-25T07:30:00Z') };
    const r = await rescheduleConference(deps, m, later);
    assert.equal(r.kind, 'changed');
    if (r.kind !== 'changed') return;
    assert.deepEqual([r.meeting.start, r.meeting.joinUrl, r.meeting.eventId], [later.start, m.joinUrl, m.eventId]);
    assert.equal(standIn.eventsOf(COORDINATOR)[0]?.start, later.start.toISOString());
  });

  it('when the conference is cancelled, then the event is cancelled; an event already deleted still cancels the conference', async () => {
    const m = await scheduled();
    const r = await cancelConference(deps, m, '日程を再調整します。');
    assert.deepEqual(r.kind === 'cancelled' ? [r.meeting.status, r.eventWasGone] : r, ['cancelled', false]);
    assert.equal(standIn.eventsOf(COORDINATOR)[0]?.isCancelled, true);
    const again = await cancelConference(deps, m);
    assert.deepEqual(again.kind === 'cancelled' ? again.eventWasGone : again, true);
    assert.equal((await rescheduleConference(deps, m, { start: new Date('2026-11-25T06:00:00Z'), end: new Date('2026-11-25T07:00:00Z') })).kind, 'eventGone');
  });
});
