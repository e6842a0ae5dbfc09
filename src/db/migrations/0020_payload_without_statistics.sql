-- received_message.payload is kept as the record of what was received and is never filtered or
-- joined on. Without statistics for it, ANALYZE (which the importer now runs while a long import
-- grows the tables, see src/db/analyze.ts) no longer unpacks and compares the sampled payloads:
-- on the demo that took about a second per ANALYZE of received_message.
alter table received_message alter column payload set statistics 0;
