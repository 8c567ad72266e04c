import { SlashCommandBuilder } from 'discord.js';
import { statusEmbed } from '../embeds/status-embed.js';
import { ok, type SlashCommand } from './types.js';

export const statusCommand: SlashCommand = {
  data: new SlashCommandBuilder().setName('status').setDescription('Health of sources, outbox, classifier and chat channels').toJSON(),
  ephemeral: true,
  defer: true,
  async execute(_i, ctx) {
    const s = await ctx.api.status(ctx.now());
    return ok({ embeds: [statusEmbed(s, ctx.failingChannels())] });
  },
};
