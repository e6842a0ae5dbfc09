import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, sql, type DatabaseHandle } from '../../src/db/index.js';
import { dropTestSchema, ENGINES, testSchemaName } from '../helpers/koers.js';

// Upgrading a database that already holds CBS reference figures: migration 0018 makes them per
// gemeente, and every registered gemeente must keep every figure (a fresh database has none, so the
// other tests never see this path).
const MIGRATIONS = path.resolve(import.meta.dirname, '../../src/db/migrations');

describe.each(ENGINES)('upgrade to per-gemeente CBS figures on %s', (engine) => {
  let h: DatabaseHandle;
  const schema = engine === 'postgres' ? testSchemaName() : undefined;
  beforeAll(async () => {
    h = await openDatabase({ databaseUrl: engine === 'postgres' ? process.env.TEST_DATABASE_URL! : null, embeddedDir: null, schema });
    // The schema as it was before 0018.
    await sql`create table schema_migration (name text primary key, applied_at timestamptz not null default now())`.execute(h.db);
    for (const file of fs.readdirSync(MIGRATIONS).filter((f) => /^\d{4}_.+\.sql$/.test(f) && f < '0018').sort()) {
      await sql.raw(fs.readFileSync(path.join(MIGRATIONS, file), 'utf8')).execute(h.db);
      await sql`insert into schema_migration (name) values (${file})`.execute(h.db);
    }
    await sql`insert into gemeente (gemeente_code, name) values ('9001', 'Testdam'), ('9002', 'Anderdam')`.execute(h.db);
    await sql`insert into peer_reference (region_code, period, indicator_id, region_kind, period_type, value)
              values ('NL01', '2024', 'wmo_clients_per_1000', 'land', 'year', 56.2), ('GM0363', '2024', 'wmo_clients_per_1000', 'gemeente', 'year', 61)`.execute(h.db);
  });
  afterAll(async () => {
    await h?.close();
    if (schema) await dropTestSchema(schema);
  });

  it('gives every gemeente its own copy of the figures already stored', async () => {
    expect(await migrate(h.db)).toContain('0018_peer_reference_per_gemeente.sql');
    const rows = await sql<{ r: string }>`select gemeente_code || '|' || region_code || '|' || value as r from peer_reference order by 1`.execute(h.db);
    expect(rows.rows.map((x) => x.r)).toEqual(['9001|GM0363|61', '9001|NL01|56.2', '9002|GM0363|61', '9002|NL01|56.2']);
  });
});
