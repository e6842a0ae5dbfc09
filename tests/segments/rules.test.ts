import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, Disclosed } from '../../src/indicators/disclosure.js';
import {
  DEFAULT_SEGMENT_CONFIG, direction, discloseFlows, discloseStapeling, discloseZrm, draagkracht, flowMatrix, flowOf, FLOW_CELLS, latestZrm, segmentOf, stapelingOf, weakBasisvoorwaarden,
  type PersonFacts, type Provision,
} from '../../src/steering/segments/index.js';
import { validateSegmentConfig, SegmentConfigError } from '../../src/steering/segments/config.js';
import { recoverable } from '../helpers/disclosure-attacker.js';

const Y24 = { start: '2024-01-01', end: '2024-12-31' };
const Y25 = { start: '2025-01-01', end: '2025-12-31' };
const wmo = (start: string, end: string | null = null, residential = false): Provision => ({ law: 'wmo', start, end, residential });

describe('segment rules', () => {
  it('zelfredzaam without a provision; licht with one law; kwetsbaar with two laws, residential care or a low ZRM', () => {
    expect(segmentOf([], [], Y24.start, Y24.end)).toBe('zelfredzaam');
    expect(segmentOf([wmo('2023-01-01', '2023-12-31')], [], Y24.start, Y24.end)).toBe('zelfredzaam');
    expect(segmentOf([wmo('2024-03-01')], [], Y24.start, Y24.end)).toBe('licht');
    expect(segmentOf([wmo('2024-03-01'), { law: 'schuldhulp', start: '2024-11-01', end: null }], [], Y24.start, Y24.end)).toBe('kwetsbaar');
    expect(segmentOf([wmo('2020-01-01', null, true)], [], Y24.start, Y24.end)).toBe('kwetsbaar');
    expect(segmentOf([wmo('2024-03-01')], [{ date: '2024-05-01', scores: { financien: 2, huisvesting: 4 } }], Y24.start, Y24.end)).toBe('kwetsbaar');
    // A ZRM older than 12 months before the end of the period no longer counts.
    expect(segmentOf([wmo('2024-03-01')], [{ date: '2023-12-31', scores: { financien: 1 } }], Y24.start, Y24.end)).toBe('licht');
    // Only the latest ZRM counts: a later, better one replaces it.
    expect(segmentOf([wmo('2024-03-01')], [{ date: '2024-02-01', scores: { financien: 1 } }, { date: '2024-09-01', scores: { financien: 4 } }], Y24.start, Y24.end)).toBe('licht');
  });

  it('entering and leaving several laws within one period: every law with a provision in the period counts', () => {
    const p: Provision[] = [wmo('2024-01-10', '2024-03-31'), { law: 'jeugd', start: '2024-06-01', end: '2024-08-31' }, { law: 'pwet', start: '2024-10-01', end: '2024-11-30' }];
    expect(segmentOf(p, [], Y24.start, Y24.end)).toBe('kwetsbaar');
    expect(segmentOf(p, [], '2024-01-01', '2024-03-31')).toBe('licht');
    expect(segmentOf(p, [], Y25.start, Y25.end)).toBe('zelfredzaam');
  });

  it('thresholds: three laws, residential not counted, ZRM at most 1', () => {
    const c = { ...DEFAULT_SEGMENT_CONFIG, minLaws: 3, residential: false, zrmMaxScore: 1 };
    expect(segmentOf([wmo('2024-01-01'), { law: 'pwet', start: '2024-01-01', end: null }], [], Y24.start, Y24.end, c)).toBe('licht');
    expect(segmentOf([wmo('2024-01-01', null, true)], [], Y24.start, Y24.end, c)).toBe('licht');
    expect(segmentOf([wmo('2024-01-01')], [{ date: '2024-05-01', scores: { financien: 2 } }], Y24.start, Y24.end, c)).toBe('licht');
    expect(segmentOf([wmo('2024-01-01')], [{ date: '2024-05-01', scores: { huisvesting: 1 } }], Y24.start, Y24.end, c)).toBe('kwetsbaar');
  });

  it('werk/dagbesteding is the better of werk_opleiding and tijdsbesteding; draagkracht balance', () => {
    expect(weakBasisvoorwaarden({ date: 'x', scores: { werk_opleiding: 1, tijdsbesteding: 4 } }, 2)).toEqual([]);
    expect(weakBasisvoorwaarden({ date: 'x', scores: { werk_opleiding: 1, tijdsbesteding: 2 } }, 2)).toEqual(['werk']);
    expect(draagkracht({ date: 'x', scores: { a: 5, b: 4, c: 1, d: 3 } })).toEqual({ strong: 2, weak: 1, balance: 'sterk' });
    expect(draagkracht({ date: 'x', scores: { a: 5, b: 1 } }).balance).toBe('gelijk');
    // As PostgreSQL: 2025-02-28 − 12 months = 2024-02-28; the window is (2024-02-28, 2025-02-28].
    expect(latestZrm([{ date: '2024-02-29', scores: {} }], '2025-02-28', 12)).not.toBeNull();
    expect(latestZrm([{ date: '2024-02-28', scores: {} }], '2025-02-28', 12)).toBeNull();
    expect(latestZrm([{ date: '2024-02-29', scores: {} }], '2025-03-31', 12)).toBeNull();
    expect(latestZrm([{ date: '2024-04-01', scores: {} }], '2025-03-31', 12)).not.toBeNull();
  });

  it('config: whole numbers in range and targets adding up to 100, in Dutch', () => {
    expect(() => validateSegmentConfig(DEFAULT_SEGMENT_CONFIG)).not.toThrow();
    expect(() => validateSegmentConfig({ ...DEFAULT_SEGMENT_CONFIG, minLaws: 5 })).toThrow(SegmentConfigError);
    expect(() => validateSegmentConfig({ ...DEFAULT_SEGMENT_CONFIG, target: { zelfredzaam: 80, licht: 15, kwetsbaar: 10 } })).toThrow(/samen 100 %/);
  });
});

