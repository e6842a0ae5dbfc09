-- utilisation_pct
-- params: ["9001",["year","quarter"],["2024","2024-Q1"],["2024-01-01","2024-01-01"],["2024-12-31","2024-03-31"],[2024,2024],"inspanningsgericht","outputgericht","inspanningsgericht","outputgericht"]
with p(period_type, period, p_start, p_end, year) as not materialized (select * from unnest($2::text[], $3::text[], $4::date[], $5::date[], $6::int[])),
  units_prestatie_event_periode_begin as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, f.person_id as person_id, 'p:' || f.person_id as u_household,
           null::text as u_wijk, null::int as u_age, null::text as u_sex, f.variant, f.toegekend_cents, f.law, f.category_code, f.agb_code
      from f_prestatie f
      cross join lateral (values ('year', to_char(f.periode_begin, 'YYYY')), ('quarter', to_char(f.periode_begin, 'YYYY') || '-Q' || extract(quarter from f.periode_begin)::int)) k(period_type, period)
      join p on p.period_type = k.period_type and p.period = k.period and f.gemeente_code = $1
       and f.periode_begin between '2024-01-01'::date and '2024-12-31'::date),
  units_allocation_active as (
    select p.period_type, p.period, p.p_start, p.p_end, p.year, f.person_id as person_id, 'p:' || f.person_id as u_household,
           null::text as u_wijk, null::int as u_age, null::text as u_sex, f.variant, f.cents_per_day, f.ingangsdatum, f.einddatum, f.law, f.category_code, f.agb_code
      from f_allocation f
      cross join lateral generate_series(date_trunc('month', (greatest(date_trunc('year', f.ingangsdatum::timestamp)::date, '2024-01-01'::date))::timestamp), (least(coalesce(f.einddatum, '2024-12-31'::date), '2024-12-31'::date))::timestamp, interval '1 month') k(month_start)
      join p on p.p_start = k.month_start::date and f.gemeente_code = $1 and f.ingangsdatum <= p.p_end and (f.einddatum is null or f.einddatum >= p.p_start)),
  num_u as (
    select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.toegekend_cents::float8 as val, (u.law::text) collate "C" as d_wet, (u.category_code::text) collate "C" as d_productcategorie, (u.agb_code::text) collate "C" as d_aanbieder, (u.variant::text) collate "C" as d_uitvoeringsvariant
      from units_prestatie_event_periode_begin u
     where u.variant in ($7, $8)),
  num as (
    select period_type, period, grouping(d_wet, d_productcategorie, d_aanbieder, d_uitvoeringsvariant) as gset, coalesce(d_wet, '') as d_wet, coalesce(d_productcategorie, '') as d_productcategorie, coalesce(d_aanbieder, '') as d_aanbieder, coalesce(d_uitvoeringsvariant, '') as d_uitvoeringsvariant,
           coalesce(sum(u.val), 0)::float8 as v, count(*)::float8 as n
      from num_u u
     group by grouping sets ((period_type, period), (period_type, period, d_wet), (period_type, period, d_productcategorie), (period_type, period, d_aanbieder), (period_type, period, d_uitvoeringsvariant))),
  den_u as (
    select (u.period_type) collate "C" as period_type, (u.period) collate "C" as period, (u.person_id) collate "C" as person_id, (u.u_household) collate "C" as household_id, u.cents_per_day * (least(coalesce(u.einddatum, u.p_end), u.p_end) - greatest(u.ingangsdatum, u.p_start) + 1)::float8 as val, (u.law::text) collate "C" as d_wet, (u.category_code::text) collate "C" as d_productcategorie, (u.agb_code::text) collate "C" as d_aanbieder, (u.variant::text) collate "C" as d_uitvoeringsvariant
      from units_allocation_active u
     where u.variant in ($9, $10)),
  den as (
    select period_type, period, grouping(d_wet, d_productcategorie, d_aanbieder, d_uitvoeringsvariant) as gset, coalesce(d_wet, '') as d_wet, coalesce(d_productcategorie, '') as d_productcategorie, coalesce(d_aanbieder, '') as d_aanbieder, coalesce(d_uitvoeringsvariant, '') as d_uitvoeringsvariant,
           coalesce(sum(u.val), 0)::float8 as v, count(*)::float8 as n
      from den_u u
     group by grouping sets ((period_type, period), (period_type, period, d_wet), (period_type, period, d_productcategorie), (period_type, period, d_aanbieder), (period_type, period, d_uitvoeringsvariant)))
select period_type, period, gset, d_wet, d_productcategorie, d_aanbieder, d_uitvoeringsvariant,
       coalesce(num.v, 0) as numerator, coalesce(den.v, 0) as denominator
  from den full join num using (period_type, period, gset, d_wet, d_productcategorie, d_aanbieder, d_uitvoeringsvariant)
 order by period_type, period, gset, d_wet, d_productcategorie, d_aanbieder, d_uitvoeringsvariant
