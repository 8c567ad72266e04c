import { describe, expect, it } from 'vitest';
import type { Classifier } from '../../src/classify/classifier.js';
import { createHfClassifier } from '../../src/classify/huggingface/hf-classifier.js';
import { createLanguageDetector } from '../../src/classify/language.js';
import { createFailoverClassifier } from '../../src/classify/failover.js';
import { createLanguageRouter, createUnsupportedLanguageClassifier, UNSUPPORTED_LANGUAGE_CLASSIFIER } from '../../src/classify/routing.js';
import type { Sentiment } from '../../src/domain/types.js';
import { silentLogger } from '../../src/shared/logger.js';
import { badRequest, startHfStandin } from '../support/hf-standin.js';

const detect = createLanguageDetector();

function recording(name: string): Classifier & { batches: string[][] } {
  return {
    name,
    batches: [],
    classify(texts) {
      this.batches.push([...texts]);
      return Promise.resolve(texts.map((): Sentiment => ({ label: 'positive', confidence: 0.7, scores: { negative: 0.1, neutral: 0.2, positive: 0.7 }, classifier: name })));
    },
  };
}

const FR = 'Le service client de cette entreprise est vraiment nul';
const ES = 'El servicio al cliente de esta empresa es muy malo';
const EN = 'The customer service of this company is really bad';

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
  ])('%s -> %s', (text, lang) => {
    expect(detect(text)).toBe(lang);
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
