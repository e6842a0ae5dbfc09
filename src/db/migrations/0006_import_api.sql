-- Import API: tokens for automated feeds, saved column mappings for tabular sources, and the
-- gemeente on whose behalf an upload ran (so history and quarantine stay within one tenant).

-- API tokens ("koers_…") for automated feeds. Only the SHA-256 of a token is stored; the token
-- itself is shown once when it is made (koers tokens add) and can not be recovered.
create table api_token (
  gemeente_code char(4) not null references gemeente,
  token_id uuid not null,
  name text not null,
  token_sha256 char(64) not null unique,
  scope text not null default 'import' check (scope in ('import')),
  created_by text,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (gemeente_code, token_id)
);

-- Saved mappings: how the columns of a gemeente's own file map onto a Koers tabular source.
create table import_mapping (
  gemeente_code char(4) not null references gemeente,
  mapping_id uuid not null,
  name text not null,
  source text not null,
  definition jsonb not null,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (gemeente_code, mapping_id),
  unique (gemeente_code, source, name)
);

-- The gemeente of the account or token that started an upload through the API. A run's own
-- gemeente_code is null when no file could be read; history is shown by this column first.
alter table import_run add column owner_gemeente_code char(4);
alter table import_run add column token_id uuid;
create index import_run_owner on import_run (owner_gemeente_code, started_at);
create index import_run_gemeente on import_run (gemeente_code, started_at);
