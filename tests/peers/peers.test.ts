import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { detectSource } from '../../src/ingest/tabular/index.js';
import { gemeentenInSizeClass } from '../../src/model/regions.js';
import { cbsReferenceCsv } from '../../src/demo/cbs-reference.js';
import { createApp } from '../../src/web/server/app.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

/** A hand-made file as the CBS StatLine download writes it ("CSV met puntkomma", quoted, "." = unknown). Values are made up. */
const STATLINE_CSV = [
  '"Regio\'s";"Perioden";"Wmo-cliënten per 1 000 inwoners";"Jongeren met jeugdhulp (%)";"Personen met bijstand per 10 000 inwoners"',
  '"Nederland";"2024";"56,2";"9,8";"232"',
  '"Utrecht (PV)";"2024";"52,1";"10,4";"210"',
  '"Amsterdam";"2024";".";"11,2";"410"',
  '"GM0344";"2024JJ00";"49,0";"";"325"',
  '"Rotterdam";"2024 1e halfjaar";"61,5";"12,0";"."',
  '"Atlantis";"2024";"50";"10";"200"',
  '"Groningen";"2024*";"70";"x";"300"',
].join('\r\n') + '\r\n';

interface Row { kind: string; code: string | null; label: string; value: number | null; count?: number; provisional?: boolean; suppressed?: boolean; source: string }
interface Comparison { indicator: string; period: string; periods: string[]; comparable: boolean; hasReference: boolean; message: string | null; gemeente: { code: string; province: { code: string } | null; sizeClass: { id: string } | null }; rows: Row[]; official: { own: number | null; cbs: number; difference: number | null; explanation: string[] } | null }

