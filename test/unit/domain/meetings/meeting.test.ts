import assert from 'node:assert/strict';
import { cancel, caseConferenceSubject, isMissingJoinLink, markScheduled, proposeCaseConference, reschedule, withJoinUrl, type Meeting } from '../../../../src/domain/meetings/meeting';
import { parseTimeOfDay, tokyoInstant, tokyoLocalDateTime, tokyoMinuteOfDay } from '../../../../src/domain/meetings/time';

const slot = { start: new Date('2026-11-24T01:00:00Z'), end: new Date('2026-11-24T02:00:00Z') };
const JOIN = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0';

/** A mother for conferences: a proposed case conference of 2026-0012 with two attendees. */
function proposed(over: Partial<Parameters<typeof proposeCaseConference>[0]> = {}): Meeting {
  const r = proposeCaseConference({
    meetingId: 'm-1',
    caseCode: '2026-0012',
    organiser: 'ichiro.suzuki@itabashi.example',
    attendees: ['sakura.ito@itabashi.example', 'rie.nakamura@itabashi.example'],
    slot,
    ...over,
  });
  assert.equal(r.kind, 'ready');
  if (r.kind !== 'ready') throw new Error('not ready');
  return r.meeting;
}
const changed = (r: ReturnType<typeof markScheduled>): Meeting => {
  if (r.kind !== 'changed') assert.fail(`expected changed, got ${r.kind}`);
  return r.meeting;
};

describe('domain/meetings/meeting', () => {
  it('when a case conference is named, then the subject is 「支援会議 <case code>」 with no personal data', () => {
    assert.equal(caseConferenceSubject('2026-0012'), '支援会議 2026-0012');
    assert.equal(caseConferenceSubject(undefined), '支援会議');
    assert.throws(() => caseConferenceSubject('山田太郎'), /MEETING.BAD_CASE_CODE/);
  });

  it('when attendees repeat, differ in case or include the organiser, then they are normalised away', () => {
    const m = proposed({ attendees: ['Sakura.Ito@itabashi.example', 'sakura.ito@itabashi.example ', 'ICHIRO.SUZUKI@itabashi.example'] });
    assert.deepEqual(m.attendees, ['sakura.ito@itabashi.example']);
    assert.equal(m.status, 'proposed');
    assert.equal(m.subject, '支援会議 2026-0012');
  });

  it('when nobody but the organiser is invited, or an address is not a mailbox, or the time is reversed, then the conference is invalid', () => {
    const code = (over: Partial<Parameters<typeof proposeCaseConference>[0]>) => {
      const r = proposeCaseConference({ meetingId: 'm', caseCode: undefined, organiser: 'a@x.example', attendees: ['b@x.example'], slot, ...over });
      return r.kind === 'invalid' ? r.code : r.kind;
    };
    assert.equal(code({ attendees: ['a@x.example'] }), 'MEETING.NO_ATTENDEES');
    assert.equal(code({ attendees: ['not a mailbox'] }), 'MEETING.BAD_MAILBOX');
    assert.equal(code({ slot: { start: slot.end, end: slot.start } }), 'MEETING.BAD_TIME');
  });

  it('when the event is created without a join link, then the conference is scheduled and missing its link until one arrives', () => {
    const m = changed(markScheduled(proposed(), 'evt-1', undefined));
    assert.equal(m.status, 'scheduled');
    assert.equal(isMissingJoinLink(m), true);
    const linked = changed(withJoinUrl(m, JOIN));
    assert.equal(linked.joinUrl, JOIN);
    assert.equal(isMissingJoinLink(linked), false);
  });

  it('when a scheduled conference is rescheduled, then its time changes and the event id and link stay', () => {
    const m = changed(markScheduled(proposed(), 'evt-1', JOIN));
    const later = { start: new Date('2026-11-25T05:00:00Z'), end: new Date('2026-11-25T06:00:00Z') };
    const r = changed(reschedule(m, later));
    assert.deepEqual([r.start, r.end, r.eventId, r.joinUrl], [later.start, later.end, 'evt-1', JOIN]);
    assert.equal(reschedule(proposed(), later).kind, 'notScheduled');
  });

  it('when a conference is cancelled, then it cannot be cancelled, rescheduled or scheduled again', () => {
    const c = changed(cancel(changed(markScheduled(proposed(), 'evt-1', JOIN))));
    assert.equal(c.status, 'cancelled');
    assert.equal(cancel(c).kind, 'alreadyCancelled');
    assert.equal(reschedule(c, slot).kind, 'alreadyCancelled');
    assert.equal(markScheduled(c, 'evt-2', JOIN).kind, 'alreadyCancelled');
  });
});

describe('domain/meetings/time', () => {
  it('when a Tokyo wall-clock time is turned into an instant and back, then it is unchanged (JST = UTC+9, no DST)', () => {
    const at = tokyoInstant({ year: 2026, month: 11, day: 24 }, 9 * 60 + 30);
    assert.equal(at.toISOString(), '2026-11-24T00:30:00.000Z');
    assert.equal(tokyoMinuteOfDay(at), 570);
    assert.equal(tokyoLocalDateTime(at), '2026-11-24T09:30:00');
  });
  it('when times of day are parsed, then only HH:MM from 00:00 to 24:00 is accepted', () => {
    assert.equal(parseTimeOfDay('17:00'), 1020);
    assert.equal(parseTimeOfDay('24:00'), 1440);
    assert.equal(parseTimeOfDay('24:30'), undefined);
    assert.equal(parseTimeOfDay('9:00'), undefined);
  });
});
