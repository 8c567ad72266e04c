import { PermissionFlagsBits, SlashCommandBuilder, type AutocompleteInteraction } from 'discord.js';
import type { BotApi } from '../../api.js';
import { LIMITS, truncate } from '../embeds/text.js';
import type { Choice } from './types.js';

/**
 * A manager command's builder: shown by default only to members who may manage the server (the handlers check the
 * configured manager role as well).
 */
export function managerCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder().setName(name).setDescription(description).setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
}

/** Time windows offered by /reputation, /trends and /mentions since. */
export const WINDOW_CHOICES = [
  { name: 'last hour', value: '1h' },
  { name: 'last 6 hours', value: '6h' },
  { name: 'last 24 hours', value: '24h' },
  { name: 'last 7 days', value: '7d' },
  { name: 'last 30 days', value: '30d' },
] as const;

export function windowHours(value: string | null, fallbackHours: number): number {
  if (!value) return fallbackHours;
  const m = /^(\d+)([hd])$/.exec(value);
  if (!m) return fallbackHours;
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1);
}

function rank(names: readonly string[], typed: string): string[] {
  const q = typed.trim().toLowerCase();
  const starts = names.filter((n) => n.toLowerCase().startsWith(q));
  const contains = names.filter((n) => !n.toLowerCase().startsWith(q) && n.toLowerCase().includes(q));
  return [...starts, ...contains];
}

export function brandChoices(api: BotApi, i: AutocompleteInteraction): Choice[] {
  const typed = String(i.options.getFocused());
  return rank(api.brandNames(), typed)
    .slice(0, LIMITS.autocompleteChoices)
    .map((n) => ({ name: truncate(n, LIMITS.choiceName), value: truncate(n, LIMITS.choiceName) }));
}

export function feedChoices(api: BotApi, i: AutocompleteInteraction): Choice[] {
  const typed = String(i.options.getFocused()).trim().toLowerCase();
  return api
    .feedList()
    .filter((f) => f.id.toLowerCase().includes(typed) || f.url.toLowerCase().includes(typed))
    .slice(0, LIMITS.autocompleteChoices)
    .map((f) => ({ name: truncate(`${f.id} · ${f.url}`, LIMITS.choiceName), value: truncate(f.id, LIMITS.choiceName) }));
}

/** "a, b ,c" -> ["a","b","c"] */
export function splitList(value: string | null): string[] | undefined {
  if (!value) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}
