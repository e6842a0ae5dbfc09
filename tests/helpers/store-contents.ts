import { sql } from '../../src/db/index.js';
import type { TestKoers } from './koers.js';

/** Rows per table the message import writes, without what differs between two stores: ids, times and pseudonyms (each store has its own key). */
export async function contents(k: TestKoers) {
  const out: Record<string, string[]> = {};
  const tables = ['toewijzing_record', 'delivery_record', 'request_record', 'change_request', 'change_request_product', 'request_answer', 'declaratie_record',
    'prestatie_record', 'declaratie_antwoord', 'prestatie_antwoord', 'retour_message', 'retour_item', 'person', 'person_residence', 'trajectory'];
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(k.db)).rows;
    out[t] = rows.map((r) => JSON.stringify(Object.entries(r).filter(([c]) => !['message_id', 'import_id', 'created_at', 'updated_at', 'received_at', 'computed_at', 'person_id', 'household_key'].includes(c)))).sort();
  }
  out.received_message = (await sql<{ r: string }>`select concat_ws('|', sha256, message_type, identificatie, dagtekening, byte_size, json_typeof(payload)) as r from received_message order by 1`.execute(k.db)).rows.map((r) => r.r);
  return out;
}
