import { Routes, type APIMessage, type REST } from 'discord.js';
import type { Delivery, DeliveryReceipt } from '../sink.js';
import { alertChannel, digestChannel, type ChannelConfig } from './channel-routing.js';
import { classifyDeliveryError } from './delivery-errors.js';
import { ALERT_FOOTER_PREFIX } from './embeds/alert-embed.js';
import { DIGEST_FOOTER_MARK } from './embeds/digest-embed.js';
import { NOTICE_FOOTER_PREFIX } from './embeds/notice-embed.js';
import { nonceFor } from './nonce.js';

/** How far back a channel is searched: the newest messages (one page; what a crash can have left unmarked). */
export const RECENT_MESSAGES = 50;

/**
 * Does this message carry the outbox entry? Discord does not keep nonces (a fetched message has none; it is checked
 * for stand-ins and proxies that do), so the embed footer is what identifies it: `Alert <id>` (alerts, and incident
 * updates, whose alert id is their outbox id), `Notice <id>`, or a digest footer ending in ` · Digest <id>`.
 */
export function carriesOutboxId(m: Pick<APIMessage, 'nonce' | 'embeds'>, outboxId: string): boolean {
  if (m.nonce !== undefined && m.nonce !== null && String(m.nonce) === nonceFor(outboxId)) return true;
  return m.embeds.some((e) => {
    const text = e.footer?.text;
    return text === `${ALERT_FOOTER_PREFIX}${outboxId}` || text === `${NOTICE_FOOTER_PREFIX}${outboxId}` || text?.endsWith(`${DIGEST_FOOTER_MARK}${outboxId}`) === true;
  });
}

/**
 * Where a delivery may have landed, most likely first. An incident update goes into the thread under its root
 * message (on Discord a thread started from a message has that message's id), or into the root's channel when no
 * thread could be started, or to the alert channel as a message of its own when the root was gone.
 */
export function candidateChannels(what: Delivery, cfg: ChannelConfig): string[] {
  switch (what.kind) {
    case 'alert':
      return [alertChannel(what.alert, cfg)];
    case 'digest':
      return [digestChannel(what.digest.brand, cfg)];
    case 'notice':
      return [cfg.alertChannelId];
    case 'update': {
      if (!what.root) return [alertChannel(what.alert, cfg)];
      const [channelId, messageId] = what.root.messageId.includes('/') ? (what.root.messageId.split('/', 2) as [string, string]) : [alertChannel(what.alert, cfg), what.root.messageId];
      return [...new Set([messageId, channelId, alertChannel(what.alert, cfg)])];
    }
  }
}

/**
 * Looks for an outbox entry among the recent messages of every channel it may have gone to (GET
 * /channels/{id}/messages?limit=50; needs Read Message History, without which Discord answers an empty list).
 * A channel that cannot be read for good (403/404: e.g. a thread never created) is skipped; an outage rejects with
 * TransientDeliveryError, so nothing is re-sent blind while Discord cannot tell.
 */
export async function findDelivered(rest: REST, cfg: ChannelConfig, botUserId: string | undefined, outboxId: string, what: Delivery): Promise<DeliveryReceipt | undefined> {
  for (const channelId of candidateChannels(what, cfg)) {
    let recent: APIMessage[];
    try {
      recent = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }) })) as APIMessage[];
    } catch (err) {
      const { error } = classifyDeliveryError(err, channelId);
      if (error.name === 'TransientDeliveryError') throw error;
      continue;
    }
    const found = recent.find((m) => (botUserId === undefined || m.author.id === botUserId) && carriesOutboxId(m, outboxId));
    // the same receipt as a fresh post: the message id (an update finds the channel from its incident's alert)
    if (found) return { messageId: found.id };
  }
  return undefined;
}
