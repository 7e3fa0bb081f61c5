/**
 * Token buckets per key (one per user), in memory. The state lives in this process only: with several
 * instances of the app each instance counts on its own, so the effective limit is per instance (a user
 * spread over N instances by the load balancer may do up to N times as much). Good enough to stop a
 * runaway client or a stuck key; a shared limit would need a shared store.
 *
 * A bucket holds at most `burst` tokens and gains `perMinute` tokens per minute; every action takes one.
 * Time comes from the injected `now` (milliseconds), so tests need no timers.
 */
export interface RateLimitPolicy {
  /** Tokens added per minute (the sustained rate). */
  readonly perMinute: number;
  /** Bucket size: how many actions may come back to back after a quiet spell. */
  readonly burst: number;
  /** After a refusal has been told to the user, further refusals stay silent this long. Default 60 s. */
  readonly noticeIntervalMs?: number;
  /** Idle buckets are forgotten once more than this many keys are held. Default 10 000. */
  readonly maxKeys?: number;
}

export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  /** `notify`: true for the first refusal in a notice interval (tell the user once, then stay quiet). */
  | { readonly allowed: false; readonly retryAfterMs: number; readonly notify: boolean };

/** Tolerance for floating-point refills (20/min × 3 s must be a whole token). */
const EPSILON = 1e-9;

interface Bucket {
  tokens: number;
  at: number;
  notifiedAt: number | undefined;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly noticeIntervalMs: number;
  private readonly maxKeys: number;

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number,
  ) {
    if (!(policy.perMinute > 0) || !(policy.burst >= 1)) throw new RangeError('RateLimitPolicy: perMinute must be > 0 and burst >= 1');
    this.noticeIntervalMs = policy.noticeIntervalMs ?? 60_000;
    this.maxKeys = policy.maxKeys ?? 10_000;
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      this.makeRoom(now);
      bucket = { tokens: this.policy.burst, at: now, notifiedAt: undefined };
      this.buckets.set(key, bucket);
    }
    this.refill(bucket, now);
    if (bucket.tokens >= 1 - EPSILON) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const notify = bucket.notifiedAt === undefined || now - bucket.notifiedAt >= this.noticeIntervalMs;
    if (notify) bucket.notifiedAt = now;
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * 60_000) / this.policy.perMinute), notify };
  }

  /** How many keys are held (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.at); // a clock that steps back adds nothing
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + (elapsed * this.policy.perMinute) / 60_000);
    bucket.at = Math.max(bucket.at, now);
  }

  /** Keeps memory bounded: forget full (idle) buckets first, then the oldest ones. */
  private makeRoom(now: number): void {
    if (this.buckets.size < this.maxKeys) return;
    for (const [key, bucket] of this.buckets) {
      this.refill(bucket, now);
      if (bucket.tokens >= this.policy.burst - EPSILON) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
