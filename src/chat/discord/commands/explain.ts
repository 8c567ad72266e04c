import { SlashCommandBuilder } from 'discord.js';
import { alertEmbed } from '../embeds/alert-embed.js';
import { explainEmbed } from '../embeds/report-embeds.js';
import { ok, type SlashCommand } from './types.js';

export const explainCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('explain')
    .setDescription('Why an alert fired: rule, window, figures and the mentions behind it')
    .addStringOption((o) => o.setName('alert-id').setDescription('Alert id (in the alert footer)').setRequired(true).setMaxLength(200))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.explainAlert(i.options.getString('alert-id', true).trim());
    return r.ok ? ok({ embeds: [alertEmbed(r.value), explainEmbed(r.value)] }) : r;
  },
};
