import { useMemo } from 'react';
import { CHART_COLORS } from '../../charts/TrendChart.js';
import { chartFontFamily, type EChartsCoreOption } from '../../charts/echarts.js';
import { useChart } from '../../charts/useChart.js';
import { formatCount, formatNumber, formatPeriodShort } from '../../format.js';
import type { CurveView } from './curve-api.js';

const FORECAST_COLOR = '#6b3fa0'; // purple, 7:1 on white
const TARGET_COLOR = '#a34700';

/** Every period of the chart: the series, then the forecast periods after it. */
export function curvePeriods(view: CurveView): string[] {
  return [...new Set([...view.rows.map((r) => r.period), ...(view.forecast?.points.map((p) => p.period) ?? [])])].sort();
}

/** Per period, the gemeente (or wijk) target of that period's year. */
export function targetOf(view: CurveView, period: string): number | null {
  return view.targets.find((t) => t.year === Number(period.slice(0, 4)))?.target ?? null;
}

export function buildCurveOption(view: CurveView): EChartsCoreOption {
  const periods = curvePeriods(view);
  const unit = view.indicator.unit;
  const value = new Map(view.rows.map((r) => [r.period, r.value]));
  const fc = new Map((view.forecast?.points ?? []).map((p) => [p.period, p]));
  const anchor = view.period;
  // The forecast line starts at the chosen period's own value, so it visibly continues from there.
  const forecastLine = periods.map((p) => (fc.get(p)?.value ?? (p === anchor ? value.get(p) ?? null : null)));
  const lower = periods.map((p) => fc.get(p)?.lower ?? null);
  const width = periods.map((p) => { const x = fc.get(p); return x ? x.upper - x.lower : null; });
  const targets = periods.map((p) => targetOf(view, p));
  const anyTarget = targets.some((t) => t !== null);
  const all = [...view.rows.map((r) => r.value), ...lower, ...(view.forecast?.points.map((p) => p.upper) ?? []), ...targets].filter((v): v is number => v !== null);
  const startAtZero = unit !== 'T' && all.every((v) => v >= 0);
  return {
    animation: false,
    textStyle: { fontFamily: chartFontFamily(), color: CHART_COLORS.text },
    grid: { left: 8, right: 24, top: 48, bottom: 12, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 32, textStyle: { fontSize: 14, color: CHART_COLORS.text }, data: ['gemeten', ...(view.forecast ? ['als we niets doen', 'marge'] : []), ...(anyTarget ? ['streefwaarde'] : [])] },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: periods.map(formatPeriodShort), boundaryGap: false, axisLine: { lineStyle: { color: CHART_COLORS.axis } }, axisLabel: { color: CHART_COLORS.text, fontSize: 13, hideOverlap: true } },
    yAxis: {
      type: 'value', min: startAtZero ? 0 : undefined, scale: !startAtZero, splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: { color: CHART_COLORS.text, fontSize: 13, formatter: (v: number) => (Number.isInteger(v) && unit !== '€' ? formatCount(v) : formatNumber(v, unit)) },
    },
    series: [
      {
        name: 'gemeten', type: 'line', data: periods.map((p) => value.get(p) ?? null), connectNulls: false, symbol: 'circle', symbolSize: 8,
        lineStyle: { width: 3, color: CHART_COLORS.final }, itemStyle: { color: CHART_COLORS.final }, z: 3,
        markLine: anchor ? { silent: true, symbol: 'none', lineStyle: { type: 'dotted', color: CHART_COLORS.axis }, label: { formatter: 'deze periode', color: CHART_COLORS.text, fontSize: 12 }, data: [{ xAxis: periods.indexOf(anchor) }] } : undefined,
      },
      ...(view.forecast
        ? [
            { name: 'marge-onder', type: 'line', stack: 'band', data: lower, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
            { name: 'marge', type: 'line', stack: 'band', data: width, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(107, 63, 160, 0.15)' }, itemStyle: { color: 'rgba(107, 63, 160, 0.35)' }, tooltip: { show: false }, silent: true },
            { name: 'als we niets doen', type: 'line', data: forecastLine, symbol: 'triangle', symbolSize: 8, lineStyle: { width: 2, type: 'dashed', color: FORECAST_COLOR }, itemStyle: { color: FORECAST_COLOR }, z: 2 },
          ]
        : []),
      ...(anyTarget
        ? [{ name: 'streefwaarde', type: 'line', step: 'middle', data: targets, symbol: 'diamond', symbolSize: 9, lineStyle: { width: 2, type: [8, 4], color: TARGET_COLOR }, itemStyle: { color: TARGET_COLOR }, z: 4 }]
        : []),
    ],
  };
}

/** Baseline, forecast band and target in one chart; the same numbers are in the table beside it. */
export function CurveChart({ view, summary }: { view: CurveView; summary: string }) {
  const option = useMemo(() => buildCurveOption(view), [view]);
  const ref = useChart(option);
  return <div ref={ref} className="koers-chart koers-chart--trend" role="img" aria-label={summary} data-testid="curve-chart" />;
}
