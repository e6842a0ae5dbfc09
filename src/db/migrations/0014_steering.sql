-- Sturen (issue 5): the beleidskader as a versioned goal tree, turn-the-curve notes per indicator and
-- period, actions, and one history of every change. Written by src/steering only; every write also
-- lands in steering_history in the same transaction (who, when, before, after) and in audit_log.

-- A beleidskader keeps its identity over versions; each version has its own status and tree.
create table framework (
  gemeente_code char(4) not null references gemeente,
  framework_id uuid not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (gemeente_code, framework_id)
);

-- concept: editable. vastgesteld: adopted by the council on adopted_on, frozen; changes make a new
-- concept version. vervallen: replaced (in_force_to set) or withdrawn. At most one version of a
-- framework is vastgesteld at a time; in_force_from/in_force_to keep the period it was in force.
create table framework_version (
  gemeente_code char(4) not null,
  framework_id uuid not null,
  version smallint not null check (version >= 1),
  status text not null default 'concept' check (status in ('concept', 'vastgesteld', 'vervallen')),
  title text not null check (length(title) between 1 and 200),
  vision text not null default '' check (length(vision) <= 4000),
  mission text not null default '' check (length(mission) <= 4000),
  principles jsonb not null default '[]',           -- array of short strings (leading principles)
  adopted_on date,                                   -- date of the council decision
  decision_ref text check (decision_ref is null or length(decision_ref) <= 200),
  in_force_from date,
  in_force_to date,
  template_id text,                                  -- the template it was started from, if any
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (gemeente_code, framework_id, version),
  foreign key (gemeente_code, framework_id) references framework,
  check (status = 'concept' or adopted_on is not null),
  check (in_force_to is null or in_force_from is null or in_force_to >= in_force_from)
);
create unique index framework_version_one_adopted on framework_version (gemeente_code, framework_id) where status = 'vastgesteld';

-- The goal tree of one version. node_id is stable across versions (a new version copies the tree
-- with the same ids), so actions, notes and history follow a goal through versions.
-- kind: theme (a vision theme, e.g. "Iedereen doet mee naar vermogen"), effect (maatschappelijk
-- effect, an RBA population result), doel (goal), programma (programme, intervention or contract).
create table framework_node (
  gemeente_code char(4) not null,
  framework_id uuid not null,
  version smallint not null,
  node_id uuid not null,
  parent_id uuid,
  kind text not null check (kind in ('theme', 'effect', 'doel', 'programma')),
  title text not null check (length(title) between 1 and 300),
  description text not null default '' check (length(description) <= 4000),
  position smallint not null default 0,
  primary key (gemeente_code, framework_id, version, node_id),
  foreign key (gemeente_code, framework_id, version) references framework_version on delete cascade
);
create index framework_node_parent on framework_node (gemeente_code, framework_id, version, parent_id);

-- Indicators under a node: a population result (effect) or a performance measure tagged with the RBA
-- question. Targets per year/wijk live in indicator_target (shared with the monitor). attention_margin:
-- how far (in the indicator's unit) a value may miss its target and still count as "aandacht" rather
-- than "niet op koers"; null = the default rule in src/steering/framework/status.ts.
create table framework_indicator (
  gemeente_code char(4) not null,
  framework_id uuid not null,
  version smallint not null,
  node_id uuid not null,
  indicator_id text not null,
  measure_kind text not null check (measure_kind in ('population', 'how_much', 'how_well', 'better_off')),
  attention_margin double precision check (attention_margin is null or attention_margin >= 0),
  position smallint not null default 0,
  primary key (gemeente_code, framework_id, version, node_id, indicator_id),
  foreign key (gemeente_code, framework_id, version, node_id) references framework_node on delete cascade
);

-- Budget lines (BBV taakvelden, as in budget_line.taakveld) that pay for a node: "wat mag het kosten".
create table framework_budget (
  gemeente_code char(4) not null,
  framework_id uuid not null,
  version smallint not null,
  node_id uuid not null,
  taakveld text not null,
  primary key (gemeente_code, framework_id, version, node_id, taakveld),
  foreign key (gemeente_code, framework_id, version, node_id) references framework_node on delete cascade
);

-- Turn the curve, per indicator and period (and optionally wijk). One current row per key; every
-- change is kept in steering_history. The forecast ("if we do nothing") is computed, not stored.
create table indicator_note (
  gemeente_code char(4) not null references gemeente,
  note_id uuid not null,
  indicator_id text not null,
  period_type text not null check (period_type in ('month', 'quarter', 'halfyear', 'year')),
  period text not null,
  area_code text,
  story text not null default '' check (length(story) <= 8000),        -- het verhaal achter de curve
  helps text not null default '' check (length(helps) <= 4000),        -- wat helpt
  hurts text not null default '' check (length(hurts) <= 4000),        -- wat werkt tegen
  partners text not null default '' check (length(partners) <= 4000),
  what_works text not null default '' check (length(what_works) <= 4000),
  action_plan text not null default '' check (length(action_plan) <= 8000),
  written_by text not null,
  written_at timestamptz not null default now(),
  primary key (gemeente_code, note_id)
);
create unique index indicator_note_key on indicator_note (gemeente_code, indicator_id, period_type, period, coalesce(area_code, ''));

create table steering_action (
  gemeente_code char(4) not null references gemeente,
  action_id uuid not null,
  title text not null check (length(title) between 1 and 300),
  description text not null default '' check (length(description) <= 4000),
  owner text not null check (length(owner) between 1 and 200),
  status text not null default 'gepland' check (status in ('gepland', 'bezig', 'afgerond', 'gestopt')),
  start_date date,
  due_date date,
  done_on date,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (gemeente_code, action_id),
  check (due_date is null or start_date is null or due_date >= start_date)
);
create index steering_action_due on steering_action (gemeente_code, status, due_date);

-- What an action is for: a goal (node of a framework, any version) and/or an indicator.
create table steering_action_link (
  gemeente_code char(4) not null,
  action_id uuid not null,
  link_id uuid not null,
  framework_id uuid,
  node_id uuid,
  indicator_id text,
  primary key (gemeente_code, action_id, link_id),
  foreign key (gemeente_code, action_id) references steering_action on delete cascade,
  check ((node_id is not null and framework_id is not null) or indicator_id is not null)
);
create index steering_action_link_node on steering_action_link (gemeente_code, framework_id, node_id);
create index steering_action_link_indicator on steering_action_link (gemeente_code, indicator_id);

-- Every change to the objects above, written in the same transaction as the change.
create table steering_history (
  gemeente_code char(4) not null references gemeente,
  history_id uuid not null,
  entity text not null check (entity in ('framework', 'framework_version', 'node', 'note', 'action')),
  entity_id text not null,
  change text not null check (change in ('created', 'changed', 'deleted', 'adopted', 'new_version', 'withdrawn')),
  changed_by text not null,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb,
  primary key (gemeente_code, history_id)
);
create index steering_history_entity on steering_history (gemeente_code, entity, entity_id, changed_at);
