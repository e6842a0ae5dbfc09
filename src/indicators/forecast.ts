/**
 * "If we do nothing": a linear trend fitted to the latest values (ordinary least squares) and
 * projected forward, with a prediction interval (Student t, default 80 %). Small, pure, tested;
 * used for the indicator page and, later, turn-the-curve baselines. Not a causal model — the page
 * says so.
 */
import { nextPeriod, parsePeriod } from '../model/periods.js';

export interface ForecastPoint { step: number; value: number; lower: number; upper: number }
export interface Forecast { points: ForecastPoint[]; slope: number; n: number; level: number }

/** Two-sided Student t quantiles for 80 % and 95 % by degrees of freedom (1–30; beyond: normal). */
const T80 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31];
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
function tQuantile(df: number, level: 0.8 | 0.95): number {
  const table = level === 0.8 ? T80 : T95;
  return df <= 0 ? Infinity : df <= 30 ? table[df - 1]! : level === 0.8 ? 1.2816 : 1.96;
}

/**
 * Forecast `horizon` steps after the last of `values` (equally spaced periods, oldest first; null =
 * no value, skipped). Needs at least 3 values; uses at most the last `window`.
 */
export function linearForecast(values: readonly (number | null)[], horizon = 4, level: 0.8 | 0.95 = 0.8, window = 12): Forecast | null {
  const pts = values.map((v, i) => ({ x: i, y: v })).filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y)).slice(-window);
  const n = pts.length;
  if (n < 3) return null;
  const mx = pts.reduce((a, p) => a + p.x, 0) / n;
  const my = pts.reduce((a, p) => a + p.y, 0) / n;
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  const intercept = my - slope * mx;
  const sse = pts.reduce((a, p) => a + (p.y - (intercept + slope * p.x)) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const t = tQuantile(n - 2, level);
  const last = values.length - 1;
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= horizon; h++) {
    const x = last + h;
    const value = intercept + slope * x;
    const half = t * s * Math.sqrt(1 + 1 / n + (x - mx) ** 2 / sxx);
    points.push({ step: h, value, lower: value - half, upper: value + half });
  }
  return { points, slope, n, level };
}

export interface PeriodForecast { level: number; method: string; points: { period: string; value: number; lower: number; upper: number }[] }

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The forecast for a series of period values (any order; suppressed = null), keyed by the next periods. */
export function forecastOfRows(rows: readonly { period: string; value: number | null }[], horizon = 4): PeriodForecast | null {
  if (!rows.length) return null;
  const sorted = [...rows].sort((a, b) => a.period.localeCompare(b.period));
  const f = linearForecast(sorted.map((r) => r.value), horizon);
  let p = parsePeriod(sorted.at(-1)!.period);
  if (!f || !p) return null;
  const points: PeriodForecast['points'] = [];
  for (const x of f.points) { p = nextPeriod(p); points.push({ period: p.key, value: round2(x.value), lower: round2(x.lower), upper: round2(x.upper) }); }
  return { level: f.level, method: `lineaire trend over de laatste ${f.n} perioden`, points };
}
