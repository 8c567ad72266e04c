import { SlashCommandBuilder } from 'discord.js';
import { forecastEmbed } from '../embeds/forecast-embed.js';
import { brandChoices } from './options.js';
import { ok, type SlashCommand } from './types.js';

export const forecastCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('forecast')
    .setDescription('Expected mentions and negative mentions per hour ahead, with 80 % ranges')
    .addStringOption((o) => o.setName('brand').setDescription('Brand (all when empty)').setAutocomplete(true))
    .addIntegerOption((o) => o.setName('hours').setDescription('Hours ahead (default 24)').setMinValue(1).setMaxValue(72))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const hours = i.options.getInteger('hours') ?? 24;
    const r = await ctx.api.forecast(i.options.getString('brand') ?? undefined, ctx.now(), hours);
    return r.ok ? ok({ embeds: [forecastEmbed(r.value, hours)] }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
