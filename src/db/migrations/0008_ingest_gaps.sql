-- Ingest gaps (issue 3).

-- 305/307 without ToewijzingNummer (taakgericht, IV096: keyed by Product + Begindatum) are stored as
-- they came; the trajectory builder links them to a toewijzing (src/model/trajectories.ts, matchToewijzing).
alter table delivery_record alter column toewijzing_nummer drop not null;

-- Derived, rebuilt with the trajectories: per start/stop without ToewijzingNummer the toewijzing it
-- was linked to, or null with the Dutch reason why none fits (data-quality rule levering_zonder_toewijzing).
create table delivery_link (
  gemeente_code char(4) not null,
  message_id uuid not null,
  seq smallint not null,
  person_id text not null,
  toewijzing_nummer text,
  reason text,
  primary key (gemeente_code, message_id, seq),
  foreign key (gemeente_code, message_id, seq) references delivery_record
);
create index delivery_link_person on delivery_link (gemeente_code, person_id);

-- Postcode + huisnummer ranges → buurt/wijk (BAG/CBS "postcode-huisnummer" tables). A person placed
-- from an address uses the narrowest range that holds the house number, else postcode_area.
create table postcode_range (
  gemeente_code char(4) not null references gemeente,
  postcode char(6) not null,
  huisnummer_van integer not null,
  huisnummer_tot integer not null,
  pariteit text not null check (pariteit in ('alle', 'even', 'oneven')),
  area_code text not null,            -- wijk code
  buurt_code text,
  primary key (gemeente_code, postcode, huisnummer_van, huisnummer_tot, pariteit),
  check (huisnummer_tot >= huisnummer_van)
);
