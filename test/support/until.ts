/**
 * The one set of polling helpers for tests that wait on something outside their control (a child process, a socket,
 * a stand-in server): check a condition each turn of the event loop, or every `everyMs` for a child's output, and
 * give up after a deadline with a message that says what was awaited. No fixed sleeps: a test waits exactly as long
 * as the thing takes.
 */

export interface UntilOptions {
  /** give up after this long (default 5 s) */
  timeoutMs?: number;
  /** how often to check (default 5 ms; 0: every turn of the event loop, after pending I/O) */
  everyMs?: number;
  /** named in the timeout error */
  what?: string;
}

/** real timers, captured before any test installs fake ones */
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const realNow = Date.now.bind(Date);

/** let the event loop run once (pending I/O callbacks included); no time passes on purpose */
export const turn = (): Promise<void> => new Promise((r) => realSetImmediate(r));

const pause = (ms: number): Promise<void> => (ms <= 0 ? turn() : new Promise((r) => realSetTimeout(r, ms)));

/** Resolve once `cond()` is true (it may be async); reject after the timeout. */
export async function until(cond: () => boolean | Promise<boolean>, opts: UntilOptions = {}): Promise<void> {
  const end = realNow() + (opts.timeoutMs ?? 5_000);
  while (!(await cond())) {
    if (realNow() > end) throw new Error(`timed out after ${opts.timeoutMs ?? 5_000} ms waiting for ${opts.what ?? String(cond)}`);
    await pause(opts.everyMs ?? 5);
  }
}

/** Like `until`, but resolves true/false instead of throwing, for tests that assert on the outcome. */
export async function eventually(cond: () => boolean | Promise<boolean>, opts: UntilOptions = {}): Promise<boolean> {
  return until(cond, opts).then(
    () => true,
    () => false,
  );
}

/** What `p` settled to (its value, or its error) if it settles within `ms`, else 'still pending'; returns as soon as it settles. */
export async function settledWithin<T>(p: Promise<T>, ms = 500): Promise<T | unknown> {
  let done = false;
  let out: unknown;
  p.then(
    (v) => ((out = v), (done = true)),
    (e: unknown) => ((out = e), (done = true)),
  );
  return (await eventually(() => done, { timeoutMs: ms, everyMs: 0 })) ? out : 'still pending';
}
