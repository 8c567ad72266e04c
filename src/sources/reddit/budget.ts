import Bottleneck from 'bottleneck';

export interface RequestBudgetOptions {
  /** requests allowed per minute, spread evenly (default 60) */
  requestsPerMinute?: number;
  /** length of a "minute" in ms: 60 000 in production, small in tests to scale time */
  minuteMs?: number;
  /** requests in flight at once (default 1: Reddit answers fast and the spacing is what limits) */
  maxConcurrent?: number;
}

/**
 * One budget shared by every Reddit request (API calls, token calls and retries). Requests are spaced evenly
 * (minuteMs / requestsPerMinute apart), so no window of one minute ever sees more than requestsPerMinute of them.
 * `pauseFor` holds every queued request, e.g. while Reddit says x-ratelimit-remaining: 0 or after a 429.
 */
export class RequestBudget {
  private readonly limiter: Bottleneck;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly requestsPerMinute: number;
  readonly minuteMs: number;

  constructor(opts: RequestBudgetOptions = {}) {
    this.requestsPerMinute = opts.requestsPerMinute ?? 60;
    this.minuteMs = opts.minuteMs ?? 60_000;
    this.limiter = new Bottleneck({ minTime: this.minuteMs / this.requestsPerMinute, maxConcurrent: opts.maxConcurrent ?? 1 });
  }

  schedule<T>(fn: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(fn);
  }

  /** Hold every request not yet started for `ms` (extends, never shortens, a pause already running). */
  pauseFor(ms: number): void {
    const until = Date.now() + Math.max(0, ms);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    clearTimeout(this.timer);
    void this.limiter.updateSettings({ reservoir: 0 });
    this.timer = setTimeout(() => {
      this.pausedUntil = 0;
      void this.limiter.updateSettings({ reservoir: null });
    }, ms);
    this.timer.unref();
  }

  /** ms left in the current pause (0 when not paused) */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  /** requests waiting for their turn */
  queued(): number {
    return this.limiter.counts().QUEUED + this.limiter.counts().RECEIVED;
  }
}
