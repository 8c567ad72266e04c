import { InteractionContextType, Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../../shared/logger.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Keys Discord adds or defaults on its side; ignored when comparing (`contexts` is ours: it is compared). */
const SERVER_ONLY = new Set(['id', 'application_id', 'guild_id', 'version', 'dm_permission', 'nsfw', 'integration_types', 'name_localized', 'description_localized']);

/** Every command is usable in servers only: never in DMs with the bot, nor in group DMs. Pure. */
export function guildOnly(def: RESTPostAPIApplicationCommandsJSONBody): RESTPostAPIApplicationCommandsJSONBody {
  return { ...def, contexts: [InteractionContextType.Guild] };
}
const DEFAULT_FALSE = new Set(['required', 'autocomplete']);

/** Canonical form of command definitions: server-only keys dropped, defaults filled, keys and commands sorted. Pure. */
export function normaliseCommands(defs: readonly unknown[]): Json {
  return [...defs].map((d) => normalise(d, 0)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function normalise(value: unknown, depth: number): Json {
  if (Array.isArray(value)) return value.map((v) => normalise(v, depth + 1));
  if (value === null || typeof value !== 'object') return (value ?? null) as Json;
  const out: Record<string, Json> = {};
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (SERVER_ONLY.has(key) || v === undefined || v === null) continue;
    if (DEFAULT_FALSE.has(key) && v === false) continue;
    if ((key === 'name_localizations' || key === 'description_localizations') && Object.keys(v as object).length === 0) continue;
    if (key === 'options' && Array.isArray(v) && v.length === 0) continue;
    if (key === 'type' && depth === 0 && v === 1) continue;
    out[key] = key === 'default_member_permissions' ? String(v) : normalise(v, depth + 1);
  }
  return out;
}

export interface SyncResult {
  changed: boolean;
}

/** PUTs the commands (guild-only contexts) only when what Discord has differs, so restarts do not burn the daily registration budget. */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  defs: readonly RESTPostAPIApplicationCommandsJSONBody[],
  logger: Logger,
): Promise<SyncResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const body = defs.map(guildOnly);
  const existing = (await rest.get(route)) as unknown[];
  if (JSON.stringify(normaliseCommands(existing)) === JSON.stringify(normaliseCommands(body))) {
    logger.info({ guildId, count: defs.length }, 'Slash commands unchanged');
    return { changed: false };
  }
  await rest.put(route, { body });
  logger.info({ guildId, count: defs.length }, 'Slash commands registered');
  return { changed: true };
}
