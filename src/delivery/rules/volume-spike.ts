import { spikeRule } from './spike-rule.js';

/** All mentions far above the usual count: informational (buzz is not bad in itself). */
export const volumeSpikeRule = spikeRule('volume-spike', 'count', 'mention', () => 'info');
