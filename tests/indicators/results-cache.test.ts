import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { findIndicator, readResults, readState } from '../../src/indicators/index.js';
import { invalidateResults } from '../../src/indicators/results.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

// Reads of stored results are cached; after the short TTL the cache asks indicator_state (one row)
// whether a recompute wrote the table since, and reads it again only then — also when another
// process (another server instance) did the recompute, which this process's invalidation never sees.
describe.each(ENGINES)('result cache on %s', (engine) => {
  let k: TestKoers;
  const d = findIndicator('wmo_clients_per_1000')!;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9001', ${d.id}, ${d.version}, 'year', '2025', '9001', '', '{}', 500, 10000, 50, 'final', now())`.execute(k.db);
    await sql`insert into indicator_state (gemeente_code, indicator_id, version, status, missing, data_until, computed_at, seconds)
      values ('9001', ${d.id}, ${d.version}, 'ok', '{}', '2025-12-31', now() - interval '1 hour', 1)`.execute(k.db);
  });
  afterAll(async () => { vi.restoreAllMocks(); await k?.cleanup(); });

  const value = async () => (await readResults(k.db, d, { gemeente: '9001', periodType: 'year', by: null, profile: 'none' }))[0]!.value;

  it('keeps the table while no recompute wrote it, and reads it again when one did (in any process)', async () => {
    expect(await value()).toBe(50);
    // A change in the table that no recompute recorded: not read, even after the TTL.
    await sql`update indicator_result set numerator = 700, value = 70 where gemeente_code = '9001' and indicator_id = ${d.id}`.execute(k.db);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    expect(await value()).toBe(50);
    // Another process recomputed (its own invalidation does not reach this process): read again after the TTL.
    await sql`update indicator_state set computed_at = now() where gemeente_code = '9001' and indicator_id = ${d.id}`.execute(k.db);
    expect(await value()).toBe(50); // still within the renewed TTL
    clock.mockReturnValue(now + 22_000);
    expect(await value()).toBe(70);
  });

  it('answers the state of a cached table without a query, and a fresh one after an invalidation', async () => {
    invalidateResults(k.db, '9001');
    await value();
    const before = await readState(k.db, d, '9001');
    expect(before.status).toBe('ok');
    await sql`update indicator_state set data_until = '2026-06-30', computed_at = now() where gemeente_code = '9001' and indicator_id = ${d.id}`.execute(k.db);
    expect((await readState(k.db, d, '9001')).dataUntil).toBe(before.dataUntil); // same cached entry as the rows
    invalidateResults(k.db, '9001'); // what a recompute in this process does
    expect((await readState(k.db, d, '9001')).dataUntil).toBe('2026-06-30');
  });

  it('serves period types and breakdowns from the table exactly as a filter over all rows would, and shares concurrent reads', async () => {
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      select '9001', ${d.id}, ${d.version}, t, p, '9001', b, case when b = '' then '{}'::jsonb else jsonb_build_object('wijk', substr(b, 6)) end, 40, 1000, 40, 'final', now()
        from (values ('quarter', '2025-Q1'), ('quarter', '2025-Q2'), ('year', '2024')) as x(t, p), (values (''), ('wijk=W01'), ('wijk=W02')) as y(b)`.execute(k.db);
    await sql`update indicator_state set computed_at = now() where gemeente_code = '9001' and indicator_id = ${d.id}`.execute(k.db);
    invalidateResults(k.db, '9001');
    const read = (periodType: string | undefined, by: 'wijk' | null, period?: string) => readResults(k.db, d, { gemeente: '9001', periodType, period, by, profile: 'none' });
    // Twenty concurrent first reads: the same rows for each.
    const many = await Promise.all(Array.from({ length: 20 }, () => read('quarter', 'wijk')));
    for (const r of many) expect(r).toEqual(many[0]);
    const key = (r: { periodType: string; period: string; area: string; breakdown: Record<string, string> }) => `${r.periodType} ${r.period} ${r.breakdown.wijk ?? '-'}`;
    expect(many[0]!.map(key)).toEqual(['quarter 2025-Q1 W01', 'quarter 2025-Q1 W02', 'quarter 2025-Q2 W01', 'quarter 2025-Q2 W02']);
    expect((await read('year', null)).map(key)).toEqual(['year 2024 -', 'year 2025 -']);
    expect((await read(undefined, null)).map(key)).toEqual(['quarter 2025-Q1 -', 'quarter 2025-Q2 -', 'year 2024 -', 'year 2025 -']);
    expect((await read(undefined, 'wijk', '2024')).map(key)).toEqual(['year 2024 W01', 'year 2024 W02']);
    expect(await read('month', null)).toEqual([]);
  });
});
