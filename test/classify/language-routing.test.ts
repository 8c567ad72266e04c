import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/classify/classifier.js';
import { createHfClassifier } from '../../src/classify/huggingface/hf-classifier.js';
import { createLanguageDetector, importEld, type DetectLanguages, type EldDataset, type LanguageDetectorOptions } from '../../src/classify/language.js';
import { LANGUAGE_NOISE, precheckEnglish } from '../../src/classify/english-precheck.js';
import { createFailoverClassifier } from '../../src/classify/failover.js';
import { createLanguageRouter, createUnsupportedLanguageClassifier, UNSUPPORTED_LANGUAGE_CLASSIFIER } from '../../src/classify/routing.js';
import type { Sentiment } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { badRequest, startHfStandin } from '../support/hf-standin.js';

const detect = createLanguageDetector();
const detectOne = async (text: string): Promise<string> => (await detect([text]))[0]!;

function recording(name: string): Classifier & { batches: string[][] } {
  return {
    name,
    state: () => 'offline',
    batches: [],
    classify(texts) {
      this.batches.push([...texts]);
      return Promise.resolve(texts.map((): Sentiment => ({ label: 'positive', confidence: 0.7, scores: { negative: 0.1, neutral: 0.2, positive: 0.7 }, classifier: name })));
    },
  };
}

/** A detector whose eld loads are counted. */
function countingDetector(opts: LanguageDetectorOptions = {}): { detect: DetectLanguages; loads: EldDataset[] } {
  const loads: EldDataset[] = [];
  return { loads, detect: createLanguageDetector({ ...opts, loadEld: (d) => (loads.push(d), importEld(d)) }) };
}

const FR = 'Le service client de cette entreprise est vraiment nul';
const ES = 'El servicio al cliente de esta empresa es muy malo';
const EN = 'The customer service of this company is really bad';

// everyday sentences in other Latin-script languages, most in plain a-z (no accents to give them away)
const OTHER_LANGUAGES: [string, string][] = [
  ['Je ne comprends pas pourquoi cette application plante tout le temps', 'fr'],
  ['No me gusta nada el nuevo logo de la marca', 'es'],
  ['La entrega llego tarde otra vez y nadie contesta', 'es'],
  ['Ich finde das neue Update wirklich schlecht', 'de'],
  ['Der Kundendienst hat mir sofort geholfen, super', 'de'],
  ['Ik vind de nieuwe versie echt heel slecht', 'nl'],
  ['Dit is echt een slechte ervaring geweest', 'nl'],
  ['Non mi piace per niente questo nuovo servizio', 'it'],
  ['La consegna era in ritardo ma il prodotto funziona bene', 'it'],
  ['Eu acho que o atendimento ficou muito ruim', 'pt'],
  ['Jag tycker att appen fungerar bra nu', 'sv'],
  ['Hindi ko gusto ang bagong update nila', 'tl'],
  ['Nie jestem zadowolony z tej aplikacji', 'pl'],
  ['Bu uygulama cok yavas ve kotu', 'tr'],
  ['Kiitos nopeasta toimituksesta, olen tyytyvainen', 'fi'],
  ['Jeg er meget glad for den nye telefon', 'da'],
];

describe('createLanguageDetector', () => {
  it.each([
    [EN, 'en'],
    [FR, 'fr'],
    [ES, 'es'],
    ['Das ist wirklich ein gutes Produkt', 'de'],
    ['lol ok', 'und'],
    ['wow', 'und'],
    ['@acme #fail https://t.co/x', 'und'],
    ['Acme app crashed again https://t.co/xyz @acme #fail', 'en'],
  ])('%s -> %s', async (text, lang) => {
    expect(await detectOne(text)).toBe(lang);
  });

  it.each(OTHER_LANGUAGES)('GIVEN %s THEN the pre-check leaves it to eld, which says %s', async (text, lang) => {
    expect(precheckEnglish(text.replace(LANGUAGE_NOISE, ' '), { minLetters: 8, minEnglishWords: 2 })).toBeUndefined();
    expect(await detectOne(text)).toBe(lang);
  });

  it('GIVEN a batch of clear English and of short texts THEN it is settled without loading eld', async () => {
    const { detect: d, loads } = countingDetector();
    const out = await d([EN, 'Why does the checkout keep failing on my phone?', "I can't believe how good this is", 'ok', '@user #tag https://x.example']);
    expect(out).toEqual(['en', 'en', 'en', 'und', 'und']);
    expect(loads).toEqual([]);
  });

  it('GIVEN texts that need eld THEN its smallest adequate database is loaded once, lazily, for every later batch', async () => {
    const { detect: d, loads } = countingDetector();
    expect(await d([EN])).toEqual(['en']);
    expect(loads).toEqual([]);
    expect(await d([FR, EN, ES])).toEqual(['fr', 'en', 'es']);
    expect(await d(['Ich finde das neue Update wirklich schlecht'])).toEqual(['de']);
    expect(loads).toEqual(['small']);
  });

  it('GIVEN other scripts or accented Latin THEN eld decides (the pre-check only reads plain a-z)', async () => {
    const { detect: d, loads } = countingDetector();
    expect(await d(['Привет, как дела у тебя сегодня', 'これは本当に素晴らしい製品です', 'Très déçu par le service après-vente'])).toEqual(['ru', 'ja', 'fr']);
    expect(loads).toEqual(['small']);
  });

  it('GIVEN eld fails to load THEN the batch fails and the next batch tries again', async () => {
    let calls = 0;
    const d = createLanguageDetector({ loadEld: (ds) => (++calls === 1 ? Promise.reject(new Error('disk')) : importEld(ds)) });
    await expect(d([FR])).rejects.toThrow('disk');
    expect(await d([FR])).toEqual(['fr']);
    expect(calls).toBe(2);
  });
});

