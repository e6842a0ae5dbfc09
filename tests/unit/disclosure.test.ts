import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyDisclosure, type Cell } from '../../src/indicators/disclosure.js';
import { recoverable } from '../helpers/disclosure-attacker.js';

const table = (total: number, kids: number[], den = 1000): Cell[] => [
  { table: 't', isTotal: true, numerator: total, denominator: den * (kids.length || 1), value: total / (den * (kids.length || 1)) },
  ...kids.map((k) => ({ table: 't', isTotal: false, numerator: k, denominator: den, value: k / den })),
];

describe('disclosure control', () => {
  it('rounds counts to 5 and suppresses counts below 10 (default profile)', () => {
    const out = applyDisclosure(table(57, [12, 45]), 'default');
    expect(out.map((o) => o.numerator)).toEqual([55, 10, 45]);
    expect(out.every((o) => !o.suppressed)).toBe(true);
    const small = applyDisclosure([{ table: 'x', isTotal: true, numerator: 9, denominator: 500, value: 18 }], 'default');
    expect(small[0]).toMatchObject({ suppressed: true, numerator: null, value: null, reason: 'primary' });
  });

  it('suppresses a ratio whose denominator is too small', () => {
    const out = applyDisclosure([{ table: 'x', isTotal: true, numerator: 12, denominator: 8, value: 1.5 }], 'default');
    expect(out[0]).toMatchObject({ suppressed: true, value: null, denominator: null });
  });

  it('complementary suppression hides a second wijk when exactly one is too small', () => {
    const out = applyDisclosure(table(100, [4, 30, 66]), 'default');
    expect(out.map((o) => o.reason)).toEqual([null, 'primary', 'secondary', null]);
  });

  it('strict profile rounds to 100 and needs a denominator of 100', () => {
    const out = applyDisclosure([{ table: 'x', isTotal: true, numerator: 260, denominator: 99, value: 1 }, { table: 'y', isTotal: true, numerator: 260, denominator: 1234, value: 0.2 }], 'strict');
    expect(out[0]!.suppressed).toBe(true);
    expect(out[1]).toMatchObject({ numerator: 300, denominator: 1200, suppressed: false });
  });

  it('the none profile (analist) passes values through', () => {
    expect(applyDisclosure(table(5, [2, 3]), 'none').map((o) => o.numerator)).toEqual([5, 2, 3]);
  });

  it('property: no suppressed wijk can be recovered by subtracting published wijken from the published total', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 12 }), (kids) => {
      const total = kids.reduce((a, b) => a + b, 0);
      const out = applyDisclosure(table(total, kids), 'default');
      const totalPublished = !out[0]!.suppressed;
      const hidden = out.slice(1).filter((o) => o.suppressed).length;
      // An attacker learns a hidden cell exactly only when the total is published and exactly one child is hidden.
      if (totalPublished) expect(hidden === 1).toBe(false);
      // Every published count was at least 10 before rounding, and is a multiple of 5.
      out.forEach((o, i) => {
        const orig = i === 0 ? total : kids[i - 1]!;
        if (!o.suppressed) { expect(orig).toBeGreaterThanOrEqual(10); expect(o.numerator! % 5).toBe(0); expect(Math.abs(o.numerator! - orig)).toBeLessThanOrEqual(2.5); }
      });
    }));
  });
});

describe('complementary suppression over several equations', () => {
  it('property: no hidden cell is recoverable from totals, sibling breakdowns or a year and its quarters', () => {
    // A year total with wijk and age breakdowns, and four quarters with the same breakdowns.
    const arb = fc.record({ wijk: fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 5 }) });
    fc.assert(fc.property(arb, ({ wijk }) => {
      // wijk[w][q] = count of wijk w in quarter q; ages split each wijk-quarter count in two halves.
      const cells: Cell[] = [];
      const add = (c: Omit<Cell, 'denominator' | 'value'>) => cells.push({ ...c, denominator: 1000, value: null });
      const quarters = [0, 1, 2, 3];
      const periods = ['Y', ...quarters.map((q) => `Q${q}`)];
      for (const per of periods) {
        const inP = (w: number[]) => (per === 'Y' ? w.reduce((a, b) => a + b, 0) : w[Number(per.slice(1))]!);
        const total = wijk.reduce((a, w) => a + inP(w), 0);
        const young = wijk.reduce((a, w) => a + Math.floor(inP(w) / 2), 0);
        const periodEq = (key: string) => (per === 'Y' ? [{ table: `P|${key}`, isTotal: true }] : [{ table: `P|${key}`, isTotal: false }]);
        add({ table: `${per}|`, isTotal: true, also: [{ table: `${per}|wijk`, isTotal: true }, { table: `${per}|age`, isTotal: true }, ...periodEq('total')], numerator: total });
        wijk.forEach((w, i) => add({ table: `${per}|wijk`, isTotal: false, also: periodEq(`wijk${i}`), numerator: inP(w) }));
        add({ table: `${per}|age`, isTotal: false, also: periodEq('young'), numerator: young });
        add({ table: `${per}|age`, isTotal: false, also: periodEq('old'), numerator: total - young });
      }
      const out = applyDisclosure(cells, 'default');
      expect(recoverable(cells, out)).toEqual([]);
      out.forEach((o, i) => { if (!o.suppressed) expect(cells[i]!.numerator!).toBeGreaterThanOrEqual(10); });
    }), { numRuns: 300 });
  });
});
