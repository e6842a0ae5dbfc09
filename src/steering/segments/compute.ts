import { CompiledQuery } from 'kysely';
import { createScratchTable, openScratch, readRelationCatalog, sql, type Db } from '../../db/index.js';
import { findIndicator } from '../../indicators/catalogue.js';
import { columnsFor, compileUnitsTable, postgres, RESIDENCE_VIEW, unitsName } from '../../indicators/compiler.js';
import { extentOf } from '../../indicators/compute.js';
import { tablesRead } from '../../indicators/dependencies.js';
import type { Measure } from '../../indicators/definition.js';
import { periodsBetween, type Period, type PeriodType } from '../../model/periods.js';

/**
 * Precomputes the pyramid's person-level aggregates after every import (and after a change of
 * segment_config): flows between segments, draagkracht/draaglast per segment (ZRM) and stapeling
 * per household, per gemeente and wijk, into segment_flow, segment_zrm and segment_stapeling. All
 * aggregation happens in SQL; person rows never leave the database. The segments come from the
 * indicator compiler's own per-period fact (person_period, materialised with compileUnitsTable), so
 * the flows and the segment_* indicators use one rule.
 */

export const FLOW_PERIOD_TYPES: readonly PeriodType[] = ['year', 'halfyear', 'quarter'];

/** The person_period unit relation with the segment (vulnerable) and the wijk at the end of P. */
const SEGMENT_MEASURE: Measure = { fact: 'person_period', boundary: 'per_period', count: 'persons', where: [{ field: 'vulnerable', op: '=', value: true }] };
const UNITS = unitsName(SEGMENT_MEASURE);
/** The scratch copy of the gemeente's residence spans (person_residence_span) the statements read. */
const RESIDENCE = 'seg_residence';

export interface SegmentComputeStats {
  gemeente: string; periods: number; flows: number; zrm: number; stapeling: number; seconds: number; stageSeconds: Record<string, number>;
  /** Nothing recomputed: none of the changed tables is read by the segment statements. */
  skipped?: boolean;
}

/** A leaver's end reasons: death and a move to another gemeente, per source (see docs/segments.md). */
const DEATH = `(exists (select 1 from trajectory t join end_reason e on e.law = t.law and e.code = t.end_reason
                     where t.gemeente_code = $1 and t.person_id = m.person_id and e.koers_class = 'overlijden' and t.end_date between m.p1_start and m.p2_end)
            or exists (select 1 from benefit_spell b where b.gemeente_code = $1 and b.person_id = m.person_id and b.end_reason = 'overlijden' and b.end_date between m.p1_start and m.p2_end)
            or exists (select 1 from schuldhulp_case s where s.gemeente_code = $1 and s.person_id = m.person_id and s.end_reason = 'overleden' and s.end_date between m.p1_start and m.p2_end))`;
const MOVED = `(exists (select 1 from trajectory t where t.gemeente_code = $1 and t.person_id = m.person_id and t.law = 'wmo' and t.end_reason = '31' and t.end_date between m.p1_start and m.p2_end)
            or exists (select 1 from benefit_spell b where b.gemeente_code = $1 and b.person_id = m.person_id and b.end_reason = 'verhuizing' and b.end_date between m.p1_start and m.p2_end)
            or exists (select 1 from schuldhulp_case s where s.gemeente_code = $1 and s.person_id = m.person_id and s.end_reason = 'verhuisd' and s.end_date between m.p1_start and m.p2_end))`;

/** Thresholds as in the compiler's person_period CTE (defaults when the gemeente has no row). */
const CONFIG = `(select coalesce(min(c.zrm_months), 12)::int as zrm_months, coalesce(min(c.zrm_max_score), 2) as zrm_max_score from segment_config c where c.gemeente_code = $1)`;

