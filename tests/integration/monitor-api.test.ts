import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { CATALOGUE } from '../../src/indicators/index.js';
import { compareValues, meetsTarget } from '../../src/indicators/overview.js';
import { createApp } from '../../src/web/server/app.js';
import { parseExportCsv } from '../../src/web/server/routes/export.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

interface Point { period: string; value: number | null; numerator: number | null; status: string; suppressed: boolean }
interface OverviewItem {
  indicator: { id: string; group: string; polarity: string }; periodType: string;
  state: { status: string; missing: string[] }; latest: Point | null; previous: Point | null; sparkline: { period: string; value: number | null }[];
  direction: string | null; target: { year: number; target: number | null; baseline: number | null } | null; targetMet: boolean | null;
}

describe('monitor direction rules', () => {
  it('judges a change against the polarity, equal at one decimal is the same', () => {
    expect(compareValues('up', 10, 12)).toEqual({ change: 'up', direction: 'better' });
    expect(compareValues('down', 10, 12)).toEqual({ change: 'up', direction: 'worse' });
    expect(compareValues('down', 12, 10)).toEqual({ change: 'down', direction: 'better' });
    expect(compareValues('context', 10, 12)).toEqual({ change: 'up', direction: 'neutral' });
    expect(compareValues('up', 10.01, 10.04)).toEqual({ change: 'same', direction: 'same' });
    expect(compareValues('up', null, 10)).toBeNull();
    expect(meetsTarget('down', 9, 10)).toBe(true);
    expect(meetsTarget('up', 9, 10)).toBe(false);
    expect(meetsTarget('context', 9, 10)).toBeNull();
  });
});

