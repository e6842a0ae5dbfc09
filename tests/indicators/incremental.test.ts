import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../src/app/demo.js';
import { sql } from '../../src/db/index.js';
import { recomputeGemeente } from '../../src/indicators/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { resultsSnapshot } from '../helpers/results-snapshot.js';

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

  const snapshot = () => resultsSnapshot(k.db);

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

  it('a definition whose statement another one already ran uses its rows, and stores what its own statement gives', async () => {
    const bbv = async () => (await snapshot()).filter((r) => r.startsWith('bbv_wmo_clients_per_10000|'));
    // bbv_wmo_clients_per_10000 counts as wmo_clients_per_1000 does, per 10 000 instead of per 1 000.
    const s = await recomputeGemeente(k.db, '9001', null);
    expect(s.sameStatement?.bbv_wmo_clients_per_10000).toBe('wmo_clients_per_1000');
    const shared = await bbv();
    expect(shared.length).toBeGreaterThan(50);
    // Alone, its statement runs: the same cells.
    await sql`delete from indicator_result where gemeente_code = '9001' and indicator_id = 'bbv_wmo_clients_per_10000'`.execute(k.db);
    const alone = await recomputeGemeente(k.db, '9001', null, ['bbv_wmo_clients_per_10000']);
    expect(alone.sameStatement).toEqual({});
    expect(await bbv()).toEqual(shared);
  }, 600_000);

  it('a ratio whose sides changed from different dates reuses the stored figures of the side that did not, and still equals a full recompute', async () => {
    await recomputeGemeente(k.db, '9001', null);
    const full = await snapshot();
    const last = (await sql<{ d: string }>`select max(dagtekening)::text as d from received_message where gemeente_code = '9001'`.execute(k.db)).rows[0]!.d;
    const first = (await sql<{ d: string }>`select min(ingangsdatum)::text as d from toewijzing_record where gemeente_code = '9001'`.execute(k.db)).rows[0]!.d;
    // As after a verlenging of an old budget toewijzing: the allocated money changed from its start,
    // everything else only from the last day. utilisation_pct's denominator goes back; its numerator
    // (declared amounts) is computed for the recent periods only, and reused before them.
    const s = await recomputeGemeente(k.db, '9001', last, { factFrom: { allocation: first } });
    expect(s.reused?.utilisation_pct).toBe('num');
    expect(await snapshot()).toEqual(full);
    // And the other way round: the declaraties changed from long ago, the allocated money did not.
    const s2 = await recomputeGemeente(k.db, '9001', last, { factFrom: { prestatie: first } });
    expect(s2.reused?.utilisation_pct).toBe('den');
    expect(await snapshot()).toEqual(full);
    // A stored figure that is wrong shows: the reused side is read from the store, so a changed stored numerator stays.
    const year = String(Number(last.slice(0, 4)) - 1);
    const changed = await sql`update indicator_result set numerator = numerator + 1 where gemeente_code = '9001' and indicator_id = 'utilisation_pct' and period_type = 'year' and period = ${year} and breakdown_key = ''`.execute(k.db);
    expect(Number(changed.numAffectedRows)).toBe(1);
    await recomputeGemeente(k.db, '9001', last, { factFrom: { allocation: first } });
    expect(await snapshot()).not.toEqual(full);
    // A period with nothing stored (as when the other side's new data moved the extent's start to
    // it) has nothing to lend: it is computed whole, not filled in with zeros.
    await recomputeGemeente(k.db, '9001', null);
    const gone = await sql`delete from indicator_result where gemeente_code = '9001' and indicator_id = 'utilisation_pct' and period_type = 'year' and period = ${year}`.execute(k.db);
    expect(Number(gone.numAffectedRows)).toBeGreaterThan(1);
    const s3 = await recomputeGemeente(k.db, '9001', last, { factFrom: { allocation: first } });
    expect(s3.reused?.utilisation_pct).toBe('num');
    expect(await snapshot()).toEqual(full);
  }, 600_000);
});

