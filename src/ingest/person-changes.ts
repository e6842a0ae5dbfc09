/**
 * What an import changed of a gemeente's persons, and which indicators that can move: one rule for
 * the message importer and the tabular one.
 *
 * A person's attributes (birth date, sex) and residence (wijk, household) reach an indicator only
 * through that person's own rows in a fact's table: age, sex, wijk and household are looked up per
 * fact row. So instead of person and person_residence themselves, which every indicator reads, an
 * import reports as touched the tables of other sources that hold rows of the changed persons: a new
 * cliënt leaves the ZRM and bijstand indicators alone, a move of someone with ZRM scores recomputes
 * the ZRM indicators.
 *
 * From which date: a new or changed address counts from the date it holds from, but some changes
 * move the person's rows in every period (`everyPeriod`):
 * - a stored person's new birth date or sex (their age or sex in every period);
 * - a first address for a person stored before (the first residence span starts at -infinity, so
 *   it holds for every earlier period);
 * - a new person who already has rows of another source.
 */
import { sql, tablesWithColumns, type Db } from '../db/index.js';

/**
 * What a person upsert returns for PersonChanges.notePersons: `xmax = 0` when the row was inserted,
 * not updated (PostgreSQL sets xmax on the row ON CONFLICT DO UPDATE wrote).
 */
export const PERSON_RETURNING = sql`person_id as p, (xmax = 0) as fresh`;

/**
 * What a person_residence upsert returns for PersonChanges.noteResidences: the date the address
 * holds from, and whether it is the person's first known address (the subquery sees the rows
 * stored before the statement).
 */
export const RESIDENCE_RETURNING = sql`person_id as p, valid_from::text as "from",
  coalesce(valid_from <= (select min(x.valid_from) from person_residence x
                           where x.gemeente_code = person_residence.gemeente_code and x.person_id = person_residence.person_id), true) as first`;

/** The tables that hold a person's attributes and where the person lives. */
export const PERSON_TABLES: ReadonlySet<string> = new Set(['person', 'person_residence']);

export class PersonChanges {
  /** Persons whose attributes or residence the import wrote. */
  readonly changed = new Set<string>();
  /** Of those, the ones the import inserted (not stored before). */
  readonly fresh = new Set<string>();
  /** A change that moves the person's rows in every period (see the module comment). */
  everything = false;
  /**
   * The earliest date a written address of a stored person holds from (undefined: none written).
   * A new person's address needs none: their only rows are the ones this import wrote, which count
   * from their own dates, or rows of another source, which make it every period.
   */
  earliest: string | undefined = undefined;

  /** Rows a person upsert returned: `fresh` when inserted (`xmax = 0`), else a stored person's birth date or sex changed. */
  notePersons(rows: readonly { p: string; fresh: boolean }[]): void {
    for (const r of rows) {
      this.changed.add(r.p);
      if (r.fresh) this.fresh.add(r.p);
      else this.everything = true;
    }
  }

  /**
   * Rows a residence upsert returned: `first` when no earlier address of the person was stored.
   * Call after notePersons for the same rows, so a new person's first address counts as theirs.
   */
  noteResidences(rows: readonly { p: string; first: boolean; from: string }[]): void {
    for (const r of rows) {
      this.changed.add(r.p);
      if (this.fresh.has(r.p)) continue;
      if (r.first) this.everything = true;
      else if (this.earliest === undefined || r.from < this.earliest) this.earliest = r.from;
    }
  }
}

/** Per gemeente: the changes of that gemeente's persons, created on first use. */
export function personChangesOf(all: Map<string, PersonChanges>, gemeente: string): PersonChanges {
  return all.get(gemeente) ?? all.set(gemeente, new PersonChanges()).get(gemeente)!;
}

/** The tables with persons' rows (gemeente_code, person_id) besides `own` and the person tables: other sources. Read once per import. */
export async function otherSourceTables(db: Db, own: readonly string[]): Promise<string[]> {
  const skip = new Set([...own, ...PERSON_TABLES]);
  return (await tablesWithColumns(db, ['gemeente_code', 'person_id'])).filter((t) => !skip.has(t));
}

/**
 * What the changes of one gemeente's persons touch beyond the import's own tables (`others` from
 * otherSourceTables): those tables that hold rows of a changed person, and whether every period can move.
 */
export async function personChangeScope(db: Db, gemeente: string, c: PersonChanges, others: readonly string[]): Promise<{ tables: string[]; everyPeriod: boolean }> {
  const tables = await holding(db, gemeente, c.changed, others);
  const everyPeriod = c.everything || (c.fresh.size > 0 && (await holding(db, gemeente, c.fresh, tables)).length > 0);
  return { tables, everyPeriod };
}

/** Of `tables`, those holding rows of any of `persons` in the gemeente. */
async function holding(db: Db, gemeente: string, persons: ReadonlySet<string>, tables: readonly string[]): Promise<string[]> {
  if (!persons.size) return [];
  const ids = [...persons];
  const out: string[] = [];
  for (const t of tables) {
    const r = await sql<{ x: boolean }>`select exists (select 1 from ${sql.table(t)} where gemeente_code = ${gemeente} and person_id = any(${ids}::text[])) as x`.execute(db);
    if (r.rows[0]?.x) out.push(t);
  }
  return out;
}
