import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { findIndicator, readResults } from '../../src/indicators/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305, msg307, type Header } from '../helpers/messages.js';

const AS_OF = '2025-06-30';
const BSN = ['999900006', '111222333', '123456782', '100000010', '999999990'];
const h = (id: string, dag: string, std: 'iwmo' | 'ijw' = 'iwmo', agb = '99000001'): Header => ({ std, gemeente: '9001', agb, id, dag });

/** Scenario with known answers (worked out by hand below). */
function scenario() {
  return [
    // Person 0 (Noord): hbh from 2024-01-10, still running → active all of 2024 and 2025.
    file('p0-301.xml', msg301(h('T0', '2024-01-02'), { bsn: BSN[0]!, postcode: '9001AA' }, [{ nr: '1000', cat: '01', tdatum: '2024-01-02', ingang: '2024-01-08' }])),
    file('p0-305.xml', msg305(h('S0', '2024-01-12'), { bsn: BSN[0]! }, [{ nr: '1000', cat: '01', ingang: '2024-01-08', begin: '2024-01-10' }])),
    // Person 1 (Noord): begeleiding 2024-02-01 .. 2024-05-31 (volgens plan) → active Q1, Q2 2024 only.
    file('p1-301.xml', msg301(h('T1', '2024-01-20'), { bsn: BSN[1]!, postcode: '9001AA' }, [{ nr: '1001', cat: '02', tdatum: '2024-01-20', ingang: '2024-02-01', eind: '2024-12-31' }])),
    file('p1-305.xml', msg305(h('S1', '2024-02-02'), { bsn: BSN[1]! }, [{ nr: '1001', cat: '02', ingang: '2024-02-01', begin: '2024-02-01' }])),
    file('p1-307.xml', msg307(h('E1', '2024-06-03'), { bsn: BSN[1]! }, [{ nr: '1001', cat: '02', ingang: '2024-02-01', begin: '2024-02-01', eind: '2024-05-31', reden: '19' }])),
    // Person 2 (Zuid): toewijzing but never started → never a client.
    file('p2-301.xml', msg301(h('T2', '2024-03-01'), { bsn: BSN[2]!, postcode: '9001BB' }, [{ nr: '1002', cat: '02', tdatum: '2024-03-01', ingang: '2024-03-01', eind: '2024-09-30' }])),
    // Person 3 (Zuid): started 2024-10-01, toewijzing later removed with reden 13 → never existed.
    file('p3-301.xml', msg301(h('T3', '2024-09-25'), { bsn: BSN[3]!, postcode: '9001BB' }, [{ nr: '1003', cat: '07', tdatum: '2024-09-25', ingang: '2024-10-01' }])),
    file('p3-305.xml', msg305(h('S3', '2024-10-02'), { bsn: BSN[3]! }, [{ nr: '1003', cat: '07', ingang: '2024-10-01', begin: '2024-10-01' }])),
    file('p3-301b.xml', msg301(h('T3b', '2024-10-05'), { bsn: BSN[3]!, postcode: '9001BB' }, [{ nr: '1003', cat: '07', tdatum: '2024-10-05', ingang: '2024-10-01', eind: '2024-10-01', reden: '13' }])),
    // Person 4 (Zuid): jeugd, not Wmo → not counted in Wmo indicators.
    file('p4-301.xml', msg301(h('T4', '2024-04-01', 'ijw'), { bsn: BSN[4]!, postcode: '9001BB', geboortedatum: '2014-04-04' }, [{ nr: '2000', cat: '45', tdatum: '2024-04-01', ingang: '2024-04-01' }])),
    file('p4-305.xml', msg305(h('S4', '2024-04-03', 'ijw'), { bsn: BSN[4]!, geboortedatum: '2014-04-04' }, [{ nr: '2000', cat: '45', ingang: '2024-04-01', begin: '2024-04-02' }])),
    // A correction dated 2025-04-10: data for 2025-Q1 has arrived, so 2024-Q4 is final and 2025-Q1 provisional.
    file('late-305.xml', msg305(h('S9', '2025-04-10'), { bsn: BSN[0]! }, [{ nr: '1000', cat: '01', ingang: '2024-01-08', begin: '2024-01-10', status: '2' }])),
  ];
}

