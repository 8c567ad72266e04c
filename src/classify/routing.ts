import type { Sentiment } from '../domain/types.js';
import type { Classifier } from './classifier.js';
import { UNDETERMINED_LANGUAGE, type DetectLanguages } from './language.js';

export const UNSUPPORTED_LANGUAGE_CLASSIFIER = 'none:unsupported-language';

/** A classifier answered a batch with the wrong number of results (a broken implementation or endpoint). */
export class ClassifierResultCountError extends Error {
  constructor(
    readonly classifier: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${classifier} returned ${actual} results for ${expected} texts`);
    this.name = 'ClassifierResultCountError';
  }
}

export interface LanguageRouterOptions {
  /** English and undetermined (short) texts */
  english: Classifier;
  /** every other language; without it those texts come back labelled unsupportedLanguage */
  multilingual?: Classifier;
  detect: DetectLanguages;
}

/** The honest answer for a text no configured classifier reads: neutral, confidence 0, flagged. */
export function unsupportedLanguageSentiment(language: string): Sentiment {
  return {
    label: 'neutral',
    confidence: 0,
    scores: { negative: 0, neutral: 0, positive: 0 },
    classifier: UNSUPPORTED_LANGUAGE_CLASSIFIER,
    language,
    unsupportedLanguage: true,
  };
}

/**
 * Answers every text as unsupported. Use it as the fallback of a failover around the multilingual classifier,
 * so non-English texts are flagged (not scored by the English model) while that endpoint is down.
 */
export function createUnsupportedLanguageClassifier(): Classifier {
  return {
    name: UNSUPPORTED_LANGUAGE_CLASSIFIER,
    state: () => 'offline',
    classify: (texts) => Promise.resolve(texts.map(() => unsupportedLanguageSentiment(UNDETERMINED_LANGUAGE))),
  };
}

/** Splits a batch by detected language, sends each part as one batch to its classifier (with the caller's signal), merges in input order. */
export function createLanguageRouter(opts: LanguageRouterOptions): Classifier {
  const { english, multilingual, detect } = opts;
  return {
    name: multilingual ? `${english.name}+${multilingual.name}` : english.name,
    // the English model carries most traffic: its circuit is what /status shows
    state: () => english.state(),
    async classify(texts, options) {
      const languages = await detect(texts);
      const en: number[] = [];
      const other: number[] = [];
      languages.forEach((lang, i) => (lang === 'en' || lang === UNDETERMINED_LANGUAGE ? en : other).push(i));
      const run = async (c: Classifier | undefined, idx: number[]): Promise<Sentiment[] | undefined> => {
        if (!c || idx.length === 0) return undefined;
        const out = await c.classify(idx.map((i) => texts[i] as string), options);
        if (out.length !== idx.length) throw new ClassifierResultCountError(c.name, idx.length, out.length);
        return out;
      };
      const [enOut, otherOut] = await Promise.all([run(english, en), run(multilingual, other)]);
      const result = new Array<Sentiment>(texts.length);
      en.forEach((i, k) => (result[i] = withLanguage(enOut?.[k] as Sentiment, languages[i] as string)));
      other.forEach((i, k) => {
        const lang = languages[i] as string;
        result[i] = otherOut ? withLanguage(otherOut[k] as Sentiment, lang) : unsupportedLanguageSentiment(lang);
      });
      return result;
    },
  };
}

function withLanguage(s: Sentiment, language: string): Sentiment {
  return language === UNDETERMINED_LANGUAGE ? s : { ...s, language };
}