describe.each(ENGINES)('CBS reference and peers on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    const bsns = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
    const files = bsns.flatMap((bsn, i) => [
      file(`t${i}.xml`, msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `T${i}`, dag: '2024-01-02' }, { bsn, postcode: '9001AA' }, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
      file(`s${i}.xml`, msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `S${i}`, dag: '2024-01-05' }, { bsn }, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
    ]);
    const s = await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-01-01' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'analist', 'raad', 'beheerder'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    app = createApp(k, { demoHint: null });
  });
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });
  const put = (path: string, who: { cookie: string; csrf: string }, body: unknown) => app.request(path, {
    method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: who.cookie, 'x-csrf-token': who.csrf },
  });

  it('says "geen gegevens" with the source to import before any CBS figure is there (never 0)', async () => {
    expect((await get('/api/indicators/wmo_clients_per_1000/peers')).status).toBe(401);
    const { cookie } = await loginAs('beleid');
    const res = await get('/api/indicators/wmo_clients_per_1000/peers?period=2024', cookie);
    expect(res.status).toBe(200);
    const body = await res.json() as Comparison;
    expect(body).toMatchObject({ comparable: true, hasReference: false, period: '2024', official: null });
    expect(body.message).toContain('importeer CBS-cijfers (bron cbs_reference)');
    expect(body.rows.map((r) => r.kind)).toEqual(['eigen']);
    expect((await get('/api/indicators/nope/peers', cookie)).status).toBe(404);
    expect((await get('/api/indicators/wmo_clients_per_1000/peers?period=vorig-jaar', cookie)).status).toBe(400);
  });

  it('loads a StatLine export as downloaded: recognised by its header, codes and names resolved, "." and empty = unknown', async () => {
    expect(detectSource(STATLINE_CSV.split('\r\n')[0]!.split(';').map((h) => h.replace(/"/g, '')))).toBe('cbs_reference');
    const s = await k.importFiles([file('84908NED.csv', STATLINE_CSV)], { source: 'test' });
    expect(s.files.map((f) => f.status)).toEqual(['accepted']);
    expect(s.tabular[0]).toMatchObject({ source: 'cbs_reference', rows: 7, accepted: 6, quarantined: 1 });
    const q = await k.db.selectFrom('quarantine_record').select(['location', 'field', 'reason']).where('import_id', '=', s.tabular[0]!.importId).execute();
    expect(q).toEqual([{ location: 'regel 7', field: 'regio_code', reason: expect.stringContaining('regio "Atlantis" is onbekend') }]);
    const rows = (await sql<{ r: string }>`select region_code || '|' || region_kind || '|' || period || '|' || indicator_id || '|' || value || '|' || provisional as r from peer_reference order by 1`.execute(k.db)).rows.map((x) => x.r);
    expect(rows).toEqual([
      'GM0014|gemeente|2024|bbv_bijstand_per_10000|300|true',
      'GM0014|gemeente|2024|wmo_clients_per_1000|70|true',
      'GM0344|gemeente|2024|bbv_bijstand_per_10000|325|false',
      'GM0344|gemeente|2024|wmo_clients_per_1000|49|false',
      'GM0363|gemeente|2024|bbv_bijstand_per_10000|410|false',
      'GM0363|gemeente|2024|bbv_youth_jeugdhulp_pct|11.2|false',
      'GM0599|gemeente|2024-H1|bbv_youth_jeugdhulp_pct|12|false',
      'GM0599|gemeente|2024-H1|wmo_clients_per_1000|61.5|false',
      'NL01|land|2024|bbv_bijstand_per_10000|232|false',
      'NL01|land|2024|bbv_youth_jeugdhulp_pct|9.8|false',
      'NL01|land|2024|wmo_clients_per_1000|56.2|false',
      'PV26|provincie|2024|bbv_bijstand_per_10000|210|false',
      'PV26|provincie|2024|bbv_youth_jeugdhulp_pct|10.4|false',
      'PV26|provincie|2024|wmo_clients_per_1000|52.1|false',
    ]);
    // The importing gemeente's own copy.
    expect((await sql<{ g: string }>`select distinct gemeente_code as g from peer_reference`.execute(k.db)).rows).toEqual([{ g: '9001' }]);
    // Re-importing the same export changes nothing.
    const again = await k.importFiles([file('84908NED-kopie.csv', STATLINE_CSV)], { source: 'test' });
    expect(again.tabular[0]).toMatchObject({ accepted: 6, quarantined: 1 });
    expect((await sql<{ n: number }>`select count(*)::int as n from peer_reference`.execute(k.db)).rows[0]!.n).toBe(14);
  });

  it('loads the long Koers format under the alias cbs_statline (maat as id or CBS label)', async () => {
    const similar = gemeentenInSizeClass('50000-100000').slice(0, 3).map((g) => g.code);
    const csv = ['regio_code,periode,maat,waarde,tabel',
      'GM9001,2024,wmo_clients_per_1000,1.5,84908NED',
      `${similar[0]},2024,wmo_clients_per_1000,40,84908NED`,
      `${similar[1]},2024,Wmo-cliënten per 1 000 inwoners,50,84908NED`,
      `${similar[2]},2024JJ00,wmo_clients_per_1000,90,84908NED`,
      'GM0363,2024,wmo_clients_per_1000,.,84908NED',
      'GM0363,2024,onzin,3,84908NED',
    ].join('\n') + '\n';
    const r = await k.importTabular({ gemeente: '9001', file: file('lang.csv', csv), source: 'cbs_statline', origin: 'test' });
    expect(r).toMatchObject({ source: 'cbs_reference', rows: 6, accepted: 5, quarantined: 1 });
    const v = await k.db.selectFrom('peer_reference').select(['value', 'table_id']).where('region_code', '=', similar[1]!).executeTakeFirstOrThrow();
    expect(v).toEqual({ value: 50, table_id: '84908NED' });
    expect(await k.db.selectFrom('peer_reference').select('value').where('region_code', '=', 'GM0363').where('indicator_id', '=', 'wmo_clients_per_1000').executeTakeFirst()).toBeUndefined();
  });

  it('chooses peers: beleid and beheerder only, validated, audited', async () => {
    const raad = await loginAs('raad');
    expect((await put('/api/peers', raad, { peers: ['GM0344'] })).status).toBe(403);
    const beleid = await loginAs('beleid');
    expect((await put('/api/peers', beleid, { peers: ['GM9999'] })).status).toBe(400);
    expect((await put('/api/peers', beleid, { peers: ['GM9001'] })).status).toBe(400);
    expect((await put('/api/peers', beleid, { peers: 'GM0344' })).status).toBe(400);
    const res = await put('/api/peers', beleid, { peers: ['0344', 'GM0363', 'GM0344'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ peers: [{ code: 'GM0344', name: 'Utrecht' }, { code: 'GM0363', name: 'Amsterdam' }], mayEdit: true });
    expect(await (await get('/api/peers', raad.cookie)).json()).toMatchObject({ peers: [{ code: 'GM0344' }, { code: 'GM0363' }], mayEdit: false });
    const a = await k.db.selectFrom('audit_log').select(['action', 'username', 'details']).where('action', '=', 'peer_list').execute();
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ username: 'beleid' });
    expect(JSON.stringify(a[0]!.details)).toContain('GM0363');
  });

  it('compares the own disclosed figure with Nederland, province, size class and peers, and explains the CBS difference', async () => {
    await k.db.insertInto('gemeente_region').values({ gemeente_code: '9001', province_code: 'PV26', inhabitants: 60_000, note: 'test' }).execute();
    for (const [who, profile] of [['beleid', 'default'], ['analist', 'none']] as const) {
      const { cookie } = await loginAs(who);
      const body = await (await get('/api/indicators/wmo_clients_per_1000/peers?period=2024', cookie)).json() as Comparison & { suppressionProfile: string };
      expect(body.suppressionProfile).toBe(profile);
      const values = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year&period=2024', cookie)).json() as { rows: { value: number | null; suppressed: boolean }[] };
      const own = body.rows.find((r) => r.kind === 'eigen')!;
      expect(own.value).toBe(values.rows[0]!.value);
      expect(own.value).not.toBeNull();
      expect(body.gemeente).toMatchObject({ code: 'GM9001', province: { code: 'PV26' }, sizeClass: { id: '50000-100000' } });
      const byKind = Object.fromEntries(body.rows.map((r) => [r.kind === 'peer' ? `peer:${r.code}` : r.kind, r]));
      expect(byKind.cbs_eigen!.value).toBe(1.5);
      expect(byKind.land!.value).toBe(56.2);
      expect(byKind.provincie!.value).toBe(52.1);
      expect(byKind.grootteklasse_gemiddelde).toMatchObject({ value: 60, count: 3 });
      expect(byKind.grootteklasse_mediaan).toMatchObject({ value: 50, count: 3 });
      expect(byKind['peer:GM0344']!.value).toBe(49);
      expect(byKind['peer:GM0363']!.value).toBeNull(); // "." at CBS: unknown, not 0
      expect(body.official).toMatchObject({ cbs: 1.5, own: own.value, difference: Math.round((own.value! - 1.5) * 100) / 100 });
      const text = body.official!.explanation.join(' ');
      expect(text).toMatch(/hoger|lager|gelijk/);
      for (const word of ['Tijd', 'Definitie', 'Registratie', 'hulpvorm en aanbieder']) expect(text).toContain(word);
    }
    // An indicator the CBS does not publish.
    const { cookie } = await loginAs('beleid');
    const other = await (await get('/api/indicators/outflow_pct/peers', cookie)).json() as Comparison;
    expect(other.comparable).toBe(false);
    expect(other.message).toContain('bron cbs_reference');
    // Newest year by default; a CBS period code is understood too.
    const def = await (await get('/api/indicators/bbv_bijstand_per_10000/peers?period=2024JJ00', cookie)).json() as Comparison;
    expect(def.period).toBe('2024');
    expect(def.rows.find((r) => r.kind === 'land')!.value).toBe(232);
    expect(def.rows.find((r) => r.kind === 'eigen')!.value).toBeNull(); // no benefit data: no own figure, never 0
    expect(def.official).toBeNull();
  });

  it('loads the demo\'s made-up reference file (StatLine form) without a mapping or a quarantined row', async () => {
    const csv = cbsReferenceCsv('2026-09-30');
    expect(detectSource(csv.split('\r\n')[0]!.split(';').map((h) => h.replace(/"/g, '')))).toBe('cbs_reference');
    const s = await k.importFiles([file('cbs-referentie.csv', csv)], { source: 'test' });
    expect(s.tabular[0]).toMatchObject({ source: 'cbs_reference', quarantined: 0 });
    const nl = await k.db.selectFrom('peer_reference').select(['value', 'source']).where('region_code', '=', 'NL01').where('period', '=', '2025').where('indicator_id', '=', 'wmo_clients_per_1000').executeTakeFirstOrThrow();
    expect(nl.source).toContain('verzonnen');
    expect(nl.value).toBeGreaterThan(40);
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = await (await get('/api/openapi.json')).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/indicators/{id}/peers', '/api/peers']));
    expect(doc.components.schemas.PeerComparison).toBeDefined();
  });
  // Last: it registers a second gemeente.
  it("keeps each gemeente's copy: another gemeente's import neither changes nor shows in this one's comparison", async () => {
    await addGemeente(k.db, '9002', 'Anderdam');
    const nl = () => sql<{ g: string; v: number }>`select gemeente_code as g, value as v from peer_reference
      where region_code = 'NL01' and period = '2024' and indicator_id = 'wmo_clients_per_1000' order by 1`.execute(k.db).then((r) => r.rows);
    const before = await nl();
    expect(before.map((x) => x.g)).toEqual(['9001']);
    const own = before[0]!.v;
    const r = await k.importTabular({ gemeente: '9002', file: file('ander.csv', 'regio_code,periode,maat,waarde\nNL01,2024,wmo_clients_per_1000,99\nNL01,2019,wmo_clients_per_1000,98\n'), source: 'cbs_reference', origin: 'test' });
    expect(r).toMatchObject({ accepted: 2, quarantined: 0 });
    expect(await nl()).toEqual([{ g: '9001', v: own }, { g: '9002', v: 99 }]);
    // 9001's comparison: its own figure for Nederland, and no period that only 9002 imported.
    const { cookie } = await loginAs('beleid');
    const body = await (await get('/api/indicators/wmo_clients_per_1000/peers?period=2024', cookie)).json() as Comparison;
    expect(body.rows.find((x) => x.kind === 'land')?.value).toBe(own);
    expect(body.periods).not.toContain('2019');
  });
});
