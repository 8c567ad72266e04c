import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AppConfig } from '../config/load.js';
import type { Classifier } from '../classify/classifier.js';
import type { TopicTagger } from '../classify/topics.js';
import { createKeywordTopicTagger } from '../classify/topics.js';
import { createFailoverClassifier } from '../classify/failover.js';
import { createLanguageDetector, type DetectLanguages } from '../classify/language.js';
import { createLanguageRouter, createUnsupportedLanguageClassifier } from '../classify/routing.js';
import { loadLocalClassifier } from '../classify/local/index.js';
import { createTopicBreaker } from './topic-breaker.js';
import { guardPhraser, type GuardedPhraser } from '../classify/phraser.js';

export interface Classifiers {
  classifier: Classifier;
  topics: TopicTagger;
  /** the router's language detector, for queries with `lang:` */
  detectLanguages: DetectLanguages;
  /** with HF_TOKEN (and summaries enabled): the chat model that phrases summaries */
  phraser?: GuardedPhraser;
  shutdown(): void;
}

/**
 * Offline by default: the shipped model for English, non-English labelled as such, keyword topics.
 * With HF_TOKEN: Hugging Face first (failing over to the offline model behind a circuit breaker),
 * a multilingual model for other languages, and zero-shot topics (falling back to keywords).
 */
export type ClassifierNotify = (state: 'open' | 'closed' | 'half-open', classifier: string, role?: 'sentiment' | 'summaries') => void;

export async function buildClassifiers(config: AppConfig, logger: Logger, notify?: ClassifierNotify): Promise<Classifiers> {
  const local = await loadLocalClassifier({ negativeBias: config.settings.classifier.offline.negativeBias });
  const detect = createLanguageDetector();
  const keywords = createKeywordTopicTagger();
  const token = config.env.HF_TOKEN;
  const hf = config.settings.classifier.huggingface;
  if (!token) {
    logger.info({ classifier: local.name }, 'Using the offline sentiment model (set HF_TOKEN for Hugging Face inference)');
    return { classifier: createLanguageRouter({ english: local, detect }), topics: keywords, detectLanguages: detect, shutdown: () => undefined };
  }
  // the Hugging Face client is loaded only when it is used
  const { createHfClassifier, createHfZeroShotTagger, createHfPhraser } = await import('../classify/huggingface/index.js');
  const endpointUrl = config.env.HF_ENDPOINT_URL ?? hf.endpointUrl;
  const primary = createHfClassifier({ token, model: hf.model, endpointUrl, labelMap: hf.labelMap, batchSize: hf.batchSize, logger, clock: systemClock });
  const failover = createFailoverClassifier(primary, local, { failureThreshold: hf.failureThreshold, cooldownMs: hf.cooldownSeconds * 1000, timeoutMs: hf.timeoutSeconds * 1000, logger, onStateChange: (state) => notify?.(state, primary.name) });
  const multilingualHf = createHfClassifier({ token, model: hf.multilingualModel, endpointUrl: hf.multilingualEndpointUrl, labelMap: hf.labelMap, batchSize: hf.batchSize, logger, clock: systemClock });
  // The multilingual and zero-shot models are other models: they never fall back to HF_ENDPOINT_URL (which serves the
  // English model and would score French as English); without their own endpoint they go through Inference Providers.
  // An outage of the multilingual model flags those texts as unsupported instead of scoring them as English.
  const multilingual = createFailoverClassifier(multilingualHf, createUnsupportedLanguageClassifier(), { failureThreshold: hf.failureThreshold, cooldownMs: hf.cooldownSeconds * 1000, timeoutMs: hf.timeoutSeconds * 1000, logger, onStateChange: (state) => notify?.(state, multilingualHf.name) });
  const router = createLanguageRouter({ english: failover, multilingual, detect });
  const topics = createTopicBreaker(
    (fallback) => createHfZeroShotTagger({ token, model: hf.zeroShotModel, endpointUrl: hf.zeroShotEndpointUrl, threshold: hf.topicThreshold, logger, fallback }),
    keywords,
    { failureThreshold: hf.failureThreshold, cooldownMs: hf.cooldownSeconds * 1000 },
  );
  const sum = hf.summaries;
  // the chat model is another model too: its own endpoint or Inference Providers, never HF_ENDPOINT_URL
  const phraser = sum.enabled
    ? guardPhraser(createHfPhraser({ token, model: sum.model, endpointUrl: sum.endpointUrl, maxTokens: sum.maxTokens }), {
        failureThreshold: hf.failureThreshold,
        cooldownMs: hf.cooldownSeconds * 1000,
        timeoutMs: sum.timeoutSeconds * 1000,
        onStateChange: (state, name) => notify?.(state, name, 'summaries'),
      })
    : undefined;
  logger.info({ model: hf.model, endpointUrl: endpointUrl ?? 'Inference Providers', summaries: phraser?.name ?? 'extractive' }, 'Using Hugging Face inference with offline failover');
  return { classifier: router, topics, detectLanguages: detect, ...(phraser ? { phraser } : {}), shutdown: () => (failover.shutdown(), multilingual.shutdown()) };
}
