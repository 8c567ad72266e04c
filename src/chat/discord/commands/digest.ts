import { SlashCommandBuilder } from 'discord.js';
import { renderDigestChart } from '../charts/digest-chart.js';
import { digestChartName, digestEmbed } from '../embeds/digest-embed.js';
import { brandChoices } from './options.js';
import { fail, ok, type Reply, type SlashCommand } from './types.js';

/** At most this many digests in one answer: one message each (several digest embeds overrun Discord's 6000 per message). */
const MAX_DIGESTS = 4;

export const digestCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('A day\'s digest now (today so far, or a past day), with its chart')
    .addStringOption((o) => o.setName('brand').setDescription('Brand (all when empty)').setAutocomplete(true))
    .addStringOption((o) => o.setName('date').setDescription('A past day as YYYY-MM-DD, in the bot\'s timezone (today when empty)').setMinLength(10).setMaxLength(10))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.digest(i.options.getString('brand') ?? undefined, ctx.now(), i.options.getString('date') ?? undefined);
    if (!r.ok) return r;
    if (r.value.length === 0) return fail('no-digest', 'No digest to show yet: no brand has mentions in this period.');
    const digests = r.value.slice(0, MAX_DIGESTS);
    const messages: Reply[] = await Promise.all(
      digests.map(async (d) => ({ embeds: [digestEmbed(d, digestChartName(d))], files: [{ name: digestChartName(d), attachment: await renderDigestChart(d) }] })),
    );
    const [first, ...rest] = messages as [Reply, ...Reply[]];
    const more = r.value.length > MAX_DIGESTS ? `Showing ${MAX_DIGESTS} of ${r.value.length} brands: pick one with \`brand\`.` : undefined;
    return ok({ ...first, content: more, followUps: rest.length > 0 ? rest : undefined });
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
