import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH, DEFAULT_NEGATIVE_BIAS, classifierFromBytes, loadLocalClassifier, ModelFileNotFoundError, ModelFormatError, type LocalClassifier } from '../../../src/classify/local/index.js';
import { MAX_CHUNKS, textChunks } from '../../../src/classify/local/long-text.js';

let clf: LocalClassifier;
beforeAll(async () => {
  clf = await loadLocalClassifier();
});

describe('shipped local sentiment model', () => {
  it('names itself after the model version and content hash', () => {
    expect(clf.name).toMatch(/^local:sentiment-en@\d+-[0-9a-f]{8}$/);
  });

  it.each([
    ['I love this, best purchase ever!', 'positive'],
    ['Worst customer service ever, I want a refund', 'negative'],
    ['The store opens at 9am', 'neutral'],
    ['not good at all', 'negative'],
    ['This update is terrible, the app keeps crashing :(', 'negative'],
    ['Thanks so much for the quick help, you guys are amazing 😍', 'positive'],
    // service-complaint words the training tweets rarely contain (scripts/train/domain-lexicon.tsv)
    ['The app keeps crashing since the update', 'negative'],
    ['Outage again. Second time this week.', 'negative'],
    ['The new firmware is buggy and the app is unusable', 'negative'],
  ] as const)('classifies %j as %s', async (text, label) => {
    const [s] = await clf.classify([text]);
    expect(s?.label).toBe(label);
    expect(s?.classifier).toBe(clf.name);
  });

  it('flips polarity under negation', () => {
    const [pos, neg] = clf.classifySync(['this phone is good', 'this phone is not good']);
    expect(pos!.scores.positive).toBeGreaterThan(neg!.scores.positive);
    expect(neg!.scores.negative).toBeGreaterThan(pos!.scores.negative);
  });

  it('returns calibrated scores that sum to 1 with confidence of the chosen label, in input order', () => {
    const texts = ['great', 'awful', '', 'x'.repeat(20_000), 'Meh. 🤷'];
    const out = clf.classifySync(texts);
    expect(out).toHaveLength(texts.length);
    for (const s of out) {
      const sum = s.scores.negative + s.scores.neutral + s.scores.positive;
      expect(sum).toBeCloseTo(1, 9);
      expect(s.confidence).toBe(s.scores[s.label]);
      expect(Math.max(s.scores.negative, s.scores.neutral, s.scores.positive)).toBe(s.confidence);
    }
    expect(out[0]!.label).toBe('positive');
    expect(out[1]!.label).toBe('negative');
  });

  it('fails with typed errors for a missing or corrupt model file', async () => {
    await expect(loadLocalClassifier({ modelPath: '/nonexistent/model.bin' })).rejects.toBeInstanceOf(ModelFileNotFoundError);
    const dir = await mkdtemp(join(tmpdir(), 'sent-'));
    const bad = join(dir, 'bad.bin');
    const good = await readFile(DEFAULT_MODEL_PATH);
    await writeFile(bad, good.subarray(0, 1000));
    await expect(loadLocalClassifier({ modelPath: bad })).rejects.toBeInstanceOf(ModelFormatError);
    await writeFile(bad, Buffer.from('not a model at all'));
    await expect(loadLocalClassifier({ modelPath: bad })).rejects.toBeInstanceOf(ModelFormatError);
  });

  describe('long texts', () => {
    const body =
      'The company was founded in 2009 and is based in Lisbon. It sells cloud storage to small businesses in Europe. ' +
      'The firm employs about 400 people across three offices. Its annual report is due in the spring. ' +
      'Analysts will publish their estimates next week. The new plans start on March 1 and apply to all regions. ' +
      'A spokesperson said more details would follow.';

    it('GIVEN a negative headline over a neutral article THEN the article is negative (scored whole, it drowns)', async () => {
      const whole = classifierFromBytes(await readFile(DEFAULT_MODEL_PATH), 'whole');
      for (const headline of ['Customers angry as Nimbus raises prices again.', 'Nimbus users report lost files after a terrible update.']) {
        // two screens of neutral text under the headline
        const text = `${headline} ${body} ${body}`;
        expect(text.length).toBeGreaterThan(560);
        expect(whole.classifySync([text])[0]!.label).toBe('neutral');
        expect(clf.classifySync([text])[0]!.label).toBe('negative');
      }
      expect(clf.classifySync([`Nimbus wins award for best customer service. ${body}`])[0]!.label).toBe('positive');
    });

    it('GIVEN a long neutral article THEN it stays neutral, and a tweet-length text is scored exactly as before', async () => {
      expect(clf.classifySync([body])[0]!.label).toBe('neutral');
      const whole = classifierFromBytes(await readFile(DEFAULT_MODEL_PATH), 'whole');
      const short = ['I love this, best purchase ever!', 'Worst customer service ever, I want a refund', 'x'.repeat(280)];
      expect(clf.classifySync(short)).toEqual(whole.classifySync(short));
    });

    it('packs sentences into chunks of up to 200 characters, at most MAX_CHUNKS of them', () => {
      const chunks = textChunks(`${'A short sentence. '.repeat(30)}\n${'Another line here! '.repeat(5)}`);
      expect(chunks.every((c) => c.length <= 200)).toBe(true);
      expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(`${'A short sentence. '.repeat(30)}${'Another line here! '.repeat(5)}`.trim());
      expect(textChunks('Word. '.repeat(5000))).toHaveLength(MAX_CHUNKS);
    });
  });

  it('gives a valid distribution for any input text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const [s] = clf.classifySync([text]);
        const sum = s!.scores.negative + s!.scores.neutral + s!.scores.positive;
        // the confidence is the chosen label's probability: the top class's, or negative's when within the bias of it
        const top = Math.max(s!.scores.negative, s!.scores.neutral, s!.scores.positive);
        const chosen = s!.scores[s!.label];
        const ruleHolds = chosen === top || (s!.label === 'negative' && chosen + DEFAULT_NEGATIVE_BIAS >= top);
        return Math.abs(sum - 1) < 1e-9 && s!.confidence === chosen && ruleHolds && s!.confidence > 0 && s!.confidence <= 1;
      }),
      { numRuns: 300 },
    );
  });

  it('classifies big batches in order across chunks, same as one by one', async () => {
    const texts = Array.from({ length: 2500 }, (_, i) => (i % 3 === 0 ? `awful service #${i}` : i % 3 === 1 ? `love it ${i}` : `meeting at ${i}`));
    const batch = await clf.classify(texts);
    expect(batch).toHaveLength(texts.length);
    for (const i of [0, 999, 1000, 1001, 2499]) expect(batch[i]).toEqual(clf.classifySync([texts[i]!])[0]);
  });
});

describe('negativeBias decision rule', () => {
  it('GIVEN negative within the bias of the top class THEN negative wins, with its own probability as confidence; scores unchanged', async () => {
    const bytes = await readFile(DEFAULT_MODEL_PATH);
    const plain = classifierFromBytes(bytes);
    const candidates = ['the parcel came a day later than promised', 'waiting for the new update to install', 'the store changed its opening hours'];
    const picked = plain.classifySync(candidates).map((s, i) => ({ s, text: candidates[i]! })).find(({ s }) => s.label !== 'negative')!;
    const gap = picked.s.confidence - picked.s.scores.negative;
    const biased = classifierFromBytes(bytes, 'chunks', gap + 0.001).classifySync([picked.text])[0]!;
    expect(biased.label).toBe('negative');
    expect(biased.confidence).toBe(picked.s.scores.negative);
    expect(biased.scores).toEqual(picked.s.scores);
    // a bias smaller than the gap changes nothing
    expect(classifierFromBytes(bytes, 'chunks', gap / 2).classifySync([picked.text])[0]).toEqual(picked.s);
  });
});