describe.each(ENGINES)('affected dates of trajectory messages on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => { k = await openTestKoers(engine, { xsd: false }); });
  afterAll(async () => { await k?.cleanup(); });

  it('a stop for a trajectory that started years ago recomputes from its end, not its start', async () => {
    const { addGemeente } = await import('../../src/app/koers.js');
    const { file, referenceFiles } = await import('../helpers/fixtures.js');
    const { msg301, msg305, msg307 } = await import('../helpers/messages.js');
    await addGemeente(k.db, '9001', 'Testdam');
    const bsn = '111222333';
    await k.importFiles(referenceFiles(), { source: 'test', asOf: '2024-06-01' });
    const first = await k.importFiles([
      file('t.xml', msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: 'T1', dag: '2020-01-02' }, { bsn, postcode: '9001AA' }, [{ nr: '100', cat: '01', tdatum: '2020-01-02', ingang: '2020-01-02' }])),
      file('s.xml', msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: 'S1', dag: '2020-01-06' }, { bsn }, [{ nr: '100', cat: '01', ingang: '2020-01-02', begin: '2020-01-03' }]))], { source: 'test', asOf: '2024-06-01' });
    expect(first.affected.get('9001')).toBe('2020-01-02');
    const stop = await k.importFiles([file('e.xml', msg307({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: 'E1', dag: '2024-05-03' }, { bsn }, [{ nr: '100', cat: '01', ingang: '2020-01-02', begin: '2020-01-03', eind: '2024-04-30', reden: '19' }]))], { source: 'test', asOf: '2024-06-01' });
    expect(stop.affected.get('9001')).toBe('2024-04-30');
  });
});

describe.each(ENGINES)('affected dates of a new toewijzing version on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => { k = await openTestKoers(engine, { xsd: false }); });
  afterAll(async () => { await k?.cleanup(); });

  const snapshot = () => resultsSnapshot(k.db);

  it('a verlenging of an old toewijzing is dated per fact, and recomputing from those dates equals a full recompute', async () => {
    const { addGemeente } = await import('../../src/app/koers.js');
    const { file, referenceFiles } = await import('../helpers/fixtures.js');
    const { msg301, msg305 } = await import('../helpers/messages.js');
    await addGemeente(k.db, '9001', 'Testdam');
    const asOf = { source: 'test' as const, asOf: '2024-06-01' };
    await k.importFiles(referenceFiles(), asOf);
    const h = (id: string, dag: string) => ({ std: 'iwmo' as const, gemeente: '9001', agb: '99000001', id, dag });
    await k.importFiles([
      file('t1.xml', msg301(h('T1', '2020-01-02'), { bsn: '111222333', postcode: '9001AA' }, [{ nr: '200', cat: '01', tdatum: '2020-01-02', ingang: '2020-01-02', eind: '2024-12-31', volume: 3 }])),
      file('s1.xml', msg305(h('S1', '2020-01-06'), { bsn: '111222333' }, [{ nr: '200', cat: '01', ingang: '2020-01-02', begin: '2020-01-03' }])),
      file('t2.xml', msg301(h('T2', '2021-03-01'), { bsn: '123456782', postcode: '9001AA' }, [{ nr: '201', cat: '01', tdatum: '2021-03-01', ingang: '2021-03-01', eind: '2025-02-28', volume: 2 }])),
      file('s2.xml', msg305(h('S2', '2021-03-08'), { bsn: '123456782' }, [{ nr: '201', cat: '01', ingang: '2021-03-01', begin: '2021-03-02' }]))], asOf);
    // A verlenging (only the einddatum moves) and a new volume for the other toewijzing.
    const s = await k.importer.importFiles([
      file('v1.xml', msg301(h('V1', '2024-05-02'), { bsn: '111222333', postcode: '9001AA' }, [{ nr: '200', cat: '01', tdatum: '2024-05-02', ingang: '2020-01-02', eind: '2026-12-31', reden: '04', volume: 3 }])),
      file('v2.xml', msg301(h('V2', '2024-05-03'), { bsn: '123456782', postcode: '9001AA' }, [{ nr: '201', cat: '01', tdatum: '2024-05-03', ingang: '2021-03-01', eind: '2025-02-28', reden: '01', volume: 4 }]))], asOf);
    expect(s.rejected).toBe(0);
    // What every fact sees: the messages' dagtekening (addresses), not the old ingangsdatum.
    expect(s.affected.get('9001')).toBe('2024-05-02');
    const facts = s.affectedFacts.get('9001')!;
    expect(facts.allocation).toBe('2021-03-01'); // the new volume counts over the whole toewijzing
    expect(facts['toewijzing.toewijzingsdatum']).toBe('2020-01-02');
    expect(facts.toewijzing).toBeUndefined();
    expect(facts['trajectory.first_toewijzingsdatum']).toBe('2020-01-03');
    const stats = await k.refresh(s.affected, s.affectedFacts);
    const incremental = await snapshot();
    const full = await recomputeGemeente(k.db, '9001', null);
    expect(stats[0]!.periods).toBeLessThan(full.periods);
    expect(await snapshot()).toEqual(incremental);
  }, 300_000);
});
