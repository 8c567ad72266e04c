import type { QueryNode, TextField, WordPattern } from './ast.js';
import type { PreparedDocument, PreparedField } from './prepared.js';

export type Matcher = (doc: PreparedDocument) => boolean;
/** inclusive word positions [start, end] */
type Span = readonly [number, number];

function wordMatches(f: PreparedField, i: number, w: WordPattern): boolean {
  if (w.prefix !== '' && f.prefixes[i] !== w.prefix) return false;
  const word = f.words[i]!;
  const base = f.bases[i]!;
  if (w.wildcard === undefined) return word === w.word || base === w.word;
  if (w.literalPrefix !== undefined && !word.startsWith(w.literalPrefix)) return false;
  return w.wildcard.test(word) || (base !== word && w.wildcard.test(base));
}

/** Positions where the word sequence starts; stops after the first when `firstOnly`. */
function phraseStarts(f: PreparedField, words: readonly WordPattern[], firstOnly: boolean): readonly number[] {
  const first = words[0]!;
  let candidates: readonly number[];
  if (first.wildcard === undefined) {
    candidates = f.positions(first.word, first.prefix);
  } else {
    const c: number[] = [];
    for (let i = 0; i < f.length; i++) if (wordMatches(f, i, first)) c.push(i);
    candidates = c;
  }
  if (words.length === 1) return candidates;
  const out: number[] = [];
  outer: for (const s of candidates) {
    if (s + words.length > f.length) break;
    for (let k = 1; k < words.length; k++) if (!wordMatches(f, s + k, words[k]!)) continue outer;
    out.push(s);
    if (firstOnly) break;
  }
  return out;
}

function spansIn(node: QueryNode, doc: PreparedDocument, field: TextField): Span[] {
  switch (node.kind) {
    case 'words': {
      if (!node.fields.includes(field)) return [];
      const len = node.words.length;
      return phraseStarts(doc.field(field), node.words, false).map((s) => [s, s + len - 1] as const);
    }
    case 'or':
      return node.children.flatMap((c) => spansIn(c, doc, field));
    case 'near':
      return nearSpans(node, doc, field, false);
    default:
      return [];
  }
}

function nearSpans(node: Extract<QueryNode, { kind: 'near' }>, doc: PreparedDocument, field: TextField, firstOnly: boolean): Span[] {
  const left = spansIn(node.left, doc, field);
  if (left.length === 0) return [];
  const right = spansIn(node.right, doc, field);
  const out: Span[] = [];
  for (const l of left) {
    for (const r of right) {
      let gap: number;
      if (l[1] < r[0]) gap = r[0] - l[1] - 1;
      else if (!node.ordered && r[1] < l[0]) gap = l[0] - r[1] - 1;
      else continue; // overlapping (the same words cannot be both sides) or wrong order
      if (gap > node.distance) continue;
      out.push([Math.min(l[0], r[0]), Math.max(l[1], r[1])]);
      if (firstOnly) return out;
    }
  }
  return out;
}

/** Text fields any word below `node` can match in. */
function fieldsOf(node: QueryNode, acc = new Set<TextField>()): Set<TextField> {
  if (node.kind === 'words') node.fields.forEach((f) => acc.add(f));
  else if (node.kind === 'or') node.children.forEach((c) => fieldsOf(c, acc));
  else if (node.kind === 'near') {
    fieldsOf(node.left, acc);
    fieldsOf(node.right, acc);
  }
  return acc;
}

/** Turns the AST into a closure tree once, so matching does no parsing or allocation beyond the lookups. */
export function compileNode(node: QueryNode): Matcher {
  switch (node.kind) {
    case 'words': {
      const { words, fields } = node;
      return (d) => fields.some((f) => phraseStarts(d.field(f), words, true).length > 0);
    }
    case 'site': {
      const host = node.host;
      const suffix = `.${host}`;
      return (d) => d.site !== undefined && (d.site === host || d.site.endsWith(suffix));
    }
    case 'lang': {
      const code = node.code;
      return (d) => d.language === code;
    }
    case 'and': {
      const cs = node.children.map(compileNode);
      return (d) => cs.every((c) => c(d));
    }
    case 'or': {
      const cs = node.children.map(compileNode);
      return (d) => cs.some((c) => c(d));
    }
    case 'not': {
      const c = compileNode(node.child);
      return (d) => !c(d);
    }
    case 'near': {
      const fields = [...fieldsOf(node)];
      return (d) => fields.some((f) => nearSpans(node, d, f, true).length > 0);
    }
  }
}
