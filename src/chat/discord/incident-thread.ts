import { DiscordAPIError, Routes, type APIEmbed, type REST } from 'discord.js';
import type { Alert } from '../../domain/types.js';
import type { Logger } from '../../shared/logger.js';
import type { DeliveryReceipt } from '../sink.js';
import type { ActionRow } from './commands/types.js';
import { alertButtons } from './components/alert-buttons.js';
import type { CustomIdCodec } from './components/custom-id.js';
import { classifyDeliveryError } from './delivery-errors.js';
import { alertEmbed, updateEmbed } from './embeds/alert-embed.js';
import { truncate } from './embeds/text.js';

/** Discord error codes: the message is gone; a thread already exists for it. */
const UNKNOWN_MESSAGE = 10008;
const THREAD_EXISTS = 160004;

export interface ThreadPost {
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
  message_reference?: { message_id: string; fail_if_not_exists: false };
  components?: ActionRow[];
}

export interface UpdateTarget {
  channelId: string;
  messageId: string;
  alert: Alert;
  outboxId: string;
  ids: CustomIdCodec;
  logger: Logger;
  post: (channelId: string, outboxId: string, msg: ThreadPost) => Promise<DeliveryReceipt>;
}

const code = (err: unknown): number | undefined => (err instanceof DiscordAPIError ? Number(err.code) : undefined);

/** A transient failure (outage, 5xx, rate limit) stops the update for a retry; a refusal is logged and worked around. */
function rethrowTransient(err: unknown, channelId: string): void {
  const { error } = classifyDeliveryError(err, channelId);
  if (error.name === 'TransientDeliveryError') throw error;
}

/**
 * Shows an incident's update: the first message is edited to the incident's current state (buttons still act on the
 * incident), and the update is posted in a thread under it (created on the first update; on Discord a thread started
 * from a message has that message's id). Every step can be repeated after a crash: the edit is idempotent, an
 * existing thread is reused, and the reply carries the update's nonce. Returns 'root-gone' when the first message was
 * deleted: the caller posts the update as a message of its own.
 */
export async function updateIncident(rest: REST, t: UpdateTarget): Promise<DeliveryReceipt | 'root-gone'> {
  const incidentId = t.alert.incidentId ?? t.alert.update?.of ?? t.alert.id;
  const kind = t.alert.update?.kind ?? 'update';
  const rootView: Alert = { ...t.alert, id: incidentId, title: t.alert.title.replace(/^(Update|Reopened|Resolved): /, kind === 'resolved' ? 'Resolved: ' : '') };
  try {
    await rest.patch(Routes.channelMessage(t.channelId, t.messageId), {
      body: { embeds: [alertEmbed(rootView)], components: alertButtons(rootView, t.ids), allowed_mentions: { parse: [] } },
    });
  } catch (err) {
    if (code(err) === UNKNOWN_MESSAGE) return 'root-gone';
    rethrowTransient(err, t.channelId);
    t.logger.warn({ channelId: t.channelId, messageId: t.messageId, err: (err as Error).message }, 'Could not edit the incident message: posting the update anyway');
  }
  let thread: string | undefined = t.messageId;
  try {
    await rest.post(Routes.threads(t.channelId, t.messageId), {
      body: { name: truncate(rootView.title.replace(/[\r\n]+/g, ' ') || 'Incident', 100), auto_archive_duration: 1440 },
    });
  } catch (err) {
    if (code(err) === UNKNOWN_MESSAGE) return 'root-gone';
    if (code(err) !== THREAD_EXISTS) {
      rethrowTransient(err, t.channelId);
      // no right to start threads here: reply in the channel instead, pointing at the incident's message
      t.logger.warn({ channelId: t.channelId, err: (err as Error).message }, 'Could not start an incident thread: replying in the channel');
      thread = undefined;
    }
  }
  const embeds = [updateEmbed(t.alert)];
  if (thread) return t.post(thread, t.outboxId, { embeds, allowed_mentions: { parse: [] } });
  return t.post(t.channelId, t.outboxId, { embeds, allowed_mentions: { parse: [] }, message_reference: { message_id: t.messageId, fail_if_not_exists: false } });
}
