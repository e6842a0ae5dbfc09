import { sql, type Db } from '../db/index.js';
import { parsePeriod } from '../model/periods.js';
import { applyDisclosure, type Cell, type DisclosureProfile, type Membership } from './disclosure.js';
import type { Dimension, IndicatorDefinition } from './definition.js';
import { bumpGeneration, generationOf } from './generation.js';

export interface ResultRow {
  id: string;
  version: number;
  period: string;
  periodType: string;
  gemeente: string;
  area: string;
  areaName: string;
  breakdown: Record<string, string>;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  unit: string;
  status: 'provisional' | 'final';
  suppressed: boolean;
  computedAt: string;
}

export interface ResultQuery {
  gemeente: string;
  periodType?: string;
  period?: string;
  /** A breakdown dimension; absent or null = the gemeente total. */
  by?: Dimension | null;
  profile: DisclosureProfile;
}

export interface IndicatorState { status: 'ok' | 'no_data' | 'not_computed'; missing: string[]; dataUntil: string | null; computedAt: string | null }

type StoredRow = { period: string; period_type: string; area_code: string; name: string | null; breakdown_key: string; breakdown: Record<string, string>; numerator: number | null; denominator: number | null; value: number | null; status: 'provisional' | 'final'; computed_at: Date };

/**
 * Results change only when an import recomputes them, so reads are cached briefly in-process.
 * A recompute in this process clears the gemeente's entries at once (invalidateResults); one in
 * another process (another server instance) shows within RESULT_CACHE_MS: then one row of
 * indicator_state says whether the table was written since; if not, the cached rows and their
 * disclosure stay (a table is read and disclosed again only after a recompute wrote it).
 *
 * Disclosure is decided over an indicator's whole stored table (every period and breakdown), so
 * the suppression pattern is the same whichever slice is asked for, and no slice can be combined
 * with another to recover a hidden cell.
 */
const RESULT_CACHE_MS = 10_000;
type Entry = {
  rows: StoredRow[];
  disclosed: Map<DisclosureProfile, ReturnType<typeof applyDisclosure>>;
  until: number;
  stamp: string | null;
  state: IndicatorState;
  /** Row indexes per period type and breakdown dimension ('' = gemeente total), built on first use. */
  slices: Map<string, number[]> | null;
};

type StateRow = { status: 'ok' | 'no_data'; missing: string[]; data_until: string | null; computed_at: Date; stamp: string };
const toState = (r: Omit<StateRow, 'stamp'> | undefined): IndicatorState =>
  r ? { status: r.status, missing: r.missing ?? [], dataUntil: r.data_until, computedAt: new Date(r.computed_at).toISOString() } : { status: 'not_computed', missing: [], dataUntil: null, computedAt: null };

/** The stored table's state; its computed_at (set by every recompute of it) says when the table was last written. */
async function stateRow(db: Db, d: IndicatorDefinition, gemeente: string): Promise<StateRow | undefined> {
  return (await sql<StateRow>`select status, missing, data_until, computed_at, computed_at::text as stamp from indicator_state
     where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}`.execute(db)).rows[0];
}
/** The cache key of a gemeente's stored table of one indicator version. */
const keyOf = (d: IndicatorDefinition, gemeente: string) => `${gemeente}|${d.id}|${d.version}`;
/** The breakdown dimension of a stored row ('' = the gemeente total). */
const dimOf = (breakdownKey: string) => (breakdownKey ? breakdownKey.slice(0, breakdownKey.indexOf('=')) : '');
const caches = new WeakMap<Db, Map<string, Entry>>();
const cacheOf = (db: Db) => caches.get(db) ?? caches.set(db, new Map()).get(db)!;
const loading = new WeakMap<Db, Map<string, Promise<Entry>>>();

export function invalidateResults(db: Db, gemeente: string) {
  const cache = cacheOf(db);
  for (const key of cache.keys()) if (key.startsWith(`${gemeente}|`)) cache.delete(key);
  const pending = loading.get(db);
  if (pending) for (const key of pending.keys()) if (key.startsWith(`${gemeente}|`)) pending.delete(key);
  // A read that started before this is neither cached nor shared after it.
  bumpGeneration(db);
}

