/**
 * A cheap pre-check that settles clear English without a language model (eld costs ~90 µs a text and ~70–200 MB):
 * script evidence (every letter is a plain Latin a–z) plus stop-word evidence (at least two English function words
 * and none of the commonest function words of the other Latin-script languages eld knows). Anything else is left to
 * eld. A foreign word listed here by mistake only costs speed (the text goes to eld); an English word listed here
 * must not be a common word of another language, or that language could be routed as English.
 */

/** Links, @handles, #tags and HTML entities carry no language. */
export const LANGUAGE_NOISE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_]+|&\w+;/gu;

// Words that are not also common words of another Latin-script language ("no me gusta" is not English)
const ENGLISH = new Set(
  (
    'the and you your yours that this these those with have has had are were been being would can could should ' +
    'not but just what when where who whom why how which they them their theirs there here we our ours us she his her ' +
    'hers him it its my mine myself from about up out if or all get got gets does did done ' +
    'like love know think going want now today tomorrow tonight yesterday new more one time day good great really very much ' +
    'some any yes than then only still again after before because into off too go make need back lol ' +
    'be never every always something nothing anyone everyone people thing things way well right ' +
    'im ive dont cant wont didnt doesnt isnt wasnt arent havent thats whats youre theyre ill cannot gonna wanna ' +
    "i'm i've i'll i'd don't can't won't didn't doesn't isn't wasn't aren't haven't that's what's you're they're it's let's"
  ).split(' '),
);

/** English, but also common in other languages (Spanish "a", "me", "no"; German "in", "so", "was", "will"; Dutch "is", "of"…): half a vote */
const WEAK_ENGLISH = new Set('a i me no in an so is was to do on am will also of for by at he see over even as per'.split(' '));

// function words of French, Spanish, Portuguese, Italian, German, Dutch, the Nordic languages, Indonesian/Malay,
// Tagalog, Turkish, Polish, Czech and Romanian that are not also common in English tweets ("van", "hat", "met",
// "con", "per", "non", "com", "af", "og", "um", "est", "et", "al" and the like are left out)
const FOREIGN = new Set(
  (
    'le la les des une du je nous vous pas avec pour dans sur qui que ce cette mais ne au aux sont ont elle ils ' +
    "c'est j'ai n'est qu'il d'un d'une l'on " +
    'el los las del y es en por para una lo muy pero como se su esta este tiene ' +
    'da dos das eu ela ele foi ser ter ao pra mas muito isso ' +
    'il di che sono della mi ma anche questo molto sei gli nel alla delle cosa ' +
    'der und ist nicht das ein eine ich du wir sie auf zu den sich auch aber noch schon nur wie bei oder ' +
    'wenn kein sehr mein ihr heute jetzt ' +
    'het een ik niet zijn voor maar ook wat naar bij wel nog geen dit deze mijn jij hij ze ' +
    'och att det jag inte som ikke jeg ett vi har ja nej ' +
    'yang ini itu tidak saya aku dengan untuk ke dari akan bisa sudah juga ' +
    'ang ng sa mga ako akong ko naman ka siya sya nila yung talaga nga kasi kung po ' +
    've bir bu ile de ' +
    'nie jest na jak co czy jestem ' +
    'jsem si ' +
    'este nu cu un mai'
  ).split(' '),
);

/** Each listed word's vote: a distinctly English word 1, one shared with other languages 0.5, a foreign function word −2. */
const VOTE = new Map<string, number>([...[...FOREIGN].map((w): [string, number] => [w, -2]), ...[...WEAK_ENGLISH].map((w): [string, number] => [w, 0.5]), ...[...ENGLISH].map((w): [string, number] => [w, 1])]);

const LETTER = /^\p{L}/u;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

export interface PrecheckOptions {
  /** fewer letters than this -> 'und' (as the full detector does); default 8 */
  minLetters: number;
  /** English evidence needed (the sum of the words' votes, above); default 2 */
  minEnglishWords: number;
}

const isAz = (c: number): boolean => c >= 97 && c <= 122;

/**
 * 'en' for clear English, 'und' for plain Latin text too short to tell, undefined when eld must decide: a letter
 * outside plain a–z (another script, or accented Latin: French, German, Vietnamese…), or too little English evidence.
 * Each foreign function word outweighs two English ones: a loan phrase in a German sentence stays German.
 * `clean` has had LANGUAGE_NOISE removed. One pass over the text, no regular expression on the common path.
 */
export function precheckEnglish(clean: string, opts: PrecheckOptions): 'en' | 'und' | undefined {
  const lower = clean.toLowerCase();
  const n = lower.length;
  let letters = 0;
  let score = 0;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    if (isAz(c)) {
      letters++;
      if (start < 0) start = i;
      continue;
    }
    // an apostrophe between letters belongs to the word ("don't", "it’s")
    if ((c === APOSTROPHE || c === RIGHT_QUOTE) && start >= 0 && i + 1 < n && isAz(lower.charCodeAt(i + 1))) continue;
    if (c > 127 && c !== RIGHT_QUOTE && LETTER.test(lower.slice(i, i + 2))) return undefined;
    if (start >= 0) {
      const w = lower.slice(start, i);
      score += VOTE.get(w.includes('’') ? w.replace(/’/g, "'") : w) ?? 0;
      start = -1;
    }
  }
  if (letters < opts.minLetters) return 'und';
  return score >= opts.minEnglishWords ? 'en' : undefined;
}
