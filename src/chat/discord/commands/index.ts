import { alertsCommand } from './alerts.js';
import { askCommand } from './ask.js';
import { compareCommand } from './compare.js';
import { digestCommand } from './digest.js';
import { explainCommand } from './explain.js';
import { feedsCommand } from './feeds.js';
import { forecastCommand } from './forecast.js';
import { eventCommand } from './event.js';
import { forgetCommand } from './forget.js';
import { impactCommand } from './impact.js';
import { mentionsCommand } from './mentions.js';
import { reputationCommand } from './reputation.js';
import { statusCommand } from './status.js';
import { trendsCommand } from './trends.js';
import type { SlashCommand } from './types.js';
import { watchCommand } from './watch.js';

/** Every slash command, keyed by name. Adding one = one file + one line here. */
export const COMMANDS: ReadonlyMap<string, SlashCommand> = new Map(
  [reputationCommand, explainCommand, mentionsCommand, trendsCommand, compareCommand, digestCommand, forecastCommand, statusCommand, watchCommand, feedsCommand, alertsCommand, forgetCommand, askCommand, impactCommand, eventCommand].map((c) => [c.data.name, c]),
);
