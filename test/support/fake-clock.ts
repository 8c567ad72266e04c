/**
 * A Clock for tests: time moves only when the test says so (`advance`, `next`), or, in auto mode, jumps straight
 * to the earliest pending timer whenever the event loop comes round with one pending, so code that waits on the
 * clock runs as fast as the machine allows while seeing exactly the times it asked for. Nothing sleeps.
 */
import type { Clock } from '../../src/shared/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** captured before any test can install fake timers */
const realSetImmediate = globalThis.setImmediate;

export interface FakeClock extends Clock {
  /** every delay asked for with setTimer, in order (cancelled ones included) */
  readonly requested: number[];
  /** timers set and not yet fired or cancelled */
  pending(): number;
  /** move time forward by `ms`, firing the timers that fall due, in order, each at its own time */
  advance(ms: number): void;
  /** jump to the earliest pending timer and fire it (and any due at the same time); false when none is pending */
  next(): boolean;
  /** auto mode on or off (see above); turn it off when the test ends */
  auto(on: boolean): void;
}

export function fakeClock(startMs = Date.parse('2026-12-01T12:00:00Z'), opts: { auto?: boolean } = {}): FakeClock {
  let t = startMs;
  let seq = 0;
  let timers: Timer[] = [];
  let autoOn = false;
  let autoScheduled = false;
  const requested: number[] = [];

  const fireDue = (): void => {
    for (;;) {
      const due = timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      timers = timers.filter((x) => x !== due);
      due.fn();
    }
  };
  const scheduleAuto = (): void => {
    if (!autoOn || autoScheduled || timers.length === 0) return;
    autoScheduled = true;
    realSetImmediate(() => {
      autoScheduled = false;
      if (autoOn && clock.next()) scheduleAuto();
    });
  };

  const clock: FakeClock = {
    requested,
    now: () => t,
    setTimer(fn, ms) {
      const timer: Timer = { at: t + Math.max(0, ms), seq: seq++, fn };
      requested.push(ms);
      timers.push(timer);
      scheduleAuto();
      return () => void (timers = timers.filter((x) => x !== timer));
    },
    pending: () => timers.length,
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const first = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!first) break;
        t = Math.max(t, first.at);
        fireDue();
      }
      t = end;
    },
    next() {
      const first = [...timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!first) return false;
      t = Math.max(t, first.at);
      fireDue();
      return true;
    },
    auto(on) {
      autoOn = on;
      scheduleAuto();
    },
  };
  if (opts.auto) clock.auto(true);
  return clock;
}
