import { SlashCommandBuilder } from 'discord.js';
import { askEmbed } from '../embeds/ask-embed.js';
import { ok, type SlashCommand } from './types.js';

/** A free-form question, answered from the store; ephemeral unless the asker shares it. */
export const askCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about your brands: "why did Nimbus drop yesterday?", "compare Nimbus and Stratus last month"')
    .addStringOption((o) => o.setName('question').setDescription('Your question, in plain words').setRequired(true).setMaxLength(300))
    .addBooleanOption((o) => o.setName('share').setDescription('Post the answer for the channel (default: only you see it)'))
    .toJSON(),
  ephemeral: (i) => i.options.getBoolean('share') !== true,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.ask(i.options.getString('question', true), ctx.now());
    return r.ok ? ok({ embeds: [askEmbed(r.value)] }) : r;
  },
};
