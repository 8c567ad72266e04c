import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../domain/types.js';
import type { Result } from '../api.js';
import { sentimentSelects } from './components/alert-buttons.js';
import { NOT_A_MANAGER, isManager } from './commands/permissions.js';
import { mentionsPage } from './commands/mentions.js';
import { ok, fail, type CommandContext, type Reply } from './commands/types.js';
import { safeText } from './embeds/text.js';
import { ALERT_FOOTER_PREFIX } from './embeds/alert-embed.js';
import { sendError, sendReply } from './respond.js';

const EXPIRED = 'This button has expired (the bot restarted since). Run the command again.';
export const MUTE_HOURS = 24;

type Component = ButtonInteraction | StringSelectMenuInteraction;

/** Buttons under alerts (Acknowledge, Wrong sentiment, Mute 24 h), the sentiment selects and /mentions paging. */
export async function handleComponent(i: Component, ctx: CommandContext): Promise<void> {
  const started = performance.now();
  const parsed = ctx.ids.decode(i.customId);
  const meta = { component: parsed?.kind ?? i.customId, user: i.user.id, interaction: i.id };
  try {
    const arg = parsed ? (parsed.arg ?? alertIdFromFooter(i, parsed.token, ctx)) : undefined;
    if (!parsed || arg === undefined) {
      await sendError(i, EXPIRED, true);
      return;
    }
    if (parsed.kind === 'page' && i.isButton()) {
      await turnPage(i, arg, ctx);
      return;
    }
    if (parsed.kind === 'mute' && !isManager(i, ctx.managerRoleId)) {
      await sendError(i, NOT_A_MANAGER, true);
      return;
    }
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await run(parsed.kind, arg, i, ctx);
    if (result.ok) await sendReply(i, result.value, true);
    else await sendError(i, `⚠️ ${result.error.message}`, true);
    ctx.logger.info({ ...meta, ok: result.ok, ms: Math.round(performance.now() - started) }, 'Component handled');
  } catch (err) {
    ctx.logger.error({ ...meta, err }, 'Component failed');
    await sendError(i, 'Something went wrong on our side; it has been logged.', true).catch(() => undefined);
  }
}

/** A hashed alert id (too long for a custom id) is recovered from the alert's own embed footer, even after a restart. */
function alertIdFromFooter(i: Component, token: string | undefined, ctx: CommandContext): string | undefined {
  const footer = i.message.embeds[0]?.footer?.text;
  const id = footer?.startsWith(ALERT_FOOTER_PREFIX) ? footer.slice(ALERT_FOOTER_PREFIX.length) : undefined;
  return token && id && ctx.ids.matches(token, id) ? id : undefined;
}

async function run(kind: string, arg: string, i: Component, ctx: CommandContext): Promise<Result<Reply>> {
  const now = ctx.now();
  switch (kind) {
    case 'ack': {
      const r = await ctx.api.acknowledge(arg, i.user.id, now);
      return r.ok ? ok({ content: `✅ Acknowledged, ${Math.round(r.value.minutesToAck)} min after the alert. Thanks!` }) : r;
    }
    case 'wrong': {
      const alert = await ctx.api.explainAlert(arg);
      if (!alert.ok) return alert;
      if (alert.value.mentions.length === 0) return fail('no-mentions', 'This alert has no mentions to correct.');
      return ok({ content: 'Pick the right label for each mention you checked (confirm the model\'s label when it was right):', components: sentimentSelects(alert.value.mentions, ctx.ids) });
    }
    case 'label': {
      const label = i.isStringSelectMenu() ? i.values[0] : undefined;
      if (!label || !SENTIMENT_LABELS.includes(label as SentimentLabel)) return fail('bad-label', 'Pick one of the labels.');
      const r = await ctx.api.correctSentiment(arg, label as SentimentLabel, i.user.id, now);
      return r.ok ? ok({ content: `🏷️ Recorded as **${label}**: ${safeText(r.value)}` }) : r;
    }
    case 'mute': {
      const alert = await ctx.api.explainAlert(arg);
      if (!alert.ok) return alert;
      // an incident gathers several rules: muting it silences all of the brand's alerts, not only the first rule
      const r = await ctx.api.alertsMute(alert.value.brand, alert.value.incidentId ? undefined : alert.value.rule, MUTE_HOURS, now);
      return r.ok ? ok({ content: `🔕 ${safeText(r.value)}` }) : r;
    }
    default:
      return fail('unknown-component', EXPIRED);
  }
}

async function turnPage(i: ButtonInteraction, arg: string, ctx: CommandContext): Promise<void> {
  const sep = arg.lastIndexOf(':');
  const token = arg.slice(0, sep);
  const page = Number(arg.slice(sep + 1));
  const state = ctx.pages.get(token);
  if (!state || !Number.isInteger(page) || page < 0) {
    await sendError(i, EXPIRED, true);
    return;
  }
  if (state.userId !== i.user.id) {
    await sendError(i, 'These pages belong to someone else: run /mentions yourself.', true);
    return;
  }
  await i.deferUpdate();
  const r = await mentionsPage(ctx, token, state, page);
  if (r.ok) await i.editReply({ embeds: r.value.embeds, components: r.value.components });
  else await i.followUp({ content: `⚠️ ${r.error.message}`, flags: MessageFlags.Ephemeral });
}
