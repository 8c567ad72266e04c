import { Routes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/domain/types.js';
import { digestEmbed } from '../../../src/chat/discord/embeds/digest-embed.js';
import { payload } from '../../../src/chat/discord/respond.js';
import { DISCORD_LIMITS, messageLimitProblems, opt, type RecordedRequest } from '../../support/discord-standin/index.js';
import { mentionRef, sampleDigest } from './fake-bot-api.js';
import { startHarness, useHarness } from './sink-harness.js';

type Body = { type?: number; data?: MessageBody } & MessageBody;
type MessageBody = { content?: string; flags?: number; embeds?: { title?: string }[]; attachments?: unknown[] };

const x = (n: number) => 'x'.repeat(n);

describe('the stand-in refuses what Discord refuses', () => {
  it.each([
    ['content', { content: x(2001) }],
    ['embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }],
    ['embeds.0.title', { embeds: [{ title: x(257) }] }],
    ['embeds.0.description', { embeds: [{ description: x(4097) }] }],
    ['embeds.0.fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }],
    ['embeds.0.fields.0.value', { embeds: [{ fields: [{ name: 'n', value: x(1025) }] }] }],
    ['embeds._total', { embeds: [{ description: x(4000) }, { description: x(2001) }] }],
  ])('names %s', (path, body) => {
    expect(Object.keys(messageLimitProblems(body))).toContain(path);
  });

  it('accepts a message exactly at every limit', () => {
    const fields = Array.from({ length: DISCORD_LIMITS.fields }, () => ({ name: 'n', value: 'v' }));
    expect(messageLimitProblems({ content: x(2000), embeds: [{ title: x(256), description: x(4096 - 256 - 50), fields }, { description: x(6000 - 4096) }] })).toEqual({});
  });

  it('answers a real discord.js post over 6000 characters with 400 / 50035, and stores nothing', async () => {
    const h = await startHarness();
    try {
      const post = h.sink.client.rest.post(Routes.channelMessages(h.discord.channelId), { body: { embeds: [{ description: x(4000) }, { description: x(2500) }] } });
      await expect(post).rejects.toMatchObject({ status: 400, code: 50035 });
      expect(h.discord.channelMessages()).toEqual([]);
      expect(h.discord.limitRefusals).toHaveLength(1);
    } finally {
      await h.sink.stop();
      await h.discord.close();
    }
  });
});

/** A digest as a busy day produces it: long headlines and URLs, eight trending terms, eight brands' share of voice. */
function busyDigest(brand: string): Digest {
  const long = (i: number, sentiment: 'positive' | 'negative') =>
    mentionRef(i, { sentiment, title: `${brand} ${'headline words that go on and on '.repeat(5)}${i}`, url: `https://news.example/${brand.toLowerCase()}/${'section/'.repeat(8)}story-${i}` });
  return sampleDigest({
    brand,
    topPositive: [1, 2, 3].map((i) => long(i, 'positive')),
    topNegative: [4, 5, 6].map((i) => long(i, 'negative')),
    trending: Array.from({ length: 8 }, (_, i) => ({ term: `trending-term-number-${i}-${brand.toLowerCase()}`, count: 20 - i, score: 4 })),
    shareOfVoice: Array.from({ length: 8 }, (_, i) => ({ brand: `${brand} Competitor With A Long Name ${i}`, count: 10 + i, share: 0.1 })),
  });
}

describe('a reply is fitted as one message', () => {
  it('four busy digest embeds, each fine alone, are cut together to Discord\'s 6000 per message', () => {
    const embeds = ['Acme', 'Globex', 'Initech', 'Umbrella'].map((b) => digestEmbed(busyDigest(b)));
    for (const e of embeds) expect(messageLimitProblems({ embeds: [e] })).toEqual({});
    expect(Object.keys(messageLimitProblems({ embeds }))).toEqual(['embeds._total']);
    const sent = payload({ content: x(2500), embeds });
    expect(messageLimitProblems(sent)).toEqual({});
    expect(sent.embeds?.[0]).toEqual(embeds[0]);
  });

  it('more than 10 embeds are cut to 10', () => {
    expect(payload({ embeds: Array.from({ length: 12 }, (_, n) => ({ title: `e${n}` })) }).embeds).toHaveLength(10);
  });
});

describe('/digest for every brand', () => {
  const brands = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'];
  const h = useHarness(async () => {
    const started = await startHarness();
    started.api.digest = async () => ({ ok: true, value: brands.map(busyDigest) });
    return started;
  });

  it('stays within Discord limits: one message per digest, each with its own chart, nothing refused', async () => {
    const i = await h.discord.slash('digest', [], { userId: '700000000000000042' });
    const hook = `/webhooks/${h.discord.applicationId}/${i.token}`;
    const isAnswer = (r: RecordedRequest) => r.path === `${hook}/messages/@original` || r.path === hook;
    // 4 digests shown: the deferred reply is edited with the first, then one follow-up per further digest
    await h.discord.waitFor((r) => r.method === 'DELETE' || (isAnswer(r) && h.discord.responses(i).filter(isAnswer).length >= 4), 10_000);
    const answers = h.discord.responses(i).filter(isAnswer);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(h.discord.limitRefusals).toEqual([]);
    expect(h.discord.responses(i).some((r) => r.method === 'DELETE')).toBe(false);
    const titles = answers.map((r) => (r.body as Body).embeds?.map((e) => e.title ?? ''));
    expect(titles.map((t) => t?.length)).toEqual([1, 1, 1, 1]);
    expect(titles.flat().join(' ')).toMatch(/Acme.*Globex.*Initech.*Umbrella/);
    for (const r of answers) {
      expect(r.files).toHaveLength(1);
      expect((r.body as Body).embeds?.[0]).toMatchObject({ image: { url: `attachment://${r.files[0]!.name}` } });
    }
    expect((answers[0]!.body as Body).content).toMatch(/4 of 5 brands/);
    // follow-ups of a public command are public too
    for (const r of answers.slice(1)) expect(((r.body as Body).flags ?? 0) & 64).toBe(0);
  });

  it('a single brand still comes as one message', async () => {
    h.api.digest = async () => ({ ok: true, value: [busyDigest('Acme')] });
    const i = await h.discord.slash('digest', [opt('brand', 'Acme')], { userId: '700000000000000042' });
    await h.discord.waitFor((r) => r.path.endsWith(`${i.token}/messages/@original`), 10_000);
    const hook = `/webhooks/${h.discord.applicationId}/${i.token}`;
    expect(h.discord.responses(i).filter((r) => r.method === 'POST' && r.path === hook)).toEqual([]);
  });
});
