import { ButtonStyle, ComponentType, SlashCommandBuilder } from 'discord.js';
import type { Result } from '../../api.js';
import type { PageState } from '../components/page-store.js';
import { mentionsPageEmbed } from '../embeds/report-embeds.js';
import { WINDOW_CHOICES, brandChoices, windowHours } from './options.js';
import { ok, type CommandContext, type Reply, type SlashCommand } from './types.js';

/** Pages beyond this are not offered (each page re-reads from the newest mention). */
export const MAX_PAGES = 20;

/** One page of mentions with Prev/Next buttons whose custom ids carry the page token and index. */
export async function mentionsPage(ctx: CommandContext, token: string, state: PageState, page: number): Promise<Result<Reply>> {
  const start = page * state.pageSize;
  const r = await ctx.api.mentions({ ...state.query, limit: start + state.pageSize + 1 });
  if (!r.ok) return r;
  const items = r.value.slice(start, start + state.pageSize);
  const hasNext = r.value.length > start + state.pageSize && page + 1 < MAX_PAGES;
  const reply: Reply = { embeds: [mentionsPageEmbed(state.query.brand ?? 'all brands', items, page, state.pageSize)] };
  if (page > 0 || hasNext) {
    reply.components = [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Prev', custom_id: ctx.ids.encode('page', `${token}:${page - 1}`), disabled: page === 0 },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: ctx.ids.encode('page', `${token}:${page + 1}`), disabled: !hasNext },
        ],
      },
    ];
  } else {
    reply.components = [];
  }
  return ok(reply);
}

export const mentionsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('mentions')
    .setDescription('Latest mentions of a brand, newest first')
    .addStringOption((o) => o.setName('brand').setDescription('Brand').setRequired(true).setAutocomplete(true))
    .addStringOption((o) =>
      o.setName('sentiment').setDescription('Only this sentiment').addChoices({ name: 'negative', value: 'negative' }, { name: 'neutral', value: 'neutral' }, { name: 'positive', value: 'positive' }),
    )
    .addStringOption((o) => o.setName('source').setDescription('Only this kind of source').addChoices({ name: 'RSS / Atom feeds', value: 'rss' }, { name: 'Reddit', value: 'reddit' }))
    .addStringOption((o) => o.setName('since').setDescription('How far back (default 7 days)').addChoices(...WINDOW_CHOICES))
    .addIntegerOption((o) => o.setName('limit').setDescription('Mentions per page (default 5)').setMinValue(1).setMaxValue(10))
    .toJSON(),
  ephemeral: true,
  defer: true,
  async execute(i, ctx) {
    const hours = windowHours(i.options.getString('since'), 24 * 7);
    const sentiment = i.options.getString('sentiment') as PageState['query']['sentiment'] | null;
    const source = i.options.getString('source') as PageState['query']['sourceKind'] | null;
    const state: PageState = {
      query: {
        brand: i.options.getString('brand', true),
        since: new Date(ctx.now().getTime() - hours * 3_600_000).toISOString(),
        ...(sentiment ? { sentiment } : {}),
        ...(source ? { sourceKind: source } : {}),
      },
      pageSize: i.options.getInteger('limit') ?? 5,
      userId: i.user.id,
    };
    ctx.pages.put(i.id, state);
    return mentionsPage(ctx, i.id, state, 0);
  },
  autocomplete: (i, ctx) => brandChoices(ctx.api, i),
};
