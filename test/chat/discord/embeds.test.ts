import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { alertEmbed } from '../../../src/chat/discord/embeds/alert-embed.js';
import { digestEmbed } from '../../../src/chat/discord/embeds/digest-embed.js';
import { embedChars, fitEmbeds } from '../../../src/chat/discord/embeds/fit.js';
import { mentionLine } from '../../../src/chat/discord/embeds/mention-lines.js';
import { statusEmbed } from '../../../src/chat/discord/embeds/status-embed.js';
import { LIMITS, neutraliseMentions, safeText, safeUrl, truncate } from '../../../src/chat/discord/embeds/text.js';
import { createFakeBotApi, mentionRef, NOW, sampleAlert, sampleDigest } from './fake-bot-api.js';

/** What Discord would parse as a ping or a mention. */
const PINGS = /@everyone|@here|<@[!&]?\d+>|<#\d+>/i;

describe('mention neutralisation', () => {
  it.each(['@everyone', '@here', '@EVERYONE', '<@&123>', '<@456>', '<@!789>', '<#42>'])('GIVEN %s THEN nothing can ping', (s) => {
    const out = safeText(`hi ${s} there`);
    expect(out).not.toMatch(PINGS);
    expect(out.replace(/\u200b/g, '')).toBe(`hi ${s} there`);
  });

  it('property: no text from a feed survives as a mention', () => {
    const piece = fc.constantFrom('@everyone', '@here', '<@&', '<@', '<@!', '<#', '123', '>', ' ', '*', '_', '`', '\\', '[', ']', '(', ')', '\n', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => !PINGS.test(safeText(parts.join('')))));
  });

  it('escapes markdown, headings, lists and masked links', () => {
    expect(safeText('**bold** _it_ `code` ||spoiler||')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\|');
    expect(safeText('# Title\n- item\n1. one')).toBe('\\# Title\n\\- item\n1\\. one');
    expect(safeText('[click](https://evil.example)')).toBe('\\[click](https://evil.example)');
  });

  it('GIVEN 100k characters of markdown THEN escaping stays fast (input cut to the limit first)', () => {
    const started = performance.now();
    const out = safeText('*_'.repeat(50_000), 1024);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out.startsWith('\\*\\_')).toBe(true);
  });

  it('neutraliseMentions leaves normal @ and < alone', () => {
    expect(neutraliseMentions('mail me @ acme <3 a<b')).toBe('mail me @ acme <3 a<b');
  });
});

