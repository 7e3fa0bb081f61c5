import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { RetrySchedule } from '../../../src/app/retrySchedule';

describe('app/retrySchedule: per-item retries with backoff', () => {
  let clock: ReturnType<typeof FakeTimers.install>;
  beforeEach(() => (clock = FakeTimers.install()));
  afterEach(() => clock.uninstall());

  it('when an item keeps failing, then each retry waits longer (250 ms × 2^n, capped), and success starts the count again', () => {
    const due: number[] = [];
    const schedule = new RetrySchedule(10_000, () => due.push(Date.now()));
    const waits: number[] = [];
    for (let n = 0; n < 7; n++) {
      const from = Date.now();
      schedule.failed('a', 0);
      clock.runToLast();
      waits.push(due[due.length - 1]! - from);
    }
    assert.deepEqual(waits, [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    schedule.succeeded('a');
    const from = Date.now();
    schedule.failed('a', 0);
    clock.runToLast();
    assert.equal(due[due.length - 1]! - from, 500);
  });

  it('when the service asks for a longer wait (Retry-After), then it is honoured; a second failure while waiting adds no timer', () => {
    const due: string[] = [];
    const schedule = new RetrySchedule(60_000, (id) => due.push(id));
    schedule.failed('b', 30_000);
    schedule.failed('b', 30_000);
    assert.equal(schedule.isWaiting('b'), true);
    clock.tick(29_999);
    assert.deepEqual(due, []);
    clock.tick(1);
    assert.deepEqual(due, ['b']);
    assert.equal(schedule.isWaiting('b'), false);
  });

  it('when stopped, then waiting retries never fire and new failures schedule nothing', () => {
    const due: string[] = [];
    const schedule = new RetrySchedule(60_000, (id) => due.push(id));
    schedule.failed('c', 100);
    schedule.stop();
    schedule.failed('d', 100);
    clock.tick(120_000);
    assert.deepEqual(due, []);
  });
});
