import { sql, type Db } from '../../db/index.js';
import { findIndicator } from '../../indicators/catalogue.js';
import { applyDisclosure, type Cell, type DisclosureProfile, type Membership } from '../../indicators/disclosure.js';
import { readResults, type ResultRow } from '../../indicators/results.js';
import { readSegmentConfig } from './config.js';
import { BASISVOORWAARDEN, direction, FLOW_FROM, FLOW_TO, SEGMENTS, type FlowFrom, type FlowTo, type Segment } from './rules.js';

/**
 * Reading the pyramid, flows, draagkracht and stapeling with disclosure control. The pyramid reads
 * the segment_* indicator results through readResults (their own disclosure); the precomputed
 * tables are disclosed here with the same fixpoint (disclosure.ts) over equations built for each:
 * a flow matrix's rows add up to the P1 totals and its columns to the P2 totals, wijken add up to
 * the gemeente, stapeling counts and combinations add up to the households of the wijk. Disclosure
 * is decided over a whole table (every period of the type and every area), so every slice shows
 * the same pattern.
 */

export interface Figure { persons: number | null; suppressed: boolean }
const fig = (d: { numerator: number | null; suppressed: boolean }): Figure => ({ persons: d.numerator, suppressed: d.suppressed });

export interface Area { code: string; name: string }

async function wijken(db: Db, gemeente: string): Promise<Area[]> {
  return (await sql<Area>`select area_code as code, name from area where gemeente_code = ${gemeente} and level = 'wijk' order by name, area_code`.execute(db)).rows;
}

/** Builds a Cell from its equations: the first membership is its table, the rest `also`. */
function cellOf(memberships: Membership[], count: number, denominator: number | null = null): Cell {
  const [first, ...also] = memberships;
  return { table: first!.table, isTotal: first!.isTotal, also, numerator: count, denominator, value: null };
}

// ------------------------------------------------------------------ pyramid

export interface PyramidRow {
  period: string; periodType: string; area: string; areaName: string; inhabitants: number | null;
  segments: Record<Segment, { share: number | null; persons: number | null; suppressed: boolean; target: number }>;
  status: 'provisional' | 'final' | null;
}

const SEGMENT_INDICATORS: Record<Segment, string> = { zelfredzaam: 'segment_self_reliant_pct', licht: 'segment_at_risk_pct', kwetsbaar: 'segment_vulnerable_pct' };

/** The pyramid per period and area from the segment indicators' results (disclosed with the caller's profile). */
export async function readPyramid(db: Db, q: { gemeente: string; periodType: string; period?: string | null; area?: string | null; profile: DisclosureProfile }): Promise<{ rows: PyramidRow[]; target: Record<Segment, number>; periods: string[]; wijken: Area[] }> {
  const config = await readSegmentConfig(db, q.gemeente);
  const byArea = new Map<string, PyramidRow>();
  const periods = new Set<string>();
  const gm = `GM${q.gemeente}`;
  const total = !q.area || q.area === gm, wijk = !q.area || q.area !== gm;
  for (const s of SEGMENTS) {
    const d = findIndicator(SEGMENT_INDICATORS[s])!;
    const rows: ResultRow[] = [
      ...(total ? await readResults(db, d, { gemeente: q.gemeente, periodType: q.periodType, by: null, profile: q.profile }) : []),
      ...(wijk ? await readResults(db, d, { gemeente: q.gemeente, periodType: q.periodType, by: 'wijk', profile: q.profile }) : []),
    ];
    for (const r of rows) {
      periods.add(r.period);
      if (q.period && r.period !== q.period) continue;
      if (q.area && r.area !== q.area) continue;
      const key = `${r.period}|${r.area}`;
      const row = byArea.get(key) ?? byArea.set(key, {
        period: r.period, periodType: r.periodType, area: r.area, areaName: r.areaName, inhabitants: r.denominator, status: r.status,
        segments: Object.fromEntries(SEGMENTS.map((x) => [x, { share: null, persons: null, suppressed: true, target: config.target[x] }])) as PyramidRow['segments'],
      }).get(key)!;
      row.segments[s] = { share: r.value, persons: r.numerator, suppressed: r.suppressed, target: config.target[s] };
      if (r.status === 'provisional') row.status = 'provisional';
    }
  }
  const rows = [...byArea.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : (a.area === gm ? -1 : b.area === gm ? 1 : a.areaName.localeCompare(b.areaName, 'nl'))));
  return { rows, target: config.target, periods: [...periods].sort(), wijken: await wijken(db, q.gemeente) };
}

