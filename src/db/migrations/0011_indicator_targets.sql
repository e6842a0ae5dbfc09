-- Targets and baselines per indicator, year and optionally wijk (issue 4, "Targets and baselines").
-- Set by a beleidsadviseur or beheerder on the indicator page (PUT /api/indicators/{id}/targets,
-- audited). area_code null = the whole gemeente. The indicator id is not a foreign key: the
-- catalogue lives in code, and a target survives a new version of its indicator.
create table indicator_target (
  gemeente_code char(4) not null references gemeente,
  target_id uuid not null,
  indicator_id text not null,
  year smallint not null check (year between 2000 and 2100),
  area_code text,
  target double precision,
  baseline double precision,
  note text check (note is null or length(note) <= 500),
  set_by text not null,
  set_at timestamptz not null default now(),
  primary key (gemeente_code, target_id),
  check (target is not null or baseline is not null)
);
-- One target per indicator, year and area (the whole gemeente counts as one area).
create unique index indicator_target_key on indicator_target (gemeente_code, indicator_id, year, coalesce(area_code, ''));
