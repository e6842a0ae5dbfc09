-- Quarantine: every rejected file or record, with where and why, so it can be fixed and re-imported.
-- Never holds a BSN: XML files are not stored (only the location and reason); a tabular record is
-- stored with its BSN column replaced by the pseudonym.
alter table import_file add column source text;           -- 'istandaarden' | 'wijken' | 'bevolking' | ... | tabular source id

create table quarantine_record (
  quarantine_id uuid primary key,
  gemeente_code char(4),                                 -- null when the gemeente could not be read
  import_id uuid references import_run,
  file_name text not null,
  source text not null,
  location text,                                         -- element path (with line) or 'regel N'
  field text,
  reason text not null,
  record jsonb,                                          -- tabular record (pseudonymised) for fixing in place, else null
  status text not null default 'open' check (status in ('open', 'resolved', 'ignored')),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by text
);
create index quarantine_open on quarantine_record (gemeente_code, status, created_at);
