import { describe, expect, it } from 'vitest';
import { agreementByClassifier, type FeedbackRecord } from '../../src/classify/feedback-agreement.js';

const rec = (classifier: string, predicted: FeedbackRecord['predicted'], label: FeedbackRecord['label'], at: string): FeedbackRecord => ({ classifier, predicted, label, at });

describe('agreementByClassifier', () => {
  const records = [
    rec('local:nbsvm-v1', 'negative', 'negative', '2026-11-20T10:00:00.000Z'),
    rec('local:nbsvm-v1', 'neutral', 'negative', '2026-11-21T10:00:00.000Z'),
    rec('hf:cardiff', 'positive', 'positive', '2026-11-22T10:00:00.000Z'),
    rec('hf:cardiff', 'positive', 'positive', '2026-11-19T10:00:00.000Z'),
    rec('local:nbsvm-v1', 'positive', 'positive', 'not a date'),
  ];

  it('GIVEN corrections THEN counts agreement per classifier, sorted by name, skipping bad times', () => {
    expect(agreementByClassifier(records)).toEqual([
      { classifier: 'hf:cardiff', agreed: 2, total: 2 },
      { classifier: 'local:nbsvm-v1', agreed: 1, total: 2 },
    ]);
  });

  it('GIVEN since THEN older corrections are left out', () => {
    expect(agreementByClassifier(records, new Date('2026-11-21T00:00:00.000Z'))).toEqual([
      { classifier: 'hf:cardiff', agreed: 1, total: 1 },
      { classifier: 'local:nbsvm-v1', agreed: 0, total: 1 },
    ]);
  });

  it('GIVEN nothing THEN empty', () => {
    expect(agreementByClassifier([])).toEqual([]);
  });
});
