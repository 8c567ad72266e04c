import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS, truncate } from './text.js';

/** Applies every per-embed limit, then the 10-embed and 6000-character budgets across the message. Pure. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  let budget: number = LIMITS.totalEmbedChars;
  const out: APIEmbed[] = [];
  for (const embed of embeds.slice(0, LIMITS.embeds)) {
    if (budget <= 0) break;
    const fitted: APIEmbed = { ...embed };
    const take = (text: string | undefined, max: number): string | undefined => {
      if (text === undefined || text.length === 0) return undefined;
      const t = truncate(text, Math.min(max, budget));
      budget -= t.length;
      return t.length > 0 ? t : undefined;
    };
    fitted.title = take(embed.title, LIMITS.title);
    if (embed.author) {
      const name = take(embed.author.name, LIMITS.authorName);
      fitted.author = name ? { ...embed.author, name } : undefined;
    }
    if (embed.footer) {
      const text = take(embed.footer.text, LIMITS.footer);
      fitted.footer = text ? { ...embed.footer, text } : undefined;
    }
    const fields: APIEmbedField[] = [];
    for (const field of (embed.fields ?? []).slice(0, LIMITS.fields)) {
      const name = truncate(field.name, LIMITS.fieldName) || '\u200b';
      const value = truncate(field.value, LIMITS.fieldValue) || '\u200b';
      if (name.length + value.length > budget) break;
      budget -= name.length + value.length;
      fields.push({ ...field, name, value });
    }
    fitted.fields = fields.length > 0 ? fields : undefined;
    fitted.description = take(embed.description, LIMITS.description);
    out.push(stripUndefined(fitted));
  }
  return out;
}

/** Total characters Discord counts toward the 6000 limit. */
export function embedChars(embeds: readonly APIEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

function stripUndefined(embed: APIEmbed): APIEmbed {
  return Object.fromEntries(Object.entries(embed).filter(([, v]) => v !== undefined)) as APIEmbed;
}
