export { mulberry32 } from '../../src/shared/prng.js';

/** Fisher-Yates in place. */
export function shuffle(arr: Int32Array, rand: () => number): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
}
