import { eld } from 'eld/medium';

/** ISO 639-2 "undetermined": too short or too ambiguous to tell. Routed as English. */
export const UNDETERMINED_LANGUAGE = 'und';

export type DetectLanguage = (text: string) => string;

export interface LanguageDetectorOptions {
  /** fewer letters than this (Latin script) -> 'und'; default 8 ("lol ok" is 'und', "Das ist gut" is 'de') */
  minLetters?: number;
  /** same for texts mostly in other scripts (CJK packs more per letter); default 3 */
  minLettersOtherScripts?: number;
  /** answer 'en' when English scores at least this share of the winner's score; default 0.9 */
  englishBias?: number;
}

const NOISE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_]+|&\w+;/gu;

/** Offline detection with eld (medium database): ISO 639-1 code, or 'und' for short or unreliable text. */
export function createLanguageDetector(opts: LanguageDetectorOptions = {}): DetectLanguage {
  const minLatin = opts.minLetters ?? 8;
  const minOther = opts.minLettersOtherScripts ?? 3;
  const bias = opts.englishBias ?? 0.9;
  return (text) => {
    const clean = text.replace(NOISE, ' ');
    const letters = clean.match(/\p{L}/gu)?.length ?? 0;
    const latin = clean.match(/\p{Script=Latin}/gu)?.length ?? 0;
    const min = latin * 2 >= letters ? minLatin : minOther;
    if (letters < min) return UNDETERMINED_LANGUAGE;
    const result = eld.detect(clean);
    if (!result.language || !result.isReliable()) return UNDETERMINED_LANGUAGE;
    if (result.language !== 'en') {
      const scores = result.getScores();
      const top = scores[result.language] ?? 0;
      if ((scores.en ?? 0) >= top * bias) return 'en';
    }
    return result.language;
  };
}
