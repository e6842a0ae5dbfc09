import { CompiledQuery } from 'kysely';
import { analyzeGrown, createScratchTable, openScratch, sql, type Db } from '../db/index.js';
import { addDays } from '../model/dates.js';
import { nextPeriod, periodsBetween, type Period, type PeriodType } from '../model/periods.js';
import { CATALOGUE } from './catalogue.js';
import { ownIndicators } from './custom.js';
import { columnsFor, compileFactTable, compileIndicator, compileUnitsTable, measuresOf, postgres, RESIDENCE_VIEW, unitsName, type Dialect } from './compiler.js';
import { isPopulation, type IndicatorDefinition, type Measure } from './definition.js';
import { FACTS } from './facts.js';
import { readingAny } from './dependencies.js';
import { invalidateResults } from './results.js';

/**
 * The indicator engine: after every import, the affected gemeente's indicators are recomputed
 * into indicator_result (only the periods the new data can change), so pages only read. Each
 * definition is compiled to one SQL statement (compiler.ts); JS only lists periods, maps rows
 * and sets statuses.
 */

export interface ComputeStats {
  gemeente: string; indicators: number; periods: number; rows: number; seconds: number; perIndicator?: Record<string, number>; stageSeconds?: Record<string, number>;
  /** Definitions with one side computed for fewer periods, its stored figures reused (id → side). */
  reused?: Record<string, 'num' | 'den'>;
  /** Definitions whose statement was the same as an earlier one's in this recompute, so its rows were used (id → that id). */
  sameStatement?: Record<string, string>;
}

export interface Row { period_type: string; period: string; gset: number; numerator: number | null; denominator: number | null; [dim: string]: unknown }

/** first/last: the dates periods are computed for; dataUntil: the latest data of the facts (for maturity). */
export interface Extent { first: string | null; last: string | null; dataUntil: string | null; missing: string[] }

/**
 * Memo of extent queries within one recompute: many definitions share a fact (and every message fact
 * reads the latest message), so each distinct query runs once.
 */
export type ExtentMemo = Map<string, Promise<{ first: string | null; last: string | null }>>;

/** The dates with data for a definition's facts (and population), or what is missing. */
export async function extentOf(db: Db, gemeente: string, d: IndicatorDefinition, memo: ExtentMemo = new Map()): Promise<Extent> {
  const facts = [d.numerator.fact, ...(isPopulation(d.denominator) ? [] : [d.denominator.fact])];
  let first = null as string | null;
  let last = null as string | null;
  const missing: string[] = [];
  for (const id of new Set(facts)) {
    const f = FACTS[id]!;
    if (!memo.has(f.extent)) memo.set(f.extent, db.executeQuery<{ first: string | null; last: string | null }>(CompiledQuery.raw(f.extent, [gemeente])).then((x) => x.rows[0]!));
    const r = await memo.get(f.extent)!;
    if (!r?.first || !r.last) { missing.push(f.source); continue; }
    first = first === null || r.first > first ? r.first : first;
    last = last === null || r.last < last ? r.last : last;
  }
  const dataUntil = last;
  if (isPopulation(d.denominator)) {
    const q = `select make_date(min(year), 1, 1)::text as first, make_date(max(year), 12, 31)::text as last from population where gemeente_code = $1`;
    if (!memo.has(q)) memo.set(q, db.executeQuery<{ first: string | null; last: string | null }>(CompiledQuery.raw(q, [gemeente])).then((x) => x.rows[0]!));
    const r = await memo.get(q)!;
    if (r.first === null || r.last === null) missing.push('bevolking per wijk, leeftijd en geslacht (bron bevolking)');
    else {
      const from = r.first, to = r.last;
      first = first === null || from > first ? from : first;
      last = last === null || to < last ? to : last;
    }
  }
  return missing.length ? { first: null, last: null, dataUntil: null, missing } : { first, last, dataUntil: dataUntil ?? last, missing };
}

/** Final once data for the next period has arrived and the follow-up window has passed. */
export function statusOf(p: Period, dataUntil: string, followUpDays = 0): 'final' | 'provisional' {
  return dataUntil > nextPeriod(p).end && addDays(p.end, followUpDays) < dataUntil ? 'final' : 'provisional';
}

