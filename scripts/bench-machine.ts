/**
 * A fixed reference workload, printed at the top of every benchmark so that figures taken on
 * different machines can be compared: the same code measured on a machine whose reference takes
 * twice as long is expected to take about twice as long. Two parts, because imports and recomputes
 * spend their time in both: JavaScript (a seeded sort and HMAC-SHA-256 pseudonyms, as the importer
 * does) and SQL on a fresh in-memory embedded database (a text sort and inserts into a b-tree with
 * pseudonym-sized keys, as a merge does). Each part is the best of three runs.
 */
import crypto from 'node:crypto';
import { openDatabase, sql } from '../src/db/index.js';

function jsWork(): number {
  const t0 = performance.now();
  let seed = 42;
  const a = new Float64Array(1_000_000).map(() => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31));
  a.sort();
  const key = Buffer.alloc(32, 7);
  for (let i = 0; i < 100_000; i++) crypto.createHmac('sha256', key).update(String(100_000_000 + i)).digest('hex');
  return performance.now() - t0;
}

export async function machineReference(): Promise<string> {
  const js = Math.min(jsWork(), jsWork(), jsWork());
  const h = await openDatabase({ databaseUrl: null, embeddedDir: null });
  let db = Infinity;
  try {
    await sql`create table ref (k text primary key, v int)`.execute(h.db);
    for (let run = 0; run < 3; run++) {
      await sql`truncate ref`.execute(h.db);
      const t0 = performance.now();
      await sql`select count(*) from (select md5(i::text) as m from generate_series(1, 200000) i order by 1) x`.execute(h.db);
      await sql`insert into ref select md5(i::text) || md5((i + 1)::text), i from generate_series(1, 100000) i order by 1`.execute(h.db);
      db = Math.min(db, performance.now() - t0);
    }
  } finally {
    await h.close();
  }
  return `machine reference (same work on every machine; figures scale with it): JavaScript ${js.toFixed(0)} ms, SQL on the embedded database ${db.toFixed(0)} ms`;
}
