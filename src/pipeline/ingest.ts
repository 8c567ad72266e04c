import { extractTerms } from '../matching/terms.js';
import type { BrandSpec, Mention, RawItem, Sentiment } from '../domain/types.js';

export class ClassifierAnswerError extends Error {
  constructor(readonly classifier: string, readonly expected: number, readonly actual: number) {
    super(`${classifier} answered ${actual} results for ${expected} texts`);
    this.name = 'ClassifierAnswerError';
  }
}
import type { Classifier } from '../classify/classifier.js';
import type { TopicTagger } from '../classify/topics.js';
import { createBrandMatcher } from '../matching/brand-matcher.js';
import { entityFocuser } from '../matching/entity-focus.js';
import { itemKey, pseudonymiseAuthor } from '../matching/identity.js';
import { classificationText } from './classification-text.js';

export { classificationText } from './classification-text.js';


export interface IngestOptions {
  brands: BrandSpec[];
  classifier: Classifier;
  topics: TopicTagger;
  authors: 'pseudonymise' | 'drop' | 'keep';
  authorKey: string;
  /** told how long each classifier batch took, in seconds (metrics) */
  observeClassify?: (seconds: number) => void;
  /** the languages of texts (the classifier's detector): called only when a brand query uses `lang:` */
  detectLanguages?: (texts: readonly string[]) => Promise<string[]>;
}

export interface KeyedItem {
  key: string;
  item: RawItem;
  /** the source's first poll: stored silently */
  backfill: boolean;
}

/** Give each raw item its stable key and drop repeats within the batch (the same article in two feeds). */
export function keyItems(items: { item: RawItem; backfill: boolean }[]): KeyedItem[] {
  const seen = new Set<string>();
  const out: KeyedItem[] = [];
  for (const { item, backfill } of items) {
    const key = itemKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, item, backfill });
  }
  return out;
}

function authorField(author: string | undefined, o: IngestOptions): string | undefined {
  if (!author || o.authors === 'drop') return undefined;
  return o.authors === 'keep' ? author : pseudonymiseAuthor(author, o.authorKey);
}

/**
 * Per brand, its entity focus (matching/entity-focus.ts): its own names are its name and aliases; every other name
 * marks a different entity (the other configured brands and their aliases, and this brand's competitors).
 */
function entityFocusers(brands: readonly BrandSpec[]): Map<string, (text: string) => string | null> {
  const out = new Map<string, (text: string) => string | null>();
  for (const b of brands) {
    const own = [b.name, ...b.aliases];
    const lowered = new Set(own.map((n) => n.toLowerCase()));
    const others = [...brands.filter((x) => x.name !== b.name).flatMap((x) => [x.name, ...x.aliases]), ...b.competitors].filter((n) => !lowered.has(n.toLowerCase()));
    out.set(b.name, entityFocuser(own, [...new Set(others)]));
  }
  return out;
}

/**
 * One classifier batch. A short answer would drop mentions whose keys are already marked seen: fail the cycle instead
 * (nothing is committed, source state does not advance, the items come back next poll).
 */
async function classifyAll(classifier: Classifier, texts: string[], observe?: (seconds: number) => void): Promise<Sentiment[]> {
  const started = performance.now();
  const out = await classifier.classify(texts);
  observe?.((performance.now() - started) / 1000);
  if (out.length !== texts.length) throw new ClassifierAnswerError(classifier.name, texts.length, out.length);
  return out;
}

/** Match items against brands, classify the matched ones (one batch, and one more for brand-focused clauses), tag topics, and build mentions. */
export async function buildMentions(items: KeyedItem[], o: IngestOptions, now: Date): Promise<Mention[]> {
  const matcher = createBrandMatcher(o.brands);
  // a query with lang: needs each item's language before matching: one batch, and only then
  const languages = matcher.needsLanguage && o.detectLanguages && items.length ? await o.detectLanguages(items.map((k) => classificationText(k.item))) : undefined;
  const matched: { k: KeyedItem; brands: string[] }[] = [];
  for (const [i, k] of items.entries()) {
    const brands = matcher.match({ title: k.item.title, text: k.item.text, site: k.item.site, author: k.item.author, source: k.item.sourceKind, ...(languages ? { language: languages[i] } : {}) });
    if (brands.length > 0) matched.push({ k, brands });
  }
  if (matched.length === 0) return [];
  const texts = matched.map((m) => classificationText(m.k.item));
  const sentiments = await classifyAll(o.classifier, texts, o.observeClassify);
  // then, for items in English that name other brands too, each brand's own clauses (one more batch). The whole text
  // sets the language: a short clause could be mis-detected, and a French item's clause must not go to an English model
  const focus = new Map<string, { text: string; sentiment?: Sentiment }>();
  const focusers = entityFocusers(o.brands);
  matched.forEach(({ brands }, i) => {
    const whole = sentiments[i]!;
    if (whole.unsupportedLanguage || (whole.language !== undefined && whole.language !== 'en')) return;
    for (const brand of brands) {
      const text = focusers.get(brand)?.(texts[i]!) ?? null;
      if (text !== null) focus.set(`${i}|${brand}`, { text });
    }
  });
  const focused = [...focus.values()];
  if (focused.length > 0) (await classifyAll(o.classifier, focused.map((f) => f.text), o.observeClassify)).forEach((s, j) => (focused[j]!.sentiment = s));
  const mentions: Mention[] = [];
  const termsOfItem = new Map<string, string[]>();
  matched.forEach(({ k, brands }, i) => {
    const it = k.item;
    for (const brand of brands) {
      const whole = sentiments[i]!;
      const f = focus.get(`${i}|${brand}`);
      // a clause answered as another language than its item (or unsupported) keeps the item's sentiment
      const usable = f?.sentiment !== undefined && !f.sentiment.unsupportedLanguage && (f.sentiment.language ?? whole.language) === whole.language;
      const sentiment: Sentiment = usable ? { ...f.sentiment!, scope: 'clauses', scopedText: f.text } : whole;
      mentions.push({
        key: `${brand}|${k.key}`,
        itemKey: k.key,
        brand,
        sourceId: it.sourceId,
        sourceKind: it.sourceKind,
        url: it.link,
        title: it.title.slice(0, 500),
        text: it.text.slice(0, 4000),
        author: authorField(it.author, o),
        site: it.site,
        publishedAt: it.publishedAt ?? now.toISOString(),
        fetchedAt: now.toISOString(),
        reach: it.reach ?? {},
        sentiment,
        topics: [],
        parentKey: it.parentKey,
        backfill: k.backfill,
        // computed once per item, here, so every store counts the same terms
        terms: termsOfItem.get(k.key) ?? (termsOfItem.set(k.key, extractTerms(`${it.title.slice(0, 500)}\n${it.text.slice(0, 4000)}`, { bigrams: true })), termsOfItem.get(k.key)!),
      });
    }
  });
  await tagTopics(mentions, o);
  return mentions;
}

/** Brands are tagged in parallel: a slow topic endpoint costs one timeout per cycle, not one per brand. */
async function tagTopics(mentions: Mention[], o: IngestOptions): Promise<void> {
  await Promise.all(
    o.brands.map(async (brand) => {
      if (Object.keys(brand.topics).length === 0) return;
      const mine = mentions.filter((m) => m.brand === brand.name);
      if (mine.length === 0) return;
      const tags = await o.topics.tag(mine.map((m) => `${m.title}. ${m.text}`), brand.topics);
      mine.forEach((m, i) => (m.topics = tags[i] ?? []));
    }),
  );
}
