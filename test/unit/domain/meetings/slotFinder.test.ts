import assert from 'node:assert/strict';
import { createBusinessCalendar, type HolidayLookup } from '../../../../src/domain/businessCalendar';
import { formatIsoDate, parseIsoDate, type CalendarDate } from '../../../../src/domain/dates';
import { blockingIntervals, type AttendeeAvailability } from '../../../../src/domain/meetings/freeBusy';
import { MAX_PROPOSED_SLOTS, findConferenceSlots, openPeriods, type SlotRequest, type SlotSearch } from '../../../../src/domain/meetings/slotFinder';
import { tokyoInstant, tokyoLocalDateTime, type TimeInterval } from '../../../../src/domain/meetings/time';

/**
 * Slot finding for case conferences, with a small injected holiday table (real 2026–27 dates) so the
 * domain stays pure: 2026-11-23 (Mon) 勤労感謝の日, 2027-01-01 元日; the year-end closure is 12/29–1/3.
 */
const HOLIDAYS: Readonly<Record<string, string>> = { '2026-11-23': '勤労感謝の日', '2027-01-01': '元日', '2027-01-11': '成人の日' };
const holidayOf: HolidayLookup = (d) => HOLIDAYS[formatIsoDate(d)];
const calendar = createBusinessCalendar(holidayOf);

const day = (iso: string): CalendarDate => {
  const d = parseIsoDate(iso);
  assert.ok(d, iso);
  return d;
};
/** An instant from a Tokyo wall-clock reading "2026-11-24 09:30". */
const jst = (text: string): Date => {
  const [date = '', time = ''] = text.split(' ');
  const [h, m] = time.split(':').map(Number);
  return tokyoInstant(day(date), (h ?? 0) * 60 + (m ?? 0));
};
const busy = (from: string, to: string): TimeInterval => ({ start: jst(from), end: jst(to) });
/** Slots as Tokyo readings "2026-11-24 09:00–10:00", for readable assertions. */
const shown = (r: SlotSearch): string[] => {
  assert.equal(r.kind, 'found', JSON.stringify(r));
  if (r.kind !== 'found') return [];
  return r.slots.map((s) => `${tokyoLocalDateTime(s.start).replace('T', ' ').slice(0, 16)}–${tokyoLocalDateTime(s.end).slice(11, 16)}`);
};
const request = (over: Partial<SlotRequest> = {}): SlotRequest => ({
  durationMinutes: 60,
  window: { from: day('2026-11-24'), to: day('2026-11-24') },
  busy: [],
  ...over,
});

