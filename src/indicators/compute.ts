import { sql, type Db } from '../db/index.js';
import { nextPeriod, periodsBetween, type Period, type PeriodType } from '../model/periods.js';
import { CATALOGUE, type IndicatorDefinition } from './catalogue.js';
import { invalidateResults } from './results.js';

/**
 * The indicator engine: computes results into indicator_result right after each import, so pages
 * only read. Heavy aggregation runs in the database; JS only lists periods and writes statuses.
 */

export interface ComputeStats { gemeente: string; indicators: number; periods: number; rows: number; seconds: number }

interface ShapeRow { period_type: string; period: string; area_code: string; numerator: number; denominator: number }

/** Compiles and runs an 'active persons per population' definition for the given periods. */
async function runActivePersons(db: Db, gemeente: string, d: IndicatorDefinition, periods: Period[]): Promise<ShapeRow[]> {
  const exclude = d.shape.excludeCategories ?? [];
  const only = d.shape.onlyCategories ?? null;
  const age = d.shape.ageRange ?? null;
  const res = await sql<ShapeRow>`
    with p as (
      select * from unnest(${periods.map((x) => x.type)}::text[], ${periods.map((x) => x.key)}::text[], ${periods.map((x) => x.start)}::date[],
                           ${periods.map((x) => x.end)}::date[], ${periods.map((x) => x.year)}::int[]) as p(period_type, period, p_start, p_end, year)
    ),
    active as (
      select distinct p.period_type, p.period, p.p_end, t.person_id
        from p join trajectory t
          on t.gemeente_code = ${gemeente} and t.law = ${d.shape.law}
         and t.start_date <= p.p_end and (t.end_date is null or t.end_date >= p.p_start)
         and not (t.category_code = any(${exclude}::text[]))
         and (${only}::text[] is null or t.category_code = any(${only}::text[]))
        ${age ? sql`join person pe on pe.gemeente_code = t.gemeente_code and pe.person_id = t.person_id
         and extract(year from p.p_end)::int - pe.birth_year - (case when coalesce(pe.birth_month, 1) > extract(month from p.p_end)::int then 1 else 0 end)
             between ${age[0]}::int and ${age[1]}::int` : sql``}
    ),
    placed as (
      select a.period_type, a.period, a.person_id,
             coalesce(
               (select r.area_code from person_residence r where r.gemeente_code = ${gemeente} and r.person_id = a.person_id and r.valid_from <= a.p_end order by r.valid_from desc limit 1),
               (select r.area_code from person_residence r where r.gemeente_code = ${gemeente} and r.person_id = a.person_id order by r.valid_from asc limit 1)
             ) as area_code
        from active a
    ),
    num as (
      select period_type, period, coalesce(area_code, '?') as area_code, count(*) as n from placed group by grouping sets ((period_type, period, area_code))
      union all
      select period_type, period, ${`GM${gemeente}`}, count(*) from placed group by period_type, period
    ),
    pop as (
      select year, area_code, sum(inhabitants) as inhabitants from population where gemeente_code = ${gemeente}
         ${age ? sql`and age between ${age[0]}::int and ${age[1]}::int` : sql``}
       group by year, area_code
    ),
    den as (
      select p.period_type, p.period, pop.area_code, pop.inhabitants as d from p join pop on pop.year = p.year
      union all
      select p.period_type, p.period, ${`GM${gemeente}`}, sum(pop.inhabitants) from p join pop on pop.year = p.year group by p.period_type, p.period
    )
    select den.period_type, den.period, den.area_code, coalesce(num.n, 0)::int as numerator, den.d::int as denominator
      from den left join num on num.period_type = den.period_type and num.period = den.period and num.area_code = den.area_code`.execute(db);
  return res.rows;
}

/**
 * Recomputes every catalogue indicator for one gemeente, for the periods from `from` (a date;
 * default: all) up to the latest received message. Returns statistics for logging and benchmarks.
 */
