/**
 * Placing a person from an address: the wijk of the narrowest postcode + huisnummer range
 * (postcode_range, pariteit alle/even/oneven) that holds the house number, else the wijk of the
 * postcode (postcode_area), else none. One SQL expression, used by the message and tabular importers.
 */
import { sql, type RawBuilder } from 'kysely';

/** The house number's leading digits ("12a", "12-2" → 12), or null. */
export function houseNumberOf(huisnummer: string | null | undefined): number | null {
  const m = /^\s*(\d{1,6})/.exec(huisnummer ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * A scalar SQL expression for the wijk of (gemeente, postcode, huisnummer); the arguments are SQL
 * expressions of type text, text and int (e.g. columns of an unnest).
 */
export function areaOfAddress(gemeente: RawBuilder<unknown>, postcode: RawBuilder<unknown>, huisnummer: RawBuilder<unknown>): RawBuilder<string | null> {
  // The casts keep the primary keys usable (char(4)/char(6) = text would compare as text).
  return sql<string | null>`coalesce(${rangeArea(gemeente, postcode, huisnummer)},
    (select pa.area_code from postcode_area pa where pa.gemeente_code = (${gemeente})::char(4) and pa.postcode = (${postcode})::char(6)))`;
}

/** Only the range part: the wijk of the narrowest range holding the house number, or null. */
export function rangeArea(gemeente: RawBuilder<unknown>, postcode: RawBuilder<unknown>, huisnummer: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(select pr.area_code from postcode_range pr
      where pr.gemeente_code = (${gemeente})::char(4) and pr.postcode = (${postcode})::char(6)
        and (${huisnummer}) between pr.huisnummer_van and pr.huisnummer_tot
        and (pr.pariteit = 'alle' or (pr.pariteit = 'even') = ((${huisnummer}) % 2 = 0))
      order by pr.huisnummer_tot - pr.huisnummer_van, pr.huisnummer_van limit 1)`;
}
