import type { APIEmbed } from 'discord.js';
import type { Notice } from '../../../domain/types.js';
import { NOTICE_COLOUR } from './colours.js';
import { fitEmbeds } from './fit.js';
import { safeText } from './text.js';
import { validIso } from './alert-embed.js';

/** The footer names the notice (its outbox id): a crash before it was marked sent is reconciled by it. */
export const NOTICE_FOOTER_PREFIX = 'Notice ';

const ICON: Record<Notice['level'], string> = { info: 'ℹ️', warning: '⚠️', error: '⛔' };

export function noticeEmbed(n: Notice): APIEmbed {
  const embed: APIEmbed = {
    title: `${ICON[n.level]} ${safeText(n.title, 256)}`,
    description: safeText(n.text),
    color: NOTICE_COLOUR[n.level],
    footer: { text: `${NOTICE_FOOTER_PREFIX}${n.id}` },
    timestamp: validIso(n.createdAt),
  };
  return fitEmbeds([embed])[0] ?? embed;
}
