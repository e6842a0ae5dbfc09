-- The declaratie state and the facts built on it, as set-based joins instead of per-row lookups.
-- Same columns, same rules (0004, 0009, 0016); only the plans change. Per prestatie the old views ran
-- an index lookup for the 325 line, one for a credit naming it, one for its toewijzing and a call of
-- contract_variant(): on the demo gemeente about 6 s to materialise f_prestatie on the embedded engine,
-- and more for an incremental recompute (issue 4, "declaratie state"). Answers, credits and current
-- toewijzingen are few compared with prestaties, so each is now reduced once (DISTINCT ON) and
-- hash-joined. f_prestatie takes the uitvoeringsvariant from contract_variant_span, a handful of rows
-- per aanbieder and law, hash-joined, instead of a call of contract_variant() per row; f_trajectory and
-- f_allocation inline the function's query (same rule; the function stays for other callers).

-- The current version of each toewijzing that was not withdrawn as never sent (as f_toewijzing).
create view toewijzing_current as
select v.*
  from (select distinct on (gemeente_code, law, toewijzing_nummer) *
          from toewijzing_record
         order by gemeente_code, law, toewijzing_nummer, toewijzingsdatum desc, toewijzingstijd desc, dagtekening desc) v
 where not (coalesce(v.reden_wijziging, '') = '13' or (coalesce(v.reden_wijziging, '') = '01' and v.einddatum is not distinct from v.ingangsdatum));

-- The uitvoeringsvariant of an aanbieder's contract for a law as spans of dates (span_to exclusive,
-- null = open): the set of contracts valid on a day changes only on a valid_from or the day after a
-- valid_to, so between those days contract_variant() gives one answer, computed here once per span.
create view contract_variant_span as
select b.gemeente_code, b.agb_code, b.law, b.span_from,
       lead(b.span_from) over (partition by b.gemeente_code, b.agb_code, b.law order by b.span_from) as span_to,
       v.uitvoeringsvariant
  from (select gemeente_code, agb_code, law, valid_from as span_from from contract
        union
        select gemeente_code, agb_code, law, valid_to + 1 from contract where valid_to is not null) b
  left join lateral (select c.uitvoeringsvariant from contract c
                      where c.gemeente_code = b.gemeente_code and c.agb_code = b.agb_code and c.law = b.law
                        and c.valid_from <= b.span_from and (c.valid_to is null or c.valid_to >= b.span_from)
                      order by c.valid_from desc, c.contract_code desc limit 1) v on true;

-- Two contracts starting on the same day: the one with the highest code, in the function as in the spans.
create or replace function contract_variant(g char(4), agb char(8), l text, d date) returns text
language sql stable as $$
  select c.uitvoeringsvariant from contract c
   where c.gemeente_code = g and c.agb_code = agb and c.law = l and c.valid_from <= d and (c.valid_to is null or c.valid_to >= d)
   order by c.valid_from desc, c.contract_code desc limit 1
$$;

create or replace view prestatie_beoordeling as
select p.gemeente_code, p.message_id, p.seq, p.law, p.agb_code, p.referentie_nummer, p.vorig_referentie_nummer, p.debet_credit,
       p.dagtekening, p.identificatie,
       a.message_id as antwoord_message_id,
       a.dagtekening as beantwoord_op,
       case when a.message_id is null then 'ingediend'
            when not a.akkoord or coalesce(pa.afgewezen, false) then 'afgewezen'
            else 'toegekend' end as beoordeling,
       case when a.message_id is null then null
            when pa.retour_codes is not null then pa.retour_codes
            when not a.akkoord then a.header_codes || a.antwoord_codes
            else '{}'::text[] end as retour_codes
  from prestatie_record p
  -- the latest 325 naming the prestatie's 323
  left join (select distinct on (gemeente_code, law, agb_code, declaratie_identificatie)
                    gemeente_code, law, agb_code, declaratie_identificatie, message_id, dagtekening, akkoord, header_codes, antwoord_codes
               from declaratie_antwoord
              order by gemeente_code, law, agb_code, declaratie_identificatie, dagtekening desc, identificatie desc, declaratie_dagtekening desc) a
    on a.gemeente_code = p.gemeente_code and a.law = p.law and a.agb_code = p.agb_code and a.declaratie_identificatie = p.identificatie
  -- the first line of that 325 that returns this prestatie
  left join (select distinct on (gemeente_code, message_id, referentie_nummer, debet_credit)
                    gemeente_code, message_id, referentie_nummer, debet_credit, afgewezen, retour_codes
               from prestatie_antwoord
              order by gemeente_code, message_id, referentie_nummer, debet_credit, seq) pa
    on pa.gemeente_code = p.gemeente_code and pa.message_id = a.message_id and pa.referentie_nummer = p.referentie_nummer and pa.debet_credit = p.debet_credit;

