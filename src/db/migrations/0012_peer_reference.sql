-- Comparisons with peers (issue 4, "Comparisons").
--
-- peer_reference: official CBS figures (StatLine tables of the Gemeentelijke Monitor Sociaal Domein
-- and the BBV beleidsindicatoren), imported through the tabular source cbs_reference. They are
-- public and national, so this is NOT tenant data: no gemeente_code; any gemeente's import updates
-- the same figure (import_id says which import last changed it). region_code is a CBS code: NL01,
-- PV20–PV31 or GM + 4 digits; period a Koers period key (2024, 2024-H1, 2024-Q1, 2024-03);
-- indicator_id a Koers indicator id. Unknown CBS cells ("." or empty) are not stored, never 0.
create table peer_reference (
  region_code text not null check (region_code ~ '^(NL01|PV[0-9]{2}|GM[0-9]{4})$'),
  period text not null check (period ~ '^[0-9]{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  indicator_id text not null,
  region_kind text not null check (region_kind in ('gemeente', 'provincie', 'land')),
  period_type text not null check (period_type in ('year', 'halfyear', 'quarter', 'month')),
  value double precision not null,
  provisional boolean not null default false,
  source text not null default 'CBS',
  table_id text,
  import_id uuid,
  imported_at timestamptz not null default now(),
  primary key (region_code, period, indicator_id)
);
create index peer_reference_indicator on peer_reference (indicator_id, period);

-- The peers a gemeente chose to compare itself with (GET/PUT /api/peers; beleid and beheerder, audited).
create table peer_choice (
  gemeente_code char(4) not null references gemeente,
  peer_code text not null check (peer_code ~ '^GM[0-9]{4}$'),
  position smallint not null default 0,
  set_by text not null,
  set_at timestamptz not null default now(),
  primary key (gemeente_code, peer_code)
);

-- Province and inhabitants of a gemeente that is not in the CBS indeling of Koers's code table
-- (src/model/cbs-regions.ts; e.g. the fictional demo gemeente 9001 or a gemeente formed after
-- 2026). For the 342 gemeenten of the code table these come from the table.
create table gemeente_region (
  gemeente_code char(4) primary key references gemeente,
  province_code text not null check (province_code ~ '^PV[0-9]{2}$'),
  inhabitants integer check (inhabitants is null or inhabitants >= 0),
  note text
);
