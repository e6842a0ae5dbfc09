import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { defaultMapping, detectSource, findSource, type Mapping } from '../../src/ingest/tabular/index.js';
import { houseNumberOf } from '../../src/ingest/places.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { msg301 } from '../helpers/messages.js';
import { BSN, setupGemeente, xlsx } from './fixtures.js';

/** ZRM "wide" exports (a column per domain) and postcode + huisnummer ranges → buurt/wijk. */
const csv = (name: string, lines: string[]) => file(name, lines.join('\n') + '\n');
const quarantineOf = (k: TestKoers, importId: string) =>
  k.db.selectFrom('quarantine_record').select(['location', 'field', 'reason']).where('import_id', '=', importId).orderBy('location').execute();

describe('source definitions', () => {
  it('finds the new sources by id and Dutch alias, and recognises a Koers-format header', () => {
    expect(findSource('zrm_breed')?.id).toBe('zrm_wide');
    expect(findSource('postcode_huisnummers')?.id).toBe('postcode_ranges');
    expect(detectSource(['bsn', 'datum', 'moment', 'financien', 'huisvesting'])).toBe('zrm_wide');
    expect(detectSource(['bsn', 'datum', 'moment', 'domein', 'score'])).toBe('zrm');
    expect(detectSource(['postcode', 'huisnummer_van', 'huisnummer_tot', 'pariteit', 'buurt'])).toBe('postcode_ranges');
    expect(detectSource(['postcode', 'wijk'])).toBe('postcodes');
  });

  it("maps a system's own Dutch domain headers to the domain columns without a hand-written mapping", () => {
    const m = defaultMapping('zrm_wide', ['BSN', 'Datum', 'Moment', 'Financiën', 'Werk & opleiding', 'Basale ADL', 'ADL', 'Huiselijke relaties', 'Opmerking']);
    expect(Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, 'column' in v ? v.column : null]))).toEqual({
      bsn: 'BSN', datum: 'Datum', moment: 'Moment', financien: 'Financiën', werk_opleiding: 'Werk & opleiding', basale_adl: 'Basale ADL', adl: 'ADL', huiselijke_relaties: 'Huiselijke relaties',
    });
  });

  it('reads the house number from a house number with letter or addition', () => {
    expect([houseNumberOf('12'), houseNumberOf(' 12a'), houseNumberOf('12-2'), houseNumberOf('A'), houseNumberOf(null)]).toEqual([12, 12, 12, null, null]);
  });
});

