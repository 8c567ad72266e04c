import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../src/shared/map-limit.js';

/** A call the test settles by hand: nothing waits on the clock. */
function held<R>() {
  const calls: { index: number; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fn = (_item: unknown, index: number): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = (): void => void inFlight--;
      calls.push({ index, resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
    });
  return { fn, calls, maxInFlight: () => maxInFlight };
}
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('mapLimit (the one concurrency helper)', () => {
  it('GIVEN more items than the limit THEN at most `limit` calls run at once, a free slot starts the next, and results keep input order', async () => {
    const h = held<string>();
    const all = mapLimit(['a', 'b', 'c', 'd', 'e'], 2, h.fn);
    await tick();
    expect(h.calls.map((c) => c.index)).toEqual([0, 1]);
    h.calls[1]!.resolve('B'); // the second finishes first: its slot goes to the third item, the first keeps running
    await tick();
    expect(h.calls.map((c) => c.index)).toEqual([0, 1, 2]);
    h.calls[2]!.resolve('C');
    h.calls[0]!.resolve('A');
    await tick();
    h.calls[3]!.resolve('D');
    h.calls[4]!.resolve('E');
    await expect(all).resolves.toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(h.maxInFlight()).toBe(2);
  });

  it('GIVEN no items, or a limit above the count THEN it resolves with every result', async () => {
    await expect(mapLimit([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
    await expect(mapLimit([1, 2], 10, (x) => Promise.resolve(x * 2))).resolves.toEqual([2, 4]);
    await expect(mapLimit([1, 2], 0, (x) => Promise.resolve(x))).resolves.toEqual([1, 2]); // a limit below 1 still runs one
  });

  it('GIVEN one call rejects THEN no new call starts, the controller aborts, and it rejects with that error', async () => {
    const h = held<number>();
    const controller = new AbortController();
    const all = mapLimit([1, 2, 3, 4], 2, h.fn, controller);
    await tick();
    h.calls[0]!.reject(new Error('boom'));
    await tick();
    expect(controller.signal.aborted).toBe(true);
    h.calls[1]!.resolve(2);
    await expect(all).rejects.toThrow('boom');
    expect(h.calls).toHaveLength(2);
  });

  it('GIVEN someone else aborts the controller THEN no new call starts and it rejects with the abort reason', async () => {
    const h = held<number>();
    const controller = new AbortController();
    const all = mapLimit([1, 2, 3], 1, h.fn, controller);
    await tick();
    controller.abort(new Error('given up'));
    h.calls[0]!.resolve(1);
    await expect(all).rejects.toThrow('given up');
    expect(h.calls).toHaveLength(1);
  });
});
