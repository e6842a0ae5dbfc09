/**
 * Staged writing of one tabular file. While the file streams, each batch is appended to temporary
 * staging tables (no indexes, no constraints: cheap); every `mergeEvery` rows and when the file has
 * been read, one set-based INSERT … SELECT per target table merges the staging rows, deduplicated
 * on the key and sorted by it. Sorted inserts keep the b-tree pages and foreign-key lookups local, which is several times
 * faster than scattered per-batch upserts, and a person or record that occurs in many batches is
 * written once. Everything happens in the file's transaction: the staging tables are dropped at
 * its end (ON COMMIT DROP), and a failure anywhere leaves the store as it was.
 *
 * Merge rules (the same as writing batch after batch): within the file the last occurrence of a
 * key wins ("ord", the batch number, orders them); a person's birth year and sex are the last
 * non-empty ones in the file, else what was stored; likewise a residence's household key (the last
 * one in the file, else the stored one); unchanged stored records are not rewritten. These rules do
 * not depend on where the file is cut into batches and merge chunks (tests/tabular/stage.test.ts).
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { readKeyCatalog, sql, type ForeignKey } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import type { SourceWriter, TableSpec, WriteContext } from './writers.js';
import { PERSON_RETURNING, PersonChanges, RESIDENCE_RETURNING } from '../person-changes.js';
import { rangeArea } from '../places.js';

type Trx = Transaction<Database>;

/** One batch of a file, deduplicated within the batch (the last occurrence of a key wins). */
export interface StagedBatch {
  /** person → [birth year, sex] (last non-empty values of the batch). */
  persons: Map<string, [number | null, string | null]>;
  /** `${person}|${date}` → [person, date, postcode, household key, house number (leading digits)]. */
  residences: Map<string, [string, string, string, string | null, number | null]>;
  /** Per table of the writer, the rows of the batch keyed on the table's key. */
  tables: Map<string, unknown[]>[];
}

/** The key of a row of a table, as a Map key. */
export function rowKey(keyIdx: number[], r: unknown[]): string {
  return keyIdx.length === 1 ? String(r[keyIdx[0]!]) : JSON.stringify(keyIdx.map((i) => r[i]));
}

export const keyIndexes = (spec: TableSpec): number[] => spec.key.map((k) => spec.columns.findIndex(([c]) => c === k));

/** KOERS_STAGE_TIMING=1: prints how long each staging and merge step takes (for the benchmark). */
const TIMING = process.env.KOERS_STAGE_TIMING === '1';
const timings = new Map<string, number>();
async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  if (!TIMING) return f();
  const t0 = performance.now();
  try { return await f(); } finally { timings.set(label, (timings.get(label) ?? 0) + performance.now() - t0); }
}
/** The summed step times since the last call (empty unless KOERS_STAGE_TIMING=1). */
export function takeStageTimings(): Record<string, number> {
  const o = Object.fromEntries([...timings].map(([k, v]) => [k, Math.round(v)]));
  timings.clear();
  return o;
}

const ident = (s: string) => sql.raw(`"${s.replace(/"/g, '""')}"`);

export class Stage {
  private readonly id = crypto.randomBytes(6).toString('hex');
  private created = false;
  private batches = 0;
  private staged = { persons: 0, residences: 0, rows: 0 };

  /**
   * `mergeEvery`: rows staged before they are merged (and the staging tables emptied). Merging in
   * chunks keeps the staging tables small and lets the database merge one chunk while the next is
   * read; the order of chunks keeps "the last occurrence wins".
   */
  constructor(private readonly trx: Trx, private readonly ctx: WriteContext, private readonly writer: SourceWriter, private readonly personLevel: boolean, private readonly mergeEvery = 500_000) {}

  private name(part: string) { return ident(`koers_stage_${this.id}_${part}`); }

  private async create(): Promise<void> {
    if (this.created) return;
    this.created = true;
    const { trx } = this;
    if (this.personLevel) {
      await sql`create temp table ${this.name('person')} (ord int not null, person_id text not null, birth_year int, sex text) on commit drop`.execute(trx);
      await sql`create temp table ${this.name('res')} (ord int not null, person_id text not null, valid_from date not null, postcode text, household_key text, huisnummer int) on commit drop`.execute(trx);
    }
    for (let t = 0; t < this.writer.tables.length; t++) {
      const spec = this.writer.tables[t]!;
      const cols = spec.columns.map(([c, type]) => `${c} ${type}`).join(', ');
      await sql`create temp table ${this.name(`t${t}`)} (ord int not null, ${sql.raw(cols)}) on commit drop`.execute(trx);
    }
  }

