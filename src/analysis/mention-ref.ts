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

/** A title that only names a thread ("Re: …", a Reddit comment's "Comment on: <post>"): the words are in the text. */
const THREAD_TITLE = /^\s*(?:re|fwd?|comment on)\s*:/iu;

/**
 * What makes two mentions "the same story" in a list: the title without case or punctuation; the text too when the
 * title is short or only names a thread (replies in one thread are different stories).
 */
export function storyKey(m: Pick<Mention, 'title' | 'text' | 'parentKey'>): string {
  const norm = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const title = norm(m.title);
  const byTitle = title.length >= 20 && m.parentKey === undefined && !THREAD_TITLE.test(m.title);
  return byTitle ? title : `${title}|${norm(m.text.slice(0, 400)).slice(0, 200)}`;
}

/**
 * Ranked mentions -> at most `limit` refs, one per story: a story repeated across sites or posts is shown once (its
 * best-ranked copy) with the number of other copies in `similar`.
 */
export function topStories(ranked: readonly Mention[], limit: number): MentionRef[] {
  const out: MentionRef[] = [];
  const byStory = new Map<string, MentionRef>();
  for (const m of ranked) {
    const k = storyKey(m);
    const seen = byStory.get(k);
    if (seen) {
      seen.similar = (seen.similar ?? 0) + 1;
      continue;
    }
    if (out.length >= limit) continue;
    const ref = toMentionRef(m);
    byStory.set(k, ref);
    out.push(ref);
  }
  return out;
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
