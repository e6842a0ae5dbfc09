/**
 * The database's floor for a person-level tabular source: how fast the engine can write a benefits
 * file's rows into the three tables such a file fills (person, person_residence, benefit_spell),
 * doing nothing else. The rows are distinct, sorted on the key, made before the clock starts and
 * inserted straight from unnest batches into empty copies of the tables (`like … including all`:
 * the same keys, checks and column types; no foreign keys, triggers or conflict handling), in one
 * transaction that is rolled back. No parsing, pseudonymising, staging, deduplication, merging with
 * stored rows or RETURNING: every one of those only adds to it. So no import of such a file can
 * write faster than this on the same engine and machine (the importer's own work comes on top, on
 * the other core at best).
 */
import crypto from 'node:crypto';
import { migrate, openDatabase, sql } from '../src/db/index.js';

export interface FloorResult { engine: string; rows: number; seconds: number[]; bestRowsPerSecond: number }

class Rollback extends Error {}

export async function databaseFloor(url: string | null, rows: number, embeddedDir: string | null, repeats = 2, batch = 10_000): Promise<FloorResult> {
  const schema = url ? `koers_floor_${process.pid}` : undefined;
  const h = await openDatabase({ databaseUrl: url, embeddedDir, schema, poolSize: 1 });
  try {
    await migrate(h.db);
    const ids = Array.from({ length: rows }, (_, i) => crypto.createHash('sha256').update(`floor ${i}`).digest('hex')).sort();
    const seconds: number[] = [];
    for (let rep = 0; rep < repeats; rep++) {
      await h.db.transaction().execute(async (trx) => {
        for (const t of ['person', 'person_residence', 'benefit_spell']) await sql.raw(`create table floor_${t} (like ${t} including all)`).execute(trx);
        const t0 = performance.now();
        for (let i = 0; i < rows; i += batch) {
          const b = ids.slice(i, i + batch);
          const n = b.map((_, k) => i + k);
          await sql`insert into floor_person (gemeente_code, person_id, birth_year, sex)
            select '9001', p, y, s from unnest(${b}::text[], ${n.map((k) => 1950 + (k % 50))}::int[], ${n.map((k) => (k % 2 ? 'M' : 'V'))}::text[]) as x(p, y, s)`.execute(trx);
          await sql`insert into floor_person_residence (gemeente_code, person_id, valid_from, area_code, household_key)
            select '9001', p, '2024-01-01', 'WK900100', k from unnest(${b}::text[], ${b.map((x) => x.slice(0, 40))}::text[]) as x(p, k)`.execute(trx);
          await sql`insert into floor_benefit_spell (gemeente_code, person_id, regeling, start_date, end_date, end_reason, household_type, children)
            select '9001', p, 'bijstand', s, e, r, 'alleenstaand', 0
              from unnest(${b}::text[], ${n.map((k) => `2024-01-${String(1 + (k % 28)).padStart(2, '0')}`)}::date[], ${n.map((k) => (k % 3 ? null : '2025-02-01'))}::date[],
                          ${n.map((k) => (k % 3 ? null : 'werk'))}::text[]) as x(p, s, e, r)`.execute(trx);
        }
        seconds.push((performance.now() - t0) / 1000);
        throw new Rollback();
      }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
    }
    return { engine: h.engine, rows, seconds, bestRowsPerSecond: Math.round(rows / Math.min(...seconds)) };
  } finally {
    if (schema) await sql.raw(`drop schema if exists ${schema} cascade`).execute(h.db);
    await h.close();
  }
}
