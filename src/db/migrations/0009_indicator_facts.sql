-- Indicator facts (src/indicators/facts.ts): one view per unit of analysis, with the per-unit
-- rules of domain.md §4 (instroom, herhaald beroep, follow-up, outcome classes, legal terms) as
-- plain columns. The indicator compiler only adds period boundaries, filters, breakdowns and
-- aggregation on top, so every indicator is a declaration over these views. Views are evaluated
-- at compute time; unused columns cost nothing (the planner drops unreferenced subquery outputs).

-- Where a person lived: residence spans. The first known residence also covers the time before
-- it (a person first seen in a 301 whose address arrives later still has a wijk); span_to is
-- exclusive.
create view person_residence_span as
select gemeente_code, person_id, area_code, household_key,
       case when row_number() over w = 1 then '-infinity'::date else valid_from end as span_from,
       coalesce(lead(valid_from) over w, 'infinity'::date) as span_to
  from person_residence
window w as (partition by gemeente_code, person_id order by valid_from);

-- The uitvoeringsvariant of an aanbieder's contract for a law at a date.
create function contract_variant(g char(4), agb char(8), l text, d date) returns text
language sql stable as $$
  select c.uitvoeringsvariant from contract c
   where c.gemeente_code = g and c.agb_code = agb and c.law = l and c.valid_from <= d and (c.valid_to is null or c.valid_to >= d)
   order by c.valid_from desc limit 1
$$;

-- Werkdagen between two dates (calendar_day, filled by the app from src/model/calendar.ts).
create function werkdagen_between(a date, b date) returns integer
language sql stable as $$
  select (select werkdag_index from calendar_day where day = b) - (select werkdag_index from calendar_day where day = a)
$$;

-- ---------------------------------------------------------------- trajectories (301/305/307)
create view f_trajectory as
select t.gemeente_code, t.person_id, t.law, t.category_code, t.agb_code, t.start_date, t.end_date, t.end_reason, t.end_source,
       t.first_toewijzingsdatum,
       case when t.end_date is null then null else coalesce(er.koers_class, 'onbekend') end as end_class,
       -- Outcome denominator: definitive ends except overlijden and the administrative 36, 37, 38.
       (t.end_date is not null and coalesce(t.end_reason, '') not in ('02', '36', '37', '38')) as outcome_end,
       coalesce(pc.kind, 'maatwerk') as category_kind,
       coalesce(pc.residential, false) as residential,
       contract_variant(t.gemeente_code, t.agb_code, t.law, t.start_date) as variant,
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

-- Trajectories with the amount granted (325) for prestaties of that person, aanbieder and
-- categorie within the trajectory's dates.
create view f_trajectory_cost as
select t.gemeente_code, t.person_id, t.law, t.category_code, t.agb_code, t.start_date, t.end_date, t.end_reason,
       case when t.end_date is null then null else coalesce(er.koers_class, 'onbekend') end as end_class,
       coalesce(sum(d.toegekend_cents), 0)::bigint as toegekend_cents
  from trajectory t
  left join end_reason er on er.law = t.law and er.code = t.end_reason
  left join declaratie_current d
    on d.gemeente_code = t.gemeente_code and d.law = t.law and d.agb_code = t.agb_code and d.person_id = t.person_id
   and d.category_code = t.category_code and d.periode_begin <= coalesce(t.end_date, 'infinity'::date) and d.periode_eind >= t.start_date
 group by t.gemeente_code, t.person_id, t.law, t.category_code, t.agb_code, t.start_date, t.end_date, t.end_reason, er.koers_class;

-- Every provision a person can have: maatwerk (Wmo, Jeugdwet), a Participatiewet benefit, schuldhulp.
-- Algemene voorzieningen are not provisions here: using one keeps an inhabitant in the "80".
create view f_provision as
select t.gemeente_code, t.person_id, t.law, t.category_code, t.agb_code, t.start_date, t.end_date,
       coalesce(pc.residential, false) as residential
  from trajectory t left join product_category pc on pc.law = t.law and pc.category_code = t.category_code
union all
select b.gemeente_code, b.person_id, 'pwet', b.regeling, '', b.start_date, b.end_date, false from benefit_spell b
union all
select s.gemeente_code, s.person_id, 'schuldhulp', 'schuldhulp', '', s.aanmelding_date, s.end_date, false from schuldhulp_case s;

