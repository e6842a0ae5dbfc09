import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';

export type { Database } from './schema.js';
export type Db = Kysely<Database>;
export { sql };
export { analyzeGrown } from './analyze.js';
export { readKeyCatalog, readRelationCatalog, tablesWithColumns, type ForeignKey, type KeyCatalog, type RelationCatalog, type TableKeys } from './catalog.js';
export { openScratch, createScratchTable, type ScratchKind, type ScratchSpace } from './scratch.js';

// Dates stay 'YYYY-MM-DD' strings (no time-zone shifts); counts come back as numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  /** 'embedded' (PGlite) or 'postgres' */
  engine: 'embedded' | 'postgres';
  /** Process id of the embedded database's own process (PGlite); undefined on PostgreSQL. */
  serverPid?: number;
  /** Embedded: the database process belongs to another Koers process on the same data folder (see startEmbeddedPostgres). */
  sharedEmbedded?: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; null = embedded PGlite. */
  databaseUrl: string | null;
  /** Folder of the embedded database; null = in memory. Ignored with databaseUrl. */
  embeddedDir: string | null;
  poolSize?: number;
  /** PostgreSQL schema to use (tests isolate themselves in one). */
  schema?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | null = null;
  let connectionString = opts.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres(opts.embeddedDir);
    connectionString = embedded.connectionString;
  }
  const pool = new pg.Pool({
    connectionString,
    max: opts.poolSize ?? (embedded ? 4 : 10),
    // Each connection starts in the requested schema, so tests can run side by side.
    options: opts.schema ? `-c search_path=${opts.schema},public` : undefined,
  });
  pool.on('error', (err) => console.error('database pool error:', err.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (opts.schema) await sql`create schema if not exists ${sql.id(opts.schema)}`.execute(db);
  return {
    db,
    pool,
    engine: embedded ? 'embedded' : 'postgres',
    serverPid: embedded?.pid,
    sharedEmbedded: embedded?.shared,
    async close() {
      await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the plain-SQL migrations in order, each in its own transaction, once. */
export async function migrate(db: Db): Promise<string[]> {
  await sql`create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  const files = fs.readdirSync(migrationsDir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    await db.transaction().execute(async (trx) => {
      // Serialise concurrent starts on the same database.
      await sql`select pg_advisory_xact_lock(7352001)`.execute(trx);
      const done = await sql<{ name: string }>`select name from schema_migration where name = ${file}`.execute(trx);
      if (done.rows.length) return;
      await sql.raw(fs.readFileSync(path.join(migrationsDir, file), 'utf8')).execute(trx);
      await sql`insert into schema_migration (name) values (${file})`.execute(trx);
      applied.push(file);
    });
  }
  return applied;
}
