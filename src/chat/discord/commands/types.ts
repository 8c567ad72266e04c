import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../../../shared/logger.js';
import type { BotApi, Result } from '../../api.js';
import type { CustomIdCodec } from '../components/custom-id.js';
import type { PageStore } from '../components/page-store.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What a handler answers; the router decides whether it goes out as reply, edit or follow-up. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
  files?: { name: string; attachment: Buffer }[];
  /** further messages sent after this one (same visibility), each within Discord's limits on its own */
  followUps?: Reply[];
}

export interface CommandContext {
  api: BotApi;
  now: () => Date;
  ids: CustomIdCodec;
  pages: PageStore;
  managerRoleId?: string;
  /** the one server the bot serves; interactions from any other are refused (DMs are always refused) */
  guildId?: string;
  logger: Logger;
  /** channels the sink could not deliver to (403/404), shown by /status */
  failingChannels: () => { channel: string; error: string }[];
}

export interface Choice {
  name: string;
  value: string;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** ephemeral answers are seen only by the caller (decided per call when a function, e.g. from a `share` option) */
  ephemeral: boolean | ((i: ChatInputCommandInteraction) => boolean);
  /** defer before running: the handler does I/O that may take longer than Discord's 3 s */
  defer: boolean;
  /** only members with the manager role or Manage Server may run it (checked on every call) */
  managerOnly?: boolean;
  execute(i: ChatInputCommandInteraction, ctx: CommandContext): Promise<Result<Reply>>;
  autocomplete?(i: AutocompleteInteraction, ctx: CommandContext): Choice[] | Promise<Choice[]>;
}

export const ok = (reply: Reply): Result<Reply> => ({ ok: true, value: reply });
export const fail = (code: string, message: string): Result<Reply> => ({ ok: false, error: { code, message } });