describe('flow rules', () => {
  it('a person who moves between wijken is counted in the wijk of P2', () => {
    const p: PersonFacts = { provisions: [wmo('2024-01-01')], residences: [{ from: '2024-01-01', wijk: 'N' }, { from: '2025-07-01', wijk: 'Z' }] };
    expect(flowOf(p, Y24, Y25)).toEqual({ from: 'licht', to: 'licht', wijk: 'Z' });
  });

  it('a person who dies leaves as overleden, counted in the wijk of P1 — also when the death was in P1', () => {
    const p: PersonFacts = { provisions: [wmo('2023-01-01', '2024-09-30', true)], residences: [{ from: '2023-01-01', wijk: 'N' }], ends: [{ date: '2024-09-30', reason: 'overlijden' }] };
    expect(flowOf(p, Y24, Y25)).toEqual({ from: 'kwetsbaar', to: 'overleden', wijk: 'N' });
  });

  it('a person who moves out leaves as vertrokken: an address outside the gemeente, or a provision ended for a move', () => {
    const outside: PersonFacts = { provisions: [wmo('2024-01-01', '2024-05-31')], residences: [{ from: '2024-01-01', wijk: 'N' }, { from: '2024-06-01', wijk: null }] };
    expect(flowOf(outside, Y24, Y25)).toEqual({ from: 'licht', to: 'vertrokken', wijk: null });
    const byReason: PersonFacts = { provisions: [{ law: 'pwet', start: '2024-01-01', end: '2024-08-31' }], residences: [{ from: '2024-01-01', wijk: 'Z' }], ends: [{ date: '2024-08-31', reason: 'verhuizing' }] };
    expect(flowOf(byReason, Y24, Y25)).toEqual({ from: 'licht', to: 'vertrokken', wijk: 'Z' });
  });

  it('entering: born after P1, or living outside the gemeente at the end of P1; otherwise from zelfredzaam', () => {
    expect(flowOf({ provisions: [{ law: 'jeugd', start: '2025-05-01', end: null }], born: '2025-03-01', residences: [{ from: '2025-05-01', wijk: 'N' }] }, Y24, Y25)?.from).toBe('instroom');
    expect(flowOf({ provisions: [wmo('2025-02-01')], residences: [{ from: '2023-01-01', wijk: null }, { from: '2025-01-15', wijk: 'N' }] }, Y24, Y25)?.from).toBe('instroom');
    expect(flowOf({ provisions: [wmo('2025-02-01')], born: '1960-01-01', residences: [{ from: '2025-01-15', wijk: 'N' }] }, Y24, Y25)?.from).toBe('zelfredzaam');
    // Without support in both periods a person is not in the flows.
    expect(flowOf({ provisions: [wmo('2022-01-01', '2022-12-31')] }, Y24, Y25)).toBeNull();
  });

  it('a person who enters and leaves several laws in P2 goes to kwetsbaar (heavier)', () => {
    const p: PersonFacts = { provisions: [wmo('2024-01-01', '2024-12-31'), { law: 'schuldhulp', start: '2025-02-01', end: '2025-04-30' }, { law: 'pwet', start: '2025-06-01', end: '2025-07-31' }], residences: [{ from: '2024-01-01', wijk: 'N' }] };
    const f = flowOf(p, Y24, Y25)!;
    expect(f).toEqual({ from: 'licht', to: 'kwetsbaar', wijk: 'N' });
    expect(direction(f.from, f.to)).toBe('zwaarder');
    expect(direction('kwetsbaar', 'zelfredzaam')).toBe('lichter');
    expect(direction('instroom', 'licht')).toBeNull();
  });

  it('stapeling: the number of provisions in the period and the combination of laws', () => {
    expect(stapelingOf([wmo('2024-01-01'), wmo('2024-02-01'), { law: 'jeugd', start: '2024-03-01', end: null }], Y24.start, Y24.end)).toEqual({ count: '3', combo: 'jeugd+wmo' });
    expect(stapelingOf([wmo('2024-01-01'), wmo('2024-02-01'), wmo('2024-03-01'), { law: 'pwet', start: '2024-03-01', end: null }, wmo('2024-05-01')], Y24.start, Y24.end)?.count).toBe('4+');
    expect(stapelingOf([wmo('2023-01-01', '2023-12-31')], Y24.start, Y24.end)).toBeNull();
  });

  // Random persons: provisions of random laws and dates over 2024–2025, random moves, deaths and births.
  const day = fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
  const provision = fc.record({ law: fc.constantFrom('wmo', 'jeugd', 'pwet', 'schuldhulp'), start: day, len: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }), residential: fc.boolean() })
    .map(({ law, start, len, residential }): Provision => ({ law: law as Provision['law'], start, end: len === null ? null : new Date(Date.parse(start) + len * 86_400_000).toISOString().slice(0, 10), residential }));
  const person = fc.record({
    provisions: fc.array(provision, { maxLength: 4 }),
    residences: fc.array(fc.record({ from: day, wijk: fc.constantFrom('N', 'Z', null) }), { minLength: 1, maxLength: 3 }),
    born: fc.option(fc.constantFrom('1950-01-01', '2024-06-01', '2025-03-01'), { nil: null }),
    ends: fc.array(fc.record({ date: day, reason: fc.constantFrom('overlijden' as const, 'verhuizing' as const) }), { maxLength: 1 }),
    zrm: fc.array(fc.record({ date: day, scores: fc.record({ financien: fc.integer({ min: 1, max: 5 }), huisvesting: fc.integer({ min: 1, max: 5 }) }) }), { maxLength: 2 }),
  });

  it('property: the matrix rows add up to the P1 segments, the columns to the P2 segments, every supported person counted once', () => {
    fc.assert(fc.property(fc.array(person, { maxLength: 40 }), (persons) => {
      const m = flowMatrix(persons, Y24, Y25);
      const sum = (pick: (from: string, to: string) => boolean) => [...m].filter(([k]) => pick(...(k.split('>') as [string, string]))).reduce((s, [, v]) => s + v, 0);
      for (const s of ['licht', 'kwetsbaar'] as const) {
        expect(sum((f) => f === s)).toBe(persons.filter((p) => segmentOf(p.provisions, p.zrm, Y24.start, Y24.end) === s).length);
        expect(sum((_, t) => t === s)).toBe(persons.filter((p) => segmentOf(p.provisions, p.zrm, Y25.start, Y25.end) === s).length);
      }
      const supported = persons.filter((p) => segmentOf(p.provisions, p.zrm, Y24.start, Y24.end) !== 'zelfredzaam' || segmentOf(p.provisions, p.zrm, Y25.start, Y25.end) !== 'zelfredzaam').length;
      expect(sum(() => true)).toBe(supported);
      // Only the cells the tables show can occur.
      for (const k of m.keys()) expect(FLOW_CELLS.map(([f, t]) => `${f}>${t}`)).toContain(k);
    }), { numRuns: 300 });
  });
});

