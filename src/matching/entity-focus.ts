/**
 * Entity focus: the part of an item that speaks about one brand when the item names other brands too.
 * "Nimbus is down, we are moving to Stratus" is negative about Nimbus, not about Stratus; scoring each brand on the
 * clauses that name it keeps one brand's complaint out of a competitor's sentiment. Pure.
 */
import { squeezeSpace } from '../shared/text.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive matcher for a name, keyword or phrase (any whitespace between words). */
export function namePattern(name: string): RegExp {
  const body = name.trim().split(/\s+/).map(escape).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Clause boundaries: sentence ends, semicolons, commas, dashes, line breaks, and before contrast words. */
const CLAUSE_BREAK =
  /(?<=[.!?;:])\s+|\s*[,;]\s+|\s+[–—-]\s+|\s*\n+\s*|\s+(?=(?:but|however|whereas|while|although|though|unlike|than|instead of|compared to|vs\.?|versus)\s)/iu;

/** The clauses of a text, trimmed, empty ones dropped. */
export function clauses(text: string): string[] {
  return squeezeSpace(text)
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

const namesAny = (clause: string, patterns: readonly RegExp[]): boolean => patterns.some((p) => p.test(clause));

type Owner = 'own' | 'other' | 'both' | undefined;

/**
 * Who each clause is about: the entities it names; a clause that names none continues the clause before it
 * ("Nimbus outage: whole company blocked, worst service ever" is all about Nimbus), and clauses before the first name
 * belong to the first clause that names one.
 */
function owners(parts: readonly string[], own: readonly RegExp[], others: readonly RegExp[]): Owner[] {
  const named: Owner[] = parts.map((c) => {
    const o = namesAny(c, own);
    const x = namesAny(c, others);
    return o && x ? 'both' : o ? 'own' : x ? 'other' : undefined;
  });
  const out: Owner[] = [];
  let current = named.find((n) => n !== undefined);
  for (const n of named) {
    if (n !== undefined) current = n;
    out.push(current);
  }
  return out;
}

/**
 * A function giving the clauses of a text about one of `own`, joined, when the text also names one of `others`; null
 * when the whole text is about this entity (no other entity named, this one not located — it matched through a query
 * term — or every clause is about it). The name patterns are compiled once.
 */
export function entityFocuser(own: readonly string[], others: readonly string[]): (text: string) => string | null {
  const otherPatterns = others.filter((n) => n.trim() !== '').map(namePattern);
  const ownPatterns = own.filter((n) => n.trim() !== '').map(namePattern);
  return (text) => {
    if (otherPatterns.length === 0 || !namesAny(text, otherPatterns)) return null;
    const parts = clauses(text);
    const who = owners(parts, ownPatterns, otherPatterns);
    const mine = parts.filter((_, i) => who[i] === 'own' || who[i] === 'both');
    if (mine.length === 0 || mine.length === parts.length) return null;
    return mine.map((c, i) => (i < mine.length - 1 && !/[.!?:;]$/u.test(c) ? `${c}.` : c)).join(' ');
  };
}

/** entityFocuser(own, others)(text), for a single text. */
export function entityFocus(text: string, own: readonly string[], others: readonly string[]): string | null {
  return entityFocuser(own, others)(text);
}
