import type { Period } from '../model/periods.js';
import { isPopulation, type Aggregate, type Condition, type Dimension, type IndicatorDefinition, type Measure } from './definition.js';
import { AGE_BANDS, FACTS, type Fact } from './facts.js';
import { createScratchTable, type ScratchKind } from '../db/scratch.js';

/**
 * The indicator compiler: one definition → one SQL statement that yields, for every period and
 * every breakdown of the definition, the numerator and denominator. All indicators share it; no
 * indicator has its own query code. Output columns: period_type, period, gset (grouping bitmask,
 * one bit per breakdown in `dims` order, 1 = aggregated over), d_<dim> ('' when aggregated or
 * unknown), numerator, denominator.
 */

/**
 * SQL differences between engines. The embedded engine (PGlite) is PostgreSQL compiled to WASM,
 * so both engines use `postgres` today; the seam exists so a third engine (e.g. an analytical
 * column store) only needs a dialect, not new indicator code.
 */
export interface Dialect {
  name: string;
  placeholder(index: number): string;
  textArray(ph: string): string;
  dateArray(ph: string): string;
  intArray(ph: string): string;
  unnest(columns: string[]): string;
  addMonths(dateExpr: string, months: number): string;
  addDays(dateExpr: string, days: number): string;
  median(expr: string): string;
  /** Whole years between a birth (year, month) and a date. */
  ageAt(birthYear: string, birthMonth: string, dateExpr: string): string;
  countDistinct(expr: string): string;
  /**
   * A text key the aggregation groups on or counts distinct (period, person, household, breakdown
   * value), compared byte by byte. The groups are the same as under the database's collation
   * (its collations are deterministic: equal means the same bytes), but a locale's comparisons
   * (PostgreSQL initialised with nl_NL.UTF-8, en_US.UTF-8 or C.UTF-8) make the sorts of
   * count(distinct …) and grouping sets several times slower than byte order.
   */
  groupKey(expr: string): string;
  /** (period_type, period) rows of the periods that contain a date (of the given types; default all four), as a VALUES list. */
  periodKeys(dateExpr: string, types?: readonly string[]): string;
  /** The first days of the months from the month of `from` to `to` (dates), as a set-returning expression of one column. */
  monthStarts(from: string, to: string): string;
}

export const postgres: Dialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  textArray: (ph) => `${ph}::text[]`,
  dateArray: (ph) => `${ph}::date[]`,
  intArray: (ph) => `${ph}::int[]`,
  unnest: (cols) => `unnest(${cols.join(', ')})`,
  addMonths: (d, m) => (m === 0 ? d : `(${d} + interval '${m} months')::date`),
  addDays: (d, n) => (n === 0 ? d : `(${d} + ${n})`),
  median: (e) => `percentile_cont(0.5) within group (order by ${e})`,
  ageAt: (y, m, d) => `(extract(year from ${d})::int - ${y} - (case when coalesce(${m}, 1) > extract(month from ${d})::int then 1 else 0 end))`,
  countDistinct: (e) => `count(distinct ${e})`,
  groupKey: (e) => `(${e}) collate "C"`,
  periodKeys: (d, types) => {
    const keys: Record<string, string> = {
      year: `('year', to_char(${d}, 'YYYY'))`,
      halfyear: `('halfyear', to_char(${d}, 'YYYY') || '-H' || (case when extract(month from ${d}) <= 6 then '1' else '2' end))`,
      quarter: `('quarter', to_char(${d}, 'YYYY') || '-Q' || extract(quarter from ${d})::int)`,
      month: `('month', to_char(${d}, 'YYYY-MM'))`,
    };
    const wanted = Object.keys(keys).filter((t) => !types || types.includes(t));
    return `values ${(wanted.length ? wanted : Object.keys(keys)).map((t) => keys[t]).join(', ')}`;
  },
  monthStarts: (from, to) => `generate_series(date_trunc('month', (${from})::timestamp), (${to})::timestamp, interval '1 month')`,
};

export interface CompiledQuery { text: string; params: unknown[] }

export class DefinitionError extends Error {}

/** Which breakdowns a definition can have: the dims both its numerator and denominator provide. */
export function dimsOf(m: Measure | 'population'): Set<Dimension> {
  const personDims: Dimension[] = ['wijk', 'leeftijd', 'geslacht'];
  if (m === 'population') return new Set(personDims);
  const fact = FACTS[m.fact];
  if (!fact) throw new DefinitionError(`onbekend feit "${m.fact}"`);
  const out = new Set<Dimension>(Object.keys(fact.dims) as Dimension[]);
  if (fact.person) personDims.forEach((d) => out.add(d));
  return out;
}