describe('createLanguageRouter', () => {
  it('GIVEN no multilingual classifier THEN French and Spanish come back unsupportedLanguage, English and short text go to English, order kept', async () => {
    const english = recording('local:en');
    const router = createLanguageRouter({ english, detect });
    const out = await router.classify([FR, EN, 'lol ok', ES]);
    expect(english.batches).toEqual([[EN, 'lol ok']]);
    expect(out[0]).toEqual({ label: 'neutral', confidence: 0, scores: { negative: 0, neutral: 0, positive: 0 }, classifier: UNSUPPORTED_LANGUAGE_CLASSIFIER, language: 'fr', unsupportedLanguage: true });
    expect(out[1]).toMatchObject({ classifier: 'local:en', language: 'en' });
    expect(out[2]!.classifier).toBe('local:en');
    expect(out[2]!.language).toBeUndefined();
    expect(out[3]).toMatchObject({ unsupportedLanguage: true, language: 'es' });
  });

  it('GIVEN an HF multilingual model THEN French and Spanish are classified by it in one batch', async () => {
    const standin = await startHfStandin({ labels: 'stars' });
    try {
      const multilingual = createHfClassifier({ token: 'hf_x', model: 'nlptown/bert-base-multilingual-uncased-sentiment', endpointUrl: standin.url, batchSize: 4, logger: silentLogger() });
      const english = recording('local:en');
      const router = createLanguageRouter({ english, multilingual, detect });
      const out = await router.classify([FR, EN, ES]);
      expect(english.batches).toEqual([[EN]]);
      expect(standin.requests.map((r) => r.body.inputs).sort()).toEqual([ES, FR]);
      expect(out[0]).toMatchObject({ label: 'negative', language: 'fr', classifier: 'hf:nlptown/bert-base-multilingual-uncased-sentiment' });
      expect(out[2]).toMatchObject({ label: 'negative', language: 'es' });
      expect(out[0]!.unsupportedLanguage).toBeUndefined();
      expect(out[1]!.classifier).toBe('local:en');
    } finally {
      await standin.close();
    }
  });

  it('GIVEN only English THEN the multilingual classifier is not called', async () => {
    const english = recording('local:en');
    const multi = recording('hf:multi');
    const out = await createLanguageRouter({ english, multilingual: multi, detect }).classify([EN, 'ok']);
    expect(out).toHaveLength(2);
    expect(multi.batches).toEqual([]);
  });

  it('GIVEN the multilingual endpoint fails behind a failover THEN French is flagged unsupported (with its language), English still scored', async () => {
    const standin = await startHfStandin();
    standin.storm(badRequest());
    const multilingual = createFailoverClassifier(
      createHfClassifier({ token: 'hf_x', model: 'multi', endpointUrl: standin.url, batchSize: 2, logger: silentLogger() }),
      createUnsupportedLanguageClassifier(),
      { failureThreshold: 3, cooldownMs: 1000, logger: silentLogger() },
    );
    try {
      const out = await createLanguageRouter({ english: recording('local:en'), multilingual, detect }).classify([FR, EN]);
      expect(out[0]).toMatchObject({ unsupportedLanguage: true, language: 'fr', classifier: UNSUPPORTED_LANGUAGE_CLASSIFIER, confidence: 0 });
      expect(out[1]).toMatchObject({ classifier: 'local:en', label: 'positive' });
    } finally {
      multilingual.shutdown();
      await standin.close();
    }
  });
});
