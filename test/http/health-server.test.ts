import { describe, expect, it } from 'vitest';
import { prometheusText, startHealthServer } from '../../src/http/health-server.js';

describe('health and metrics endpoint', () => {
  it('GIVEN counters THEN /metrics exposes them in Prometheus text and /healthz follows the health verdict', async () => {
    let ok = true;
    const s = await startHealthServer({ host: '127.0.0.1', port: 0, snapshot: () => Promise.resolve({ ok, details: { sources: 3 }, metrics: { pollFailures: 2, 'job.tick.ms': 12 } }) });
    try {
      const m = await (await fetch(`${s.url}/metrics`)).text();
      expect(m).toContain('brandbot_pollFailures 2');
      expect(m).toContain('brandbot_job_tick_ms 12');
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      ok = false;
      const bad = await fetch(`${s.url}/healthz`);
      expect(bad.status).toBe(503);
      expect(await bad.json()).toMatchObject({ ok: false, sources: 3 });
      expect((await fetch(`${s.url}/other`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('GIVEN a non-finite value THEN it is left out rather than breaking the exposition', () => {
    expect(prometheusText({ a: 1, b: Number.NaN })).toBe('# TYPE brandbot_a gauge\nbrandbot_a 1\n');
  });
});
