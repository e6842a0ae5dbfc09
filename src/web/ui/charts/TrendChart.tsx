import { useMemo } from 'react';
import type { IndicatorValue } from '../api.js';
import { formatCount, formatNumber, formatPeriod, formatPeriodShort, formatValue, statusLabel, SUPPRESSED_TEXT } from '../format.js';
import { chartFontFamily, type EChartsCoreOption } from './echarts.js';
import { useChart } from './useChart.js';

export const CHART_COLORS = {
  final: '#1f4e85', // NL Design System "basis donkerblauw" family
  provisional: '#4a7fbf',
  axis: '#595959',
  grid: '#e0e0e0',
  text: '#1a1a1a',
};

/** Target line (orange-brown, 4.5:1 on white) and baseline (grey). */
const TARGET_COLOR = '#a34700';
const BASELINE_COLOR = '#595959';

export interface TrendChartProps {
  /** Gemeente-level rows, sorted by period. */
  rows: IndicatorValue[];
  unit: string;
  /** A one-paragraph text summary for screen readers (role="img"). */
  summary: string;
  /** Per row: the streefwaarde and nulmeting of that period's year (whole gemeente), if set. */
  targets?: Array<{ target: number | null; baseline: number | null }>;
  /** Good range of a context indicator, drawn as a band. */
  band?: [number, number] | null;
}

interface TooltipParam {
  dataIndex: number;
}

/** Index of the first row of each new definition version (a trend break), with that version. */
function versionBreaks(rows: IndicatorValue[]): Array<{ index: number; version: number }> {
  const breaks: Array<{ index: number; version: number }> = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    const previous = rows[i - 1];
    if (row && previous && row.version !== previous.version) breaks.push({ index: i, version: row.version });
  }
  return breaks;
}

export function buildTrendOption(
  rows: IndicatorValue[],
  unit: string,
  targets: Array<{ target: number | null; baseline: number | null }> = [],
  band: [number, number] | null = null,
): EChartsCoreOption {
  const targetData = rows.map((_, i) => targets[i]?.target ?? null);
  const baselineData = rows.map((_, i) => targets[i]?.baseline ?? null);
  const anyTarget = targetData.some((v) => v !== null);
  const anyBaseline = baselineData.some((v) => v !== null);
  const categories = rows.map((row) => formatPeriodShort(row.period));
  const isProvisional = rows.map((row) => row.status === 'provisional');
  const finalData = rows.map((row, i) => (isProvisional[i] ? null : row.value));
  // The provisional line also takes the final point next to it, so the line continues without a gap.
  const provisionalData = rows.map((row, i) =>
    isProvisional[i] || isProvisional[i + 1] === true || isProvisional[i - 1] === true ? row.value : null,
  );
  const anyProvisional = isProvisional.some(Boolean);
  const anyFinal = isProvisional.some((p) => !p);
  const values = [...rows.map((row) => row.value), ...targetData, ...baselineData, ...(band ?? [])].filter((v): v is number => v !== null);
  const startAtZero = unit !== 'T' && values.every((v) => v >= 0);

  const breaks = versionBreaks(rows);

  return {
    animation: false,
    textStyle: { fontFamily: chartFontFamily(), color: CHART_COLORS.text },
    grid: { left: 8, right: 24, top: 48, bottom: 12, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 32,
      textStyle: { fontSize: 14, color: CHART_COLORS.text },
      data: [...(anyFinal ? ['definitief'] : []), ...(anyProvisional ? ['voorlopig'] : []), ...(anyTarget ? ['streefwaarde'] : []), ...(anyBaseline ? ['nulmeting'] : [])],
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: TooltipParam | TooltipParam[]) => {
        const first = Array.isArray(params) ? params[0] : params;
        const row = first ? rows[first.dataIndex] : undefined;
        if (!row) return '';
        const value = row.value === null ? `. (${SUPPRESSED_TEXT})` : formatValue(row.value, unit);
        const target = targetData[first!.dataIndex];
        const baseline = baselineData[first!.dataIndex];
        return `<strong>${formatPeriod(row.period)}</strong><br/>${value}<br/>${statusLabel(row.status)}`
          + (target != null ? `<br/>streefwaarde ${formatValue(target, unit)}` : '')
          + (baseline != null ? `<br/>nulmeting ${formatValue(baseline, unit)}` : '');
      },
    },
    xAxis: {
      type: 'category',
      data: categories,
      boundaryGap: false,
      axisLine: { lineStyle: { color: CHART_COLORS.axis } },
      axisTick: { alignWithLabel: true },
      axisLabel: { color: CHART_COLORS.text, fontSize: 13, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: startAtZero ? 0 : undefined,
      scale: !startAtZero,
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
      axisLabel: {
        color: CHART_COLORS.text,
        fontSize: 13,
        // Whole ticks without decimals ("30", not "30,0"); the values themselves keep theirs.
        formatter: (v: number) => (Number.isInteger(v) && unit !== '€' ? formatCount(v) : formatNumber(v, unit)),
      },
    },
    series: [
      {
        name: 'definitief',
        type: 'line',
        data: finalData,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: CHART_COLORS.final },
        itemStyle: { color: CHART_COLORS.final },
        z: 3,
        markArea: band
          ? {
              silent: true,
              itemStyle: { color: 'rgba(31, 122, 61, 0.10)' },
              label: { show: true, position: 'insideTopRight', formatter: 'goede bandbreedte', color: CHART_COLORS.text, fontSize: 12 },
              data: [[{ yAxis: band[0] }, { yAxis: band[1] }]],
            }
          : undefined,
        markLine:
          breaks.length > 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dotted', color: CHART_COLORS.axis, width: 1.5 },
                label: { formatter: 'nieuwe definitie', color: CHART_COLORS.text, fontSize: 12 },
                data: breaks.map((b) => ({ xAxis: b.index })),
              }
            : undefined,
      },
      {
        name: 'voorlopig',
        type: 'line',
        data: provisionalData,
        connectNulls: false,
        symbol: 'emptyCircle',
        symbolSize: 9,
        lineStyle: { width: 3, type: 'dashed', color: CHART_COLORS.provisional },
        itemStyle: { color: CHART_COLORS.provisional, borderWidth: 2 },
        z: 2,
      },
      ...(anyTarget
        ? [{
            name: 'streefwaarde', type: 'line', step: 'middle', data: targetData, connectNulls: false,
            symbol: 'diamond', symbolSize: 9, lineStyle: { width: 2, type: [8, 4], color: TARGET_COLOR }, itemStyle: { color: TARGET_COLOR }, z: 4,
          }]
        : []),
      ...(anyBaseline
        ? [{
            name: 'nulmeting', type: 'line', step: 'middle', data: baselineData, connectNulls: false,
            symbol: 'rect', symbolSize: 7, lineStyle: { width: 2, type: 'dotted', color: BASELINE_COLOR }, itemStyle: { color: BASELINE_COLOR }, z: 1,
          }]
        : []),
    ],
  };
}

/** The gemeente value over time; provisional periods dashed. Text alternative: `summary` + the table on the page. */
export function TrendChart({ rows, unit, summary, targets, band }: TrendChartProps) {
  const option = useMemo(() => buildTrendOption(rows, unit, targets, band ?? null), [rows, unit, targets, band]);
  const ref = useChart(option);
  return <div ref={ref} className="koers-chart koers-chart--trend" role="img" aria-label={summary} data-testid="trend-chart" />;
}
