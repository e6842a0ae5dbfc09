-- A declared prestatie has a valid toewijzing only when a (not removed) toewijzing with its
-- ToewijzingNummer covers the whole ProductPeriode: Begindatum >= Ingangsdatum (TR307, retourcode 9307)
-- and Einddatum <= Einddatum of the toewijzing when it has one (TR308, 9308). 0009 tested for overlap,
-- so a prestatie that began before the Ingangsdatum (or ended after the Einddatum) counted as covered.
create or replace view f_prestatie as
select d.gemeente_code, d.person_id, d.law, d.agb_code, d.referentie_nummer, d.category_code, d.product_code, d.toewijzing_nummer,
       d.periode_begin, d.periode_eind, d.ingediend_op, d.ingediend_cents, d.toegekend_cents, d.status,
       (d.status = 'afgewezen') as rejected,
       not exists (select 1 from f_toewijzing t
                    where t.gemeente_code = d.gemeente_code and t.law = d.law and t.toewijzing_nummer = d.toewijzing_nummer
                      and t.ingangsdatum <= d.periode_begin and (t.einddatum is null or t.einddatum >= d.periode_eind)) as without_allocation,
       contract_variant(d.gemeente_code, d.agb_code, d.law, d.periode_begin) as variant
  from declaratie_current d;
