import { spikeRule } from './spike-rule.js';

/** Negative mentions well above the seasonal baseline. Critical at twice both thresholds. */
export const negativeSpikeRule = spikeRule('negative-spike', 'negative', 'negative mentions', (r, ctx) => {
  const o = ctx.options.spike;
  return r.z >= 2 * o.zThreshold && r.ratio >= 2 * o.ratioThreshold ? 'critical' : 'warning';
});