  /** Appends one batch to the staging tables. */
  async add(b: StagedBatch): Promise<void> {
    await this.create();
    const { trx } = this;
    const ord = ++this.batches;
    if (b.persons.size) {
      const ids = [...b.persons.keys()];
      const vals = [...b.persons.values()];
      await timed('stage person', () => sql`insert into ${this.name('person')} select ${ord}::int, * from unnest(${ids}::text[], ${vals.map((v) => v[0])}::int[], ${vals.map((v) => v[1])}::text[])`.execute(trx));
      this.staged.persons += ids.length;
    }
    if (b.residences.size) {
      const r = [...b.residences.values()];
      await timed('stage res', () => sql`insert into ${this.name('res')} select ${ord}::int, * from unnest(${r.map((x) => x[0])}::text[], ${r.map((x) => x[1])}::date[], ${r.map((x) => x[2])}::text[], ${r.map((x) => x[3])}::text[], ${r.map((x) => x[4])}::int[])`.execute(trx));
      this.staged.residences += r.length;
    }
    for (let t = 0; t < this.writer.tables.length; t++) {
      const rows = [...b.tables[t]!.values()];
      if (!rows.length) continue;
      const spec = this.writer.tables[t]!;
      const arrays = spec.columns.map(([, type], i) => sql`${rows.map((r) => r[i])}::${sql.raw(type)}[]`);
      await timed('stage table', () => sql`insert into ${this.name(`t${t}`)} select ${ord}::int, * from unnest(${sql.join(arrays)})`.execute(trx));
      this.staged.rows += rows.length;
    }
    if (Math.max(this.staged.persons, this.staged.residences, this.staged.rows) >= this.mergeEvery) await this.merge();
  }

  /**
   * Which target tables may be merged without their per-row foreign-key triggers, each checked
   * once per merge with set-based statements instead (see `merge` and `checkKeys`). Only when this
   * session may set session_replication_role (a superuser, such as the embedded database's, or a
   * role granted SET on it; PostgreSQL 15+), and only for a table that has no triggers of its own,
   * whose referencing foreign keys point at its primary key, which is also the merge's conflict key
   * (a merge never changes it), and whose every foreign key can be checked from the staged rows:
   * its gemeente (locked once), for person_residence its person, and for a table of the source
   * any key whose columns are gemeente_code and staged columns (a law, an aanbieder, a contract).
   * Everything else keeps its triggers. Read from the catalog once.
   */
  private skipPlan: Map<string, { skip: boolean; keys: ForeignKey[] }> | null = null;
  private gemeenteLocked = false;
  /**
   * The persons whose birth year, sex, wijk or household the file wrote (new ones, or changed):
   * what else that can move, and from when, is ingest/person-changes.ts's rule, the same as for messages.
   */
  readonly persons = new PersonChanges();
  /**
   * The earliest date in the rows the file wrote to its own tables, in their new and their
   * replaced values (undefined: none written; null: a written row has no date, so any period
   * can change). Of these rows, no figure before it can move; of the persons written, see `persons`.
   */
  earliest: string | null | undefined = undefined;

  private noteEarliest(d: string | null): void {
    if (d === null || this.earliest === null) this.earliest = null;
    else if (this.earliest === undefined || d < this.earliest) this.earliest = d;
  }

