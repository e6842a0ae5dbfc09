import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { POSTCODES_CSV, BEVOLKING_CSV, WIJKEN_GEOJSON } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/koers.mjs');

/** The koers command as a user runs it (a child process on the embedded database). */
describe('koers CLI', () => {
  let dir: string;
  const koers = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [BIN, ...args, '--data-dir', path.join(dir, 'data')], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-cli-'));
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    fs.writeFileSync(path.join(inbox, 'wijken.geojson'), WIJKEN_GEOJSON);
    fs.writeFileSync(path.join(inbox, 'postcodes.csv'), POSTCODES_CSV);
    fs.writeFileSync(path.join(inbox, 'bevolking.csv'), BEVOLKING_CSV);
    const h = { std: 'iwmo' as const, gemeente: '9001', agb: '99000001', dag: '2024-01-02' };
    fs.writeFileSync(path.join(inbox, 'a-301.xml'), msg301({ ...h, id: 'T1' }, { bsn: '999900006', postcode: '9001AA' }, [{ nr: '1', cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }]));
    fs.writeFileSync(path.join(inbox, 'a-305.xml'), msg305({ ...h, id: 'S1', dag: '2026-01-05' }, { bsn: '999900006' }, [{ nr: '1', cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses messages of an unregistered gemeente with how to register it (exit 2)', async () => {
    const r = await koers(['import', path.join(dir, 'inbox', 'a-301.xml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/REJECTED .*a-301\.xml.*koers gemeenten add 9001/);
  });

  it('registers a gemeente, imports a folder (exit 0), and prints indicators as CSV and JSON', async () => {
    expect((await koers(['gemeenten', 'add', '9001', 'Testdam'])).code).toBe(0);
    const imp = await koers(['import', path.join(dir, 'inbox')]);
    expect(imp.stderr + imp.stdout).not.toMatch(/REJECTED/);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/accepted 5, rejected 0/);
    const again = await koers(['import', path.join(dir, 'inbox')]);
    expect(again.stdout).toMatch(/DUPLICATE .*a-301\.xml/);
    const csv = await koers(['indicators', '--period', '2024', '--id', 'wmo_clients_per_1000', '--format', 'csv', '--unsuppressed']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,version,period,gemeente,area,breakdown,numerator,denominator,value,unit,status,suppressed');
    expect(lines[1]).toBe('wmo_clients_per_1000,1,2024,9001,GM9001,{},1,1000,1,per 1 000,final,false');
    const json = JSON.parse((await koers(['indicators', '--period', '2024-Q1', '--by', 'wijk', '--id', 'wmo_clients_per_1000'])).stdout) as { area: string; suppressed: boolean }[];
    expect(json.map((r) => [r.area, r.suppressed])).toEqual([['WK900100', true], ['WK900101', true]]);
  });

  it('adds a user with the password from the environment, never from the command line', async () => {
    const missing = await koers(['users', 'add', 'piet', '--role', 'beleid', '--gemeente', '9001']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/KOERS_PASSWORD/);
    const ok = await koers(['users', 'add', 'piet', '--role', 'beleid', '--gemeente', '9001'], { KOERS_PASSWORD: 'een-lang-wachtwoord' });
    expect(ok.code).toBe(0);
    expect((await koers(['users', 'list'])).stdout).toMatch(/piet\tbeleid\t9001/);
  });

  it('works while another Koers process (the web app of koers serve) has the data folder open, through that process\'s database', async () => {
    const { openKoers } = await import('../../src/app/koers.js');
    const { loadConfig } = await import('../../src/config/index.js');
    const { sql } = await import('../../src/db/index.js');
    const running = await openKoers(loadConfig({}, { dataDir: path.join(dir, 'data'), databaseUrl: null }));
    try {
      const before = (await sql<{ n: number }>`select count(*)::int as n from received_message`.execute(running.db)).rows[0]!.n;
      const inbox = path.join(dir, 'inbox-while-serving');
      fs.mkdirSync(inbox);
      const h = { std: 'iwmo' as const, gemeente: '9001', agb: '99000001', dag: '2024-02-01', id: 'T2' };
      fs.writeFileSync(path.join(inbox, 'b-301.xml'), msg301(h, { bsn: '999900018', postcode: '9001AA' }, [{ nr: '2', cat: '01', tdatum: '2024-02-01', ingang: '2024-02-01' }]));
      const imp = await koers(['import', inbox]);
      expect(imp.stderr).not.toMatch(/in gebruik/);
      expect(imp.code).toBe(0);
      expect(imp.stdout).toMatch(/accepted 1, rejected 0/);
      // The web app's process sees the new message at once, and its database process still runs.
      expect((await sql<{ n: number }>`select count(*)::int as n from received_message`.execute(running.db)).rows[0]!.n).toBe(before + 1);
      expect((await koers(['users', 'list'])).stdout).toMatch(/piet\tbeleid\t9001/);
    } finally {
      await running.close();
    }
  });
});
