import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A private Postgres cluster for tests: initdb into a temp directory, its own port on 127.0.0.1 and its own socket
 * directory, started with pg_ctl and stopped (and deleted) at the end. Never the system service.
 * Binaries: $PG_BIN, else initdb/pg_ctl on PATH, else the newest /usr/lib/postgresql/<v>/bin.
 */
const run = promisify(execFile);

export interface PgCluster {
  /** postgres://bot@127.0.0.1:<port>/postgres (trust authentication: no password) */
  url: string;
  stop(): Promise<void>;
}

export class PgBinariesMissingError extends Error {
  constructor() {
    super('PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql (Debian: apt-get install postgresql), set PG_BIN, or set SKIP_PG=1 to skip the Postgres tests on this machine');
  }
}

export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const has = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : undefined;
  for (const dir of (env.PATH ?? '').split(':')) if (dir && has(dir)) return dir;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find(has);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` (or `nobody`) user. */
async function runAs(): Promise<{ uid: number; gid: number; user: string } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    try {
      const uid = Number((await run('id', ['-u', user])).stdout.trim());
      const gid = Number((await run('id', ['-g', user])).stdout.trim());
      return { uid, gid, user };
    } catch {
      // try the next one
    }
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to own the test cluster');
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new PgBinariesMissingError();
  const dir = await mkdtemp(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  const owner = await runAs();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const exec = (cmd: string, args: string[]) => (owner ? run('runuser', ['-u', owner.user, '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  const port = await freePort();
  await exec('initdb', ['-D', data, '-U', 'bot', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const settings = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=60', '-c shared_buffers=32MB'];
  try {
    await exec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  return {
    url: `postgres://bot@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