create or replace view declaratie_current as
select d.gemeente_code, d.law, d.agb_code, d.referentie_nummer, d.person_id, d.toewijzing_nummer, d.category_code, d.product_code,
       d.periode_begin, d.periode_eind, d.geleverd_volume, d.eenheid, d.product_tarief_cents, d.ingediend_cents,
       d.declaratie_nummer, d.dagtekening as ingediend_op, d.identificatie as declaratie_identificatie,
       b.beantwoord_op, b.beoordeling, b.retour_codes,
       c.referentie_nummer as credit_referentie_nummer, c.dagtekening as gecrediteerd_op,
       case when b.beoordeling = 'afgewezen' then 'afgewezen'
            when c.referentie_nummer is not null then 'gecrediteerd'
            else b.beoordeling end as status,
       case when b.beoordeling = 'toegekend' and c.referentie_nummer is null then d.ingediend_cents else 0 end::bigint as toegekend_cents
  from (select distinct on (gemeente_code, law, agb_code, referentie_nummer) *
          from prestatie_record
         where debet_credit = 'D'
         order by gemeente_code, law, agb_code, referentie_nummer, dagtekening, identificatie, seq) d
  join prestatie_beoordeling b on b.gemeente_code = d.gemeente_code and b.message_id = d.message_id and b.seq = d.seq
  -- A credit cancels the debet named in its VorigReferentieNummer or, lacking one, the debet with its own
  -- ReferentieNummer: the first credit per debet that was not rejected.
  left join (select distinct on (gemeente_code, law, agb_code, coalesce(vorig_referentie_nummer, referentie_nummer))
                    gemeente_code, law, agb_code, coalesce(vorig_referentie_nummer, referentie_nummer) as debet_referentie_nummer,
                    referentie_nummer, dagtekening
               from prestatie_beoordeling
              where debet_credit = 'C' and beoordeling <> 'afgewezen'
              order by gemeente_code, law, agb_code, coalesce(vorig_referentie_nummer, referentie_nummer), dagtekening, identificatie, referentie_nummer) c
    on c.gemeente_code = d.gemeente_code and c.law = d.law and c.agb_code = d.agb_code and c.debet_referentie_nummer = d.referentie_nummer;

create or replace view f_prestatie as
select d.gemeente_code, d.person_id, d.law, d.agb_code, d.referentie_nummer, d.category_code, d.product_code, d.toewijzing_nummer,
       d.periode_begin, d.periode_eind, d.ingediend_op, d.ingediend_cents, d.toegekend_cents, d.status,
       (d.status = 'afgewezen') as rejected,
       -- TR307/TR308: a current toewijzing with this number covers the whole ProductPeriode (0016)
       not coalesce(t.ingangsdatum <= d.periode_begin and (t.einddatum is null or t.einddatum >= d.periode_eind), false) as without_allocation,
       cv.uitvoeringsvariant as variant
  from declaratie_current d
  left join toewijzing_current t on t.gemeente_code = d.gemeente_code and t.law = d.law and t.toewijzing_nummer = d.toewijzing_nummer
  left join contract_variant_span cv on cv.gemeente_code = d.gemeente_code and cv.agb_code = d.agb_code and cv.law = d.law
   and cv.span_from <= d.periode_begin and (cv.span_to is null or cv.span_to > d.periode_begin);

