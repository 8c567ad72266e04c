import { SlashCommandBuilder } from 'discord.js';
import { trendsEmbed } from '../embeds/report-embeds.js';
import { WINDOW_CHOICES, brandChoices, windowHours } from './options.js';
import { ok, type SlashCommand } from './types.js';

export const trendsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('trends')
    .setDescription('Terms and topics rising above their baseline')
    .addStringOption((o) => o.setName('brand').setDescription('Brand (all when empty)').setAutocomplete(true))
    .addStringOption((o) => o.setName('window').setDescription('Window (default 24 h)').addChoices(...WINDOW_CHOICES))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const hours = windowHours(i.options.getString('window'), 24);
    const r = await ctx.api.trends(i.options.getString('brand') ?? undefined, hours, ctx.now());
    return r.ok ? ok({ embeds: [trendsEmbed(r.value, hours)] }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
