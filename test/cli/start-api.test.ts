import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempBot } from '../support/temp-config.js';

const TSX = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;

/** `start` with http.enabled: waits for the "listening" log line (no sleeping), asks the API, then stops the bot. */
async function withStartedBot(env: Record<string, string>, check: (url: string) => Promise<void>): Promise<void> {
  const bot = tempBot({ brands: [{ name: 'Nimbus' }], settings: { http: { enabled: true, port: 0 } } });
  const child = spawn(process.execPath, ['--import', TSX, 'src/cli.ts', '--config', bot.configDir, '--data', bot.dataDir, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', API_TOKEN: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stderr.on('data', (b: Buffer) => {
        buf += b.toString();
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*endpoint listening/.exec(buf);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`the bot exited before listening:\n${buf}`)));
    });
    await check(url);
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(bot.root, { recursive: true, force: true });
  }
}

describe('start with http.enabled serves the read API', () => {
  it('GIVEN API_TOKEN in the environment THEN /api/v1 answers with the bearer and refuses without it', { timeout: 60_000 }, async () => {
    const token = 'e2e-token-0123456789abcdef';
    await withStartedBot({ API_TOKEN: token }, async (url) => {
      expect((await fetch(`${url}/api/v1/brands`)).status).toBe(401);
      const ok = await fetch(`${url}/api/v1/brands`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ brands: [{ name: 'Nimbus', aliases: [], competitors: [] }] });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    });
  });

  it('GIVEN no API_TOKEN THEN /api/v1 answers 503 saying how to set it', { timeout: 60_000 }, async () => {
    await withStartedBot({}, async (url) => {
      const res = await fetch(`${url}/api/v1/brands`);
      expect(res.status).toBe(503);
      expect(JSON.stringify(await res.json())).toContain('API_TOKEN=');
    });
  });
});