export async function recomputeGemeente(db: Db, gemeente: string, from?: string | null, only?: string[]): Promise<ComputeStats> {
  const started = Date.now();
  const bounds = await sql<{ min_year: number | null; max_year: number | null; max_dag: string | null; min_start: string | null }>`
    select (select min(year) from population where gemeente_code = ${gemeente}) as min_year,
           (select max(year) from population where gemeente_code = ${gemeente}) as max_year,
           (select max(dagtekening) from received_message where gemeente_code = ${gemeente}) as max_dag,
           (select min(start_date) from trajectory where gemeente_code = ${gemeente}) as min_start`.execute(db);
  const b = bounds.rows[0]!;
  const definitions = CATALOGUE.filter((d) => !only || only.includes(d.id));
  if (b.min_year === null || b.max_year === null || b.max_dag === null) {
    // No population or no messages: nothing can be computed ("geen gegevens", never 0).
    await sql`delete from indicator_result where gemeente_code = ${gemeente} and indicator_id = any(${definitions.map((d) => d.id)}::text[])`.execute(db);
    invalidateResults(db, gemeente);
    return { gemeente, indicators: definitions.length, periods: 0, rows: 0, seconds: (Date.now() - started) / 1000 };
  }
  const lastDay = b.max_dag;
  const firstDay = `${b.min_year}-01-01`;
  const fromDay = from && from > firstDay ? from : firstDay;
  const lastPopulationDay = `${b.max_year}-12-31`;
  const until = lastDay < lastPopulationDay ? lastDay : lastPopulationDay;
  let rows = 0;
  let periodCount = 0;
  await db.transaction().execute(async (trx) => {
    for (const d of definitions) {
      const periods = d.periodTypes.flatMap((t: PeriodType) => periodsBetween(t, fromDay, until));
      periodCount += periods.length;
      if (!periods.length) continue;
      const result = await runActivePersons(trx as unknown as Db, gemeente, d, periods);
      const byKey = new Map(periods.map((p) => [`${p.type}|${p.key}`, p]));
      // Provisional until data for the period after P has arrived (a message dated after its end).
      const status = (p: Period) => (lastDay > nextPeriod(p).end ? 'final' : 'provisional');
      const cols = { type: [] as string[], period: [] as string[], area: [] as string[], bkey: [] as string[], breakdown: [] as string[], num: [] as number[], den: [] as number[], value: [] as (number | null)[], status: [] as string[] };
      for (const r of result) {
        if (r.area_code === '?') continue; // persons with an unknown wijk count only in the gemeente total
        const p = byKey.get(`${r.period_type}|${r.period}`)!;
        const isTotal = r.area_code === `GM${gemeente}`;
        cols.type.push(r.period_type); cols.period.push(r.period); cols.area.push(r.area_code);
        cols.bkey.push(isTotal ? '' : `wijk=${r.area_code}`); cols.breakdown.push(JSON.stringify(isTotal ? {} : { wijk: r.area_code }));
        cols.num.push(r.numerator); cols.den.push(r.denominator);
        cols.value.push(r.denominator > 0 ? (r.numerator / r.denominator) * d.definition.factor : null);
        cols.status.push(status(p));
      }
      await sql`delete from indicator_result where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}
                  and (period_type, period) in (select * from unnest(${periods.map((p) => p.type)}::text[], ${periods.map((p) => p.key)}::text[]))`.execute(trx);
      if (cols.type.length) {
        await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
          select ${gemeente}, ${d.id}, ${d.version}, * , now() from unnest(${cols.type}::text[], ${cols.period}::text[], ${cols.area}::text[], ${cols.bkey}::text[],
            ${cols.breakdown}::jsonb[], ${cols.num}::float8[], ${cols.den}::float8[], ${cols.value}::float8[], ${cols.status}::text[])`.execute(trx);
      }
      rows += cols.type.length;
    }
  });
  invalidateResults(db, gemeente);
  return { gemeente, indicators: definitions.length, periods: periodCount, rows, seconds: (Date.now() - started) / 1000 };
}