/** Checks a definition against the facts; throws DefinitionError with a Dutch message. */
export function validateDefinition(d: IndicatorDefinition): void {
  const measures: Measure[] = [d.numerator, ...(isPopulation(d.denominator) ? [] : [d.denominator])];
  for (const m of measures) {
    const fact = FACTS[m.fact];
    if (!fact) throw new DefinitionError(`${d.id}: onbekend feit "${m.fact}"`);
    const needs = (what: string, ok: unknown) => { if (!ok) throw new DefinitionError(`${d.id}: grens "${m.boundary}" vraagt ${what} in feit ${m.fact}`); };
    if (['active', 'active_at_start', 'active_at_end', 'started'].includes(m.boundary)) needs('een begindatum', fact.start);
    if (['active', 'active_at_start', 'active_at_end', 'ended'].includes(m.boundary)) needs('een einddatum', fact.end);
    if (m.boundary === 'event') needs('een datum', m.date ?? fact.event);
    if (m.boundary === 'in_year' || m.boundary === 'year_to_date') needs('een jaar', fact.year);
    if (m.boundary === 'year_to_date') needs('een maand', fact.month);
    if (m.boundary === 'per_period') needs('een telling per periode', fact.relation === '(per period)');
    if (m.boundary !== 'per_period' && fact.relation === '(per period)') throw new DefinitionError(`${d.id}: feit ${m.fact} kan alleen per periode`);
    if ((m.count === 'persons' || m.count === 'households' || m.age || m.latestPerPerson) && !fact.person) throw new DefinitionError(`${d.id}: feit ${m.fact} heeft geen personen`);
    if (m.date && fact.fields[m.date] !== 'date') throw new DefinitionError(`${d.id}: "${m.date}" is geen datumveld van ${m.fact}`);
    const field = (f: string) => { if (!(f in fact.fields)) throw new DefinitionError(`${d.id}: onbekend veld "${f}" in feit ${m.fact}`); };
    if (typeof m.count === 'object') field('sum' in m.count ? m.count.sum : 'median' in m.count ? m.count.median : m.count.sumOverDays);
    if (typeof m.count === 'object' && 'sumOverDays' in m.count && (m.boundary !== 'active' || !fact.start || !fact.end)) throw new DefinitionError(`${d.id}: een bedrag per dag kan alleen over lopende perioden`);
    const walk = (c: Condition) => { if ('anyOf' in c) c.anyOf.forEach(walk); else { field(c.field); if ('otherField' in c && c.otherField) field(c.otherField); } };
    (m.where ?? []).forEach(walk);
    (m.latestWhere ?? []).forEach(walk);
    if (m.latestWhere?.length && !m.latestPerPerson) throw new DefinitionError(`${d.id}: latestWhere vraagt latestPerPerson`);
  }
  const allowed = dimsOf(d.numerator);
  const den = dimsOf(isPopulation(d.denominator) ? 'population' : d.denominator);
  for (const b of d.breakdowns) {
    if (!allowed.has(b) || !den.has(b)) throw new DefinitionError(`${d.id}: uitsplitsing "${b}" kan niet met deze teller en noemer`);
  }
  if (d.valueRule === 'statistic' && typeof d.numerator.count !== 'object') throw new DefinitionError(`${d.id}: een statistiek vraagt een mediaan of som als teller`);
}

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(v: unknown): string { this.values.push(v); return this.dialect.placeholder(this.values.length); }
}

function ageBand(ageExpr: string): string {
  const cases = AGE_BANDS.slice().reverse().map(([lo, label]) => `when ${ageExpr} >= ${lo} then '${label}'`).join(' ');
  return `(case ${cases} else null end)`;
}

const lit = (v: string | number | boolean) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

function conditionSql(c: Condition, dialect: Dialect, params: Params): string {
  if ('anyOf' in c) return `(${c.anyOf.map((x) => conditionSql(x, dialect, params)).join(' or ')})`;
  const col = `u.${c.field}`;
  if ('in' in c) return `${col} in (${c.in.map((v) => params.add(v)).join(', ')})`;
  if ('notIn' in c) return `coalesce(${col} not in (${c.notIn.map((v) => params.add(v)).join(', ')}), true)`;
  if ('isNull' in c) return `${col} is ${c.isNull ? '' : 'not '}null`;
  if ('relativeTo' in c) {
    const base = c.relativeTo === 'field' ? `u.${c.otherField}` : `u.${c.relativeTo}`;
    return `${col} ${c.op} ${dialect.addDays(dialect.addMonths(base, c.months ?? 0), c.days ?? 0)}`;
  }
  return `${col} ${c.op} ${params.add(c.value)}`;
}

function boundarySql(m: Measure, f: Fact, dialect: Dialect): string {
  const s = `f.${f.start}`, e = `f.${f.end}`;
  switch (m.boundary) {
    case 'active': return `${s} <= p.p_end and (${e} is null or ${e} >= p.p_start)`;
    case 'active_at_start': return `${s} <= p.p_start and (${e} is null or ${e} >= p.p_start)`;
    case 'active_at_end': return `${s} <= p.p_end and (${e} is null or ${e} >= p.p_end)`;
    case 'started': return `${s} between p.p_start and p.p_end`;
    case 'ended': return `${e} between p.p_start and p.p_end`;
    case 'event': return `f.${m.date ?? f.event} between p.p_start and p.p_end`;
    case 'in_year': return `f.${f.year} = p.year`;
    case 'year_to_date': return `f.${f.year} = p.year and f.${f.month} <= extract(month from p.p_end)::int and (f.${f.month} > 0 or p.period_type = 'year')`;
    case 'per_period': throw new Error('a per-period fact carries its periods (periodJoin)');
  }
  void dialect;
}

/** The date that places a unit in exactly one period of each type, for single-date boundaries. */
function singleDate(m: Measure, f: Fact): string | null {
  if (m.boundary === 'started') return `f.${f.start}`;
  if (m.boundary === 'ended') return `f.${f.end}`;
  if (m.boundary === 'event') return `f.${m.date ?? f.event}`;
  return null;
}

/**
 * Joins the periods to the fact. A single date maps to one period per type, so it is joined by
 * key (a hash join) instead of by range; spells are joined by range.
 */