describe('truncate and URLs', () => {
  it('cuts with an ellipsis to exactly the limit and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    const emoji = 'a😀😀';
    expect(truncate(emoji, 3)).toBe('a…');
  });

  it.each([
    ['https://news.example/a(b)', 'https://news.example/a%28b%29'],
    ['http://x.example/', 'http://x.example/'],
    ['javascript:alert(1)', undefined],
    ['ftp://x.example/', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('safeUrl(%s) = %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  it('a mention line with a hostile title and URL keeps one well-formed link', () => {
    const line = mentionLine(mentionRef(1, { title: 'x](https://evil.example) @everyone', url: 'javascript:alert(1)' }));
    expect(line).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    expect(line).toContain('x\\](https://evil.example)');
    expect(line).not.toMatch(PINGS);
    expect(line).not.toContain('javascript');
  });
});

describe('fitEmbeds keeps every Discord limit', () => {
  const long = (n: number) => 'x'.repeat(n);

  it('caps each part and the 6000 total across 10 embeds', () => {
    const big: APIEmbed = {
      title: long(500),
      description: long(5000),
      footer: { text: long(3000) },
      fields: Array.from({ length: 30 }, () => ({ name: long(300), value: long(2000) })),
    };
    const out = fitEmbeds(Array.from({ length: 12 }, () => big));
    expect(out.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(embedChars(out)).toBeLessThanOrEqual(LIMITS.totalEmbedChars);
    const first = out[0]!;
    expect(first.title).toHaveLength(LIMITS.title);
    expect(first.footer?.text.length).toBeLessThanOrEqual(LIMITS.footer);
    for (const f of first.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  });

  it('property: any embeds come out within limits', () => {
    const str = fc.string({ maxLength: 6000 });
    const embed = fc.record({ title: str, description: fc.string({ maxLength: 9000 }), fields: fc.array(fc.record({ name: str, value: str }), { maxLength: 30 }) });
    fc.assert(
      fc.property(fc.array(embed, { maxLength: 12 }), (embeds) => {
        const out = fitEmbeds(embeds);
        return (
          out.length <= 10 &&
          embedChars(out) <= 6000 &&
          out.every((e) => (e.title?.length ?? 0) <= 256 && (e.description?.length ?? 0) <= 4096 && (e.fields?.length ?? 0) <= 25 && (e.fields ?? []).every((f) => f.name.length > 0 && f.value.length > 0 && f.value.length <= 1024))
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('alert and digest embeds', () => {
  it('an alert with huge untrusted text still fits and explains itself', () => {
    const e = alertEmbed(sampleAlert({ title: `<@&1> ${'t'.repeat(1000)}`, explanation: { ...sampleAlert().explanation, summary: 'y'.repeat(10_000) }, mentions: Array.from({ length: 50 }, (_, i) => mentionRef(i, { title: 'z'.repeat(500) })) }));
    expect(embedChars([e])).toBeLessThanOrEqual(6000);
    expect(e.title?.length).toBeLessThanOrEqual(256);
    expect(e.title).not.toMatch(PINGS);
    const top = e.fields?.find((f) => f.name.startsWith('Top mentions'));
    expect(top?.value.length).toBeLessThanOrEqual(1024);
    expect(top?.value.split('\n').every((l) => l.includes(']('))).toBe(true);
    expect(e.footer?.text).toBe(`Alert ${sampleAlert().id}`);
  });

  it('an alert reads in words: the figures and why in the description, now · usually · alert level, no machine details', () => {
    const e = alertEmbed(sampleAlert());
    const field = (n: string) => e.fields?.find((f) => f.name === n)?.value;
    expect(e.description).toBe('14 negative mentions in the last hour from 12 people; usually 2 (at most 6 on a normal day).\nIt fired because 14 reaches the alert level of 9 for this time of day.');
    expect(field('Now · usually · alert level')).toBe('14 · 2 · 9');
    expect(e.fields?.some((f) => f.name === 'Details')).toBe(false);
    expect(field('ORI')).toBe('41.5 (-12.3)');
    expect(field('Window')).toBe('10:30 → 11:30 (UTC)');
    expect(e.color).toBe(0xe74c3c);
  });

  it('a digest embed summarises volume change, ORI change and points at its chart', () => {
    const e = digestEmbed(sampleDigest(), 'chart.png');
    const field = (n: string) => e.fields?.find((f) => f.name === n)?.value;
    expect(field('Mentions')).toBe('16 (+7% vs previous day)');
    expect(field('ORI')).toBe('56.0 (+1.0)');
    expect(field('Alerts')).toContain('median time to react: 14 min');
    expect(e.image?.url).toBe('attachment://chart.png');
    expect(field('What people are saying')).toBeUndefined();
  });

  it("a digest's summary quotes mention text: shown escaped, so it neither formats nor pings", () => {
    const e = digestEmbed({ ...sampleDigest(), summary: 'People mostly talk about "refund" in 3 of 4 negative mentions. For example: "**worst** @everyone _ever_".' });
    const value = e.fields?.find((f) => f.name === 'What people are saying')?.value ?? '';
    expect(value).toContain('\\*\\*worst\\*\\*');
    expect(value).not.toMatch(/(^|[^\\])@everyone/);
  });
});

describe('status embed', () => {
  const report = async (outboxDead: number) => ({ ...(await createFakeBotApi().api.status(NOW)), outboxPending: 2, outboxDead });

  it('shows deliveries refused for good next to "Outbox pending", highlighted when there are any', async () => {
    const e = statusEmbed(await report(3), []);
    const names = e.fields?.map((f) => f.name) ?? [];
    expect(names.indexOf('Outbox dead')).toBe(names.indexOf('Outbox pending') + 1);
    const dead = e.fields?.find((f) => f.name === 'Outbox dead');
    expect(dead?.value).toMatch(/^⚠️ \*\*3\*\*/);
    expect(dead?.inline).toBe(true);
    expect(e.color).toBe(0xe67e22);
  });

  it('a clean outbox shows 0, unhighlighted, and the status stays green', async () => {
    const e = statusEmbed(await report(0), []);
    expect(e.fields?.find((f) => f.name === 'Outbox dead')?.value).toBe('0');
    expect(e.color).toBe(0x2ecc71);
  });
});
