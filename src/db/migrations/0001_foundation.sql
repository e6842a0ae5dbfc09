-- Koers foundation schema. PostgreSQL 15 subset (runs on PGlite too).
-- Tenant tables lead their primary key with gemeente_code (see docs/ARCHITECTURE.md, scale conventions).
-- No person is ever stored by BSN: person_id is a keyed HMAC pseudonym made at the import edge.

-- ---------------------------------------------------------------- reference (national) tables
create table law (
  law text primary key check (law in ('wmo', 'jeugd', 'pwet', 'schuldhulp')),
  name text not null
);
insert into law values ('wmo', 'Wmo 2015'), ('jeugd', 'Jeugdwet'), ('pwet', 'Participatiewet'), ('schuldhulp', 'Schuldhulpverlening');

create table product_category (
  law text not null references law,
  category_code text not null,
  name text not null,
  kind text not null default 'maatwerk', -- maatwerk | jeugdbescherming | jeugdreclassering
  residential boolean not null default false,
  primary key (law, category_code)
);

create table end_reason (
  law text not null references law,
  code text not null,
  name text not null,
  -- Koers class: volgens_plan | uitval | in_overleg | extern | overlijden | administratief | ander_domein | tijdelijk
  koers_class text not null,
  primary key (law, code)
);

-- ---------------------------------------------------------------- tenants and areas
create table gemeente (
  gemeente_code char(4) primary key check (gemeente_code ~ '^[0-9]{4}$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table area (
  gemeente_code char(4) not null references gemeente,
  area_code text not null,            -- GM9001, WK900100, BU90010000
  level text not null check (level in ('gemeente', 'wijk', 'buurt')),
  parent_code text,
  name text not null,
  geometry jsonb,                     -- GeoJSON geometry (WGS84)
  primary key (gemeente_code, area_code)
);

create table population (
  gemeente_code char(4) not null references gemeente,
  year smallint not null,             -- inhabitants at 1 January of this year
  area_code text not null,            -- wijk (or buurt) code
  age smallint not null check (age between 0 and 120),
  sex char(1) not null check (sex in ('M', 'V', 'O')),
  inhabitants integer not null check (inhabitants >= 0),
  primary key (gemeente_code, year, area_code, age, sex)
);

create table postcode_area (
  gemeente_code char(4) not null references gemeente,
  postcode char(6) not null,
  area_code text not null,
  primary key (gemeente_code, postcode)
);

-- ---------------------------------------------------------------- providers, contracts, products
create table aanbieder (
  gemeente_code char(4) not null references gemeente,
  agb_code char(8) not null,
  name text not null,
  primary key (gemeente_code, agb_code)
);

create table contract (
  gemeente_code char(4) not null references gemeente,
  contract_code text not null,
  agb_code char(8) not null,
  law text not null references law,
  uitvoeringsvariant text not null check (uitvoeringsvariant in ('inspanningsgericht', 'outputgericht', 'taakgericht')),
  toewijzingsvariant text check (toewijzingsvariant in ('specifiek', 'aspecifiek', 'generiek')),
  valid_from date not null,
  valid_to date,
  primary key (gemeente_code, contract_code),
  foreign key (gemeente_code, agb_code) references aanbieder
);

create table product (
  gemeente_code char(4) not null references gemeente,
  contract_code text not null,
  product_code text not null,
  law text not null,
  category_code text not null,
  name text not null,
  tariff_cents integer,
  unit text,
  primary key (gemeente_code, contract_code, product_code),
  foreign key (gemeente_code, contract_code) references contract,
  foreign key (law, category_code) references product_category
);

-- ---------------------------------------------------------------- persons (pseudonymous)
create table person (
  gemeente_code char(4) not null references gemeente,
  person_id text not null,            -- HMAC-SHA-256(key, BSN), hex
  birth_year smallint,
  birth_month smallint,               -- kept instead of the full date (data minimisation)
  sex char(1) check (sex in ('M', 'V', 'O')),
  updated_at timestamptz not null default now(),
  primary key (gemeente_code, person_id)
);

-- Where a person lived from which date, as learnt from messages (Dagtekening) or BRP.
create table person_residence (
  gemeente_code char(4) not null,
  person_id text not null,
  valid_from date not null,
  area_code text,                     -- null when the postcode is unknown to the gemeente
  household_key text,                 -- HMAC of the address, so persons at one address share a key
  primary key (gemeente_code, person_id, valid_from),
  foreign key (gemeente_code, person_id) references person
);

-- ---------------------------------------------------------------- imports and received messages
create table import_run (
  gemeente_code char(4),              -- null when a run spans several gemeenten
  import_id uuid primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  source text not null,               -- cli | api | web | demo
  username text,
  files_total integer not null default 0,
  files_accepted integer not null default 0,
  files_rejected integer not null default 0,
  files_duplicate integer not null default 0
);

create table import_file (
  import_id uuid not null references import_run,
  file_seq integer not null,
  file_name text not null,
  gemeente_code char(4),
  status text not null check (status in ('accepted', 'rejected', 'duplicate')),
  message_type text,
  sha256 char(64),
  error_location text,                -- element path or line
  error_reason text,
  primary key (import_id, file_seq)
);

-- Every accepted message, immutable. The payload is the minimised, pseudonymised content
-- (no BSN, names, addresses, contact data or free text); sha256 is of the original bytes.
create table received_message (
  gemeente_code char(4) not null references gemeente,
  message_id uuid not null,
  sha256 char(64) not null,
  standard text not null check (standard in ('iwmo', 'ijw')),
  law text not null references law,
  message_type text not null,         -- '301', '305', ...
  berichtcode smallint not null,
  afzender text not null,
  ontvanger text not null,
  identificatie text not null,
  dagtekening date not null,
  received_at timestamptz not null default now(),
  import_id uuid references import_run,
  source_name text not null,
  byte_size integer not null,
  payload jsonb not null,
  primary key (gemeente_code, message_id),
  unique (gemeente_code, sha256)
);

-- One row per ToegewezenProduct in a 301 (every version is kept; the latest one counts).
create table toewijzing_record (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  law text not null,
  toewijzing_nummer text not null,
  person_id text not null,
  agb_code char(8) not null,
  category_code text,
  product_code text,
  toewijzingsdatum date not null,
  toewijzingstijd time not null,
  ingangsdatum date not null,
  einddatum date,
  reden_wijziging text,
  volume integer,
  eenheid text,
  frequentie text,
  budget_cents bigint,
  referentie_aanbieder text,
  dagtekening date not null,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references received_message
);
create index toewijzing_record_person on toewijzing_record (gemeente_code, person_id);
create index toewijzing_record_nummer on toewijzing_record (gemeente_code, law, toewijzing_nummer);

-- One row per StartProduct (305) or StopProduct (307).
create table delivery_record (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  kind text not null check (kind in ('start', 'stop')),
  law text not null,
  toewijzing_nummer text not null,
  person_id text not null,
  agb_code char(8) not null,
  category_code text,
  product_code text,
  toewijzing_ingangsdatum date,
  begindatum date not null,
  einddatum date,
  reden_beeindiging text,
  status_aanlevering text not null,   -- 1 eerste, 2 gewijzigde, 3 verwijderen
  dagtekening date not null,
  identificatie text not null,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id) references received_message
);
create index delivery_record_person on delivery_record (gemeente_code, person_id);

