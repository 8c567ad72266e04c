import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { describeChoice, storeChoice } from '../../src/app/build-store.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { tempBot, type TempBot } from '../support/temp-config.js';

describe('store selection (composition root)', () => {
  let bot: TempBot | undefined;
  afterEach(() => bot && rmSync(bot.root, { recursive: true, force: true }));
  const choose = (settings: unknown, env: Record<string, string> = {}) => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }], settings });
    return storeChoice(loadConfig(bot.configDir, { env }), '/data');
  };
  const issues = (settings: unknown, env: Record<string, string> = {}): string => {
    bot = tempBot({ brands: [{ name: 'Nimbus' }], settings });
    try {
      loadConfig(bot.configDir, { env });
      return '';
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return e.message;
    }
  };

  it('GIVEN nothing configured THEN lowdb under the data directory stays the default', () => {
    expect(choose({})).toEqual({ engine: 'lowdb', dir: '/data' });
  });

  it('GIVEN DATABASE_URL THEN Postgres, unless settings.store.engine says lowdb', () => {
    expect(choose({}, { DATABASE_URL: 'postgres://bot:pw@db:5432/brand' })).toEqual({ engine: 'postgres', url: 'postgres://bot:pw@db:5432/brand' });
    expect(choose({ store: { engine: 'lowdb' } }, { DATABASE_URL: 'postgres://db/brand' })).toEqual({ engine: 'lowdb', dir: '/data' });
  });

  it('GIVEN settings.store {engine: postgres, url, schema} THEN that database, DATABASE_URL winning over the url', () => {
    expect(choose({ store: { engine: 'postgres', url: 'postgresql://bot@db/brand', schema: 'listening' } })).toEqual({ engine: 'postgres', url: 'postgresql://bot@db/brand', schema: 'listening' });
    expect(choose({ store: { engine: 'postgres', url: 'postgresql://bot@db/brand' } }, { DATABASE_URL: 'postgres://other/x' })).toMatchObject({ url: 'postgres://other/x' });
  });

  it('logs name the host and database, never the user or password', () => {
    expect(describeChoice({ engine: 'postgres', url: 'postgres://bot:secret@db.example:5433/brand' })).toBe('postgres db.example:5433/brand');
  });

  it('GIVEN a bad store configuration THEN config validation names the key', () => {
    expect(issues({ store: { engine: 'postgres' } })).toMatch(/store\.url.*DATABASE_URL/);
    expect(issues({ store: { url: 'postgres://bot:secret@db/brand' } })).toMatch(/store\.url.*no password in config files/);
    expect(issues({ store: { url: 'mysql://db/brand' } })).toMatch(/store\.url.*postgres:\/\//);
    expect(issues({ store: { schema: 'Bad-Name' } })).toMatch(/store\.schema/);
    expect(issues({}, { DATABASE_URL: 'not a url' })).toMatch(/DATABASE_URL/);
    expect(issues({ store: { engine: 'postgres' } }, { DATABASE_URL: 'postgres://db/brand' })).toBe('');
  });
});
