import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { computeRollups, defaultTermsOf, openLowdbStore } from '../../src/store/lowdb/index.js';
import { batch, checkConsistency, mention, tempDir } from './helpers.js';

const NOW = new Date('2026-11-23T12:30:00.000Z');

describe('rollups', () => {
  it('keep only the top terms, ties broken by term', () => {
    const ms = Array.from({ length: 3 }, (_, i) => mention({ itemKey: `i${i}`, publishedAt: '2026-11-23T10:05:00.000Z', title: '', text: i === 0 ? 'zeta alpha' : 'alpha beta' }));
    const [r] = computeRollups(ms, defaultTermsOf, 2);
    expect(r?.terms).toEqual({ alpha: 3, beta: 2 });
    expect(defaultTermsOf({ title: "Acme's NEW launch", text: 'the 2026 #Launch of it' })).toEqual(['acme', 'launch', '#launch']);
  });

  it('GIVEN any sequence of overlapping commits, reopenings and journal replays THEN mentions are unique and rollups equal them', async () => {
    const step = fc.record({
      ids: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }),
      action: fc.constantFrom('commit', 'reopen', 'replay'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const { dir, cleanup } = await tempDir();
        const open = () => openLowdbStore({ dir, logger: silentLogger(), now: () => NOW });
        let s = await open();
        const expected = new Set<string>();
        try {
          for (const { ids, action } of steps) {
            const b = batch({
              mentions: ids.map((id) =>
                mention({ itemKey: `rss:${id}`, brand: id % 2 ? 'acme' : 'globex', publishedAt: `2026-11-${20 + (id % 4)}T${String(id % 24).padStart(2, '0')}:00:00Z` }),
              ),
            });
            for (const m of b.mentions) expected.add(m.key);
            if (action === 'replay') {
              await s.commit(b); // applied, then "crash" leaves its journal behind
              await s.close();
              await writeFile(join(dir, 'journal.json'), JSON.stringify({ journal: 1, writtenAt: NOW.toISOString(), batch: b }));
              s = await open();
            } else {
              await s.commit(b);
              if (action === 'reopen') {
                await s.close();
                s = await open();
              }
            }
          }
          const { mentions, problems } = await checkConsistency(s, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
          expect(problems).toEqual([]);
          expect(new Set(mentions.map((m) => m.key))).toEqual(expected);
        } finally {
          await s.close();
          await cleanup();
        }
      }),
      { numRuns: 6 },
    );
  });
});