function flowSql(residence = RESIDENCE_VIEW): string {
  return `insert into segment_flow (gemeente_code, period_type, from_period, to_period, area_code, from_segment, to_segment, persons)
with pairs(period_type, p1, p2, p1_start, p1_end, p2_end) as (select * from unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[])),
  seg as (select period_type, period, person_id, case when vulnerable then 'kwetsbaar' else 'licht' end as segment from ${UNITS}),
  ppl as (select x.*, s.person_id from pairs x join seg s on s.period_type = x.period_type and s.period = x.p1
          union
          select x.*, s.person_id from pairs x join seg s on s.period_type = x.period_type and s.period = x.p2),
  m as (select k.*, a.segment as s1, b.segment as s2
          from ppl k
          left join seg a on a.period_type = k.period_type and a.period = k.p1 and a.person_id = k.person_id
          left join seg b on b.period_type = k.period_type and b.period = k.p2 and b.person_id = k.person_id),
  cls as materialized (
    select m.period_type, m.p1, m.p2,
           case when m.s1 is not null then m.s1
                when (pe.birth_year is not null and make_date(pe.birth_year, coalesce(pe.birth_month, 1), 1) > m.p1_end)
                  or (r1.person_id is not null and r1.area_code is null) then 'instroom'
                else 'zelfredzaam' end as f,
           case when m.s2 is not null then m.s2
                when ${DEATH} then 'overleden'
                when (r2.person_id is not null and r2.area_code is null) or ${MOVED} then 'vertrokken'
                else 'zelfredzaam' end as t,
           r1.area_code as a1, r2.area_code as a2
      from m
      left join person pe on pe.gemeente_code = $1 and pe.person_id = m.person_id
      left join ${residence} r1 on r1.gemeente_code = $1 and r1.person_id = m.person_id and r1.span_from <= m.p1_end and r1.span_to > m.p1_end
      left join ${residence} r2 on r2.gemeente_code = $1 and r2.person_id = m.person_id and r2.span_from <= m.p2_end and r2.span_to > m.p2_end),
  w as (select period_type, p1, p2, f, t, case when t in ('vertrokken', 'overleden') then a1 else a2 end as wijk from cls)
select $1, period_type, p1, p2, case when grouping(wijk) = 1 then 'GM' || $1 else wijk end, f, t, count(*)
  from w
 group by grouping sets ((period_type, p1, p2, f, t), (period_type, p1, p2, wijk, f, t))
having grouping(wijk) = 1 or wijk is not null`;
}

function zrmSql(residence = RESIDENCE_VIEW): string {
  return `insert into segment_zrm (gemeente_code, period_type, period, area_code, segment, kind, item, persons)
with per(period_type, period, p_end) as (select * from unnest($2::text[], $3::text[], $4::date[])),
  sc as ${CONFIG},
  zp as (select distinct on (x.period_type, x.period, z.person_id) x.period_type, x.period, x.p_end, z.person_id, z.assessment_date
           from per x cross join sc
           join zrm_assessment z on z.gemeente_code = $1 and z.assessment_date <= x.p_end and z.assessment_date > (x.p_end - make_interval(months => sc.zrm_months))::date
          order by x.period_type, x.period, z.person_id, z.assessment_date desc),
  zs as (select zp.period_type, zp.period, zp.person_id, min(zp.p_end) as p_end,
                count(*) filter (where z.score >= 4) as strong, count(*) filter (where z.score <= 2) as weak,
                greatest(coalesce(min(z.score) filter (where z.domain = 'werk_opleiding'), 0), coalesce(min(z.score) filter (where z.domain = 'tijdsbesteding'), 0)) between 1 and min(sc.zrm_max_score) as werk,
                coalesce(min(z.score) filter (where z.domain = 'huisvesting'), 5) <= min(sc.zrm_max_score) as huisvesting,
                coalesce(min(z.score) filter (where z.domain = 'financien'), 5) <= min(sc.zrm_max_score) as financien,
                coalesce(min(z.score) filter (where z.domain = 'sociaal_netwerk'), 5) <= min(sc.zrm_max_score) as sociaal_netwerk
           from zp cross join sc
           join zrm_assessment z on z.gemeente_code = $1 and z.person_id = zp.person_id and z.assessment_date = zp.assessment_date
          group by zp.period_type, zp.period, zp.person_id),
  ps as (select zs.*, case when u.person_id is null then 'zelfredzaam' when u.vulnerable then 'kwetsbaar' else 'licht' end as segment, r.area_code as wijk
           from zs
           left join ${UNITS} u on u.period_type = zs.period_type and u.period = zs.period and u.person_id = zs.person_id
           left join ${residence} r on r.gemeente_code = $1 and r.person_id = zs.person_id and r.span_from <= zs.p_end and r.span_to > zs.p_end),
  v as (select ps.period_type, ps.period, ps.wijk, ps.segment, x.kind, x.item, x.n
          from ps cross join lateral (values ('total', '', 1),
            ('balance', case when ps.strong > ps.weak then 'sterk' when ps.strong < ps.weak then 'zwak' else 'gelijk' end, 1),
            ('basis', 'werk', ps.werk::int), ('basis', 'huisvesting', ps.huisvesting::int), ('basis', 'financien', ps.financien::int), ('basis', 'sociaal_netwerk', ps.sociaal_netwerk::int),
            ('domains', 'sterk', ps.strong::int), ('domains', 'zwak', ps.weak::int)) x(kind, item, n))
select $1, period_type, period, case when grouping(wijk) = 1 then 'GM' || $1 else wijk end, case when grouping(segment) = 1 then 'alle' else segment end, kind, item, sum(n)
  from v
 group by grouping sets ((period_type, period, segment, kind, item), (period_type, period, wijk, segment, kind, item), (period_type, period, kind, item), (period_type, period, wijk, kind, item))
having grouping(wijk) = 1 or wijk is not null`;
}

