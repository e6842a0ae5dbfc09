// Small pure helpers over indicator value rows.
import type { IndicatorValue } from './api.js';

/** Periods like "2023", "2024-Q1", "2024-03" sort correctly as text. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortByPeriod(rows: IndicatorValue[]): IndicatorValue[] {
  return [...rows].sort((a, b) => comparePeriods(a.period, b.period));
}

/** The most recent row (rows sorted by period), or null. */
export function latestRow(sorted: IndicatorValue[]): IndicatorValue | null {
  return sorted.length > 0 ? (sorted[sorted.length - 1] ?? null) : null;
}

/** Distinct periods in ascending order. */
export function periodsOf(rows: IndicatorValue[]): string[] {
  return [...new Set(rows.map((row) => row.period))].sort(comparePeriods);
}

/**
 * The latest complete period: the most recent one whose figures are final.
 * When nothing is final yet, the most recent period.
 */
export function latestCompletePeriod(rows: IndicatorValue[]): string | null {
  const periods = periodsOf(rows);
  const finals = new Set(rows.filter((row) => row.status === 'final').map((row) => row.period));
  for (let i = periods.length - 1; i >= 0; i--) {
    const period = periods[i];
    if (period !== undefined && finals.has(period)) return period;
  }
  return periods[periods.length - 1] ?? null;
}

/** The newest computedAt among rows (ISO strings compare as text), or null. */
export function latestComputedAt(rows: IndicatorValue[]): string | null {
  let latest: string | null = null;
  for (const row of rows) if (!latest || row.computedAt > latest) latest = row.computedAt;
  return latest;
}