const bitOf = (dims: readonly string[], i: number) => 1 << (dims.length - 1 - i);

/** Computes one definition for the given periods and replaces its stored results for them. */
/** One computed cell, as stored in indicator_result. */
export interface ComputedCell { periodType: string; period: string; area: string; breakdownKey: string; breakdown: Record<string, string>; numerator: number | null; denominator: number | null; value: number | null; status: 'final' | 'provisional' }

/**
 * An amount per day summed over the days of a period (a toewijzing's cents per day × its days in P)
 * is a fraction of a cent, and in floating point 260 000 can come out as 260 000.00000000003. It is
 * stored in whole units (eurocent), as every other amount is.
 */
function inWholeUnits(m: IndicatorDefinition['numerator'] | IndicatorDefinition['denominator'], x: number): number {
  return !isPopulation(m) && typeof m.count === 'object' && 'sumOverDays' in m.count ? Math.round(x) : x;
}

/** A cell's value from its (stored) numerator and denominator. */
function valueOf(d: IndicatorDefinition, num: number | null, den: number | null): number | null {
  return num === null || den === null || den <= 0 ? null : d.valueRule === 'statistic' ? num : (num / den) * d.factor;
}

/** Maps the compiled statement's rows (grouping sets) to cells: the total and one cell per breakdown value. */
export function cellsFromRows(d: IndicatorDefinition, gemeente: string, periods: Period[], rows: readonly Row[], dataUntil: string): ComputedCell[] {
  const byKey = new Map(periods.map((p) => [`${p.type}|${p.key}`, p]));
  const dims = d.breakdowns;
  const out: ComputedCell[] = [];
  for (const r of rows) {
    const p = byKey.get(`${r.period_type}|${r.period}`);
    if (!p) continue;
    const open = dims.filter((_, i) => (r.gset & bitOf(dims, i)) === 0);
    if (open.length > 1) continue;
    const dim = open[0];
    let area = `GM${gemeente}`;
    let breakdownKey = '';
    let breakdown: Record<string, string> = {};
    if (dim) {
      const v = String(r[`d_${dim}`] ?? '');
      if (dim === 'wijk') {
        if (!v) continue; // persons with an unknown wijk count only in the gemeente total
        area = v;
      }
      const value = v || 'onbekend';
      breakdownKey = `${dim}=${value}`;
      breakdown = { [dim]: value };
    }
    const den = r.denominator === null ? null : inWholeUnits(d.denominator, Number(r.denominator));
    let num = r.numerator === null ? null : inWholeUnits(d.numerator, Number(r.numerator));
    if (d.valueRule === 'complement' && num !== null && den !== null) num = den - num;
    const value = valueOf(d, num, den);
    out.push({ periodType: r.period_type, period: r.period, area, breakdownKey, breakdown, numerator: num, denominator: den, value, status: statusOf(p, dataUntil, d.followUpDays) });
  }
  return out;
}

/** A stored cell of indicator_result, as reuseStoredSide reads it. */
export interface StoredCell { period_type: string; period: string; area_code: string; breakdown_key: string; breakdown: Record<string, string>; numerator: number | null; denominator: number | null }

/**
 * One side of a ratio whose facts did not change in some periods (`reuse`, period type|key →
 * period) was computed only for the others (CompileOptions.restricted), so in those periods the
 * freshly computed cells carry 0 for it. This puts back the stored figure of that side, cell by
 * cell, and recomputes value and status. A stored cell that the fresh computation no longer has
 * (the other side has no units there now) is kept when its reused side had units: a non-zero
 * figure. A stored 0 is taken as "no units", which is exact for counts; for a sum of amounts
 * that came to exactly 0 the cell (0 / 0, no value) is dropped where a full recompute keeps it.
 */