function periodJoin(m: Measure, f: Fact, from: string, g: string, dialect: Dialect, span?: PeriodSpan): string {
  const date = singleDate(m, f);
  // Only the period types computed, and only units dated within the periods (a filter on the fact
  // itself, so it reaches the fact's scan and indexes before the per-row period keys are built).
  if (date) return `${from} f
      cross join lateral (${dialect.periodKeys(date, span?.types)}) k(period_type, period)
      join p on p.period_type = k.period_type and p.period = k.period and f.gemeente_code = ${g}${span ? `
       and ${date} between ${lit(span.from)}::date and ${lit(span.to)}::date` : ''}`;
  // A per-period fact is built from these same periods and carries their columns: it needs no join
  // back to them (the planner cannot estimate that join on the fact's grouped period keys, and at
  // 900 000 inhabitants took 1 225 rows for 4.6 million and chose nested loops above it).
  if (m.boundary === 'per_period') return `${from} f
      join lateral (select f.period_type, f.period, f.p_start, f.p_end, f.year) p on f.gemeente_code = ${g}`;
  // A spell is in the periods it overlaps (or holds the first or last day of). Compared with every
  // period, each spell costs a test per period (at 900 000 inhabitants 386 281 trajectories × 133
  // periods). Every period starts on the first of a month, and one that overlaps a spell starts in
  // the year of the spell's start or later and no later than its end: so only the month starts from
  // January of the start year to the end (or the last period computed) are candidates, each joined
  // to the periods starting on it by key. The boundary condition still decides.
  if (span && f.start && (m.boundary === 'active' || m.boundary === 'active_at_start' || m.boundary === 'active_at_end')) {
    const to = `${lit(span.to)}::date`;
    const lo = `greatest(date_trunc('year', f.${f.start}::timestamp)::date, ${lit(span.from)}::date)`;
    const hi = f.end ? `least(coalesce(f.${f.end}, ${to}), ${to})` : to;
    return `${from} f
      cross join lateral ${dialect.monthStarts(lo, hi)} k(month_start)
      join p on p.p_start = k.month_start::date and f.gemeente_code = ${g} and ${boundarySql(m, f, dialect)}`;
  }
  return `p join ${from} f on f.gemeente_code = ${g} and ${boundarySql(m, f, dialect)}`;
}

/** Per-period facts (segments), as CTEs over f_provision and f_zrm. */
function periodFactCtes(needed: Set<string>, g: string, residence = RESIDENCE_VIEW): string[] {
  const out: string[] = [];
  if (needed.has('person_period')) {
    // Thresholds from segment_config (migration 0015), defaults when the gemeente has none (docs/segments.md).
    // The ZRM part per period and person: the latest assessment within zrm_months up to the end of P,
    // low when a basisvoorwaarde (financiën, huisvesting, sociaal netwerk, werk/dagbesteding) scores at
    // or below zrm_max_score. Worked out per assessment first and matched to the periods after, so it
    // costs per assessment, not per person with a provision (at 900 000 inhabitants a lookup per
    // person and period took 16 of 71 s).
    out.push(`person_period_config as (
    select coalesce(min(c.min_laws), 2) as min_laws, coalesce(bool_and(c.residential), true) as residential,
           coalesce(min(c.zrm_months), 12) as zrm_months, coalesce(min(c.zrm_max_score), 2) as zrm_max_score
      from segment_config c where c.gemeente_code = ${g})`);
    out.push(`person_period_zrm as (
    select distinct on (p.period_type, p.period, a.person_id) p.period_type, p.period, a.person_id, a.zrm_low
      from p cross join person_period_config sc
      join (select z.person_id, z.assessment_date,
                   (coalesce(min(z.score) filter (where z.domain = 'financien'), 5) <= min(sc.zrm_max_score) or coalesce(min(z.score) filter (where z.domain = 'huisvesting'), 5) <= min(sc.zrm_max_score)
                    or coalesce(min(z.score) filter (where z.domain = 'sociaal_netwerk'), 5) <= min(sc.zrm_max_score)
                    or greatest(coalesce(min(z.score) filter (where z.domain = 'werk_opleiding'), 0), coalesce(min(z.score) filter (where z.domain = 'tijdsbesteding'), 0)) between 1 and min(sc.zrm_max_score)) as zrm_low
              from zrm_assessment z cross join person_period_config sc
             where z.gemeente_code = ${g}
             group by z.person_id, z.assessment_date) a
        on a.assessment_date <= p.p_end and a.assessment_date > (p.p_end - make_interval(months => sc.zrm_months::int))::date
     order by p.period_type, p.period, a.person_id, a.assessment_date desc)`);
    out.push(`person_period as (
    select pp.*, coalesce(z.zrm_low, false) as zrm_low,
           (pp.n_laws >= sc.min_laws or (sc.residential and pp.residential) or coalesce(z.zrm_low, false)) as vulnerable
      from (select p.period_type, p.period, min(p.p_start) as p_start, min(p.p_end) as p_end, min(p.year) as year, f.gemeente_code, f.person_id,
                   count(*) as n_provisions, count(distinct f.law) as n_laws, bool_or(f.residential) as residential
              from p join f_provision f on f.gemeente_code = ${g} and f.start_date <= p.p_end and (f.end_date is null or f.end_date >= p.p_start)
             group by p.period_type, p.period, f.gemeente_code, f.person_id) pp
      cross join person_period_config sc
      left join person_period_zrm z on z.period_type = pp.period_type and z.period = pp.period and z.person_id = pp.person_id)`);
  }
  if (needed.has('household_period')) {
    out.push(`household_period as (
    select p.period_type, p.period, min(p.p_start) as p_start, min(p.p_end) as p_end, min(p.year) as year, f.gemeente_code,
           coalesce(r.household_key, 'p:' || f.person_id) as household_id, min(f.person_id) as person_id,
           count(*) as n_provisions, count(distinct f.law) as n_laws,
           count(distinct f.law) filter (where f.law in ('wmo', 'jeugd', 'pwet')) as n_core_laws
      from p join f_provision f on f.gemeente_code = ${g} and f.start_date <= p.p_end and (f.end_date is null or f.end_date >= p.p_start)
      left join ${residence} r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= p.p_end and r.span_to > p.p_end
     group by p.period_type, p.period, f.gemeente_code, coalesce(r.household_key, 'p:' || f.person_id))`);
  }
  return out;
}

