/**
 * Scratch relations of one transaction: intermediate tables a long computation builds, reads and
 * throws away (the indicator engine's materialised facts and unit relations).
 *
 * Temporary tables are the obvious place, but PostgreSQL never reads a temporary table with
 * parallel workers (their buffers are local to the session), so every statement over them runs on
 * one core. Unlogged tables in a schema of the transaction's own are read in parallel. They are as
 * private as temporary tables: the schema is created and dropped inside the transaction, so no
 * other session ever sees it (catalog rows are invisible until commit), and an aborted transaction
 * leaves nothing behind. Its name is prepended to the transaction's search_path, so the scratch
 * tables are found by their plain names and nothing else changes.
 *
 * Needs CREATE on the database (the role that runs the migrations has it). Without it, temporary
 * tables as before. The embedded engine runs the same statements; it has no parallel workers, and
 * there the kind of table made no difference (demo full recompute 65.7 and 64.0 s with temporary
 * tables, 63.8 and 66.0 s with these, alternated).
 */
import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type ScratchKind = 'temp' | 'unlogged';

export interface ScratchSpace {
  kind: ScratchKind;
  /** The schema holding the scratch tables (kind 'unlogged'), else null. */
  schema: string | null;
  /** Drops the schema and everything in it (call before commit; temporary tables go at commit by themselves). */
  close(): Promise<void>;
}

/** `create … table <name> as` for a scratch table of this kind (gone at commit either way). */
export function createScratchTable(kind: ScratchKind, name: string): string {
  return kind === 'temp' ? `create temp table ${name} on commit drop as` : `create unlogged table ${name} as`;
}

export async function openScratch(trx: Transaction<Database>): Promise<ScratchSpace> {
  const may = await sql<{ ok: boolean }>`select has_database_privilege(current_database(), 'CREATE') as ok`.execute(trx);
  if (!may.rows[0]?.ok) return { kind: 'temp', schema: null, close: async () => {} };
  const schema = `koers_scratch_${crypto.randomBytes(6).toString('hex')}`;
  await sql`create schema ${sql.id(schema)}`.execute(trx);
  await sql`select set_config('search_path', ${`"${schema}", `} || current_setting('search_path'), true)`.execute(trx);
  return {
    kind: 'unlogged',
    schema,
    close: async () => { await sql`drop schema ${sql.id(schema)} cascade`.execute(trx); },
  };
}
