import { SlashCommandBuilder } from 'discord.js';
import { compareEmbed } from '../embeds/report-embeds.js';
import { brandChoices } from './options.js';
import { ok, type SlashCommand } from './types.js';

export const compareCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('compare')
    .setDescription('Share of voice and net sentiment of a brand against its competitors')
    .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.compare(i.options.getString('brand', true), ctx.now());
    return r.ok ? ok({ embeds: [compareEmbed(r.value)] }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