describe.each(ENGINES)('monitor API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    // 12 Wmo clients in wijk Noord (2024), as in api.test.ts.
    const bsns = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
    const files = bsns.flatMap((bsn, i) => [
      file(`t${i}.xml`, msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `T${i}`, dag: '2024-01-02' }, { bsn, postcode: '9001AA' }, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
      file(`s${i}.xml`, msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `S${i}`, dag: '2024-01-05' }, { bsn }, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
    ]);
    const s = await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-01-01' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    for (const role of ['beleid', 'analist', 'raad', 'beheerder', 'aanbieder'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'beleid' });
    app = createApp(k, { demoHint: null });
  });
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) => app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const put = (path: string, who: { cookie: string; csrf: string } | null, body: unknown, csrf = true) => app.request(path, {
    method: 'PUT', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...(who ? { cookie: who.cookie, ...(csrf ? { 'x-csrf-token': who.csrf } : {}) } : {}) },
  });

  it('gives the whole overview in one call: every indicator, its latest value, trend, state and group', async () => {
    expect((await get('/api/monitor/overview')).status).toBe(401);
    const { cookie } = await loginAs('beleid');
    const res = await get('/api/monitor/overview?periodType=year', cookie);
    expect(res.status).toBe(200);
    const body = await res.json() as { suppressionProfile: string; mayEditTargets: boolean; indicators: OverviewItem[] };
    expect(body.suppressionProfile).toBe('default');
    expect(body.mayEditTargets).toBe(true);
    expect(body.indicators.map((i) => i.indicator.id)).toEqual(CATALOGUE.map((d) => d.id));
    const wmo = body.indicators.find((i) => i.indicator.id === 'wmo_clients_per_1000')!;
    expect(wmo.indicator.group).toBe('population');
    expect(wmo.state.status).toBe('ok');
    // The same figure as the values endpoint (disclosed: numerator 12 rounded to 10).
    const values = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year', cookie)).json() as { rows: Point[] };
    const last = values.rows.at(-1)!;
    expect(wmo.latest).toMatchObject({ period: last.period, value: last.value, numerator: last.numerator, status: last.status });
    expect(wmo.latest!.numerator).toBe(10);
    expect(wmo.sparkline.map((p) => p.period)).toEqual(values.rows.slice(-8).map((r) => r.period));
    // Without benefit data the bijstand indicator says which source is missing and has no value (never 0).
    const bijstand = body.indicators.find((i) => i.indicator.id === 'bbv_bijstand_per_10000')!;
    expect(bijstand.state.status).toBe('no_data');
    expect(bijstand.state.missing.length).toBeGreaterThan(0);
    expect(bijstand.latest).toBeNull();
    expect(bijstand.sparkline).toEqual([]);
    // Cache-friendly: the same answer again is a 304 on its ETag.
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect((await get('/api/monitor/overview?periodType=year', cookie, { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/api/monitor/overview?periodType=week', cookie)).status).toBe(400);
  });

  it('an analist gets exact figures in the overview, never stored in a cache', async () => {
    const { cookie } = await loginAs('analist');
    const res = await get('/api/monitor/overview', cookie);
    const body = await res.json() as { suppressionProfile: string; mayEditTargets: boolean; indicators: OverviewItem[] };
    expect(body.suppressionProfile).toBe('none');
    expect(body.mayEditTargets).toBe(false);
    expect(body.indicators.find((i) => i.indicator.id === 'wmo_clients_per_1000')!.latest!.numerator).toBe(12);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('targets: beleid and beheerder set them (validated, audited); others may only read them', async () => {
    const beleid = await loginAs('beleid');
    const url = '/api/indicators/wmo_clients_per_1000/targets';
    expect(await (await get(url, beleid.cookie)).json()).toEqual({ indicator: 'wmo_clients_per_1000', targets: [], mayEdit: true });

    for (const role of ['raad', 'analist', 'aanbieder']) {
      const who = await loginAs(role);
      const res = await put(url, who, { targets: [{ year: 2024, target: 10 }] });
      expect(res.status, role).toBe(403);
      expect(((await get(url, who.cookie)).status)).toBe(200);
    }
    expect((await put(url, beleid, { targets: [] }, false)).status).toBe(403); // no CSRF token
    expect((await put('/api/indicators/nope/targets', beleid, { targets: [] })).status).toBe(404);

    const bad = async (body: unknown, message: RegExp, indicator = 'wmo_clients_per_1000') => {
      const res = await put(`/api/indicators/${indicator}/targets`, beleid, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    await bad({ targets: [{ year: 1999, target: 1 }] }, /jaar/);
    await bad({ targets: [{ year: 2024, target: 'veel' }] }, /streefwaarde/);
    await bad({ targets: [{ year: 2024 }] }, /streefwaarde of een nulmeting/);
    await bad({ targets: [{ year: 2024, target: 1 }, { year: 2024, baseline: 2 }] }, /meer dan één/);
    await bad({ targets: [{ year: 2024, area: 'WK999999', target: 1 }] }, /bestaat niet/);
    await bad({ targets: [{ year: 2024, target: 120 }] }, /tussen 0 en 100/, 'bbv_youth_jeugdhulp_pct');
    await bad({ targets: [{ year: 2024, area: 'WK900100', target: 1 }] }, /geen cijfers per wijk/, CATALOGUE.find((d) => !d.breakdowns.includes('wijk'))!.id);
    await bad('nonsense', /targets/);

    const ok = await put(url, beleid, { targets: [
      { year: 2024, target: 11.5, baseline: 14, note: 'Coalitieakkoord' },
      { year: 2024, area: 'WK900100', target: 18 },
      { year: 2025, target: 11 },
    ] });
    expect(ok.status).toBe(200);
    const saved = await ok.json() as { targets: { year: number; area: string | null; areaName: string | null; target: number; baseline: number | null; note: string | null; setBy: string }[]; added: number };
    expect(saved.added).toBe(3);
    expect(saved.targets.map((t) => [t.year, t.area, t.areaName, t.target, t.baseline, t.note, t.setBy])).toEqual([
      [2024, 'WK900100', 'Noord', 18, null, null, 'beleid'],
      [2024, null, null, 11.5, 14, 'Coalitieakkoord', 'beleid'],
      [2025, null, null, 11, null, null, 'beleid'],
    ]);  // by year, then wijk before the whole gemeente (nulls last)

    // PUT replaces the whole set; the beheerder may too.
    const beheerder = await loginAs('beheerder');
    const again = await (await put(url, beheerder, { targets: [{ year: 2024, target: 11.5, baseline: 14, note: 'Coalitieakkoord' }, { year: 2025, target: 10 }] })).json() as { added: number; changed: number; removed: number };
    expect(again).toMatchObject({ added: 0, changed: 1, removed: 1 });

    const audits = await k.db.selectFrom('audit_log').select(['username', 'object', 'details']).where('action', '=', 'indicator_targets').orderBy('at').execute();
    expect(audits.map((a) => [a.username, a.object])).toEqual([['beleid', 'wmo_clients_per_1000'], ['beheerder', 'wmo_clients_per_1000']]);
    expect(audits[1]!.details).toMatchObject({ added: 0, changed: 1, removed: 1 });

    // The overview shows the target of the latest year against the polarity; another gemeente sees none.
    const overview = await (await get('/api/monitor/overview', beleid.cookie)).json() as { indicators: OverviewItem[] };
    const wmo = overview.indicators.find((i) => i.indicator.id === 'wmo_clients_per_1000')!;
    const year = Number(wmo.latest!.period.slice(0, 4));
    expect(wmo.target?.year ?? year).toBe(year);
    if (year === 2024) expect(wmo.target).toMatchObject({ target: 11.5, baseline: 14 });
    const other = await loginAs('anders');
    expect(((await (await get(url, other.cookie)).json()) as { targets: unknown[] }).targets).toEqual([]);
  });

  it('exports exactly the disclosed rows of the values endpoint as CSV (Dutch Excel) and XLSX', async () => {
    const { cookie } = await loginAs('beleid');
    for (const q of ['periodType=year', 'periodType=year&by=wijk&period=2024', 'periodType=quarter&by=leeftijd']) {
      const values = await (await get(`/api/indicators/wmo_clients_per_1000/values?${q}`, cookie)).json() as { rows: Record<string, unknown>[] };
      const res = await get(`/api/indicators/wmo_clients_per_1000/export?format=csv&${q}`, cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=UTF-8/i);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="wmo_clients_per_1000_.*\.csv"/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text.split('\r\n')[0]).toBe('\uFEFFid;version;period;gemeente;area;areaName;breakdown;numerator;denominator;value;unit;status;suppressed');
      const parsed = parseExportCsv(text);
      const num = (v: unknown) => (v === null ? '' : String(v).replace('.', ','));
      expect(parsed).toEqual(values.rows.map((r) => ({
        id: r.id, version: String(r.version), period: r.period, gemeente: r.gemeente, area: r.area, areaName: r.areaName,
        breakdown: Object.entries(r.breakdown as Record<string, string>).map(([a, b]) => `${a}=${b}`).join('&'),
        numerator: num(r.numerator), denominator: num(r.denominator), value: num(r.value), unit: r.unit, status: r.status, suppressed: String(r.suppressed),
      })));
    }
    // Suppressed cells stay suppressed in the export (wijk Noord and Zuid in 2024, see api.test.ts).
    const wijk = parseExportCsv(await (await get('/api/indicators/wmo_clients_per_1000/export?format=csv&by=wijk&period=2024', cookie)).text());
    expect(wijk.map((r) => [r.areaName, r.suppressed, r.numerator])).toEqual([['Noord', 'true', ''], ['Zuid', 'true', '']]);

    const x = await get('/api/indicators/wmo_clients_per_1000/export?format=xlsx&periodType=year', cookie);
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const sheet = wb.getWorksheet('Cijfers')!;
    const values = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year', cookie)).json() as { rows: { period: string; value: number | null }[] };
    expect(sheet.rowCount).toBe(values.rows.length + 1);
    expect(sheet.getRow(2).getCell(3).value).toBe(values.rows[0]!.period);
    expect(sheet.getRow(2).getCell(10).value).toBe(values.rows[0]!.value);
    expect(wb.getWorksheet('Toelichting')).toBeTruthy();

    expect((await get('/api/indicators/wmo_clients_per_1000/export?format=pdf', cookie)).status).toBe(400);
    expect((await get('/api/indicators/wmo_clients_per_1000/export?format=csv&by=team', cookie)).status).toBe(400);
    expect((await get('/api/indicators/wmo_clients_per_1000/export?format=csv&period=2024-Q9', cookie)).status).toBe(400);
    const a = await loginAs('analist');
    const exact = parseExportCsv(await (await get('/api/indicators/wmo_clients_per_1000/export?format=csv&by=wijk&period=2024', a.cookie)).text());
    expect(exact.map((r) => [r.areaName, r.numerator])).toEqual([['Noord', '12'], ['Zuid', '0']]);
    const audits = await k.db.selectFrom('audit_log').select(['username']).where('action', '=', 'indicator_export').execute();
    expect(audits.length).toBeGreaterThanOrEqual(6);
  });

  it('wijk profile: every indicator with a wijk breakdown for one wijk beside the gemeente', async () => {
    const { cookie } = await loginAs('analist');
    const res = await get('/api/wijken/WK900100/profile?periodType=year&period=2024', cookie);
    expect(res.status).toBe(200);
    const body = await res.json() as { wijk: { name: string }; gemeente: { name: string }; periods: string[]; indicators: { indicator: { id: string }; period: string | null; wijk: Point | null; gemeente: Point | null; comparison: { change: string; direction: string } | null; state: { status: string } }[] };
    expect(body.wijk.name).toBe('Noord');
    expect(body.gemeente.name).toBe('Testdam');
    expect(body.periods).toContain('2024');
    expect(body.indicators.map((i) => i.indicator.id)).toEqual(CATALOGUE.filter((d) => d.breakdowns.includes('wijk') && d.periodTypes.includes('year')).map((d) => d.id));
    const wmo = body.indicators.find((i) => i.indicator.id === 'wmo_clients_per_1000')!;
    expect(wmo.period).toBe('2024');
    expect(wmo.wijk).toMatchObject({ numerator: 12, value: 20 }); // 12 of 600 inhabitants
    expect(wmo.gemeente).toMatchObject({ numerator: 12, value: 12 }); // 12 of 1 000
    expect(wmo.comparison).toEqual({ change: 'higher', direction: 'neutral' });
    expect(body.indicators.find((i) => i.indicator.id === 'bbv_children_benefit_household_pct')?.state.status).toBe('no_data');

    // Disclosure applies: a raadslid sees Noord suppressed.
    const raad = await loginAs('raad');
    const r = await (await get('/api/wijken/WK900100/profile?period=2024', raad.cookie)).json() as typeof body;
    expect(r.indicators.find((i) => i.indicator.id === 'wmo_clients_per_1000')!.wijk).toMatchObject({ suppressed: true, value: null });

    expect((await get('/api/wijken/WK999999/profile', cookie)).status).toBe(404);
    expect((await get('/api/wijken/WK900100/profile?period=2024-Q1', cookie)).status).toBe(400);
    const other = await loginAs('anders');
    expect((await get('/api/wijken/WK900100/profile', other.cookie)).status).toBe(404);
  });

  it('documents the monitor routes in OpenAPI', async () => {
    const doc = await (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/monitor/overview', '/api/indicators/{id}/targets', '/api/indicators/{id}/export', '/api/wijken/{code}/profile']));
    expect(Object.keys(doc.paths['/api/indicators/{id}/targets']!)).toEqual(['get', 'put']);
  });
});
