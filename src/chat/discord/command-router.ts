import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { SlashCommand, CommandContext } from './commands/types.js';
import { NOT_A_MANAGER, isManager, scopeRefusal } from './commands/permissions.js';
import { handleComponent } from './component-handlers.js';
import { sendError, sendReply } from './respond.js';

export const INTERNAL_ERROR = 'Something went wrong on our side; it has been logged. Please try again in a minute.';

/**
 * The one place that runs slash commands, autocomplete and components: looks up the handler, checks manager rights,
 * defers when the handler does I/O, times it, turns UserErrors into friendly ephemeral answers and logs the rest.
 */
export function createInteractionRouter(commands: ReadonlyMap<string, SlashCommand>, ctx: CommandContext) {
  async function runCommand(i: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const cmd = commands.get(i.commandName);
    const meta = { command: i.commandName, sub: i.options.getSubcommand(false) ?? undefined, user: i.user.id, interaction: i.id };
    if (!cmd) {
      ctx.logger.warn(meta, 'Unknown slash command');
      await i.reply({ content: 'This command is not available any more.', flags: MessageFlags.Ephemeral });
      return;
    }
    if (cmd.managerOnly && !isManager(i, ctx.managerRoleId)) {
      ctx.logger.info(meta, 'Manager command refused');
      await i.reply({ content: NOT_A_MANAGER, flags: MessageFlags.Ephemeral });
      return;
    }
    const ephemeral = typeof cmd.ephemeral === 'function' ? cmd.ephemeral(i) : cmd.ephemeral;
    try {
      if (cmd.defer) await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      const result = await cmd.execute(i, ctx);
      if (result.ok) await sendReply(i, result.value, ephemeral);
      else await sendError(i, `⚠️ ${result.error.message}`, ephemeral);
      ctx.logger.info({ ...meta, ms: Math.round(performance.now() - started), ok: result.ok, code: result.ok ? undefined : result.error.code }, 'Slash command answered');
    } catch (err) {
      ctx.logger.error({ ...meta, err, ms: Math.round(performance.now() - started) }, 'Slash command failed');
      await sendError(i, INTERNAL_ERROR, ephemeral).catch((e: unknown) => ctx.logger.warn({ ...meta, err: e }, 'Could not report command failure'));
    }
  }

  async function runAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const cmd = commands.get(i.commandName);
    try {
      const choices = cmd?.autocomplete ? await cmd.autocomplete(i, ctx) : [];
      await i.respond(choices);
    } catch (err) {
      ctx.logger.warn({ command: i.commandName, err }, 'Autocomplete failed');
      await i.respond([]).catch(() => undefined);
    }
  }

  /** DMs and other servers get a short ephemeral refusal (autocomplete: no choices) and reach no handler. */
  async function refuseOutOfScope(i: Interaction): Promise<boolean> {
    const refusal = scopeRefusal(i, ctx.guildId);
    if (refusal === undefined) return false;
    ctx.logger.info({ interaction: i.id, user: i.user.id, guild: i.guildId ?? 'dm' }, 'Interaction from outside the configured server refused');
    if (i.isAutocomplete()) await i.respond([]);
    else if (i.isRepliable()) await i.reply({ content: refusal, flags: MessageFlags.Ephemeral });
    return true;
  }

  return async function route(i: Interaction): Promise<void> {
    try {
      if (await refuseOutOfScope(i)) return;
      if (i.isChatInputCommand()) await runCommand(i);
      else if (i.isAutocomplete()) await runAutocomplete(i);
      else if (i.isButton() || i.isStringSelectMenu()) await handleComponent(i, ctx);
    } catch (err) {
      ctx.logger.error({ err, interaction: i.id }, 'Interaction handling failed');
    }
  };
}
