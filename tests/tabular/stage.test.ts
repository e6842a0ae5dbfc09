import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import type { Mapping } from '../../src/ingest/tabular/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { BSN, setupGemeente } from './fixtures.js';

// A file in which persons and records recur: the importer stages batches and merges them per chunk
// (stage.ts). However the file is cut into batches and merge chunks, the store must end the same,
// with "the last occurrence wins" and a person's last non-empty birth year and sex.
const header = 'bsn;regeling;startdatum;einddatum;reden_einde;geboortejaar;geslacht;postcode;huisnummer';
const lines = [
  header,
  `${BSN[2]};bijstand;2020-01-01;;;1970;;9001AA;1`,
  `${BSN[3]};bijstand;2020-02-01;;;;V;9001BB;2`,
  `${BSN[2]};bijstand;2020-01-01;2020-06-30;werk;;M;9001AA;1`, // same spell: the later row wins
  `${BSN[4]};ioaw;2019-05-01;2019-12-31;overig;1980;O;9001AA;7`,
  `${BSN[2]};ioaw;2021-01-01;;;1971;;9001BB;`, // birth year corrected; no house number
  `${BSN[3]};bijstand;2020-02-01;2020-12-31;partner;;;9001BB;`, // residence without house number keeps the household key
  `${BSN[4]};ioaw;2019-05-01;2019-12-31;werk;;;;`,
];
const mapping: Mapping = { source: 'benefits', columns: Object.fromEntries(header.split(';').map((h) => [h, { column: h }])) };

describe.each(ENGINES)('staged tabular import on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await setupGemeente(k);
  });
  afterAll(async () => { await k?.cleanup(); });

  const state = async () => {
    const persons = (await sql<{ person_id: string; birth_year: number | null; sex: string | null }>`select person_id, birth_year, sex from person where gemeente_code = '9001' order by person_id`.execute(k.db)).rows;
    const ids = persons.map((p) => p.person_id);
    const spells = (await sql<{ person_id: string; regeling: string; start_date: string; end_date: string | null; end_reason: string | null }>`select person_id, regeling, start_date, end_date, end_reason from benefit_spell where gemeente_code = '9001' order by 1, 2, 3`.execute(k.db)).rows;
    const residences = (await sql<{ household_key: string | null }>`select person_id, valid_from, area_code, household_key from person_residence where gemeente_code = '9001' and person_id = any(${ids}::text[]) order by 1, 2`.execute(k.db)).rows;
    return { persons, spells, residences };
  };
  const clear = async () => {
    await sql`delete from benefit_spell where gemeente_code = '9001'`.execute(k.db);
    await sql`delete from person_residence where gemeente_code = '9001'`.execute(k.db);
    await sql`delete from person where gemeente_code = '9001'`.execute(k.db);
  };

  it('ends the same whether the file is one batch or many batches merged in chunks', async () => {
    const text = lines.join('\n') + '\n';
    const one = await k.importTabular({ gemeente: '9001', file: file('u.csv', text), mapping, origin: 'test' });
    expect(one).toMatchObject({ rows: 7, accepted: 7, quarantined: 0, fileError: null });
    const whole = await state();
    expect(whole.persons.map((p) => `${p.birth_year}/${p.sex}`).sort()).toEqual(['1971/M', '1980/O', 'null/V']);
    expect(whole.spells.map((s) => [s.regeling, s.start_date, s.end_date, s.end_reason]).sort()).toEqual([
      ['bijstand', '2020-01-01', '2020-06-30', 'werk'],
      ['bijstand', '2020-02-01', '2020-12-31', 'partner'],
      ['ioaw', '2019-05-01', '2019-12-31', 'werk'],
      ['ioaw', '2021-01-01', null, null],
    ].sort());
    expect(whole.residences).toHaveLength(4);
    // The later row of BSN[3] has no house number: the household key of the earlier row stays.
    expect(whole.residences.filter((r) => r.household_key !== null)).toHaveLength(3);

    for (const opts of [{ batchSize: 1, mergeEvery: 2 }, { batchSize: 2, mergeEvery: 1 }, { batchSize: 3 }]) {
      await clear();
      const r = await k.importTabular({ gemeente: '9001', file: file('u.csv', text), mapping, origin: 'test', ...opts });
      expect(r, JSON.stringify(opts)).toMatchObject({ rows: 7, accepted: 7, fileError: null });
      expect(await state(), JSON.stringify(opts)).toEqual(whole);
    }
    // Importing it again changes nothing.
    await k.importTabular({ gemeente: '9001', file: file('u.csv', text), mapping, origin: 'test', batchSize: 2, mergeEvery: 3 });
    expect(await state()).toEqual(whole);
  });

  it('a failure after a merged chunk still leaves the store as it was', async () => {
    await clear();
    const before = await state();
    const r = await k.importTabular({ gemeente: '9001', file: file('u.csv', lines.join('\n') + '\n'), mapping, origin: 'test', batchSize: 1, mergeEvery: 2,
      faultInjection: (n) => { if (n === 5) throw new Error('gesimuleerde crash'); } });
    expect(r.fileError?.reason).toMatch(/gesimuleerde crash/);
    expect(await state()).toEqual(before);
  });
});