  private async planTriggerSkip(): Promise<Map<string, { skip: boolean; keys: ForeignKey[] }>> {
    if (this.skipPlan) return this.skipPlan;
    const conflict = new Map<string, string[]>([['person', ['gemeente_code', 'person_id']], ['person_residence', ['gemeente_code', 'person_id', 'valid_from']]]);
    const staged = new Map<string, string[]>();
    for (const spec of this.writer.tables) {
      conflict.set(spec.table, ['gemeente_code', ...spec.key]);
      staged.set(spec.table, spec.columns.map(([c]) => c));
    }
    const catalog = await readKeyCatalog(this.trx, [...conflict.keys(), 'gemeente', 'person']);
    const nameOf = (table: string) => (catalog.tables.get(table)?.found ? table : null);
    this.skipPlan = new Map([...conflict].map(([name, conflictKey]) => {
      const t = catalog.tables.get(name)!;
      const keys: ForeignKey[] = [];
      const covered = (fk: ForeignKey) => {
        if (fk.ref === nameOf('gemeente') && fk.cols.join() === 'gemeente_code') return true;
        if (name === 'person_residence' && fk.ref === nameOf('person') && fk.cols.join() === 'gemeente_code,person_id') return true;
        const own = staged.get(name);
        if (!own || fk.ref === name || !fk.cols.every((c) => c === 'gemeente_code' || own.includes(c))) return false;
        keys.push(fk);
        return true;
      };
      const pk = [...conflictKey].sort().join(',');
      const skip = catalog.maySkipTriggers && t.found && !t.triggers && t.primaryKey?.join(',') === pk && t.foreignKeys.every(covered) && t.referencedBy.every((k) => k.join(',') === pk);
      return [name, { skip, keys: skip ? keys : [] }];
    }));
    return this.skipPlan;
  }

  /**
   * The set-based form of a table's foreign keys to other tables than the gemeente (see
   * planTriggerSkip), run in the file's transaction just before the table is merged: every key
   * value of the staged rows must exist (MATCH SIMPLE: a key with an empty column is not
   * checked), and the referenced rows are locked FOR KEY SHARE, as the per-row check locks them.
   * Only the rows the merge writes count (the last one per key): a first pass over all staged
   * values answers in the usual case, and only when it finds a missing value is the exact set
   * looked at, so a superseded row cannot refuse a file that the per-row checks would accept.
   */
  private async checkKeys(spec: TableSpec, stage: ReturnType<typeof sql.raw>, keys: ForeignKey[]): Promise<void> {
    const { trx, ctx } = this;
    for (const fk of keys) {
      const valueCols = fk.cols.filter((c) => c !== 'gemeente_code');
      const present = sql.join(valueCols.map((c) => sql`s.${ident(c)} is not null`), sql` and `);
      const match = sql.join(fk.cols.map((c, i) => (c === 'gemeente_code' ? sql`r.${ident(fk.refcols[i]!)} = ${ctx.gemeente}` : sql`r.${ident(fk.refcols[i]!)} = s.${ident(c)}`)), sql` and `);
      const values = sql.join(valueCols.map((c) => sql`s.${ident(c)}`));
      const ref = sql.raw(fk.ref);
      const key = sql.raw(spec.key.join(', '));
      const missing = (rows: ReturnType<typeof sql>) => sql<{ n: number; example: string | null }>`
        select count(*)::int as n, min(concat_ws(' ', ${values})) as example
          from (select distinct ${values} from ${rows} s where ${present}) s
         where not exists (select 1 from ${ref} r where ${match})`.execute(trx);
      let found = (await timed('check keys', () => missing(sql`${stage}`))).rows[0]!;
      if (found.n) found = (await missing(sql`(select distinct on (${key}) * from ${stage} order by ${key}, ord desc)`)).rows[0]!;
      if (found.n) throw new Error(`${spec.table}: ${found.n} waarde(n) van ${valueCols.join(', ')} bestaan niet in ${fk.ref} (bijvoorbeeld ${found.example})`);
      await timed('lock keys', () => sql`with locked as (select 1 from ${ref} r where exists (select 1 from ${stage} s where ${present} and ${match}) for key share of r)
        select count(*) from locked`.execute(trx));
    }
  }

  /** Merges the staging tables into the store (persons first: residences refer to them). */
  async merge(): Promise<void> {
    if (!this.created) return;
    const { trx, ctx } = this;
    // Temporary tables are never analysed automatically; without statistics the planner may
    // choose nested loops over them.
    for (const part of this.parts()) await timed('analyze', () => sql`analyze ${this.name(part)}`.execute(trx));
    // Per-row foreign-key checks cost as much as the inserts themselves (a query and a row lock per
    // row and key). Where planTriggerSkip allows it, the merge runs without them and does the same
    // checks set-based, in this transaction: the gemeente row is locked FOR KEY SHARE (as every
    // per-row check would lock it) and must exist; every person a residence refers to must exist,
    // and the ones this transaction did not write itself are locked FOR KEY SHARE too.
    const plan = await this.planTriggerSkip();
    let replica = false;
    const triggers = async (table: string) => {
      const skip = plan.get(table)?.skip === true;
      if (skip && !this.gemeenteLocked) {
        const g = await sql`select 1 from gemeente where gemeente_code = ${ctx.gemeente} for key share`.execute(trx);
        if (!g.rows.length) throw new Error(`gemeente ${ctx.gemeente} bestaat niet`);
        this.gemeenteLocked = true;
      }
      if (skip !== replica) await sql.raw(`set local session_replication_role = ${skip ? 'replica' : 'origin'}`).execute(trx);
      replica = skip;
    };
    // On an error the file's transaction is rolled back, and SET LOCAL with it.
    await this.mergeAll(triggers);
    if (replica) await sql`set local session_replication_role = origin`.execute(trx);
    await sql`truncate ${sql.join(this.parts().map((part) => this.name(part)))}`.execute(trx);
    this.staged = { persons: 0, residences: 0, rows: 0 };
  }

