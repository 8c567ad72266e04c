import { blockHours, fitLevel, LONG_BLOCK_FACTOR, type CountModel, type CountModelOptions, type LevelFit } from './count-model.js';
import { fitDispersions, type Dispersion } from './dispersion.js';
import { learnRhythm, type HourSeries, type Rhythm } from './rhythm.js';

/** One brand's history, hourly, for both spike metrics. */
export interface BrandHistory {
  brand: string;
  count: HourSeries;
  negative: HourSeries;
}

export interface BrandModels {
  count: CountModel;
  negative: CountModel;
}

/**
 * Fits every brand's count models at once, because brands lend each other evidence: the pooled rhythm of all brands is
 * the prior of each brand's own rhythm, and the pooled dispersion the prior of each brand's own (fitDispersions: φ pooled, clustering θ per brand). Two passes: the first
 * finds each brand's anomalous hours (past bursts), the second learns rhythms and levels without them. Pure.
 */
export function fitBrandModels(histories: readonly BrandHistory[], zone: string, o: CountModelOptions): Map<string, BrandModels> {
  const pooledOf = (series: readonly HourSeries[]): Rhythm => {
    const r = learnRhythm(series, zone);
    return { ...r, source: r.source === 'flat' ? 'flat' : 'pooled' };
  };
  const firstPooled = pooledOf(histories.map((h) => h.count));
  const first = histories.map((h) => fitLevel(h.count, learnRhythm([h.count], zone, firstPooled), zone, o).cleaned);
  const pooled = pooledOf(first);
  const fits = histories.map((h, i) => {
    const rhythm = learnRhythm([first[i]!], zone, pooled);
    return { h, rhythm, count: fitLevel(h.count, rhythm, zone, o), negative: fitLevel(h.negative, rhythm, zone, o) };
  });
  const dCount = fitDispersions(fits.map((f) => f.count.evidence));
  const dNegative = fitDispersions(fits.map((f) => f.negative.evidence));
  const dCountLong = fitDispersions(fits.map((f) => f.count.evidenceLong));
  const dNegativeLong = fitDispersions(fits.map((f) => f.negative.evidenceLong));
  const longWindowMinutes = blockHours(o.windowMinutes) * LONG_BLOCK_FACTOR * 60;
  const model = (fit: LevelFit, rhythm: Rhythm, d: Dispersion, long: Dispersion): CountModel => ({
    level: fit.level,
    dispersion: d.phi,
    dispersionLong: long.phi,
    longWindowMinutes,
    clustering: d.theta,
    historyMentions: fit.historyMentions,
    rhythm,
    zone,
  });
  // the brand's whole traffic is the evidence for its negative level: a thousand mentions with no complaint is a
  // measured zero, not missing history
  const negativeFit = (f: (typeof fits)[number]): LevelFit => ({ ...f.negative, historyMentions: Math.max(f.negative.historyMentions, f.count.historyMentions) });
  return new Map(fits.map((f, i) => [f.h.brand, { count: model(f.count, f.rhythm, dCount[i]!, dCountLong[i]!), negative: model(negativeFit(f), f.rhythm, dNegative[i]!, dNegativeLong[i]!) }]));
}