const DIM_COL = (d: Dimension) => `d_${d}`;

/**
 * Where persons lived (migration 0009). A recompute materialises it once and passes the table in
 * `relations` under this name, so the window over all residences is not evaluated per statement.
 */
export const RESIDENCE_VIEW = 'person_residence_span';

/** The unit relation of a measure: one row per unit and period, with person attributes resolved. */
export function unitsName(m: Pick<Measure, 'fact' | 'boundary' | 'date'>): string {
  return `units_${m.fact}_${m.boundary}${m.date ? `_${m.date}` : ''}`;
}

/**
 * SQL for a unit relation: every unit of the fact placed in each period of `p` by the boundary,
 * with its fields, the person's wijk (residence on the last day of P), age then, sex, and
 * household. Shared by every measure over the same fact and boundary; the engine materialises it
 * once per recompute (staged), a single query inlines it as a CTE.
 */
export function unitsSql(m: Pick<Measure, 'fact' | 'boundary' | 'date'>, g: string, dialect: Dialect = postgres, only?: ReadonlySet<string>, relation?: string, span?: PeriodSpan, residence = RESIDENCE_VIEW): string {
  const f = FACTS[m.fact]!;
  const from = relation ?? (f.relation === '(per period)' ? m.fact : f.relation);
  const columns = new Set<string>([...(only ?? Object.keys(f.fields))].filter((c) => !c.startsWith('@')));
  if (!only) for (const c of [f.start, f.end, f.event, m.date, ...Object.values(f.dims)]) if (c) columns.add(c);
  columns.delete('person_id');
  // Person attributes and residence are joined only when a measure reads them (PERSON_ATTRS, RESIDENCE).
  const withPerson = !!f.person && (!only || only.has(PERSON_ATTRS));
  const withResidence = !!f.person && (!only || only.has(RESIDENCE));
  // A materialised fact (compileFactTable) carries the person's attributes already: each fact row
  // was joined to its person once, not each unit row (a trajectory once, not once per period).
  const pe = relation && f.person ? { year: 'f.pe_birth_year', month: 'f.pe_birth_month', sex: 'f.pe_sex' } : { year: 'pe.birth_year', month: 'pe.birth_month', sex: 'pe.sex' };
  const person = f.person ? `f.${f.person}` : 'null::text';
  const household = m.fact === 'household_period' ? 'f.household_id' : f.person ? (withResidence ? `coalesce(r.household_key, 'p:' || f.${f.person})` : `'p:' || f.${f.person}`) : 'null::text';
  return `select p.period_type, p.period, p.p_start, p.p_end, p.year, ${person} as person_id, ${household} as u_household,
           ${withResidence ? 'r.area_code' : 'null::text'} as u_wijk, ${withPerson ? 'ag.age' : 'null::int'} as u_age, ${withPerson ? pe.sex : 'null::text'} as u_sex${[...columns].map((c) => `, f.${c}`).join('')}
      from ${periodJoin(m as Measure, f, from, g, dialect, span)}${withPerson && !relation ? `
      left join person pe on pe.gemeente_code = f.gemeente_code and pe.person_id = f.${f.person}` : ''}${withPerson ? `
      left join lateral (select ${dialect.ageAt(pe.year, pe.month, 'p.p_end')} as age) ag on true` : ''}${withResidence ? `
      left join ${residence} r on r.gemeente_code = f.gemeente_code and r.person_id = f.${f.person} and r.span_from <= p.p_end and r.span_to > p.p_end` : ''}`;
}

/** Markers in a unit relation's column set: the measures need the person's age/sex, or the residence. */
const PERSON_ATTRS = '@person';
const RESIDENCE = '@residence';

/** A breakdown column of a unit relation row: person attributes, or the fact's own column. */
function unitDim(f: Fact, d: Dimension): string {
  if (d === 'wijk') return 'u.u_wijk';
  if (d === 'leeftijd') return ageBand('u.u_age');
  if (d === 'geslacht') return 'u.u_sex';
  return `u.${f.dims[d]}`;
}

function valueSql(m: Measure): string {
  const f = FACTS[m.fact]!;
  return typeof m.count !== 'object' ? 'null'
    : 'sumOverDays' in m.count
      // an amount per day × the days of P the unit is valid
      ? `u.${m.count.sumOverDays} * (least(coalesce(u.${f.end}, u.p_end), u.p_end) - greatest(u.${f.start}, u.p_start) + 1)`
      : `u.${'sum' in m.count ? m.count.sum : m.count.median}`;
}

function whereSql(m: Measure, dialect: Dialect, params: Params): string[] {
  const where = (m.where ?? []).map((c) => conditionSql(c, dialect, params));
  if (m.age) where.push(`u.u_age between ${m.age[0]} and ${m.age[1]}`);
  return where;
}

/** The aggregate of a measure over unit rows `u`, optionally only rows where `filter` holds. */
function aggregateSql(a: Aggregate, dialect: Dialect, val = 'u.val', filter?: string): string {
  const f = filter ? ` filter (where ${filter})` : '';
  if (a === 'persons') return `${dialect.countDistinct('u.person_id')}${f}`;
  if (a === 'households') return `${dialect.countDistinct('u.household_id')}${f}`;
  if (a === 'records') return `count(*)${f}`;
  if ('sum' in a || 'sumOverDays' in a) return `coalesce(sum(${val})${f}, 0)`;
  return `${dialect.median(val)}${f}`;
}

