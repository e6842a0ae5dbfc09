-- Tabular sources (docs/formats.md): facts a gemeente already has in its own systems, loaded from
-- CSV/XLSX through a mapping. Tenant tables lead with gemeente_code; persons are the same keyed
-- pseudonym as in the messages (or, for files with only the gemeente's own client number, a keyed
-- pseudonym of that number). Natural keys make re-importing an export idempotent: a later export
-- of the same record updates it. import_id says which import last wrote a row.

-- Areas: buurten besides wijken; postcodes may name the buurt too.
alter table postcode_area add column buurt_code text;
alter table product add column taakveld text;

-- Per imported tabular file: how many records were read, accepted and quarantined.
alter table import_file add column rows_total integer;
alter table import_file add column rows_accepted integer;
alter table import_file add column rows_quarantined integer;
create index quarantine_import on quarantine_record (import_id);

-- Participatiewet: one row per benefit spell.
create table benefit_spell (
  gemeente_code char(4) not null references gemeente,
  person_id text not null,
  regeling text not null check (regeling in ('bijstand', 'ioaw', 'ioaz', 'bbz')),
  start_date date not null,
  end_date date,
  end_reason text,                    -- werk | opleiding | ander_inkomen | partner | verhuizing | detentie | overlijden | handhaving | overig
  household_type text,                -- alleenstaand | alleenstaande_ouder | paar_zonder_kinderen | paar_met_kinderen | overig
  children smallint,
  import_id uuid,
  primary key (gemeente_code, person_id, regeling, start_date),
  check (end_date is null or end_date >= start_date)
);

-- Toegang: one row per case (melding → aanvraag → besluit).
create table toegang_case (
  gemeente_code char(4) not null references gemeente,
  case_id text not null,
  person_id text not null,
  law text not null references law,
  melding_date date not null,
  aanvraag_date date,
  besluit_date date,
  besluit text,                       -- toegekend | deels_toegekend | afgewezen | ingetrokken | buiten_behandeling | geen_aanvraag
  category_code text,
  team text,
  import_id uuid,
  primary key (gemeente_code, case_id)
);
create index toegang_case_person on toegang_case (gemeente_code, person_id);
create index toegang_case_besluit on toegang_case (gemeente_code, law, besluit_date);

-- Schuldhulpverlening: one row per aanmelding.
create table schuldhulp_case (
  gemeente_code char(4) not null references gemeente,
  case_id text not null,
  person_id text not null,
  aanmelding_date date not null,
  first_conversation_date date,
  threat text,                        -- geen | huisuitzetting | afsluiting_energie | afsluiting_water | beeindiging_zorgverzekering
  early_signal boolean,
  end_date date,
  end_reason text,
  team text,
  import_id uuid,
  primary key (gemeente_code, case_id)
);
create index schuldhulp_case_person on schuldhulp_case (gemeente_code, person_id);

-- Algemene voorzieningen: use per person where registered ...
create table algemene_voorziening_use (
  gemeente_code char(4) not null references gemeente,
  person_id text not null,
  voorziening text not null,
  start_date date not null,
  end_date date,
  aanbieder text,
  import_id uuid,
  primary key (gemeente_code, person_id, voorziening, start_date)
);

-- ... otherwise counts per period and area (area_code GM#### = the whole gemeente).
create table algemene_voorziening_count (
  gemeente_code char(4) not null references gemeente,
  voorziening text not null,
  period text not null,               -- 2024 | 2024-H1 | 2024-Q1 | 2024-03
  period_type text not null check (period_type in ('year', 'halfyear', 'quarter', 'month')),
  period_start date not null,
  period_end date not null,
  area_code text not null,
  participants integer not null check (participants >= 0),
  contacts integer check (contacts >= 0),
  aanbieder text,
  import_id uuid,
  primary key (gemeente_code, voorziening, period, area_code)
);

-- ZRM: one row per person, date and domain (stored under the ZRM 2017 domain; the version and the
-- domain as delivered are kept, see sources.ts ZRM_LEGACY_TO_2017).
create table zrm_assessment (
  gemeente_code char(4) not null references gemeente,
  person_id text not null,
  assessment_date date not null,
  domain text not null,
  moment text not null check (moment in ('intake', 'evaluatie', 'uitstroom')),
  version text not null check (version in ('2017', '2013')),
  source_domain text not null,
  score smallint not null check (score between 1 and 5),
  plan_id text,
  import_id uuid,
  primary key (gemeente_code, person_id, assessment_date, domain)
);

-- Plan goals with Goal Attainment Scaling; one row per goal and evaluation (none yet = null date).
create table plan_goal (
  gemeente_code char(4) not null references gemeente,
  plan_id text not null,
  goal_id text not null,
  evaluation_date date,
  person_id text not null,
  life_domain text,
  start_date date,
  gas_score smallint check (gas_score between -2 and 2),
  weight numeric not null default 1 check (weight > 0),
  team text,
  import_id uuid,
  constraint plan_goal_key unique nulls not distinct (gemeente_code, plan_id, goal_id, evaluation_date)
);
create index plan_goal_person on plan_goal (gemeente_code, person_id);

-- Provider outcome records per ended trajectory.
create table trajectory_outcome (
  gemeente_code char(4) not null references gemeente,
  person_id text not null,
  law text not null references law,
  agb_code char(8) not null,
  end_date date not null,
  informant text not null check (informant in ('client', 'ouder', 'aanbieder', 'gemeente')),
  category_code text,
  toewijzing_nummer text,
  continues_without_help boolean not null,
  goals_reached text,                 -- ja | deels | nee
  satisfied boolean,
  import_id uuid,
  primary key (gemeente_code, person_id, law, agb_code, end_date, informant)
);

-- Cliëntervaringsonderzoek, aggregated per year and question.
create table client_experience (
  gemeente_code char(4) not null references gemeente,
  year smallint not null,
  law text not null references law,
  question_code text not null,
  question text,
  theme text,
  respondents integer not null check (respondents >= 0),
  agree integer not null check (agree >= 0),
  neutral integer check (neutral >= 0),
  disagree integer check (disagree >= 0),
  import_id uuid,
  primary key (gemeente_code, year, law, question_code)
);

-- Begroting and realisatie per taakveld (and product); month 0 = the whole year, product '' = the whole taakveld.
create table budget_line (
  gemeente_code char(4) not null references gemeente,
  year smallint not null,
  month smallint not null default 0 check (month between 0 and 12),
  taakveld text not null,
  product_code text not null default '',
  kind text not null check (kind in ('begroting', 'begroting_gewijzigd', 'realisatie', 'verplichting')),
  law text references law,
  amount_cents bigint not null,
  import_id uuid,
  primary key (gemeente_code, year, month, taakveld, product_code, kind)
);
