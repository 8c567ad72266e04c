import type { Mention } from '../../domain/types.js';

/** A small English + French + German stop list: enough to keep rollup terms meaningful. */
const STOP = new Set(
  (
    'the and for are but not you all any can had her was one our out has him his how its may new now old see two way who ' +
    'did get let put say she too use that with this from they will would there their what about which when your were been ' +
    'have more some than them then these this into just like only over also back after very even most much such here ' +
    'could should does doing being because while where other those through before just http https www com amp ' +
    'les des une est pour pas que qui dans sur avec par sont der die das und ist nicht mit von den'
  ).split(' '),
);

/** Terms of a mention: lowercased words (>= 3 letters, not stop words, not numbers) and #hashtags, each once. */
export function defaultTermsOf(m: Pick<Mention, 'title' | 'text'>): string[] {
  const out = new Set<string>();
  const text = `${m.title} ${m.text}`.toLowerCase();
  for (const match of text.matchAll(/#?[\p{L}\p{N}][\p{L}\p{N}_'-]*/gu)) {
    const raw = match[0].replace(/['-]+$/, '');
    const term = raw.startsWith('#') ? raw : raw.replace(/'s$/, '');
    if (term.startsWith('#')) {
      if (term.length > 1) out.add(term);
      continue;
    }
    if (term.length < 3 || term.length > 40 || STOP.has(term) || /^\p{N}+$/u.test(term)) continue;
    out.add(term);
  }
  return [...out];
}
