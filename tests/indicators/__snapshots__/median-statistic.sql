-- wmo_decision_days_median
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024],"wmo","ingetrokken","geen_aanvraag","wmo","ingetrokken","geen_aanvraag"]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  units_toegang_event as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, f.person_id as person_id, coalesce(r.household_key, 'p:' || f.person_id) as u_household,
           r.area_code as u_wijk, ag.age as u_age, pe.sex as u_sex, f.law, f.besluit, f.decision_days, f.team, f.category_code
      from f_toegang f
      cross join lateral (values ('year', to_char(f.besluit_date, 'YYYY')), ('quarter', to_char(f.besluit_date, 'YYYY') || '-Q' || extract(quarter from f.besluit_date)::int)) k(period_type, period)
      join p on p.period_type = k.period_type and p.period = k.period and f.gemeente_code = $1
       and f.besluit_date between '2024-01-01'::date and '2024-12-31'::date
      left join person pe on pe.gemeente_code = f.gemeente_code and pe.person_id = f.person_id
      left join lateral (select (extract(year from p.p_end)::int - pe.birth_year - (case when coalesce(pe.birth_month, 1) > extract(month from p.p_end)::int then 1 else 0 end)) as age) ag on true
      left join person_residence_span r on r.gemeente_code = f.gemeente_code and r.person_id = f.person_id and r.span_from <= p.p_end and r.span_to > p.p_end),
  nd as (
    select period_type, period, grouping(d_wijk, d_team, d_productcategorie, d_leeftijd, d_geslacht) as gset, coalesce(d_wijk, '') as d_wijk, coalesce(d_team, '') as d_team, coalesce(d_productcategorie, '') as d_productcategorie, coalesce(d_leeftijd, '') as d_leeftijd, coalesce(d_geslacht, '') as d_geslacht,
           percentile_cont(0.5) within group (order by u.val_n) filter (where u.in_num)::float8 as num_v, count(*) filter (where u.in_den)::float8 as den_v
      from (select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.decision_days::float8 as val_n, null::float8 as val_d,
                   coalesce(u.law = $7 and coalesce(u.besluit not in ($8, $9), true), false) as in_num, coalesce(u.law = $10 and coalesce(u.besluit not in ($11, $12), true), false) as in_den, (u.u_wijk::text) collate "C" as d_wijk, (u.team::text) collate "C" as d_team, (u.category_code::text) collate "C" as d_productcategorie, ((case when u.u_age >= 75 then '75+' when u.u_age >= 65 then '65-74' when u.u_age >= 23 then '23-64' when u.u_age >= 18 then '18-22' when u.u_age >= 12 then '12-17' when u.u_age >= 4 then '4-11' when u.u_age >= 0 then '0-3' else null end)::text) collate "C" as d_leeftijd, (u.u_sex::text) collate "C" as d_geslacht
              from units_toegang_event u) u
     where u.in_num or u.in_den
     group by grouping sets ((period_type, period), (period_type, period, d_wijk), (period_type, period, d_team), (period_type, period, d_productcategorie), (period_type, period, d_leeftijd), (period_type, period, d_geslacht)))
select period_type, period, gset, d_wijk, d_team, d_productcategorie, d_leeftijd, d_geslacht,
       num_v as numerator, coalesce(den_v, 0) as denominator
  from nd
 order by period_type, period, gset, d_wijk, d_team, d_productcategorie, d_leeftijd, d_geslacht
