/**
 * Indicator engine figures (issue 4): full recompute, and for three representative indicators the
 * ratio between the engine's statement and a hand-written single SQL query for the same numbers
 * on the same database (the practical limit). The numbers of both must be equal — the hand query
 * doubles as an independent check of the compiler.
 */
import fs from 'node:fs';
import { CompiledQuery } from 'kysely';
import { sql, type Db } from '../src/db/index.js';
import { compileIndicator, findIndicator, recomputeGemeente, type IndicatorDefinition } from '../src/indicators/index.js';
import { periodsBetween, type PeriodType } from '../src/model/periods.js';

const out = (s: string) => process.stdout.write(s + '\n');

/** CPU seconds (user + system) of a process from /proc (Linux); 0 elsewhere. */
function procCpu(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch { return 0; }
}

/**
 * CPU seconds spent so far by this process, its child processes (the embedded database runs in a
 * forked child) and, for a PostgreSQL server on this machine, the backends connected to the same
 * database. The machine is shared, so wall time alone says little.
 */
export async function cpuSeconds(db: Db): Promise<number> {
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1e6;
  try {
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(stat[1]) === process.pid) total += procCpu(Number(d));
    }
    const pids = (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and pid <> 0`.execute(db)).rows.map((r) => r.pid);
    // Only real PostgreSQL backends (the embedded database reports made-up pids; it is a child, counted above).
    for (const pid of new Set(pids)) if (fs.existsSync(`/proc/${pid}/comm`) && fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) total += procCpu(pid);
  } catch { /* not Linux, or the server is elsewhere */ }
  return total;
}

export async function fullRecompute(db: Db, gemeente: string): Promise<void> {
  const cpu0 = await cpuSeconds(db);
  const s = await recomputeGemeente(db, gemeente, null);
  const cpu = (await cpuSeconds(db)) - cpu0;
  out(`full recompute: ${s.indicators} indicators, ${s.periods} periods, ${s.rows} values (all breakdowns) in ${s.seconds.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)`);
  const top = [...Object.entries(s.stageSeconds ?? {}), ...Object.entries(s.perIndicator ?? {})].sort((a, b) => b[1] - a[1]).slice(0, 5);
  out(`  slowest steps: ${top.map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
}

interface Case { id: string; periodTypes: PeriodType[]; by: 'wijk' | 'wet' | null; hand: (g: string, from: string, to: string) => string }

/**
 * Hand-written SQL, straight from indicators.md, producing (period_type, period, gset, key, numerator,
 * denominator): the same cells as the engine's statement, i.e. the total per period (gset 1, key '')
 * and the breakdown (gset 0), so both do the same work.
 */
const CASES: Case[] = [
  {
    id: 'wmo_clients_per_1000', periodTypes: ['year', 'quarter'], by: 'wijk',
    hand: (g, from, to) => `
      with p as (
        select 'year' as period_type, to_char(d, 'YYYY') as period, d::date as p_start, (d + interval '1 year' - interval '1 day')::date as p_end, extract(year from d)::int as year
          from generate_series('${from}'::date, '${to}'::date, interval '1 year') d
        union all
        select 'quarter', to_char(d, 'YYYY') || '-Q' || extract(quarter from d), d::date, (d + interval '3 months' - interval '1 day')::date, extract(year from d)::int
          from generate_series('${from}'::date, '${to}'::date, interval '3 months') d),
      res as (select person_id, area_code, valid_from, lead(valid_from) over (partition by person_id order by valid_from) as next_from,
                     row_number() over (partition by person_id order by valid_from) as n
                from person_residence where gemeente_code = '${g}'),
      act as (select distinct p.period_type, p.period, t.person_id, p.p_end from p join trajectory t
                on t.gemeente_code = '${g}' and t.law = 'wmo' and t.start_date <= p.p_end and (t.end_date is null or t.end_date >= p.p_start)),
      placed as (select a.period_type, a.period, r.area_code from act a left join res r on r.person_id = a.person_id
                   and (r.n = 1 or r.valid_from <= a.p_end) and (r.next_from is null or r.next_from > a.p_end)),
      num as (select period_type, period, grouping(area_code) as gset, coalesce(area_code, '') as area_code, count(*) as n from placed
               group by grouping sets ((period_type, period, area_code), (period_type, period))),
      den as (select p.period_type, p.period, grouping(pop.area_code) as gset, coalesce(pop.area_code, '') as area_code, sum(pop.inhabitants) as d
                from p join population pop on pop.gemeente_code = '${g}' and pop.year = p.year
               group by grouping sets ((p.period_type, p.period, pop.area_code), (p.period_type, p.period)))
      select den.period_type, den.period, den.gset, den.area_code as key, coalesce(num.n, 0)::float8 as numerator, den.d::float8 as denominator
        from den left join num using (period_type, period, gset, area_code)`,
  },
  {
    id: 'ended_as_planned_pct', periodTypes: ['year', 'quarter'], by: 'wet',
    hand: (g) => `
      select x.period_type, x.period, grouping(t.law) as gset, coalesce(t.law, '') as key,
             count(*) filter (where er.koers_class = 'volgens_plan')::float8 as numerator, count(*)::float8 as denominator
        from trajectory t
        left join end_reason er on er.law = t.law and er.code = t.end_reason
        cross join lateral (values ('year', to_char(t.end_date, 'YYYY')), ('quarter', to_char(t.end_date, 'YYYY') || '-Q' || extract(quarter from t.end_date))) x(period_type, period)
       where t.gemeente_code = '${g}' and t.end_date is not null and coalesce(t.end_reason, '') not in ('02', '36', '37', '38')
       group by grouping sets ((x.period_type, x.period, t.law), (x.period_type, x.period))`,
  },
  {
    id: 'wmo_decision_days_median', periodTypes: ['year', 'quarter'], by: null,
    hand: (g) => `
      select x.period_type, x.period, 0 as gset, '' as key, percentile_cont(0.5) within group (order by c.besluit_date - c.melding_date)::float8 as numerator, count(*)::float8 as denominator
        from toegang_case c
        cross join lateral (values ('year', to_char(c.besluit_date, 'YYYY')), ('quarter', to_char(c.besluit_date, 'YYYY') || '-Q' || extract(quarter from c.besluit_date))) x(period_type, period)
       where c.gemeente_code = '${g}' and c.law = 'wmo' and c.besluit_date is not null and coalesce(c.besluit, '') not in ('ingetrokken', 'geen_aanvraag')
       group by x.period_type, x.period`,
  },
];

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

export async function engineVsHand(db: Db, gemeente: string): Promise<void> {
  const bounds = (await sql<{ first: string; last: string }>`
    select (select min(year) from population where gemeente_code = ${gemeente})::text || '-01-01' as first,
           least((select max(dagtekening) from received_message where gemeente_code = ${gemeente}), ((select max(year) from population where gemeente_code = ${gemeente})::text || '-12-31')::date)::text as last`.execute(db)).rows[0]!;
  for (const c of CASES) {
    const base = findIndicator(c.id)!;
    const d: IndicatorDefinition = { ...base, periodTypes: c.periodTypes, breakdowns: c.by ? [c.by] : [] };
    const periods = c.periodTypes.flatMap((t) => periodsBetween(t, bounds.first, bounds.last));
    const q = compileIndicator(d, gemeente, periods);
    type R = { period_type: string; period: string; key: string; numerator: number | null; denominator: number | null; gset?: number; [k: string]: unknown };
    const runEngine = () => db.executeQuery<R>(CompiledQuery.raw(q.text, q.params));
    const runHand = () => db.executeQuery<R>(CompiledQuery.raw(c.hand(gemeente, bounds.first.slice(0, 10), bounds.last), []));
    await runEngine(); await runHand(); // warm up both
    const te: number[] = [], th: number[] = [];
    let eng: R[] = [], hand: R[] = [];
    for (let i = 0; i < 5; i++) {
      const [a, ta] = await time(runEngine); te.push(ta); eng = a.rows;
      const [b, tb] = await time(runHand); th.push(tb); hand = b.rows;
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Compare the numbers, cell by cell: totals and breakdown (an unknown wijk is a cell with key '').
    const dimCol = c.by ? `d_${c.by}` : null;
    const cell = (r: R, key: unknown) => `${r.period_type}|${r.period}|${Number(r.gset)}|${String(key ?? '')}`;
    const engMap = new Map(eng.map((r) => [cell(r, dimCol ? r[dimCol] : ''), r]));
    let mismatches = 0;
    const computed = new Set(periods.map((p) => `${p.type}|${p.key}`));
    for (const h of hand) {
      if (!computed.has(`${h.period_type}|${h.period}`)) continue; // e.g. ends dated after the latest data
      const e = engMap.get(cell(h, h.key));
      if (!e || Number(e.numerator ?? NaN).toFixed(6) !== Number(h.numerator ?? NaN).toFixed(6) || Number(e.denominator).toFixed(6) !== Number(h.denominator).toFixed(6)) mismatches++;
    }
    out(`${c.id} (${c.periodTypes.join('+')}, by ${c.by ?? 'total'}): engine ${med(te).toFixed(0)} ms, hand-written ${med(th).toFixed(0)} ms, ratio ${(med(te) / med(th)).toFixed(2)}; ${hand.filter((h) => computed.has(`${h.period_type}|${h.period}`)).length} cells compared, ${mismatches} differ`);
  }
}