/** The equations really hold: every total is the sum of its parts (so the attacker model is the right one). */
function equationsHold(cells: readonly Cell[]) {
  const eq = new Map<string, { total: number | null; parts: number }>();
  for (const c of cells) for (const m of [{ table: c.table, isTotal: c.isTotal }, ...(c.also ?? [])]) {
    const t = eq.get(m.table) ?? eq.set(m.table, { total: null, parts: 0 }).get(m.table)!;
    if (m.isTotal) t.total = c.numerator; else t.parts += c.numerator ?? 0;
  }
  for (const [k, t] of eq) if (t.total !== null) expect(t.parts, k).toBe(t.total);
}

describe('disclosure of the precomputed tables', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: FLOW_CELLS.length * 2 * 3, maxLength: FLOW_CELLS.length * 2 * 3 });

  it('property (flows): equations hold; no suppressed cell is recoverable; published counts ≥ 10 and multiples of 5', () => {
    fc.assert(fc.property(counts, (xs) => {
      // Two pairs (2023→2024, 2024→2025), three wijken; the gemeente is the sum of the wijken.
      const stored: { from_period: string; to_period: string; area_code: string; from_segment: string; to_segment: string; persons: number }[] = [];
      let i = 0;
      for (const [p1, p2] of [['2023', '2024'], ['2024', '2025']] as const) {
        const gm = new Map<string, number>();
        for (const w of ['W1', 'W2', 'W3']) for (const [f, t] of FLOW_CELLS) {
          const n = xs[i++ % xs.length]!;
          if (w !== 'W3' || p1 === '2023') {
            stored.push({ from_period: p1, to_period: p2, area_code: w, from_segment: f, to_segment: t, persons: n });
            gm.set(`${f}|${t}`, (gm.get(`${f}|${t}`) ?? 0) + n);
          }
        }
        for (const [k, n] of gm) { const [f, t] = k.split('|'); stored.push({ from_period: p1, to_period: p2, area_code: 'GM9001', from_segment: f!, to_segment: t!, persons: n }); }
      }
      const d = discloseFlows(stored, [['2023', '2024'], ['2024', '2025']], 'GM9001', ['W1', 'W2', 'W3'], 'default');
      // The link equation (P2 totals of one pair = P1 totals of the next) only holds for real data; drop it for this check.
      equationsHold(d.cells.map((c) => ({ ...c, also: (c.also ?? []).filter((m) => !m.table.startsWith('L|')) })));
      expect(recoverable(d.cells, d.disclosed)).toEqual([]);
      d.disclosed.forEach((o, j) => { if (!o.suppressed) { expect(d.cells[j]!.numerator!).toBeGreaterThanOrEqual(10); expect(o.numerator! % 5).toBe(0); } });
      // The analist's profile passes everything through.
      expect(discloseFlows(stored, [['2023', '2024']], 'GM9001', ['W1'], 'none').disclosed.every((o) => !o.suppressed)).toBe(true);
    }), { numRuns: 150 });
  });

  it('property (stapeling): counts and combinations add up to the households; wijken to the gemeente; nothing recoverable', () => {
    const hh = fc.array(fc.record({ wijk: fc.constantFrom('W1', 'W2'), n: fc.integer({ min: 1, max: 5 }), combo: fc.constantFrom('wmo', 'jeugd', 'jeugd+wmo', 'pwet+schuldhulp') }), { maxLength: 120 });
    fc.assert(fc.property(hh, (households) => {
      const rows = new Map<string, number>();
      const add = (area: string, kind: string, item: string) => rows.set(`${area}|${kind}|${item}`, (rows.get(`${area}|${kind}|${item}`) ?? 0) + 1);
      for (const h of households) for (const area of [h.wijk, 'GM9001']) { add(area, 'total', ''); add(area, 'count', h.n >= 4 ? '4+' : String(h.n)); add(area, 'combo', h.combo); }
      const stored = [...rows].map(([k, v]) => { const [area_code, kind, item] = k.split('|'); return { period: '2025', area_code: area_code!, kind: kind!, item: item!, households: v }; });
      const d = discloseStapeling(stored, 'GM9001', ['W1', 'W2'], 'default');
      equationsHold(d.cells);
      expect(recoverable(d.cells, d.disclosed)).toEqual([]);
    }), { numRuns: 200 });
  });

  it('property (draagkracht): balances add up to the persons, segments to all, wijken to the gemeente; nothing recoverable', () => {
    const ppl = fc.array(fc.record({ wijk: fc.constantFrom('W1', 'W2'), seg: fc.constantFrom('zelfredzaam', 'licht', 'kwetsbaar'), bal: fc.constantFrom('sterk', 'gelijk', 'zwak'), werk: fc.boolean() }), { maxLength: 120 });
    fc.assert(fc.property(ppl, (persons) => {
      const rows = new Map<string, number>();
      const add = (k: string, n = 1) => rows.set(k, (rows.get(k) ?? 0) + n);
      for (const p of persons) for (const area of [p.wijk, 'GM9001']) for (const seg of [p.seg, 'alle']) {
        add(`${area}|${seg}|total|`); add(`${area}|${seg}|balance|${p.bal}`); add(`${area}|${seg}|basis|werk`, p.werk ? 1 : 0);
      }
      const stored = [...rows].map(([k, v]) => { const [area_code, segment, kind, item] = k.split('|'); return { period: '2025', area_code: area_code!, segment: segment!, kind: kind!, item: item!, persons: v }; });
      const d = discloseZrm(stored, ['2025'], 'GM9001', ['W1', 'W2'], 'default');
      expect(recoverable(d.cells, d.disclosed)).toEqual([]);
    }), { numRuns: 200 });
  });
});
