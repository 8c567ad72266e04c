import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestCorrections } from '../../src/classify/feedback-agreement.js';
import { loadFeedback } from '../../scripts/train/data.js';

const rec = (mentionKey: string, by: string, at: string, label: 'negative' | 'neutral' | 'positive', text = 'txt') => ({ mentionKey, by, at, label, text, predicted: 'neutral' as const, classifier: 'local:x' });

describe('feedback loop', () => {
  it('GIVEN a person correcting the same mention twice, and a re-import THEN one correction per person per mention, the latest', () => {
    const out = latestCorrections([rec('m1', 'ann', '2026-11-01T00:00:00Z', 'negative'), rec('m1', 'ann', '2026-11-02T00:00:00Z', 'positive'), rec('m1', 'bob', '2026-11-01T00:00:00Z', 'negative'), rec('m1', 'ann', '2026-11-01T12:00:00Z', 'neutral')]);
    expect(out.map((r) => `${r.by}:${r.label}`).sort()).toEqual(['ann:positive', 'bob:negative']);
  });

  it('GIVEN the bot data directory THEN training reads its stored corrections (--with-feedback without a file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    try {
      expect(loadFeedback(dir, 3)).toEqual([]);
      writeFileSync(join(dir, 'feedback.json'), JSON.stringify({ records: [rec('m1', 'ann', '2026-11-01T00:00:00Z', 'negative', 'it broke'), rec('m1', 'ann', '2026-11-02T00:00:00Z', 'positive', 'it broke'), rec('m2', 'bob', '2026-11-01T00:00:00Z', 'neutral', 'opens at 9')] }));
      const ex = loadFeedback(dir, 3);
      expect(ex).toEqual([
        { text: 'it broke', label: 2, weight: 3 },
        { text: 'opens at 9', label: 1, weight: 3 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
