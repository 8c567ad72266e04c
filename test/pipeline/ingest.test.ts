import { describe, expect, it } from 'vitest';
import { loadLocalClassifier } from '../../src/classify/local/index.js';
import { createKeywordTopicTagger } from '../../src/classify/topics.js';
import { createLanguageDetector } from '../../src/classify/language.js';
import { createLanguageRouter } from '../../src/classify/routing.js';
import type { Classifier } from '../../src/classify/classifier.js';
import { buildMentions, keyItems, type IngestOptions } from '../../src/pipeline/ingest.js';
import type { BrandSpec } from '../../src/domain/types.js';
import type { RawItem } from '../../src/domain/types.js';
import { toMentionRef } from '../../src/analysis/mention-ref.js';
import { renderMentionLine } from '../../src/delivery/render-text.js';
import { mentionLine } from '../../src/chat/discord/embeds/mention-lines.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const brand = (name: string, competitors: string[] = []): BrandSpec => ({ name, aliases: [], competitors, topics: {}, crisisKeywords: [], reddit: false });
const item = (title: string, text = ''): RawItem => ({ sourceId: 's', sourceKind: 'rss', guid: `urn:t:${title}`, title, text, publishedAt: NOW.toISOString() });

async function ingest(items: RawItem[], brands: BrandSpec[], classifier?: Classifier): Promise<{ texts: string[][]; mentions: Awaited<ReturnType<typeof buildMentions>> }> {
  const clf = classifier ?? (await loadLocalClassifier());
  const texts: string[][] = [];
  const recording: Classifier = { name: clf.name, state: () => 'offline', classify: (t) => (texts.push([...t]), clf.classify(t)) };
  const o: IngestOptions = { brands, classifier: recording, topics: createKeywordTopicTagger(), authors: 'drop', authorKey: 'k'.repeat(16) };
  const mentions = await buildMentions(keyItems(items.map((i) => ({ item: i, backfill: false }))), o, NOW);
  return { texts, mentions };
}

describe('ingest: per-brand sentiment of an item that names several brands', () => {
  it("GIVEN one brand's outage and a move to another THEN only the first brand's mention is negative, in one classifier batch", async () => {
    const { texts, mentions } = await ingest([item('Nimbus is down again and support is useless, we are moving to Stratus')], [brand('Nimbus'), brand('Stratus')]);
    const by = Object.fromEntries(mentions.map((m) => [m.brand, m.sentiment]));
    expect(by.Nimbus?.label).toBe('negative');
    expect(by.Nimbus?.scope).toBe('clauses');
    expect(by.Stratus?.label).not.toBe('negative');
    expect(by.Stratus?.scope).toBe('clauses');
    // alerts and /mentions say so: a reader sees why the label differs from the whole post's tone
    const nimbus = mentions.find((m) => m.brand === 'Nimbus')!;
    expect(renderMentionLine(toMentionRef(nimbus))).toContain('[negative ');
    expect(renderMentionLine(toMentionRef(nimbus))).toContain('(scored on its own clauses)');
    expect(mentionLine(toMentionRef(nimbus))).toContain('(own clauses)');
    // the whole text first (it sets the language), then each brand's clauses
    expect(texts).toEqual([['Nimbus is down again and support is useless, we are moving to Stratus'], ['Nimbus is down again and support is useless', 'we are moving to Stratus']]);
  });

  it('GIVEN clauses that name no brand THEN they count for the brand named before them', async () => {
    const { mentions } = await ingest([item('Nimbus outage: whole company blocked, worst service ever, we are moving to Stratus')], [brand('Nimbus'), brand('Stratus')]);
    const by = Object.fromEntries(mentions.map((m) => [m.brand, m.sentiment]));
    expect(by.Nimbus).toMatchObject({ label: 'negative', scopedText: 'Nimbus outage: whole company blocked. worst service ever' });
    expect(by.Stratus?.label).not.toBe('negative');
  });

  it('GIVEN a competitor named in the same item THEN the brand is scored on its own clauses too', async () => {
    const { mentions } = await ingest([item('Stratus is great, unlike Globex which crashed twice')], [brand('Stratus', ['Globex'])]);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.sentiment).toMatchObject({ label: 'positive', scope: 'clauses' });
  });

  it('GIVEN an item in another language THEN its clauses are not sent on: each brand keeps the whole item\'s label', async () => {
    const router = createLanguageRouter({ english: await loadLocalClassifier(), detect: createLanguageDetector() });
    const title = 'Nimbus est encore en panne depuis ce matin, on passe à Stratus';
    const { texts, mentions } = await ingest([item(title)], [brand('Nimbus'), brand('Stratus')], router);
    expect(texts).toEqual([[title]]);
    for (const m of mentions) expect(m.sentiment).toMatchObject({ language: 'fr', unsupportedLanguage: true });
    expect(mentions.every((m) => m.sentiment.scope === undefined)).toBe(true);
  });

  it('GIVEN an item that names one brand THEN it is scored once on the whole text, with no scope', async () => {
    const { texts, mentions } = await ingest([item('Nimbus is down again', 'Support is useless.')], [brand('Nimbus'), brand('Stratus')]);
    expect(texts).toEqual([['Nimbus is down again. Support is useless.']]);
    expect(mentions[0]?.sentiment.label).toBe('negative');
    expect(mentions[0]?.sentiment.scope).toBeUndefined();
  });

  it('GIVEN an item whose title repeats the opening of its text THEN the classifier is sent the text once', async () => {
    const text = 'Nimbus sync has been failing all morning, nothing uploads';
    const { texts } = await ingest([item(`${text.slice(0, 30)}…`, text)], [brand('Nimbus')]);
    expect(texts).toEqual([[text]]);
  });
});

describe('ingest: lang: in brand queries', () => {
  const items = [item('Nimbus is down for everyone, cannot open any file'), item('Nimbus est encore en panne depuis ce matin')];
  const run = async (brands: BrandSpec[]) => {
    const calls: string[][] = [];
    const detect = createLanguageDetector();
    const o: IngestOptions = {
      brands,
      classifier: await loadLocalClassifier(),
      topics: createKeywordTopicTagger(),
      authors: 'drop',
      authorKey: 'k'.repeat(16),
      detectLanguages: (t) => (calls.push([...t]), detect(t)),
    };
    const mentions = await buildMentions(keyItems(items.map((i) => ({ item: i, backfill: false }))), o, NOW);
    return { calls, titles: mentions.map((m) => m.title) };
  };

  it('GIVEN "nimbus lang:en" THEN the French item is not a mention; languages are detected once, in one batch', async () => {
    const r = await run([{ ...brand('Nimbus'), query: 'nimbus lang:en' }]);
    expect(r.titles).toEqual([items[0]!.title]);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]).toHaveLength(2);
  });

  it('GIVEN "nimbus -lang:en" THEN only the French one; with no lang: in any query nothing is detected before matching', async () => {
    expect((await run([{ ...brand('Nimbus'), query: 'nimbus -lang:en' }])).titles).toEqual([items[1]!.title]);
    const plain = await run([brand('Nimbus')]);
    expect(plain.titles).toHaveLength(2);
    expect(plain.calls).toEqual([]);
  });
});
