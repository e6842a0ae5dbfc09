import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { findIndicator, readResults } from '../../src/indicators/index.js';
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
});