function stapelingSql(residence = RESIDENCE_VIEW): string {
  return `insert into segment_stapeling (gemeente_code, period_type, period, area_code, kind, item, households)
with years(period, p_start, p_end) as (select * from unnest($2::text[], $3::date[], $4::date[])),
  hh as (select y.period, coalesce(r.household_key, 'p:' || f.person_id) as household_id, min(r.area_code) as wijk, count(*) as n,
                string_agg(distinct f.law, '+' order by f.law) as combo
           from years y join f_provision f on f.gemeente_code = $1 and f.start_date <= y.p_end and (f.end_date is null or f.end_date >= y.p_start)
           left join ${residence} r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= y.p_end and r.span_to > y.p_end
          group by y.period, coalesce(r.household_key, 'p:' || f.person_id)),
  v as (select hh.period, hh.wijk, x.kind, x.item
          from hh cross join lateral (values ('total', ''), ('count', case when hh.n >= 4 then '4+' else hh.n::text end), ('combo', hh.combo)) x(kind, item))
select $1, 'year', period, case when grouping(wijk) = 1 then 'GM' || $1 else wijk end, kind, item, count(*)
  from v
 group by grouping sets ((period, kind, item), (period, wijk, kind, item))
having grouping(wijk) = 1 or wijk is not null`;
}

/**
 * The base tables the segment figures are computed from: the statements below and the extent of
 * segment_vulnerable_pct (which gives their periods), followed through views and functions in the
 * catalog, as for an indicator (indicators/dependencies.ts).
 */
export async function segmentTablesRead(db: Db): Promise<Set<string>> {
  const catalog = await readRelationCatalog(db);
  const units = compileUnitsTable(SEGMENT_MEASURE, '0000', periodsBetween('year', '2025-01-01', '2025-01-01'), columnsFor([SEGMENT_MEASURE], ['wijk']));
  return new Set([...catalog.baseTables([units.text, flowSql(), zrmSql(), stapelingSql()].join('\n')), ...tablesRead(findIndicator('segment_vulnerable_pct')!, catalog)]);
}

export interface SegmentRecomputeOptions {
  /** Only these tables changed (an import's touched tables): nothing is recomputed when the segments read none of them. */
  tables?: readonly string[];
}

/**
 * Recomputes the gemeente's segment aggregates for the periods from `from` (null = all) up to the
 * latest data, in one transaction. Periods outside the data's extent are removed.
 */
