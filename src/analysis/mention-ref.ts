import type { Mention, MentionRef } from '../domain/types.js';

/** Engagement of a mention: score + comments, negatives clamped to 0 (same definition as HourlyRollup.engagement). */
export function engagementOf(m: Pick<Mention, 'reach'>): number {
  const score = finiteNonNeg(m.reach.score);
  const comments = finiteNonNeg(m.reach.comments);
  return score + comments;
}

function finiteNonNeg(x: number | undefined): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
}

/** Classifier confidence clamped to 0..1 (NaN -> 0). */
export function confidenceOf(m: Pick<Mention, 'sentiment'>): number {
  const c = m.sentiment.confidence;
  if (!Number.isFinite(c)) return 0;
  return Math.min(1, Math.max(0, c));
}

export function toMentionRef(m: Mention): MentionRef {
  const ref: MentionRef = {
    key: m.key,
    title: m.title,
    sentiment: m.sentiment.label,
    confidence: confidenceOf(m),
    publishedAt: m.publishedAt,
    engagement: engagementOf(m),
  };
  if (m.url !== undefined) ref.url = m.url;
  if (m.site !== undefined) ref.site = m.site;
  if (m.sentiment.scope !== undefined) ref.scope = m.sentiment.scope;
  return ref;
}

/** Keeps the first mention of each key, in input order. */
export function dedupeByKey<T extends { key: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    if (seen.has(it.key)) continue;
    seen.add(it.key);
    out.push(it);
  }
  return out;
}
