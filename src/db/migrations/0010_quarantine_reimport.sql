-- A quarantined tabular record can be corrected and re-imported (src/app/quarantine.ts): the entry
-- is then resolved with a link to the import that took the corrected record in.
alter table quarantine_record add column resolved_import_id uuid references import_run;
