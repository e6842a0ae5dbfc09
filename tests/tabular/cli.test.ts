import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { POSTCODES_CSV, WIJKEN_GEOJSON } from '../helpers/fixtures.js';
import { BSN } from './fixtures.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/koers.mjs');

/** `koers import --source … --mapping …` as a user runs it (a child process on the embedded database). */
describe('koers import of tabular files', () => {
  let dir: string;
  const koers = (args: string[]) =>
    run(process.execPath, [BIN, ...args, '--data-dir', path.join(dir, 'data')], { env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
  const write = (name: string, content: string) => { const p = path.join(dir, name); fs.writeFileSync(p, content); return p; };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-cli-tab-'));
    write('wijken.geojson', WIJKEN_GEOJSON);
    write('postcodes.csv', POSTCODES_CSV);
    expect((await koers(['gemeenten', 'add', '9001', 'Testdam'])).code).toBe(0);
    const ref = await koers(['import', path.join(dir, 'wijken.geojson'), path.join(dir, 'postcodes.csv')]);
    expect(ref.stdout).toMatch(/accepted 2, rejected 0/);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports an export through a mapping (exit 0), reports quarantined records (exit 2) and refuses a bad mapping (exit 1)', async () => {
    const mapping = write('koppeling.json', JSON.stringify({
      source: 'benefits', dateFormat: 'DD-MM-YYYY',
      columns: { bsn: { column: 'BSN' }, regeling: { column: 'Soort', map: { Levensonderhoud: 'bijstand' } }, startdatum: { column: 'Ingang' }, einddatum: { column: 'Einde' }, postcode: { column: 'Postcode' } },
    }));
    const good = write('export.csv', `Naam;BSN;Soort;Ingang;Einde;Postcode\nJan;${BSN[0]};Levensonderhoud;01-02-2024;;9001AA\nPiet;${BSN[1]};Levensonderhoud;15-03-2023;31-12-2023;9001BB\n`);
    const ok = await koers(['import', '--source', 'benefits', '--mapping', mapping, '--gemeente', '9001', good]);
    expect(ok.stdout).toMatch(/ACCEPTED {2}.*export\.csv \(benefits, gemeente 9001\): 2 records, 2 accepted, 0 quarantined/);
    expect(ok.code).toBe(0);

    const bad = write('export-fout.csv', `Naam;BSN;Soort;Ingang;Einde;Postcode\nJan;${BSN[2]};Levensonderhoud;01-02-2024;;9001AA\nKees;123456789;Levensonderhoud;01-02-2024;;9001AA\n`);
    const partial = await koers(['import', '--source', 'benefits', '--mapping', mapping, bad]);
    expect(partial.code).toBe(2);
    expect(partial.stdout).toMatch(/PARTIAL .*2 records, 1 accepted, 1 quarantined/);
    expect(partial.stdout).toMatch(/regel 3 \[bsn\]: bsn: BSN voldoet niet aan de elfproef/);
    expect(partial.stdout + partial.stderr).not.toContain('123456789');

    const refused = await koers(['import', '--source', 'benefits', '--mapping', mapping, '--delimiter', ',', good]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/REJECTED {2}.*export\.csv \[regel 1\]: het scheidingsteken in de kopregel is ";"/);

    const wrongSource = await koers(['import', '--source', 'zrm', '--mapping', mapping, good]);
    expect(wrongSource.code).toBe(1);
    expect(wrongSource.stderr).toMatch(/koppeling is voor bron benefits, niet voor zrm/);
    const brokenMapping = write('kapot.json', JSON.stringify({ source: 'benefits', columns: { schoenmaat: { column: 'x' } } }));
    const broken = await koers(['import', '--mapping', brokenMapping, good]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/geen kolom "schoenmaat"/);
  });

  it('without --source, recognises a file in a Koers format by its header; with only --source, uses the Koers column names', async () => {
    const zrm = write('zrm.csv', `bsn,datum,moment,domein,score\n${BSN[0]},2024-01-10,intake,Financiën,2\n`);
    const auto = await koers(['import', zrm]);
    expect(auto.stdout).toMatch(/accepted 1, rejected 0/);
    expect(auto.code).toBe(0);
    const plain = write('uitkeringen.csv', `bsn;regeling;startdatum\n${BSN[3]};bijstand;2024-01-01\n`);
    const bySource = await koers(['import', '--source', 'uitkeringen', plain, '--json']);
    expect(bySource.code).toBe(0);
    expect(JSON.parse(bySource.stdout)).toEqual([expect.objectContaining({ source: 'benefits', gemeente: '9001', rows: 1, accepted: 1, quarantined: 0, fileError: null })]);
  });

  it('with --gemeente, imports for that gemeente only: files of another gemeente are refused per file (exit 2)', async () => {
    expect((await koers(['gemeenten', 'add', '9002', 'Anderdorp'])).code).toBe(0);
    const inbox = path.join(dir, 'inbox-scope');
    fs.mkdirSync(inbox);
    fs.writeFileSync(path.join(inbox, 'postcodes-anderdorp.csv'), 'gemeente,postcode,wijk\n9002,9002AA,WK900200\n');
    // No gemeente column and two gemeenten registered: --gemeente says whose it is.
    fs.writeFileSync(path.join(inbox, 'zrm.csv'), `bsn,datum,moment,domein,score\n${BSN[1]},2024-02-10,intake,Financiën,3\n`);
    const r = await koers(['import', '--gemeente', '9001', inbox]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/REJECTED {2}.*postcodes-anderdorp\.csv \[regel 2, kolom gemeente\]: dit bestand is van gemeente 9002; je mag alleen bestanden van je eigen gemeente \(9001\) inlezen/);
    expect(r.stdout).toMatch(/accepted 1, rejected 1/);

    const json = await koers(['import', '--gemeente', '9001', '--json', path.join(inbox, 'postcodes-anderdorp.csv')]);
    const s = JSON.parse(json.stdout) as { files: { status: string; gemeente: string | null; reason: string }[] };
    expect(s.files).toEqual([expect.objectContaining({ status: 'rejected', reason: expect.stringMatching(/gemeente 9002/) })]);

    // With --source as well: a table whose rows say another gemeente is refused whole.
    const table = write('pc-anderdorp.csv', 'Gemeente;PC;Wijk\n9002;9002BB;WK900200\n');
    const mapping = write('pc-koppeling.json', JSON.stringify({ source: 'postcodes', columns: { gemeente: { column: 'Gemeente' }, postcode: { column: 'PC' }, wijk: { column: 'Wijk' } } }));
    const bySource = await koers(['import', '--source', 'postcodes', '--mapping', mapping, '--gemeente', '9001', table]);
    expect(bySource.code).toBe(2);
    expect(bySource.stdout).toMatch(/REJECTED {2}.*pc-anderdorp\.csv .*gemeente 9002/);

    expect((await koers(['import', '--gemeente', 'Amsterdam', table])).code).toBe(1);
  });
  it('runs a tabular import with a capped heap (KOERS_HEAP_CAP), and only a tabular import', async () => {
    const withCap = (args: string[], cap: string) =>
      run(process.execPath, [BIN, ...args, '--data-dir', path.join(dir, 'data')], { env: { ...process.env, DATABASE_URL: '', KOERS_HEAP_CAP: cap }, timeout: 120_000 })
        .then(() => 0, (e: { code: number | null; signal: string | null }) => e.code ?? e.signal);
    const table = path.join(dir, 'postcodes.csv');
    // 8 MB is far too little for Node: the import dies, so the cap reached it.
    expect(await withCap(['import', '--source', 'postcodes', table], '8')).not.toBe(0);
    // A cap of 0 turns it off; a message or area import never gets it.
    expect(await withCap(['import', '--source', 'postcodes', table], '0')).toBe(0);
    expect(await withCap(['import', path.join(dir, 'wijken.geojson')], '8')).toBe(0);
  });
});
