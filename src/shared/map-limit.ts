/**
 * The one concurrency helper of the project (source polls, Hugging Face requests): runs `fn` over `items` with at
 * most `limit` calls in flight, results in input order, so one slow call never holds up the others beyond its slot.
 * On the first rejection it stops starting new calls, aborts `controller` and rejects with that error. When someone
 * else aborts `controller`, it stops starting new calls too and rejects (with the abort reason if no call failed).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, controller = new AbortController()): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure && !controller.signal.aborted) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
        controller.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  controller.signal.throwIfAborted();
  return results;
}
