import type { AlertRule } from '../../../domain/types.js';
import { safeText } from '../embeds/text.js';
import { brandChoices, managerCommand } from './options.js';
import { ok, type SlashCommand } from './types.js';

const RULES: readonly AlertRule[] = ['negative-spike', 'volume-spike', 'ori-drop', 'sentiment-shift', 'high-reach-negative', 'crisis-keyword', 'trending-topic', 'spike-forecast'];
const RULE_CHOICES = RULES.map((r) => ({ name: r, value: r }));
/** Settings /alerts threshold can change (names as in settings.alerts). */
export const THRESHOLD_SETTINGS = ['spike.pValue', 'spike.ratioThreshold', 'spike.minCount', 'spike.minAuthors', 'oriDrop.points', 'highReach.minEngagement', 'trending.minScore', 'trending.minCount', 'cooldownMinutes'];

export const alertsCommand: SlashCommand = {
  data: managerCommand('alerts', 'Mute alerts or tune thresholds (managers)')
    .addSubcommand((s) =>
      s
        .setName('mute')
        .setDescription('Mute a brand\'s alerts for a while')
        .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
        .addStringOption((o) => o.setName('rule').setDescription('Only this rule (all when empty)').addChoices(...RULE_CHOICES))
        .addIntegerOption((o) => o.setName('hours').setDescription('How long (default 24)').setMinValue(1).setMaxValue(24 * 30)),
    )
    .addSubcommand((s) =>
      s
        .setName('unmute')
        .setDescription('Unmute a brand\'s alerts')
        .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
        .addStringOption((o) => o.setName('rule').setDescription('Only this rule (all when empty)').addChoices(...RULE_CHOICES)),
    )
    .addSubcommand((s) =>
      s
        .setName('threshold')
        .setDescription('Change an alert threshold')
        .addStringOption((o) => o.setName('setting').setDescription('Setting').setRequired(true).addChoices(...THRESHOLD_SETTINGS.map((t) => ({ name: t, value: t }))))
        .addNumberOption((o) => o.setName('value').setDescription('New value').setRequired(true).setMinValue(0)),
    )
    .toJSON(),
  ephemeral: true,
  defer: true,
  managerOnly: true,
  async execute(i, ctx) {
    const sub = i.options.getSubcommand();
    const rule = i.options.getString('rule') ?? undefined;
    const r =
      sub === 'mute'
        ? await ctx.api.alertsMute(i.options.getString('brand', true), rule, i.options.getInteger('hours') ?? 24, ctx.now())
        : sub === 'unmute'
          ? await ctx.api.alertsUnmute(i.options.getString('brand', true), rule)
          : await ctx.api.alertsThreshold(i.options.getString('setting', true), i.options.getNumber('value', true));
    return r.ok ? ok({ content: `✅ ${safeText(r.value)}` }) : r;
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
