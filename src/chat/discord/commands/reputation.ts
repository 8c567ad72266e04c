import { SlashCommandBuilder } from 'discord.js';
import { reputationEmbed } from '../embeds/report-embeds.js';
import { WINDOW_CHOICES, brandChoices, windowHours } from './options.js';
import { ok, type SlashCommand } from './types.js';

export const reputationCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('reputation')
    .setDescription('Online Reputation Index of a brand, its components and top contributors')
    .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
    .addStringOption((o) => o.setName('window').setDescription('Compare with this long ago (default 24 h)').addChoices(...WINDOW_CHOICES))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const hours = windowHours(i.options.getString('window'), 24);
    const r = await ctx.api.reputation(i.options.getString('brand', true), hours, ctx.now());
    return r.ok ? ok({ embeds: [reputationEmbed(r.value, hours)] }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