async function table(db: Db, d: IndicatorDefinition, gemeente: string): Promise<Entry> {
  const cache = cacheOf(db);
  const key = keyOf(d, gemeente);
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit;
  // Concurrent requests for a table that is being (re)read share that one read.
  const pending = loading.get(db) ?? loading.set(db, new Map()).get(db)!;
  const running = pending.get(key);
  if (running) return running;
  const load = refresh(db, d, gemeente, key, hit).finally(() => { if (pending.get(key) === load) pending.delete(key); });
  pending.set(key, load);
  return load;
}

async function refresh(db: Db, d: IndicatorDefinition, gemeente: string, key: string, hit: Entry | undefined): Promise<Entry> {
  const cache = cacheOf(db);
  const generation = generationOf(db);
  // Expired: when no recompute wrote the table since (one row of indicator_state, in any process),
  // keep the rows and their disclosure instead of reading and disclosing the whole table again.
  const state = await stateRow(db, d, gemeente);
  const stamp = state?.stamp ?? null;
  if (hit && stamp !== null && stamp === hit.stamp) { hit.until = Date.now() + RESULT_CACHE_MS; hit.state = toState(state); return hit; }
  const rows = await sql<StoredRow>`
    select r.period, r.period_type, r.area_code, a.name, r.breakdown_key, r.breakdown, r.numerator, r.denominator, r.value, r.status, r.computed_at
      from indicator_result r left join area a on a.gemeente_code = r.gemeente_code and a.area_code = r.area_code
     where r.gemeente_code = ${gemeente} and r.indicator_id = ${d.id} and r.version = ${d.version}
     order by r.period_type, r.period, (r.breakdown_key <> ''), r.breakdown_key, a.name`.execute(db);
  if (cache.size > 2_000) cache.clear();
  const entry: Entry = { rows: rows.rows, disclosed: new Map(), until: Date.now() + RESULT_CACHE_MS, stamp, state: toState(state), slices: null };
  if (generationOf(db) === generation) cache.set(key, entry);
  return entry;
}

/** Counts that add up over periods (events dated in P), so a year = its quarters = its months. */
function additiveOverPeriods(d: IndicatorDefinition): boolean {
  const m = d.numerator;
  const additive = m.count === 'records' || (typeof m.count === 'object' && 'sum' in m.count);
  return additive && !m.latestPerPerson && ['started', 'ended', 'event'].includes(m.boundary) && d.valueRule !== 'complement';
}

const CHILD_TYPES: Record<string, string[]> = { year: ['halfyear', 'quarter', 'month'], halfyear: ['quarter', 'month'], quarter: ['month'], month: [] };

/** The equations a stored cell takes part in (see disclosure.ts). */
export function cellsOf(d: IndicatorDefinition, rows: readonly Pick<StoredRow, 'period' | 'period_type' | 'breakdown_key' | 'numerator' | 'denominator' | 'value'>[]): Cell[] {
  const additive = additiveOverPeriods(d);
  const numeratorKind = d.numeratorKind ?? 'count';
  return rows.map((r) => {
    const dim = dimOf(r.breakdown_key);
    const also: Membership[] = [];
    if (additive) {
      // As a part of each longer period that contains it (same breakdown cell).
      const p = parsePeriod(r.period);
      if (p) {
        for (const [parentType, children] of Object.entries(CHILD_TYPES)) {
          if (!children.includes(r.period_type)) continue;
          const parentKey = parentType === 'year' ? String(p.year) : parentType === 'halfyear' ? `${p.year}-H${p.start.slice(5, 7) <= '06' ? 1 : 2}` : `${p.year}-Q${Math.ceil(Number(p.start.slice(5, 7)) / 3)}`;
          also.push({ table: `P|${parentType}|${parentKey}|${r.period_type}|${r.breakdown_key}`, isTotal: false });
        }
        for (const childType of CHILD_TYPES[r.period_type] ?? []) also.push({ table: `P|${r.period_type}|${r.period}|${childType}|${r.breakdown_key}`, isTotal: true });
      }
    }
    if (!dim) {
      // The gemeente total is the total of every breakdown's equation in its period.
      for (const b of d.breakdowns) also.push({ table: `${r.period_type}|${r.period}|${b}`, isTotal: true });
      return { table: `${r.period_type}|${r.period}|`, isTotal: true, also, numerator: r.numerator, denominator: r.denominator, value: r.value, numeratorKind };
    }
    return { table: `${r.period_type}|${r.period}|${dim}`, isTotal: false, also, numerator: r.numerator, denominator: r.denominator, value: r.value, numeratorKind };
  });
}

