import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/domain/types.js';
import { sampleAlert } from './fake-bot-api.js';
import { useHarness } from './sink-harness.js';

type Embed = { title?: string; description?: string; footer?: { text: string } };

const root = sampleAlert({ id: 'incident:Acme:2026-11-23T11:00:00.000Z', incidentId: 'incident:Acme:2026-11-23T11:00:00.000Z', severity: 'warning' });
const update = (seq: number, kind: 'update' | 'resolved', title: string): Alert => ({
  ...root,
  id: `${root.id}:u${seq}`,
  title,
  explanation: { ...root.explanation, summary: `${kind} ${seq}: 30 negative mentions in the last hour from 25 people` },
  update: { of: root.id, seq, kind, reasons: ['figures at least doubled since 11:00'] },
});

describe('incident updates on Discord (real discord.js client against the stand-in)', () => {
  const h = useHarness();

  it('GIVEN an incident message THEN an update edits it and replies in a thread under it; a second update reuses the thread', async () => {
    const first = await h.sink.sendAlert(root, root.id);
    const messageId = first.messageId!;
    const u1 = await h.sink.sendUpdate(update(1, 'update', 'Update: Negative mentions spiking'), { outboxId: root.id, messageId, alert: root }, `${root.id}:u1`);
    // the thread was started from the incident's message: on Discord its id is the message id
    expect(h.discord.threads.get(messageId)).toMatchObject({ parentId: h.discord.channelId });
    const inThread = h.discord.channelMessages(messageId);
    expect(inThread.map((m) => m.id)).toEqual([u1.messageId]);
    expect((inThread[0]!.embeds[0] as Embed).description).toMatch(/^update 1: 30 negative mentions/);
    expect(inThread[0]!.allowed_mentions).toEqual({ parse: [] });
    // the incident's message now shows the latest figures; its buttons still act on the incident
    const edited = h.discord.channelMessages().find((m) => m.id === messageId)!;
    expect(edited.edited_timestamp).not.toBeNull();
    expect((edited.embeds[0] as Embed).description).toMatch(/^update 1:/);
    expect((edited.embeds[0] as Embed).footer?.text).toBe(`Alert ${root.id}`);

    await h.sink.sendUpdate(update(2, 'resolved', 'Resolved: Negative mentions spiking'), { outboxId: root.id, messageId, alert: root }, `${root.id}:u2`);
    expect(h.discord.channelMessages(messageId)).toHaveLength(2);
    expect((h.discord.channelMessages().find((m) => m.id === messageId)!.embeds[0] as Embed).title).toMatch(/Resolved: Negative mentions spiking/);
    // top level: still the one incident message
    expect(h.discord.channelMessages().filter((m) => (m.embeds[0] as Embed | undefined)?.footer?.text?.includes(root.id))).toHaveLength(1);
  });

  it('GIVEN the same update sent twice (a crash before it was marked sent) THEN one reply (nonce), the thread reused', async () => {
    const first = await h.sink.sendAlert({ ...root, id: 'incident:Acme:again' }, 'incident:Acme:again');
    const u = update(1, 'update', 'Update: again');
    const target = { outboxId: 'incident:Acme:again', messageId: first.messageId!, alert: root };
    await h.sink.sendUpdate(u, target, 'incident:Acme:again:u1');
    await h.sink.sendUpdate(u, target, 'incident:Acme:again:u1');
    expect(h.discord.channelMessages(first.messageId!)).toHaveLength(1);
  });

  it('GIVEN the incident message was deleted THEN the update is posted as a message of its own', async () => {
    const r = await h.sink.sendUpdate(update(3, 'update', 'Update: orphan'), { outboxId: 'gone', messageId: '123456789012345678', alert: root }, 'gone:u3');
    const msg = h.discord.channelMessages().find((m) => m.id === r.messageId);
    expect((msg?.embeds[0] as Embed).title).toMatch(/Update: orphan/);
  });
});
