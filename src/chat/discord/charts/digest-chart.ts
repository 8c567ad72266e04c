import { createCanvas } from '@napi-rs/canvas';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  type ChartConfiguration,
} from 'chart.js';
import type { Digest } from '../../../domain/types.js';
import { DateTime } from 'luxon';

Chart.register(BarController, LineController, DoughnutController, BarElement, LineElement, PointElement, ArcElement, CategoryScale, LinearScale, Legend, Title);

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 420;
const TREND_WIDTH = 640;
const COLOURS = { band: 'rgba(88, 101, 242, 0.35)', volume: '#5865f2', ori: '#f1c40f', positive: '#2ecc71', neutral: '#95a5a6', negative: '#e74c3c', text: '#dcddde', grid: '#40444b', bg: '#2f3136' };

type Ctx = ConstructorParameters<typeof Chart>[0];

/** ORI and mention volume per day (7 days) on the left, the sentiment split on the right; PNG bytes. */
export async function renderDigestChart(d: Digest): Promise<Buffer> {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLOURS.bg;
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);

  const trend = createCanvas(TREND_WIDTH, CHART_HEIGHT);
  const split = createCanvas(CHART_WIDTH - TREND_WIDTH, CHART_HEIGHT);
  const charts = [
    new Chart(trend.getContext('2d') as unknown as Ctx, trendConfig(d)),
    new Chart(split.getContext('2d') as unknown as Ctx, splitConfig(d)),
  ];
  ctx.drawImage(trend, 0, 0);
  ctx.drawImage(split, TREND_WIDTH, 0);
  for (const c of charts) c.destroy();
  return canvas.encode('png');
}

const common = { responsive: false, animation: false as const, devicePixelRatio: 1 };

/**
 * The ORI of a day without a single mention is no measurement (with nothing in its window it is the neutral prior, 50):
 * such a day is left blank (a gap in the line), not drawn as 50.
 */
export function oriSeries(d: Digest): (number | null)[] {
  return d.daily.map((x) => (x.volume > 0 ? x.ori : null));
}

/** "positive 62% (5)": the legend of the donut says the shares, not only the colours. */
export function splitLegend(d: Digest): string[] {
  const { positive, neutral, negative } = d.sentiment;
  const total = positive + neutral + negative;
  const share = (n: number): string => (total > 0 ? `${Math.round((100 * n) / total)}%` : '0%');
  return [`positive ${share(positive)} (${positive})`, `neutral ${share(neutral)} (${neutral})`, `negative ${share(negative)} (${negative})`];
}

/**
 * The period the donut covers, in the digest's zone, short enough for its panel: "Wed 2 Dec, whole day" or, for today
 * so far, "Thu 3 Dec, 00:00–14:05"; then the zone.
 */
export function splitPeriod(d: Digest): string[] {
  const start = DateTime.fromISO(d.period.start, { zone: d.timezone });
  const end = DateTime.fromISO(d.period.end, { zone: d.timezone });
  if (!start.isValid || !end.isValid) return [`${d.date} (${d.timezone})`];
  const day = start.toFormat('ccc d LLL');
  const whole = end.toMillis() >= start.plus({ days: 1 }).toMillis();
  return [whole ? `${day}, whole day` : `${day}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`, d.timezone];
}

/**
 * The next day's forecast as a shaded band (a floating bar from the 80 % interval's lower to its upper end) with the
 * expected count as a point; the past days get no band.
 */
export function forecastSeries(d: Digest): { band: ([number, number] | null)[]; expected: (number | null)[] } {
  const past = d.daily.map(() => null);
  if (!d.forecast) return { band: past, expected: past };
  return { band: [...past, [d.forecast.lower, d.forecast.upper]], expected: [...past, Math.round(d.forecast.expected)] };
}

/** The chart's days on which one of the brand's events runs: marked ★. */
export function eventDays(d: Digest): boolean[] {
  return d.daily.map((x) => {
    const start = DateTime.fromISO(x.date, { zone: d.timezone }).toMillis();
    const end = start + 86_400_000;
    return (d.events ?? []).some((e) => Date.parse(e.start) < end && Date.parse(e.end) > start);
  });
}

export function trendConfig(d: Digest): ChartConfiguration<'bar' | 'line'> {
  const marked = eventDays(d);
  const labels = [...d.daily.map((x, i) => `${x.date.slice(5)}${marked[i] ? ' ★' : ''}`), ...(d.forecast ? [`${d.forecast.date.slice(5)} (forecast)`] : [])];
  const f = forecastSeries(d);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: 'Mentions', data: d.daily.map((x) => x.volume), backgroundColor: COLOURS.volume, yAxisID: 'volume', order: 2, grouped: false },
        ...(d.forecast
          ? [
              { type: 'bar' as const, label: 'Forecast (80 %)', data: f.band, backgroundColor: COLOURS.band, borderColor: COLOURS.volume, borderWidth: 1, yAxisID: 'volume', order: 3, grouped: false },
              { type: 'line' as const, label: 'Expected', data: f.expected, borderColor: COLOURS.text, backgroundColor: COLOURS.text, yAxisID: 'volume', showLine: false, pointRadius: 5, pointStyle: 'crossRot', order: 0 },
            ]
          : []),
        { type: 'line', label: 'ORI', data: oriSeries(d), spanGaps: false, borderColor: COLOURS.ori, backgroundColor: COLOURS.ori, yAxisID: 'ori', borderWidth: 3, pointRadius: 4, order: 1 },
      ],
    },
    options: {
      ...common,
      plugins: {
        title: { display: true, text: `${d.brand}: last ${d.daily.length} days${d.events?.length ? ` (★ ${d.events.map((e) => e.name).join(', ')})` : ''}`, color: COLOURS.text, font: { size: 18 } },
        legend: { labels: { color: COLOURS.text } },
      },
      scales: {
        x: { ticks: { color: COLOURS.text }, grid: { color: COLOURS.grid } },
        volume: { type: 'linear', position: 'left', beginAtZero: true, ticks: { color: COLOURS.text, precision: 0 }, grid: { color: COLOURS.grid }, title: { display: true, text: 'mentions', color: COLOURS.text } },
        ori: { type: 'linear', position: 'right', min: 0, max: 100, ticks: { color: COLOURS.ori }, grid: { drawOnChartArea: false }, title: { display: true, text: 'ORI', color: COLOURS.ori } },
      },
    },
  };
}

export function splitConfig(d: Digest): ChartConfiguration<'doughnut'> {
  const { positive, neutral, negative } = d.sentiment;
  const empty = positive + neutral + negative === 0;
  return {
    type: 'doughnut',
    data: {
      labels: splitLegend(d),
      datasets: [{ data: empty ? [0, 1, 0] : [positive, neutral, negative], backgroundColor: [COLOURS.positive, COLOURS.neutral, COLOURS.negative], borderColor: COLOURS.bg }],
    },
    options: {
      ...common,
      layout: { padding: 16 },
      plugins: {
        title: { display: true, text: [empty ? 'Sentiment (no mentions)' : 'Sentiment split', ...splitPeriod(d)], color: COLOURS.text, font: { size: 16 } },
        legend: { position: 'bottom', labels: { color: COLOURS.text } },
      },
    },
  };
}
