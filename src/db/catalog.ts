import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/**
 * What the catalog says about tables whose per-row foreign-key checks an importer may replace by
 * set-based ones (session_replication_role = replica): the tabular importer's merge
 * (ingest/tabular/stage.ts) and the message importer's batches (ingest/messages-import.ts). Each
 * caller decides from this which keys it can check itself; a key it does not know keeps the
 * per-row checks.
 */

/** A foreign key: its columns and the referenced table's, pairwise in declared order. */
export interface ForeignKey {
  /** The referenced table as this session names it (schema-qualified when not on the search path). */
  ref: string;
  cols: string[];
  refcols: string[];
}

export interface TableKeys {
  /** The table exists (on the search path). */
  found: boolean;
  /** It has triggers of its own (not the internal ones of foreign keys). */
  triggers: boolean;
  /** Its primary key's columns, sorted by name; null without one. */
  primaryKey: string[] | null;
  /** Its foreign keys to other tables (and itself). */
  foreignKeys: ForeignKey[];
  /** Per foreign key of another table that references this one: the referenced columns, sorted by name. */
  referencedBy: string[][];
}

export interface KeyCatalog {
  /** This session may SET session_replication_role (a superuser, or a role granted SET on it; PostgreSQL 15+). */
  maySkipTriggers: boolean;
  tables: Map<string, TableKeys>;
}

/** Reads the keys of the named tables (one catalog query). Fails on PostgreSQL before 15 (no has_parameter_privilege). */
export async function readKeyCatalog(db: Db, names: readonly string[]): Promise<KeyCatalog> {
  const sorted = (rel: string, keys: string) => sql.raw(`array(select a.attname::text from pg_attribute a where a.attrelid = ${rel} and a.attnum = any(${keys}) order by a.attname)`);
  const ordered = (rel: string, keys: string) => sql.raw(`array(select a.attname::text from unnest(${keys}) with ordinality k(n, i) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.n order by k.i)`);
  const rows = (await sql<{ name: string; found: boolean; triggers: boolean; fks: ForeignKey[]; referenced_by: string[][] | null; pk: string[] | null; may: boolean }>`
    select t.n as name, t.rel is not null as found,
           exists (select 1 from pg_trigger g where g.tgrelid = t.rel and not g.tgisinternal) as triggers,
           coalesce((select json_agg(json_build_object('ref', c.confrelid::regclass::text, 'cols', ${ordered('c.conrelid', 'c.conkey')}, 'refcols', ${ordered('c.confrelid', 'c.confkey')}))
                       from pg_constraint c where c.contype = 'f' and c.conrelid = t.rel), '[]') as fks,
           (select json_agg(${sorted('c.confrelid', 'c.confkey')}) from pg_constraint c where c.contype = 'f' and c.confrelid = t.rel) as referenced_by,
           (select ${sorted('p.conrelid', 'p.conkey')} from pg_constraint p where p.conrelid = t.rel and p.contype = 'p') as pk,
           has_parameter_privilege('session_replication_role', 'SET') as may
      from unnest(${[...names]}::text[]) as n, lateral (select n, to_regclass(n) as rel) t`.execute(db)).rows;
  return {
    maySkipTriggers: rows.length > 0 && rows[0]!.may,
    tables: new Map(rows.map((r) => [r.name, { found: r.found, triggers: r.triggers, primaryKey: r.pk, foreignKeys: r.fks, referencedBy: r.referenced_by ?? [] }])),
  };
}

/**
 * The views and SQL functions of the current schema(s), to follow a query's relations down to the
 * base tables it reads: views through the catalog (pg_depend of each view's rewrite rule), SQL
 * functions through their bodies (the catalog does not record what a function reads). A word that
 * merely looks like a relation name makes the answer larger, never smaller.
 */
export interface RelationCatalog {
  /** The base tables behind the relations and functions a piece of SQL names. */
  baseTables(sqlText: string): Set<string>;
}

export async function readRelationCatalog(db: Db): Promise<RelationCatalog> {
  const ours = sql`(select oid from pg_namespace where nspname = any(current_schemas(false)))`;
  const rels = await sql<{ name: string; kind: string }>`
    select c.relname as name, c.relkind::text as kind from pg_class c where c.relnamespace in ${ours} and c.relkind in ('r', 'v', 'm', 'p')`.execute(db);
  const relations = new Map(rels.rows.map((r) => [r.name, { table: r.kind === 'r' || r.kind === 'p', reads: new Set<string>() }]));
  const deps = await sql<{ view: string; ref: string }>`
    select distinct v.relname as view, coalesce(t.relname, p.proname) as ref
      from pg_rewrite r
      join pg_class v on v.oid = r.ev_class
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
      left join pg_class t on d.refclassid = 'pg_class'::regclass and t.oid = d.refobjid and t.oid <> v.oid
      left join pg_proc p on d.refclassid = 'pg_proc'::regclass and p.oid = d.refobjid and p.pronamespace in ${ours}
     where v.relnamespace in ${ours} and coalesce(t.relname, p.proname) is not null`.execute(db);
  for (const d of deps.rows) relations.get(d.view)?.reads.add(d.ref);
  const fns = await sql<{ name: string; body: string }>`
    select p.proname as name, string_agg(p.prosrc, ' ') as body from pg_proc p where p.pronamespace in ${ours} group by p.proname`.execute(db);
  const functions = new Map(fns.rows.map((f) => [f.name, f.body]));
  const namesIn = (text: string) => (text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => relations.has(w) || functions.has(w));
  return {
    baseTables(sqlText) {
      const tables = new Set<string>();
      const seen = new Set<string>();
      const stack = namesIn(sqlText);
      while (stack.length) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        const r = relations.get(n);
        if (r?.table) tables.add(n);
        else if (r) stack.push(...r.reads);
        else stack.push(...namesIn(functions.get(n)!));
      }
      return tables;
    },
  };
}

/** The base tables on the search path's first schema that have every one of `columns` (one catalog query). */
export async function tablesWithColumns(db: Db, columns: readonly string[]): Promise<string[]> {
  return (await sql<{ t: string }>`
    select c.table_name::text as t from information_schema.columns c
      join information_schema.tables x on x.table_schema = c.table_schema and x.table_name = c.table_name and x.table_type = 'BASE TABLE'
     where c.table_schema = current_schema() and c.column_name = any(${[...columns]}::text[])
     group by c.table_name having count(*) = ${columns.length}
     order by 1`.execute(db)).rows.map((r) => r.t);
}
