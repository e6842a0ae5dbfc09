import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { wrapInStuf } from '../../src/ingest/stuf.js';
import { file, referenceFiles, square } from '../helpers/fixtures.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { msg301 } from '../helpers/messages.js';

const AS_OF = '2025-01-01';
let seq = 0;
const m301 = (gemeente: string, bsn = '999900006') => {
  seq++;
  return msg301({ std: 'iwmo', gemeente, agb: '99000001', id: `SC${seq}`, dag: '2024-02-01' }, { bsn, postcode: `${gemeente}AA` }, [{ nr: `${700 + seq}`, cat: '01', tdatum: '2024-02-01', ingang: '2024-02-01' }]);
};
const wijken = (gm: string, code: string) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { wijkcode: code, wijknaam: 'Elders', gemeentecode: `GM${gm}` }, geometry: square(5, 52) }] });

/**
 * The app's one import entry (src/app/imports.ts) with a gemeente restriction, as the API, the web
 * upload and `koers import --gemeente` use it: files of another gemeente are refused per file with
 * the reason, tables get the restricted gemeente.
 */
describe.each(ENGINES)('import restricted to one gemeente on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    const r = await k.importFiles(referenceFiles(), { source: 'test', asOf: AS_OF });
    expect(r.rejected).toBe(0);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('refuses messages (also in a StUF envelope), areas and tables of another gemeente per file and imports the rest', async () => {
    const before = await k.db.selectFrom('received_message').select('message_id').execute();
    const s = await k.importFiles([
      file('own.xml', m301('9001')),
      file('other.xml', m301('9002')),
      file('other-stuf.xml', wrapInStuf(m301('9002'), { functie: 'WMO301', zender: '9002', ontvanger: '99000001' })),
      file('wijken-anderdorp.geojson', wijken('9002', 'WK900200')),
      file('postcodes-anderdorp.csv', 'gemeente,postcode,wijk\n9002,9002AA,WK900200\n'),
      // No gemeente column, two gemeenten registered: the restricted gemeente's.
      file('postcodes-zonder-gemeente.csv', 'postcode,wijk\n9001CC,WK900100\n'),
    ], { source: 'test', asOf: AS_OF, onlyGemeente: '9001', username: 'tester' });

    const by = Object.fromEntries(s.files.map((f) => [f.name, f]));
    expect(by['own.xml']).toMatchObject({ status: 'accepted', gemeente: '9001' });
    for (const name of ['other.xml', 'other-stuf.xml', 'wijken-anderdorp.geojson', 'postcodes-anderdorp.csv']) {
      expect(by[name], name).toMatchObject({ status: 'rejected' });
      expect(by[name]!.reason).toBe('dit bestand is van gemeente 9002; je mag alleen bestanden van je eigen gemeente (9001) inlezen. Het bestand is niet geïmporteerd.');
    }
    expect(by['other.xml']!.location).toBe('WMO301/Header');
    expect(by['postcodes-anderdorp.csv']!.location).toBe('regel 2, kolom gemeente');
    expect(by['postcodes-zonder-gemeente.csv']).toMatchObject({ status: 'accepted', gemeente: '9001', rows: 1, quarantined: 0 });
    expect(s).toMatchObject({ accepted: 2, rejected: 4 });
    expect(s.importIds).toHaveLength(2);

    const after = await k.db.selectFrom('received_message').select(['message_id', 'gemeente_code']).execute();
    expect(after.length - before.length).toBe(1);
    expect(after.filter((m) => m.gemeente_code === '9002')).toEqual([]);
    expect(await k.db.selectFrom('area').select('area_code').where('gemeente_code', '=', '9002').where('level', '=', 'wijk').execute()).toEqual([]);
    expect(await k.db.selectFrom('postcode_area').select('area_code').where('postcode', '=', '9001CC').execute()).toEqual([{ area_code: 'WK900100' }]);

    // Both runs belong to the restricted gemeente, and so does the quarantine of every refused file.
    const runs = await k.db.selectFrom('import_run').select(['import_id', 'owner_gemeente_code', 'username']).where('import_id', 'in', s.importIds).execute();
    expect(runs.map((r) => r.owner_gemeente_code)).toEqual(['9001', '9001']);
    const q = await k.db.selectFrom('quarantine_record').select(['file_name', 'gemeente_code']).where('import_id', 'in', s.importIds).orderBy('file_name').execute();
    expect(q).toEqual([
      { file_name: 'other-stuf.xml', gemeente_code: '9001' },
      { file_name: 'other.xml', gemeente_code: '9001' },
      { file_name: 'postcodes-anderdorp.csv', gemeente_code: '9001' },
      { file_name: 'wijken-anderdorp.geojson', gemeente_code: '9001' },
    ]);
  });

  it('reads every file as one tabular source with a mapping, and refuses one whose mapping names another gemeente', async () => {
    const mapping = { source: 'postcodes', delimiter: ';' as const, columns: { postcode: { column: 'PC' }, wijk: { column: 'Wijk' }, gemeente: { constant: '9002' } } };
    const refused = await k.importFiles([file('export.csv', 'PC;Wijk\n9001DD;WK900100\n')], { source: 'test', onlyGemeente: '9001', tabular: { source: 'postcodes', mapping } });
    expect(refused.files).toEqual([expect.objectContaining({ name: 'export.csv', status: 'rejected', source: 'postcodes', location: 'koppeling, kolom gemeente' })]);
    expect(refused.files[0]!.reason).toMatch(/gemeente 9002.*eigen gemeente \(9001\)/);

    const { gemeente: _g, ...columns } = mapping.columns;
    const ok = await k.importFiles([file('export.csv', 'PC;Wijk\n9001DD;WK900100\n9001EE;WK999999\n')], { source: 'test', onlyGemeente: '9001', tabular: { source: 'postcodes', mapping: { ...mapping, columns } } });
    expect(ok.files).toEqual([expect.objectContaining({ status: 'accepted', gemeente: '9001', rows: 2, quarantined: 1 })]);
    expect(ok.quarantined).toBe(1);
    expect(ok.importIds).toHaveLength(1); // no messages: one run
  });

  it('without a restriction, a table without a gemeente column is refused when several gemeenten are registered', async () => {
    const s = await k.importFiles([file('postcodes.csv', 'postcode,wijk\n9001FF,WK900100\n')], { source: 'test' });
    expect(s.files[0]).toMatchObject({ status: 'rejected', source: 'postcodes' });
    expect(s.files[0]!.reason).toMatch(/gemeente is niet bekend/);
    // A message of either gemeente is fine without a restriction.
    const m = await k.importFiles([file('anderdorp.xml', m301('9002'))], { source: 'test', asOf: AS_OF });
    expect(m.files[0]).toMatchObject({ status: 'accepted', gemeente: '9002' });
  });
});
