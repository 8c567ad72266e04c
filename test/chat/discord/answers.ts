import type { DiscordStandin, RecordedRequest } from '../../support/discord-standin/index.js';

export interface Answer {
  /** interaction callback type: 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete */
  callbackType: number;
  ephemeral: boolean;
  content?: string;
  embeds: { title?: string; description?: string; fields?: { name: string; value: string }[]; image?: { url: string }; footer?: { text: string } }[];
  components: { components: { custom_id?: string; label?: string; disabled?: boolean; options?: { value: string }[] }[] }[];
  choices?: { name: string; value: string }[];
  files: RecordedRequest['files'];
  /** every request the bot made for this interaction */
  trail: string[];
}

const EPHEMERAL = 64;
type Body = { type?: number; data?: Record<string, unknown> } & Record<string, unknown>;

/** Waits for the bot's final answer to one interaction (the reply, or the edit / follow-up after a defer). */
export async function finalAnswer(d: DiscordStandin, i: { id: string; token: string }, timeoutMs = 5000): Promise<Answer> {
  const cb = await d.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`, timeoutMs);
  const cbBody = cb.body as Body;
  const type = cbBody.type ?? 0;
  let data = (cbBody.data ?? {}) as Record<string, unknown>;
  let files = cb.files;
  let flags = Number(data.flags ?? 0);
  if (type === 5 || type === 6) {
    const hook = `/webhooks/${d.applicationId}/${i.token}`;
    const edit = await d.waitFor((r) => (r.method === 'PATCH' && r.path === `${hook}/messages/@original`) || (r.method === 'POST' && r.path === hook), timeoutMs);
    data = (edit.body ?? {}) as Record<string, unknown>;
    files = edit.files;
    if (edit.method === 'POST') flags = Number(data.flags ?? 0);
  }
  return {
    callbackType: type,
    ephemeral: (flags & EPHEMERAL) !== 0,
    content: data.content as string | undefined,
    embeds: (data.embeds ?? []) as Answer['embeds'],
    components: (data.components ?? []) as Answer['components'],
    choices: data.choices as Answer['choices'],
    files,
    trail: d.responses(i).map((r) => `${r.method} ${r.path.replace(i.token, 'T').replace(i.id, 'I')} ${JSON.stringify((r.body as Body | undefined)?.type ?? '')}`),
  };
}
