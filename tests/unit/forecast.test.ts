import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastOfRows, linearForecast } from '../../src/indicators/forecast.js';

describe('linear forecast ("if we do nothing")', () => {
  it('continues an exact line with a zero-width interval', () => {
    const f = linearForecast([10, 12, 14, 16], 2)!;
    expect(f.slope).toBeCloseTo(2);
    expect(f.points.map((p) => p.value)).toEqual([18, 20].map((v) => expect.closeTo(v, 9)));
    expect(f.points[0]!.upper - f.points[0]!.lower).toBeCloseTo(0);
  });
  it('hand-computed interval for noisy data (n = 4, 80 %)', () => {
    // x = 0..3, y = 1, 3, 2, 4: slope 0.8, intercept 1.3, SSE 1.8, s = √0.9, t(2, 80 %) = 1.886.
    const f = linearForecast([1, 3, 2, 4], 1)!;
    expect(f.slope).toBeCloseTo(0.8);
    const p = f.points[0]!;
    expect(p.value).toBeCloseTo(1.3 + 0.8 * 4);
    const half = 1.886 * Math.sqrt(0.9) * Math.sqrt(1 + 1 / 4 + (4 - 1.5) ** 2 / 5);
    expect(p.upper - p.value).toBeCloseTo(half, 6);
  });
  it('skips missing values and needs three', () => {
    expect(linearForecast([1, null, 2])).toBeNull();
    expect(linearForecast([1, null, 2, 3])).not.toBeNull();
  });
  it('property: the interval contains the point forecast and widens with the horizon', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 20 }), (ys) => {
      const f = linearForecast(ys, 4);
      if (!f) return;
      f.points.forEach((p, i) => {
        expect(p.lower).toBeLessThanOrEqual(p.value + 1e-9);
        expect(p.upper).toBeGreaterThanOrEqual(p.value - 1e-9);
        if (i > 0) expect(p.upper - p.lower).toBeGreaterThanOrEqual(f.points[i - 1]!.upper - f.points[i - 1]!.lower - 1e-6);
      });
    }));
  });

  it('keys the forecast by the periods after the last one, skipping suppressed values', () => {
    const f = forecastOfRows([{ period: '2024-Q4', value: 16 }, { period: '2024-Q2', value: 12 }, { period: '2024-Q1', value: 10 }, { period: '2024-Q3', value: null }], 2)!;
    expect(f.points.map((p) => p.period)).toEqual(['2025-Q1', '2025-Q2']);
    expect(forecastOfRows([{ period: '2024', value: 1 }])).toBeNull();
  });
});