async function snapshot(k: TestKoers) {
  const tables = ['received_message', 'toewijzing_record', 'delivery_record', 'person', 'person_residence', 'trajectory', 'allocation_without_start', 'indicator_result'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await sql<{ r: string }>`select md5(x::text) as r from ${sql.table(t)} x order by 1`.execute(k.db)).rows.map((r) => r.r);
  return out;
}

describe.each(ENGINES)('import and first indicator on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine);
    await addGemeente(k.db, '9001', 'Testdam');
    const ref = await k.importFiles(referenceFiles(), { source: 'test', asOf: AS_OF });
    expect(ref.rejected).toBe(0);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('imports messages of both laws, builds trajectories by the counting rules', async () => {
    const refreshed: string[][] = [];
    const stopListening = k.onRefreshed((gemeenten) => refreshed.push(gemeenten));
    const s = await k.importFiles(scenario(), { source: 'test', asOf: AS_OF });
    stopListening();
    expect(s.files.filter((f) => f.status !== 'accepted')).toEqual([]);
    expect(refreshed).toEqual([['9001']]); // the server builds the monitor overview then
    const t = await k.db.selectFrom('trajectory').select(['law', 'category_code', 'start_date', 'end_date', 'end_reason']).orderBy('start_date').execute();
    expect(t).toEqual([
      { law: 'wmo', category_code: '01', start_date: '2024-01-10', end_date: null, end_reason: null },
      { law: 'wmo', category_code: '02', start_date: '2024-02-01', end_date: '2024-05-31', end_reason: '19' },
      { law: 'jeugd', category_code: '45', start_date: '2024-04-02', end_date: null, end_reason: null },
    ]);
    const notStarted = await k.db.selectFrom('allocation_without_start' as never).selectAll().execute();
    expect(notStarted).toHaveLength(1);
  });

  it('computes wmo_clients_per_1000 per period and wijk (hand-computed)', async () => {
    const d = findIndicator('wmo_clients_per_1000')!;
    const year = await readResults(k.db, d, { gemeente: '9001', periodType: 'year', profile: 'none' });
    const y2024 = year.find((r) => r.period === '2024')!;
    // Persons 0 and 1 were Wmo clients in 2024; 1 000 inhabitants → 2 per 1 000.
    expect(y2024).toMatchObject({ area: 'GM9001', numerator: 2, denominator: 1000, value: 2, suppressed: false });
    const q = await readResults(k.db, d, { gemeente: '9001', periodType: 'quarter', profile: 'none' });
    expect(q.filter((r) => r.period.startsWith('2024')).map((r) => [r.period, r.numerator, r.status])).toEqual([
      ['2024-Q1', 2, 'final'], ['2024-Q2', 2, 'final'], ['2024-Q3', 1, 'final'], ['2024-Q4', 1, 'final'],
    ]);
    expect(q.find((r) => r.period === '2025-Q1')).toMatchObject({ numerator: 1, status: 'provisional' });
    const wijk = await readResults(k.db, d, { gemeente: '9001', periodType: 'year', period: '2024', by: 'wijk', profile: 'none' });
    expect(wijk.map((r) => [r.areaName, r.numerator, r.denominator, r.value])).toEqual([['Noord', 2, 600, 3.33], ['Zuid', 0, 400, 0]]);
    // Anyone but an analyst: small numbers suppressed, counts rounded to 5.
    const sup = await readResults(k.db, d, { gemeente: '9001', periodType: 'year', period: '2024', profile: 'default' });
    expect(sup[0]).toMatchObject({ suppressed: true, numerator: null, value: null, denominator: 1000 });
  });

  it('computes the BBV youth indicators with age bands (hand-computed)', async () => {
    // Person 4 (born 2014-04, Zuid, jeugd category 45 from 2024-04-02) is 9 on 2024-03-31 and 10 at the end of 2024.
    // Inhabitants 0-17: only Zuid has them (400 aged 10); Noord has none (all aged 70), so it has no value at all.
    const d = findIndicator('bbv_youth_jeugdhulp_pct')!;
    const year = await readResults(k.db, d, { gemeente: '9001', periodType: 'year', period: '2024', by: 'wijk', profile: 'none' });
    expect(year.map((r) => [r.areaName, r.numerator, r.denominator, r.value])).toEqual([['Zuid', 1, 400, 0.25]]);
    const q1 = await readResults(k.db, d, { gemeente: '9001', periodType: 'quarter', period: '2024-Q1', profile: 'none' });
    expect(q1[0]).toMatchObject({ numerator: 0, denominator: 400 }); // not yet started in Q1
    const jb = await readResults(k.db, findIndicator('bbv_youth_jeugdbescherming_pct')!, { gemeente: '9001', periodType: 'year', period: '2024', profile: 'none' });
    expect(jb[0]).toMatchObject({ numerator: 0, denominator: 400, value: 0 }); // category 45 is not 48
    // Nobody aged 12-22 lives here: no denominator means no value ("geen gegevens"), never a false 0.
    const jr = await readResults(k.db, findIndicator('bbv_youth_jeugdreclassering_pct')!, { gemeente: '9001', periodType: 'year', period: '2024', profile: 'none' });
    expect(jr).toEqual([]);
  });

  it('re-importing the same files changes nothing', async () => {
    const before = await snapshot(k);
    const again = await k.importFiles(scenario(), { source: 'test', asOf: AS_OF });
    expect(again.duplicates).toBe(scenario().length);
    const after = await snapshot(k);
    expect({ ...after, indicator_result: [] }).toEqual({ ...before, indicator_result: [] });
  });

  it('never stores a BSN anywhere', async () => {
    const tables = (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(k.db)).rows.map((r) => r.t);
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) {
      const hits = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)} x where x::text ~ ${BSN.join('|')}`.execute(k.db);
      expect(hits.rows[0]!.n, `table ${t}`).toBe(0);
    }
  });

  it('rejects bad files with file, element and reason, stores nothing of them, and imports the rest', async () => {
    const good = file('good-305.xml', msg305(h('S20', '2025-01-05'), { bsn: BSN[2]! }, [{ nr: '1002', cat: '02', ingang: '2024-03-01', begin: '2024-03-04' }]));
    const badBsn = file('bad-bsn.xml', msg305(h('S21', '2025-01-05'), { bsn: '123456789' }, [{ nr: '1009', cat: '02', ingang: '2024-03-01', begin: '2024-03-04' }]));
    const badDate = file('bad-date.xml', msg305(h('S22', '2025-01-05'), { bsn: BSN[0]! }, [{ nr: '1000', cat: '01', ingang: '2024-01-08', begin: '2024-02-30' }]));
    const unknownGemeente = file('other.xml', msg305({ ...h('S23', '2025-01-05'), gemeente: '0363' }, { bsn: BSN[0]! }, [{ nr: '1', cat: '01', ingang: '2024-01-08', begin: '2024-01-09' }]));
    const oldRelease = file('old.xml', msg305(h('S24', '2025-01-05'), { bsn: BSN[0]! }, [{ nr: '1', cat: '01', ingang: '2024-01-08', begin: '2024-01-09' }]).replaceAll('3_2', '2_4'));
    const xxe = file('xxe.xml', '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>');
    const empty = file('empty.xml', '');
    const latin1 = file('latin1.xml', Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]));
    const notXml = file('notes.txt', 'dit is geen bericht');
    const before = await sql<{ n: number }>`select count(*) as n from received_message`.execute(k.db);
    const s = await k.importFiles([good, badBsn, badDate, unknownGemeente, oldRelease, xxe, empty, latin1, notXml], { source: 'test', asOf: AS_OF });
    const by = Object.fromEntries(s.files.map((f) => [f.name, f]));
    expect(by['good-305.xml']!.status).toBe('accepted');
    expect(by['bad-bsn.xml']).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/Bsn is ongeldig/) });
    expect(by['bad-bsn.xml']!.reason + (by['bad-bsn.xml']!.location ?? '')).not.toContain('123456789');
    expect(by['bad-date.xml']).toMatchObject({ status: 'rejected', location: expect.stringMatching(/regel \d+/) });
    expect(by['other.xml']!.reason).toMatch(/koers gemeenten add 0363/);
    expect(by['old.xml']!.reason).toMatch(/release iWmo 2\.4.*3\.2/);
    expect(by['xxe.xml']!.reason).toMatch(/DOCTYPE/);
    expect(by['empty.xml']!.reason).toMatch(/leeg/);
    expect(by['latin1.xml']!.reason).toMatch(/UTF-8/);
    expect(by['notes.txt']!.status).toBe('rejected');
    expect(s.rejected).toBe(8);
    const q = await k.db.selectFrom('quarantine_record').select(['file_name', 'location', 'reason', 'status']).where('import_id', '=', s.importId).orderBy('file_name').execute();
    expect(q).toHaveLength(8);
    expect(q.find((r) => r.file_name === 'bad-date.xml')).toMatchObject({ status: 'open', location: expect.stringMatching(/Begindatum/) });
    const after = await sql<{ n: number }>`select count(*) as n from received_message`.execute(k.db);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(1);
    // The not-started toewijzing of person 2 has now started.
    const t = await k.db.selectFrom('trajectory').select('start_date').where('start_date', '=', '2024-03-04').execute();
    expect(t).toHaveLength(1);
  });

  it('a failure half-way through a file leaves the store exactly as it was', async () => {
    const before = await snapshot(k);
    const f = file('p9-301.xml', msg301(h('T90', '2025-02-01'), { bsn: BSN[4]!, postcode: '9001BB' }, [{ nr: '1090', cat: '02', tdatum: '2025-02-01', ingang: '2025-02-01' }]));
    const s = await k.importFiles([f], { source: 'test', asOf: AS_OF, faultInjection: () => { throw new Error('simulated crash'); } });
    expect(s.files[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/simulated crash/) });
    expect(await snapshot(k)).toEqual(before);
  });
});

describe.each(ENGINES)('order independence on %s', (engine) => {
  it('messages arriving out of order give the same trajectories as in order', async () => {
    const inOrder = await openTestKoers(engine, { xsd: false });
    const shuffled = await openTestKoers(engine, { xsd: false });
    try {
      const files = scenario();
      for (const k of [inOrder, shuffled]) { await addGemeente(k.db, '9001', 'Testdam'); await k.importFiles(referenceFiles(), { source: 'test', asOf: AS_OF }); }
      await inOrder.importFiles(files, { source: 'test', asOf: AS_OF });
      // Reverse order, one file per batch (as separate deliveries).
      for (const f of [...files].reverse()) await shuffled.importFiles([f], { source: 'test', asOf: AS_OF });
      const q = (k: TestKoers) => k.db.selectFrom('trajectory').select(['person_id', 'law', 'category_code', 'agb_code', 'start_date', 'end_date', 'end_reason']).orderBy(['law', 'start_date']).execute();
      // Pseudonyms differ per installation key, so compare without them.
      const strip = (rows: Awaited<ReturnType<typeof q>>) => rows.map(({ person_id: _p, ...r }) => r);
      expect(strip(await q(shuffled))).toEqual(strip(await q(inOrder)));
      const d = findIndicator('wmo_clients_per_1000')!;
      const vals = (k: TestKoers) => readResults(k.db, d, { gemeente: '9001', periodType: 'quarter', by: 'wijk', profile: 'none' }).then((r) => r.map((x) => [x.period, x.area, x.numerator]));
      expect(await vals(shuffled)).toEqual(await vals(inOrder));
    } finally {
      await inOrder.cleanup();
      await shuffled.cleanup();
    }
  });
});
