import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR } from '../../../src/chat/discord/command-router.js';
import { DiscordStandin, opt, sub } from '../../support/discord-standin/index.js';
import { finalAnswer } from './answers.js';
import { createFakeBotApi } from './fake-bot-api.js';
import { MANAGER_ROLE, startHarness, useHarness } from './sink-harness.js';


describe('router when a handler throws', () => {
  const h = useHarness(() => {
    const { api } = createFakeBotApi();
    const boom = async () => {
      throw new Error('store exploded');
    };
    return startHarness({ api: { ...api, status: boom, reputation: boom } });
  });

  it('an ephemeral command answers the apology in its deferred reply', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('status'));
    expect(a.callbackType).toBe(5);
    expect(a.content).toBe(INTERNAL_ERROR);
  });

  it('a public command deletes its "thinking" message and apologises only to the caller', async () => {
    const i = await h.discord.slash('reputation', [opt('brand', 'Acme')]);
    const a = await finalAnswer(h.discord, i);
    expect(a.ephemeral).toBe(true);
    expect(a.content).toBe(INTERNAL_ERROR);
    expect(a.trail.map((t) => t.split(' ')[0])).toEqual(['POST', 'DELETE', 'POST']);
  });

  it('the client keeps serving after failures', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('compare', [opt('brand', 'Acme')]));
    expect(a.embeds[0]?.title).toContain('Share of voice');
  });

  it('someone else cannot turn another user\'s /mentions pages', async () => {
    const i = await h.discord.slash('mentions', [opt('brand', 'Acme')], { userId: '700000000000000001' });
    const first = await finalAnswer(h.discord, i);
    const next = first.components[0]?.components[1]?.custom_id;
    const other = await finalAnswer(h.discord, await h.discord.click(h.discord.webhookMessage(i.token)!, next!, { userId: '700000000000000099' }));
    expect(other.ephemeral).toBe(true);
    expect(other.content).toMatch(/someone else/);
  });
});

describe('start', () => {
  it('rejects when the gateway never becomes ready', async () => {
    const discord = await DiscordStandin.start({ silentGateway: true });
    try {
      await expect(startHarness({ readyTimeoutMs: 300 }, discord)).rejects.toThrow(/ready/);
    } finally {
      await discord.close();
    }
  });
});

describe('with the guild cached (READY + GUILD_CREATE, as Discord sends with the Guilds intent)', () => {
  const h = useHarness(async () => startHarness({}, await DiscordStandin.start({ guildRoles: [MANAGER_ROLE] })));

  it('the guild is cached and manager checks work on a full GuildMember', async () => {
    expect(h.sink.client.guilds.cache.has(h.discord.guildId)).toBe(true);
    const ok = await finalAnswer(h.discord, await h.discord.slash('watch', [sub('list')], { userId: '700000000000000050', roles: [MANAGER_ROLE] }));
    expect(ok.embeds[0]?.title).toMatch(/Watched brands/);
    const refused = await finalAnswer(h.discord, await h.discord.slash('watch', [sub('list')], { userId: '700000000000000051', roles: [] }));
    expect(refused.content).toMatch(/manager role/);
  });
});
