import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { createScratchTable, openScratch, sql, type Db } from '../../src/db/index.js';
import { recomputeGemeente } from '../../src/indicators/index.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305, type Header } from '../helpers/messages.js';

const h = (id: string, dag: string): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });

const scratchSchemas = async (db: Db) =>
  (await sql<{ nspname: string }>`select nspname from pg_namespace where nspname like 'koers\\_scratch\\_%'`.execute(db)).rows.map((r) => r.nspname);

class Abort extends Error {}

// The indicator engine's scratch tables (db/scratch.ts): unlogged tables in a schema of the
// recompute's own transaction, so PostgreSQL can read them with parallel workers, and as private
// and short-lived as temporary tables.
describe.each(ENGINES)('scratch tables on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('are unlogged, in a schema of their own that no other session sees and that is gone after commit', async () => {
    let schema: string | null = null;
    await k.db.transaction().execute(async (trx) => {
      const s = await openScratch(trx);
      expect(s.kind).toBe('unlogged');
      schema = s.schema;
      expect(schema).toMatch(/^koers_scratch_[0-9a-f]{12}$/);
      await sql.raw(`${createScratchTable(s.kind, 'fx_probe')} select 1 as one`).execute(trx);
      const t = await sql<{ nspname: string; relpersistence: string }>`
        select n.nspname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = 'fx_probe'`.execute(trx);
      expect(t.rows).toEqual([{ nspname: schema, relpersistence: 'u' }]);
      // Found by its plain name, and the ordinary tables still are.
      expect((await sql<{ one: number }>`select one from fx_probe`.execute(trx)).rows).toEqual([{ one: 1 }]);
      expect((await sql<{ n: number }>`select count(*)::int as n from gemeente`.execute(trx)).rows).toEqual([{ n: 1 }]);
      // Another session cannot see it (the embedded engine runs one transaction at a time, so only on PostgreSQL).
      if (engine === 'postgres') expect(await scratchSchemas(k.db)).not.toContain(schema);
      await s.close();
    });
    expect(schema).not.toBeNull();
    expect(await scratchSchemas(k.db)).toEqual([]);
  });

  it('leave nothing behind when the transaction fails', async () => {
    await expect(k.db.transaction().execute(async (trx) => {
      const s = await openScratch(trx);
      await sql.raw(`${createScratchTable(s.kind, 'fx_probe')} select 1 as one`).execute(trx);
      throw new Abort('half-way');
    })).rejects.toThrow('half-way');
    expect(await scratchSchemas(k.db)).toEqual([]);
  });

  it('are temporary tables for a role that may not create schemas', async () => {
    const role = `koers_test_nocreate_${crypto.randomBytes(4).toString('hex')}`;
    await sql.raw(`create role ${role} nologin`).execute(k.db);
    try {
      await k.db.transaction().execute(async (trx) => {
        await sql.raw(`set local role ${role}`).execute(trx);
        const s = await openScratch(trx);
        expect(s).toMatchObject({ kind: 'temp', schema: null });
        await sql.raw(`${createScratchTable(s.kind, 'fx_probe')} select 1 as one`).execute(trx);
        const t = await sql<{ relpersistence: string }>`select relpersistence from pg_class where relname = 'fx_probe'`.execute(trx);
        expect(t.rows).toEqual([{ relpersistence: 't' }]);
        await s.close();
      });
    } finally {
      await sql.raw(`drop role ${role}`).execute(k.db);
    }
  });

  it('are gone after a recompute, whose figures they carried', async () => {
    await k.importFiles([
      ...referenceFiles(),
      file('a301.xml', msg301(h('T1', '2024-03-01'), { bsn: '999900006', postcode: '9001AA' }, [{ nr: '1', cat: '02', tdatum: '2024-03-01', ingang: '2024-03-01' }])),
      file('a305.xml', msg305(h('S1', '2024-04-05'), { bsn: '999900006' }, [{ nr: '1', cat: '02', ingang: '2024-03-01', begin: '2024-03-28' }])),
    ], { source: 'test', asOf: '2024-12-31' });
    const stats = await recomputeGemeente(k.db, '9001', null);
    // Facts and unit relations were materialised as scratch tables (not only inlined).
    expect(Object.keys(stats.stageSeconds ?? {}).filter((s) => s.startsWith('fx_') || s.startsWith('units_')).length).toBeGreaterThan(0);
    const r = await sql<{ n: number }>`select count(*)::int as n from indicator_result where gemeente_code = '9001' and indicator_id = 'wmo_clients_per_1000' and numerator > 0`.execute(k.db);
    expect(r.rows[0]!.n).toBeGreaterThan(0);
    expect(await scratchSchemas(k.db)).toEqual([]);
  });
});
