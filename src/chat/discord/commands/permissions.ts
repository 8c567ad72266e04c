import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';

/**
 * A manager has the configured manager role or the Manage Server permission. Checked on every call because
 * server admins can override a command's default_member_permissions.
 */
export function isManager(i: BaseInteraction, managerRoleId: string | undefined): boolean {
  if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!managerRoleId || !i.member) return false;
  const roles = i.member.roles;
  return Array.isArray(roles) ? roles.includes(managerRoleId) : roles.cache.has(managerRoleId);
}

export const NOT_A_MANAGER = 'Only members with the manager role (or Manage Server) can do that.';

export const WRONG_SERVER = 'This bot is not configured for this server.';
export const NOT_IN_DMS = 'This bot works only inside its server, not in direct messages.';

/**
 * Why an interaction is refused before anything else runs: it comes from a DM (always refused: brand data and manager
 * commands belong to a server), or from a server other than the configured one. Undefined when it may proceed.
 */
export function scopeRefusal(i: BaseInteraction, guildId: string | undefined): string | undefined {
  if (!i.inGuild()) return NOT_IN_DMS;
  if (guildId !== undefined && i.guildId !== guildId) return WRONG_SERVER;
  return undefined;
}
