/**
 * Which definitions can change when given tables change: a tabular import (ZRM scores, benefits,
 * toegang cases, …) need not recompute the indicators over message traffic, which cannot see it.
 *
 * What a definition reads is taken from what it runs, not from a hand-kept list: its statement
 * (compiled for one period of each of its period types, every fact view inlined) and the extent
 * queries of its facts name relations; views among them are followed to their base tables through
 * the catalog (pg_depend of each view's rewrite rule), and so are the SQL functions a view calls
 * (their bodies are searched for relation names, as the catalog does not record what a function
 * reads). A word that merely looks like a relation name makes the answer larger, never smaller.
 */
import { sql, type Db } from '../db/index.js';
import { periodsBetween } from '../model/periods.js';
import { CATALOGUE } from './catalogue.js';
import { compileIndicator, measuresOf } from './compiler.js';
import { ownIndicators } from './custom.js';
import type { IndicatorDefinition } from './definition.js';
import { FACTS } from './facts.js';

/** The relations of the current schema(s): name → the relations and functions it reads directly (empty for a table). */
export interface RelationCatalog {
  relations: Map<string, { kind: string; reads: Set<string> }>;
  functions: Map<string, string>;
}

export async function readRelationCatalog(db: Db): Promise<RelationCatalog> {
  const rels = await sql<{ name: string; kind: string }>`
    select c.relname as name, c.relkind::text as kind from pg_class c
     where c.relnamespace in (select oid from pg_namespace where nspname = any(current_schemas(false))) and c.relkind in ('r', 'v', 'm', 'p')`.execute(db);
  const relations = new Map(rels.rows.map((r) => [r.name, { kind: r.kind, reads: new Set<string>() }]));
  const deps = await sql<{ view: string; ref: string }>`
    select distinct v.relname as view, coalesce(t.relname, p.proname) as ref
      from pg_rewrite r
      join pg_class v on v.oid = r.ev_class
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
      left join pg_class t on d.refclassid = 'pg_class'::regclass and t.oid = d.refobjid and t.oid <> v.oid
      left join pg_proc p on d.refclassid = 'pg_proc'::regclass and p.oid = d.refobjid
                         and p.pronamespace in (select oid from pg_namespace where nspname = any(current_schemas(false)))
     where v.relnamespace in (select oid from pg_namespace where nspname = any(current_schemas(false)))
       and coalesce(t.relname, p.proname) is not null`.execute(db);
  for (const d of deps.rows) relations.get(d.view)?.reads.add(d.ref);
  const fns = await sql<{ name: string; body: string }>`
    select p.proname as name, string_agg(p.prosrc, ' ') as body from pg_proc p
     where p.pronamespace in (select oid from pg_namespace where nspname = any(current_schemas(false))) group by p.proname`.execute(db);
  return { relations, functions: new Map(fns.rows.map((f) => [f.name, f.body])) };
}

/** The relation (and function) names a piece of SQL mentions. */
function namesIn(text: string, c: RelationCatalog): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (c.relations.has(w) || c.functions.has(w)) out.add(w);
  return out;
}

/** The base tables behind some names: views and functions followed to what they read. */
function baseTables(names: Iterable<string>, c: RelationCatalog): Set<string> {
  const tables = new Set<string>();
  const seen = new Set<string>();
  const stack = [...names];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const r = c.relations.get(n);
    if (r && (r.kind === 'r' || r.kind === 'p')) tables.add(n);
    else if (r) stack.push(...r.reads);
    else if (c.functions.has(n)) stack.push(...namesIn(c.functions.get(n)!, c));
  }
  return tables;
}

/** The base tables a definition reads, for one gemeente (own indicators differ per gemeente). */
export function tablesRead(d: IndicatorDefinition, c: RelationCatalog): Set<string> {
  const periods = d.periodTypes.flatMap((t) => periodsBetween(t, '2025-01-01', '2025-01-01'));
  const text = [compileIndicator(d, '0000', periods).text, ...measuresOf(d).map((m) => FACTS[m.fact]!.extent)].join('\n');
  return baseTables(namesIn(text, c), c);
}

/**
 * Ids of the gemeente's definitions (the catalogue and its own indicators) that read any of
 * `tables`; the others give the same figures whatever those tables hold.
 */
export async function definitionsReading(db: Db, gemeente: string, tables: Iterable<string>): Promise<string[]> {
  const changed = new Set(tables);
  const catalog = await readRelationCatalog(db);
  const definitions = [...CATALOGUE, ...(await ownIndicators(db, gemeente))];
  return definitions.filter((d) => [...tablesRead(d, catalog)].some((t) => changed.has(t))).map((d) => d.id);
}
