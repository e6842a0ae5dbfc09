-- bbv_youth_jeugdhulp_pct
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024],"jeugd","47","48"]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  units_trajectory_active as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, f.person_id as person_id, coalesce(r.household_key, 'p:' || f.person_id) as u_household,
           r.area_code as u_wijk, ag.age as u_age, pe.sex as u_sex, f.law, f.category_code
      from f_trajectory f
      cross join lateral generate_series(date_trunc('month', (greatest(date_trunc('year', f.start_date::timestamp)::date, '2024-01-01'::date))::timestamp), (least(coalesce(f.end_date, '2024-12-31'::date), '2024-12-31'::date))::timestamp, interval '1 month') k(month_start)
      join p on p.p_start = k.month_start::date and f.gemeente_code = $1 and f.start_date <= p.p_end and (f.end_date is null or f.end_date >= p.p_start)
      left join person pe on pe.gemeente_code = f.gemeente_code and pe.person_id = f.person_id
      left join lateral (select (extract(year from p.p_end)::int - pe.birth_year - (case when coalesce(pe.birth_month, 1) > extract(month from p.p_end)::int then 1 else 0 end)) as age) ag on true
      left join person_residence_span r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= p.p_end and r.span_to > p.p_end),
  num_u as (
    select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, null::float8 as val, (u.u_wijk::text) collate "C" as d_wijk, ((case when u.u_age >= 75 then '75+' when u.u_age >= 65 then '65-74' when u.u_age >= 23 then '23-64' when u.u_age >= 18 then '18-22' when u.u_age >= 12 then '12-17' when u.u_age >= 4 then '4-11' when u.u_age >= 0 then '0-3' else null end)::text) collate "C" as d_leeftijd, (u.u_sex::text) collate "C" as d_geslacht
      from units_trajectory_active u
     where u.law = $7
       and coalesce(u.category_code not in ($8, $9), true)
       and u.u_age between 0 and 17),
  num_k as (
    select period_type, period, d_wijk, d_leeftijd, d_geslacht, person_id, count(*) as n
      from num_u u
     group by period_type, period, d_wijk, d_leeftijd, d_geslacht, person_id),
  num_c as (
    select period_type, period, d_wijk, d_leeftijd, d_geslacht, count(u.person_id) as v, sum(u.n) as n
      from num_k u
     group by period_type, period, d_wijk, d_leeftijd, d_geslacht),
  num as (
    select period_type, period, grouping(d_wijk, d_leeftijd, d_geslacht) as gset, coalesce(d_wijk, '') as d_wijk, coalesce(d_leeftijd, '') as d_leeftijd, coalesce(d_geslacht, '') as d_geslacht,
           sum(u.v)::float8 as v, sum(u.n)::float8 as n
      from num_c u
     group by grouping sets ((period_type, period), (period_type, period, d_wijk), (period_type, period, d_leeftijd), (period_type, period, d_geslacht))),
  den_u as (
    select (p.period_type) collate "C" as period_type, (p.period) collate "C" as period, pop.inhabitants, (pop.area_code::text) collate "C" as d_wijk, ((case when pop.age >= 75 then '75+' when pop.age >= 65 then '65-74' when pop.age >= 23 then '23-64' when pop.age >= 18 then '18-22' when pop.age >= 12 then '12-17' when pop.age >= 4 then '4-11' when pop.age >= 0 then '0-3' else null end)::text) collate "C" as d_leeftijd, (pop.sex::text) collate "C" as d_geslacht
      from p join population pop on pop.gemeente_code = $1 and pop.year = p.year and pop.age between 0 and 17),
  den as (
    select period_type, period, grouping(d_wijk, d_leeftijd, d_geslacht) as gset, coalesce(d_wijk, '') as d_wijk, coalesce(d_leeftijd, '') as d_leeftijd, coalesce(d_geslacht, '') as d_geslacht,
           sum(inhabitants)::float8 as v, count(*)::float8 as n
      from den_u
     group by grouping sets ((period_type, period), (period_type, period, d_wijk), (period_type, period, d_leeftijd), (period_type, period, d_geslacht)))
select period_type, period, gset, d_wijk, d_leeftijd, d_geslacht,
       coalesce(num.v, 0) as numerator, coalesce(den.v, 0) as denominator
  from den full join num using (period_type, period, gset, d_wijk, d_leeftijd, d_geslacht)
 order by period_type, period, gset, d_wijk, d_leeftijd, d_geslacht