// ------------------------------------------------------------------ flows

/** The cells a flow can have: instroom and zelfredzaam only go to a segment with support. */
export const FLOW_CELLS: readonly [FlowFrom, FlowTo][] = FLOW_FROM.flatMap((f) => FLOW_TO.filter((t) => (f === 'instroom' || f === 'zelfredzaam' ? t === 'licht' || t === 'kwetsbaar' : true)).map((t) => [f, t] as [FlowFrom, FlowTo]));

export interface FlowTable {
  periodType: string; from: string; to: string; area: string; areaName: string;
  cells: { from: FlowFrom; to: FlowTo; persons: number | null; suppressed: boolean; direction: 'lichter' | 'zwaarder' | 'gelijk' | null }[];
  fromTotals: Record<FlowFrom, Figure>;
  toTotals: Record<FlowTo, Figure>;
  total: Figure;
  /** Sums over the published cells; null when a part is suppressed (a sum would reveal it). */
  summary: FlowSummary<number | null>;
  /**
   * The same sums over the published cells only, as published (rounded for roles other than
   * analist): where a part has suppressed cells, what is known of it without them. It reveals
   * nothing the published cells do not show already.
   */
  published: FlowSummary<number>;
}

export interface FlowSummary<T> { lichter: T; zwaarder: T; gelijk: T; instroom: T; uitstroom: T }

type FlowStored = { from_period: string; to_period: string; area_code: string; from_segment: string; to_segment: string; persons: number };

/**
 * Every flow table of a period type for all pairs and areas, disclosed as one set of equations.
 * Pure: the unit tests drive it with made-up tables.
 */
export function discloseFlows(stored: readonly FlowStored[], pairs: readonly [string, string][], gm: string, wijkCodes: readonly string[], profile: DisclosureProfile) {
  const count = new Map<string, number>();
  for (const r of stored) count.set(`${r.from_period}|${r.area_code}|${r.from_segment}|${r.to_segment}`, Number(r.persons));
  const areas = [gm, ...wijkCodes];
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const add = (key: string, ms: Membership[], n: number) => { index.set(key, cells.length); cells.push(cellOf(ms, n)); };
  pairs.forEach(([p1, p2], pi) => {
    for (const a of areas) {
      const wijk = a !== gm;
      const get = (f: string, t: string) => count.get(`${p1}|${a}|${f}|${t}`) ?? 0;
      for (const [f, t] of FLOW_CELLS) {
        add(`${p1}|${a}|${f}|${t}`, [{ table: `R|${p1}|${a}|${f}`, isTotal: false }, { table: `C|${p1}|${a}|${t}`, isTotal: false }, { table: `W|${p1}|${f}|${t}`, isTotal: !wijk }], get(f, t));
      }
      for (const f of FLOW_FROM) {
        const n = FLOW_CELLS.filter(([x]) => x === f).reduce((s, [x, t]) => s + get(x, t), 0);
        const ms: Membership[] = [{ table: `R|${p1}|${a}|${f}`, isTotal: true }, { table: `GR|${p1}|${a}`, isTotal: false }, { table: `WR|${p1}|${f}`, isTotal: !wijk }];
        // The P1 totals of licht and kwetsbaar are the previous pair's P2 totals (gemeente level).
        if (!wijk && (f === 'licht' || f === 'kwetsbaar') && pi > 0) ms.push({ table: `L|${p1}|${f}`, isTotal: false });
        add(`${p1}|${a}|${f}|*`, ms, n);
      }
      for (const t of FLOW_TO) {
        const n = FLOW_CELLS.filter(([, x]) => x === t).reduce((s, [f, x]) => s + get(f, x), 0);
        const ms: Membership[] = [{ table: `C|${p1}|${a}|${t}`, isTotal: true }, { table: `GC|${p1}|${a}`, isTotal: false }, { table: `WC|${p1}|${t}`, isTotal: !wijk }];
        if (!wijk && (t === 'licht' || t === 'kwetsbaar') && pi < pairs.length - 1 && pairs[pi + 1]![0] === p2) ms.push({ table: `L|${p2}|${t}`, isTotal: true });
        add(`${p1}|${a}|*|${t}`, ms, n);
      }
      const total = FLOW_CELLS.reduce((s, [f, t]) => s + get(f, t), 0);
      add(`${p1}|${a}|*|*`, [{ table: `GR|${p1}|${a}`, isTotal: true }, { table: `GC|${p1}|${a}`, isTotal: true }, { table: `WG|${p1}`, isTotal: !wijk }], total);
    }
  });
  const disclosed = applyDisclosure(cells, profile);
  return {
    cells, disclosed,
    lookup(p1: string, area: string, f: string, t: string): Figure {
      const i = index.get(`${p1}|${area}|${f}|${t}`);
      return i === undefined ? { persons: null, suppressed: true } : fig(disclosed[i]!);
    },
  };
}

