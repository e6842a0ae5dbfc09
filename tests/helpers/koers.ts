import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.js';
import { openKoers, type Koers } from '../../src/app/koers.js';

export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const XSD_DIR = path.join(SHARED, 'data');

/**
 * The database engines the integration tests run against: always the embedded PGlite, and a
 * real PostgreSQL when TEST_DATABASE_URL is set (.ci/run starts a throwaway cluster). Under
 * CI=true a missing PostgreSQL is a failure, not a skip (see tests/integration/tiers.test.ts).
 */
export const ENGINES: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestKoers extends Koers { dir: string; cleanup(): Promise<void> }

export async function openTestKoers(engine: 'pglite' | 'postgres', opts: { xsd?: boolean } = {}): Promise<TestKoers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-test-'));
  const env: NodeJS.ProcessEnv = {
    KOERS_DATA_DIR: dir,
    ...(opts.xsd === false ? {} : { KOERS_ISTANDAARDEN_XSD_DIR: XSD_DIR }),
    ...(engine === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
  };
  const schema = engine === 'postgres' ? testSchemaName() : undefined;
  const koers = await openKoers(loadConfig(env), { schema, inMemory: engine === 'pglite' });
  return Object.assign(koers, {
    dir,
    async cleanup() {
      await koers.close();
      if (schema) await dropTestSchema(schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A fresh schema name for a test on the shared PostgreSQL server. */
export const testSchemaName = () => `test_${crypto.randomBytes(6).toString('hex')}`;

/** Drops a test's schema on the shared PostgreSQL server (TEST_DATABASE_URL). */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try { await client.query(`drop schema if exists ${schema} cascade`); } finally { await client.end(); }
}
