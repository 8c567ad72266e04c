import { safeText } from '../embeds/text.js';
import { brandChoices, managerCommand } from './options.js';
import { ok, type SlashCommand } from './types.js';

/** Managers add a campaign or event for /impact (kept in the store, layered over brands.yaml). */
export const eventCommand: SlashCommand = {
  data: managerCommand('event', 'Campaigns and events to measure with /impact (managers)')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add an event')
        .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
        .addStringOption((o) => o.setName('name').setDescription('Event name, e.g. Winter sale').setRequired(true).setMaxLength(100))
        .addStringOption((o) => o.setName('start').setDescription('Start: 2026-11-16 or 2026-11-16T09:00 (settings.timezone)').setRequired(true).setMaxLength(40))
        .addStringOption((o) => o.setName('end').setDescription('End (default: measured over its first 7 days)').setMaxLength(40)),
    )
    .toJSON(),
  ephemeral: true,
  defer: true,
  managerOnly: true,
  async execute(i, ctx) {
    const r = await ctx.api.eventAdd(i.options.getString('brand', true), i.options.getString('name', true).trim(), i.options.getString('start', true).trim(), i.options.getString('end')?.trim() || undefined);
    return r.ok ? ok({ content: `✅ ${safeText(r.value)}` }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
