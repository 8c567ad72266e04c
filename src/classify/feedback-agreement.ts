import type { SentimentLabel } from '../domain/types.js';

/** A human correction: what the classifier said and what the human says it is. */
export interface FeedbackRecord {
  predicted: SentimentLabel;
  label: SentimentLabel;
  classifier: string;
  /** the prediction's confidence, when recorded */
  confidence?: number;
  /** ISO time of the correction */
  at: string;
}

export interface ClassifierAgreement {
  classifier: string;
  agreed: number;
  total: number;
  /**
   * the mean confidence of the corrected predictions that recorded one: a calibrated model's mean confidence is close
   * to its agreement rate (agreed / total); a model more sure than right shows a mean well above it
   */
  meanConfidence?: number;
}

/** Per classifier, how many human labels agreed with the prediction (records at or after `since`), sorted by name. */
export function agreementByClassifier(records: readonly FeedbackRecord[], since?: Date): ClassifierAgreement[] {
  const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const by = new Map<string, ClassifierAgreement>();
  const conf = new Map<string, { sum: number; n: number }>();
  for (const r of records) {
    const t = Date.parse(r.at);
    if (Number.isNaN(t) || t < from) continue;
    const row = by.get(r.classifier) ?? { classifier: r.classifier, agreed: 0, total: 0 };
    row.total += 1;
    if (r.predicted === r.label) row.agreed += 1;
    by.set(r.classifier, row);
    if (typeof r.confidence === 'number' && Number.isFinite(r.confidence)) {
      const c = conf.get(r.classifier) ?? { sum: 0, n: 0 };
      c.sum += r.confidence;
      c.n += 1;
      conf.set(r.classifier, c);
    }
  }
  for (const [k, c] of conf) by.get(k)!.meanConfidence = Math.round((c.sum / c.n) * 1000) / 1000;
  return [...by.values()].sort((a, b) => (a.classifier < b.classifier ? -1 : a.classifier > b.classifier ? 1 : 0));
}

/** One correction per person per mention: the latest wins (a changed mind, a re-imported file). */
export function latestCorrections<T extends { mentionKey: string; by: string; at: string }>(records: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const r of records) {
    const k = `${r.mentionKey}\u0000${r.by}`;
    const prev = latest.get(k);
    if (!prev || r.at >= prev.at) latest.set(k, r);
  }
  return [...latest.values()];
}
