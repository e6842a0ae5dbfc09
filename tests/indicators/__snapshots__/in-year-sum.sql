-- experienced_effect_pct
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024],"kwaliteit_van_leven","kwaliteit_van_leven"]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  units_experience_in_year as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, null::text as person_id, null::text as u_household,
           null::text as u_wijk, null::int as u_age, null::text as u_sex, f.theme, f.agree, f.law, f.respondents
      from p join f_experience f on f.gemeente_code = $1 and f.year = p.year),
  nd as (
    select period_type, period, grouping(d_wet) as gset, coalesce(d_wet, '') as d_wet,
           coalesce(sum(u.val_n) filter (where u.in_num), 0)::float8 as num_v, coalesce(sum(u.val_d) filter (where u.in_den), 0)::float8 as den_v
      from (select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.agree::float8 as val_n, u.respondents::float8 as val_d,
                   coalesce(u.theme = $7, false) as in_num, coalesce(u.theme = $8, false) as in_den, (u.law::text) collate "C" as d_wet
              from units_experience_in_year u) u
     where u.in_num or u.in_den
     group by grouping sets ((period_type, period), (period_type, period, d_wet)))
select period_type, period, gset, d_wet,
       coalesce(num_v, 0) as numerator, coalesce(den_v, 0) as denominator
  from nd
 order by period_type, period, gset, d_wet
