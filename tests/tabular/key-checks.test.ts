import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/model/store.js';
import { sql } from '../../src/db/index.js';
import { Stage } from '../../src/ingest/tabular/stage.js';
import { WRITERS } from '../../src/ingest/tabular/writers.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { setupGemeente } from './fixtures.js';

// stage.ts merges benefits without the per-row foreign-key triggers where the session may set
// session_replication_role, and checks the same keys set-based in the file's transaction instead.
// These tests hold it to what the foreign keys promise: no residence of a person who does not
// exist, and no gemeente deleted under a running import.

const pseudonym = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe.each(ENGINES)('set-based key checks of the tabular merge on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await setupGemeente(k);
  });
  afterAll(async () => { await k?.cleanup(); });

  const ctx = (gemeente = '9001') => ({ gemeente, importId: crypto.randomUUID(), areas: null, categories: null });

  it('refuses a residence of a person who does not exist, and the store stays as it was', async () => {
    const real = pseudonym('echt');
    const ghost = pseudonym('spook');
    const may = (await sql<{ may: boolean }>`select has_parameter_privilege('session_replication_role', 'SET') as may`.execute(k.db)).rows[0]!.may;
    const attempt = k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.benefits!, true);
      await stage.add({
        persons: new Map([[real, [1970, 'M']]]),
        residences: new Map([
          [`${real}|2020-01-01`, [real, '2020-01-01', '9001AA', null, null]],
          [`${ghost}|2020-01-01`, [ghost, '2020-01-01', '9001AA', null, null]],
        ]),
        tables: [new Map()],
      });
      await stage.merge();
    });
    // With the privilege the set-based check answers; without it the per-row trigger does.
    await expect(attempt).rejects.toThrow(may ? /1 verblijfplaats\(en\) verwijzen naar een persoon die niet bestaat/ : /foreign key/);
    const stored = await sql<{ n: number }>`select count(*) as n from person where person_id = any(${[real, ghost]}::text[])`.execute(k.db);
    expect(stored.rows[0]!.n).toBe(0);
  });

  it('stores residences of persons who exist already and of new ones in one merge', async () => {
    const old = pseudonym('al bekend');
    const fresh = pseudonym('nieuw');
    await sql`insert into person (gemeente_code, person_id, birth_year) values ('9001', ${old}, 1960)`.execute(k.db);
    await k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.benefits!, true);
      await stage.add({
        persons: new Map([[old, [null, null]], [fresh, [1990, 'V']]]),
        residences: new Map([
          [`${old}|2021-01-01`, [old, '2021-01-01', '9001AA', null, null]],
          [`${fresh}|2021-01-01`, [fresh, '2021-01-01', '9001BB', null, null]],
        ]),
        tables: [new Map([['x', [fresh, 'bijstand', '2021-01-01', null, null, null, null]]])],
      });
      await stage.merge();
    });
    const rows = await sql<{ person_id: string; area_code: string | null }>`select person_id, area_code from person_residence where person_id = any(${[old, fresh]}::text[]) order by area_code`.execute(k.db);
    expect(rows.rows.map((r) => r.area_code)).toEqual(['WK900100', 'WK900101']);
    const spell = await sql<{ n: number }>`select count(*) as n from benefit_spell where person_id = ${fresh}`.execute(k.db);
    expect(spell.rows[0]!.n).toBe(1);
    // The per-row triggers are back on after the merge: a bad row written later in a transaction is refused.
    await expect(k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.benefits!, true);
      await stage.add({ persons: new Map([[fresh, [null, null]]]), residences: new Map(), tables: [new Map()] });
      await stage.merge();
      await sql`insert into person_residence (gemeente_code, person_id, valid_from) values ('9001', ${pseudonym('niemand')}, '2022-01-01')`.execute(trx);
    })).rejects.toThrow(/foreign key/);
  });

  const experience = (question: string, law: string, agree = 5): [string, unknown[]] => [question, [2024, law, question, 'Vraag', null, 10, agree, null, null]];

  it('refuses a row whose law does not exist (a foreign key other than the gemeente), and the store stays as it was', async () => {
    const may = (await sql<{ may: boolean }>`select has_parameter_privilege('session_replication_role', 'SET') as may`.execute(k.db)).rows[0]!.may;
    const attempt = k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.client_experience!, false);
      await stage.add({ persons: new Map(), residences: new Map(), tables: [new Map([experience('K1', 'wmo'), experience('K2', 'wet_die_niet_bestaat')])] });
      await stage.merge();
    });
    await expect(attempt).rejects.toThrow(may ? /client_experience: 1 waarde\(n\) van law bestaan niet in law \(bijvoorbeeld wet_die_niet_bestaat\)/ : /foreign key/);
    const stored = await sql<{ n: number }>`select count(*)::int as n from client_experience where question_code in ('K1', 'K2')`.execute(k.db);
    expect(stored.rows[0]!.n).toBe(0);
  });

  const contract = (code: string, agb: string) => [code, agb, 'wmo', 'inspanningsgericht', null, '2024-01-01', null];

  it('refuses a contract of an aanbieder that does not exist, and accepts one whose aanbieder the same file brings', async () => {
    await expect(k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.contracts!, false);
      await stage.add({ persons: new Map(), residences: new Map(), tables: [new Map(), new Map([['C9', contract('C9', '99999999')]]), new Map()] });
      await stage.merge();
    })).rejects.toThrow(/foreign key|contract: 1 waarde\(n\) van agb_code bestaan niet in aanbieder \(bijvoorbeeld 99999999\)/);
    await k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.contracts!, false);
      await stage.add({ persons: new Map(), residences: new Map(), tables: [new Map([['88888888', ['88888888', 'Nieuwe aanbieder']]]), new Map([['C8', contract('C8', '88888888')]]), new Map()] });
      await stage.merge();
    });
    const stored = await sql<{ agb_code: string }>`select agb_code from contract where gemeente_code = '9001' and contract_code = 'C8'`.execute(k.db);
    expect(stored.rows.map((r) => r.agb_code.trim())).toEqual(['88888888']);
  });

  it('checks only the row that is written: a bad row superseded later in the file does not refuse it', async () => {
    await k.db.transaction().execute(async (trx) => {
      const stage = new Stage(trx, ctx(), WRITERS.contracts!, false);
      await stage.add({ persons: new Map(), residences: new Map(), tables: [new Map(), new Map([['C7', contract('C7', '77777777')]]), new Map()] });
      await stage.add({ persons: new Map(), residences: new Map(), tables: [new Map(), new Map([['C7', contract('C7', '88888888')]]), new Map()] });
      await stage.merge();
    });
    const stored = await sql<{ agb_code: string }>`select agb_code from contract where gemeente_code = '9001' and contract_code = 'C7'`.execute(k.db);
    expect(stored.rows.map((r) => r.agb_code.trim())).toEqual(['88888888']);
  });

  it.runIf(engine === 'postgres')('keeps the gemeente from being deleted while an import into it runs', async () => {
    await addGemeente(k.db, '9002', 'Leegdam');
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(k.db)).rows[0]!.s;
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL, options: `-c search_path=${schema},public -c lock_timeout=1000` });
    await other.connect();
    try {
      await k.db.transaction().execute(async (trx) => {
        const stage = new Stage(trx, ctx('9002'), WRITERS.benefits!, true);
        const p = pseudonym('leeg');
        await stage.add({ persons: new Map([[p, [null, null]]]), residences: new Map([[`${p}|2020-01-01`, [p, '2020-01-01', '1234AB', null, null]]]), tables: [new Map([['y', [p, 'bijstand', '2020-01-01', null, null, null, null]]])] });
        await stage.merge();
        // The import has not committed: its rows are invisible to others, so only a lock on the
        // gemeente (as the per-row foreign-key checks take) keeps this delete from orphaning them.
        await expect(other.query(`delete from gemeente where gemeente_code = '9002'`)).rejects.toThrow(/lock timeout/);
      });
      await expect(other.query(`delete from gemeente where gemeente_code = '9002'`)).rejects.toThrow(/foreign key/);
    } finally {
      await other.end();
    }
  });
});