  private async mergeAll(triggers: (table: string) => Promise<void>): Promise<void> {
    const { trx, ctx } = this;
    const plan = this.skipPlan!;
    if (this.staged.persons) {
      await triggers('person');
      // Last non-empty birth year and sex per person: max() over [ord, value] picks the latest batch.
      const w = await timed('merge person', () => sql<{ p: string; fresh: boolean }>`insert into person (gemeente_code, person_id, birth_year, sex)
        select ${ctx.gemeente}, person_id,
               ((max(array[ord, birth_year]) filter (where birth_year is not null))[2])::int,
               chr(((max(array[ord, ascii(sex)]) filter (where sex is not null))[2])::int)
          from ${this.name('person')} group by person_id order by person_id
        on conflict (gemeente_code, person_id) do update set birth_year = coalesce(excluded.birth_year, person.birth_year), sex = coalesce(excluded.sex, person.sex), updated_at = now()
          where (excluded.birth_year is not null and excluded.birth_year is distinct from person.birth_year) or (excluded.sex is not null and excluded.sex is distinct from person.sex)
        returning ${PERSON_RETURNING}`.execute(trx));
      this.persons.notePersons(w.rows);
    }
    if (this.staged.residences) {
      if (plan.get('person_residence')?.skip) {
        // The set-based form of person_residence's foreign key (see merge): one pass finds persons
        // that do not exist and ones this transaction did not write; only the latter (a re-import)
        // need the lock, taken by a second statement.
        const res = this.name('res');
        const found = (await timed('check persons', () => sql<{ missing: number; others: number }>`
          select count(*) filter (where p.person_id is null) as missing, count(*) filter (where p.xmin <> pg_current_xact_id()::xid) as others
            from ${res} r left join person p on p.gemeente_code = ${ctx.gemeente} and p.person_id = r.person_id`.execute(trx))).rows[0]!;
        if (Number(found.missing) !== 0) throw new Error(`${found.missing} verblijfplaats(en) verwijzen naar een persoon die niet bestaat`);
        if (Number(found.others) !== 0) {
          await timed('lock persons', () => sql`with locked as (select 1 from person p where p.gemeente_code = ${ctx.gemeente} and p.person_id in (select person_id from ${res}) and p.xmin <> pg_current_xact_id()::xid for key share of p)
            select count(*) from locked`.execute(trx));
        }
      }
      await triggers('person_residence');
      // Postcode + huisnummer ranges first when the gemeente has them (places.ts), else the postcode.
      const hasRanges = (await sql<{ x: boolean }>`select exists (select 1 from postcode_range where gemeente_code = ${ctx.gemeente}) as x`.execute(trx)).rows[0]!.x;
      // A lookup per residence through the primary key, not a join: postcode_area is often fresh
      // and unanalysed, and the planner then picks a nested loop over the whole table per row.
      // The subquery keeps the (person, date) order of the DISTINCT ON, so the insert stays sorted.
      const postcodeArea = sql`(select pa.area_code from postcode_area pa where pa.gemeente_code = ${ctx.gemeente} and pa.postcode = r.postcode::char(6))`;
      const w = await timed('merge residence', () => sql<{ p: string; first: boolean; from: string }>`insert into person_residence (gemeente_code, person_id, valid_from, area_code, household_key)
        select ${ctx.gemeente}, r.person_id, r.valid_from, ${hasRanges ? sql`coalesce(${rangeArea(sql`${ctx.gemeente}::text`, sql`r.postcode`, sql`r.huisnummer`)}, ${postcodeArea})` : postcodeArea}, r.household_key
          from (select distinct on (person_id, valid_from) person_id, valid_from, postcode, huisnummer,
                       substr(max(lpad(ord::text, 10, '0') || household_key) over (partition by person_id, valid_from), 11) as household_key
                  from ${this.name('res')} order by person_id, valid_from, ord desc) r
        on conflict (gemeente_code, person_id, valid_from) do update set area_code = excluded.area_code, household_key = coalesce(excluded.household_key, person_residence.household_key)
          where person_residence.area_code is distinct from excluded.area_code or (excluded.household_key is not null and person_residence.household_key is distinct from excluded.household_key)
        returning ${RESIDENCE_RETURNING}`.execute(trx));
      this.persons.noteResidences(w.rows);
    }
    if (this.staged.rows) {
      for (let t = 0; t < this.writer.tables.length; t++) {
        const spec = this.writer.tables[t]!;
        await triggers(spec.table);
        const checks = plan.get(spec.table);
        if (checks?.skip && checks.keys.length) await this.checkKeys(spec, this.name(`t${t}`), checks.keys);
        const written = await mergeTable(trx, spec, ctx, this.name(`t${t}`));
        if (written.rows) this.noteEarliest(written.undated ? null : written.earliest);
      }
    }
  }

