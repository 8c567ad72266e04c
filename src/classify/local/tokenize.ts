/**
 * Tokeniser for short social text, shared by training and inference.
 * Emits lower-cased tokens with a kind, marks negation scope, and maps
 * emoticons and emoji to polarity tokens (the training tweets have no emoji,
 * so emoji are folded onto the emoticon tokens the model did learn).
 */

export const TokenKind = { Word: 0, Hashtag: 1, Punct: 2, Symbol: 3 } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  text: string;
  kind: TokenKind;
  negated: boolean;
  /** the raw token was ALL CAPS (3+ letters) */
  caps: boolean;
  /** the raw token had a letter repeated 3+ times ("soooo") */
  elongated: boolean;
  /** in the clause after "but"/"however" (which usually carries the verdict) */
  afterBut: boolean;
}

export const EMO_POS = '__emo_pos';
export const EMO_NEG = '__emo_neg';

const POS_EMOJI = new Set([...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙😚🙂🤗🤩😇🥳👍👌👏🙌💪🎉🎊❤💕💖💗💘💙💚💛💜🧡💯✨🌟⭐🔥🙏☺😻']);
const NEG_EMOJI = new Set([...'😞😒😟😠😡🤬😢😭😤😩😫😖😣😕🙁☹😔😓😰😱😨😧😦👎💔🤮🤢😷🙄😑😐🖕💩😿']);

/* One alternation; the capture group that matched tells the kind. */
const TOKEN_RE = new RegExp(
  [
    '(https?://\\S+|www\\.\\S+)', // 1 url
    '(@\\w+)', // 2 mention
    "((?:[:;=8][-o^']?[)\\]dDpP}3*>]+)|(?:[(\\[{][-o^']?[:;=8])|<3+|\\^_*\\^|\\bx[dD]+\\b)", // 3 positive emoticon
    "((?::'\\(|[:;=][-o']?[(\\[/\\\\|{@]+)|(?:[)\\]][-o']?[:;=])|</3)", // 4 negative emoticon
    '(#[\\p{L}\\p{N}_]+)', // 5 hashtag
    "([\\p{L}\\p{N}][\\p{L}\\p{N}'_]*)", // 6 word
    '([!?]+|[.,:;]+)', // 7 punctuation
    '(\\p{Extended_Pictographic})', // 8 emoji
  ].join('|'),
  'gu',
);

const NEGATORS = new Set([
  'not', 'no', 'never', 'cannot', 'nothing', 'nobody', 'none', 'nowhere', 'neither', 'nor', 'without',
  'dont', 'cant', 'wont', 'isnt', 'arent', 'wasnt', 'werent', 'didnt', 'doesnt', 'couldnt', 'shouldnt', 'wouldnt',
  'aint', 'hasnt', 'havent', 'hadnt', 'mustnt', 'neednt',
]);

const ELONG_RE = /(\p{L})\1{2,}/gu;
const NEEDS_NORMALISING = /[’‘`\\]/;

/** 3+ ASCII capitals and nothing else (same as /^[A-Z]{3,}$/, without a regex) */
function isAllCaps(w: string): boolean {
  if (w.length < 3) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** cheap pre-check: some code unit repeated 3 times in a row */
function hasTriple(w: string): boolean {
  for (let i = 2; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === w.charCodeAt(i - 1) && c === w.charCodeAt(i - 2)) return true;
  }
  return false;
}

function isNegator(w: string): boolean {
  return NEGATORS.has(w) || w.endsWith("n't");
}

/**
 * Normalise quotes/escapes the way tweets arrive, then tokenise. Negation runs
 * from a negator to the next punctuation, or for at most `negScope` words when > 0.
 */
export function tokenize(raw: string, negScope = 0): Token[] {
  const text = NEEDS_NORMALISING.test(raw) ? raw.replace(/[’‘`]/g, "'").replace(/\\"/g, '"') : raw;
  const out: Token[] = [];
  let negating = false;
  let negLeft = 0;
  let afterBut = false;
  for (const m of text.matchAll(TOKEN_RE)) {
    let tok: string;
    let kind: TokenKind = TokenKind.Word;
    let caps = false;
    let elongated = false;
    if (m[1] !== undefined) {
      tok = '__url';
      kind = TokenKind.Symbol;
    } else if (m[2] !== undefined) {
      tok = '@user';
      kind = TokenKind.Symbol;
    } else if (m[3] !== undefined) {
      tok = EMO_POS;
      kind = TokenKind.Symbol;
    } else if (m[4] !== undefined) {
      tok = EMO_NEG;
      kind = TokenKind.Symbol;
    } else if (m[5] !== undefined) {
      tok = m[5].toLowerCase();
      kind = TokenKind.Hashtag;
    } else if (m[6] !== undefined) {
      const w = m[6];
      caps = isAllCaps(w);
      const lower = w.toLowerCase();
      const squeezed = hasTriple(lower) ? lower.replace(ELONG_RE, '$1$1') : lower;
      elongated = squeezed.length !== lower.length;
      tok = squeezed;
    } else if (m[7] !== undefined) {
      const p = m[7];
      tok = p.includes('!') ? (p.length > 1 ? '!!' : '!') : p.includes('?') ? (p.length > 1 ? '??' : '?') : p[0] ?? '.';
      kind = TokenKind.Punct;
    } else {
      const e = m[8] ?? '';
      tok = POS_EMOJI.has(e) ? EMO_POS : NEG_EMOJI.has(e) ? EMO_NEG : e;
      kind = TokenKind.Symbol;
    }
    if (kind === TokenKind.Punct) {
      negating = false;
      afterBut = false;
      out.push({ text: tok, kind, negated: false, caps, elongated, afterBut });
      continue;
    }
    const negated = negating && kind === TokenKind.Word;
    out.push({ text: tok, kind, negated, caps, elongated, afterBut });
    if (negated && negScope > 0 && --negLeft <= 0) negating = false;
    if (tok === 'but' || tok === 'however') afterBut = true;
    if (kind === TokenKind.Word && isNegator(tok)) {
      negating = true;
      negLeft = negScope;
    }
  }
  return out;
}
