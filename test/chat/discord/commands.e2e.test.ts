import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/chat/discord/commands/index.js';
import { opt, sub } from '../../support/discord-standin/index.js';
import { pngSize } from './png.js';
import { finalAnswer } from './answers.js';
import { MANAGER_ROLE, startHarness, useHarness } from './sink-harness.js';

const ALICE = { userId: '700000000000000042', username: 'alice' };
const MANAGER = { ...ALICE, roles: [MANAGER_ROLE] };
const ADMIN = { userId: '700000000000000043', permissions: String(0x20) /* ManageGuild */ };

describe('slash commands through the router (real discord.js client, fake BotApi)', () => {
  const h = useHarness();
  const lastCall = (method: string) => h.calls.filter((c) => c.method === method).at(-1);

  it('/reputation defers publicly, then edits in the ORI embed', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('reputation', [opt('brand', 'Acme'), opt('window', '7d')], ALICE));
    expect(a.callbackType).toBe(5);
    expect(a.ephemeral).toBe(false);
    expect(a.embeds[0]?.title).toBe('Reputation · Acme');
    expect(a.embeds[0]?.description).toContain('ORI 62.4');
    expect(lastCall('reputation')?.args.slice(0, 2)).toEqual(['Acme', 168]);
  });

  it('a UserError becomes a friendly ephemeral message (public "thinking" deleted)', async () => {
    const i = await h.discord.slash('reputation', [opt('brand', 'Nope')], ALICE);
    const a = await finalAnswer(h.discord, i);
    expect(a.ephemeral).toBe(true);
    expect(a.content).toBe('⚠️ No brand called Nope. Try /watch list.');
    expect(a.trail.some((t) => t.startsWith('DELETE'))).toBe(true);
  });

  it('/explain shows the alert and its figures', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('explain', [opt('alert-id', h.alert.id)], ALICE));
    expect(a.embeds).toHaveLength(2);
    expect(a.embeds[1]?.description).toContain('pValue: 1e-7');
  });

  it('/mentions pages with Prev/Next, and the buttons turn pages', async () => {
    const i = await h.discord.slash('mentions', [opt('brand', 'Acme'), opt('sentiment', 'negative'), opt('source', 'rss'), opt('limit', 5)], ALICE);
    const a = await finalAnswer(h.discord, i);
    expect(a.ephemeral).toBe(true);
    expect(lastCall('mentions')?.args[0]).toMatchObject({ brand: 'Acme', sentiment: 'negative', sourceKind: 'rss', since: '2026-11-16T12:00:00.000Z' });
    const [prev, next] = a.components[0]?.components ?? [];
    expect(prev?.disabled).toBe(true);
    expect(next?.disabled).toBe(false);
    const msg = h.discord.webhookMessage(i.token);
    const click = await h.discord.click(msg!, next!.custom_id!, ALICE);
    const page2 = await finalAnswer(h.discord, click);
    expect(page2.callbackType).toBe(6);
    expect(page2.embeds[0]?.footer?.text).toBe('Page 2');
    expect(page2.embeds[0]?.description).toMatch(/^🔴 6\. /);
    expect(page2.components[0]?.components[0]?.disabled).toBe(false);
  });

  it('/trends, /compare and /status answer', async () => {
    const t = await finalAnswer(h.discord, await h.discord.slash('trends', [], ALICE));
    expect(t.embeds[0]?.fields?.[0]?.value).toContain('recall');
    const c = await finalAnswer(h.discord, await h.discord.slash('compare', [opt('brand', 'Acme')], ALICE));
    expect(c.embeds[0]?.description).toContain('**Globex** 40%');
    const f = await finalAnswer(h.discord, await h.discord.slash('forecast', [opt('brand', 'Acme')], ALICE));
    expect(f.embeds[0]?.title).toBe('Forecast · next 24 h');
    expect(f.embeds[0]?.fields?.[0]?.value).toMatch(/^<t:\d+:f> · 12 \(7–19\) mentions · 3 \(1–6\) negative$/);
    expect(lastCall('forecast')?.args[0]).toBe('Acme');
    expect(lastCall('forecast')?.args[2]).toBe(24);
    const s = await finalAnswer(h.discord, await h.discord.slash('status', [], ALICE));
    expect(s.ephemeral).toBe(true);
    expect(s.embeds[0]?.title).toBe('Bot status');
  });

  it('/digest edits in the embed with a PNG chart attached (multipart)', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('digest', [opt('brand', 'Acme')], ALICE), 10_000);
    expect(a.files).toHaveLength(1);
    expect(pngSize(a.files[0]!.data)).toBeDefined();
    expect(a.embeds[0]?.image?.url).toBe(`attachment://${a.files[0]!.name}`);
  });

  it('/digest date: asks the API for that day and titles the digest with it; a malformed date is a friendly error', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('digest', [opt('brand', 'Acme'), opt('date', '2026-11-20')], ALICE), 10_000);
    expect(lastCall('digest')?.args).toEqual(['Acme', '2026-11-20']);
    expect(a.embeds[0]?.title).toContain('2026-11-20');
    const bad = await finalAnswer(h.discord, await h.discord.slash('digest', [opt('date', '20/11/2026')], ALICE));
    expect(bad.ephemeral).toBe(true);
    expect(bad.content).toMatch(/YYYY-MM-DD/);
  });

  it('autocomplete offers brands and feeds matching what was typed', async () => {
    const b = await finalAnswer(h.discord, await h.discord.autocomplete('reputation', [opt('brand', 'acm', true)], ALICE));
    expect(b.callbackType).toBe(8);
    expect(b.choices?.map((c) => c.value)).toEqual(['Acme', 'Acme Rockets']);
    const f = await finalAnswer(h.discord, await h.discord.autocomplete('feeds', [sub('remove', [opt('feed', 'news', true)])], MANAGER));
    expect(f.choices?.map((c) => c.value)).toEqual(['acme-news']);
  });

  it('a non-manager\'s /watch add is refused and never reaches the BotApi', async () => {
    const before = h.calls.length;
    const a = await finalAnswer(h.discord, await h.discord.slash('watch', [sub('add', [opt('name', 'Hooli')])], ALICE));
    expect(a.callbackType).toBe(4);
    expect(a.ephemeral).toBe(true);
    expect(a.content).toMatch(/manager role/);
    expect(h.calls.slice(before).map((c) => c.method)).toEqual([]);
  });

  it('managers (role or Manage Server) run /watch, /feeds and /alerts', async () => {
    const add = await finalAnswer(h.discord, await h.discord.slash('watch', [sub('add', [opt('name', 'Hooli'), opt('aliases', 'hooli, Hooli XYZ')])], MANAGER));
    expect(add.content).toBe('✅ Now watching Hooli');
    expect(lastCall('watchAdd')?.args[0]).toEqual({ name: 'Hooli', aliases: ['hooli', 'Hooli XYZ'], query: undefined, competitors: undefined });
    const list = await finalAnswer(h.discord, await h.discord.slash('watch', [sub('list')], ADMIN));
    expect(list.embeds[0]?.description).toContain('**Acme**');
    const feeds = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('list')], MANAGER));
    expect(feeds.embeds[0]?.description).toContain('acme-news');
    const mute = await finalAnswer(h.discord, await h.discord.slash('alerts', [sub('mute', [opt('brand', 'Acme'), opt('rule', 'volume-spike'), opt('hours', 6)])], MANAGER));
    expect(mute.content).toBe('✅ Muted Acme volume-spike for 6 h');
    const th = await finalAnswer(h.discord, await h.discord.slash('alerts', [sub('threshold', [opt('setting', 'spike.ratioThreshold'), opt('value', 3.5)])], ADMIN));
    expect(lastCall('alertsThreshold')?.args).toEqual(['spike.ratioThreshold', 3.5]);
    expect(th.ephemeral).toBe(true);
  });

  it('/ask answers only the asker unless share is set; quotes from mentions can neither ping nor format', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('ask', [opt('question', 'why did Acme drop yesterday?')], ALICE));
    expect(a.ephemeral).toBe(true);
    expect(lastCall('ask')?.args[0]).toBe('why did Acme drop yesterday?');
    expect(a.embeds[0]?.title).toBe('Q: why did Acme drop yesterday?');
    expect(a.embeds[0]?.description).toContain("Acme's reputation index fell yesterday: 62 → 48.");
    const body = JSON.stringify(a.embeds);
    expect(body).not.toMatch(/@everyone/);
    expect(a.embeds[0]?.fields?.[0]).toMatchObject({ name: 'Quoted mentions' });
    expect(a.embeds[0]?.fields?.[0]?.value).toContain('(https://social.example/1)');
    expect(a.embeds[0]?.footer?.text).toMatch(/^Read as: why a brand moved, for Acme, yesterday/);
    const shared = await finalAnswer(h.discord, await h.discord.slash('ask', [opt('question', 'how are we doing?'), opt('share', true)], ALICE));
    expect(shared.ephemeral).toBe(false);
  });

  it('/impact shows before → after with 90 % intervals; autocomplete offers the configured events; an unknown one lists them', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('impact', [opt('event', 'Winter sale')], ALICE));
    expect(a.ephemeral).toBe(false);
    expect(a.embeds[0]?.title).toBe('Impact · Winter sale (Acme)');
    expect(a.embeds[0]?.fields?.map((f) => `${f.name}: ${f.value}`)).toEqual([
      'Mentions per day: 10.0 → 20.0 (+10.0, 90 %: +6.0 to +14.0)',
      'Net sentiment: +0.10 → +0.30 (+0.20, 90 %: +0.05 to +0.35)',
      'Share of voice: 40 % → 55 % (+15 points, 90 %: +8 to +22)',
      'Reputation index: 55 → 61 (+6)',
    ]);
    expect(a.embeds[0]?.footer?.text).toMatch(/not cause/);
    const c = await finalAnswer(h.discord, await h.discord.autocomplete('impact', [opt('event', 'wint', true)], ALICE));
    expect(c.choices).toEqual([{ name: 'Winter sale (Acme)', value: 'Winter sale' }]);
    const bad = await finalAnswer(h.discord, await h.discord.slash('impact', [opt('event', 'Spring')], ALICE));
    expect(bad.ephemeral).toBe(true);
    expect(bad.content).toBe('⚠️ No event called "Spring". Known: "Winter sale" (Acme).');
  });

  it('/event add is for managers: a non-manager never reaches the BotApi; a manager\'s event reaches it as typed', async () => {
    const before = h.calls.length;
    const no = await finalAnswer(h.discord, await h.discord.slash('event', [sub('add', [opt('brand', 'Acme'), opt('name', 'Winter sale'), opt('start', '2026-11-16')])], ALICE));
    expect(no.content).toMatch(/manager role/);
    expect(h.calls.slice(before).map((c) => c.method)).toEqual([]);
    const yes = await finalAnswer(h.discord, await h.discord.slash('event', [sub('add', [opt('brand', 'Acme'), opt('name', ' Winter sale '), opt('start', '2026-11-16'), opt('end', '2026-11-23')])], MANAGER));
    expect(yes.ephemeral).toBe(true);
    expect(yes.content).toBe('✅ Event "Winter sale" added for Acme');
    expect(lastCall('eventAdd')?.args).toEqual(['Acme', 'Winter sale', '2026-11-16', '2026-11-23']);
  });

  it('/forget author: refused for a non-manager (the BotApi never hears the name); a manager hears the count only, ephemerally', async () => {
    const before = h.calls.length;
    const no = await finalAnswer(h.discord, await h.discord.slash('forget', [opt('author', 'u/someone')], ALICE));
    expect(no.content).toMatch(/manager role/);
    expect(h.calls.slice(before).map((c) => c.method)).toEqual([]);
    const yes = await finalAnswer(h.discord, await h.discord.slash('forget', [opt('author', 'u/someone')], MANAGER));
    expect(yes.ephemeral).toBe(true);
    expect(yes.content).toBe('🗑️ Deleted 3 stored mentions of that author. The erasure is logged with its time and count, not the name.');
    expect(yes.content).not.toContain('someone');
    expect(lastCall('forgetAuthor')?.args[0]).toBe('u/someone');
    expect(lastCall('forgetAuthor')?.args[2]).toBe('chat');
  });

  it('/feeds add refusals (private address, redirect to private) reach the user', async () => {
    const local = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('add', [opt('url', 'http://127.0.0.1:8080/feed.xml')])], MANAGER));
    expect(local.ephemeral).toBe(true);
    expect(local.content).toBe('⚠️ Refused: 127.0.0.1 is not a public address.');
    const hop = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('add', [opt('url', 'https://feeds.example/redirect-to-private'), opt('interval', 10)])], MANAGER));
    expect(hop.content).toContain('redirects to a private address');
    expect(lastCall('feedAdd')?.args).toEqual(['https://feeds.example/redirect-to-private', 600]);
    const ok = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('add', [opt('url', 'https://feeds.example/ok.xml')])], MANAGER));
    expect(ok.content).toContain('Polling `new-feed`');
  });

  it('/feeds add interval is minutes: none leaves the BotApi default (300 s = the "default 5" the option shows), 1440 is a day', async () => {
    const add = (COMMANDS.get('feeds')?.data.options ?? []).find((o) => o.name === 'add') as { options: { name: string; description: string }[] };
    expect(add.options.find((o) => o.name === 'interval')?.description).toBe('Minutes between polls (default 5)');
    const dflt = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('add', [opt('url', 'https://feeds.example/a.xml')])], MANAGER));
    expect(lastCall('feedAdd')?.args).toEqual(['https://feeds.example/a.xml', undefined]);
    expect(dflt.content).toContain('every 5 min');
    const day = await finalAnswer(h.discord, await h.discord.slash('feeds', [sub('add', [opt('url', 'https://feeds.example/b.xml'), opt('interval', 1440)])], MANAGER));
    expect(lastCall('feedAdd')?.args).toEqual(['https://feeds.example/b.xml', 86_400]);
    expect(day.content).toContain('every 1440 min');
  });
});

