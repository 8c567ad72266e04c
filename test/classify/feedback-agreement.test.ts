import { describe, expect, it } from 'vitest';
import { agreementByClassifier, type FeedbackRecord } from '../../src/classify/feedback-agreement.js';
import { calibration } from '../../src/chat/discord/embeds/status-embed.js';

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

  it('GIVEN corrections that recorded the model\'s confidence THEN its mean is reported, and /status compares it with the agreement', () => {
    const sure = Array.from({ length: 20 }, (_, i) => ({ ...rec('local:v2', 'negative', i < 14 ? 'negative' : 'neutral', '2026-11-22T10:00:00.000Z'), confidence: 0.9 }));
    const [row] = agreementByClassifier([...sure, rec('local:v2', 'neutral', 'neutral', '2026-11-22T11:00:00.000Z')]);
    expect(row).toEqual({ classifier: 'local:v2', agreed: 15, total: 21, meanConfidence: 0.9 });
    // right 71 % of the time while 90 % sure
    expect(calibration(row!)).toBe(' (mean confidence 90%: more sure than right by 19 points)');
    expect(calibration({ ...row!, meanConfidence: 0.73 })).toBe(' (mean confidence 73%: calibrated)');
    expect(calibration({ classifier: 'x', agreed: 3, total: 4, meanConfidence: 0.9 })).toBe('');
  });

  it('GIVEN nothing THEN empty', () => {
    expect(agreementByClassifier([])).toEqual([]);
  });
});
