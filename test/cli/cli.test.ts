import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBot } from '../support/temp-config.js';

function cli(args: string[], input?: string, env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI', () => {
  const bot = tempBot({
    brands: [{ name: 'Nimbus', aliases: ['Nimbus Cloud'] }],
    settings: { alerts: { spike: { minCount: 5, windowMinutes: 60, baselineDays: 7 }, crisisKeywords: ['lawsuit'] } },
  });
  afterAll(() => rmSync(bot.root, { recursive: true, force: true }));

  it('GIVEN JSONL and plain lines on stdin THEN classify prints one JSON result per input, in order, on stdout', () => {
    const input = ['{"id": 1, "text": "I love this, best purchase ever!"}', 'Worst customer service ever, I want a refund', '{"id": "x", "text": "The store opens at 9am"}'].join('\n');
    const r = cli(['--config', bot.configDir, '--data', bot.dataDir, 'classify'], input);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id?: unknown; label: string; scores: Record<string, number>; classifier: string });
    expect(rows.map((x) => x.label)).toEqual(['positive', 'negative', 'neutral']);
    expect(rows[0]?.id).toBe(1);
    expect(rows[2]?.id).toBe('x');
    expect(rows[1]?.classifier).toMatch(/^local:/);
    const sum = Object.values(rows[0]?.scores ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
  });

  it('GIVEN two weeks of history and a burst in a JSONL file THEN replay prints the alerts on event time, and only then', { timeout: 60_000 }, () => {
    const start = Date.parse('2026-10-01T00:00:00Z');
    const lines: string[] = [];
    // ten mentions a day: enough history (spike.minHistoryMentions) for the baseline to be judged
    for (let d = 0; d < 14; d++) {
      for (let k = 0; k < 10; k++) lines.push(JSON.stringify({ title: `Nimbus works fine, day ${d} ${k}`, text: 'happy with the sync', published: new Date(start + d * 86_400_000 + (8 + k) * 3_600_000).toISOString(), url: `https://ex.example/h/${d}/${k}` }));
    }
    const burstAt = start + 14 * 86_400_000 + 15 * 3_600_000;
    for (let i = 0; i < 12; i++) lines.push(JSON.stringify({ title: `Nimbus lost my files, terrible outage ${i}`, text: 'awful, furious, worst service', timestamp: Math.floor((burstAt + i * 120_000) / 1000), link: `https://ex.example/b/${i}` }));
    lines.push('this line is not json');
    const file = join(bot.root, 'history.jsonl');
    writeFileSync(file, lines.join('\n'));
    const r = cli(['--config', bot.configDir, '--data', join(bot.root, 'replay-data'), 'replay', file, '--json', '--step', '10'], undefined, { LOG_LEVEL: 'warn' });
    expect(r.code).toBe(0);
    type Line = { kind: string; updates?: string; outboxId?: string; alert: { rule: string; createdAt: string; incidentId?: string }; brands?: Record<string, { mentions: number; negative: number }> };
    const out = r.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
    // one incident: one top-level message, then updates of that message (no second top-level one per burst)
    const top = out.filter((x) => x.kind === 'alert');
    expect(top, r.out + r.err).toHaveLength(1);
    expect(top[0]!.alert.incidentId).toBe(top[0]!.outboxId);
    const updates = out.filter((x) => x.kind === 'update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.updates === top[0]!.outboxId && u.alert.incidentId === top[0]!.outboxId)).toBe(true);
    const spike = out.find((x) => x.alert?.rule === 'negative-spike');
    expect(spike, r.out + r.err).toBeDefined();
    expect(updates.length, 'a short burst is one message and a few updates').toBeLessThanOrEqual(3);
    // the last line sums up every brand at the end of the replay
    expect(out.at(-1)).toMatchObject({ kind: 'summary', brands: { Nimbus: { mentions: 152, negative: 12 } } });
    // the alert fires on event time: during the burst, not at the wall-clock time of the replay
    expect(Date.parse(spike!.alert.createdAt)).toBeGreaterThanOrEqual(burstAt);
    expect(Date.parse(spike!.alert.createdAt)).toBeLessThan(burstAt + 2 * 3_600_000);
    expect(r.err).toMatch(/not JSON/);
  });

  it('GIVEN a replay file without a time field that parses, or no file THEN one line naming the fields looked for, exit 2', () => {
    const file = join(bot.root, 'untimed.jsonl');
    writeFileSync(file, JSON.stringify({ title: 'Nimbus', text: 'x', when: 'yesterday' }));
    const r = cli(['--config', bot.configDir, 'replay', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`replay: no item of ${file} has a time that parses; looked for the fields publishedAt, timestamp, published, date, created_at`);
    const missing = cli(['--config', bot.configDir, 'replay', join(bot.root, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toMatch(/^replay: cannot read .*nope\.jsonl: no such file$/);
  });

  it('GIVEN a config with a bad key THEN config check exits 2 naming the file, path and line', () => {
    const bad = tempBot({ brands: [{ name: 'Acme', query: 'acme AND (' }] });
    const r = cli(['--config', bad.configDir, 'config', 'check']);
    rmSync(bad.root, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/brands\.yaml:\d+: brands\[0\]\.query: invalid query at position \d+/);
  });

  it('GIVEN a YAML syntax error or an ftp: feed THEN config check exits 2 naming the line (and column) in one line each, no stack', () => {
    const bad = tempBot({ brands: [{ name: 'Acme' }], sources: { feeds: [{ url: 'ftp://files.example/feed.xml' }] } });
    writeFileSync(join(bad.configDir, 'settings.yaml'), 'timezone: UTC\ndigest:\n  cron: "0 9 * * *\n');
    const r = cli(['--config', bad.configDir, 'config', 'check']);
    rmSync(bad.root, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/sources\.yaml:\d+: feeds\[0\]\.url: a feed cannot be fetched over ftp:/);
    expect(r.err).toMatch(/settings\.yaml:4:1: \(root\): YAML syntax: Missing closing "quote/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('GIVEN the shipped config THEN config check passes and summarises it on stdout', () => {
    const r = cli(['config', 'check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/config OK/);
    expect(r.out).toMatch(/Nimbus, Stratus, Brightloom/);
    expect(r.out).toMatch(/^ {2}http: (off|\S+ \(\/healthz, \/metrics; read API \/api\/v1: (on, bearer API_TOKEN|off until API_TOKEN is set)\))$/m);
  });
});

describe('CLI feedback loop', () => {
  it('GIVEN corrections imported from a file THEN they are stored and exported as training JSONL', () => {
    const bot = tempBot({ brands: [{ name: 'Nimbus' }] });
    try {
      const file = join(bot.root, 'fb.jsonl');
      writeFileSync(file, ['{"text": "Nimbus support fixed it fast", "label": "positive"}', '{"text": "meh", "label": "angry"}'].join('\n'));
      const imp = cli(['--config', bot.configDir, '--data', bot.dataDir, 'feedback', 'import', file]);
      expect(imp.code).toBe(1); // one line rejected, and said so
      expect(imp.err).toMatch(/fb\.jsonl:2: label/);
      expect(JSON.parse(imp.out)).toEqual({ imported: 1, rejected: 1 });
      const exp = cli(['--config', bot.configDir, '--data', bot.dataDir, 'feedback', 'export']);
      expect(exp.code).toBe(0);
      const rows = exp.out.trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string; classifier: string });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ text: 'Nimbus support fixed it fast', label: 'positive' });
      expect(rows[0]?.classifier).toMatch(/^local:/);
    } finally {
      rmSync(bot.root, { recursive: true, force: true });
    }
  }, 60_000);
});
