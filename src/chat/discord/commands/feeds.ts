import { feedListEmbed } from '../embeds/status-embed.js';
import { safeText } from '../embeds/text.js';
import { feedChoices, managerCommand } from './options.js';
import { fail, ok, type SlashCommand } from './types.js';

export const feedsCommand: SlashCommand = {
  data: managerCommand('feeds', 'RSS / Atom feeds the bot polls (managers)')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Poll a new feed (public addresses only)')
        .addStringOption((o) => o.setName('url').setDescription('Feed URL (http or https)').setRequired(true).setMaxLength(2000))
        // minutes here, seconds for the BotApi (minutes * 60); omitted, the BotApi default of 300 s applies
        .addIntegerOption((o) => o.setName('interval').setDescription('Minutes between polls (default 5)').setMinValue(1).setMaxValue(1440)),
    )
    .addSubcommand((s) =>
      s.setName('remove').setDescription('Stop polling a feed').addStringOption((o) => o.setName('feed').setDescription('Feed id or URL').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) => s.setName('list').setDescription('Feeds polled now'))
    .toJSON(),
  ephemeral: true,
  defer: true,
  managerOnly: true,
  async execute(i, ctx) {
    const sub = i.options.getSubcommand();
    if (sub === 'list') return ok({ embeds: [feedListEmbed(ctx.api.feedList())] });
    if (sub === 'remove') {
      const r = await ctx.api.feedRemove(i.options.getString('feed', true));
      return r.ok ? ok({ content: `✅ ${safeText(r.value)}` }) : r;
    }
    const url = i.options.getString('url', true).trim();
    if (!/^https?:\/\//i.test(url)) return fail('bad-url', 'A feed URL must start with http:// or https://.');
    const minutes = i.options.getInteger('interval');
    const r = await ctx.api.feedAdd(url, minutes === null ? undefined : minutes * 60);
    return r.ok ? ok({ content: `✅ Polling \`${r.value.id}\` (${safeText(r.value.url)}) every ${Math.round(r.value.intervalSeconds / 60)} min.` }) : r;
  },
  autocomplete: (i, ctx) => feedChoices(ctx.api, i),
};