describe('domain/meetings/slotFinder', () => {
  describe('business hours (Asia/Tokyo)', () => {
    it('when nobody is busy on a working day, then the three earliest hours from 9:00 are proposed, not overlapping each other', () => {
      assert.deepEqual(shown(findConferenceSlots(request(), calendar)), ['2026-11-24 09:00–10:00', '2026-11-24 10:00–11:00', '2026-11-24 11:00–12:00']);
    });

    it('when a slot is proposed, then its instants are Tokyo times (9:00 JST is 00:00 UTC)', () => {
      const r = findConferenceSlots(request(), calendar);
      assert.equal(r.kind === 'found' ? r.slots[0]?.start.toISOString() : undefined, '2026-11-24T00:00:00.000Z');
    });

    it('when the day is busy until 15:45 and the meeting lasts 90 minutes, then nothing is proposed past 17:00 and the next day is used', () => {
      const r = findConferenceSlots(request({ durationMinutes: 90, window: { from: day('2026-11-24'), to: day('2026-11-25') }, busy: [busy('2026-11-24 09:00', '2026-11-24 15:45')], maxSlots: 1 }), calendar);
      assert.deepEqual(shown(r), ['2026-11-25 09:00–10:30']);
    });

    it('when the ward configures 10:00–16:00 with a lunch break, then no slot starts early, ends late or spans lunch', () => {
      const hours = { open: 10 * 60, close: 16 * 60, breaks: [{ from: 12 * 60, to: 13 * 60 }] };
      const r = findConferenceSlots(request({ durationMinutes: 90, hours }), calendar);
      assert.deepEqual(shown(r), ['2026-11-24 10:00–11:30', '2026-11-24 13:00–14:30', '2026-11-24 14:30–16:00']);
      assert.deepEqual(openPeriods(hours), [
        { from: 600, to: 720 },
        { from: 780, to: 960 },
      ]);
    });

    it('when it is already 10:05 in Tokyo, then the first slot starts at the next half hour (10:30)', () => {
      const r = findConferenceSlots(request({ notBefore: jst('2026-11-24 10:05'), maxSlots: 1 }), calendar);
      assert.deepEqual(shown(r), ['2026-11-24 10:30–11:30']);
    });
  });

  describe('ward working days', () => {
    it('when the window starts on Saturday 2026-11-21, then Saturday, Sunday and Monday 2026-11-23 (勤労感謝の日) are skipped', () => {
      const r = findConferenceSlots(request({ window: { from: day('2026-11-21'), to: day('2026-11-24') }, maxSlots: 1 }), calendar);
      assert.deepEqual(shown(r), ['2026-11-24 09:00–10:00']);
    });

    it('when Monday 2026-12-28 is fully busy, then the year-end closure (12/29–1/3) is skipped and Monday 2027-01-04 is proposed', () => {
      const r = findConferenceSlots(
        request({ window: { from: day('2026-12-28'), to: day('2027-01-08') }, busy: [busy('2026-12-28 08:00', '2026-12-28 18:00')], maxPerDay: 1 }),
        calendar,
      );
      assert.deepEqual(shown(r), ['2027-01-04 09:00–10:00', '2027-01-05 09:00–10:00', '2027-01-06 09:00–10:00']);
    });

    it('when the window holds only closed days (12/29–1/3), then none is found and no working day was searched', () => {
      const r = findConferenceSlots(request({ window: { from: day('2026-12-29'), to: day('2027-01-03') } }), calendar);
      assert.deepEqual(r, { kind: 'noneFound', businessDays: 0 });
    });
  });

  describe('busy times', () => {
    const overlapping = [busy('2026-11-24 09:00', '2026-11-24 10:15'), busy('2026-11-24 10:00', '2026-11-24 11:00'), busy('2026-11-24 11:20', '2026-11-24 11:40')];

    it('when busy times overlap one another, then the first slot avoids all of them, on a 30-minute boundary', () => {
      assert.deepEqual(shown(findConferenceSlots(request({ busy: overlapping, maxSlots: 1 }), calendar)), ['2026-11-24 12:00–13:00']);
    });

    it('when the granularity is 15 minutes, then the first slot starts at the first quarter hour after the busy times (11:45)', () => {
      assert.deepEqual(shown(findConferenceSlots(request({ busy: overlapping, granularityMinutes: 15, maxSlots: 1 }), calendar)), ['2026-11-24 11:45–12:45']);
    });

    it('when a busy time ends exactly when a slot starts, then the slot is free (intervals are half-open)', () => {
      assert.deepEqual(shown(findConferenceSlots(request({ busy: [busy('2026-11-24 09:00', '2026-11-24 10:00')], maxSlots: 1 }), calendar)), ['2026-11-24 10:00–11:00']);
    });

    it('when no proposed slot overlaps any busy interval, across many scattered busy times', () => {
      const scattered = [busy('2026-11-24 09:20', '2026-11-24 09:50'), busy('2026-11-24 11:10', '2026-11-24 13:00'), busy('2026-11-25 09:00', '2026-11-25 16:30'), busy('2026-11-26 13:00', '2026-11-26 13:05')];
      const r = findConferenceSlots(request({ window: { from: day('2026-11-24'), to: day('2026-11-27') }, busy: scattered }), calendar);
      assert.equal(r.kind, 'found');
      for (const s of r.kind === 'found' ? r.slots : []) for (const b of scattered) assert.ok(s.end <= b.start || s.start >= b.end, `${s.start.toISOString()} overlaps ${b.start.toISOString()}`);
      assert.deepEqual(shown(r), ['2026-11-24 10:00–11:00', '2026-11-24 13:00–14:00', '2026-11-24 14:00–15:00']);
    });

    it('when attendees are tentative, out of office or working elsewhere, then only working elsewhere leaves the time open', () => {
      const at = (status: 'tentative' | 'oof' | 'workingElsewhere' | 'free', from: string, to: string) => ({ ...busy(from, to), status });
      const availability: AttendeeAvailability[] = [
        { kind: 'known', blocks: [at('tentative', '2026-11-24 09:00', '2026-11-24 10:00'), at('workingElsewhere', '2026-11-24 10:00', '2026-11-24 17:00')] },
        { kind: 'known', blocks: [at('oof', '2026-11-24 10:00', '2026-11-24 11:00'), at('free', '2026-11-24 11:00', '2026-11-24 12:00')] },
        { kind: 'unknown', reason: 'ErrorMailRecipientNotFound' },
      ];
      assert.deepEqual(shown(findConferenceSlots(request({ busy: blockingIntervals(availability), maxSlots: 1 }), calendar)), ['2026-11-24 11:00–12:00']);
    });
  });

  describe('how many', () => {
    it(`when a whole week is free, then at most ${MAX_PROPOSED_SLOTS} slots are proposed, earliest first`, () => {
      const r = findConferenceSlots(request({ window: { from: day('2026-11-24'), to: day('2026-11-30') } }), calendar);
      assert.equal(r.kind === 'found' ? r.slots.length : 0, 3);
      assert.deepEqual(shown(r), ['2026-11-24 09:00–10:00', '2026-11-24 10:00–11:00', '2026-11-24 11:00–12:00']);
    });

    it('when at most one slot per day is asked for, then three different working days are proposed', () => {
      const r = findConferenceSlots(request({ window: { from: day('2026-11-20'), to: day('2026-11-30') }, maxPerDay: 1 }), calendar);
      assert.deepEqual(shown(r), ['2026-11-20 09:00–10:00', '2026-11-24 09:00–10:00', '2026-11-25 09:00–10:00']);
    });

    it('when only two times fit in the window, then two are proposed', () => {
      const r = findConferenceSlots(request({ durationMinutes: 120, busy: [busy('2026-11-24 09:00', '2026-11-24 13:00')] }), calendar);
      assert.deepEqual(shown(r), ['2026-11-24 13:00–15:00', '2026-11-24 15:00–17:00']);
    });

    it('when every working day is busy, then none is found and the working days searched are counted', () => {
      const r = findConferenceSlots(request({ window: { from: day('2026-11-20'), to: day('2026-11-24') }, busy: [busy('2026-11-20 00:00', '2026-11-25 00:00')] }), calendar);
      assert.deepEqual(r, { kind: 'noneFound', businessDays: 2 });
    });
  });

  describe('invalid requests are outcomes', () => {
    const code = (over: Partial<SlotRequest>) => {
      const r = findConferenceSlots(request(over), calendar);
      return r.kind === 'invalid' ? r.code : r.kind;
    };
    it('when the duration is not a positive multiple of 15 minutes up to 8 hours, then MEETING.BAD_DURATION', () => {
      assert.equal(code({ durationMinutes: 50 }), 'MEETING.BAD_DURATION');
      assert.equal(code({ durationMinutes: 0 }), 'MEETING.BAD_DURATION');
      assert.equal(code({ durationMinutes: 9 * 60 }), 'MEETING.BAD_DURATION');
    });
    it('when the window is reversed or longer than 62 days, then MEETING.BAD_WINDOW / MEETING.WINDOW_TOO_LONG', () => {
      assert.equal(code({ window: { from: day('2026-11-25'), to: day('2026-11-24') } }), 'MEETING.BAD_WINDOW');
      assert.equal(code({ window: { from: day('2026-11-01'), to: day('2027-01-15') } }), 'MEETING.WINDOW_TOO_LONG');
    });
    it('when more than three slots or broken hours are asked for, then MEETING.BAD_SLOT_COUNT / MEETING.BAD_HOURS', () => {
      assert.equal(code({ maxSlots: 4 }), 'MEETING.BAD_SLOT_COUNT');
      assert.equal(code({ hours: { open: 17 * 60, close: 9 * 60, breaks: [] } }), 'MEETING.BAD_HOURS');
    });
    it('when the meeting is longer than the conference hours, then none is found', () => {
      assert.equal(code({ durationMinutes: 8 * 60 + 0, hours: { open: 9 * 60, close: 12 * 60, breaks: [] } }), 'noneFound');
    });
  });
});
