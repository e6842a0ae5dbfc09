-- budget_realisation_pct
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024]]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  units_budget_spend_year_to_date as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, null::text as person_id, null::text as u_household,
           null::text as u_wijk, null::int as u_age, null::text as u_sex, f.amount_cents, f.taakveld, f.law
      from p join f_budget_spend f on f.gemeente_code = $1 and f.year = p.year and f.month <= extract(month from p.p_end)::int and (f.month > 0 or p.period_type = 'year')),
  units_budget_plan_in_year as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, null::text as person_id, null::text as u_household,
           null::text as u_wijk, null::int as u_age, null::text as u_sex, f.amount_cents, f.taakveld, f.law
      from p join f_budget_plan f on f.gemeente_code = $1 and f.year = p.year),
  num_u as (
    select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.amount_cents::float8 as val, (u.taakveld::text) collate "C" as d_taakveld, (u.law::text) collate "C" as d_wet
      from units_budget_spend_year_to_date u),
  num as (
    select period_type, period, grouping(d_taakveld, d_wet) as gset, coalesce(d_taakveld, '') as d_taakveld, coalesce(d_wet, '') as d_wet,
           coalesce(sum(u.val), 0)::float8 as v, count(*)::float8 as n
      from num_u u
     group by grouping sets ((period_type, period), (period_type, period, d_taakveld), (period_type, period, d_wet))),
  den_u as (
    select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.amount_cents::float8 as val, (u.taakveld::text) collate "C" as d_taakveld, (u.law::text) collate "C" as d_wet
      from units_budget_plan_in_year u),
  den as (
    select period_type, period, grouping(d_taakveld, d_wet) as gset, coalesce(d_taakveld, '') as d_taakveld, coalesce(d_wet, '') as d_wet,
           coalesce(sum(u.val), 0)::float8 as v, count(*)::float8 as n
      from den_u u
     group by grouping sets ((period_type, period), (period_type, period, d_taakveld), (period_type, period, d_wet)))
select period_type, period, gset, d_taakveld, d_wet,
       coalesce(num.v, 0) as numerator, coalesce(den.v, 0) as denominator
  from den full join num using (period_type, period, gset, d_taakveld, d_wet)
 order by period_type, period, gset, d_taakveld, d_wet
