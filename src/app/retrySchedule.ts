/**
 * Per-item retries with exponential backoff for the outbox workers (case files, roll-calls): one timer per
 * item at most, the delay growing with each failed attempt (250 ms × 2^n, at least what the service asked for,
 * at most `maxBackoffMs`), forgotten when the item succeeds. Timers do not keep the process alive.
 */
export class RetrySchedule {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly maxBackoffMs: number,
    private readonly onDue: (id: string) => void,
  ) {}

  /** Whether a retry of this item is already waiting (sweeps leave it alone). */
  isWaiting(id: string): boolean {
    return this.timers.has(id);
  }

  /** The item was delivered: its attempt count starts again. */
  succeeded(id: string): void {
    this.attempts.delete(id);
  }

  /** The item must be tried again, no sooner than `suggestedMs`. */
  failed(id: string, suggestedMs: number): void {
    if (this.stopped || this.timers.has(id)) return;
    const n = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, n);
    const delay = Math.min(this.maxBackoffMs, Math.max(suggestedMs, 250 * 2 ** Math.min(n, 8)));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.onDue(id);
    }, delay);
    timer.unref();
    this.timers.set(id, timer);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
