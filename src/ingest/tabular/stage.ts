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
import { sql } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import type { SourceWriter, TableSpec, WriteContext } from './writers.js';
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
      await sql`insert into ${this.name('person')} select ${ord}::int, * from unnest(${ids}::text[], ${vals.map((v) => v[0])}::int[], ${vals.map((v) => v[1])}::text[])`.execute(trx);
      this.staged.persons += ids.length;
    }
    if (b.residences.size) {
      const r = [...b.residences.values()];
      await sql`insert into ${this.name('res')} select ${ord}::int, * from unnest(${r.map((x) => x[0])}::text[], ${r.map((x) => x[1])}::date[], ${r.map((x) => x[2])}::text[], ${r.map((x) => x[3])}::text[], ${r.map((x) => x[4])}::int[])`.execute(trx);
      this.staged.residences += r.length;
    }
    for (let t = 0; t < this.writer.tables.length; t++) {
      const rows = [...b.tables[t]!.values()];
      if (!rows.length) continue;
      const spec = this.writer.tables[t]!;
      const arrays = spec.columns.map(([, type], i) => sql`${rows.map((r) => r[i])}::${sql.raw(type)}[]`);
      await sql`insert into ${this.name(`t${t}`)} select ${ord}::int, * from unnest(${sql.join(arrays)})`.execute(trx);
      this.staged.rows += rows.length;
    }
    if (Math.max(this.staged.persons, this.staged.residences, this.staged.rows) >= this.mergeEvery) await this.merge();
  }

  /** Merges the staging tables into the store (persons first: residences refer to them). */
  async merge(): Promise<void> {
    if (!this.created) return;
    const { trx, ctx } = this;
    // Temporary tables are never analysed automatically; without statistics the planner may
    // choose nested loops over them.
    for (const part of this.parts()) await sql`analyze ${this.name(part)}`.execute(trx);
    if (this.staged.persons) {
      // Last non-empty birth year and sex per person: max() over [ord, value] picks the latest batch.
      await sql`insert into person (gemeente_code, person_id, birth_year, sex)
        select ${ctx.gemeente}, person_id,
               ((max(array[ord, birth_year]) filter (where birth_year is not null))[2])::int,
               chr(((max(array[ord, ascii(sex)]) filter (where sex is not null))[2])::int)
          from ${this.name('person')} group by person_id order by person_id
        on conflict (gemeente_code, person_id) do update set birth_year = coalesce(excluded.birth_year, person.birth_year), sex = coalesce(excluded.sex, person.sex), updated_at = now()
          where (excluded.birth_year is not null and excluded.birth_year is distinct from person.birth_year) or (excluded.sex is not null and excluded.sex is distinct from person.sex)`.execute(trx);
    }
    if (this.staged.residences) {
      // Postcode + huisnummer ranges first when the gemeente has them (places.ts), else the postcode.
      const hasRanges = (await sql<{ x: boolean }>`select exists (select 1 from postcode_range where gemeente_code = ${ctx.gemeente}) as x`.execute(trx)).rows[0]!.x;
      // A lookup per residence through the primary key, not a join: postcode_area is often fresh
      // and unanalysed, and the planner then picks a nested loop over the whole table per row.
      // The subquery keeps the (person, date) order of the DISTINCT ON, so the insert stays sorted.
      const postcodeArea = sql`(select pa.area_code from postcode_area pa where pa.gemeente_code = ${ctx.gemeente} and pa.postcode = r.postcode::char(6))`;
      await sql`insert into person_residence (gemeente_code, person_id, valid_from, area_code, household_key)
        select ${ctx.gemeente}, r.person_id, r.valid_from, ${hasRanges ? sql`coalesce(${rangeArea(sql`${ctx.gemeente}::text`, sql`r.postcode`, sql`r.huisnummer`)}, ${postcodeArea})` : postcodeArea}, r.household_key
          from (select distinct on (person_id, valid_from) person_id, valid_from, postcode, huisnummer,
                       substr(max(lpad(ord::text, 10, '0') || household_key) over (partition by person_id, valid_from), 11) as household_key
                  from ${this.name('res')} order by person_id, valid_from, ord desc) r
        on conflict (gemeente_code, person_id, valid_from) do update set area_code = excluded.area_code, household_key = coalesce(excluded.household_key, person_residence.household_key)
          where person_residence.area_code is distinct from excluded.area_code or (excluded.household_key is not null and person_residence.household_key is distinct from excluded.household_key)`.execute(trx);
    }
    if (this.staged.rows) {
      for (let t = 0; t < this.writer.tables.length; t++) await mergeTable(trx, this.writer.tables[t]!, ctx, this.name(`t${t}`));
    }
    await sql`truncate ${sql.join(this.parts().map((part) => this.name(part)))}`.execute(trx);
    this.staged = { persons: 0, residences: 0, rows: 0 };
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
async function mergeTable(trx: Trx, spec: TableSpec, ctx: WriteContext, stage: ReturnType<typeof sql.raw>): Promise<void> {
  const withImport = spec.importId !== false;
  const tenant = !spec.national;
  const cols = spec.columns.map(([c]) => c);
  const target = sql.raw([...(tenant ? ['gemeente_code'] : []), ...cols, ...(withImport ? ['import_id'] : [])].join(', '));
  const names = sql.raw(cols.join(', '));
  const key = spec.key.join(', ');
  const nonKey = cols.filter((c) => !spec.key.includes(c));
  const changed = nonKey.length === 1
    ? `${spec.table}.${nonKey[0]} is distinct from excluded.${nonKey[0]}`
    : `(${nonKey.map((c) => `${spec.table}.${c}`).join(', ')}) is distinct from (${nonKey.map((c) => `excluded.${c}`).join(', ')})`;
  const action = spec.onConflict ?? (nonKey.length
    ? `do update set ${[...nonKey, ...(withImport ? ['import_id'] : [])].map((c) => `${c} = excluded.${c}`).join(', ')} where ${changed}`
    : 'do nothing');
  await sql`insert into ${sql.table(spec.table)} (${target})
    select ${tenant ? sql`${ctx.gemeente}, ` : sql``}${names}${withImport ? sql`, ${ctx.importId}::uuid` : sql``}
      from (select distinct on (${sql.raw(key)}) * from ${stage} order by ${sql.raw(key)}, ord desc) x
      order by ${sql.raw(key)}
    on conflict (${sql.raw(tenant ? `gemeente_code, ${key}` : key)}) ${sql.raw(action)}`.execute(trx);
}
