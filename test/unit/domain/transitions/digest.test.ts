import assert from 'node:assert/strict';
import { createBusinessCalendar } from '../../../../src/domain/businessCalendar';
import { formatIsoDate } from '../../../../src/domain/dates';
import { byUrgency, claimDigest, digestDateDue, digestRows, finishDigest, MAX_DIGEST_ATTEMPTS, parseDigestTime, retryDelayMs, tokyoMinuteOfDay, type DigestEntry } from '../../../../src/domain/transitions/digest';
import { d, wardCalendar } from './transitionMother';

const calendar = wardCalendar();
const AT_0830 = { hour: 8, minute: 30 };
const LEASE = 10 * 60 * 1000;

describe('domain/transitions/digest', () => {
  describe('parseDigestTime and the Tokyo time of day', () => {
    const cases: ReadonlyArray<[string, { hour: number; minute: number } | undefined]> = [['08:30', AT_0830], ['00:00', { hour: 0, minute: 0 }], ['23:59', { hour: 23, minute: 59 }], ['24:00', undefined], ['8:30', undefined], ['08:60', undefined], ['', undefined]];
    for (const [text, expected] of cases) it(`when DIGEST_TIME is "${text}", then it reads ${JSON.stringify(expected)}`, () => assert.deepEqual(parseDigestTime(text), expected));

    it('when it is 23:30 UTC, then it is 08:30 the next day in Tokyo (no daylight saving)', () => {
      assert.equal(tokyoMinuteOfDay(new Date('2026-11-30T23:30:00Z')), 8 * 60 + 30);
      assert.equal(tokyoMinuteOfDay(new Date('2026-07-01T15:00:00Z')), 0);
    });
  });

  describe('digestDateDue: ward working days only, from the digest time until midnight', () => {
    const cases: ReadonlyArray<[string, string, string | undefined]> = [
      ['a Tuesday at 08:29 JST', '2026-11-30T23:29:59Z', undefined],
      ['a Tuesday at 08:30 JST', '2026-11-30T23:30:00Z', '2026-12-01'],
      ['a Tuesday at 23:59 JST (a run missed in the morning is made up)', '2026-12-01T14:59:00Z', '2026-12-01'],
      ['a Wednesday at 00:01 JST (a new day, before the time)', '2026-12-01T15:01:00Z', undefined],
      ['a Saturday', '2026-12-05T01:00:00Z', undefined],
      ['a Sunday', '2026-12-06T01:00:00Z', undefined],
      ['勤労感謝の日 (Monday 2026-11-23)', '2026-11-23T01:00:00Z', undefined],
      ['振替休日 (Wednesday 2026-05-06: 憲法記念日 fell on a Sunday)', '2026-05-06T01:00:00Z', undefined],
      ['the year-end closure (12/29)', '2026-12-29T01:00:00Z', undefined],
      ['the year-end closure (1/2)', '2027-01-02T01:00:00Z', undefined],
      ['the first working day after the closure (Monday 2027-01-04)', '2027-01-04T01:00:00Z', '2027-01-04'],
      ['the last working day before the closure (Monday 2026-12-28)', '2026-12-28T01:00:00Z', '2026-12-28'],
    ];
    for (const [label, at, expected] of cases) {
      it(`when it is ${label}, then ${expected ? `the digest of ${expected} is due` : 'no digest is due'}`, () => {
        const due = digestDateDue(new Date(at), AT_0830, calendar);
        assert.equal(due && formatIsoDate(due), expected);
      });
    }

    it('when the holiday source says a weekday is a holiday, then no digest that day (the calendar is injected)', () => {
      const everyDayOff = createBusinessCalendar((date) => (date.day === 1 ? '架空の休日' : undefined));
      assert.equal(digestDateDue(new Date('2026-12-01T01:00:00Z'), AT_0830, everyDayOff), undefined);
      assert.deepEqual(digestDateDue(new Date('2026-12-02T01:00:00Z'), AT_0830, everyDayOff), d(2026, 12, 2));
    });
  });

  describe('claiming and finishing the day\'s digest (once a day, across restarts and instances)', () => {
    const today = d(2026, 12, 1);
    const now = new Date('2026-12-01T00:00:00Z');
    const later = (ms: number) => new Date(now.getTime() + ms);
    const claimed = claimDigest(undefined, today, now, LEASE, 'c1')!;

    it('when nothing was sent yet, then the first claim takes it as attempt 1', () => {
      assert.deepEqual(claimed, { date: '2026-12-01', state: 'claimed', claimId: 'c1', at: now.toISOString(), attempts: 1 });
    });
    it("when yesterday's digest is the last mark, then today's can be claimed", () => {
      assert.ok(claimDigest({ ...claimed, date: '2026-11-30', state: 'sent' }, today, now, LEASE, 'c2'));
    });
    it('when today is already sent or there was nothing to send, then no claim (a restart does not send twice)', () => {
      for (const state of ['sent', 'nothingToSend', 'gaveUp'] as const) assert.equal(claimDigest({ ...claimed, state }, today, now, LEASE, 'c2'), undefined, state);
    });
    it('when another instance holds the claim within its lease, then no claim; after the lease (a crash), it is taken over as the next attempt', () => {
      assert.equal(claimDigest(claimed, today, later(LEASE - 1), LEASE, 'c2'), undefined);
      assert.deepEqual(claimDigest(claimed, today, later(LEASE), LEASE, 'c2'), { date: '2026-12-01', state: 'claimed', claimId: 'c2', at: later(LEASE).toISOString(), attempts: 2 });
    });
    it('when a retry is scheduled, then no claim before retryAt and one at retryAt', () => {
      const waiting = finishDigest(claimed, 'c1', { kind: 'retry', afterMs: 45_000 }, now)!;
      assert.equal(waiting.retryAt, later(45_000).toISOString());
      assert.equal(claimDigest(waiting, today, later(44_999), LEASE, 'c2'), undefined);
      assert.equal(claimDigest(waiting, today, later(45_000), LEASE, 'c2')?.attempts, 2);
    });
    it('when a mark is for a later date than today (clock skew between instances), then no claim', () => {
      assert.equal(claimDigest({ ...claimed, date: '2026-12-02' }, today, now, LEASE, 'c2'), undefined);
    });
    it('when the claim was taken over, then the old holder cannot finish it', () => {
      const takenOver = claimDigest(claimed, today, later(LEASE), LEASE, 'c2')!;
      assert.equal(finishDigest(takenOver, 'c1', { kind: 'sent' }, later(LEASE)), undefined);
      assert.equal(finishDigest(takenOver, 'c2', { kind: 'sent' }, later(LEASE))?.state, 'sent');
    });
    it(`when ${MAX_DIGEST_ATTEMPTS} attempts have failed, then the digest is given up for the day`, () => {
      const last = { ...claimed, attempts: MAX_DIGEST_ATTEMPTS };
      assert.equal(finishDigest(last, 'c1', { kind: 'retry', afterMs: 0 }, now)?.state, 'gaveUp');
      assert.equal(claimDigest({ ...last, retryAt: now.toISOString() }, today, later(1), LEASE, 'c2'), undefined);
    });
    it('when retries back off, then Retry-After is honoured, at least 30 s doubling, at most an hour', () => {
      assert.deepEqual([1, 2, 3, 7, 8, 20].map((n) => retryDelayMs(n, 2000)), [30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000]);
      assert.equal(retryDelayMs(1, 90_000), 90_000);
    });
  });

  describe('the order of the digest: most urgent first', () => {
    const entry = (caseCode: string, milestoneId: string, due: string, status: DigestEntry['status']): DigestEntry => {
      const [y, m, day] = due.split('-').map(Number) as [number, number, number];
      return { caseCode, milestoneId, dueDate: d(y, m, day), status };
    };
    const entries = [
      entry('2026-0002', 'elementary.placeDecision', '2026-12-28', 'dueWithin30Days'),
      entry('2026-0001', 'nursery.application', '2026-12-10', 'dueWithin30Days'),
      entry('2026-0003', 'age20.pensionClaim', '2027-06-01', 'later'),
      entry('2026-0002', 'elementary.gakureibo', '2026-10-30', 'overdue'),
      entry('2026-0001', 'elementary.healthCheck', '2026-11-30', 'overdue'),
      entry('2026-0001', 'aikids.applicationAndCare', '2026-10-30', 'overdue'),
      entry('2026-0003', 'dayService.certificateApplication', '2027-01-15', 'dueWithin90Days'),
    ];

    it('when cases are mixed, then the longest overdue comes first, then by due date; ties by case code, then milestone id; later ones are left out', () => {
      assert.deepEqual(digestRows(entries).map((e) => `${e.caseCode} ${e.milestoneId}`), [
        '2026-0001 aikids.applicationAndCare',
        '2026-0002 elementary.gakureibo',
        '2026-0001 elementary.healthCheck',
        '2026-0001 nursery.application',
        '2026-0002 elementary.placeDecision',
        '2026-0003 dayService.certificateApplication',
      ]);
    });
    it('when the same list is given in another order, then the result is the same (stable from day to day)', () => {
      assert.deepEqual(digestRows([...entries].reverse()), digestRows(entries));
      assert.equal(byUrgency(entries[0]!, entries[0]!), 0);
    });
  });
});
