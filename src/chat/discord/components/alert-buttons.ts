import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import type { Alert, MentionRef, SentimentLabel } from '../../../domain/types.js';
import { SENTIMENT_LABELS } from '../../../domain/types.js';
import { SENTIMENT_EMOJI } from '../embeds/colours.js';
import { truncate } from '../embeds/text.js';
import type { CustomIdCodec } from './custom-id.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Acknowledge / Wrong sentiment / Mute 24 h under every alert. */
export function alertButtons(alert: Alert, ids: CustomIdCodec): Row[] {
  const buttons: APIComponentInMessageActionRow[] = [
    { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Acknowledge', emoji: { name: '✅' }, custom_id: ids.encode('ack', alert.id) },
  ];
  if (alert.mentions.length > 0) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Wrong sentiment', emoji: { name: '🏷️' }, custom_id: ids.encode('wrong', alert.id) });
  }
  buttons.push({ type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Mute 24 h', emoji: { name: '🔕' }, custom_id: ids.encode('mute', alert.id) });
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

export const MODEL_SAID = '(model said this — correct)';

/**
 * One select per mention (at most 5 rows) offering all three labels, the model's own marked "(model said this —
 * correct)": a user can confirm as well as correct, so chat feedback measures agreement instead of only disagreement.
 */
export function sentimentSelects(mentions: readonly MentionRef[], ids: CustomIdCodec): Row[] {
  return mentions.slice(0, 5).map((m, i) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: ids.encode('label', m.key),
        placeholder: truncate(`${i + 1}. ${m.title || '(untitled)'} — model said ${m.sentiment}`, 150),
        min_values: 1,
        max_values: 1,
        options: SENTIMENT_LABELS.map((label: SentimentLabel) => ({
          label: label === m.sentiment ? `${label} ${MODEL_SAID}` : `Should be ${label}`,
          value: label,
          emoji: { name: SENTIMENT_EMOJI[label] },
        })),
      },
    ],
  }));
}
