import { InferenceClient } from '@huggingface/inference';
import type { Logger } from '../../shared/logger.js';
import type { TopicTagger } from '../topics.js';
import { HfBadResponseError } from './errors.js';
import { mapLimit } from '../../shared/map-limit.js';
import { DEFAULT_RETRY_POLICY, withHfRetry } from './retry.js';
import { zeroShotSchema } from './schema.js';
import { DEFAULT_MAX_INPUT_CHARS, truncateForModel } from './truncate.js';

export interface HfZeroShotOptions {
  token: string;
  /** e.g. "facebook/bart-large-mnli" */
  model: string;
  endpointUrl?: string;
  /** a topic is tagged when its score is at least this (multi_label: each label scored independently) */
  threshold: number;
  logger: Logger;
  /** answers the whole batch when the endpoint fails */
  fallback: TopicTagger;
  concurrency?: number;
  maxInputChars?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Zero-shot topic tagging: the topic labels are the candidate_labels. One try per text (topics are not worth
 * waiting for): on any failure the whole batch is tagged by `fallback` (the keyword tagger).
 */
export function createHfZeroShotTagger(opts: HfZeroShotOptions): TopicTagger {
  const client = new InferenceClient(opts.token, opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {});
  const target = opts.endpointUrl ? {} : { model: opts.model, provider: 'hf-inference' as const };
  const policy = { ...DEFAULT_RETRY_POLICY, maxTries: 1 };
  const noSleep = (): Promise<void> => Promise.resolve();

  const tagOne = async (text: string, labels: string[], signal: AbortSignal): Promise<string[]> => {
    const output = await withHfRetry(
      opts.model,
      () =>
        client.zeroShotClassification(
          { ...target, inputs: truncateForModel(text, opts.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS), parameters: { candidate_labels: labels, multi_label: true } },
          { retry_on_error: false, signal: AbortSignal.any([signal, AbortSignal.timeout(opts.timeoutMs ?? 30_000)]), ...(opts.fetch ? { fetch: opts.fetch } : {}) },
        ),
      { policy, sleep: noSleep, random: Math.random, signal },
    );
    const parsed = zeroShotSchema.safeParse(output);
    if (!parsed.success) throw new HfBadResponseError(opts.model, 'expected [{label, score}] or {labels, scores}');
    const hits = new Set(parsed.data.filter((x) => x.score >= opts.threshold).map((x) => x.label));
    return labels.filter((l) => hits.has(l));
  };

  return {
    async tag(texts, topics) {
      const labels = Object.keys(topics);
      if (labels.length === 0 || texts.length === 0) return texts.map(() => []);
      const controller = new AbortController();
      try {
        return await mapLimit(texts, opts.concurrency ?? 4, (t) => (t.trim() === '' ? Promise.resolve([]) : tagOne(t, labels, controller.signal)), controller);
      } catch (err) {
        opts.logger.warn({ model: opts.model, texts: texts.length, err }, 'Zero-shot topic tagging failed, using keywords');
        return opts.fallback.tag(texts, topics);
      }
    },
  };
}
