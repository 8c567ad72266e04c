import { SimpleShardingStrategy, type WebSocketOptions } from 'discord.js';
import type { Logger } from '../../shared/logger.js';
import type { GatewayStatus } from '../sink.js';

type WsManager = Parameters<NonNullable<WebSocketOptions['buildStrategy']>>[0];

export interface GatewayBackoffOptions {
  logger: Logger;
  /** first wait after a failed attempt (default 1 s); doubles per failed attempt */
  baseMs?: number;
  /** longest wait between attempts (default 60 s) */
  capMs?: number;
  now?: () => Date;
  random?: () => number;
  /** waits `ms`, or resolves early when `signal` aborts (injected by tests) */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Wait before reconnect attempt `n` (1 = the first after the connection was lost): capped exponential, jittered ±20 %. Pure. */
export function reconnectDelay(n: number, baseMs: number, capMs: number, random: () => number): number {
  if (n <= 1) return 0;
  const raw = Math.min(capMs, baseMs * 2 ** (n - 2));
  return Math.round(Math.min(capMs, raw * (0.8 + 0.4 * random())));
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * discord.js reconnects a lost gateway every 500 ms for as long as the outage lasts (@discordjs/ws has no backoff).
 * This gate sits in front of every connection attempt (discord.js' own `ws.buildStrategy` hook: the shard asks for
 * its session before it opens a socket) and makes attempts after the first wait 1 s, 2 s, 4 s ... up to 60 s, until a
 * READY or RESUMED. It logs once when an outage starts and once when it ends, not per attempt, and keeps the state
 * that /healthz and /status show.
 */
export class GatewayBackoff {
  private readonly stopper = new AbortController();
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private current: GatewayStatus;
  /** attempts since the last READY/RESUMED (0 while connected) */
  private failed = 0;
  private outageStart: number | undefined;

  constructor(private readonly opts: GatewayBackoffOptions) {
    this.baseMs = opts.baseMs ?? 1000;
    this.capMs = opts.capMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.sleep = opts.sleep ?? defaultSleep;
    this.current = { state: 'connecting', since: this.now().toISOString(), attempts: 0 };
  }

  status(): GatewayStatus {
    return { ...this.current };
  }

  /**
   * The `ws.buildStrategy` option for the discord.js Client: the default strategy, whose shards pass this gate before
   * every connection attempt. @discordjs/ws (1.2) has no hook there, so the shard's `internalConnect` (the one place
   * that opens a socket: first connect and every reconnect) is wrapped; were it gone in a later version, reconnects
   * would go unthrottled again, which is logged, and the e2e test against the stand-in gateway fails.
   */
  readonly buildStrategy = (manager: WsManager): SimpleShardingStrategy => {
    const strategy = new SimpleShardingStrategy(manager);
    const spawn = strategy.spawn.bind(strategy);
    strategy.spawn = async (shardIds: number[]) => {
      await spawn(shardIds);
      const shards = (strategy as unknown as { shards?: Map<number, { internalConnect?: () => Promise<void> }> }).shards;
      for (const shard of shards?.values() ?? []) {
        const connect = shard.internalConnect?.bind(shard);
        if (!connect) {
          this.opts.logger.warn('Discord gateway: this discord.js version cannot be throttled; reconnects will not back off');
          continue;
        }
        shard.internalConnect = async () => {
          await this.beforeAttempt();
          return connect();
        };
      }
    };
    return strategy;
  };

  /** Before each connection attempt; never resolves once stopped (a stopped client must not connect again). */
  async beforeAttempt(): Promise<void> {
    if (this.stopper.signal.aborted) return new Promise<void>(() => undefined);
    this.failed += 1;
    const wait = reconnectDelay(this.failed, this.baseMs, this.capMs, this.random);
    if (this.outageStart !== undefined) this.set({ state: 'reconnecting', attempts: this.failed - 1, nextAttemptInMs: wait }, true);
    if (wait > 0) {
      this.opts.logger.debug({ attempt: this.failed, waitMs: wait }, 'Discord gateway: waiting before the next connection attempt');
      await this.sleep(wait, this.stopper.signal);
    }
    if (this.stopper.signal.aborted) return new Promise<void>(() => undefined);
  }

  /** READY or RESUMED: connected again. */
  onConnected(): void {
    if (this.outageStart !== undefined) {
      this.opts.logger.info({ downMs: this.now().getTime() - this.outageStart, attempts: this.failed }, 'Discord gateway connected again');
    }
    this.failed = 0;
    this.outageStart = undefined;
    this.set({ state: 'ready', attempts: 0 });
  }

  /** The socket closed; `willReconnect` false for close codes discord.js gives up on (bad token, intents...). */
  onClosed(code: number | undefined, willReconnect: boolean): void {
    if (this.stopper.signal.aborted) return;
    if (!willReconnect) {
      this.opts.logger.error({ code }, 'Discord gateway closed for good: slash commands and buttons are unavailable (alerts still go out over REST)');
      this.set({ state: 'down', attempts: this.failed, ...(code === undefined ? {} : { lastCloseCode: code }) });
      return;
    }
    if (this.outageStart === undefined) {
      this.outageStart = this.now().getTime();
      this.failed = Math.max(this.failed, 1);
      this.opts.logger.warn({ code }, 'Discord gateway connection lost: reconnecting with backoff (logged again when it is back)');
      this.set({ state: 'reconnecting', attempts: 0, ...(code === undefined ? {} : { lastCloseCode: code }) });
    } else {
      this.set({ state: 'reconnecting', attempts: this.failed - 1, ...(code === undefined ? {} : { lastCloseCode: code }) }, true);
    }
  }

  stop(): void {
    this.stopper.abort();
    this.set({ state: 'stopped', attempts: 0 });
  }

  private set(s: Omit<GatewayStatus, 'since'>, keepSince = false): void {
    const since = keepSince || s.state === this.current.state ? this.current.since : this.now().toISOString();
    this.current = { ...s, since };
  }
}
