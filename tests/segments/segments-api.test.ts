import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { createApp } from '../../src/web/server/app.js';
import { parseExportCsv } from '../../src/web/server/routes/export.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { msg301, msg305, msg307 } from '../helpers/messages.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

/**
 * The /api/segments endpoints: role checks on the server (only beleid and beheerder change the
 * configuration, audited), disclosure per role (analist exact, raad and others suppressed),
 * gemeente isolation, the exports holding exactly what the endpoints return, and OpenAPI.
 * Testdam: 24 Wmo clients from January 2024 in Noord (9001AA); the odd ones stop on 2024-06-30.
 */
describe.each(ENGINES)('segments API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    const bsns: string[] = [];
    for (let n = 100_000_010; bsns.length < 24; n++) {
      const d = String(n).split('').map(Number);
      if ((d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8]!) % 11 === 0) bsns.push(String(n));
    }
    const h = (id: string, dag: string) => ({ std: 'iwmo' as const, gemeente: '9001', agb: '99000001', id, dag });
    const files = bsns.flatMap((bsn, i) => {
      const c = { bsn, postcode: '9001AA', huisnummer: String(i + 1) };
      return [
        file(`t${i}.xml`, msg301(h(`T${i}`, '2024-01-02'), c, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
        file(`s${i}.xml`, msg305(h(`S${i}`, '2024-01-05'), c, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
        ...(i % 2 ? [file(`e${i}.xml`, msg307(h(`E${i}`, '2024-06-30'), c, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03', eind: '2024-06-30', reden: '19' }]))] : []),
      ];
    });
    const late = file('late.xml', msg301(h('LATE', '2026-01-10'), { bsn: bsns[0]!, postcode: '9001AA', huisnummer: '1' }, [{ nr: '999', cat: '01', tdatum: '2026-01-10', ingang: '2026-02-01' }]));
    const s = await k.importFiles([...referenceFiles(), ...files, late], { source: 'test', asOf: '2026-01-10' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'analist', 'raad', 'beheerder', 'aanbieder'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'analist' });
    app = createApp(k, { demoHint: null });
  }, 120_000);
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });
  const put = (path: string, who: { cookie: string; csrf: string }, body: unknown) => app.request(path, {
    method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: who.cookie, 'x-csrf-token': who.csrf },
  });
  type Flows = { table: { cells: { from: string; to: string; persons: number | null; suppressed: boolean }[]; fromTotals: Record<string, { persons: number | null }>; total: { persons: number | null; suppressed: boolean } } | null };

  it('needs a login; the analist sees exact flows, the raad rounded or suppressed ones', async () => {
    expect((await get('/api/segments/flows')).status).toBe(401);
    const analist = await loginAs('analist');
    const a = await (await get('/api/segments/flows?periodType=year&period=2025', analist.cookie)).json() as Flows & { suppressionProfile: string };
    expect(a.suppressionProfile).toBe('none');
    const cell = (f: Flows, from: string, to: string) => f.table!.cells.find((c) => c.from === from && c.to === to)!;
    expect(cell(a, 'licht', 'licht').persons).toBe(12);
    expect(cell(a, 'licht', 'zelfredzaam').persons).toBe(12);
    expect(a.table!.fromTotals.licht!.persons).toBe(24);
    const raad = await loginAs('raad');
    const r = await (await get('/api/segments/flows?periodType=year&period=2025', raad.cookie)).json() as Flows & { suppressionProfile: string };
    expect(r.suppressionProfile).toBe('default');
    for (const c of r.table!.cells) expect(c.persons === null ? c.suppressed : c.persons % 5 === 0 && c.persons >= 10).toBe(true);
    expect(r.table!.cells.some((c) => c.persons === 12)).toBe(false);
    // Zero cells are below 10: suppressed, and with them enough others that none can be derived.
    expect(cell(r, 'licht', 'kwetsbaar').suppressed).toBe(true);
  });

  it('rejects bad parameters in Dutch; another gemeente sees none of these figures', async () => {
    const { cookie } = await loginAs('beleid');
    const bad = await get('/api/segments/pyramid?periodType=month', cookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/periodType=year\|halfyear\|quarter/);
    expect((await get('/api/segments/flows?periodType=year&period=2025-H1', cookie)).status).toBe(400);
    const other = await loginAs('anders');
    const f = await (await get('/api/segments/flows?periodType=year', other.cookie)).json() as Flows;
    expect(f.table).toBeNull();
    const p = await (await get('/api/segments/pyramid?periodType=year', other.cookie)).json() as { rows: unknown[] };
    expect(p.rows).toEqual([]);
    const st = await (await get('/api/segments/stapeling', other.cookie)).json() as { rows: unknown[] };
    expect(st.rows).toEqual([]);
  });

  it('configuration: beleid and beheerder may change it (audited, recomputed), others get 403; invalid values 400', async () => {
    const body = { minLaws: 2, residential: true, zrmMonths: 12, zrmMaxScore: 2, target: { zelfredzaam: 82, licht: 13, kwetsbaar: 5 } };
    for (const role of ['raad', 'analist', 'aanbieder']) {
      const res = await put('/api/segments/config', await loginAs(role), body);
      expect(res.status, role).toBe(403);
    }
    const beleid = await loginAs('beleid');
    const wrong = await put('/api/segments/config', beleid, { ...body, target: { zelfredzaam: 80, licht: 15, kwetsbaar: 10 } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/samen 100 %/);
    const ok = await put('/api/segments/config', beleid, body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ target: { zelfredzaam: 82 }, custom: true, recomputed: false, mayEdit: true });
    // One law is enough to be kwetsbaar: every licht person becomes kwetsbaar, recomputed at once.
    const beheerder = await loginAs('beheerder');
    const strict = await put('/api/segments/config', beheerder, { ...body, minLaws: 1 });
    expect(await strict.json()).toMatchObject({ minLaws: 1, recomputed: true });
    const analist = await loginAs('analist');
    const f = await (await get('/api/segments/flows?periodType=year&period=2025', analist.cookie)).json() as Flows;
    expect(f.table!.cells.find((c) => c.from === 'kwetsbaar' && c.to === 'kwetsbaar')!.persons).toBe(12);
    const p = await (await get('/api/segments/pyramid?periodType=year&period=2025', analist.cookie)).json() as { rows: { area: string; segments: Record<string, { persons: number }> }[] };
    expect(p.rows.find((r) => r.area === 'GM9001')!.segments.kwetsbaar!.persons).toBe(12);
    await put('/api/segments/config', beheerder, body);
    const log = await k.db.selectFrom('audit_log').select(['username', 'details']).where('action', '=', 'segment_config').orderBy('at').execute();
    expect(log.map((l) => l.username)).toEqual(['beleid', 'beheerder', 'beheerder']);
    expect((typeof log[1]!.details === 'string' ? JSON.parse(log[1]!.details) : log[1]!.details)).toMatchObject({ before: { minLaws: 2 }, after: { minLaws: 1 }, recomputed: true });
  });

  it('exports exactly the figures the endpoint returns (CSV for Dutch Excel, XLSX), audited', async () => {
    const raad = await loginAs('raad');
    const json = await (await get('/api/segments/flows?periodType=year&period=2025', raad.cookie)).json() as Flows;
    const res = await get('/api/segments/export?part=flows&format=csv&periodType=year&period=2025', raad.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseExportCsv(await res.text());
    for (const c of json.table!.cells) {
      const r = rows.find((x) => x.fromSegment === c.from && x.toSegment === c.to)!;
      expect(r.persons).toBe(c.persons === null ? '' : String(c.persons));
      expect(r.suppressed).toBe(String(c.suppressed));
    }
    const total = rows.find((x) => x.fromSegment === 'totaal' && x.toSegment === 'totaal')!;
    expect(total.persons).toBe(json.table!.total.persons === null ? '' : String(json.table!.total.persons));
    const xlsx = await get('/api/segments/export?part=stapeling&format=xlsx', raad.cookie);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.getWorksheet('Cijfers')!.getRow(1).values).toEqual([undefined, 'period', 'area', 'kind', 'item', 'households', 'suppressed']);
    expect((await get('/api/segments/export?part=nope', raad.cookie)).status).toBe(400);
    const log = await k.db.selectFrom('audit_log').select(['object']).where('action', '=', 'segment_export').execute();
    expect(log.map((l) => l.object).sort()).toEqual(['flows', 'stapeling']);
  });

  it('the OpenAPI description has every segments endpoint', async () => {
    const doc = await (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    const routes = app.routes.filter((r) => r.path.startsWith('/api/segments') && r.method !== 'ALL');
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /api/segments/config', 'GET /api/segments/draagkracht', 'GET /api/segments/export', 'GET /api/segments/flows', 'GET /api/segments/pyramid', 'GET /api/segments/stapeling', 'PUT /api/segments/config']);
    for (const r of routes) expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    expect(doc.components.schemas.SegmentFlows).toBeDefined();
  });
});
