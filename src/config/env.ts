import { z } from 'zod';

/** A libpq connection URL: postgres://user:password@host:5432/database (or postgresql://). */
export const postgresUrl = z.string().refine((u) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
}, 'expected a postgres:// or postgresql:// URL, e.g. postgres://bot@db.example:5432/brandbot');

/** Secrets and endpoint overrides come from the environment (and .env), never from config files. */
export const envSchema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.string().url().optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/, 'a Discord snowflake (digits)').optional(),
  DISCORD_ALERT_CHANNEL_ID: z.string().regex(/^\d+$/, 'a Discord snowflake (digits)').optional(),
  DISCORD_DIGEST_CHANNEL_ID: z.string().regex(/^\d+$/, 'a Discord snowflake (digits)').optional(),
  DISCORD_MANAGER_ROLE_ID: z.string().regex(/^\d+$/, 'a Discord snowflake (digits)').optional(),
  DISCORD_PING_ROLE_ID: z.string().regex(/^\d+$/, 'a Discord snowflake (digits)').optional(),
  REDDIT_CLIENT_ID: z.string().min(1).optional(),
  REDDIT_CLIENT_SECRET: z.string().min(1).optional(),
  REDDIT_REFRESH_TOKEN: z.string().min(1).optional(),
  REDDIT_USERNAME: z.string().min(1).optional(),
  REDDIT_PASSWORD: z.string().min(1).optional(),
  REDDIT_USER_AGENT: z.string().min(1).optional(),
  REDDIT_API_URL: z.string().url().optional(),
  REDDIT_AUTH_URL: z.string().url().optional(),
  HF_TOKEN: z.string().min(1).optional(),
  HF_ENDPOINT_URL: z.string().url().optional(),
  /** key for pseudonymising authors; generated and kept under data/ when absent */
  AUTHOR_HASH_KEY: z.string().min(16, 'at least 16 characters').optional(),
  /** selects the Postgres store (unless settings.store.engine says lowdb); may carry the password */
  DATABASE_URL: postgresUrl.optional(),
  /** bearer token of the read-only HTTP API (/api/v1/*, and /metrics once set); without it /api answers 503 */
  API_TOKEN: z.string().min(16, 'at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  /** `json`: the console sink prints one JSON object per message (scripts, tests) instead of text */
  BOT_CONSOLE_FORMAT: z.enum(['text', 'json']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof envSchema>;
