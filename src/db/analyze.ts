import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * ANALYZE those of `tables` whose size changed by more than `share` (by default 10 %, at least 8
 * pages) since their last ANALYZE, or that were never analysed: autovacuum's rule, by page counts,
 * because the embedded engine (PGlite) runs no autovacuum and keeps no row-change statistics.
 *
 * Besides fresh statistics this matters for a long import: PostgreSQL keeps the plan of every
 * foreign-key check for the whole session, made when the referenced table was perhaps still empty
 * (a sequential scan, which then costs more with every row). ANALYZE invalidates those plans.
 * `share`: the change in size that counts (0.1: 10 %); `belowPages`: only tables that were analysed
 * while smaller than this many pages (the message importer uses it to catch plans made on tiny
 * tables, without analysing its large tables again and again during a first load).
 * Returns the tables analysed.
 */
export async function analyzeGrown(db: Kysely<Database>, tables: readonly string[], opts: { share?: number; belowPages?: number } = {}): Promise<string[]> {
  const share = opts.share ?? 0.1;
  const belowPages = opts.belowPages ?? null;
  const rows = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relname = any(${tables}::text[]) and c.relkind = 'r' and n.nspname = current_schema()
       and (${belowPages}::int is null or c.relpages < ${belowPages}::int)
       and (c.reltuples < 0 or abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > greatest(8, ${share}::float8 * c.relpages))
     order by c.relname`.execute(db);
  const names = rows.rows.map((r) => r.relname);
  if (names.length) await sql.raw(`analyze ${names.map((n) => `"${n}"`).join(', ')}`).execute(db);
  return names;
}
