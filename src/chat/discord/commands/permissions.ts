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
