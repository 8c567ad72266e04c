import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { Reply } from './commands/types.js';
import { fitEmbeds } from './embeds/fit.js';
import { LIMITS, truncate } from './embeds/text.js';

type Answerable = ChatInputCommandInteraction | MessageComponentInteraction;

/**
 * One Discord message from a reply: content cut to 2000, and all its embeds fitted TOGETHER (10 embeds, 6000 characters
 * in total, plus every per-part limit), so no reply can be refused with 400 for its size. Pure.
 */
export function payload(reply: Reply) {
  return {
    content: reply.content === undefined ? undefined : truncate(reply.content, LIMITS.content),
    embeds: reply.embeds === undefined ? undefined : fitEmbeds(reply.embeds),
    components: reply.components,
    files: reply.files,
  };
}

/** Sends a handler's reply as a first answer, or as an edit of the deferred one; then its follow-ups, in order. */
export async function sendReply(i: Answerable, reply: Reply, ephemeral: boolean): Promise<void> {
  if (i.deferred || i.replied) {
    await i.editReply(payload(reply));
  } else if (ephemeral) {
    await i.reply({ ...payload(reply), flags: MessageFlags.Ephemeral });
  } else {
    await i.reply(payload(reply));
  }
  for (const next of reply.followUps ?? []) {
    await i.followUp(ephemeral ? { ...payload(next), flags: MessageFlags.Ephemeral } : payload(next));
  }
}

/**
 * Errors are always shown only to the caller. When the command was deferred publicly, the public "thinking…" message
 * is deleted and the error goes out as an ephemeral follow-up.
 */
export async function sendError(i: Answerable, message: string, deferredEphemeral: boolean): Promise<void> {
  const content = truncate(message, LIMITS.content);
  if (!i.deferred && !i.replied) {
    await i.reply({ content, flags: MessageFlags.Ephemeral });
  } else if (deferredEphemeral) {
    await i.editReply({ content, embeds: [], components: [] });
  } else {
    await i.deleteReply().catch(() => undefined);
    await i.followUp({ content, flags: MessageFlags.Ephemeral });
  }
}
