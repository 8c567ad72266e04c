import { Events } from 'discord.js';
import type { Logger } from '../../shared/logger.js';
import type { BotApi } from '../api.js';
import { createInteractionRouter } from './command-router.js';
import { PageStore } from './components/page-store.js';
import type { DiscordSink } from './discord-sink.js';

export interface DiscordFrontEndOptions {
  api: BotApi;
  logger: Logger;
  managerRoleId?: string | undefined;
  guildId?: string | undefined;
  now?: () => Date;
}

/**
 * The chat front-end: answers the slash commands and button clicks that arrive on the sink's connection, through the
 * BotApi. The sink only delivers; this is started beside it once the API exists. Returns a function that detaches it.
 */
export function startDiscordFrontEnd(sink: DiscordSink, o: DiscordFrontEndOptions): () => void {
  const route = createInteractionRouter(sink.commands, {
    api: o.api,
    now: o.now ?? (() => new Date()),
    ids: sink.ids,
    pages: new PageStore(),
    managerRoleId: o.managerRoleId,
    guildId: o.guildId,
    logger: o.logger,
    failingChannels: () => sink.failingChannels(),
  });
  const onInteraction = (i: Parameters<typeof route>[0]): void => void route(i);
  sink.client.on(Events.InteractionCreate, onInteraction);
  return () => void sink.client.off(Events.InteractionCreate, onInteraction);
}
