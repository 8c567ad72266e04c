import { LANGUAGE_NOISE, precheckEnglish } from './english-precheck.js';

/** ISO 639-2 "undetermined": too short or too ambiguous to tell. Routed as English. */
export const UNDETERMINED_LANGUAGE = 'und';

/** Languages of a batch of texts, in order (ISO 639-1 codes, or 'und'). */
export type DetectLanguages = (texts: readonly string[]) => Promise<string[]>;

/** eld's n-gram databases, smallest first (load time / memory on a 2-core VM: 0.16 s / 87 MB … 1.1 s / 390 MB). */
export const ELD_DATASETS = ['extrasmall', 'small', 'medium', 'large'] as const;
export type EldDataset = (typeof ELD_DATASETS)[number];

/** The part of eld the detector uses. */
export interface EldDetector {
  detect(text: string): { language: string; isReliable(): boolean; getScores(): Record<string, number> };
}

export interface LanguageDetectorOptions {
  /** fewer letters than this (Latin script) -> 'und'; default 8 ("lol ok" is 'und', "Das ist gut" is 'de') */
  minLetters?: number;
  /** same for texts mostly in other scripts (CJK packs more per letter); default 3 */
  minLettersOtherScripts?: number;
  /** answer 'en' when English scores at least this share of the winner's score; default 0.9 */
  englishBias?: number;
  /** English evidence the pre-check needs to settle a text without eld (english-precheck.ts); default 2 */
  minEnglishWords?: number;
  /**
   * eld database, loaded the first time a text needs it; default 'small': on the ~200k tweets of the sentiment sets
   * behind the pre-check it routes 41 texts differently from 'medium' (either way, as often right as wrong), where
   * 'extrasmall' routes 528 differently, mostly short English sent away as Tagalog, Dutch, Polish…
   */
  dataset?: EldDataset;
  /** how eld is loaded (tests count the loads); default a dynamic import of `eld/<dataset>` */
  loadEld?: (dataset: EldDataset) => Promise<EldDetector>;
}

/** Dynamic imports: nothing of eld (0.16–1.1 s, 90–400 MB) is loaded before a text needs it. */
export async function importEld(dataset: EldDataset): Promise<EldDetector> {
  switch (dataset) {
    case 'extrasmall':
      return (await import('eld/extrasmall')).eld;
    case 'small':
      return (await import('eld/small')).eld;
    case 'medium':
      return (await import('eld/medium')).eld;
    case 'large':
      return (await import('eld/large')).eld;
  }
}

/**
 * Offline detection: ISO 639-1 code, or 'und' for short or unreliable text. Clear English (plain Latin letters and
 * English function words) is settled by a cheap pre-check; only the rest goes to eld, which is loaded lazily, once.
 */
export function createLanguageDetector(opts: LanguageDetectorOptions = {}): DetectLanguages {
  const minLatin = opts.minLetters ?? 8;
  const minOther = opts.minLettersOtherScripts ?? 3;
  const bias = opts.englishBias ?? 0.9;
  const precheck = { minLetters: minLatin, minEnglishWords: opts.minEnglishWords ?? 2 };
  const dataset = opts.dataset ?? 'small';
  const loadEld = opts.loadEld ?? importEld;
  let eld: Promise<EldDetector> | undefined;

  const withEld = (detector: EldDetector, clean: string): string => {
    const result = detector.detect(clean);
    if (!result.language || !result.isReliable()) return UNDETERMINED_LANGUAGE;
    if (result.language !== 'en') {
      const scores = result.getScores();
      const top = scores[result.language] ?? 0;
      if ((scores.en ?? 0) >= top * bias) return 'en';
    }
    return result.language;
  };

  return async (texts) => {
    const out = new Array<string>(texts.length);
    const rest: { i: number; clean: string }[] = [];
    texts.forEach((text, i) => {
      const clean = text.replace(LANGUAGE_NOISE, ' ');
      const quick = precheckEnglish(clean, precheck);
      if (quick !== undefined) {
        out[i] = quick;
        return;
      }
      const letters = clean.match(/\p{L}/gu)?.length ?? 0;
      const latin = clean.match(/\p{Script=Latin}/gu)?.length ?? 0;
      if (letters < (latin * 2 >= letters ? minLatin : minOther)) out[i] = UNDETERMINED_LANGUAGE;
      else rest.push({ i, clean });
    });
    if (rest.length > 0) {
      // a failed load is not cached: the next batch tries again
      eld ??= loadEld(dataset).catch((err: unknown) => {
        eld = undefined;
        throw err;
      });
      const detector = await eld;
      for (const { i, clean } of rest) out[i] = withEld(detector, clean);
    }
    return out;
  };
}
