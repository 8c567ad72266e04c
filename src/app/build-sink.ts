import { join } from 'node:path';
import type { Logger } from '../shared/logger.js';
import type { AppConfig } from '../config/load.js';
import type { ChatSink } from '../chat/sink.js';
import type { BotApi } from '../chat/api.js';
import { createConsoleSink } from '../chat/console/console-sink.js';

/** The console sink's delivery journal, under the data directory. */
export const CONSOLE_JOURNAL = 'console-deliveries.jsonl';

/** A sink, and the chat front-end that answers commands on its connection (Discord), started once the API exists. */
export interface BuiltChat {
  sink: ChatSink;
  startFrontEnd?: (api: BotApi) => void;
}

/** Discord (loaded on demand) when DISCORD_TOKEN is set, else the console (on stdout, or `consoleWrite`; JSON lines when `consoleJson`). */
export async function buildSink(config: AppConfig, logger: Logger, dataDir: string, consoleWrite?: (text: string) => void): Promise<BuiltChat> {
  const env = config.env;
  const d = config.settings.discord;
  if (!env.DISCORD_TOKEN) {
    logger.info('No DISCORD_TOKEN: alerts and digests go to the console');
    return { sink: createConsoleSink({ json: env.BOT_CONSOLE_FORMAT === 'json', journalPath: join(dataDir, CONSOLE_JOURNAL), ...(consoleWrite ? { write: consoleWrite } : {}) }) };
  }
  const alertChannelId = env.DISCORD_ALERT_CHANNEL_ID ?? d.alertChannelId;
  if (!alertChannelId) throw new Error('DISCORD_TOKEN is set but no alert channel: set DISCORD_ALERT_CHANNEL_ID or settings.discord.alertChannelId');
  const guildId = env.DISCORD_GUILD_ID ?? d.guildId;
  const managerRoleId = env.DISCORD_MANAGER_ROLE_ID ?? d.managerRoleId;
  // discord.js (and the chart renderer) load only when Discord is used: a third of a second at every start otherwise
  const { createDiscordSink, startDiscordFrontEnd } = await import('../chat/discord/index.js');
  const sink = createDiscordSink({
    token: env.DISCORD_TOKEN,
    apiUrl: env.DISCORD_API_URL ?? d.apiUrl,
    guildId,
    alertChannelId,
    digestChannelId: env.DISCORD_DIGEST_CHANNEL_ID ?? d.digestChannelId,
    pingRoleId: env.DISCORD_PING_ROLE_ID ?? d.pingRoleId,
    pingSeverity: config.settings.alerts.pingSeverity,
    brandChannels: d.brandChannels,
    severityChannels: d.severityChannels,
    logger,
  });
  return { sink, startFrontEnd: (api) => void startDiscordFrontEnd(sink, { api, logger, guildId, managerRoleId }) };
}
