/** Builders for the Discord payloads the stand-in sends and stores (shapes as Discord's API v10 documents them). */

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A real-looking snowflake (discord.js derives timestamps from ids). */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter).toString();
}

export interface StandinUser {
  id: string;
  username: string;
  bot?: boolean;
}

export function apiUser(u: StandinUser) {
  return { id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false, flags: 0 };
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  author: ReturnType<typeof apiUser>;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: unknown[];
  mention_roles: string[];
  attachments: { id: string; filename: string; size: number; url: string; proxy_url: string; content_type?: string }[];
  embeds: unknown[];
  components: unknown[];
  pinned: boolean;
  type: number;
  flags: number;
  nonce?: string | number;
  /** not part of Discord's message: what the client asked for, kept for assertions */
  allowed_mentions?: unknown;
  /** not part of Discord's message: uploaded files, kept for assertions */
  files: { name: string; type: string; data: Buffer }[];
}

export function message(channelId: string, author: StandinUser, body: Record<string, unknown>, files: StoredMessage['files']): StoredMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: apiUser({ ...author, bot: true }),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: files.map((f) => ({ id: snowflake(), filename: f.name, size: f.data.length, url: `https://cdn.invalid/${f.name}`, proxy_url: `https://cdn.invalid/${f.name}`, content_type: f.type })),
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    nonce: body.nonce as string | undefined,
    allowed_mentions: body.allowed_mentions,
    files,
  };
}

/** Strips the stand-in's own bookkeeping before a message goes back to the client. */
export function wire(m: StoredMessage): Omit<StoredMessage, 'files' | 'allowed_mentions'> {
  const { files: _f, allowed_mentions: _a, ...rest } = m;
  return rest;
}

export interface MemberSpec {
  userId?: string;
  username?: string;
  roles?: string[];
  /** permission bit set as a decimal string (e.g. ManageGuild = "32") */
  permissions?: string;
}

export interface InteractionContext {
  applicationId: string;
  /** null: the interaction comes from a DM with the bot (no guild, no member; `user` instead) */
  guildId: string | null;
  channelId: string;
}

export type CommandOption =
  | { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: CommandOption[] };

/** Infers Discord's option type: string 3, integer 4, boolean 5, number 10. */
export function opt(name: string, value: string | number | boolean, focused = false): CommandOption {
  const type = typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10;
  return focused ? { name, type, value, focused } : { name, type, value };
}

export function sub(name: string, options: CommandOption[] = []): CommandOption {
  return { name, type: 1, options };
}

function guildPart(guildId: string, channelId: string, user: ReturnType<typeof apiUser>, member: MemberSpec) {
  return {
    guild_id: guildId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'alerts', permissions: '2248473465835073' },
    member: {
      user,
      roles: member.roles ?? [],
      permissions: member.permissions ?? '2147552256',
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
    },
    authorizing_integration_owners: { '0': guildId },
    guild_locale: 'en-US',
    context: 0,
  };
}

/** In a DM Discord sends `user` (no `member`, no `guild_id`), a DM channel (type 1) and context 1 (BOT_DM). */
function dmPart(channelId: string, user: ReturnType<typeof apiUser>) {
  return {
    user,
    channel: { id: channelId, type: 1, recipients: [user], flags: 0, last_message_id: null },
    authorizing_integration_owners: { '1': user.id },
    context: 1,
  };
}

export function interaction(type: number, data: unknown, ctx: InteractionContext, member: MemberSpec, extra: Record<string, unknown> = {}) {
  const id = snowflake();
  const user = apiUser({ id: member.userId ?? '700000000000000001', username: member.username ?? 'alice' });
  return {
    id,
    application_id: ctx.applicationId,
    type,
    data,
    channel_id: ctx.channelId,
    ...(ctx.guildId === null ? dmPart(ctx.channelId, user) : guildPart(ctx.guildId, ctx.channelId, user, member)),
    token: `itoken-${id}`,
    version: 1,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10485760,
    ...extra,
  };
}

/** A GUILD_CREATE payload: one text channel, @everyone and the given extra roles. */
export function guildCreate(guildId: string, channelId: string, ownerId: string, roleIds: string[]) {
  const role = (id: string, name: string, position: number, permissions: string) => ({
    id, name, permissions, position, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
  });
  return {
    id: guildId, name: 'Stand-in Guild', icon: null, splash: null, discovery_splash: null, owner_id: ownerId, afk_channel_id: null, afk_timeout: 300,
    verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0, premium_subscription_count: 0,
    system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, public_updates_channel_id: null, safety_alerts_channel_id: null, vanity_url_code: null,
    description: null, banner: null, preferred_locale: 'en-US', features: [], emojis: [], stickers: [], premium_progress_bar_enabled: false, max_members: 500000,
    max_video_channel_users: 25, application_id: null, joined_at: '2026-01-01T00:00:00.000Z', large: false, unavailable: false, member_count: 2, lazy: true,
    roles: [role(guildId, '@everyone', 0, '2147552256'), ...roleIds.map((id, i) => role(id, `role-${i + 1}`, i + 1, '0'))],
    channels: [{ id: channelId, type: 0, guild_id: guildId, name: 'alerts', position: 0, permission_overwrites: [], parent_id: null, nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 }],
    members: [], presences: [], voice_states: [], threads: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], embedded_activities: [],
  };
}
