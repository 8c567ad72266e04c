import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app/build.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Alert, Mention, SentimentLabel } from '../../src/domain/types.js';
import type { AskAnswer } from '../../src/chat/api.js';
import { askEmbed } from '../../src/chat/discord/embeds/ask-embed.js';
import { answerQuestion } from '../../src/app/ask.js';
import { configuredTerms, outboxEntryFor } from '../../src/pipeline/alerting.js';
import type { GuardedPhraser } from '../../src/classify/phraser.js';
import { mention } from '../analysis/fixtures.js';
import { batch } from '../store/helpers.js';
import { recordingSink, tempBot, type TempBot } from '../support/temp-config.js';

const HOUR = 3_600_000;
// Wednesday 2 December 2026, 12:00 UTC; the team's zone is UTC
const NOW = new Date('2026-12-02T12:00:00Z');
const DAY_BEFORE = Date.parse('2026-11-30T00:00:00Z');
const YESTERDAY = Date.parse('2026-12-01T00:00:00Z');

function day(brand: string, start: number, n: number, label: (i: number) => SentimentLabel, text: (i: number) => string, terms: (i: number) => string[] = () => []): Mention[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + (i * 23 * HOUR) / n + 60_000).toISOString();
    return mention(`${brand}-${start}-${i}`, label(i), at, { brand, title: text(i), text: text(i), terms: terms(i), url: `https://social.example/${brand}/${start}/${i}` });
  });
}

