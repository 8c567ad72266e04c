import { SlashCommandBuilder } from 'discord.js';
import { impactLines, impactPeriod, IMPACT_NOTE } from '../../../delivery/impact-text.js';
import { BRAND_COLOUR } from '../embeds/colours.js';
import { LIMITS, safeText, truncate } from '../embeds/text.js';
import { ok, type SlashCommand } from './types.js';

export const impactCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('impact')
    .setDescription('Before and after a campaign or event: volume, net sentiment, share of voice, reputation index')
    .addStringOption((o) => o.setName('event').setDescription('Event (from brands.yaml)').setRequired(true).setAutocomplete(true))
    .toJSON(),
  ephemeral: false,
  defer: true,
  async execute(i, ctx) {
    const r = await ctx.api.impact(i.options.getString('event', true), ctx.now());
    if (!r.ok) return r;
    return ok({
      embeds: [
        {
          title: truncate(`Impact · ${safeText(r.value.event, 120)} (${safeText(r.value.brand, 100)})`, LIMITS.title),
          description: safeText(impactPeriod(r.value, r.value.timezone)),
          color: BRAND_COLOUR,
          fields: impactLines(r.value).map((l) => ({ name: l.name, value: l.value })),
          footer: { text: IMPACT_NOTE },
        },
      ],
    });
  },
  autocomplete: (i, ctx) => {
    const typed = i.options.getFocused().toLowerCase();
    return ctx.api
      .eventNames()
      .filter((e) => e.name.toLowerCase().includes(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((e) => ({ name: truncate(`${e.name} (${e.brand})`, LIMITS.choiceName), value: truncate(e.name, LIMITS.choiceName) }));
  },
};
