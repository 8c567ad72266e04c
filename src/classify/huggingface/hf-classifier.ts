import { InferenceClient } from '@huggingface/inference';
import type { Sentiment, SentimentLabel } from '../../domain/types.js';
import { sleep as sleepOn, systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { PartialClassificationError, type Classifier } from '../classifier.js';
import { HfBadResponseError, HfHttpError } from './errors.js';
import { buildLabelMap, toSentiment } from './labels.js';
import { mapLimit } from '../../shared/map-limit.js';
import { normalizingFetch } from './normalizing-fetch.js';
import { DEFAULT_RETRY_POLICY, withHfRetry, type HfFailure, type RetryPolicy } from './retry.js';
import { labelScoresSchema } from './schema.js';
import { DEFAULT_MAX_INPUT_CHARS, truncateForModel } from './truncate.js';

export interface HfClassifierOptions {
  token: string;
  /** model id, e.g. "cardiffnlp/twitter-roberta-base-sentiment-latest"; names the classifier `hf:<model>` */
  model: string;
  /** Inference Endpoint / self-hosted server URL. Without it: serverless Inference Providers (hf-inference). */
  endpointUrl?: string;
  /** extra or overriding label -> sentiment entries (case-insensitive) on top of DEFAULT_LABEL_MAP */
  labelMap?: Record<string, SentimentLabel>;
  /** texts in flight at once (one request per text, see below) */
  batchSize: number;
  maxInputChars?: number;
  logger: Logger;
  fetch?: typeof fetch;
  /** the clock retry waits run on (503 estimated_time, 429/5xx backoff); default the system clock, tests pass a fake one */
  clock?: Clock;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** per request; default 30 s */
  timeoutMs?: number;
}

/** statuses meaning "this input, never" rather than "not now" */
const REFUSED_INPUT = new Set([400, 413, 422]);

/** a retry wait on `clock`: resolves after `ms`, or at once (timer cancelled) when `signal` aborts */
const waitOn =
  (clock: Clock) =>
  (ms: number, signal?: AbortSignal): Promise<void> =>
    sleepOn(clock, ms, signal).catch(() => undefined);

/**
 * Sentiment through the Hugging Face text-classification task (@huggingface/inference v4).
 *
 * Batching: v4's `textClassification` takes `inputs: string` only and returns `response[0]`, so sending an array
 * of texts would silently keep the first text's result. Each text is therefore one request, with at most
 * `batchSize` requests in flight; when one text fails for good the others are aborted and the batch rejects
 * (a failover wrapper then answers the whole batch with the offline model).
 *
 * Abandoning: when the caller's `signal` aborts (the failover wrapper timed out or its circuit opened), the requests
 * in flight are aborted, pending retry waits end, no request starts any more, and the batch rejects with the reason.
 */
export function createHfClassifier(opts: HfClassifierOptions): Classifier {
  const name = `hf:${opts.model}`;
  const client = new InferenceClient(opts.token, opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {});
  const labelMap = buildLabelMap(opts.labelMap);
  const fetchFn = normalizingFetch(opts.fetch ?? fetch);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const sleep = waitOn(opts.clock ?? systemClock);
  const random = opts.random ?? Math.random;
  const maxChars = opts.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const target = opts.endpointUrl ? { inputs: '' } : { model: opts.model, provider: 'hf-inference' as const, inputs: '' };

  const onRetry = (failure: HfFailure, attempt: number, delayMs: number): void => {
    opts.logger.warn({ model: opts.model, failure: failure.kind, status: 'status' in failure ? failure.status : undefined, attempt, delayMs }, 'Hugging Face request failed, retrying');
  };

  const classifyOne = async (text: string, signal: AbortSignal): Promise<Sentiment> => {
    if (text.trim() === '') return { label: 'neutral', confidence: 1, scores: { negative: 0, neutral: 1, positive: 0 }, classifier: name };
    const inputs = truncateForModel(text, maxChars);
    const output = await withHfRetry(
      opts.model,
      () =>
        client.textClassification(
          { ...target, inputs },
          { retry_on_error: false, fetch: fetchFn, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) },
        ),
      { policy, sleep, random, signal, onRetry },
    );
    const parsed = labelScoresSchema.safeParse(output);
    if (!parsed.success || parsed.data.length === 0) throw new HfBadResponseError(opts.model, 'expected a non-empty [{label, score}] list');
    return toSentiment(parsed.data, labelMap, opts.model, name);
  };

  return {
    name,
    // on its own it has no circuit: it answers or throws (the failover wrapper keeps the circuit)
    state: () => 'closed',
    async classify(texts, options) {
      const caller = options?.signal;
      caller?.throwIfAborted();
      const controller = new AbortController();
      const abandon = (): void => controller.abort(caller?.reason);
      caller?.addEventListener('abort', abandon, { once: true });
      let refusal: string | undefined;
      try {
        // a text the model refuses for good (400/413/422: e.g. too many tokens) is left for the fallback; it is not an
        // outage, so the rest of the batch keeps its answers and the circuit breaker does not count it
        const results = await mapLimit(
          texts,
          Math.max(1, opts.batchSize),
          (t) =>
            classifyOne(t, controller.signal).catch((e: unknown) => {
              if (e instanceof HfHttpError && REFUSED_INPUT.has(e.status)) {
                refusal = e.message;
                return undefined;
              }
              throw e;
            }),
          controller,
        );
        if (results.some((r) => r === undefined)) throw new PartialClassificationError(name, results, refusal ?? 'input refused');
        return results as Sentiment[];
      } catch (err) {
        if (caller?.aborted) {
          opts.logger.info({ model: opts.model, texts: texts.length, reason: String(caller.reason) }, 'Hugging Face batch given up by the caller: its requests and retries are aborted');
          caller.throwIfAborted();
        }
        if (err instanceof PartialClassificationError) throw err;
        opts.logger.warn({ model: opts.model, texts: texts.length, err }, 'Hugging Face classification failed');
        throw err;
      } finally {
        caller?.removeEventListener('abort', abandon);
      }
    },
  };
}