export async function recomputeSegments(db: Db, gemeente: string, from?: string | null, opts: SegmentRecomputeOptions = {}): Promise<SegmentComputeStats> {
  const started = Date.now();
  const d = findIndicator('segment_vulnerable_pct')!;
  const stats: SegmentComputeStats = { gemeente, periods: 0, flows: 0, zrm: 0, stapeling: 0, seconds: 0, stageSeconds: {} };
  if (opts.tables) {
    const read = await segmentTablesRead(db);
    if (!opts.tables.some((t) => read.has(t))) return { ...stats, skipped: true };
  }
  let t0 = Date.now();
  const stage = (name: string) => { stats.stageSeconds[name] = (Date.now() - t0) / 1000; t0 = Date.now(); };
  await db.transaction().execute(async (trx) => {
    const tx = trx as unknown as Db;
    // The person-level joins below sort and hash ~10⁵ rows per 10 000 inhabitants; the default 4 MB spills to disk.
    await sql`set local work_mem = '32MB'`.execute(trx);
    const extent = await extentOf(tx, gemeente, d);
    if (!extent.first || !extent.last) {
      for (const t of ['segment_flow', 'segment_zrm', 'segment_stapeling']) await sql`delete from ${sql.table(t)} where gemeente_code = ${gemeente}`.execute(trx);
      return;
    }
    const all = FLOW_PERIOD_TYPES.flatMap((t) => periodsBetween(t, extent.first!, extent.last!));
    const fresh = (p: Period) => !from || p.end >= from;
    // Pairs of consecutive periods whose second period can have changed.
    const pairs: [Period, Period][] = [];
    for (const t of FLOW_PERIOD_TYPES) {
      const ps = all.filter((p) => p.type === t);
      for (let i = 1; i < ps.length; i++) if (fresh(ps[i]!)) pairs.push([ps[i - 1]!, ps[i]!]);
    }
    const current = all.filter(fresh);
    const needed = new Map<string, Period>();
    for (const p of [...current, ...pairs.flatMap((x) => x)]) needed.set(`${p.type}|${p.key}`, p);
    stats.periods = current.length;
    const keys = (ps: Period[]) => ps.map((p) => p.key);
    const allKeys = keys(all);
    const currentKeys = keys(current);
    await sql`delete from segment_flow where gemeente_code = ${gemeente} and (to_period = any(${currentKeys}::text[]) or not (to_period = any(${allKeys}::text[])) or not (from_period = any(${allKeys}::text[])))`.execute(trx);
    await sql`delete from segment_zrm where gemeente_code = ${gemeente} and (period = any(${currentKeys}::text[]) or not (period = any(${allKeys}::text[])))`.execute(trx);
    await sql`delete from segment_stapeling where gemeente_code = ${gemeente} and (period = any(${currentKeys}::text[]) or not (period = any(${allKeys}::text[])))`.execute(trx);
    if (!needed.size) return;
    // The residence spans every statement below reads (wijk and household at a period's end): computed
    // once instead of once per statement (the view's window passes over every residence each time).
    const scratch = await openScratch(trx);
    await sql`${sql.raw(createScratchTable(scratch.kind, RESIDENCE))} select * from person_residence_span where gemeente_code = ${gemeente}`.execute(trx);
    await sql.raw(`analyze ${RESIDENCE}`).execute(trx);
    stage('residence');
    const units = compileUnitsTable(SEGMENT_MEASURE, gemeente, [...needed.values()], columnsFor([SEGMENT_MEASURE], ['wijk']), postgres, undefined, RESIDENCE, scratch.kind);
    await tx.executeQuery(CompiledQuery.raw(units.text, units.params));
    await sql.raw(`analyze ${UNITS}`).execute(trx);
    stage('units');
    if (pairs.length) {
      const r = await tx.executeQuery(CompiledQuery.raw(flowSql(RESIDENCE), [gemeente, pairs.map(([a]) => a.type), pairs.map(([a]) => a.key), pairs.map(([, b]) => b.key),
        pairs.map(([a]) => a.start), pairs.map(([a]) => a.end), pairs.map(([, b]) => b.end)]));
      stats.flows = Number(r.numAffectedRows ?? 0);
      stage('flows');
    }
    if (current.length) {
      const r = await tx.executeQuery(CompiledQuery.raw(zrmSql(RESIDENCE), [gemeente, current.map((p) => p.type), currentKeys, current.map((p) => p.end)]));
      stats.zrm = Number(r.numAffectedRows ?? 0);
      stage('zrm');
    }
    const years = current.filter((p) => p.type === 'year');
    if (years.length) {
      const r = await tx.executeQuery(CompiledQuery.raw(stapelingSql(RESIDENCE), [gemeente, keys(years), years.map((p) => p.start), years.map((p) => p.end)]));
      stats.stapeling = Number(r.numAffectedRows ?? 0);
      stage('stapeling');
    }
    await scratch.close(); // the units and the residence spans, all at once
  });
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}
