import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';
import { envSchema, type Env } from './env.js';
import { checkBrandReferences, checkDemoFeeds, checkFeedIds } from './cross-check.js';
import { pathToString, readYaml } from './yaml-file.js';
import { brandsFileSchema, settingsFileSchema, sourcesFileSchema } from './schema.js';

export type BrandsFile = z.infer<typeof brandsFileSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export interface AppConfig {
  dir: string;
  brands: BrandsFile['brands'];
  sources: SourcesFile;
  settings: SettingsFile;
  env: Env;
}

export interface LoadOptions {
  /** process.env or a test's env */
  env: Record<string, string | undefined>;
  /** substituted for ${DEMO_URL} in sources.yaml */
  demoUrl?: string;
}

function envFromDir(dir: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const dotenvPath = join(dir, '..', '.env');
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  // real environment wins over .env
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

/** Load and validate config/{brands,sources,settings}.yaml and the environment. Throws ConfigError listing every problem. */
export function loadConfig(dir: string, opts: LoadOptions): AppConfig {
  const issues: ConfigIssue[] = [];
  const subst: Record<string, string> = opts.demoUrl ? { DEMO_URL: opts.demoUrl } : {};
  const brandsFile = join(dir, 'brands.yaml');
  if (!existsSync(brandsFile)) issues.push({ file: brandsFile, path: '', message: 'file is missing (at least one brand is required)' });
  const brandsYaml = readYaml(brandsFile, brandsFileSchema, issues, subst);
  const sourcesYaml = readYaml(join(dir, 'sources.yaml'), sourcesFileSchema, issues, subst);
  const settingsYaml = readYaml(join(dir, 'settings.yaml'), settingsFileSchema, issues, subst);
  checkBrandReferences(brandsYaml, issues);
  checkFeedIds(sourcesYaml, issues);
  checkDemoFeeds(sourcesYaml, settingsYaml, issues);
  const { data: brands } = brandsYaml;
  const { data: sources } = sourcesYaml;
  const { data: settings } = settingsYaml;
  const envResult = envSchema.safeParse(envFromDir(dir, opts.env));
  if (!envResult.success) {
    for (const i of envResult.error.issues) issues.push({ file: 'environment', path: pathToString(i.path), message: i.message });
  }
  if (envResult.success && settings) checkIntegrations(envResult.data, settings, issues);
  if (issues.length > 0) throw new ConfigError(byFileAndLine(issues));
  if (!brands || !sources || !settings || !envResult.success) throw new ConfigError(issues);
  return { dir, brands: brands.brands, sources, settings, env: envResult.data };
}

/** Each file's issues together (in the order the files were read), top to bottom. */
function byFileAndLine(issues: ConfigIssue[]): ConfigIssue[] {
  const order = new Map<string, number>();
  for (const i of issues) if (!order.has(i.file)) order.set(i.file, order.size);
  return [...issues].sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

/** Settings that only make sense together: named now, not discovered at the first alert. */
function checkIntegrations(env: Env, settings: SettingsFile, issues: ConfigIssue[]): void {
  if (env.DISCORD_TOKEN && !env.DISCORD_ALERT_CHANNEL_ID && !settings.discord.alertChannelId)
    issues.push({ file: 'environment', path: 'DISCORD_ALERT_CHANNEL_ID', message: 'DISCORD_TOKEN is set, so an alert channel is needed (DISCORD_ALERT_CHANNEL_ID or settings.discord.alertChannelId)' });
  if (settings.store.engine === 'postgres' && !env.DATABASE_URL && !settings.store.url)
    issues.push({ file: 'settings.yaml', path: 'store.url', message: 'store.engine is postgres, so a database is needed (DATABASE_URL, or store.url without the password)' });
  const reddit = [env.REDDIT_CLIENT_ID, env.REDDIT_CLIENT_SECRET].filter(Boolean).length;
  const grant = !!env.REDDIT_REFRESH_TOKEN || (!!env.REDDIT_USERNAME && !!env.REDDIT_PASSWORD);
  if ((reddit > 0 || grant) && (reddit < 2 || !grant))
    issues.push({ file: 'environment', path: 'REDDIT_*', message: 'Reddit needs REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET and either REDDIT_REFRESH_TOKEN or REDDIT_USERNAME + REDDIT_PASSWORD' });
}
