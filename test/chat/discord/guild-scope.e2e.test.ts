import { InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { NOT_IN_DMS, WRONG_SERVER } from '../../../src/chat/discord/commands/permissions.js';
import { DiscordStandin, opt } from '../../support/discord-standin/index.js';
import { finalAnswer } from './answers.js';
import { MANAGER_ROLE, startHarness, useHarness } from './sink-harness.js';

const ALICE = { userId: '700000000000000042', username: 'alice' };
const OTHER_GUILD = { guildId: '800000000000000999', channelId: '810000000000000999' };
const DM = { guildId: null, channelId: '810000000000000555' };

describe('with a guild configured', () => {
  const h = useHarness();

  it('registers every command for guilds only (no DMs)', () => {
    const cmds = h.discord.commands.get(h.discord.guildId) ?? [];
    expect(cmds.length).toBeGreaterThan(5);
    for (const c of cmds) expect(c.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('refuses a command from another server, ephemerally, without asking the BotApi', async () => {
    const before = h.calls.length;
    const a = await finalAnswer(h.discord, await h.discord.slash('mentions', [opt('brand', 'Acme')], ALICE, OTHER_GUILD));
    expect(a.callbackType).toBe(4);
    expect(a.ephemeral).toBe(true);
    expect(a.content).toBe(WRONG_SERVER);
    expect(h.calls.slice(before)).toEqual([]);
  });

  it('refuses a command from a DM', async () => {
    const before = h.calls.length;
    const a = await finalAnswer(h.discord, await h.discord.slash('status', [], ALICE, DM));
    expect(a.ephemeral).toBe(true);
    expect(a.content).toBe(NOT_IN_DMS);
    expect(h.calls.slice(before)).toEqual([]);
  });

  it('offers no autocomplete and refuses buttons from another server', async () => {
    const ac = await finalAnswer(h.discord, await h.discord.autocomplete('reputation', [opt('brand', 'acm', true)], ALICE, OTHER_GUILD));
    expect(ac.choices).toEqual([]);
    const r = await h.sink.sendAlert(h.alert, 'ob-scope');
    const msg = h.discord.channelMessages().find((m) => m.id === r.messageId)!;
    const before = h.calls.length;
    const click = await finalAnswer(h.discord, await h.discord.click(msg, `ack:${h.alert.id}`, { ...ALICE, roles: [MANAGER_ROLE] }, undefined, OTHER_GUILD));
    expect(click.content).toBe(WRONG_SERVER);
    expect(click.ephemeral).toBe(true);
    expect(h.calls.slice(before)).toEqual([]);
  });

  it('still answers in its own server', async () => {
    const a = await finalAnswer(h.discord, await h.discord.slash('status', [], ALICE));
    expect(a.embeds[0]?.title).toBe('Bot status');
  });
});

describe('with no guild configured (global commands)', () => {
  const h = useHarness(() => startHarness({ guildId: undefined }));

  it('registers global commands that cannot be used in DMs', () => {
    const cmds = h.discord.commands.get('global') ?? [];
    expect(cmds.length).toBeGreaterThan(5);
    for (const c of cmds) expect(c.contexts).toEqual([InteractionContextType.Guild]);
  });

  it('still refuses DMs, and serves any server', async () => {
    const dm = await finalAnswer(h.discord, await h.discord.slash('reputation', [opt('brand', 'Acme')], ALICE, DM));
    expect(dm.content).toBe(NOT_IN_DMS);
    expect(h.calls.some((c) => c.method === 'reputation')).toBe(false);
    const other = await finalAnswer(h.discord, await h.discord.slash('reputation', [opt('brand', 'Acme')], ALICE, OTHER_GUILD));
    expect(other.embeds[0]?.title).toBe('Reputation · Acme');
  });
});

describe('commands registered before guild-only contexts', () => {
  it('are registered again once (contexts are compared), then left alone', async () => {
    const discord = await DiscordStandin.start();
    const first = await startHarness({}, discord);
    await first.sink.stop();
    // what an older version registered: Discord echoes contexts it chose itself (all three)
    discord.commands.set(discord.guildId, (discord.commands.get(discord.guildId) ?? []).map((c) => ({ ...c, contexts: [0, 1, 2] })));
    const puts = discord.commandPuts;
    const second = await startHarness({}, discord);
    await second.sink.stop();
    expect(discord.commandPuts).toBe(puts + 1);
    const third = await startHarness({}, discord);
    await third.sink.stop();
    await discord.close();
    expect(discord.commandPuts).toBe(puts + 1);
  });
});
