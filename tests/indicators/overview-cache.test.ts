import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { sql } from '../../src/db/index.js';
import { findIndicator } from '../../src/indicators/index.js';
import { buildOverview, buildWijkProfile, warmOverview } from '../../src/indicators/overview.js';
import { invalidateResults } from '../../src/indicators/results.js';
import { replaceTargets } from '../../src/indicators/targets.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

// The built monitor overview is kept while nothing it was built from changed: a change in this
// process (recompute, targets) shows at once, one by another process within the cache lifetime.
describe.each(ENGINES)('monitor overview cache on %s', (engine) => {
  let k: TestKoers;
  const d = findIndicator('ended_as_planned_pct')!;
  const catalogue = [d];
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9002', 'Testveen');
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9002', ${d.id}, ${d.version}, 'year', '2024', '9002', '', '{}', 400, 10000, 40, 'final', now()),
             ('9002', ${d.id}, ${d.version}, 'year', '2025', '9002', '', '{}', 500, 10000, 50, 'final', now())`.execute(k.db);
    await sql`insert into indicator_state (gemeente_code, indicator_id, version, status, missing, data_until, computed_at, seconds)
      values ('9002', ${d.id}, ${d.version}, 'ok', '{}', '2025-12-31', now() - interval '1 hour', 1)`.execute(k.db);
  });
  afterAll(async () => { vi.restoreAllMocks(); await k?.cleanup(); });

  const overview = async () => (await buildOverview(k.db, catalogue, { gemeente: '9002', periodType: 'year', profile: 'none' })).indicators[0]!;

  it('keeps the built overview until a recompute or a target changes it, in this process or another', async () => {
    const first = await overview();
    expect(first.latest?.value).toBe(50);
    expect(first.change).toBe('up');
    // A change no recompute recorded is not read, not even after the cache lifetime.
    await sql`update indicator_result set numerator = 300, value = 30 where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    expect(await overview()).toBe(first); // the same object: nothing was built again
    // Another process recomputed: seen after the cache lifetime (its invalidation does not reach this process).
    await sql`update indicator_state set computed_at = now() where gemeente_code = '9002' and indicator_id = ${d.id}`.execute(k.db);
    expect((await overview()).latest?.value).toBe(50);
    clock.mockReturnValue(now + 22_000);
    const second = await overview();
    expect(second.latest?.value).toBe(30);
    expect(second.direction).toBe('worse'); // lower than the year before, and higher is better
    // Another process set a target: seen after the cache lifetime.
    await sql`insert into indicator_target (gemeente_code, target_id, indicator_id, year, area_code, target, baseline, note, set_by)
      values ('9002', '00000000-0000-4000-8000-000000000001', ${d.id}, 2025, null, 35, null, null, 'elders')`.execute(k.db);
    expect((await overview()).target).toBeNull();
    clock.mockReturnValue(now + 33_000);
    expect((await overview()).target?.target).toBe(35);
    expect((await overview()).targetMet).toBe(false);
    // This process sets a target: seen at once.
    await replaceTargets(k.db, '9002', d.id, [{ year: 2025, area: null, target: 25, baseline: 45, note: null }], 'beleid');
    expect((await overview()).target?.target).toBe(25);
    expect((await overview()).targetMet).toBe(true);
    // This process recomputes: seen at once.
    await sql`update indicator_result set numerator = 200, value = 20 where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    await sql`update indicator_state set computed_at = now() where gemeente_code = '9002' and indicator_id = ${d.id}`.execute(k.db);
    invalidateResults(k.db, '9002');
    expect((await overview()).latest?.value).toBe(20);
    clock.mockRestore();
  });

  it('shares one build between concurrent requests, and keeps profiles and period types apart', async () => {
    invalidateResults(k.db, '9002');
    const many = await Promise.all(Array.from({ length: 20 }, () => overview()));
    for (const o of many) expect(o).toBe(many[0]);
    const quarter = await buildOverview(k.db, catalogue, { gemeente: '9002', periodType: 'quarter', profile: 'none' });
    expect(quarter.periodType).toBe('quarter');
    const strict = await buildOverview(k.db, catalogue, { gemeente: '9002', periodType: 'year', profile: 'default' });
    expect(strict.suppressionProfile).toBe('default');
    expect(strict.indicators[0]).not.toBe(many[0]);
  });

  it('builds the overview in advance, so the first request finds it built', async () => {
    invalidateResults(k.db, '9002');
    await warmOverview(k.db, catalogue, '9002');
    const warmed = (await overview()).latest?.value;
    // Changed without a recompute: only a build after this point could see it.
    await sql`update indicator_result set value = ${warmed! + 5} where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    invalidateResults(k.db, '9002');
    await warmOverview(k.db, catalogue, '9002');
    await sql`update indicator_result set value = ${warmed! + 10} where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    expect((await overview()).latest?.value).toBe(warmed! + 5);
  });

  it('sees a recompute by another process that committed after one that started later', async () => {
    // Another indicator's state, written last with the latest computed_at of the gemeente.
    const other = findIndicator('declaration_rejected_pct')!;
    await sql`insert into indicator_state (gemeente_code, indicator_id, version, status, missing, data_until, computed_at, seconds)
      values ('9002', ${other.id}, ${other.version}, 'ok', '{}', '2025-12-31', now() + interval '1 day', 1)`.execute(k.db);
    invalidateResults(k.db, '9002');
    await sql`update indicator_result set value = 61 where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    expect((await overview()).latest?.value).toBe(61);
    // A recompute of this indicator that started before that one and committed after it: an older computed_at.
    await sql`update indicator_result set value = 62 where gemeente_code = '9002' and period = '2025'`.execute(k.db);
    await sql`update indicator_state set computed_at = computed_at - interval '1 minute' where gemeente_code = '9002' and indicator_id = ${d.id}`.execute(k.db);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
    expect((await overview()).latest?.value).toBe(62);
    clock.mockRestore();
  });

  it('keeps a built wijk profile in the same way', async () => {
    await sql`insert into area (gemeente_code, area_code, level, name) values ('9002', 'WK900201', 'wijk', 'Centrum') on conflict do nothing`.execute(k.db);
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9002', ${d.id}, ${d.version}, 'year', '2025', 'WK900201', 'wijk=WK900201', '{"wijk":"WK900201"}', 30, 100, 30, 'final', now())`.execute(k.db);
    invalidateResults(k.db, '9002');
    const profile = () => buildWijkProfile(k.db, catalogue, { gemeente: '9002', wijk: 'WK900201', periodType: 'year', period: null, profile: 'none' });
    const first = await profile();
    expect(first.indicators[0]!.wijk?.value).toBe(30);
    await sql`update indicator_result set value = 35 where gemeente_code = '9002' and area_code = 'WK900201'`.execute(k.db);
    expect(await profile()).toBe(first); // kept: no recompute wrote the table
    invalidateResults(k.db, '9002'); // a recompute in this process
    expect((await profile()).indicators[0]!.wijk?.value).toBe(35);
  });
});
