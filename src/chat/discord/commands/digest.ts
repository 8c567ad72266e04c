import { SlashCommandBuilder } from 'discord.js';
import { renderDigestChart } from '../charts/digest-chart.js';
import { digestChartName, digestEmbed } from '../embeds/digest-embed.js';
import { brandChoices } from './options.js';
import { fail, ok, type SlashCommand } from './types.js';

/** At most this many digests (each with its chart) in one answer. */
const MAX_DIGESTS = 4;

export const digestCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('Today\'s digest now, with its chart')
    .addStringOption((o) => o.setName('brand').setDescription('Brand (all when empty)').setAutocomplete(true))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.digest(i.options.getString('brand') ?? undefined, ctx.now());
    if (!r.ok) return r;
    if (r.value.length === 0) return fail('no-digest', 'No digest to show yet: no brand has mentions in this period.');
    const digests = r.value.slice(0, MAX_DIGESTS);
    const files = await Promise.all(digests.map(async (d) => ({ name: digestChartName(d), attachment: await renderDigestChart(d) })));
    const more = r.value.length > MAX_DIGESTS ? `Showing ${MAX_DIGESTS} of ${r.value.length} brands: pick one with \`brand\`.` : undefined;
    return ok({ content: more, embeds: digests.map((d) => digestEmbed(d, digestChartName(d))), files });
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
