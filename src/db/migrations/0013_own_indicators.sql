-- Own indicators (issue 4): a gemeente's beleidsadviseur defines indicators from the same building
-- blocks as the catalogue (src/indicators/custom.ts validates them with the same compiler). Every
-- change is a new version; older versions stay, so history keeps both and charts mark the break.
create table own_indicator (
  gemeente_code char(4) not null references gemeente,
  indicator_id text not null check (indicator_id ~ '^eigen_[a-z0-9_]{3,40}$'),
  version smallint not null check (version >= 1),
  definition jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  archived boolean not null default false,
  primary key (gemeente_code, indicator_id, version)
);
