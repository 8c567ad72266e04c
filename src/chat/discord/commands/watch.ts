import { watchListEmbed } from '../embeds/status-embed.js';
import { safeText } from '../embeds/text.js';
import { brandChoices, managerCommand, splitList } from './options.js';
import { ok, type SlashCommand } from './types.js';

export const watchCommand: SlashCommand = {
  data: managerCommand('watch', 'Brands the bot listens for (managers)')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Watch a brand')
        .addStringOption((o) => o.setName('name').setDescription('Brand name').setRequired(true).setMaxLength(100))
        .addStringOption((o) => o.setName('aliases').setDescription('Other names, comma separated'))
        .addStringOption((o) => o.setName('query').setDescription('Boolean query, e.g. "acme" AND NOT "acme road"'))
        .addStringOption((o) => o.setName('competitors').setDescription('Competitor brands, comma separated')),
    )
    .addSubcommand((s) =>
      s.setName('remove').setDescription('Stop watching a brand').addStringOption((o) => o.setName('name').setDescription('Brand').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Brands watched now'))
    .toJSON(),
  ephemeral: true,
  defer: true,
  managerOnly: true,
  async execute(i, ctx) {
    const sub = i.options.getSubcommand();
    if (sub === 'list') return ok({ embeds: [watchListEmbed(await ctx.api.watchList())] });
    if (sub === 'remove') {
      const r = await ctx.api.watchRemove(i.options.getString('name', true));
      return r.ok ? ok({ content: `✅ ${safeText(r.value)}` }) : r;
    }
    const r = await ctx.api.watchAdd({
      name: i.options.getString('name', true).trim(),
      aliases: splitList(i.options.getString('aliases')),
      query: i.options.getString('query') ?? undefined,
      competitors: splitList(i.options.getString('competitors')),
    });
    return r.ok ? ok({ content: `✅ ${safeText(r.value)}` }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