  private parts(): string[] {
    return [...(this.personLevel ? ['person', 'res'] : []), ...this.writer.tables.map((_, t) => `t${t}`)];
  }
}

/**
 * Merges a staging table into its target: the last row per key (highest ord), sorted by the key;
 * an unchanged stored record is not rewritten (re-importing an export writes nothing; import_id
 * keeps the import that last changed the row).
 */
async function mergeTable(trx: Trx, spec: TableSpec, ctx: WriteContext, stage: ReturnType<typeof sql.raw>): Promise<{ rows: number; earliest: string | null; undated: boolean }> {
  const withImport = spec.importId !== false;
  const cols = spec.columns.map(([c]) => c);
  const target = sql.raw(['gemeente_code', ...cols, ...(withImport ? ['import_id'] : [])].join(', '));
  const names = sql.raw(cols.join(', '));
  const key = spec.key.join(', ');
  const nonKey = cols.filter((c) => !spec.key.includes(c));
  const changed = nonKey.length === 1
    ? `${spec.table}.${nonKey[0]} is distinct from excluded.${nonKey[0]}`
    : `(${nonKey.map((c) => `${spec.table}.${c}`).join(', ')}) is distinct from (${nonKey.map((c) => `excluded.${c}`).join(', ')})`;
  const action = spec.onConflict ?? (nonKey.length
    ? `do update set ${[...nonKey, ...(withImport ? ['import_id'] : [])].map((c) => `${c} = excluded.${c}`).join(', ')} where ${changed}`
    : 'do nothing');
  // What the merge wrote, and from which date: the rows it inserted or changed (RETURNING gives their
  // new values) and, for the changed ones, the values they replaced (the other CTE reads the
  // table as it was before this statement: all parts of a statement see one snapshot).
  const dates = spec.columns.filter(([, type]) => type === 'date').map(([c]) => c);
  const least = (alias: string) => (dates.length ? sql.raw(`least(${dates.map((c) => `${alias}.${c}`).join(', ')})`) : sql`null::date`);
  const keyCols = spec.key.map((c) => sql.raw(c));
  const r = await timed('merge table', () => sql<{ rows: number; earliest: string | null; undated: boolean }>`with w as (insert into ${sql.table(spec.table)} (${target})
    select ${ctx.gemeente}, ${names}${withImport ? sql`, ${ctx.importId}::uuid` : sql``}
      from (select distinct on (${sql.raw(key)}) * from ${stage} order by ${sql.raw(key)}, ord desc) x
      order by ${sql.raw(key)}
    on conflict (${sql.raw(`gemeente_code, ${key}`)}) ${sql.raw(action)}
    returning ${sql.join(keyCols)}, ${least(spec.table)} as d),
    o as (select ${least('t')} as d from ${sql.table(spec.table)} t join w on ${sql.join([sql`t.gemeente_code = ${ctx.gemeente}`, ...spec.key.map((c) => sql.raw(`t.${c} = w.${c}`))], sql` and `)})
    select (select count(*)::int from w) as rows, least((select min(d) from w), (select min(d) from o))::text as earliest,
           coalesce((select bool_or(d is null) from w), false) or coalesce((select bool_or(d is null) from o), false) as undated`.execute(trx));
  return r.rows[0]!;
}
