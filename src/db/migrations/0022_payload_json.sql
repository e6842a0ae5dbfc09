-- received_message.payload is the record of what was received: stored and shown as it came, never
-- queried into. As json (the text, checked to be valid JSON) instead of jsonb (parsed into a binary
-- tree on every insert) a message import spends less database time per message.
alter table received_message alter column payload type json using payload::json;
