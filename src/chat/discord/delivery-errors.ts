import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../sink.js';

/** Discord JSON error codes that mean "this channel will never accept our messages as configured". */
const CHANNEL_GONE = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */, 50007]);

export interface ClassifiedError {
  error: TransientDeliveryError | PermanentDeliveryError;
  /** true when the channel itself is the problem (403/404): remember it as failing */
  channelFailing: boolean;
}

/**
 * 5xx (after @discordjs/rest's own retries), timeouts, network errors and rate limits we refused to wait for are
 * transient; 403/404 and the channel codes are permanent for that channel; other 4xx (a payload Discord rejects,
 * a revoked token) are permanent too, because retrying the same request cannot succeed.
 */
export function classifyDeliveryError(err: unknown, channelId: string): ClassifiedError {
  if (err instanceof RateLimitError) {
    return { error: new TransientDeliveryError(`Discord rate limit on ${err.route} (retry in ${err.retryAfter} ms)`, err.retryAfter), channelFailing: false };
  }
  if (err instanceof HTTPError) {
    return { error: new TransientDeliveryError(`Discord answered ${err.status} ${err.message}`), channelFailing: false };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    if (err.status === 429 || err.status >= 500) {
      return { error: new TransientDeliveryError(`Discord answered ${err.status}: ${err.message}`), channelFailing: false };
    }
    const channelFailing = err.status === 403 || err.status === 404 || CHANNEL_GONE.has(code);
    const what = channelFailing ? `channel ${channelId} refused the message` : 'Discord rejected the message';
    return { error: new PermanentDeliveryError(`${what}: ${err.status} ${err.message} (code ${err.code})`, channelId), channelFailing };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { error: new TransientDeliveryError(`Discord unreachable: ${message}`), channelFailing: false };
}
