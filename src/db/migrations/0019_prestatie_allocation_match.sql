-- A prestatie has a valid toewijzing only when the toewijzing with its ToewijzingNummer is the
-- aanbieder's own and is for the declared product, as indicators.md defines
-- declarations_without_allocation_pct ("no valid toewijzing for that product and period"). 0016/0017
-- checked only the number and the period, so a prestatie declared on another aanbieder's toewijzing,
-- or for another product, counted as covered. The product matches when the toewijzing names the same
-- categorie (none: a generieke toewijzing, any product) and the same productcode (none: an
-- aspecifieke toewijzing, any product of the categorie). Catalogue version 3 of the indicator.
create or replace view f_prestatie as
select d.gemeente_code, d.person_id, d.law, d.agb_code, d.referentie_nummer, d.category_code, d.product_code, d.toewijzing_nummer,
       d.periode_begin, d.periode_eind, d.ingediend_op, d.ingediend_cents, d.toegekend_cents, d.status,
       (d.status = 'afgewezen') as rejected,
       not coalesce(t.agb_code = d.agb_code
                    and (t.category_code is null or t.category_code = d.category_code)
                    and (t.product_code is null or t.product_code = d.product_code)
                    -- TR307/TR308: the whole ProductPeriode lies within the toewijzing (0016)
                    and t.ingangsdatum <= d.periode_begin and (t.einddatum is null or t.einddatum >= d.periode_eind), false) as without_allocation,
       cv.uitvoeringsvariant as variant
  from declaratie_current d
  left join toewijzing_current t on t.gemeente_code = d.gemeente_code and t.law = d.law and t.toewijzing_nummer = d.toewijzing_nummer
  left join contract_variant_span cv on cv.gemeente_code = d.gemeente_code and cv.agb_code = d.agb_code and cv.law = d.law
   and cv.span_from <= d.periode_begin and (cv.span_to is null or cv.span_to > d.periode_begin);
