import type { Sentiment, SentimentLabel } from '../../domain/types.js';
import { HfUnknownLabelError } from './errors.js';
import type { LabelScore } from './schema.js';

/**
 * Labels of common sentiment models. Keys are compared case-insensitively.
 * LABEL_0/1/2 follow cardiffnlp/twitter-roberta-base-sentiment (0 = negative, 1 = neutral, 2 = positive);
 * star models (nlptown/bert-base-multilingual-uncased-sentiment) map 1-2 to negative, 3 to neutral, 4-5 to positive.
 */
export const DEFAULT_LABEL_MAP: Readonly<Record<string, SentimentLabel>> = {
  label_0: 'negative',
  label_1: 'neutral',
  label_2: 'positive',
  negative: 'negative',
  neutral: 'neutral',
  positive: 'positive',
  neg: 'negative',
  neu: 'neutral',
  pos: 'positive',
  '1 star': 'negative',
  '2 stars': 'negative',
  '3 stars': 'neutral',
  '4 stars': 'positive',
  '5 stars': 'positive',
};

/** Default map with the configured entries on top, keys lower-cased. */
export function buildLabelMap(overrides: Record<string, SentimentLabel> = {}): Map<string, SentimentLabel> {
  const map = new Map<string, SentimentLabel>();
  for (const [k, v] of Object.entries(DEFAULT_LABEL_MAP)) map.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(overrides)) map.set(k.trim().toLowerCase(), v);
  return map;
}

/**
 * Model output -> Sentiment. Scores of labels that map to the same sentiment are summed; labels the model
 * did not report share what is left of the probability mass (endpoints that return only the top label).
 */
export function toSentiment(output: readonly LabelScore[], labelMap: ReadonlyMap<string, SentimentLabel>, model: string, classifier: string): Sentiment {
  const scores: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  const seen = new Set<SentimentLabel>();
  for (const { label, score } of output) {
    const mapped = labelMap.get(label.trim().toLowerCase());
    if (!mapped) throw new HfUnknownLabelError(model, label);
    scores[mapped] += Math.max(0, score);
    seen.add(mapped);
  }
  const total = scores.negative + scores.neutral + scores.positive;
  if (total > 1) {
    for (const k of Object.keys(scores) as SentimentLabel[]) scores[k] /= total;
  } else if (seen.size < 3 && total < 1) {
    const share = (1 - total) / (3 - seen.size);
    for (const k of Object.keys(scores) as SentimentLabel[]) if (!seen.has(k)) scores[k] = share;
  }
  let label: SentimentLabel = 'neutral';
  for (const k of ['negative', 'neutral', 'positive'] as const) if (scores[k] > scores[label]) label = k;
  return { label, confidence: scores[label], scores, classifier };
}
