import assert from 'node:assert/strict';
import { TokenBuckets, type RateDecision } from '../../../../src/adapters/security/tokenBucket';
import { loadConfig } from '../../../../src/config/config';

/** A clock the test moves by hand (milliseconds). */
function manualClock(start = 1_764_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

const takeN = (b: TokenBuckets, key: string, n: number): RateDecision[] => Array.from({ length: n }, () => b.take(key));
const allowedCount = (ds: RateDecision[]) => ds.filter((d) => d.allowed).length;

describe('adapters/security/tokenBucket: TokenBuckets', () => {
  it('when a user sends burst actions at once, then all pass and the next one is refused', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 10 }, clock.now);
    const ds = takeN(b, 'u1', 11);
    assert.equal(allowedCount(ds.slice(0, 10)), 10);
    const last = ds[10]!;
    assert.equal(last.allowed, false);
  });

  it('when the defaults of the app are used (20 per minute, burst 20), then the 21st rapid action is refused', () => {
    const clock = manualClock();
    const defaults = loadConfig({});
    assert.deepEqual([defaults.RATE_LIMIT_PER_MINUTE, defaults.RATE_LIMIT_BURST], [20, 20]);
    const b = new TokenBuckets({ perMinute: defaults.RATE_LIMIT_PER_MINUTE, burst: defaults.RATE_LIMIT_BURST }, clock.now);
    const ds = takeN(b, 'u1', 21);
    assert.equal(allowedCount(ds), 20);
    assert.equal(ds[20]!.allowed, false);
  });

  it('when a refused user waits 3 s at 20 per minute, then exactly one more action passes', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 10 }, clock.now);
    takeN(b, 'u1', 10);
    const refused = b.take('u1');
    assert.ok(!refused.allowed);
    assert.equal(refused.retryAfterMs, 3000, 'one token every 3 s');
    clock.advance(2999);
    assert.equal(b.take('u1').allowed, false, 'not yet');
    clock.advance(1);
    assert.equal(b.take('u1').allowed, true);
    assert.equal(b.take('u1').allowed, false);
  });

  it('when a user is quiet for a long time, then the bucket refills to the burst size only', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 10 }, clock.now);
    takeN(b, 'u1', 10);
    clock.advance(60 * 60_000);
    assert.equal(allowedCount(takeN(b, 'u1', 15)), 10);
  });

  it('when a user keeps sending at the sustained rate, then every action passes', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 1 }, clock.now);
    for (let i = 0; i < 100; i++) {
      assert.equal(b.take('u1').allowed, true, `action ${i}`);
      clock.advance(3000);
    }
  });

  it('when one user is over the limit, then another user is served', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 10 }, clock.now);
    takeN(b, 'u1', 12);
    assert.equal(b.take('u1').allowed, false);
    assert.equal(b.take('u2').allowed, true);
  });

  it('when refusals repeat, then only the first in each notice interval says notify', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 1, burst: 1, noticeIntervalMs: 60_000 }, clock.now);
    assert.ok(b.take('u1').allowed);
    const notes = () => {
      const d = b.take('u1');
      assert.ok(!d.allowed);
      return d.notify;
    };
    assert.equal(notes(), true);
    clock.advance(10_000);
    assert.equal(notes(), false);
    clock.advance(49_999);
    assert.equal(notes(), false);
    // 59.999 s later the bucket has 0.99998 tokens: still refused, and the notice interval is not over yet
    clock.advance(1);
    assert.equal(b.take('u1').allowed, true, 'a full minute refills one token');
    assert.equal(notes(), true, 'a new interval: the user is told again');
  });

  it('when the clock steps back, then no tokens are created', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 20, burst: 2 }, clock.now);
    takeN(b, 'u1', 2);
    clock.advance(-60 * 60_000);
    assert.equal(b.take('u1').allowed, false);
    clock.advance(60 * 60_000);
    assert.equal(b.take('u1').allowed, false, 'the hour "regained" is not counted twice');
  });

  it('when more users than maxKeys arrive, then memory stays bounded and idle buckets go first', () => {
    const clock = manualClock();
    const b = new TokenBuckets({ perMinute: 1, burst: 2, maxKeys: 3 }, clock.now);
    takeN(b, 'busy', 2); // empty bucket: must not be forgotten while others are idle
    b.take('idle1');
    b.take('idle2');
    clock.advance(60_000); // idle1/idle2 are full again (2), busy has regained 1 token
    b.take('new1');
    assert.equal(b.size, 2, 'the two full buckets were forgotten, busy and new1 are held');
    assert.equal(b.take('busy').allowed, true, 'the one regained token');
    assert.equal(b.take('busy').allowed, false, 'busy kept its state (a fresh bucket would have 2 tokens)');
    for (let i = 0; i < 50; i++) b.take(`flood${i}`);
    assert.ok(b.size <= 3, `size ${b.size}`);
  });

  it('when the policy is not positive, then the constructor refuses it', () => {
    assert.throws(() => new TokenBuckets({ perMinute: 0, burst: 1 }, Date.now), RangeError);
    assert.throws(() => new TokenBuckets({ perMinute: 1, burst: 0 }, Date.now), RangeError);
  });
});
