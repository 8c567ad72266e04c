import type { SummaryFacts } from '../domain/types.js';

/** Shortest and longest phrasing accepted (the bot's quote sentence is appended after it). */
export const PHRASING_MIN_CHARS = 40;
export const PHRASING_MAX_CHARS = 480;

export type PhrasingVerdict = { ok: true; text: string } | { ok: false; why: string };

const QUOTED = /["“”„«»]([^"“”„«»]{1,80})["“”„«»]/gu;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * The bot's check of a model's phrasing of `facts`, before it is posted. The model may only rephrase: every number it
 * writes is one of the facts' figures (counts, the pool, earlier counts), every quoted phrase is one of the themes, it
 * names the first theme, and it writes no link, no mention (`@`), no markup and no quote of its own: the one quote of
 * a stored mention is the bot's sentence, appended after the phrasing. Anything else is rejected (and the extractive
 * summary is posted instead). Pure.
 */
export function checkPhrasing(raw: string, facts: SummaryFacts): PhrasingVerdict {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length < PHRASING_MIN_CHARS) return { ok: false, why: `shorter than ${PHRASING_MIN_CHARS} characters` };
  if (text.length > PHRASING_MAX_CHARS) return { ok: false, why: `longer than ${PHRASING_MAX_CHARS} characters` };
  if (/https?:\/\/|www\.|\]\(/i.test(text)) return { ok: false, why: 'it writes a link' };
  if (/[@<>`*_~|#\\]/.test(text)) return { ok: false, why: 'it writes a mention or markup' };
  // digits inside the brand's name or a theme ("iOS 17") are words, not figures
  const named = [facts.brand, ...facts.themes.map((t) => t.term)].flatMap((w) => w.match(NUMBER) ?? []);
  const figures = new Set([...[facts.pool, ...facts.themes.flatMap((t) => [t.count, ...(t.was === undefined ? [] : [t.was])])].map(String), ...named]);
  const strange = (text.match(NUMBER) ?? []).filter((n) => !figures.has(n.replace(/,/g, '')));
  if (strange.length) return { ok: false, why: `figures not computed by the bot: ${[...new Set(strange)].join(', ')}` };
  const terms = new Set(facts.themes.map((t) => t.term.toLowerCase()));
  const quoted = [...text.matchAll(QUOTED)].map((m) => (m[1] ?? '').trim().toLowerCase());
  const invented = quoted.filter((q) => !terms.has(q));
  if (invented.length) return { ok: false, why: `it quotes words that are not a theme: "${invented[0]}"` };
  const first = facts.themes[0];
  if (first && !text.toLowerCase().includes(first.term.toLowerCase())) return { ok: false, why: `it leaves out the main theme "${first.term}"` };
  return { ok: true, text: /[.!?]$/.test(text) ? text : `${text}.` };
}