export async function readFlows(db: Db, q: { gemeente: string; periodType: string; to?: string | null; area?: string | null; profile: DisclosureProfile }): Promise<{ pairs: { from: string; to: string }[]; table: FlowTable | null; wijken: Area[] }> {
  const stored = (await sql<FlowStored>`select from_period, to_period, area_code, from_segment, to_segment, persons from segment_flow
     where gemeente_code = ${q.gemeente} and period_type = ${q.periodType}`.execute(db)).rows;
  const pairMap = new Map<string, string>();
  for (const r of stored) pairMap.set(r.from_period, r.to_period);
  const pairs = [...pairMap].sort(([a], [b]) => (a < b ? -1 : 1));
  const ws = await wijken(db, q.gemeente);
  const gm = `GM${q.gemeente}`;
  const list = pairs.map(([from, to]) => ({ from, to }));
  const pair = q.to ? pairs.find(([, t]) => t === q.to) : pairs[pairs.length - 1];
  const area = q.area ?? gm;
  const areaName = area === gm ? 'Hele gemeente' : ws.find((w) => w.code === area)?.name;
  if (!pair || !areaName) return { pairs: list, table: null, wijken: ws };
  const d = discloseFlows(stored, pairs, gm, ws.map((w) => w.code), q.profile);
  const [p1, p2] = pair;
  const cells = FLOW_CELLS.map(([f, t]) => ({ from: f, to: t, ...d.lookup(p1, area, f, t), direction: direction(f, t) }));
  type C = (typeof cells)[number];
  const published = (pick: (c: C) => boolean) => cells.filter((c) => pick(c) && !c.suppressed).reduce((s, c) => s + (c.persons ?? 0), 0);
  const sumOf = (pick: (c: C) => boolean) => (cells.some((c) => pick(c) && c.suppressed) ? null : published(pick));
  const parts: FlowSummary<(c: C) => boolean> = {
    lichter: (c) => c.direction === 'lichter', zwaarder: (c) => c.direction === 'zwaarder', gelijk: (c) => c.direction === 'gelijk',
    instroom: (c) => c.from === 'instroom', uitstroom: (c) => c.to === 'vertrokken' || c.to === 'overleden',
  };
  const each = <T>(f: (pick: (c: C) => boolean) => T) => Object.fromEntries(Object.entries(parts).map(([k, pick]) => [k, f(pick)])) as unknown as FlowSummary<T>;
  return {
    pairs: list, wijken: ws,
    table: {
      periodType: q.periodType, from: p1, to: p2, area, areaName, cells,
      fromTotals: Object.fromEntries(FLOW_FROM.map((f) => [f, d.lookup(p1, area, f, '*')])) as Record<FlowFrom, Figure>,
      toTotals: Object.fromEntries(FLOW_TO.map((t) => [t, d.lookup(p1, area, '*', t)])) as Record<FlowTo, Figure>,
      total: d.lookup(p1, area, '*', '*'),
      summary: each(sumOf),
      published: each(published),
    },
  };
}

