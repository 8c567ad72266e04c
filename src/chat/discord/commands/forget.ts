import { managerCommand } from './options.js';
import { ok, type SlashCommand } from './types.js';

/** Right to erasure: the answer says how many mentions went, never repeats the name (it is not stored either). */
export const forgetCommand: SlashCommand = {
  data: managerCommand('forget', 'Delete every stored mention of an author (right to erasure, managers)')
    .addStringOption((o) => o.setName('author').setDescription('Handle (@name, u/name) or profile URL').setRequired(true).setMaxLength(500))
    .toJSON(),
  ephemeral: true,
  defer: true,
  managerOnly: true,
  async execute(i, ctx) {
    const r = await ctx.api.forgetAuthor(i.options.getString('author', true), ctx.now(), 'chat');
    if (!r.ok) return r;
    const n = r.value.deleted;
    return ok({ content: `🗑️ Deleted ${n} stored mention${n === 1 ? '' : 's'} of that author. The erasure is logged with its time and count, not the name.` });
  },
};