describe('/ask: questions answered from the store, with figures and stored quotes', () => {
  let bot: TempBot;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    rmSync(bot.root, { recursive: true, force: true });
  });

  async function seeded(): Promise<{ app: App; stored: Mention[] }> {
    bot = tempBot({ brands: [{ name: 'Nimbus', competitors: ['Stratus'] }, { name: 'Stratus' }], settings: { timezone: 'UTC' } });
    app = await buildApp({ configDir: bot.configDir, dataDir: bot.dataDir, env: {}, logger: silentLogger(), sink: recordingSink(), demo: false, sources: [] });
    const stored = [
      ...day('Nimbus', DAY_BEFORE, 20, (i) => (i < 2 ? 'negative' : i < 14 ? 'positive' : 'neutral'), (i) => `Nimbus works fine for me ${i}`),
      ...day('Nimbus', YESTERDAY, 20, (i) => (i < 12 ? 'negative' : 'neutral'), (i) => (i < 12 ? `Nimbus sync outage again, my files are gone ${i}` : `Nimbus pricing page ${i}`), (i) => (i < 12 ? ['sync outage', 'files'] : ['pricing'])),
      ...day('Stratus', YESTERDAY, 10, (i) => (i < 8 ? 'positive' : 'negative'), (i) => (i < 3 ? `Stratus price is fair ${i}` : `Stratus is fast ${i}`)),
      mention('hostile', 'negative', new Date(NOW.getTime() - HOUR).toISOString(), { brand: 'Nimbus', title: '@everyone **Nimbus** is a scam <@123>', text: '', reach: { score: 900 }, url: 'https://social.example/hostile' }),
    ];
    await app.store.commit(batch({ mentions: stored, seenItemKeys: stored.map((m) => m.itemKey) }));
    const alert: Alert = { id: 'negative-spike:Nimbus:2026-12-01T09:00:00.000Z', brand: 'Nimbus', rule: 'negative-spike', severity: 'critical', title: 'Negative mentions spike for Nimbus: 9 in hour (usually 1)', createdAt: '2026-12-01T09:00:00.000Z', explanation: { summary: 's', window: { start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T09:00:00.000Z' }, details: {} }, mentions: [] };
    await app.store.outboxEnqueue([outboxEntryFor(alert, new Date(alert.createdAt))]);
    return { app, stored };
  }

  const quotesAreStored = (a: AskAnswer, stored: Mention[]): void => {
    for (const c of a.cites) expect(stored.find((m) => m.key === c.key)?.url).toBe(c.url);
  };

  it('"why did Nimbus drop yesterday?" gives the fall of the index, the negative share against the day before, the incident and what people said', async () => {
    const { app, stored } = await seeded();
    const r = await app.api.ask('why did Nimbus drop yesterday?', NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ intent: 'why', brands: ['Nimbus'], period: { label: 'yesterday', start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' } });
    const text = r.value.lines.join('\n');
    expect(text).toMatch(/Nimbus's reputation index fell yesterday: (\d+) → (\d+)\./);
    const [, from, to] = /fell yesterday: (\d+) → (\d+)/.exec(text)!;
    expect(Number(to)).toBeLessThan(Number(from));
    expect(text).toContain('Negative mentions: 12 of 20 (60 %), against 10 % in the same length of time before');
    expect(text).toContain('"Negative mentions spike for Nimbus: 9 in hour (usually 1)"');
    expect(text).toMatch(/"sync outage" in 12 of 12 negative mentions/);
    expect(r.value.cites.length).toBeGreaterThan(0);
    quotesAreStored(r.value, stored);
  });

  it('with a chat model THEN what people say is in its words, checked like an incident summary: figures and the quote stay the bot\'s', async () => {
    const { app, stored } = await seeded();
    const brands = app.config.brands;
    const asked: string[] = [];
    const phraser = (answer: string): GuardedPhraser => ({
      name: 'hf:test/chat',
      isOpen: () => false,
      phrase: (f) => (asked.push(`${f.brand}:${f.pool}:${f.themes[0]?.term}:${f.themes[0]?.count}`), Promise.resolve({ text: answer })),
    });
    const deps = (answer: string) => ({ store: app.store, brands, ori: app.config.settings.reputation, timezone: 'UTC', excludedTerms: configuredTerms(brands), phrasing: { phraser: phraser(answer), logger: silentLogger() } });
    const worded = await answerQuestion(deps('Nearly all of the 12 negative mentions are about the "sync outage".'), 'why did Nimbus drop yesterday?', NOW);
    expect(asked).toEqual(['Nimbus:12:sync outage:12']);
    const line = worded.lines.find((l) => l.startsWith('What people say about Nimbus'))!;
    expect(line).toMatch(/^What people say about Nimbus: Nearly all of the 12 negative mentions are about the "sync outage"\. For example: ".+" \(https:\/\/social\.example\/Nimbus\/\d+\/\d+\)\.$/);
    expect(worded.lines.at(-1)).toBe("(What people say is worded by hf:test/chat from the bot's figures; every figure and quote is the bot's.)");
    quotesAreStored(worded, stored);
    // a wording with a figure of its own is not used
    const invented = await answerQuestion(deps('About 90 % of the 12 negative mentions are about the "sync outage".'), 'why did Nimbus drop yesterday?', NOW);
    expect(invented.lines.join('\n')).toMatch(/"sync outage" in 12 of 12 negative mentions/);
    expect(invented.lines.join('\n')).not.toMatch(/90|worded by/);
  });

  it('a topic question counts the mentions about it per brand, by sentiment', async () => {
    const { app, stored } = await seeded();
    const r = await app.api.ask('what are people saying about pricing yesterday?', NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.intent).toBe('topic');
    expect(r.value.lines).toContain('Nimbus, yesterday: 8 mentions about "pricing" of 20: 0 negative, 8 neutral, 0 positive (no net sentiment (no positive or negative mentions)).');
    expect(r.value.lines).toContain('Stratus, yesterday: 3 mentions about "pricing" of 10: 0 negative, 0 neutral, 3 positive (net sentiment +1.00).');
    quotesAreStored(r.value, stored);
  });

  it('compare gives share of voice and net sentiment of each brand; worst quotes the most negative mention first, escaped in the embed', async () => {
    const { app, stored } = await seeded();
    const c = await app.api.ask('compare Nimbus and Stratus yesterday', NOW);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.value.lines[0]).toMatch(/^Nimbus: 20 mentions \(share of voice 67 %\), net sentiment −1\.00, reputation index \d+/);
    expect(c.value.lines[1]).toMatch(/^Stratus: 10 mentions \(share of voice 33 %\), net sentiment \+0\.60/);
    const w = await app.api.ask('show the worst Nimbus mentions today', NOW);
    if (!w.ok) throw new Error(w.error.message);
    expect(w.value.cites[0]?.key).toBe('Nimbus|hostile');
    quotesAreStored(w.value, stored);
    const e = askEmbed(w.value);
    const all = JSON.stringify(e);
    expect(all).not.toMatch(/@everyone|<@123>/);
    expect(e.description).toContain('\\*\\*Nimbus\\*\\*');
    expect(e.footer?.text).toMatch(/^Read as: the worst mentions, for Nimbus, today/);
  });

  it('"how are we doing?" covers every brand with figures and a link to a stored mention', async () => {
    const { app, stored } = await seeded();
    const r = await app.api.ask('how are we doing?', NOW);
    if (!r.ok) throw new Error(r.error.message);
    // the last 24 hours hold the second half of yesterday (1 of its 9 mentions negative) and the hostile one
    expect(r.value.lines[0]).toMatch(/^Nimbus, the last 24 hours: 10 mentions \(down 50 % from 20\), 20 % negative, net sentiment −1\.00; reputation index \d+ \(−\d+ over the period\)\.$/);
    expect(r.value.lines.some((l) => l.startsWith('Stratus, the last 24 hours:'))).toBe(true);
    expect(r.value.cites.length).toBeGreaterThan(0);
    expect(r.value.cites.every((c) => c.url?.startsWith('https://social.example/'))).toBe(true);
    quotesAreStored(r.value, stored);
  });

  it('an empty question is refused with an example; one it cannot read gets the forms it can', async () => {
    const { app } = await seeded();
    const r = await app.api.ask('  ', NOW);
    expect(r).toMatchObject({ ok: false, error: { code: 'empty-question' } });
    const u = await app.api.ask('tell me a joke', NOW);
    if (!u.ok) throw new Error(u.error.message);
    expect(u.value.intent).toBe('unknown');
    expect(u.value.lines.join('\n')).toContain('"why did Nimbus drop yesterday?"');
    expect(u.value.cites).toEqual([]);
  });
});