export function reuseStoredSide(d: IndicatorDefinition, cells: readonly ComputedCell[], stored: readonly StoredCell[], side: 'num' | 'den', reuse: ReadonlyMap<string, Period>, dataUntil: string): ComputedCell[] {
  const k = (type: string, period: string, area: string, bkey: string) => `${type}|${period}|${area}|${bkey}`;
  const old = new Map(stored.map((c) => [k(c.period_type, c.period, c.area_code, c.breakdown_key), c]));
  const sideOf = (c: StoredCell | undefined) => (!c ? 0 : side === 'num' ? c.numerator : c.denominator) ?? 0;
  const cell = (base: Omit<ComputedCell, 'value'>, figure: number): ComputedCell => {
    const num = side === 'num' ? figure : base.numerator;
    const den = side === 'den' ? figure : base.denominator;
    return { ...base, numerator: num, denominator: den, value: valueOf(d, num, den) };
  };
  const out: ComputedCell[] = [];
  const seen = new Set<string>();
  for (const c of cells) {
    if (!reuse.has(`${c.periodType}|${c.period}`)) { out.push(c); continue; }
    const key = k(c.periodType, c.period, c.area, c.breakdownKey);
    seen.add(key);
    out.push(cell(c, sideOf(old.get(key))));
  }
  for (const [key, c] of old) {
    const p = reuse.get(`${c.period_type}|${c.period}`);
    const figure = sideOf(c);
    if (!p || seen.has(key) || figure === 0) continue;
    out.push(cell({ periodType: c.period_type, period: c.period, area: c.area_code, breakdownKey: c.breakdown_key, breakdown: c.breakdown, numerator: 0, denominator: 0, status: statusOf(p, dataUntil, d.followUpDays) }, figure));
  }
  return out;
}

/**
 * The rows of the statements run in one recompute, by statement text and parameters, with the
 * definition that ran each. Two definitions that count the same (bbv_wmo_clients_per_10000 is
 * wmo_clients_per_1000 per 10 000 instead of per 1 000: factor and value are applied to the rows
 * afterwards) compile to the same statement; within the one transaction it reads the same facts
 * and gives the same rows, so it runs once.
 */
type StatementMemo = { shared: ReadonlySet<string>; rows: Map<string, { rows: readonly Row[]; by: string }> };

/** A compiled statement's memo key: its text and parameters. */
const statementKey = (q: { text: string; params: unknown[] }) => `${q.text}\u0000${JSON.stringify(q.params)}`;