describe.each(ENGINES)('ZRM wide and postcode ranges on %s', (engine) => {
  let k: TestKoers;
  const run = (f: ReturnType<typeof file>, mapping: Mapping) => k.importTabular({ gemeente: '9001', file: f, mapping, origin: 'test' });

  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await setupGemeente(k);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('ZRM wide: one stored assessment per filled domain, 11-domain version mapped to 13, bad rows quarantined per row', async () => {
    // An export as a system delivers it: Dutch headers, D-M-YYYY dates, its own moment labels.
    const header = 'Cliëntnummer;Datum meting;Soort meting;Financiën;Werk & opleiding;Huisvesting;Dagbesteding;Verslaving;ADL;Justitie;Notitie';
    const mapping: Mapping = {
      source: 'zrm_wide', dateFormat: 'D-M-YYYY',
      columns: {
        clientnummer: { column: 'Cliëntnummer' }, datum: { column: 'Datum meting' },
        moment: { column: 'Soort meting', map: { Startmeting: 'intake', Tussenmeting: 'evaluatie', Eindmeting: 'uitstroom' } },
        financien: { column: 'Financiën' }, werk_opleiding: { column: 'Werk & opleiding' }, huisvesting: { column: 'Huisvesting' },
        dagbesteding: { column: 'Dagbesteding' }, verslaving: { column: 'Verslaving' }, adl: { column: 'ADL' }, justitie: { column: 'Justitie' },
      },
    };
    const r = await run(csv('zrm-breed.csv', [header,
      'K1;10-1-2024;Startmeting;2;1;3;;;;5;vrije tekst wordt niet bewaard', // 2017: four domains
      'K1;1-6-2019;Startmeting;3;;4;2;1;4;;', // 2010/2013 (legacy domains filled): mapped to 13
      'K2;1-6-2019;Eindmeting;3;2;;2;;;;', // werk_opleiding (2017) and dagbesteding (2013) together
      'K3;1-6-2019;Tussenmeting;;;;;;;;', // no scores at all
      'K4;1-6-2019;Tussenmeting;7;;;;;;;', // score out of range
    ]), mapping);
    expect(r).toMatchObject({ fileError: null, rows: 5, accepted: 2, quarantined: 3 });
    const rows = await k.db.selectFrom('zrm_assessment').select(['assessment_date', 'domain', 'moment', 'version', 'source_domain', 'score']).where('import_id', '=', r.importId).orderBy(['assessment_date', 'domain']).execute();
    expect(rows).toEqual([
      { assessment_date: '2019-06-01', domain: 'basale_adl', moment: 'intake', version: '2013', source_domain: 'adl', score: 4 },
      { assessment_date: '2019-06-01', domain: 'financien', moment: 'intake', version: '2013', source_domain: 'financien', score: 3 },
      { assessment_date: '2019-06-01', domain: 'huisvesting', moment: 'intake', version: '2013', source_domain: 'huisvesting', score: 4 },
      { assessment_date: '2019-06-01', domain: 'middelengebruik', moment: 'intake', version: '2013', source_domain: 'verslaving', score: 1 },
      { assessment_date: '2019-06-01', domain: 'tijdsbesteding', moment: 'intake', version: '2013', source_domain: 'dagbesteding', score: 2 },
      { assessment_date: '2024-01-10', domain: 'financien', moment: 'intake', version: '2017', source_domain: 'financien', score: 2 },
      { assessment_date: '2024-01-10', domain: 'huisvesting', moment: 'intake', version: '2017', source_domain: 'huisvesting', score: 3 },
      { assessment_date: '2024-01-10', domain: 'justitie', moment: 'intake', version: '2017', source_domain: 'justitie', score: 5 },
      { assessment_date: '2024-01-10', domain: 'werk_opleiding', moment: 'intake', version: '2017', source_domain: 'werk_opleiding', score: 1 },
    ]);
    expect(await quarantineOf(k, r.importId)).toEqual([
      { location: 'regel 4', field: 'werk_opleiding', reason: 'werk_opleiding: domein "Werk & opleiding" bestaat niet in ZRM 2010/2013 (de meting heeft ook dagbesteding, dus versie 2010/2013)' },
      { location: 'regel 5', field: 'domein', reason: 'domein: geen enkele domeinscore ingevuld' },
      { location: 'regel 6', field: 'financien', reason: expect.stringMatching(/^financien: 7 is groter dan 5/) },
    ]);
    // The same file again changes nothing; the wide and the long format give the same stored record.
    const again = await run(csv('zrm-breed.csv', [header, 'K1;10-1-2024;Startmeting;2;1;3;;;;5;x']), mapping);
    expect(again).toMatchObject({ accepted: 1, quarantined: 0 });
    expect(await k.db.selectFrom('zrm_assessment').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual({ n: 9 });
  });

  it('ZRM wide from XLSX, and a file without any domain column is refused whole with the reason', async () => {
    const book = await xlsx({ ZRM: [['bsn', 'datum', 'moment', 'Sociaal netwerk', 'Instrumentele ADL'], [BSN[1], '2024-03-01', 'evaluatie', 4, 3]] });
    const r = await run(file('zrm.xlsx', book), defaultMapping('zrm_wide', ['bsn', 'datum', 'moment', 'Sociaal netwerk', 'Instrumentele ADL']));
    expect(r).toMatchObject({ fileError: null, accepted: 1 });
    const bad = await run(csv('zrm-leeg.csv', ['bsn,datum,moment', `${BSN[1]},2024-03-01,intake`]), defaultMapping('zrm_wide', ['bsn', 'datum', 'moment']));
    expect(bad.fileError).toEqual({ location: 'kopregel', reason: expect.stringMatching(/^geen enkele domeinkolom gevonden of gekoppeld/) });
  });

  it('postcode ranges place a person by house number (even/odd), falling back to the postcode table', async () => {
    // Fixture postcode table: 9001AA → WK900100 (Noord). Ranges split 9001AA: odd 1–99 stays Noord, even 2–98 is Zuid.
    const header = 'gemeente;postcode;huisnummer_van;huisnummer_tot;pariteit;wijk;buurt';
    const r = await run(csv('pc-hnr.csv', [header,
      '9001;9001AA;1;99;oneven;WK900100;',
      '9001;9001AA;2;98;even;WK900101;',
      '9001;9001AA;40;40;;WK900100;', // a single house number: narrower than the even range, so it wins
      '9001;9001CC;10;5;;WK900100;', // van after tot
      '9001;9001CC;1;9;;WK999999;', // unknown wijk
    ]), { source: 'postcode_ranges', columns: Object.fromEntries(header.split(';').map((h) => [h, { column: h }])) });
    expect(r).toMatchObject({ fileError: null, accepted: 3, quarantined: 2 });
    expect((await quarantineOf(k, r.importId)).map((q) => q.reason)).toEqual([
      'huisnummer_tot: huisnummer_tot 5 ligt vóór huisnummer_van 10',
      'wijk: wijk "WK999999" is onbekend; importeer eerst de wijken (GeoJSON)',
    ]);
    expect(await k.db.selectFrom('postcode_range').select(['postcode', 'huisnummer_van', 'huisnummer_tot', 'pariteit', 'area_code']).orderBy(['huisnummer_van']).execute()).toEqual([
      { postcode: '9001AA', huisnummer_van: 1, huisnummer_tot: 99, pariteit: 'oneven', area_code: 'WK900100' },
      { postcode: '9001AA', huisnummer_van: 2, huisnummer_tot: 98, pariteit: 'even', area_code: 'WK900101' },
      { postcode: '9001AA', huisnummer_van: 40, huisnummer_tot: 40, pariteit: 'alle', area_code: 'WK900100' },
    ]);

    // Tabular source with postcode + huisnummer.
    const bh = 'bsn;regeling;startdatum;postcode;huisnummer';
    const b = await run(csv('uitkering.csv', [bh,
      `${BSN[0]};bijstand;2024-01-01;9001AA;12`, // even → Zuid
      `${BSN[1]};bijstand;2024-01-01;9001AA;13b`, // odd → Noord
      `${BSN[2]};bijstand;2024-01-01;9001AA;40`, // the single-number range → Noord
      `${BSN[3]};bijstand;2024-01-01;9001AA;120`, // outside every range → postcode table (Noord)
      `${BSN[4]};bijstand;2024-01-01;9001BB;12`, // postcode without ranges → postcode table (Zuid)
    ]), { source: 'benefits', columns: Object.fromEntries(bh.split(';').map((h) => [h, { column: h }])) });
    expect(b).toMatchObject({ fileError: null, accepted: 5 });
    const area = async (bsn: string) => (await sql<{ a: string | null }>`select r.area_code as a from person_residence r where r.gemeente_code = '9001' and r.person_id = ${k.pseudonymizer.person('9001', bsn)} and r.valid_from = '2024-01-01'`.execute(k.db)).rows[0]?.a;
    expect([await area(BSN[0]), await area(BSN[1]), await area(BSN[2]), await area(BSN[3]), await area(BSN[4])]).toEqual(['WK900101', 'WK900100', 'WK900100', 'WK900100', 'WK900101']);

    // A 301 with a BRP address uses the ranges too.
    const m = await k.importFiles([file('t.xml', msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: 'T1', dag: '2024-02-01' }, { bsn: BSN[1], postcode: '9001AA', huisnummer: '22' }, [{ nr: '1', cat: '01', tdatum: '2024-02-01', ingang: '2024-02-05' }]))], { source: 'test', asOf: '2025-06-30' });
    expect(m.accepted).toBe(1);
    expect((await sql<{ a: string | null }>`select area_code as a from person_residence where gemeente_code = '9001' and person_id = ${k.pseudonymizer.person('9001', BSN[1])} and valid_from = '2024-02-01'`.execute(k.db)).rows[0]?.a).toBe('WK900101');
  });
});
