-- households_multiple_laws_pct
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024],2]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  household_period as (
    select p.period_type, p.period, min(p.p_start) as p_start, min(p.p_end) as p_end, min(p.year) as year, f.gemeente_code,
           coalesce(r.household_key, 'p:' || f.person_id) as household_id, min(f.person_id) as person_id,
           count(*) as n_provisions, count(distinct f.law) as n_laws,
           count(distinct f.law) filter (where f.law in ('wmo', 'jeugd', 'pwet')) as n_core_laws
      from p join f_provision f on f.gemeente_code = $1 and f.start_date <= p.p_end and (f.end_date is null or f.end_date >= p.p_start)
      left join person_residence_span r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= p.p_end and r.span_to > p.p_end
     group by p.period_type, p.period, f.gemeente_code, coalesce(r.household_key, 'p:' || f.person_id)),
  units_household_period_per_period as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, f.person_id as person_id, f.household_id as u_household,
           r.area_code as u_wijk, null::int as u_age, null::text as u_sex, f.n_core_laws
      from household_period f
      join lateral (select f.period_type, f.period, f.p_start, f.p_end, f.year) p on f.gemeente_code = $1
      left join person_residence_span r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= p.p_end and r.span_to > p.p_end),
  nd as (
    select period_type, period, grouping(d_wijk) as gset, coalesce(d_wijk, '') as d_wijk,
           count(*) filter (where u.in_num)::float8 as num_v, count(*) filter (where u.in_den)::float8 as den_v
      from (select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, null::float8 as val_n, null::float8 as val_d,
                   coalesce(u.n_core_laws >= $7, false) as in_num, true as in_den, (u.u_wijk::text) collate "C" as d_wijk
              from units_household_period_per_period u) u
     where u.in_num or u.in_den
     group by grouping sets ((period_type, period), (period_type, period, d_wijk)))
select period_type, period, gset, d_wijk,
       coalesce(num_v, 0) as numerator, coalesce(den_v, 0) as denominator
  from nd
 order by period_type, period, gset, d_wijk
