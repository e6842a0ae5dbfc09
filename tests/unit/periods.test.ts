import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextPeriod, parsePeriod, periodOf, periodsBetween } from '../../src/model/periods.js';
import { addDays, daysBetween, isIsoDate } from '../../src/model/dates.js';

describe('periods', () => {
  it('parses every period kind with inclusive first and last days', () => {
    expect(parsePeriod('2024')).toMatchObject({ type: 'year', start: '2024-01-01', end: '2024-12-31' });
    expect(parsePeriod('2024-H2')).toMatchObject({ type: 'halfyear', start: '2024-07-01', end: '2024-12-31' });
    expect(parsePeriod('2024-Q1')).toMatchObject({ type: 'quarter', start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ type: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2023-02')?.end).toBe('2023-02-28');
    for (const bad of ['24', '2024-Q5', '2024-13', '2024-H3', '2024-1', '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('lists the periods overlapping a date range', () => {
    expect(periodsBetween('quarter', '2023-11-15', '2024-04-01').map((p) => p.key)).toEqual(['2023-Q4', '2024-Q1', '2024-Q2']);
    expect(periodsBetween('year', '2024-01-01', '2023-12-31')).toEqual([]);
  });

  const date = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n));
  const type = fc.constantFrom('year', 'halfyear', 'quarter', 'month' as const);

  it('property: every date lies in exactly its own period, and periods tile the calendar', () => {
    fc.assert(fc.property(date, type, (d, t) => {
      const p = periodOf(d, t);
      expect(p.start <= d && d <= p.end).toBe(true);
      const n = nextPeriod(p);
      expect(daysBetween(p.end, n.start)).toBe(1);
      expect(parsePeriod(p.key)).toEqual(p);
    }));
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-01')).toBe(false);
  });
});