/** A distinct count (persons, households): its grouping sets sort every unit row, however many repeat a key. */
const isDistinct = (a: Aggregate) => a === 'persons' || a === 'households';
const isMedian = (a: Aggregate) => typeof a === 'object' && 'median' in a;

/**
 * A measure's aggregate in two steps, for unit rows first reduced to one row per period, person,
 * household and breakdown values (`partial`, per key), then over those rows per grouping set
 * (`total`). A person counted once per key is counted once per grouping set as before, a sum of
 * per-key sums or counts is the same sum or count. Not for a median, which needs every value.
 */
function partialSql(a: Aggregate, val: string, filter: string): string {
  if (isDistinct(a)) return `bool_or(${filter})`;
  if (a === 'records') return `count(*) filter (where ${filter})`;
  return `sum(${val}) filter (where ${filter})`;
}
function totalSql(a: Aggregate, dialect: Dialect, col: string): string {
  if (a === 'persons') return `${dialect.countDistinct('u.person_id')} filter (where ${col})`;
  if (a === 'households') return `${dialect.countDistinct('u.household_id')} filter (where ${col})`;
  return `coalesce(sum(${col}), 0)`;
}

/**
 * Numerator and denominator over the same unit relation (same fact and boundary, no "latest per
 * person"): one pass with FILTER instead of two aggregations and a join.
 *
 * Where a side counts distinct persons or households, PostgreSQL computes the grouping sets by
 * sorting every unit row once per set (a distinct aggregate cannot be hashed). The unit rows are
 * then first reduced by hashing to one per period, person, household and breakdown values (a
 * person's declaraties of one product in a year, say), so the sorts see fewer rows: on the demo,
 * cost_per_client's 731 688 units became 319 111 rows and its statement took 3.2 instead of 5.6 s.
 */
function sharedMeasureCtes(num: Measure, den: Measure, dims: Dimension[], dialect: Dialect, params: Params, source: UnitsSource = 'staged'): string {
  const f = FACTS[num.fact]!;
  const nw = whereSql(num, dialect, params);
  const dw = whereSql(den, dialect, params);
  const cond = (w: string[]) => (w.length ? `coalesce(${w.join(' and ')}, false)` : 'true');
  const units = `(select ${unitKeys(dialect)}, ${valueSql(num)}::float8 as val_n, ${valueSql(den)}::float8 as val_d,
                   ${cond(nw)} as in_num, ${cond(dw)} as in_den${dims.map((d) => `, ${dialect.groupKey(`${unitDim(f, d)}::text`)} as ${DIM_COL(d)}`).join('')}
              from ${unitsFrom(num, source)}) u
     where u.in_num or u.in_den`;
  const head = groupedKeys(dims);
  if ((isDistinct(num.count) || isDistinct(den.count)) && !isMedian(num.count) && !isMedian(den.count)) {
    const keys = ['period_type', 'period', 'person_id', 'household_id', ...dims.map(DIM_COL)].join(', ');
    return `nd_k as (
    select ${keys}, ${partialSql(num.count, 'u.val_n', 'u.in_num')} as k_n, ${partialSql(den.count, 'u.val_d', 'u.in_den')} as k_d
      from ${units}
     group by ${keys}),
  nd as (
    ${head},
           ${totalSql(num.count, dialect, 'u.k_n')}::float8 as num_v, ${totalSql(den.count, dialect, 'u.k_d')}::float8 as den_v
      from nd_k u
     group by ${groupingSets(dims)})`;
  }
  return `nd as (
    ${head},
           ${aggregateSql(num.count, dialect, 'u.val_n', 'u.in_num')}::float8 as num_v, ${aggregateSql(den.count, dialect, 'u.val_d', 'u.in_den')}::float8 as den_v
      from ${units}
     group by ${groupingSets(dims)})`;
}

/**
 * Where a measure's unit rows come from: a CTE of this statement ('inline'), a staged relation that
 * holds the union of several definitions' periods ('staged'), or a staged relation holding exactly
 * this statement's periods ('exact', e.g. in a full recompute).
 */
export type UnitsSource = 'inline' | 'staged' | 'exact';

/**
 * A measure's unit rows: a staged unit relation with other periods is restricted to this
 * statement's periods by joining them; an inlined one, or one staged for exactly these periods, is
 * read as it is (the join would cost a hash probe per row and hide the row count from the planner).
 */
function unitsFrom(m: Measure, source: UnitsSource, periods = 'p'): string {
  return source === 'staged' ? `${periods} join ${unitsName(m)} u on u.period_type = ${periods}.period_type and u.period = ${periods}.period` : `${unitsName(m)} u`;
}

/** The keys of a unit row as the aggregations read them (see Dialect.groupKey). */
function unitKeys(dialect: Dialect): string {
  return `${dialect.groupKey('u.period_type')} as period_type, ${dialect.groupKey('u.period')} as period, ${dialect.groupKey('u.person_id')} as person_id, ${dialect.groupKey('u.u_household')} as household_id`;
}