-- ---------------------------------------------------------------- derived: trajectories
-- Rebuilt per affected person after each import by the trajectory builder (src/model/trajectories.ts).
create table trajectory (
  gemeente_code char(4) not null,
  person_id text not null,
  law text not null,
  category_code text not null,
  agb_code char(8) not null,
  start_date date not null,
  end_date date,                      -- definitive end; null while running
  end_reason text,                    -- RedenBeeindiging of the definitive end
  end_source text,                    -- '307' | 'toewijzing_einddatum'
  first_toewijzingsdatum date,
  toewijzing_nummers text[] not null,
  primary key (gemeente_code, person_id, law, category_code, agb_code, start_date),
  foreign key (gemeente_code, person_id) references person
);
create index trajectory_period on trajectory (gemeente_code, law, start_date, end_date);

-- Toewijzingen that never started (no 305) are kept for waiting-time and not-started measures.
create table allocation_without_start (
  gemeente_code char(4) not null,
  person_id text not null,
  law text not null,
  toewijzing_nummer text not null,
  category_code text,
  agb_code char(8) not null,
  toewijzingsdatum date not null,
  ingangsdatum date not null,
  einddatum date,
  primary key (gemeente_code, law, toewijzing_nummer)
);

-- ---------------------------------------------------------------- indicator results
create table indicator_result (
  gemeente_code char(4) not null references gemeente,
  indicator_id text not null,
  version smallint not null,
  period_type text not null check (period_type in ('month', 'quarter', 'halfyear', 'year')),
  period text not null,               -- 2024, 2024-Q1, 2024-H1, 2024-03
  area_code text not null,            -- GM9001 for the whole gemeente, else wijk code
  breakdown_key text not null default '', -- '' or e.g. 'wijk=WK900100'
  breakdown jsonb not null default '{}',
  numerator double precision,
  denominator double precision,
  value double precision,
  status text not null check (status in ('provisional', 'final')),
  computed_at timestamptz not null default now(),
  primary key (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key)
);

-- ---------------------------------------------------------------- accounts, sessions, audit
create table app_user (
  user_id uuid primary key,
  gemeente_code char(4) not null references gemeente,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('beheerder', 'beleid', 'analist', 'controller', 'contractmanager', 'regisseur', 'aanbieder', 'raad')),
  password_hash text not null,
  agb_code char(8),                   -- for role aanbieder: the provider the account belongs to
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table user_session (
  session_hash char(64) primary key,  -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references app_user on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);

create table audit_log (
  audit_id uuid primary key,
  at timestamptz not null default now(),
  gemeente_code char(4),
  user_id uuid,
  username text,
  action text not null,               -- login, login_failed, logout, read_person_level, import, ...
  object text,
  details jsonb not null default '{}',
  ip text
);
create index audit_log_gemeente_at on audit_log (gemeente_code, at);