-- f_trajectory (0009) with contract_variant()'s query inlined as a scalar subquery: no function call per
-- trajectory, and a statement that does not read the variant does not evaluate it (a join could not
-- be removed by the planner, since the spans are not unique on the join's equality columns).
create or replace view f_trajectory as
select t.gemeente_code, t.person_id, t.law, t.category_code, t.agb_code, t.start_date, t.end_date, t.end_reason, t.end_source,
       t.first_toewijzingsdatum,
       case when t.end_date is null then null else coalesce(er.koers_class, 'onbekend') end as end_class,
       -- Outcome denominator: definitive ends except overlijden and the administrative 36, 37, 38.
       (t.end_date is not null and coalesce(t.end_reason, '') not in ('02', '36', '37', '38')) as outcome_end,
       coalesce(pc.kind, 'maatwerk') as category_kind,
       coalesce(pc.residential, false) as residential,
       (select c.uitvoeringsvariant from contract c
         where c.gemeente_code = t.gemeente_code and c.agb_code = t.agb_code and c.law = t.law and c.valid_from <= t.start_date and (c.valid_to is null or c.valid_to >= t.start_date)
         order by c.valid_from desc, c.contract_code desc limit 1) as variant,
       -- Wait: from the first version of the trajectory's earliest toewijzing (a later version, e.g. a verlenging,
       -- carries a later toewijzingsdatum and must not shorten the wait); a toewijzing sent after the start
       -- (retroactive) is a wait of 0 days.
       (select case when w.d is null then null else greatest(0, t.start_date - w.d) end
          from (select coalesce(min(r.toewijzingsdatum), t.first_toewijzingsdatum) as d from toewijzing_record r
                 where r.gemeente_code = t.gemeente_code and r.law = t.law and r.toewijzing_nummer = any(t.toewijzing_nummers)) w) as wait_days,
       (t.end_date - t.start_date) as duration_days,
       -- Instroom (Koers rule): no trajectory of the same law and categorie in the 90 days before the start.
       not exists (select 1 from trajectory o
                    where o.gemeente_code = t.gemeente_code and o.person_id = t.person_id and o.law = t.law
                      and o.category_code = t.category_code and o.start_date < t.start_date
                      and coalesce(o.end_date, 'infinity'::date) >= t.start_date - 90) as instroom,
       -- Herhaald beroep (CBS): the latest earlier end in the same law that is not directly adjacent (gap ≥ 1 day).
       (select max(o.end_date) from trajectory o
         where o.gemeente_code = t.gemeente_code and o.person_id = t.person_id and o.law = t.law
           and o.end_date < t.start_date - 1) as prev_law_end,
       -- Follow-up: the first start in the same law after the definitive end (NJi "geen nieuwe start").
       (select min(o.start_date) from trajectory o
         where o.gemeente_code = t.gemeente_code and o.person_id = t.person_id and o.law = t.law
           and o.start_date > t.end_date) as next_law_start,
       -- The person's help in this law goes on after the end (another trajectory of the law started on or before
       -- the end and runs past it): then the person did not leave the law (CBS "geen nieuwe start": only
       -- persons whose help in the law ended).
       (t.end_date is not null and exists (
          select 1 from trajectory o
           where o.gemeente_code = t.gemeente_code and o.person_id = t.person_id and o.law = t.law
             and o.start_date <= t.end_date and coalesce(o.end_date, 'infinity'::date) > t.end_date)) as law_continues,
       -- Afschalen: after the end, no other maatwerk, benefit or schuldhulp runs within 30 days.
       (t.end_date is not null
        and not exists (select 1 from trajectory o
                         where o.gemeente_code = t.gemeente_code and o.person_id = t.person_id
                           and o.start_date <= t.end_date + 30 and coalesce(o.end_date, 'infinity'::date) > t.end_date)
        and not exists (select 1 from benefit_spell b
                         where b.gemeente_code = t.gemeente_code and b.person_id = t.person_id
                           and b.start_date <= t.end_date + 30 and coalesce(b.end_date, 'infinity'::date) > t.end_date)
        and not exists (select 1 from schuldhulp_case s
                         where s.gemeente_code = t.gemeente_code and s.person_id = t.person_id
                           and s.aanmelding_date <= t.end_date + 30 and coalesce(s.end_date, 'infinity'::date) > t.end_date)) as no_maatwerk_30d
  from trajectory t
  left join end_reason er on er.law = t.law and er.code = t.end_reason
  left join product_category pc on pc.law = t.law and pc.category_code = t.category_code;

-- f_allocation (0009) likewise.
create or replace view f_allocation as
select t.gemeente_code, t.person_id, t.law, t.toewijzing_nummer, t.category_code, t.agb_code, t.ingangsdatum, t.einddatum,
       (select c.uitvoeringsvariant from contract c
         where c.gemeente_code = t.gemeente_code and c.agb_code = t.agb_code and c.law = t.law and c.valid_from <= t.ingangsdatum and (c.valid_to is null or c.valid_to >= t.ingangsdatum)
         order by c.valid_from desc, c.contract_code desc limit 1) as variant,
       (case
          when r.budget_cents is not null and t.einddatum is not null then r.budget_cents::float8 / (t.einddatum - t.ingangsdatum + 1)
          when r.volume is null or tariff.cents is null then null
          when r.frequentie = '1' then r.volume * tariff.cents::float8
          when r.frequentie = '2' then r.volume * tariff.cents::float8 / 7
          when r.frequentie = '4' then r.volume * tariff.cents::float8 * 12 / 365.25
          when r.frequentie = '6' and t.einddatum is not null then r.volume * tariff.cents::float8 / (t.einddatum - t.ingangsdatum + 1)
        end) as cents_per_day
  from f_toewijzing t
  join lateral (select x.volume, x.frequentie, x.budget_cents from toewijzing_record x
                 where x.gemeente_code = t.gemeente_code and x.law = t.law and x.toewijzing_nummer = t.toewijzing_nummer
                 order by x.toewijzingsdatum desc, x.toewijzingstijd desc, x.dagtekening desc limit 1) r on true
  left join lateral (select pr.tariff_cents as cents from product pr join contract c on c.gemeente_code = pr.gemeente_code and c.contract_code = pr.contract_code
                      where pr.gemeente_code = t.gemeente_code and pr.product_code = t.product_code and c.agb_code = t.agb_code and c.law = t.law
                        and c.valid_from <= t.ingangsdatum and (c.valid_to is null or c.valid_to >= t.ingangsdatum)
                      order by c.valid_from desc limit 1) tariff on true;

-- Every message fact's extent ends at the latest message received (src/indicators/facts.ts): without
-- this index each recompute scanned the whole message table for it, once per fact.
create index received_message_dagtekening on received_message (gemeente_code, dagtekening);
