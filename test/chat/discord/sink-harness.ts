import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../../src/shared/logger.js';
import { createDiscordSink, type DiscordSink, type DiscordSinkOptions } from '../../../src/chat/discord/discord-sink.js';
import { startDiscordFrontEnd } from '../../../src/chat/discord/front-end.js';
import type { BotApi } from '../../../src/chat/api.js';
import { DiscordStandin } from '../../support/discord-standin/index.js';
import { createFakeBotApi, NOW } from './fake-bot-api.js';

export const MANAGER_ROLE = '820000000000000001';
export const PING_ROLE = '830000000000000001';

export async function startHarness(over: Partial<DiscordSinkOptions> & { api?: BotApi; managerRoleId?: string } = {}, standin?: DiscordStandin) {
  const discord = standin ?? (await DiscordStandin.start());
  const fake = createFakeBotApi();
  const { api, managerRoleId = MANAGER_ROLE, ...sinkOptions } = over;
  const options: DiscordSinkOptions = {
    token: 'test-token',
    apiUrl: discord.apiUrl,
    guildId: discord.guildId,
    alertChannelId: discord.channelId,
    pingRoleId: PING_ROLE,
    pingSeverity: 'critical',
    brandChannels: {},
    severityChannels: {},
    logger: silentLogger(),
    rest: { retries: 1, timeout: 2000 },
    maxRateLimitWaitMs: 1000,
    readyTimeoutMs: 5000,
    ...sinkOptions,
  };
  const sink: DiscordSink = createDiscordSink(options);
  // the front-end answers commands beside the sink, as the composition root starts it
  startDiscordFrontEnd(sink, { api: api ?? fake.api, logger: options.logger, now: () => NOW, managerRoleId, guildId: options.guildId });
  await sink.start();
  return { discord, sink, ...fake };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * A harness for one describe block: started before its tests (by `start`, default startHarness()), stopped after.
 * The returned object is filled in when the block starts.
 */
export function useHarness(start: () => Promise<Harness> = () => startHarness()): Harness {
  const h = {} as Harness;
  beforeAll(async () => void Object.assign(h, await start()));
  afterAll(async () => {
    await h.sink.stop();
    await h.discord.close();
  });
  return h;
}