function measureCtes(name: string, m: Measure, dims: Dimension[], dialect: Dialect, params: Params, source: UnitsSource = 'staged', only?: string): string[] {
  const f = FACTS[m.fact]!;
  const val = valueSql(m);
  const where = whereSql(m, dialect, params);
  // Only the periods of `only` (a CTE of period keys): a staged relation is joined to it instead of
  // all periods; an inlined one is filtered.
  if (only && source !== 'staged') where.unshift(`(u.period_type, u.period) in (select period_type, period from ${only})`);
  const orderDate = m.latestPerPerson ? `u.${m.date ?? f.event ?? f.end ?? f.start}` : null;
  const latestWhere = m.latestPerPerson && m.latestWhere?.length ? m.latestWhere.map((c) => conditionSql(c, dialect, params)).join(' and ') : null;
  const units = `select ${unitKeys(dialect)}, ${val}::float8 as val${orderDate ? `, ${orderDate} as ord` : ''}${latestWhere ? `, coalesce(${latestWhere}, false) as keep` : ''}${dims.map((d) => `, ${dialect.groupKey(`${unitDim(f, d)}::text`)} as ${DIM_COL(d)}`).join('')}
      from ${unitsFrom(m, source, only)}${where.length ? `
     where ${where.join('\n       and ')}` : ''}`;
  const latest = `select distinct on (period_type, period, person_id) * from (${units}) x order by period_type, period, person_id, ord desc`;
  const unitSource = !m.latestPerPerson ? units : latestWhere ? `select * from (${latest}) y where keep` : latest;
  const head = groupedKeys(dims);
  if (m.count === 'persons' && (m.latestPerPerson || dims.every((d) => PERSON_LEVEL.has(d)))) {
    // One row per period and person (see PERSON_LEVEL), so persons are counted as rows, not with
    // count(distinct person), which sorts every unit row once per grouping set. Rows without a
    // person are not counted, as count(distinct) leaves them out. The rows are first counted per
    // cell (period and breakdown values) and the grouping sets add those counts: the planner cannot
    // estimate how few cells there are, so over the person rows it sorted them once per breakdown
    // instead of hashing (900 000 inhabitants: wmo_clients_per_1000 on its own 41.6 s instead of
    // 52.5 s). The breakdown values lead the person key, so the rows come out of their grouping
    // sorted by cell.
    const cells = ['period_type', 'period', ...dims.map(DIM_COL)].join(', ');
    const keys = `${cells}, person_id`;
    return [`${name}_u as (
    ${unitSource})`, `${name}_k as (
    select ${keys}, count(*) as n
      from ${name}_u u
     group by ${keys})`, `${name}_c as (
    select ${cells}, count(u.person_id) as v, sum(u.n) as n
      from ${name}_k u
     group by ${cells})`, `${name} as (
    ${head},
           sum(u.v)::float8 as v, sum(u.n)::float8 as n
      from ${name}_c u
     group by ${groupingSets(dims)})`];
  }
  return [`${name}_u as (
    ${unitSource})`, `${name} as (
    ${head},
           ${aggregateSql(m.count, dialect)}::float8 as v, count(*)::float8 as n
      from ${name}_u u
     group by ${groupingSets(dims)})`];
}

/**
 * Breakdowns with one value per person and period: the wijk and household of the residence span
 * holding the period's last day (the spans of a person never overlap: each runs to the next one's
 * start, person_residence_span), and age and sex from the person. Units of one person in one period
 * all have the same values for these; grouped by period, person and such breakdowns, each person
 * is one row per period.
 */
const PERSON_LEVEL: ReadonlySet<Dimension> = new Set<Dimension>(['wijk', 'leeftijd', 'geslacht']);

/** The select list's start of a grouping-sets aggregation: period, grouping set and breakdown values ('' where not grouped). */
function groupedKeys(dims: Dimension[]): string {
  return `select period_type, period, ${groupingSql(dims)} as gset${dims.map((d) => `, coalesce(${DIM_COL(d)}, '') as ${DIM_COL(d)}`).join('')}`;
}

function groupingSql(dims: Dimension[]): string {
  return dims.length ? `grouping(${dims.map(DIM_COL).join(', ')})` : '0';
}

function groupingSets(dims: Dimension[]): string {
  if (!dims.length) return 'period_type, period';
  const sets = ['(period_type, period)', ...dims.map((d) => `(period_type, period, ${DIM_COL(d)})`)];
  return `grouping sets (${sets.join(', ')})`;
}

function populationCtes(age: [number, number] | undefined, dims: Dimension[], g: string, dialect: Dialect): string[] {
  const dimExpr = (d: Dimension) => (d === 'wijk' ? 'pop.area_code' : d === 'leeftijd' ? ageBand('pop.age') : d === 'geslacht' ? 'pop.sex' : 'null');
  return [`den_u as (
    select ${dialect.groupKey('p.period_type')} as period_type, ${dialect.groupKey('p.period')} as period, pop.inhabitants${dims.map((d) => `, ${dialect.groupKey(`${dimExpr(d)}::text`)} as ${DIM_COL(d)}`).join('')}
      from p join population pop on pop.gemeente_code = ${g} and pop.year = p.year${age ? ` and pop.age between ${age[0]} and ${age[1]}` : ''})`, `den as (
    ${groupedKeys(dims)},
           sum(inhabitants)::float8 as v, count(*)::float8 as n
      from den_u
     group by ${groupingSets(dims)})`];
}

/**
 * The periods of a statement, as an inlined CTE: PostgreSQL reads a materialised CTE through a CTE
 * scan, which only the leader process can run, so a statement that reads the periods twice (the
 * per-period persons: provisions and ZRM) got no parallel plan. At 900 000 inhabitants
 * units_person_period_per_period took 29.8 s instead of 33.4 s.
 */
function periodsCte(periods: Period[], dialect: Dialect, params: Params): string {
  const cols = [
    dialect.textArray(params.add(periods.map((p) => p.type))),
    dialect.textArray(params.add(periods.map((p) => p.key))),
    dialect.dateArray(params.add(periods.map((p) => p.start))),
    dialect.dateArray(params.add(periods.map((p) => p.end))),
    dialect.intArray(params.add(periods.map((p) => p.year))),
  ];
  return `p(period_type, period, p_start, p_end, year) as not materialized (select * from ${dialect.unnest(cols)})`;
}

