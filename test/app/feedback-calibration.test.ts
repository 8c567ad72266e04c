import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import { mention } from '../analysis/fixtures.js';
import { batch } from '../store/helpers.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';

describe('corrections measure calibration, not only agreement', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  it('a correction keeps the confidence the model had, and /status reports its mean next to the agreement', async () => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [] });
    const now = new Date('2026-11-23T12:00:00Z');
    const ms = Array.from({ length: 4 }, (_, i) => mention(`m${i}`, 'negative', '2026-11-23T10:00:00.000Z', { brand: 'Nimbus', confidence: 0.6 + i * 0.1 }));
    await app.store.commit(batch({ mentions: ms, seenItemKeys: ms.map((m) => m.itemKey) }));
    for (const [i, m] of ms.entries()) expect((await app.api.correctSentiment(m.key, i < 3 ? 'negative' : 'neutral', `u${i}`, now)).ok).toBe(true);
    expect((await app.store.feedback()).map((f) => f.confidence)).toEqual([0.6, 0.7, 0.8, 0.9]);
    const s = await app.api.status(now);
    expect(s.feedbackAgreement).toEqual([{ classifier: ms[0]!.sentiment.classifier, agreed: 3, total: 4, meanConfidence: 0.75 }]);
  });
});
