import { spikeRule } from './spike-rule.js';

/** All mentions well above the seasonal baseline: informational (buzz is not bad in itself). */
export const volumeSpikeRule = spikeRule('volume-spike', 'count', 'mentions', () => 'info');