describe('alert buttons', () => {
  const h = useHarness();
  const alertMessage = async () => {
    const r = await h.sink.sendAlert(h.alert, `ob-${Math.random()}`);
    return h.discord.channelMessages().find((m) => m.id === r.messageId)!;
  };

  it('Acknowledge reaches the BotApi with the user id and answers with the time to react', async () => {
    const msg = await alertMessage();
    const a = await finalAnswer(h.discord, await h.discord.click(msg, `ack:${h.alert.id}`, ALICE));
    expect(a.ephemeral).toBe(true);
    expect(a.content).toContain('12 min');
    expect(h.calls.find((c) => c.method === 'acknowledge')?.args.slice(0, 2)).toEqual([h.alert.id, ALICE.userId]);
  });

  it('Wrong sentiment offers a select per mention; picking a label corrects that mention', async () => {
    const msg = await alertMessage();
    const i = await h.discord.click(msg, `wrong:${h.alert.id}`, ALICE);
    const a = await finalAnswer(h.discord, i);
    expect(a.components).toHaveLength(5);
    const select = a.components[1]?.components[0];
    expect(select?.options?.map((o) => o.value)).toEqual(['negative', 'neutral', 'positive']);
    const pick = await h.discord.click(h.discord.webhookMessage(i.token)!, select!.custom_id!, ALICE, ['positive']);
    const done = await finalAnswer(h.discord, pick);
    expect(done.content).toContain('Recorded as **positive**');
    expect(h.calls.find((c) => c.method === 'correctSentiment')?.args.slice(0, 3)).toEqual(['Acme|item-2', 'positive', ALICE.userId]);
  });

  it('Wrong sentiment also lets a user confirm the model\'s label (so agreement can be measured, not 0% by construction)', async () => {
    const msg = await alertMessage();
    const i = await h.discord.click(msg, `wrong:${h.alert.id}`, ALICE);
    const a = await finalAnswer(h.discord, i);
    const select = a.components[0]?.components[0] as { custom_id: string; options: { value: string; label: string }[] };
    const current = select.options.find((o) => o.value === 'negative');
    expect(current?.label).toContain('(model said this — correct)');
    expect(select.options.filter((o) => o.label.includes('model said this'))).toHaveLength(1);
    const before = h.calls.length;
    const done = await finalAnswer(h.discord, await h.discord.click(h.discord.webhookMessage(i.token)!, select.custom_id, ALICE, ['negative']));
    expect(done.content).toContain('Recorded as **negative**');
    expect(h.calls.slice(before).find((c) => c.method === 'correctSentiment')?.args.slice(0, 3)).toEqual(['Acme|item-1', 'negative', ALICE.userId]);
  });

  it('Mute 24 h is for managers only', async () => {
    const msg = await alertMessage();
    const refused = await finalAnswer(h.discord, await h.discord.click(msg, `mute:${h.alert.id}`, ALICE));
    expect(refused.content).toMatch(/manager role/);
    expect(h.calls.some((c) => c.method === 'alertsMute')).toBe(false);
    const muted = await finalAnswer(h.discord, await h.discord.click(msg, `mute:${h.alert.id}`, MANAGER));
    expect(muted.content).toBe('🔕 Muted Acme negative-spike for 24 h');
  });

  it('an unknown button id answers that it expired', async () => {
    const msg = await alertMessage();
    const a = await finalAnswer(h.discord, await h.discord.click(msg, 'label:#forgotten', ALICE));
    expect(a.ephemeral).toBe(true);
    expect(a.content).toMatch(/expired/);
  });
});

describe('an alert id too long for a custom id', () => {
  it('still acknowledges after a restart (id recovered from the embed footer)', async () => {
    const longId = `crisis-keyword:Acme:Acme|https://news.example/${'very-long-path/'.repeat(8)}`;
    const first = await startHarness();
    const r = await first.sink.sendAlert({ ...first.alert, id: longId }, 'ob-long');
    await first.sink.stop();
    const msg = first.discord.channelMessages().find((m) => m.id === r.messageId)!;
    const ack = (msg.components[0] as { components: { custom_id: string }[] }).components[0]!.custom_id;
    expect(ack.length).toBeLessThanOrEqual(100);
    const second = await startHarness({}, first.discord);
    try {
      const a = await finalAnswer(second.discord, await second.discord.click(msg, ack, ALICE));
      expect(a.content).toContain('Acknowledged');
      expect(second.calls.find((c) => c.method === 'acknowledge')?.args[0]).toBe(longId);
    } finally {
      await second.sink.stop();
      await second.discord.close();
    }
  });
});