-- ---------------------------------------------------------------- toewijzingen (301) and their first start
create view f_toewijzing as
select v.gemeente_code, v.person_id, v.law, v.toewijzing_nummer, v.category_code, v.product_code, v.agb_code,
       v.toewijzingsdatum, v.ingangsdatum, v.einddatum,
       s.first_start,
       (s.first_start is not null and s.first_start <= v.ingangsdatum + 42) as started_within_42d
  from (select distinct on (gemeente_code, law, toewijzing_nummer) *
          from toewijzing_record
         order by gemeente_code, law, toewijzing_nummer, toewijzingsdatum desc, toewijzingstijd desc, dagtekening desc) v
  left join lateral (select min(d.begindatum) as first_start from delivery_record d
                      where d.gemeente_code = v.gemeente_code and d.law = v.law and d.toewijzing_nummer = v.toewijzing_nummer
                        and d.kind = 'start' and d.status_aanlevering <> '3') s on true
 -- (coalesce: a toewijzing without RedenWijziging — the normal case — must not turn the test into null)
 where not (coalesce(v.reden_wijziging, '') = '13' or (coalesce(v.reden_wijziging, '') = '01' and v.einddatum is not distinct from v.ingangsdatum));

-- Allocated money per toewijzing, as an amount per day over its validity: volume × tariff of the
-- contract product (frequentie per dag, per week, per maand or in total), or the toewijzing's own
-- budget. Amount for a period = cents_per_day × days of the period it is valid.
create view f_allocation as
select t.gemeente_code, t.person_id, t.law, t.toewijzing_nummer, t.category_code, t.agb_code, t.ingangsdatum, t.einddatum,
       contract_variant(t.gemeente_code, t.agb_code, t.law, t.ingangsdatum) as variant,
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

-- ---------------------------------------------------------------- requests (315) and change requests (317)
create view f_verzoek as
select v.gemeente_code, v.person_id, v.law, v.agb_code, v.soort, v.ontvangstdatum, v.eerste_antwoord_op, v.uitkomst,
       (v.eerste_antwoord_op is not null and werkdagen_between(v.ontvangstdatum, v.eerste_antwoord_op) <= 5) as answered_in_time,
       (v.uitkomst = 'toegewezen') as granted
  from verzoek_status v;

-- ---------------------------------------------------------------- declaraties (323/325)
create view f_prestatie as
select d.gemeente_code, d.person_id, d.law, d.agb_code, d.referentie_nummer, d.category_code, d.product_code, d.toewijzing_nummer,
       d.periode_begin, d.periode_eind, d.ingediend_op, d.ingediend_cents, d.toegekend_cents, d.status,
       (d.status = 'afgewezen') as rejected,
       not exists (select 1 from f_toewijzing t
                    where t.gemeente_code = d.gemeente_code and t.law = d.law and t.toewijzing_nummer = d.toewijzing_nummer
                      and t.ingangsdatum <= d.periode_eind and (t.einddatum is null or t.einddatum >= d.periode_begin)) as without_allocation,
       contract_variant(d.gemeente_code, d.agb_code, d.law, d.periode_begin) as variant
  from declaratie_current d;

-- ---------------------------------------------------------------- stop messages (307), for message quality
create view f_stop_message as
select d.gemeente_code, d.person_id, d.law, d.agb_code, d.category_code, d.dagtekening, d.einddatum, d.reden_beeindiging,
       (coalesce(d.reden_beeindiging, '') not in ('36', '37', '38')) as substantive,
       (werkdagen_between(d.einddatum, d.dagtekening) <= 5) as timely
  from delivery_record d
 where d.kind = 'stop' and d.status_aanlevering = '1' and d.einddatum is not null;

-- ---------------------------------------------------------------- toegang, benefits, schuldhulp
create view f_toegang as
select c.gemeente_code, c.person_id, c.law, c.case_id, c.melding_date, c.aanvraag_date, c.besluit_date, c.besluit,
       c.category_code, c.team,
       (c.besluit_date - c.melding_date) as decision_days,
       (c.besluit_date - c.melding_date) <= 56 as decision_in_term
  from toegang_case c;

create view f_benefit as
select b.gemeente_code, b.person_id, 'pwet'::text as law, b.regeling, b.start_date, b.end_date, b.end_reason,
       b.household_type, coalesce(b.children, 0) as children
  from benefit_spell b;

-- Schuldhulp: first conversation within 4 weeks, or within 3 werkdagen when eviction or cut-off threatens
-- (Wet gemeentelijke schuldhulpverlening art. 4a).
create view f_schuldhulp as
select s.gemeente_code, s.person_id, 'schuldhulp'::text as law, s.case_id, s.aanmelding_date, s.first_conversation_date, s.threat,
       s.end_date, s.end_reason, s.team,
       (coalesce(s.threat, 'geen') <> 'geen') as urgent,
       case when s.first_conversation_date is null then false
            when coalesce(s.threat, 'geen') <> 'geen' then werkdagen_between(s.aanmelding_date, s.first_conversation_date) <= 3
            else s.first_conversation_date <= s.aanmelding_date + 28 end as in_time
  from schuldhulp_case s;

