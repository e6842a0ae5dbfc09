import type { SparkPoint } from '../api.js';
import { formatPeriod, formatValue } from '../format.js';

export interface SparklineProps {
  points: SparkPoint[];
  unit: string;
  /** What the line is of, for the text alternative (e.g. the indicator name). */
  label: string;
  width?: number;
  height?: number;
}

/** The text alternative of a sparkline: every value in words. */
export function sparklineText(points: SparkPoint[], unit: string, label: string): string {
  if (points.length === 0) return `${label}: geen verloop.`;
  const values = points.map((p) => `${formatPeriod(p.period)} ${p.value === null ? 'te klein om te tonen' : formatValue(p.value, unit)}${p.status === 'provisional' ? ' (voorlopig)' : ''}`);
  return `Verloop van ${label}: ${values.join('; ')}.`;
}

/**
 * A small trend line as inline SVG (no chart library: the overview has dozens of them). Provisional
 * points are drawn hollow; suppressed ones leave a gap. The values are in the accessible name.
 */
export function Sparkline({ points, unit, label, width = 132, height = 36 }: SparklineProps) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (points.length < 2 || values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = 4;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      className="koers-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={sparklineText(points, unit, label)}
      data-testid="sparkline"
    >
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
      ))}
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle
            key={p.period}
            cx={x(i)}
            cy={y(p.value)}
            r={i === points.length - 1 ? 3.5 : 2}
            fill={p.status === 'provisional' ? '#fff' : 'currentColor'}
            stroke="currentColor"
            strokeWidth={1.5}
          />
        ),
      )}
    </svg>
  );
}