/** A CTE of period keys only (period_type, period). */
function periodKeysCte(name: string, periods: Period[], dialect: Dialect, params: Params): string {
  const cols = [dialect.textArray(params.add(periods.map((p) => p.type))), dialect.textArray(params.add(periods.map((p) => p.key)))];
  return `${name}(period_type, period) as (select * from ${dialect.unnest(cols)})`;
}

/** The period types and the first and last day of a list of periods: a unit with a single date is placed only there. */
export interface PeriodSpan { types: string[]; from: string; to: string }
const spanOf = (periods: readonly Period[]): PeriodSpan | undefined => (periods.length ? {
  types: [...new Set(periods.map((p) => p.type))],
  from: periods.reduce((m, p) => (p.start < m ? p.start : m), periods[0]!.start),
  to: periods.reduce((m, p) => (p.end > m ? p.end : m), periods[0]!.end),
} : undefined);

/** The measures of a definition (numerator and, unless population, denominator). */
export function measuresOf(d: IndicatorDefinition): Measure[] {
  return [d.numerator, ...(isPopulation(d.denominator) ? [] : [d.denominator])];
}

export interface CompileOptions {
  dialect?: Dialect;
  /** Unit relations already materialised (scratch tables named unitsName(m)); others are inlined. */
  staged?: ReadonlySet<string>;
  /** Of those, the ones materialised for exactly the periods of this statement. */
  stagedExact?: ReadonlySet<string>;
  /** Facts already materialised for this gemeente: fact id → relation (a scratch table). */
  relations?: Readonly<Record<string, string>>;
  /**
   * One side whose facts did not change in some of the periods: it is computed only for these
   * periods (a subset of the statement's), and contributes no rows in the others. The engine
   * fills those in from what it stored before (compute.ts, reuseStoredSide). Not for a
   * numerator and denominator over the same unit relation.
   */
  restricted?: { side: 'num' | 'den'; periods: Period[] };
}

/** The fact columns the measures read from their unit relation (fields, dates, dimensions). */
export function columnsFor(measures: Measure[], dims: readonly Dimension[]): Set<string> {
  const out = new Set<string>();
  for (const m of measures) {
    const f = FACTS[m.fact]!;
    const walk = (c: Condition) => { if ('anyOf' in c) c.anyOf.forEach(walk); else { out.add(c.field); if ('otherField' in c && c.otherField) out.add(c.otherField); } };
    [...(m.where ?? []), ...(m.latestWhere ?? [])].forEach(walk);
    if (typeof m.count === 'object') {
      out.add('sum' in m.count ? m.count.sum : 'median' in m.count ? m.count.median : m.count.sumOverDays);
      if ('sumOverDays' in m.count) { out.add(f.start!); out.add(f.end!); }
    }
    if (m.latestPerPerson) out.add(m.date ?? f.event ?? f.end ?? f.start!);
    for (const d of dims) { const c = f.dims[d]; if (c) out.add(c); }
    if (m.age || dims.includes('leeftijd') || dims.includes('geslacht')) out.add(PERSON_ATTRS);
    if (dims.includes('wijk') || m.count === 'households') out.add(RESIDENCE);
  }
  out.delete('person_id');
  return out;
}

/** The inlined unit CTEs a statement needs (those not staged), after the per-period fact CTEs. */
function unitCtes(measures: Measure[], dims: readonly Dimension[], g: string, dialect: Dialect, staged: ReadonlySet<string>, relations: Readonly<Record<string, string>> = {}, span?: PeriodSpan): string[] {
  const todo = new Map<string, Measure[]>();
  for (const m of measures) if (!staged.has(unitsName(m))) todo.set(unitsName(m), [...(todo.get(unitsName(m)) ?? []), m]);
  const facts = new Set([...todo.values()].map((ms) => ms[0]!.fact));
  const residence = relations[RESIDENCE_VIEW];
  return [...periodFactCtes(facts, g, residence), ...[...todo].map(([name, ms]) => `${name} as (
    ${unitsSql(ms[0]!, g, dialect, columnsFor(ms, dims), relations[ms[0]!.fact], span, residence)})`)];
}

/**
 * Statement that materialises one unit relation for the given periods, as a scratch table of the
 * transaction (a temporary table, or an unlogged one in the transaction's scratch schema: db/scratch.ts).
 */
export function compileUnitsTable(m: Pick<Measure, 'fact' | 'boundary' | 'date'>, gemeente: string, periods: Period[], columns: ReadonlySet<string>, dialect: Dialect = postgres, relation?: string, residence?: string, scratch: ScratchKind = 'temp'): CompiledQuery {
  const params = new Params(dialect);
  const g = params.add(gemeente);
  const ctes = [periodsCte(periods, dialect, params), ...periodFactCtes(new Set([m.fact]), g, residence)];
  return { text: `${createScratchTable(scratch, unitsName(m))}
with ${ctes.join(',\n  ')}
${unitsSql(m, g, dialect, columns, relation, spanOf(periods), residence)}`, params: params.values };
}

/**
 * Compiles a definition for the given periods of one gemeente. The result is a single
 * statement; it is executed as is (CompiledQuery) and snapshot-tested per shape.
 */
