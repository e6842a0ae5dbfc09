-- The 80/15/5 pyramid and stapeling (issue 5, "The pyramid (80/15/5) and stapeling"); docs/segments.md.
--
-- segment_config: a gemeente's thresholds for the segment rules and its vision's target. No row =
-- the documented defaults (the catalogue rule). The indicator compiler's person_period CTE reads it
-- (coalescing to the same defaults), so the segment_* indicators and the pages below agree. Set by
-- beleid/beheerder (PUT /api/segments/config, audited as segment_config); a change recomputes the
-- segment indicators and the tables below.
create table segment_config (
  gemeente_code char(4) primary key references gemeente,
  -- kwetsbaar: provisions under at least this many laws (Wmo, Jeugdwet, Participatiewet, schuldhulp) in the period
  min_laws smallint not null default 2 check (min_laws between 1 and 4),
  -- kwetsbaar: any residential provision (verblijf, beschermd wonen)
  residential boolean not null default true,
  -- kwetsbaar: the latest ZRM within this many months up to the end of the period ...
  zrm_months smallint not null default 12 check (zrm_months between 1 and 60),
  -- ... scores at most this on a basisvoorwaarde (financiën, huisvesting, sociaal netwerk, werk/dagbesteding)
  zrm_max_score smallint not null default 2 check (zrm_max_score between 1 and 4),
  -- the vision's target shares in percent (zelfredzaam / licht / kwetsbaar); they add up to 100
  target_self_reliant double precision not null default 80,
  target_at_risk double precision not null default 15,
  target_vulnerable double precision not null default 5,
  set_by text not null,
  set_at timestamptz not null default now(),
  check (target_self_reliant >= 0 and target_at_risk >= 0 and target_vulnerable >= 0
         and abs(target_self_reliant + target_at_risk + target_vulnerable - 100) < 0.001)
);

-- Flows between segments from period P1 to the next period P2 of the same type, per person
-- aggregated (the person rows never leave the database). from_segment: zelfredzaam | licht |
-- kwetsbaar | instroom; to_segment: zelfredzaam | licht | kwetsbaar | vertrokken | overleden.
-- area_code: GM<code> for the gemeente, else the wijk of P2 (of P1 for vertrokken/overleden).
create table segment_flow (
  gemeente_code char(4) not null references gemeente,
  period_type text not null check (period_type in ('year', 'halfyear', 'quarter')),
  from_period text not null,
  to_period text not null,
  area_code text not null,
  from_segment text not null,
  to_segment text not null,
  persons integer not null,
  computed_at timestamptz not null default now(),
  primary key (gemeente_code, period_type, to_period, area_code, from_segment, to_segment)
);

-- Draagkracht/draaglast per segment: persons with a ZRM (the latest within zrm_months up to the end
-- of P) by balance of strong (4-5) and weak (1-2) domains, and per basisvoorwaarde not in order.
-- kind/item: total/'' | balance/sterk|gelijk|zwak | basis/werk|huisvesting|financien|sociaal_netwerk |
-- domains/sterk|zwak (sum of domains over the persons). segment: zelfredzaam | licht | kwetsbaar | alle.
create table segment_zrm (
  gemeente_code char(4) not null references gemeente,
  period_type text not null check (period_type in ('year', 'halfyear', 'quarter')),
  period text not null,
  area_code text not null,
  segment text not null,
  kind text not null,
  item text not null,
  persons integer not null,
  computed_at timestamptz not null default now(),
  primary key (gemeente_code, period_type, period, area_code, segment, kind, item)
);

-- Stapeling: households with provisions in a year by number of provisions (1, 2, 3, 4+) and by the
-- combination of laws (e.g. jeugd+wmo). kind/item: total/'' | count/1|2|3|4+ | combo/<laws joined by +>.
create table segment_stapeling (
  gemeente_code char(4) not null references gemeente,
  period_type text not null check (period_type in ('year')),
  period text not null,
  area_code text not null,
  kind text not null,
  item text not null,
  households integer not null,
  computed_at timestamptz not null default now(),
  primary key (gemeente_code, period_type, period, area_code, kind, item)
);