// ------------------------------------------------------------------ draagkracht

type ZrmStored = { period: string; area_code: string; segment: string; kind: string; item: string; persons: number };
const ZRM_SEGMENTS = ['alle', ...SEGMENTS] as const;
const ZRM_ITEMS: [string, string][] = [['total', ''], ['balance', 'sterk'], ['balance', 'gelijk'], ['balance', 'zwak'], ...BASISVOORWAARDEN.map((b) => ['basis', b] as [string, string])];

export interface DraagkrachtRow {
  segment: 'alle' | Segment; persons: Figure;
  balance: Record<'sterk' | 'gelijk' | 'zwak', Figure>;
  basis: Record<(typeof BASISVOORWAARDEN)[number], Figure & { share: number | null }>;
  /** Mean number of strong (4-5) and weak (1-2) domains per person; null when the persons are suppressed. */
  meanStrong: number | null; meanWeak: number | null;
}

export function discloseZrm(stored: readonly ZrmStored[], periods: readonly string[], gm: string, wijkCodes: readonly string[], profile: DisclosureProfile) {
  const count = new Map<string, number>();
  for (const r of stored) count.set(`${r.period}|${r.area_code}|${r.segment}|${r.kind}|${r.item}`, Number(r.persons));
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  for (const p of periods) for (const a of [gm, ...wijkCodes]) for (const s of ZRM_SEGMENTS) for (const [kind, item] of ZRM_ITEMS) {
    const n = count.get(`${p}|${a}|${s}|${kind}|${item}`) ?? 0;
    const ms: Membership[] = [
      { table: `S|${p}|${a}|${kind}|${item}`, isTotal: s === 'alle' },
      { table: `W|${p}|${s}|${kind}|${item}`, isTotal: a === gm },
    ];
    if (kind === 'total') ms.push({ table: `B|${p}|${a}|${s}`, isTotal: true });
    if (kind === 'balance') ms.push({ table: `B|${p}|${a}|${s}`, isTotal: false });
    const total = count.get(`${p}|${a}|${s}|total|`) ?? 0;
    index.set(`${p}|${a}|${s}|${kind}|${item}`, cells.length);
    cells.push(cellOf(ms, n, kind === 'basis' ? total : null));
  }
  const disclosed = applyDisclosure(cells, profile);
  return { cells, disclosed, count, lookup: (key: string) => { const i = index.get(key); return i === undefined ? null : disclosed[i]!; } };
}

export async function readDraagkracht(db: Db, q: { gemeente: string; periodType: string; period?: string | null; area?: string | null; profile: DisclosureProfile }): Promise<{ periods: string[]; period: string | null; area: string; rows: DraagkrachtRow[]; wijken: Area[] }> {
  const stored = (await sql<ZrmStored>`select period, area_code, segment, kind, item, persons from segment_zrm where gemeente_code = ${q.gemeente} and period_type = ${q.periodType}`.execute(db)).rows;
  const periods = [...new Set(stored.map((r) => r.period))].sort();
  const ws = await wijken(db, q.gemeente);
  const gm = `GM${q.gemeente}`;
  const area = q.area ?? gm;
  const period = q.period ?? periods[periods.length - 1] ?? null;
  if (!period || !periods.includes(period) || (area !== gm && !ws.some((w) => w.code === area))) return { periods, period, area, rows: [], wijken: ws };
  const d = discloseZrm(stored, periods, gm, ws.map((w) => w.code), q.profile);
  const f = (seg: string, kind: string, item: string): Figure => { const x = d.lookup(`${period}|${area}|${seg}|${kind}|${item}`); return x ? fig(x) : { persons: null, suppressed: true }; };
  const rows = ZRM_SEGMENTS.map((s): DraagkrachtRow => {
    const persons = f(s, 'total', '');
    const raw = d.count.get(`${period}|${area}|${s}|total|`) ?? 0;
    const mean = (item: string) => (persons.suppressed || !raw ? null : Math.round(((d.count.get(`${period}|${area}|${s}|domains|${item}`) ?? 0) / raw) * 10) / 10);
    return {
      segment: s, persons,
      balance: { sterk: f(s, 'balance', 'sterk'), gelijk: f(s, 'balance', 'gelijk'), zwak: f(s, 'balance', 'zwak') },
      basis: Object.fromEntries(BASISVOORWAARDEN.map((b) => {
        const x = f(s, 'basis', b);
        const share = x.suppressed || persons.suppressed || !raw ? null : Math.round(((d.count.get(`${period}|${area}|${s}|basis|${b}`) ?? 0) / raw) * 1000) / 10;
        return [b, { ...x, share }];
      })) as DraagkrachtRow['basis'],
      meanStrong: mean('sterk'), meanWeak: mean('zwak'),
    };
  });
  return { periods, period, area, rows, wijken: ws };
}