export function compileIndicator(d: IndicatorDefinition, gemeente: string, periods: Period[], opts: Dialect | CompileOptions = {}): CompiledQuery {
  const o: CompileOptions = 'placeholder' in opts ? { dialect: opts } : opts;
  const dialect = o.dialect ?? postgres;
  validateDefinition(d);
  const params = new Params(dialect);
  const staged = o.staged ?? new Set<string>();
  const source = (m: Measure): UnitsSource => (!staged.has(unitsName(m)) ? 'inline' : o.stagedExact?.has(unitsName(m)) ? 'exact' : 'staged');
  const dims = d.breakdowns;
  // The gemeente is a parameter only where the statement reads tables itself (not staged units).
  const readsTables = isPopulation(d.denominator) || measuresOf(d).some((m) => !staged.has(unitsName(m)));
  const g = readsTables ? params.add(gemeente) : '';
  const statistic = d.valueRule === 'statistic';
  const order = ` order by period_type, period, gset${dims.map((d2) => `, ${DIM_COL(d2)}`).join('')}`;
  const den = d.denominator;
  if (!isPopulation(den) && unitsName(den) === unitsName(d.numerator) && !den.latestPerPerson && !d.numerator.latestPerPerson) {
    if (o.restricted) throw new Error(`${d.id}: numerator and denominator share their units; one side cannot be restricted`);
    const ctes = [periodsCte(periods, dialect, params), ...unitCtes(measuresOf(d), dims, g, dialect, staged, o.relations, spanOf(periods)), sharedMeasureCtes(d.numerator, den, dims, dialect, params, source(d.numerator))];
    const text = `with ${ctes.join(',\n  ')}
select period_type, period, gset${dims.map((d2) => `, ${DIM_COL(d2)}`).join('')},
       ${statistic ? 'num_v' : 'coalesce(num_v, 0)'} as numerator, coalesce(den_v, 0) as denominator
  from nd
${order}`;
    return { text, params: params.values };
  }
  const r = o.restricted;
  if (r?.side === 'den' && isPopulation(den)) throw new Error(`${d.id}: a population denominator cannot be restricted`);
  // A restricted side is never read as 'exact': its relation holds other periods than the statement's.
  const sourceOf = (side: 'num' | 'den', m: Measure): UnitsSource => (r?.side === side && source(m) === 'exact' ? 'staged' : source(m));
  const ctes = [
    periodsCte(periods, dialect, params),
    ...(r ? [periodKeysCte('p_r', r.periods, dialect, params)] : []),
    ...unitCtes(measuresOf(d), dims, g, dialect, staged, o.relations, spanOf(periods)),
    ...measureCtes('num', d.numerator, dims, dialect, params, sourceOf('num', d.numerator), r?.side === 'num' ? 'p_r' : undefined),
    ...(isPopulation(den) ? populationCtes(den.population.age, dims, g, dialect) : measureCtes('den', den, dims, dialect, params, sourceOf('den', den), r?.side === 'den' ? 'p_r' : undefined)),
  ];
  const using = ['period_type', 'period', 'gset', ...dims.map(DIM_COL)].join(', ');
  const text = `with ${ctes.join(',\n  ')}
select period_type, period, gset${dims.map((d2) => `, ${DIM_COL(d2)}`).join('')},
       ${statistic ? 'num.v' : 'coalesce(num.v, 0)'} as numerator, coalesce(den.v, 0) as denominator
  from den full join num using (${using})
${order}`;
  return { text, params: params.values };
}

/**
 * The units (persons) behind a definition's numerator in one period, for the analyst's
 * person-level drill-down: the same boundary and filters as the figure itself.
 */
export function compileNumeratorUnits(d: IndicatorDefinition, gemeente: string, period: Period, dialect: Dialect = postgres, limit = 5000): CompiledQuery {
  validateDefinition(d);
  const params = new Params(dialect);
  const g = params.add(gemeente);
  const dims = d.breakdowns.filter((b) => b === 'wijk' || b in FACTS[d.numerator.fact]!.dims);
  const ctes = [periodsCte([period], dialect, params), ...unitCtes([d.numerator], dims, g, dialect, new Set(), {}, spanOf([period])), measureCtes('num', d.numerator, dims, dialect, params, 'inline')[0]!];
  const text = `with ${ctes.join(',\n  ')}
select distinct person_id${dims.map((x) => `, ${DIM_COL(x)}`).join('')} from num_u where person_id is not null order by person_id limit ${Math.floor(limit)}`;
  return { text, params: params.values };
}

/**
 * Materialises a fact view for one gemeente (a scratch table of the transaction, as compileUnitsTable), for facts many units
 * read. With `since`, only units that can fall in periods from that day on are kept (spells still
 * running then, events dated then or later), so a recompute after a small import stays small.
 */
export function compileFactTable(fact: string, gemeente: string, dialect: Dialect = postgres, since?: { date: string; eventDates: string[] }, scratch: ScratchKind = 'temp'): CompiledQuery {
  const f = FACTS[fact]!;
  let where = '';
  const params: unknown[] = [gemeente];
  if (since) {
    params.push(since.date);
    const d = `${dialect.placeholder(2)}::date`;
    if (f.end) where = ` and coalesce(f.${f.end}, 'infinity'::date) >= ${d}`;
    else if (since.eventDates.length) where = ` and (${since.eventDates.map((c) => `f.${c} >= ${d}`).join(' or ')})`;
  }
  // With the person's attributes (age and sex breakdowns), read by unitsSql instead of joining person per unit.
  const person = f.person ? `, pe.birth_year as pe_birth_year, pe.birth_month as pe_birth_month, pe.sex as pe_sex` : '';
  const join = f.person ? ` left join person pe on pe.gemeente_code = f.gemeente_code and pe.person_id = f.${f.person}` : '';
  return { text: `${createScratchTable(scratch, `fx_${fact}`)} select f.*${person} from ${f.relation} f${join} where f.gemeente_code = ${dialect.placeholder(1)}${where}`, params };
}
