-- CBS reference figures per gemeente (issue 4, "Comparisons"). Migration 0012 stored them once for
-- all gemeenten, so a beheerder or analist of one gemeente could change the figures every other
-- gemeente of the installation compares itself with. They are public figures, but their integrity
-- is each gemeente's own: now each gemeente keeps the copy it imported, like all its other data.
-- Figures already stored become every registered gemeente's copy, so no comparison disappears.
alter table peer_reference add column gemeente_code char(4) references gemeente;
alter table peer_reference drop constraint peer_reference_pkey;
insert into peer_reference (gemeente_code, region_code, period, indicator_id, region_kind, period_type, value, provisional, source, table_id, import_id, imported_at)
select g.gemeente_code, r.region_code, r.period, r.indicator_id, r.region_kind, r.period_type, r.value, r.provisional, r.source, r.table_id, r.import_id, r.imported_at
  from peer_reference r cross join gemeente g
 where r.gemeente_code is null;
delete from peer_reference where gemeente_code is null;
alter table peer_reference alter column gemeente_code set not null;
alter table peer_reference add primary key (gemeente_code, region_code, period, indicator_id);
drop index peer_reference_indicator;
create index peer_reference_indicator on peer_reference (gemeente_code, indicator_id, period);
