import { useMemo } from 'react';
import type { AreaCollection, IndicatorValue } from '../api.js';
import { formatNumber, formatValue, statusLabel, SUPPRESSED_TEXT } from '../format.js';
import { chartFontFamily, echarts, type EChartsCoreOption } from './echarts.js';
import { CHART_COLORS } from './TrendChart.js';
import { useChart } from './useChart.js';

/** Colour of wijken whose value is suppressed or missing. */
export const MAP_NO_VALUE_COLOR = '#b3b3b3';
const MAP_SCALE = ['#e3edf8', '#9fc0e3', '#4a7fbf', '#1f4e85', '#0f2b4d'];

export interface WijkMapProps {
  /** Registered map name; one per gemeente so several gemeenten never mix. */
  mapName: string;
  areas: AreaCollection;
  /** Wijk rows for one period. */
  rows: IndicatorValue[];
  unit: string;
  summary: string;
}

type GeoJsonInput = Parameters<typeof echarts.registerMap>[1];

const registered = new WeakMap<AreaCollection, string>();

function ensureRegistered(mapName: string, areas: AreaCollection): void {
  if (registered.get(areas) === mapName) return;
  echarts.registerMap(mapName, areas as unknown as GeoJsonInput);
  registered.set(areas, mapName);
}

interface TooltipParam {
  name: string;
}

/** Visit every [x, y] position in a GeoJSON geometry's coordinates. */
function visitPositions(coordinates: unknown, visit: (x: number, y: number) => void): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    visit(coordinates[0], coordinates[1]);
    return;
  }
  for (const inner of coordinates) visitPositions(inner, visit);
}

/**
 * Width/height correction so wijken keep their real shape: cos(latitude) for lon/lat
 * (about 0.62 in the Netherlands), 1 for projected metres such as RD New.
 */
export function aspectScaleFor(areas: AreaCollection): number {
  let minY = Infinity;
  let maxY = -Infinity;
  let maxAbsX = 0;
  for (const feature of areas.features) {
    const geometry = feature.geometry as { coordinates?: unknown } | null;
    visitPositions(geometry?.coordinates, (x, y) => {
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      maxAbsX = Math.max(maxAbsX, Math.abs(x));
    });
  }
  if (!Number.isFinite(minY)) return 0.75;
  if (maxAbsX > 180 || Math.abs(maxY) > 90) return 1;
  return Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
}

export function buildMapOption(mapName: string, areas: AreaCollection, rows: IndicatorValue[], unit: string): EChartsCoreOption {
  const byCode = new Map(rows.map((row) => [row.area, row]));
  const names = new Map(areas.features.map((feature) => [feature.properties.code, feature.properties.name]));
  const values = rows.map((row) => row.value).filter((v): v is number => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;

  const data = areas.features.map((feature) => {
    const code = feature.properties.code;
    const row = byCode.get(code);
    const value = row?.value ?? null;
    if (value === null) {
      return {
        name: code,
        value: null,
        itemStyle: { areaColor: MAP_NO_VALUE_COLOR },
        emphasis: { itemStyle: { areaColor: '#9a9a9a' } },
      };
    }
    return { name: code, value };
  });

  return {
    animation: false,
    textStyle: { fontFamily: chartFontFamily(), color: CHART_COLORS.text },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (param: TooltipParam) => {
        const row = byCode.get(param.name);
        const name = names.get(param.name) ?? row?.areaName ?? param.name;
        if (!row) return `<strong>${name}</strong><br/>geen gegevens`;
        const value = row.value === null ? `. (${SUPPRESSED_TEXT})` : formatValue(row.value, unit);
        return `<strong>${name}</strong><br/>${value}<br/>${statusLabel(row.status)}`;
      },
    },
    visualMap: {
      type: 'continuous',
      show: values.length > 0,
      min,
      max: max === min ? min + 1 : max,
      calculable: false,
      orient: 'horizontal',
      left: 0,
      bottom: 0,
      itemWidth: 12,
      itemHeight: 120,
      text: [formatNumber(max, unit), formatNumber(min, unit)],
      textStyle: { color: CHART_COLORS.text, fontSize: 13 },
      inRange: { color: MAP_SCALE },
      seriesIndex: 0,
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        aspectScale: aspectScaleFor(areas),
        roam: false,
        // All four sides set: echarts fits the map inside this box and keeps its aspect ratio.
        top: 8,
        bottom: 44,
        left: 8,
        right: 8,
        selectedMode: false,
        itemStyle: { borderColor: '#ffffff', borderWidth: 1.5, areaColor: MAP_NO_VALUE_COLOR },
        emphasis: { label: { show: true }, itemStyle: { borderColor: CHART_COLORS.text, borderWidth: 2 } },
        label: {
          show: true,
          fontSize: 12,
          color: CHART_COLORS.text,
          textBorderColor: '#ffffff',
          textBorderWidth: 3,
          formatter: (param: TooltipParam) => names.get(param.name) ?? param.name,
        },
        data,
      },
    ],
  };
}

/** Choropleth of the wijken for one period. Suppressed wijken are grey; the wijk table is the text alternative. */
export function WijkMap({ mapName, areas, rows, unit, summary }: WijkMapProps) {
  const option = useMemo(() => {
    ensureRegistered(mapName, areas);
    return buildMapOption(mapName, areas, rows, unit);
  }, [mapName, areas, rows, unit]);
  const ref = useChart(option);
  return <div ref={ref} className="koers-chart koers-chart--map" role="img" aria-label={summary} data-testid="wijk-map" />;
}
