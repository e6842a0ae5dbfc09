import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIndicator } from '../../src/indicators/catalogue.js';
import { reuseStoredSide, statusOf, type ComputedCell, type StoredCell } from '../../src/indicators/compute.js';
import { parsePeriod, type Period } from '../../src/model/periods.js';

/**
 * reuseStoredSide puts back the stored figures of one side of a ratio in the periods where that
 * side's facts did not change. Fed the cells a full recompute stored and a fresh computation in
 * which that side had no rows in those periods, it must give the full recompute's cells again.
 */
const d = findIndicator('declarations_without_allocation_pct')!; // a ratio of counts, factor 100
const dataUntil = '2024-12-31';
const P = ['2024-01', '2024-02', '2024-03'].map((k) => parsePeriod(k)!);
const byKey = new Map(P.map((p) => [`${p.type}|${p.key}`, p]));

type Figures = { num: number; den: number };
const cellOf = (p: Period, area: string, bkey: string, f: Figures): ComputedCell => ({
  periodType: p.type, period: p.key, area, breakdownKey: bkey, breakdown: bkey ? { [bkey.split('=')[0]!]: bkey.split('=')[1]! } : {},
  numerator: f.num, denominator: f.den, value: f.den > 0 ? (f.num / f.den) * d.factor : null, status: statusOf(p, dataUntil, d.followUpDays),
});
const stored = (c: ComputedCell): StoredCell => ({ period_type: c.periodType, period: c.period, area_code: c.area, breakdown_key: c.breakdownKey, breakdown: c.breakdown, numerator: c.numerator, denominator: c.denominator });
const sorted = (cs: readonly ComputedCell[]) => [...cs].sort((a, b) => `${a.period}|${a.breakdownKey}`.localeCompare(`${b.period}|${b.breakdownKey}`));

describe('reuseStoredSide', () => {
  it('keeps the stored numerator, the fresh denominator and recomputes the value', () => {
    const [jan, feb] = P as [Period, Period];
    const fresh = [cellOf(jan, 'GM9001', '', { num: 0, den: 8 }), cellOf(feb, 'GM9001', '', { num: 3, den: 6 })];
    const old = [stored(cellOf(jan, 'GM9001', '', { num: 2, den: 5 })), stored(cellOf(jan, 'GM9001', 'aanbieder=A', { num: 1, den: 1 })), stored(cellOf(feb, 'GM9001', '', { num: 9, den: 9 }))];
    const out = reuseStoredSide(d, fresh, old, 'num', new Map([[`${jan.type}|${jan.key}`, jan]]), dataUntil);
    expect(sorted(out)).toEqual(sorted([
      cellOf(jan, 'GM9001', '', { num: 2, den: 8 }), // stored numerator over the new denominator: 25 %
      cellOf(jan, 'GM9001', 'aanbieder=A', { num: 1, den: 0 }), // no denominator any more: no value
      cellOf(feb, 'GM9001', '', { num: 3, den: 6 }), // not a reused period: as computed
    ]));
    expect(out.find((c) => c.period === jan.key && !c.breakdownKey)!.value).toBe(25);
  });

  it('property: reusing a side that did not change gives what the full computation gives', () => {
    const cellArb = fc.record({ p: fc.integer({ min: 0, max: 2 }), b: fc.constantFrom('', 'aanbieder=A', 'aanbieder=B', 'wet=wmo'), num: fc.nat(4), den: fc.nat(4) });
    fc.assert(fc.property(fc.uniqueArray(cellArb, { selector: (c) => `${c.p}|${c.b}` }), fc.subarray([0, 1, 2]), fc.constantFrom<'num' | 'den'>('num', 'den'), (raw, reusedIdx, side) => {
      // A cell exists where either side has units (a count is at least 1 where it has any).
      const full = raw.filter((c) => c.num > 0 || c.den > 0).map((c) => cellOf(P[c.p]!, 'GM9001', c.b, c));
      const reuse = new Map(reusedIdx.map((i) => [`${P[i]!.type}|${P[i]!.key}`, P[i]!]));
      const other = side === 'num' ? 'den' : 'num';
      // The fresh computation: in reused periods the side has no rows, so a cell exists only where the other side has units.
      const fresh = full.flatMap((c) => {
        if (!reuse.has(`${c.periodType}|${c.period}`)) return [c];
        const f = { num: c.numerator!, den: c.denominator!, [side]: 0 } as Figures;
        return f[other] > 0 ? [cellOf(byKey.get(`${c.periodType}|${c.period}`)!, c.area, c.breakdownKey, f)] : [];
      });
      expect(sorted(reuseStoredSide(d, fresh, full.map(stored), side, reuse, dataUntil))).toEqual(sorted(full));
    }), { numRuns: 300 });
  });
});
