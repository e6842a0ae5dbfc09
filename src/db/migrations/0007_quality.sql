-- Data quality. calendar_day holds every day with a running werkdag index (filled by the app from
-- src/model/calendar.ts), so "within N werkdagen" is a subtraction in SQL.
create table calendar_day (
  day date primary key,
  werkdag boolean not null,
  werkdag_index integer not null
);

-- Findings of the validation rules (src/quality/rules.ts), recomputed after every import.
-- The follow-up status a user sets survives recomputation; a finding the data no longer shows is 'gone'.
create table dq_finding (
  gemeente_code char(4) not null references gemeente,
  finding_key text not null,          -- rule + object, stable across recomputations
  rule_id text not null,
  agb_code char(8),
  law text,
  person_id text,
  ref_date date,                      -- the date that places the finding in a period
  detail jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'resolved', 'ignored')),
  gone boolean not null default false,
  first_seen timestamptz not null default now(),
  last_seen timestamptz not null default now(),
  status_by text,
  status_at timestamptz,
  primary key (gemeente_code, finding_key)
);
create index dq_finding_rule on dq_finding (gemeente_code, rule_id, gone, status);

-- "stop without start" looks up the start of a delivery by its key; without this index the rule
-- is a nested loop over all deliveries (measured: 149 s on the demo gemeente on PGlite, ~0.1 s with it).
create index delivery_record_key on delivery_record (gemeente_code, law, toewijzing_nummer, begindatum, kind);
