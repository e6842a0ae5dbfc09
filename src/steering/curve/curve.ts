import type { Db } from '../../db/index.js';
import { seesUnsuppressed, type Scope } from '../../auth/index.js';
import { readResults, type IndicatorDefinition } from '../../indicators/index.js';
import { forecastOfRows, type PeriodForecast } from '../../indicators/forecast.js';
import { summary } from '../../indicators/overview.js';
import { readTargets } from '../../indicators/targets.js';
import type { PeriodType } from '../../model/periods.js';
import { readNote, type Note } from './notes.js';

/**
 * The turn-the-curve view of one indicator and period (optionally one wijk): the baseline (the
 * indicator's values as the caller may see them), the forecast "als we niets doen" made from the
 * values up to and including the chosen period (so for an older period one can see whether the
 * curve turned against what was expected then), the streefwaarden per year for the same area,
 * and the note.
 */
export interface CurveView {
  indicator: ReturnType<typeof summary>;
  periodType: PeriodType;
  period: string | null;
  area: string | null;
  areaName: string | null;
  suppressionProfile: 'none' | 'default';
  /** Every period of the series: value null = suppressed or not computable. */
  rows: { period: string; value: number | null; numerator: number | null; denominator: number | null; status: 'provisional' | 'final'; suppressed: boolean }[];
  forecast: PeriodForecast | null;
  targets: { year: number; target: number | null; baseline: number | null }[];
  note: Note | null;
}

export async function buildCurve(db: Db, scope: Scope, d: IndicatorDefinition, q: { periodType: PeriodType; period: string | null; area: string | null; areaName: string | null }): Promise<CurveView> {
  const profile = seesUnsuppressed(scope) ? 'none' : 'default';
  const all = await readResults(db, d, { gemeente: scope.gemeenteCode, periodType: q.periodType, by: q.area ? 'wijk' : null, profile });
  const rows = (q.area ? all.filter((r) => r.area === q.area) : all).sort((a, b) => a.period.localeCompare(b.period));
  const period = q.period ?? rows.findLast((r) => r.value !== null)?.period ?? rows.at(-1)?.period ?? null;
  const upTo = period ? rows.filter((r) => r.period <= period) : [];
  const targets = (await readTargets(db, scope.gemeenteCode, d.id)).filter((t) => t.area === q.area).map((t) => ({ year: t.year, target: t.target, baseline: t.baseline }));
  const note = period ? await readNote(db, scope, { indicatorId: d.id, periodType: q.periodType, period, area: q.area }) : null;
  return {
    indicator: summary(d), periodType: q.periodType, period, area: q.area, areaName: q.areaName, suppressionProfile: profile,
    rows: rows.map((r) => ({ period: r.period, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status, suppressed: r.suppressed })),
    forecast: forecastOfRows(upTo.map((r) => ({ period: r.period, value: r.value }))),
    targets, note,
  };
}
