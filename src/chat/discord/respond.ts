import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { Reply } from './commands/types.js';
import { LIMITS, truncate } from './embeds/text.js';

type Answerable = ChatInputCommandInteraction | MessageComponentInteraction;

function payload(reply: Reply) {
  return {
    content: reply.content === undefined ? undefined : truncate(reply.content, LIMITS.content),
    embeds: reply.embeds,
    components: reply.components,
    files: reply.files,
  };
}

/** Sends a handler's reply as a first answer, or as an edit of the deferred one. */
export async function sendReply(i: Answerable, reply: Reply, ephemeral: boolean): Promise<void> {
  if (i.deferred || i.replied) {
    await i.editReply(payload(reply));
  } else if (ephemeral) {
    await i.reply({ ...payload(reply), flags: MessageFlags.Ephemeral });
  } else {
    await i.reply(payload(reply));
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
