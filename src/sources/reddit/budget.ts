import { systemClock, type Clock } from '../../shared/clock.js';
import { RedditBudgetWaitError } from './errors.js';

export interface RequestBudgetOptions {
  /** requests allowed per minute, spread evenly (default 60) */
  requestsPerMinute?: number;
  /** length of a "minute" in ms: 60 000 in production, small in tests to scale time */
  minuteMs?: number;
  /** requests in flight at once (default 1: Reddit answers fast and the spacing is what limits) */
  maxConcurrent?: number;
  /** called with clock.now() each time a request starts (tests and metrics) */
  onStart?: (atMs: number) => void;
  /** time and timers (default the system clock; tests pass a fake one) */
  clock?: Clock;
}

export interface ScheduleOptions {
  /** an aborted signal takes the request out of the queue (it rejects with the signal's reason) */
  signal?: AbortSignal;
  /** epoch ms: if the request could not start by then, it rejects at once with RedditBudgetWaitError instead of waiting */
  deadline?: number;
}

interface Job {
  start: () => void;
  reject: (e: unknown) => void;
  deadline?: number;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * One budget shared by every Reddit request (API calls, token calls and retries). Requests start at least
 * minuteMs / requestsPerMinute apart, and no minute of the budget's own clock (windows of minuteMs counted from
 * `epochMs`) sees more than requestsPerMinute starts. `pauseFor` holds every queued request, e.g. while Reddit says
 * x-ratelimit-remaining: 0 or after a 429. A request that would start after its deadline, or whose signal aborts,
 * leaves the queue at once, so an abandoned or time-boxed poll stops using the budget.
 */
export class RequestBudget {
  readonly requestsPerMinute: number;
  readonly minuteMs: number;
  readonly spacingMs: number;
  /** start of the budget's minute 0 */
  readonly epochMs: number;
  private readonly clock: Clock;
  private readonly maxConcurrent: number;
  private readonly onStart: ((atMs: number) => void) | undefined;
  private readonly queue: Job[] = [];
  private running = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private window = { index: -1, count: 0 };
  private pausedUntilMs = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(opts: RequestBudgetOptions = {}) {
    this.requestsPerMinute = Math.max(1, opts.requestsPerMinute ?? 60);
    this.minuteMs = opts.minuteMs ?? 60_000;
    this.spacingMs = this.minuteMs / this.requestsPerMinute;
    this.maxConcurrent = Math.max(1, opts.maxConcurrent ?? 1);
    this.onStart = opts.onStart;
    this.clock = opts.clock ?? systemClock;
    this.epochMs = this.clock.now();
  }

  schedule<T>(fn: () => Promise<T>, opts: ScheduleOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      const job: Job = {
        deadline: opts.deadline,
        signal: opts.signal,
        reject,
        start: () => {
          this.running += 1;
          new Promise<T>((r) => r(fn())).then(resolve, reject).finally(() => {
            this.running -= 1;
            this.pump();
          });
        },
      };
      if (opts.signal) {
        job.onAbort = () => this.drop(job, opts.signal?.reason);
        opts.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Hold every request not yet started for `ms` (extends, never shortens, a pause already running). */
  pauseFor(ms: number): void {
    const until = this.clock.now() + Math.max(0, ms);
    if (until <= this.pausedUntilMs) return;
    this.pausedUntilMs = until;
    this.pump();
  }

  /** ms left in the current pause (0 when not paused) */
  pausedMs(): number {
    return Math.max(0, this.pausedUntilMs - this.clock.now());
  }

  /** when the current pause ends (undefined when not paused) */
  pausedUntil(): Date | undefined {
    return this.pausedMs() > 0 ? new Date(this.pausedUntilMs) : undefined;
  }

  /** requests waiting for their turn */
  queued(): number {
    return this.queue.length;
  }

  /** Earliest time a request may start: after the pause, the spacing, and outside a full minute of the budget. */
  private nextStartAt(now: number): number {
    let at = Math.max(now, this.pausedUntilMs, this.lastStart + this.spacingMs);
    const index = Math.floor((at - this.epochMs) / this.minuteMs);
    if (index === this.window.index && this.window.count >= this.requestsPerMinute) at = this.epochMs + (index + 1) * this.minuteMs;
    return at;
  }

  private drop(job: Job, reason: unknown): void {
    const i = this.queue.indexOf(job);
    if (i < 0) return;
    this.queue.splice(i, 1);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.reject(reason);
  }

  /** Reject queued requests that could not start by their deadline (position i starts no earlier than at + i spacings). */
  private dropLate(at: number): void {
    const late = this.queue.filter((job, i) => job.deadline !== undefined && at + i * this.spacingMs > job.deadline);
    for (const job of late) {
      const waitMs = Math.max(0, at - this.clock.now());
      this.drop(job, new RedditBudgetWaitError(`the Reddit request budget is held for ${Math.round(waitMs / 1000)} s, beyond this poll's allowance`, new Date(at)));
    }
  }

  private pump(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    while (this.queue.length > 0 && this.running < this.maxConcurrent) {
      const now = this.clock.now();
      const at = this.nextStartAt(now);
      this.dropLate(at);
      if (this.queue.length === 0) return;
      if (at > now) {
        this.cancelTimer = this.clock.setTimer(() => this.pump(), Math.ceil(at - now));
        return;
      }
      const job = this.queue.shift() as Job;
      if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
      const index = Math.floor((now - this.epochMs) / this.minuteMs);
      this.window = index === this.window.index ? { index, count: this.window.count + 1 } : { index, count: 1 };
      this.lastStart = now;
      this.onStart?.(now);
      job.start();
    }
    // all slots busy: dropLate still runs so a long pause set meanwhile rejects promptly
    if (this.queue.length > 0) this.dropLate(this.nextStartAt(this.clock.now()));
  }
}