// ------------------------------------------------------------------ stapeling

type StapelingStored = { period: string; area_code: string; kind: string; item: string; households: number };
export const COUNT_ITEMS = ['1', '2', '3', '4+'] as const;

export interface StapelingRow { period: string; total: Figure; counts: Record<(typeof COUNT_ITEMS)[number], Figure>; combos: { combo: string; households: Figure }[] }

export function discloseStapeling(stored: readonly StapelingStored[], gm: string, wijkCodes: readonly string[], profile: DisclosureProfile) {
  const count = new Map<string, number>();
  const combos = new Map<string, Set<string>>();
  for (const r of stored) {
    count.set(`${r.period}|${r.area_code}|${r.kind}|${r.item}`, Number(r.households));
    if (r.kind === 'combo') (combos.get(r.period) ?? combos.set(r.period, new Set()).get(r.period)!).add(r.item);
  }
  const periods = [...new Set(stored.map((r) => r.period))].sort();
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  for (const p of periods) {
    const items: [string, string][] = [['total', ''], ...COUNT_ITEMS.map((c) => ['count', c] as [string, string]), ...[...(combos.get(p) ?? [])].sort().map((c) => ['combo', c] as [string, string])];
    for (const a of [gm, ...wijkCodes]) for (const [kind, item] of items) {
      const ms: Membership[] = kind === 'total'
        ? [{ table: `N|${p}|${a}`, isTotal: true }, { table: `K|${p}|${a}`, isTotal: true }, { table: `W|${p}|total|`, isTotal: a === gm }]
        : [{ table: `${kind === 'count' ? 'N' : 'K'}|${p}|${a}`, isTotal: false }, { table: `W|${p}|${kind}|${item}`, isTotal: a === gm }];
      index.set(`${p}|${a}|${kind}|${item}`, cells.length);
      cells.push(cellOf(ms, count.get(`${p}|${a}|${kind}|${item}`) ?? 0));
    }
  }
  const disclosed = applyDisclosure(cells, profile);
  return { periods, combos, cells, disclosed, lookup: (key: string): Figure => { const i = index.get(key); return i === undefined ? { persons: null, suppressed: true } : fig(disclosed[i]!); } };
}

export async function readStapeling(db: Db, q: { gemeente: string; area?: string | null; profile: DisclosureProfile }): Promise<{ area: string; rows: StapelingRow[]; wijken: Area[] }> {
  const stored = (await sql<StapelingStored>`select period, area_code, kind, item, households from segment_stapeling where gemeente_code = ${q.gemeente} and period_type = 'year'`.execute(db)).rows;
  const ws = await wijken(db, q.gemeente);
  const gm = `GM${q.gemeente}`;
  const area = q.area ?? gm;
  if (area !== gm && !ws.some((w) => w.code === area)) return { area, rows: [], wijken: ws };
  const d = discloseStapeling(stored, gm, ws.map((w) => w.code), q.profile);
  const rows = d.periods.map((p): StapelingRow => ({
    period: p,
    total: d.lookup(`${p}|${area}|total|`),
    counts: Object.fromEntries(COUNT_ITEMS.map((c) => [c, d.lookup(`${p}|${area}|count|${c}`)])) as StapelingRow['counts'],
    combos: [...(d.combos.get(p) ?? [])].sort().map((c) => ({ combo: c, households: d.lookup(`${p}|${area}|combo|${c}`) })),
  }));
  return { area, rows, wijken: ws };
}
