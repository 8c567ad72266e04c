#!/usr/bin/env node
/* global process */
/**
 * `npm start`: runs the compiled bot (dist/), compiling it first when dist/ is missing or older than any source file.
 * Node then starts without a TypeScript transform (about half the start-up of `tsx src/cli.ts`). The build needs no
 * network: tsc from the installed devDependencies, plus the SQL migrations copied beside the compiled Postgres adapter.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.built');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function build() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  cpSync(join(root, 'src', 'store', 'postgres', 'migrations'), join(dist, 'store', 'postgres', 'migrations'), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
}

const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  process.stderr.write('Compiling the bot once into dist/ (again only when src/ changes)…\n');
  build();
}
process.argv.splice(1, 1, join(dist, 'cli.js'));
await import(pathToFileURL(join(dist, 'cli.js')).href);
