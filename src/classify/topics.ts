/** Tags texts with the topic labels they are about. `topics`: label -> keywords (used by the offline tagger). */
export interface TopicTagger {
  tag(texts: string[], topics: Record<string, string[]>): Promise<string[][]>;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex per topic: any keyword as a whole word (Unicode letters/digits around it do not count as a boundary). */
export function compileTopicPatterns(topics: Record<string, string[]>): { label: string; pattern: RegExp }[] {
  const out: { label: string; pattern: RegExp }[] = [];
  for (const [label, keywords] of Object.entries(topics)) {
    const words = keywords.map((k) => k.trim()).filter((k) => k.length > 0);
    if (words.length === 0) continue;
    const alternatives = words.map((w) => escapeRegExp(w).replace(/\s+/g, '\\s+')).join('|');
    out.push({ label, pattern: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'iu') });
  }
  return out;
}

/** Pure keyword tagging: labels in the order the topics were given. */
export function tagByKeywords(texts: readonly string[], topics: Record<string, string[]>): string[][] {
  const patterns = compileTopicPatterns(topics);
  return texts.map((t) => patterns.filter((p) => p.pattern.test(t)).map((p) => p.label));
}

/** Offline tagger: whole-word, case-insensitive keyword match per topic label. */
export function createKeywordTopicTagger(): TopicTagger {
  return { tag: (texts, topics) => Promise.resolve(tagByKeywords(texts, topics)) };
}