async function computeDefinition(trx: Db, gemeente: string, d: IndicatorDefinition, periods: Period[], dataUntil: string, q: { text: string; params: unknown[] }, key: string, memo: StatementMemo, restricted?: Restriction): Promise<{ rows: number; sameAs?: string }> {
  const known = memo.rows.get(key);
  const rows = known?.rows ?? (await trx.executeQuery<Row>(CompiledQuery.raw(q.text, q.params))).rows;
  // Kept only for a statement that a later definition runs too, so memory does not grow with the catalogue.
  if (!known && memo.shared.has(key)) memo.rows.set(key, { rows, by: d.id });
  let cells = cellsFromRows(d, gemeente, periods, rows, dataUntil);
  if (restricted) {
    const keep = new Set(restricted.periods.map((p) => `${p.type}|${p.key}`));
    const reuse = new Map(periods.filter((p) => !keep.has(`${p.type}|${p.key}`)).map((p) => [`${p.type}|${p.key}`, p]));
    // restricted.stored holds exactly the cells of the `reuse` periods (see where it is planned).
    cells = reuseStoredSide(d, cells, restricted.stored, restricted.side, reuse, dataUntil);
  }
  const cols = {
    type: cells.map((c) => c.periodType), period: cells.map((c) => c.period), area: cells.map((c) => c.area), bkey: cells.map((c) => c.breakdownKey),
    breakdown: cells.map((c) => JSON.stringify(c.breakdown)), num: cells.map((c) => c.numerator), den: cells.map((c) => c.denominator), value: cells.map((c) => c.value), status: cells.map((c) => c.status),
  };
  await sql`delete from indicator_result where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}
              and (period_type, period) in (select * from unnest(${periods.map((p) => p.type)}::text[], ${periods.map((p) => p.key)}::text[]))`.execute(trx);
  if (cols.type.length) {
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      select ${gemeente}, ${d.id}, ${d.version}, *, now() from unnest(${cols.type}::text[], ${cols.period}::text[], ${cols.area}::text[], ${cols.bkey}::text[],
        ${cols.breakdown}::jsonb[], ${cols.num}::float8[], ${cols.den}::float8[], ${cols.value}::float8[], ${cols.status}::text[])`.execute(trx);
  }
  return { rows: cols.type.length, sameAs: known?.by };
}

/** Base tables under the fact views (migration 0009). */
const FACT_TABLES = ['trajectory', 'person', 'person_residence', 'population', 'toewijzing_record', 'delivery_record', 'received_message', 'prestatie_record',
  'declaratie_record', 'declaratie_antwoord', 'prestatie_antwoord', 'request_record', 'change_request', 'request_answer', 'benefit_spell', 'schuldhulp_case',
  'toegang_case', 'zrm_assessment', 'plan_goal', 'trajectory_outcome', 'client_experience', 'budget_line', 'contract', 'product', 'calendar_day'];

/** ANALYZE the fact tables that grew or shrank by more than 10 % (a day's import leaves the statistics alone; a first load refreshes them). */
const analyzeChanged = (db: Db) => analyzeGrown(db, FACT_TABLES);

/**
 * One side of a definition computed for fewer periods than the definition (CompileOptions.restricted),
 * with the stored cells of the other periods, read once when the restriction is planned.
 */
type Restriction = { side: 'num' | 'den'; periods: Period[]; stored: StoredCell[] };

/** The dates in `factFrom` that concern a measure: its fact, and the columns of it the measure reads. */
function factDates(m: Measure, d: IndicatorDefinition, factFrom: Readonly<Record<string, string>> | undefined): string[] {
  if (!factFrom) return [];
  const f = FACTS[m.fact]!;
  const read = new Set<string>([...columnsFor([m], d.breakdowns), ...[m.date, f.start, f.end, f.event, f.year, f.month].filter((c): c is string => !!c)]);
  return Object.entries(factFrom).filter(([k]) => k === m.fact || (k.startsWith(`${m.fact}.`) && read.has(k.slice(m.fact.length + 1)))).map(([, v]) => v);
}

export interface RecomputeOptions {
  /** Refresh planner statistics first (default true). */
  analyze?: boolean;
  /** Only these indicator ids (default: the whole catalogue and the gemeente's own indicators). */
  only?: string[];
  definitions?: readonly IndicatorDefinition[];
  dialect?: Dialect;
  /**
   * Facts whose figures changed from an earlier date than `from` (fact id → date), e.g. the
   * allocated money of a verlenged toewijzing: only definitions over those facts go back that far.
   * "fact.column" → date: only that column changed; only definitions reading it go back.
   */
  factFrom?: Readonly<Record<string, string>>;
  /** Only these tables changed (a tabular import's `touched`): only the definitions that read them. */
  tables?: readonly string[];
}

/**
 * Recomputes a gemeente's indicators for the periods from `from` (the earliest date the new data
 * touched; null = everything) up to the latest data. Periods whose follow-up window reaches the
 * new data are included too. One transaction, so readers never see half a recompute.
 */
/**
 * Ids of the gemeente's definitions whose current version was never computed: a catalogue version
 * that arrived with an upgrade of Koers, say. The server computes them at start (Koers.catchUp), so
 * a new definition never waits for the next import.
 */
export async function neverComputed(db: Db, gemeente: string): Promise<string[]> {
  const definitions = [...CATALOGUE, ...(await ownIndicators(db, gemeente))];
  const have = new Set((await sql<{ k: string }>`select indicator_id || '|' || version as k from indicator_state where gemeente_code = ${gemeente}`.execute(db)).rows.map((r) => r.k));
  return definitions.filter((d) => !have.has(`${d.id}|${d.version}`)).map((d) => d.id);
}

export async function recomputeGemeente(db: Db, gemeente: string, from?: string | null, onlyOrOpts?: string[] | RecomputeOptions): Promise<ComputeStats> {
  const opts: RecomputeOptions = Array.isArray(onlyOrOpts) ? { only: onlyOrOpts } : onlyOrOpts ?? {};
  const started = Date.now();
  const all = (opts.definitions ?? [...CATALOGUE, ...(await ownIndicators(db, gemeente))]).filter((d) => !opts.only || opts.only.includes(d.id));
  const definitions = opts.tables ? await readingAny(db, all, opts.tables) : all;
  const dialect = opts.dialect ?? postgres;
  let rows = 0;
  let periodCount = 0;
  const perIndicator: Record<string, number> = {};
  const stageSeconds: Record<string, number> = {};
  const reused: Record<string, 'num' | 'den'> = {};
  const sameStatement: Record<string, string> = {};
  // Fresh planner statistics for the tables the facts read: the embedded engine has no
  // autovacuum, and plans on stale estimates turn the residence and declaratie joins quadratic.
  if (opts.analyze !== false) await analyzeChanged(db);
  await db.transaction().execute(async (trx) => {
    const tx = trx as unknown as Db;
    // JIT compiling the fact views' per-row subqueries costs PostgreSQL seconds per statement and
    // gains nothing on statements that run once (the embedded engine has no JIT; the setting is inert there).
    await sql`set local jit = off`.execute(trx);
    // The fact tables' joins and the grouping-set sorts spill to temp files at the default 4 MB.
    await sql`set local work_mem = '64MB'`.execute(trx);
    // The materialised facts and unit relations below are scratch tables PostgreSQL can read with
    // parallel workers (db/scratch.ts): at 900 000 inhabitants a full recompute took 449-472 s instead of 527-544 s.
    const scratch = await openScratch(trx);
    // 1. What each definition needs: its data extent and the periods to (re)compute.
    const plans: { d: IndicatorDefinition; extent: Extent; periods: Period[]; restricted?: Restriction }[] = [];
    const memo: ExtentMemo = new Map();
    const tp = Date.now();
    for (const d of definitions) {
      const extent = await extentOf(tx, gemeente, d, memo);
      if (!extent.first || !extent.last) {
        await sql`delete from indicator_result where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}`.execute(trx);
        await writeState(tx, gemeente, d, 'no_data', extent.missing, null, 0);
        continue;
      }
      // The earliest date the new data touched for this definition's facts, per measure and in all.
      const sinceOf = (m: Measure) => (from ? factDates(m, d, opts.factFrom).reduce<string>((a, x) => (x < a ? x : a), from) : null);
      const since = measuresOf(d).map(sinceOf).reduce<string | null>((a, x) => (a === null || (x !== null && x < a) ? x : a), null);
      // What was stored before: periods up to the previous data_until (never computed: everything).
      const prev = since ? (await sql<{ until: string | null }>`select data_until::text as until from indicator_state
          where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version} and status = 'ok'`.execute(trx)).rows[0]?.until ?? null : null;
      const lookBackOf = (s: string | null) => (s && prev ? addDays(s, -(d.followUpDays ?? 0)) : null);
      const lookBack = lookBackOf(since);
      const all = d.periodTypes.flatMap((t: PeriodType) => periodsBetween(t, extent.first!, extent.last!));
      // Periods the new data can change, and periods that did not exist yet (the data grew past them).
      const changes = (lb: string | null) => (p: Period) => !lb || p.end >= lb || p.start > prev!;
      const periods = all.filter(changes(lookBack));
      // A ratio whose numerator and denominator read different facts: when one side's facts changed
      // from a later date than the other's (a verlenging changes the allocated money back to the
      // toewijzing's start, a day's declaraties only recent months), that side is computed only
      // for its own periods and its stored figures are reused in the others.
      let restricted: Restriction | undefined;
      if ((d.valueRule ?? 'ratio') === 'ratio' && !isPopulation(d.denominator) && unitsName(d.numerator) !== unitsName(d.denominator)) {
        for (const [side, m] of [['num', d.numerator], ['den', d.denominator]] as const) {
          const own = periods.filter(changes(lookBackOf(sinceOf(m))));
          if (own.length === periods.length) continue;
          // Only periods with stored figures can lend them: one the extent did not reach before
          // (the other side's new data moved its start) is computed whole.
          const rest = periods.filter((p) => !own.includes(p));
          const stored = (await sql<StoredCell>`select period_type, period, area_code, breakdown_key, breakdown, numerator, denominator from indicator_result
              where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}
                and (period_type, period) in (select * from unnest(${rest.map((p) => p.type)}::text[], ${rest.map((p) => p.key)}::text[]))`.execute(trx)).rows;
          const lends = new Set(stored.map((c) => `${c.period_type}|${c.period}`));
          const computed = periods.filter((p) => own.includes(p) || !lends.has(`${p.type}|${p.key}`));
          if (computed.length < periods.length) restricted = { side, periods: computed, stored };
        }
      }
      // The rest keep their figures; only their status can move (provisional → final) as the data grows.
      if (lookBack) {
        const moved = all.filter((p) => !(p.end >= lookBack || p.start > prev!) && statusOf(p, prev!, d.followUpDays) !== statusOf(p, extent.dataUntil!, d.followUpDays));
        if (moved.length) {
          await sql`update indicator_result set status = x.status from unnest(${moved.map((p) => p.type)}::text[], ${moved.map((p) => p.key)}::text[],
                      ${moved.map((p) => statusOf(p, extent.dataUntil!, d.followUpDays))}::text[]) as x(period_type, period, status)
                     where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}
                       and indicator_result.period_type = x.period_type and indicator_result.period = x.period`.execute(trx);
        }
      }
      if (restricted) reused[d.id] = restricted.side;
      plans.push({ d, extent, periods, restricted });
    }
    stageSeconds['plan'] = (Date.now() - tp) / 1000;
    // 2. Unit relations shared by several measures are materialised once (scratch tables, gone at
    //    commit), for the union of the periods and the columns their measures read.
    const shared = new Map<string, { m: Measure; periods: Map<string, Period>; measures: Measure[]; dims: Set<string>; uses: number }>();
    for (const { d, periods, restricted } of plans) {
      if (!periods.length) continue;
      for (const m of measuresOf(d)) {
        const name = unitsName(m);
        const e = shared.get(name) ?? shared.set(name, { m, periods: new Map(), measures: [], dims: new Set(), uses: 0 }).get(name)!;
        const own = restricted && (restricted.side === 'num' ? m === d.numerator : m === d.denominator) ? restricted.periods : periods;
        for (const p of own) e.periods.set(`${p.type}|${p.key}`, p);
        e.measures.push(m);
        d.breakdowns.forEach((b) => e.dims.add(b));
        e.uses++;
      }
    }
    // Expensive fact views (per-unit subqueries, the declaratie state) are computed once, and so are
    // the residence spans every unit relation with a wijk or household reads.
    const relations: Record<string, string> = {};
    if (shared.size) {
      const t0 = Date.now();
      await sql`${sql.raw(createScratchTable(scratch.kind, 'fx_residence'))} select * from person_residence_span where gemeente_code = ${gemeente}`.execute(trx);
      await sql`analyze fx_residence`.execute(trx);
      relations[RESIDENCE_VIEW] = 'fx_residence';
      stageSeconds.fx_residence = (Date.now() - t0) / 1000;
    }
    for (const fact of new Set([...shared.values()].map((e) => e.m.fact))) {
      if (!FACTS[fact]!.materialize) continue;
      const t0 = Date.now();
      // The earliest period any measure over this fact needs; null = everything.
      const uses = [...shared.values()].filter((e) => e.m.fact === fact);
      const starts = uses.flatMap((e) => [...e.periods.values()].map((p) => p.start)).sort();
      const f = FACTS[fact]!;
      const eventDates = [...new Set(uses.flatMap((e) => e.measures.map((m) => m.date ?? f.event).filter((x): x is string => !!x)))];
      const restrict = from && starts.length && (f.end || eventDates.length) && uses.every((e) => e.measures.every((m) => !m.latestPerPerson)) ? { date: starts[0]!, eventDates } : undefined;
      const q = compileFactTable(fact, gemeente, dialect, restrict, scratch.kind);
      await tx.executeQuery(CompiledQuery.raw(q.text, q.params));
      await sql.raw(`analyze fx_${fact}`).execute(trx);
      relations[fact] = `fx_${fact}`;
      stageSeconds[`fx_${fact}`] = (Date.now() - t0) / 1000;
    }
    const staged = new Set<string>();
    for (const [name, e] of shared) {
      if (e.uses < 2) continue; // used once: inlining lets the planner push filters into it
      const t0 = Date.now();
      const q = compileUnitsTable(e.m, gemeente, [...e.periods.values()], columnsFor(e.measures, [...e.dims] as never), dialect, relations[e.m.fact], relations[RESIDENCE_VIEW], scratch.kind);
      await tx.executeQuery(CompiledQuery.raw(q.text, q.params));
      await sql.raw(`analyze ${name}`).execute(trx);
      staged.add(name);
      stageSeconds[name] = (Date.now() - t0) / 1000;
    }
    // 3. Each definition: one statement over the staged units, compiled for all first, so a
    //    statement more than one definition compiles to is known and run once.
    const compiled = plans.map(({ d, periods, restricted }) => {
      if (!periods.length) return null;
      // Staged unit relations that hold exactly this definition's periods are read without joining them.
      const keys = new Set(periods.map((p) => `${p.type}|${p.key}`));
      const stagedExact = new Set(measuresOf(d).map(unitsName).filter((n) => staged.has(n) && shared.get(n)!.periods.size === keys.size && [...shared.get(n)!.periods.keys()].every((k) => keys.has(k))));
      return compileIndicator(d, gemeente, periods, { dialect, staged, relations, stagedExact, restricted });
    });
    const seen = new Set<string>();
    const twice = new Set<string>();
    const keys = compiled.map((q) => (q ? statementKey(q) : null));
    for (const k of keys) if (k !== null) (seen.has(k) ? twice : seen).add(k);
    const statements: StatementMemo = { shared: twice, rows: new Map() };
    for (const [i, { d, extent, periods, restricted }] of plans.entries()) {
      const t0 = Date.now();
      periodCount += periods.length;
      const q = compiled[i];
      if (q) {
        const r = await computeDefinition(tx, gemeente, d, periods, extent.dataUntil!, q, keys[i]!, statements, restricted);
        rows += r.rows;
        if (r.sameAs) sameStatement[d.id] = r.sameAs;
      }
      // Periods outside the data's extent (e.g. after a source's history was shortened) are dropped.
      await sql`delete from indicator_result where gemeente_code = ${gemeente} and indicator_id = ${d.id} and version = ${d.version}
                  and period not in (select period from unnest(${d.periodTypes.flatMap((t) => periodsBetween(t, extent.first!, extent.last!).map((p) => p.key))}::text[]) as x(period))`.execute(trx);
      const seconds = (Date.now() - t0) / 1000;
      perIndicator[d.id] = seconds;
      await writeState(tx, gemeente, d, 'ok', [], extent.dataUntil, seconds);
    }
    await scratch.close(); // the scratch tables, all at once
  });
  invalidateResults(db, gemeente);
  return { gemeente, indicators: definitions.length, periods: periodCount, rows, seconds: (Date.now() - started) / 1000, perIndicator, stageSeconds, reused, sameStatement };
}

async function writeState(db: Db, gemeente: string, d: IndicatorDefinition, status: 'ok' | 'no_data', missing: string[], dataUntil: string | null, seconds: number) {
  await sql`insert into indicator_state (gemeente_code, indicator_id, version, status, missing, data_until, computed_at, seconds)
    values (${gemeente}, ${d.id}, ${d.version}, ${status}, ${missing}::text[], ${dataUntil}, now(), ${seconds})
    on conflict (gemeente_code, indicator_id, version) do update
      set status = excluded.status, missing = excluded.missing, data_until = excluded.data_until, computed_at = excluded.computed_at, seconds = excluded.seconds`.execute(db);
}
