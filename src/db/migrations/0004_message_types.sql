-- Every iWmo/iJw 3.2 message type (src/ingest/istandaarden/messages.ts), beyond 301/305/307.
-- Append-only fact tables, one row per message class, linked to the immutable received_message by
-- (gemeente_code, message_id). Persons only as pseudonym; no names, addresses or free text.
-- The derived views below are functions of the set of facts, so arrival order, duplicates and
-- re-imports do not change them.

-- ---------------------------------------------------------------- 315 verzoek om toewijzing
-- One row per AangevraagdProduct; the request is keyed by (law, agb_code, referentie_aanbieder).
create table request_record (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  law text not null,
  referentie_aanbieder text not null,
  person_id text not null,
  agb_code char(8) not null,
  beschikking_nummer text,
  category_code text,
  product_code text,
  beschikking_ingangsdatum date,
  toewijzing_ingangsdatum date not null,  -- requested start
  toewijzing_einddatum date,              -- requested end
  volume integer,
  eenheid text,
  frequentie text,
  budget_cents bigint,
  verwijzer_type text not null,           -- TypeVerwijzer (the referrer's name and AGB are not kept)
  raamcontract boolean,
  -- Start of the legal answer term (5 werkdagen, OP274): the day the request was received. Messages
  -- reach the gemeente through the GGk on their Dagtekening, so that is the date used.
  ontvangstdatum date not null,
  dagtekening date not null,
  identificatie text not null,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references received_message
);
create index request_record_ref on request_record (gemeente_code, law, agb_code, referentie_aanbieder);
create index request_record_person on request_record (gemeente_code, person_id);

-- ---------------------------------------------------------------- 317 verzoek om wijziging
create table change_request (
  gemeente_code char(4) not null,
  message_id uuid not null,
  law text not null,
  referentie_aanbieder text not null,
  person_id text not null,
  agb_code char(8) not null,
  reden_verzoek text not null,            -- 1 verandering cliëntsituatie, 2 wijziging zorgplan
  ontvangstdatum date not null,           -- as in request_record (OP346)
  dagtekening date not null,
  identificatie text not null,
  primary key (gemeente_code, message_id),
  foreign key (gemeente_code, message_id) references received_message
);
create index change_request_ref on change_request (gemeente_code, law, agb_code, referentie_aanbieder);
create index change_request_person on change_request (gemeente_code, person_id);

-- The complete desired situation: every current product (ongewijzigd / te_wijzigen) and new ones.
create table change_request_product (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  kind text not null check (kind in ('ongewijzigd', 'te_wijzigen', 'nieuw')),
  toewijzing_nummer text,                 -- ongewijzigd, te_wijzigen
  category_code text,                     -- nieuw
  product_code text,                      -- nieuw
  gewenste_ingangsdatum date,
  einddatum date,
  volume integer,
  eenheid text,
  frequentie text,
  budget_cents bigint,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references change_request
);

-- ---------------------------------------------------------------- 319 antwoordbericht
-- The answer to a 315 or 317 when the gemeente does not (yet) allocate; no client in the message,
-- the person follows from the request with the same ReferentieAanbieder.
create table request_answer (
  gemeente_code char(4) not null,
  message_id uuid not null,
  law text not null,
  agb_code char(8) not null,
  referentie_aanbieder text not null,
  verzoek_antwoord text not null check (verzoek_antwoord in ('1', '2')), -- 1 afgewezen, 2 in onderzoek
  reden_afwijzing text,                   -- RedenAfwijzingVerzoek (with 1)
  woonplaats_gemeente char(4),            -- iJw: gemeente responsible under the woonplaatsbeginsel
  dagtekening date not null,
  identificatie text not null,
  primary key (gemeente_code, message_id),
  foreign key (gemeente_code, message_id) references received_message
);
create index request_answer_ref on request_answer (gemeente_code, law, agb_code, referentie_aanbieder);

-- 301 answers a request when its ToegewezenProduct names the request's ReferentieAanbieder (TR379).
create index toewijzing_record_ref on toewijzing_record (gemeente_code, law, agb_code, referentie_aanbieder) where referentie_aanbieder is not null;

-- ---------------------------------------------------------------- 323 declaratie
create table declaratie_record (
  gemeente_code char(4) not null,
  message_id uuid not null,
  law text not null,
  agb_code char(8) not null,
  declaratie_nummer text not null,
  periode_begin date not null,            -- DeclaratiePeriode (a calendar month)
  periode_eind date not null,
  declaratie_dagtekening date not null,
  totaal_cents bigint not null,           -- TotaalIngediendBedrag, eurocent
  debet_credit char(1) not null check (debet_credit in ('D', 'C')),
  dagtekening date not null,
  identificatie text not null,            -- a 325 names this in DeclaratieIdentificatie
  primary key (gemeente_code, message_id),
  foreign key (gemeente_code, message_id) references received_message
);
create index declaratie_record_ident on declaratie_record (gemeente_code, law, agb_code, identificatie);

-- One row per Prestatie. A credit (C) cancels the debet whose ReferentieNummer it names in
-- VorigReferentieNummer (IV091); see declaratie_current.
create table prestatie_record (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  law text not null,
  agb_code char(8) not null,
  person_id text not null,
  declaratie_nummer text not null,
  referentie_nummer text not null,
  vorig_referentie_nummer text,
  toewijzing_nummer text not null,
  category_code text not null,
  product_code text not null,
  periode_begin date not null,            -- ProductPeriode
  periode_eind date not null,
  geleverd_volume bigint not null,
  eenheid text not null,
  product_tarief_cents bigint,
  ingediend_cents bigint not null,        -- IngediendBedrag (always ≥ 0; the sign is debet_credit)
  debet_credit char(1) not null check (debet_credit in ('D', 'C')),
  dagtekening date not null,
  identificatie text not null,            -- of the 323 message
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references received_message
);
create index prestatie_record_ref on prestatie_record (gemeente_code, law, agb_code, referentie_nummer);
create index prestatie_record_vorig on prestatie_record (gemeente_code, law, agb_code, vorig_referentie_nummer) where vorig_referentie_nummer is not null;
create index prestatie_record_ident on prestatie_record (gemeente_code, law, agb_code, identificatie);
create index prestatie_record_person on prestatie_record (gemeente_code, person_id);
create index prestatie_record_toewijzing on prestatie_record (gemeente_code, law, toewijzing_nummer);

-- ---------------------------------------------------------------- 325 declaratie-antwoord
create table declaratie_antwoord (
  gemeente_code char(4) not null,
  message_id uuid not null,
  law text not null,
  agb_code char(8) not null,
  declaratie_identificatie text not null, -- BerichtIdentificatie of the 323 it answers
  declaratie_dagtekening date not null,
  declaratie_nummer text,                 -- null when the answer has no DeclaratieAntwoord (header rejected)
  header_codes text[] not null,
  antwoord_codes text[] not null,
  totaal_ingediend_cents bigint,
  totaal_ingediend_dc char(1),
  totaal_toegekend_cents bigint,
  totaal_toegekend_dc char(1),
  -- The declaratie as a whole was assessed without objection (header and DeclaratieAntwoord 0200/8001).
  -- When false, no prestatie of it was granted (IV087: "als niet verzonden beschouwd").
  akkoord boolean not null,
  dagtekening date not null,
  identificatie text not null,
  primary key (gemeente_code, message_id),
  foreign key (gemeente_code, message_id) references received_message
);
create index declaratie_antwoord_decl on declaratie_antwoord (gemeente_code, law, agb_code, declaratie_identificatie);

-- Only rejected prestaties are returned (TR342, OP303); one row per returned Prestatie.
create table prestatie_antwoord (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  law text not null,
  agb_code char(8) not null,
  person_id text not null,
  referentie_nummer text not null,
  vorig_referentie_nummer text,
  toewijzing_nummer text not null,
  category_code text not null,
  product_code text not null,
  periode_begin date not null,
  periode_eind date not null,
  geleverd_volume bigint not null,
  eenheid text not null,
  product_tarief_cents bigint,
  ingediend_cents bigint not null,
  debet_credit char(1) not null check (debet_credit in ('D', 'C')),
  retour_codes text[] not null,
  client_codes text[] not null,
  afgewezen boolean not null,             -- a code other than 0200/8001 on the prestatie or its client
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references declaratie_antwoord
);
create index prestatie_antwoord_ref on prestatie_antwoord (gemeente_code, law, agb_code, referentie_nummer);

-- ---------------------------------------------------------------- retour messages 302/306/308/316/318/320
-- Recorded for message-traffic health (OP090: retour within 3 werkdagen); not used for trajectories.
-- received_message holds the retour's own identification (IdentificatieRetour/DagtekeningRetour) and
-- real sender/receiver; here answered_* name the heenbericht (the header's BerichtIdentificatie).
create table retour_message (
  gemeente_code char(4) not null,
  message_id uuid not null,
  law text not null,
  message_type text not null,             -- 302, 306, ...
  answers_type text not null,             -- 301, 305, ...
  agb_code char(8) not null,
  answered_identificatie text not null,
  answered_dagtekening date not null,
  identificatie text not null,            -- IdentificatieRetour
  dagtekening date not null,              -- DagtekeningRetour
  person_id text,                         -- the client, when the retour carries one
  header_codes text[] not null,
  client_codes text[] not null,
  akkoord boolean not null,               -- every code in the message is 0200
  primary key (gemeente_code, message_id),
  foreign key (gemeente_code, message_id) references received_message
);
create index retour_message_answered on retour_message (gemeente_code, law, answers_type, answered_identificatie);

-- Product-level (and other class-level) RetourCodes of a retour message.
create table retour_item (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  level text not null,                    -- ToegewezenProduct, StartProduct, AangevraagdProduct, Verzoek, Antwoord, Contact, ...
  item_key text not null,                 -- ToewijzingNummer, ToewijzingNummer|Begindatum, ReferentieAanbieder, ... (no personal data)
  retour_codes text[] not null,
  akkoord boolean not null,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references retour_message
);

-- ---------------------------------------------------------------- derived views

-- The judgement of every prestatie line (debet or credit): the latest 325 naming its 323 decides.
-- A line not returned in an akkoord 325 was granted (only rejected prestaties are returned).
create view prestatie_beoordeling as
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
  left join lateral (
    select x.message_id, x.dagtekening, x.akkoord, x.header_codes, x.antwoord_codes
      from declaratie_antwoord x
     where x.gemeente_code = p.gemeente_code and x.law = p.law and x.agb_code = p.agb_code and x.declaratie_identificatie = p.identificatie
     order by x.dagtekening desc, x.identificatie desc, x.declaratie_dagtekening desc
     limit 1) a on true
  left join lateral (
    select y.afgewezen, y.retour_codes
      from prestatie_antwoord y
     where y.gemeente_code = p.gemeente_code and y.message_id = a.message_id
       and y.referentie_nummer = p.referentie_nummer and y.debet_credit = p.debet_credit
     order by y.seq
     limit 1) pa on true;

-- The net current state per debet prestatie (gemeente, law, aanbieder, ReferentieNummer):
-- status ingediend (no answer yet) | toegekend | afgewezen | gecrediteerd, and toegekend_cents,
-- the amount that currently stands (0 unless granted and not credited). A credit line cancels the
-- debet it names in VorigReferentieNummer (or, lacking one, the debet with its own ReferentieNummer),
-- unless the credit itself was rejected. When a ReferentieNummer was declared twice, the first
-- submission counts (a repeat is rejected with 8021). Sum toegekend_cents for the money that stands.
create view declaratie_current as
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
  left join lateral (
    select cb.referentie_nummer, cb.dagtekening
      from prestatie_beoordeling cb
     where cb.gemeente_code = d.gemeente_code and cb.law = d.law and cb.agb_code = d.agb_code and cb.debet_credit = 'C'
       and (cb.vorig_referentie_nummer = d.referentie_nummer or (cb.vorig_referentie_nummer is null and cb.referentie_nummer = d.referentie_nummer))
       and cb.beoordeling <> 'afgewezen'
     order by cb.dagtekening, cb.identificatie, cb.referentie_nummer
     limit 1) c on true;

-- Per request (315 AangevraagdProduct or 317 Verzoek, keyed by law, aanbieder and ReferentieAanbieder):
-- when it was received and how the gemeente answered (301 naming the ReferentieAanbieder, 319).
-- Terms (OP274/OP346): first answer within 5 werkdagen; after "in onderzoek" a final one within 8 weeks.
create view verzoek_status as
select v.gemeente_code, v.law, v.agb_code, v.referentie_aanbieder, v.soort, v.person_id, v.ontvangstdatum,
       t.toegewezen_op, o.in_onderzoek_op, f.afgewezen_op, f.reden_afwijzing,
       least(t.toegewezen_op, o.in_onderzoek_op, f.afgewezen_op) as eerste_antwoord_op,
       least(t.toegewezen_op, f.afgewezen_op) as definitief_antwoord_op,
       case when t.toegewezen_op is not null and (f.afgewezen_op is null or t.toegewezen_op <= f.afgewezen_op) then 'toegewezen'
            when f.afgewezen_op is not null then 'afgewezen'
            when o.in_onderzoek_op is not null then 'in_onderzoek'
            else 'open' end as uitkomst
  from (select distinct on (gemeente_code, law, agb_code, referentie_aanbieder) *
          from (select gemeente_code, law, agb_code, referentie_aanbieder, '315'::text as soort, person_id, ontvangstdatum from request_record
                union all
                select gemeente_code, law, agb_code, referentie_aanbieder, '317'::text, person_id, ontvangstdatum from change_request) r
         order by gemeente_code, law, agb_code, referentie_aanbieder, ontvangstdatum, soort, person_id) v
  left join lateral (select min(x.dagtekening) as toegewezen_op from toewijzing_record x
                      where x.gemeente_code = v.gemeente_code and x.law = v.law and x.agb_code = v.agb_code and x.referentie_aanbieder = v.referentie_aanbieder
                        -- a toewijzing withdrawn as never sent (13, or 01 with einddatum = ingangsdatum; OP087) is no answer
                        and not exists (select 1 from toewijzing_record y
                                         where y.gemeente_code = x.gemeente_code and y.law = x.law and y.toewijzing_nummer = x.toewijzing_nummer
                                           and (y.reden_wijziging = '13' or (y.reden_wijziging = '01' and y.einddatum = y.ingangsdatum)))) t on true
  left join lateral (select min(y.dagtekening) as in_onderzoek_op from request_answer y
                      where y.gemeente_code = v.gemeente_code and y.law = v.law and y.agb_code = v.agb_code and y.referentie_aanbieder = v.referentie_aanbieder
                        and y.verzoek_antwoord = '2') o on true
  left join lateral (select z.dagtekening as afgewezen_op, z.reden_afwijzing from request_answer z
                      where z.gemeente_code = v.gemeente_code and z.law = v.law and z.agb_code = v.agb_code and z.referentie_aanbieder = v.referentie_aanbieder
                        and z.verzoek_antwoord = '1'
                      order by z.dagtekening, z.identificatie, z.reden_afwijzing limit 1) f on true;

-- Per received heenbericht (301, 305, 307, 315, 317, 319, 323): its first retour (or 325 for a 323),
-- for the retour terms (OP090: 3 werkdagen; 325: 10 werkdagen).
create view bericht_retour as
select m.gemeente_code, m.message_id, m.law, m.message_type, m.identificatie, m.dagtekening, m.afzender, m.ontvanger,
       r.retour_op, r.retour_akkoord
  from received_message m
  left join lateral (
    select x.dagtekening as retour_op, x.akkoord as retour_akkoord from retour_message x
     where x.gemeente_code = m.gemeente_code and x.law = m.law and x.answers_type = m.message_type and x.answered_identificatie = m.identificatie
       and x.agb_code in (m.afzender, m.ontvanger) and m.message_type in ('301', '305', '307', '315', '317', '319')
    union all
    select y.dagtekening, y.akkoord from declaratie_antwoord y
     where y.gemeente_code = m.gemeente_code and y.law = m.law and y.declaratie_identificatie = m.identificatie and m.message_type = '323'
       and y.agb_code = m.afzender
     order by 1, 2 limit 1) r on true
 where m.message_type in ('301', '305', '307', '315', '317', '319', '323');