-- ---------------------------------------------------------------- ZRM, plan goals, outcomes, experience
-- One row per person and assessment date: the basisvoorwaarde domains side by side, and the
-- comparison with the person's first assessment (domains scored both times).
create view f_zrm as
with a as (
  select gemeente_code, person_id, assessment_date, min(moment) as moment, min(plan_id) as plan_id,
         min(score) filter (where domain = 'financien') as financien,
         min(score) filter (where domain = 'huisvesting') as huisvesting,
         min(score) filter (where domain = 'werk_opleiding') as werk_opleiding,
         min(score) filter (where domain = 'tijdsbesteding') as tijdsbesteding,
         min(score) filter (where domain = 'sociaal_netwerk') as sociaal_netwerk,
         min(score) as lowest
    from zrm_assessment group by gemeente_code, person_id, assessment_date
)
select a.*,
       rank() over (partition by a.gemeente_code, a.person_id order by a.assessment_date) as nth,
       c.domains_up, c.domains_down
  from a
  left join lateral (
    select count(*) filter (where z.score > f.score) as domains_up, count(*) filter (where z.score < f.score) as domains_down
      from zrm_assessment z
      join zrm_assessment f on f.gemeente_code = z.gemeente_code and f.person_id = z.person_id and f.domain = z.domain
       and f.assessment_date = (select min(x.assessment_date) from zrm_assessment x where x.gemeente_code = a.gemeente_code and x.person_id = a.person_id)
     where z.gemeente_code = a.gemeente_code and z.person_id = a.person_id and z.assessment_date = a.assessment_date) c on true;

create view f_plan_goal as
select g.gemeente_code, g.person_id, g.plan_id, g.goal_id, g.evaluation_date, g.gas_score, g.weight, g.life_domain, g.team
  from plan_goal g where g.evaluation_date is not null and g.gas_score is not null;

-- Kiresuk–Sherman T-score per plan evaluation, ρ = 0.3:
-- T = 50 + 10 Σ wᵢxᵢ / √((1 − ρ) Σ wᵢ² + ρ (Σ wᵢ)²).
create view f_plan_evaluation as
select g.gemeente_code, g.plan_id, g.evaluation_date, min(g.person_id) as person_id, min(g.team) as team, count(*) as goals,
       (50 + 10 * sum(g.weight * g.gas_score) / sqrt(0.7 * sum(g.weight * g.weight) + 0.3 * sum(g.weight) ^ 2))::float8 as t_score
  from plan_goal g where g.evaluation_date is not null and g.gas_score is not null
 group by g.gemeente_code, g.plan_id, g.evaluation_date;

-- One outcome per ended trajectory (person, law, aanbieder, einddatum): when several informants judged it,
-- the cliënt's own judgement counts (cliënt, then ouder), else the aanbieder's, else the gemeente's.
create view f_outcome as
select distinct on (o.gemeente_code, o.person_id, o.law, o.agb_code, o.end_date)
       o.gemeente_code, o.person_id, o.law, o.agb_code, o.category_code, o.end_date, o.informant, o.continues_without_help, o.goals_reached
  from trajectory_outcome o
 order by o.gemeente_code, o.person_id, o.law, o.agb_code, o.end_date,
          case o.informant when 'client' then 1 when 'ouder' then 2 when 'aanbieder' then 3 else 4 end;

create view f_experience as
select e.gemeente_code, e.year, e.law, e.question_code, e.theme, e.respondents, e.agree
  from client_experience e;

-- ---------------------------------------------------------------- budget
-- Spending: realisatie and verplichtingen per month (month 0 = a year total, used for years only).
create view f_budget_spend as
select b.gemeente_code, b.year, b.month, b.taakveld, b.law, b.kind, b.amount_cents
  from budget_line b where b.kind in ('realisatie', 'verplichting');

-- The begroting that counts per taakveld and product: the amended one when there is one.
create view f_budget_plan as
select b.gemeente_code, b.year, b.taakveld, b.law, b.amount_cents
  from budget_line b
 where b.month = 0 and (b.kind = 'begroting_gewijzigd'
    or (b.kind = 'begroting' and not exists (select 1 from budget_line x where x.gemeente_code = b.gemeente_code and x.year = b.year
                                               and x.taakveld = b.taakveld and x.product_code = b.product_code and x.kind = 'begroting_gewijzigd')));

-- ---------------------------------------------------------------- indicator state
-- Per gemeente and indicator version: whether it could be computed, which sources are missing
-- ("geen gegevens", never 0), until which date data has arrived.
create table indicator_state (
  gemeente_code char(4) not null references gemeente,
  indicator_id text not null,
  version smallint not null,
  status text not null check (status in ('ok', 'no_data')),
  missing text[] not null default '{}',
  data_until date,
  computed_at timestamptz not null default now(),
  seconds double precision,
  primary key (gemeente_code, indicator_id, version)
);

-- The day trajectories were last brought up to date with the passing of time (catchUpTrajectories).
alter table gemeente add column trajectories_as_of date;
