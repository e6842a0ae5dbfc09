import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../src/app/demo.js';
import { sql } from '../../src/db/index.js';
import { recomputeGemeente } from '../../src/indicators/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

/**
 * Freshness must not cost correctness: a recompute from a date (what runs after a day's import,
 * with facts restricted to what can fall in the recomputed periods) stores exactly what a full
 * recompute stores, for every indicator, period and breakdown of a small demo gemeente with every
 * source.
 */
describe.each(ENGINES)('incremental recompute on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await ensureDemo(k, () => {}, { scale: 0.03 });
  }, 600_000);
  afterAll(async () => { await k?.cleanup(); });

  const snapshot = async () => (await sql<{ k: string }>`
    select indicator_id || '|' || period_type || '|' || period || '|' || area_code || '|' || breakdown_key || '|' ||
           coalesce(round(numerator::numeric, 6)::text, '-') || '|' || coalesce(round(denominator::numeric, 6)::text, '-') || '|' || status as k
      from indicator_result where gemeente_code = '9001' order by 1`.execute(k.db)).rows.map((r) => r.k);

  it('recomputing from a date gives the same results as recomputing everything', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const full = await snapshot();
    expect(full.length).toBeGreaterThan(1000);
    const last = (await sql<{ d: string }>`select max(dagtekening)::text as d from received_message where gemeente_code = '9001'`.execute(k.db)).rows[0]!.d;
    // Change nothing, recompute from two dates: the last day and a month before.
    for (const from of [last, `${last.slice(0, 7)}-01`]) {
      const s = await recomputeGemeente(k.db, '9001', from);
      expect(s.rows).toBeLessThan(full.length);
      expect(await snapshot()).toEqual(full);
    }
  }, 600_000);
});
