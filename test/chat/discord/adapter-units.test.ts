import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/chat/sink.js';
import { alertChannel, digestChannel, shouldPing } from '../../../src/chat/discord/channel-routing.js';
import { normaliseCommands } from '../../../src/chat/discord/command-sync.js';
import { COMMANDS } from '../../../src/chat/discord/commands/index.js';
import { CustomIdCodec } from '../../../src/chat/discord/components/custom-id.js';
import { classifyDeliveryError } from '../../../src/chat/discord/delivery-errors.js';
import { nonceFor } from '../../../src/chat/discord/nonce.js';

describe('custom ids', () => {
  it('round-trip short arguments in plain text', () => {
    const ids = new CustomIdCodec();
    expect(ids.encode('ack', 'a1')).toBe('ack:a1');
    expect(ids.decode('ack:a1')).toEqual({ kind: 'ack', arg: 'a1' });
  });

  it('GIVEN an argument too long for 100 chars THEN a token stands in for it until forgotten', () => {
    const ids = new CustomIdCodec(2);
    const key = `Acme|${'k'.repeat(200)}`;
    const id = ids.encode('label', key);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(ids.decode(id)).toMatchObject({ kind: 'label', arg: key });
    ids.encode('label', 'x'.repeat(150));
    ids.encode('label', 'y'.repeat(150));
    const forgotten = ids.decode(id);
    expect(forgotten?.arg).toBeUndefined();
    expect(ids.matches(forgotten!.token!, key)).toBe(true);
    expect(ids.matches(forgotten!.token!, 'other')).toBe(false);
  });

  it('rejects ids that are not ours', () => {
    expect(new CustomIdCodec().decode('other:thing')).toBeUndefined();
    expect(new CustomIdCodec().decode('nocolon')).toBeUndefined();
  });
});

describe('nonce', () => {
  it('is stable per outbox id, distinct across ids, and at most 25 chars', () => {
    expect(nonceFor('a')).toBe(nonceFor('a'));
    expect(nonceFor('a')).not.toBe(nonceFor('b'));
    expect(nonceFor('x'.repeat(500)).length).toBeLessThanOrEqual(25);
  });
});

describe('channel routing and pings', () => {
  const cfg = { alertChannelId: 'default', digestChannelId: undefined, brandChannels: { Acme: 'acme-ch' }, severityChannels: { critical: 'crit-ch' } };
  it.each([
    [{ brand: 'acme', severity: 'critical' as const }, 'acme-ch'],
    [{ brand: 'Globex', severity: 'critical' as const }, 'crit-ch'],
    [{ brand: 'Globex', severity: 'info' as const }, 'default'],
  ])('alert %o goes to %s', (a, ch) => expect(alertChannel(a, cfg)).toBe(ch));

  it('digests go to the digest channel, else the brand channel, else the alert channel', () => {
    expect(digestChannel('Acme', cfg)).toBe('acme-ch');
    expect(digestChannel('Acme', { ...cfg, digestChannelId: 'dig' })).toBe('dig');
    expect(digestChannel('Globex', cfg)).toBe('default');
  });

  it('pings from the configured severity up, and never without a role', () => {
    expect(shouldPing('critical', 'warning', 'r')).toBe(true);
    expect(shouldPing('warning', 'warning', 'r')).toBe(true);
    expect(shouldPing('info', 'warning', 'r')).toBe(false);
    expect(shouldPing('critical', 'info', undefined)).toBe(false);
  });
});

describe('delivery error classes', () => {
  const req = { body: undefined, files: undefined, json: undefined };
  it('5xx after retries, timeouts and network errors are transient', () => {
    expect(classifyDeliveryError(new HTTPError(503, 'Service Unavailable', 'POST', 'u', req), 'c').error).toBeInstanceOf(TransientDeliveryError);
    expect(classifyDeliveryError(new Error('fetch failed'), 'c').error).toBeInstanceOf(TransientDeliveryError);
  });

  it('a rate limit we refused to wait for is transient and carries the wait', () => {
    const rl = new RateLimitError({ timeToReset: 30_000, limit: 5, method: 'post', hash: 'h', url: 'u', route: '/channels/:id/messages', majorParameter: 'c', global: false, retryAfter: 30_000, sublimitTimeout: 0, scope: 'user' });
    const { error } = classifyDeliveryError(rl, 'c');
    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).retryAfterMs).toBe(30_000);
  });

  it.each([
    [403, 50001, true],
    [404, 10003, true],
    [400, 50035, false],
  ])('HTTP %i (code %i) is permanent; channel failing = %s', (status, code, failing) => {
    const c = classifyDeliveryError(new DiscordAPIError({ message: 'm', code }, code, status, 'POST', 'u', req), 'chan');
    expect(c.error).toBeInstanceOf(PermanentDeliveryError);
    expect((c.error as PermanentDeliveryError).target).toBe('chan');
    expect(c.channelFailing).toBe(failing);
  });
});

describe('command definitions', () => {
  const defs = [...COMMANDS.values()].map((c) => c.data);

  it('normalise equal to what Discord echoes back with its own fields and defaults', () => {
    const echoed = defs.map((d, n) => ({ id: String(n), application_id: '1', version: '2', type: 1, default_member_permissions: null, dm_permission: true, nsfw: false, integration_types: [0], contexts: null, ...d }));
    expect(normaliseCommands(echoed)).toEqual(normaliseCommands(defs));
  });

  it('a changed description or option is a difference', () => {
    const changed = defs.map((d) => (d.name === 'status' ? { ...d, description: 'other' } : d));
    expect(normaliseCommands(changed)).not.toEqual(normaliseCommands(defs));
  });

  it('manager commands default to Manage Server; all descriptions fit Discord', () => {
    for (const name of ['watch', 'feeds', 'alerts']) expect(COMMANDS.get(name)?.data.default_member_permissions).toBe('32');
    expect(COMMANDS.get('reputation')?.data.default_member_permissions).toBeUndefined();
    for (const d of defs) expect(d.description.length).toBeLessThanOrEqual(100);
  });
});
