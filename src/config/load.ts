import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';
import { envSchema, type Env } from './env.js';
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

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** Parse one YAML file against a schema; collect every issue with its path and line. */
function loadYaml<S extends z.ZodType>(file: string, schema: S, issues: ConfigIssue[], subst: Record<string, string>): z.infer<S> | undefined {
  const display = file;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const [k, v] of Object.entries(subst)) text = text.split('${' + k + '}').join(v);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) issues.push({ file: display, path: '', line: e.linePos?.[0]?.line, message: `YAML syntax: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const data: unknown = doc.toJS() ?? {};
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const i of r.error.issues) {
    const node = doc.getIn(i.path as (string | number)[], true);
    const line = isNode(node) && node.range ? lc.linePos(node.range[0]).line : undefined;
    issues.push({ file: display, path: pathToString(i.path), line, message: i.message });
  }
  return undefined;
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
  const brands = loadYaml(brandsFile, brandsFileSchema, issues, subst);
  const sources = loadYaml(join(dir, 'sources.yaml'), sourcesFileSchema, issues, subst);
  const settings = loadYaml(join(dir, 'settings.yaml'), settingsFileSchema, issues, subst);
  const envResult = envSchema.safeParse(envFromDir(dir, opts.env));
  if (!envResult.success) {
    for (const i of envResult.error.issues) issues.push({ file: 'environment', path: pathToString(i.path), message: i.message });
  }
  if (brands) checkBrandNames(brands.brands, join(dir, 'brands.yaml'), issues);
  if (envResult.success && settings) checkIntegrations(envResult.data, settings, issues);
  if (issues.length > 0 || !brands || !sources || !settings || !envResult.success) throw new ConfigError(issues);
  return { dir, brands: brands.brands, sources, settings, env: envResult.data };
}

function checkBrandNames(brands: BrandsFile['brands'], file: string, issues: ConfigIssue[]): void {
  const names = new Set<string>();
  brands.forEach((b, i) => {
    const k = b.name.toLowerCase();
    if (names.has(k)) issues.push({ file, path: `brands[${i}].name`, message: `duplicate brand name "${b.name}"` });
    names.add(k);
  });
  brands.forEach((b, i) =>
    b.competitors.forEach((c, j) => {
      if (!names.has(c.toLowerCase())) issues.push({ file, path: `brands[${i}].competitors[${j}]`, message: `"${c}" is not a configured brand (add it to brands so its mentions are counted)` });
    }),
  );
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