export async function readResults(db: Db, d: IndicatorDefinition, q: ResultQuery): Promise<ResultRow[]> {
  const entry = await table(db, d, q.gemeente);
  const profile: DisclosureProfile = d.disclosure === 'none' ? 'none' : q.profile === 'none' ? 'none' : d.disclosure === 'strict' ? 'strict' : q.profile;
  let disclosed = entry.disclosed.get(profile);
  if (!disclosed) { disclosed = applyDisclosure(cellsOf(d, entry.rows), profile); entry.disclosed.set(profile, disclosed); }
  const out: ResultRow[] = [];
  const dim = q.by ?? null;
  // Only the rows of the asked period type(s) and breakdown are visited, not the whole table.
  const slices = entry.slices ?? (entry.slices = sliceRows(entry.rows));
  const indexes = q.periodType ? slices.get(`${q.periodType}|${dim ?? ''}`) ?? [] : [...slices.entries()].filter(([k]) => k.endsWith(`|${dim ?? ''}`)).flatMap(([, xs]) => xs).sort((a, b) => a - b);
  for (const i of indexes) {
    const r = entry.rows[i]!;
    if (q.period && r.period !== q.period) continue;
    const x = disclosed[i]!;
    out.push({
      id: d.id, version: d.version, period: r.period, periodType: r.period_type, gemeente: q.gemeente, area: r.area_code,
      areaName: dim === 'wijk' ? r.name ?? r.area_code : dim ? r.breakdown[dim] ?? '' : r.name ?? r.area_code,
      breakdown: r.breakdown ?? {}, numerator: x.numerator, denominator: x.denominator, value: x.value === null ? null : Math.round(x.value * 100) / 100,
      unit: d.unit, status: r.status, suppressed: x.suppressed, computedAt: new Date(r.computed_at).toISOString(),
    });
  }
  return out;
}

/** Row indexes keyed by "period type|breakdown dimension" ('' for the gemeente total), in table order. */
function sliceRows(rows: readonly StoredRow[]): Map<string, number[]> {
  const slices = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.period_type}|${dimOf(r.breakdown_key)}`;
    (slices.get(key) ?? slices.set(key, []).get(key)!).push(i);
  });
  return slices;
}

/** The indicator state of every indicator of a gemeente in one query (key `id|version`, see stateOf). */
export async function readStates(db: Db, gemeente: string): Promise<Map<string, IndicatorState>> {
  const rows = (await sql<Omit<StateRow, 'stamp'> & { indicator_id: string; version: number }>`
    select indicator_id, version, status, missing, data_until, computed_at from indicator_state where gemeente_code = ${gemeente}`.execute(db)).rows;
  return new Map(rows.map((r) => [versionKey(r.indicator_id, r.version), toState(r)]));
}

const versionKey = (id: string, version: number) => `${id}|${version}`;
export const stateOf = (states: Map<string, IndicatorState>, d: IndicatorDefinition): IndicatorState =>
  states.get(versionKey(d.id, d.version)) ?? toState(undefined);

/** Whether an indicator has data for the gemeente, and if not, which sources would feed it. */
export async function readState(db: Db, d: IndicatorDefinition, gemeente: string): Promise<IndicatorState> {
  // Read together with the cached table (same freshness rules), so a values request costs no query.
  const hit = cacheOf(db).get(keyOf(d, gemeente));
  if (hit && hit.until > Date.now()) return hit.state;
  return toState(await stateRow(db, d, gemeente));
}
