import { sql, type Db } from '../db/index.js';
import { applyDisclosure, type DisclosureProfile } from './disclosure.js';
import type { IndicatorDefinition } from './catalogue.js';

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
  by?: 'wijk' | null;
  profile: DisclosureProfile;
}

/**
 * Reads computed results and applies disclosure control. Complementary suppression needs the
 * whole table (total + all wijken of a period), so the total and its children are always read
 * together, even when only the children are returned.
 */
type StoredRow = { period: string; period_type: string; area_code: string; name: string | null; breakdown: Record<string, string>; numerator: number | null; denominator: number | null; value: number | null; status: 'provisional' | 'final'; computed_at: Date };

/**
 * Results change only when an import recomputes them, so reads are cached briefly in-process.
 * A recompute in this process clears the gemeente's entries at once (invalidateResults); one in
 * another process (another server instance) shows within RESULT_CACHE_MS.
 */
const RESULT_CACHE_MS = 10_000;
const caches = new WeakMap<Db, Map<string, { rows: StoredRow[]; until: number }>>();
const cacheOf = (db: Db) => caches.get(db) ?? caches.set(db, new Map()).get(db)!;
export function invalidateResults(db: Db, gemeente: string) {
  const cache = cacheOf(db);
  for (const key of cache.keys()) if (key.startsWith(`${gemeente}|`)) cache.delete(key);
}

async function storedRows(db: Db, d: IndicatorDefinition, q: ResultQuery): Promise<StoredRow[]> {
  const cache = cacheOf(db);
  const key = `${q.gemeente}|${d.id}|${d.version}|${q.periodType ?? ''}|${q.period ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.rows;
  const rows = await sql<StoredRow>`
    select r.period, r.period_type, r.area_code, a.name, r.breakdown, r.numerator, r.denominator, r.value, r.status, r.computed_at
      from indicator_result r left join area a on a.gemeente_code = r.gemeente_code and a.area_code = r.area_code
     where r.gemeente_code = ${q.gemeente} and r.indicator_id = ${d.id} and r.version = ${d.version}
       and (${q.periodType ?? null}::text is null or r.period_type = ${q.periodType ?? null})
       and (${q.period ?? null}::text is null or r.period = ${q.period ?? null})
     order by r.period_type, r.period, (r.breakdown_key <> ''), a.name`.execute(db);
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { rows: rows.rows, until: Date.now() + RESULT_CACHE_MS });
  return rows.rows;
}

export async function readResults(db: Db, d: IndicatorDefinition, q: ResultQuery): Promise<ResultRow[]> {
  const rows = { rows: await storedRows(db, d, q) };
  const disclosed = applyDisclosure(rows.rows.map((r) => ({ table: `${r.period_type}|${r.period}`, isTotal: r.area_code.startsWith('GM'), numerator: r.numerator, denominator: r.denominator, value: r.value })), q.profile);
  const out: ResultRow[] = [];
  rows.rows.forEach((r, i) => {
    const isTotal = r.area_code.startsWith('GM');
    if ((q.by === 'wijk') === isTotal) return;
    const x = disclosed[i]!;
    out.push({
      id: d.id, version: d.version, period: r.period, periodType: r.period_type, gemeente: q.gemeente, area: r.area_code, areaName: r.name ?? r.area_code,
      breakdown: r.breakdown ?? {}, numerator: x.numerator, denominator: x.denominator, value: x.value === null ? null : Math.round(x.value * 100) / 100,
      unit: d.unit, status: r.status, suppressed: x.suppressed, computedAt: new Date(r.computed_at).toISOString(),
    });
  });
  return out;
}
