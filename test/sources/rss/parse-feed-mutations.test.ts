/**
 * Property test (issue 12, item 2): structural mutations of valid RSS 2.0, Atom and RSS 1.0 documents (removed
 * attributes, empty elements, wrong nesting, truncated text) applied to one item and to the feed-level elements. The
 * documents stay well-formed XML, so parseFeed must read them: every good sibling item survives with its title and
 * link, and no warning or failure reason is an internal error ("Cannot read properties of undefined ..."). Fixed
 * seeds, so a run is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/rss/parse-feed.js';
import { FeedParseError } from '../../../src/sources/rss/feed-errors.js';
import { buildFeed, el, elementsOf, goodItem, toXml } from './feed-trees.js';
import type { El, Format } from './feed-trees.js';

const BASE = 'http://example.com/feed';
const GOOD = 3;
const INTERNAL = /Cannot read propert|is not a function|is not iterable|undefined \(reading|of null/;

type Op = 'removeAttr' | 'empty' | 'nest' | 'truncate' | 'emptyVictim' | 'textVictim' | 'wrap' | 'misplace';
interface Mutation {
  op: Op;
  feedLevel: boolean;
  a: number;
  b: number;
  cut: number;
}

const mutation = fc.record({
  op: fc.constantFrom<Op>('removeAttr', 'empty', 'nest', 'truncate', 'emptyVictim', 'textVictim', 'wrap', 'misplace'),
  feedLevel: fc.boolean(),
  a: fc.nat(),
  b: fc.nat(),
  cut: fc.nat(),
});

const ITEM_NAMES = new Set(['item', 'entry']);

/** The element whose own children a feed-level mutation may touch (never an item). */
function feedLevel(root: El): El {
  const channel = root.children.find((c): c is El => typeof c !== 'string' && c.name === 'channel');
  return channel ?? root;
}

/** Feed-level elements (not the root, not items or anything inside them). */
function feedElements(root: El): El[] {
  const scope = feedLevel(root);
  const own = scope.children.filter((c): c is El => typeof c !== 'string' && !ITEM_NAMES.has(c.name));
  return [...(scope === root ? [] : [scope]), ...own.flatMap(elementsOf)];
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** Text nodes as [parent, index] pairs. */
function texts(nodes: El[]): [El, number][] {
  return nodes.flatMap((n) => n.children.flatMap((c, i): [El, number][] => (typeof c === 'string' ? [[n, i]] : [])));
}

function mutate(format: Format, root: El, victim: El, m: Mutation): void {
  const scope = m.feedLevel ? feedElements(root) : elementsOf(victim);
  switch (m.op) {
    case 'removeAttr': {
      const target = pick(scope.filter((e) => Object.keys(e.attrs).length > 0), m.a);
      const key = target && pick(Object.keys(target.attrs), m.b);
      if (target && key !== undefined) delete target.attrs[key];
      return;
    }
    case 'empty': {
      // never the channel itself (that would empty the good items too), nor the victim as a whole (emptyVictim)
      const target = pick(m.feedLevel ? scope.filter((e) => e !== feedLevel(root)) : scope.slice(1), m.a);
      if (target) target.children = [];
      return;
    }
    case 'nest': {
      // one child element moved inside another (<link><title>..</title></link>)
      const parent = m.feedLevel ? feedLevel(root) : victim;
      const kids = parent.children.filter((c): c is El => typeof c !== 'string' && !ITEM_NAMES.has(c.name));
      const moved = pick(kids, m.a);
      const into = pick(kids.filter((k) => k !== moved), m.b);
      if (!moved || !into) return;
      parent.children = parent.children.filter((c) => c !== moved);
      into.children.push(moved);
      return;
    }
    case 'truncate': {
      const hit = pick(texts(scope), m.a);
      if (!hit) return;
      const [node, i] = hit;
      const value = node.children[i] as string;
      node.children[i] = value.slice(0, m.cut % (value.length + 1));
      return;
    }
    case 'emptyVictim':
      victim.children = [];
      victim.attrs = {};
      return;
    case 'textVictim':
      victim.children = [`loose text ${m.cut}`];
      return;
    case 'wrap':
      victim.children = [el(victim.name, {}, victim.children)];
      return;
    case 'misplace': {
      // the victim one level off: inside the channel for RDF, beside it for RSS 2.0, inside a feed-level element for Atom
      const inVictim = new Set(elementsOf(victim));
      const into =
        format === 'rdf' ? feedLevel(root) : format === 'rss' ? root : pick(feedElements(root).filter((e) => !inVictim.has(e)), m.a);
      if (!into) return;
      for (const e of elementsOf(root)) e.children = e.children.filter((c) => c !== victim);
      into.children.push(victim);
      return;
    }
  }
}

async function check(format: Format, victimAt: number, mutations: Mutation[]): Promise<void> {
  const { root, victim } = buildFeed(format, GOOD, victimAt);
  for (const m of mutations) mutate(format, root, victim, m);
  const xml = toXml(root);
  let res;
  try {
    res = await parseFeed(xml, BASE);
  } catch (err) {
    expect(err).toBeInstanceOf(FeedParseError);
    throw new Error(`rejected (${(err as FeedParseError).reason}): ${xml}`, { cause: err });
  }
  for (const w of res.warnings) expect(w, xml).not.toMatch(INTERNAL);
  for (let k = 0; k < GOOD; k++) {
    const { title, link } = goodItem(k);
    expect(res.items.find((i) => i.title === title && i.link === link), `${title} lost in ${xml}`).toBeDefined();
  }
  // an intact item one level off (RSS 1.0 item inside <channel>, RSS 2.0 item beside it) is read too
  if (format !== 'atom' && mutations.every((m) => m.op === 'misplace')) {
    expect(res.items.map((i) => i.title), xml).toContain('Victim item 99');
  }
}

describe('parseFeed under structural mutations of a sibling and of the feed level', () => {
  for (const [format, seed] of [['rss', 101], ['atom', 202], ['rdf', 303]] as const) {
    it(`${format}: every good item survives, no internal error`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (at, ms) => check(format, at, ms)),
        { numRuns: 300, seed },
      );
    });
  }

  it('the unmutated documents give all their items (the property has something to lose)', async () => {
    for (const format of ['rss', 'atom', 'rdf'] as const) {
      const res = await parseFeed(toXml(buildFeed(format, GOOD, 1).root), BASE);
      expect(res.items.map((i) => i.title)).toEqual(['Good item 0', 'Victim item 99', 'Good item 1', 'Good item 2']);
      expect(res.warnings).toEqual([]);
    }
  });

  it('a truncated document only ever resolves or rejects with a readable FeedParseError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Format>('rss', 'atom', 'rdf'), fc.nat(), async (format, cut) => {
        const xml = toXml(buildFeed(format, GOOD, 1).root);
        try {
          const res = await parseFeed(xml.slice(0, cut % (xml.length + 1)), BASE);
          for (const w of res.warnings) expect(w).not.toMatch(INTERNAL);
        } catch (err) {
          expect(err).toBeInstanceOf(FeedParseError);
          expect((err as FeedParseError).reason).not.toMatch(INTERNAL);
        }
      }),
      { numRuns: 150, seed: 404 },
    );
  });
});
