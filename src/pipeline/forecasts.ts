import { fitBrandModels, type BrandModels } from '../analysis/brand-models.js';
import { forecastBrand, forecastSpan, type BrandForecast, type ForecastRange } from '../analysis/forecast.js';
import { historyFromRollups } from '../analysis/spike-verdict.js';
import { HOUR_MS } from '../analysis/rhythm.js';
import type { Store } from '../store/store.js';

export interface ForecastSettings {
  hours: number;
  timezone: string;
  baselineDays: number;
  levelHalfLifeDays: number;
  /** central coverage of the intervals (default 0.8) */
  coverage?: number;
}

/**
 * The count models as of `at`: the count models are fitted on the stored hourly rollups of all
 * configured brands (they pool rhythm and dispersion) over the `baselineDays` before the hour `at` falls in, as the
 * spike rules fit them, with hourly blocks. Reads only; `at` may be in the past.
 */
async function modelsAt(store: Store, allBrands: readonly string[], at: Date, o: Pick<ForecastSettings, 'timezone' | 'baselineDays' | 'levelHalfLifeDays'>): Promise<Map<string, BrandModels>> {
  const end = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  const since = end - (o.baselineDays + 1) * 24 * HOUR_MS;
  const rollups = await Promise.all(allBrands.map((brand) => store.rollups(brand, new Date(since).toISOString(), new Date(end).toISOString())));
  // history begins with the first stored hour of any brand: the days before it are unknown, not days without mentions
  const firsts = rollups.flatMap((rs) => (rs[0] ? [Date.parse(rs[0].hour)] : []));
  const start = Math.min(end, Math.max(since, Math.min(...firsts)));
  const histories = allBrands.map((brand, i) => historyFromRollups(brand, rollups[i]!, start, end));
  return fitBrandModels(histories, o.timezone, { windowMinutes: 60, levelHalfLifeDays: o.levelHalfLifeDays });
}

export async function forecastBrands(store: Store, allBrands: readonly string[], wanted: readonly string[], at: Date, o: ForecastSettings): Promise<BrandForecast[]> {
  const models = await modelsAt(store, allBrands, at, o);
  return wanted.flatMap((brand) => {
    const m = models.get(brand);
    return m ? [{ brand, generatedAt: at.toISOString(), points: forecastBrand(m, at, { hours: o.hours, coverage: o.coverage ?? 0.8 }) }] : [];
  });
}

/** Models fitted as of a moment (ISO), shared by the digests of one run: every brand's digest forecasts from one fit. */
export type ModelCache = Map<string, Promise<Map<string, BrandModels>>>;

/** One brand's mentions over [start, end) (a local day), as of `at`, with an 80 % interval; undefined without history. */
export async function forecastSpanOf(store: Store, allBrands: readonly string[], brand: string, at: Date, start: Date, end: Date, o: Pick<ForecastSettings, 'timezone' | 'baselineDays' | 'levelHalfLifeDays'>, cache?: ModelCache): Promise<ForecastRange | undefined> {
  const key = at.toISOString();
  let fit = cache?.get(key);
  if (!fit) {
    fit = modelsAt(store, allBrands, at, o);
    cache?.set(key, fit);
  }
  const m = (await fit).get(brand);
  if (!m || m.count.historyMentions < 1) return undefined;
  return forecastSpan(m.count, start.getTime(), end.getTime(), at.getTime(), 0.8);
}
