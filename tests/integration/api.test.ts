import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { createApp } from '../../src/web/server/app.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    // 12 Wmo clients in wijk Noord, so the gemeente total is publishable but wijk Zuid (0) is not.
    const bsns = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
    const files = bsns.flatMap((bsn, i) => [
      file(`t${i}.xml`, msg301({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `T${i}`, dag: '2024-01-02' }, { bsn, postcode: '9001AA' }, [{ nr: `${100 + i}`, cat: '01', tdatum: '2024-01-02', ingang: '2024-01-02' }])),
      file(`s${i}.xml`, msg305({ std: 'iwmo', gemeente: '9001', agb: '99000001', id: `S${i}`, dag: '2024-01-05' }, { bsn }, [{ nr: `${100 + i}`, cat: '01', ingang: '2024-01-02', begin: '2024-01-03' }])),
    ]);
    const s = await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-01-01' });
    expect(s.files.filter((f) => f.status !== 'accepted').map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
    await addUser(k.db, { gemeenteCode: '9001', username: 'beleid', password: PW, role: 'beleid' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'analist', password: PW, role: 'analist' });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'analist' });
    app = createApp(k, { demoHint: null });
  });
  afterAll(async () => { await k?.cleanup(); });

  async function loginAs(username: string) {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username, password: PW }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = await res.json() as { csrfToken: string; user: { role: string; gemeente: { code: string } } };
    return { cookie: cookie.split(';')[0]!, csrf: body.csrfToken, body };
  }
  const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

  it('refuses the API without a session and with a wrong password (audited)', async () => {
    expect((await get('/api/indicators')).status).toBe(401);
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username: 'beleid', password: 'wrong-password' }) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/klopt niet/);
    const audits = await k.db.selectFrom('audit_log').select(['action', 'username']).where('action', '=', 'login_failed').execute();
    expect(audits).toContainEqual({ action: 'login_failed', username: 'beleid' });
  });

  it('gives a forecast only when at least three published values exist (here: one quarter of data)', async () => {
    // The fixture's messages end on 2024-01-05, so only 2024-Q1 exists; the trend itself is unit-tested
    // (tests/unit/forecast.test.ts) and shown with more data in the browser test of the demo.
    const { cookie } = await loginAs('beleid');
    const body = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=quarter', cookie)).json() as { rows: unknown[]; forecast: unknown };
    expect(body.rows).toHaveLength(1);
    expect(body).toHaveProperty('forecast', null);
  });

  it('a beleidsadviseur sees suppressed, rounded figures of their own gemeente only', async () => {
    const { cookie } = await loginAs('beleid');
    const res = await get('/api/indicators/wmo_clients_per_1000/values?periodType=year&period=2024&by=wijk', cookie);
    expect(res.status).toBe(200);
    const body = await res.json() as { suppressionProfile: string; rows: { areaName: string; numerator: number | null; suppressed: boolean; gemeente: string }[] };
    expect(body.suppressionProfile).toBe('default');
    // Noord has 12 clients (published, rounded to 10); Zuid has 0 (<10: suppressed). With a total
    // published, complementary suppression must hide Noord as well.
    expect(body.rows.map((r) => [r.areaName, r.suppressed])).toEqual([['Noord', true], ['Zuid', true]]);
    const total = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year&period=2024', cookie)).json() as { rows: { numerator: number; value: number }[] };
    expect(total.rows[0]!.numerator).toBe(10); // 12 rounded to the nearest 5
    expect(total.rows[0]!.value).toBe(12);
  });

  it('an analist sees exact figures; person-level reads are analist-only and audited', async () => {
    const a = await loginAs('analist');
    const body = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year&period=2024&by=wijk', a.cookie)).json() as { rows: { areaName: string; numerator: number }[] };
    expect(body.rows.map((r) => [r.areaName, r.numerator])).toEqual([['Noord', 12], ['Zuid', 0]]);
    const persons = await get('/api/indicators/wmo_clients_per_1000/persons?period=2024', a.cookie);
    expect(persons.status).toBe(200);
    expect(((await persons.json()) as { persons: unknown[] }).persons).toHaveLength(12);
    const b = await loginAs('beleid');
    expect((await get('/api/indicators/wmo_clients_per_1000/persons?period=2024', b.cookie)).status).toBe(403);
    const audits = await k.db.selectFrom('audit_log').select(['action', 'username', 'object']).where('action', '=', 'read_person_level').execute();
    expect(audits).toEqual([{ action: 'read_person_level', username: 'analist', object: 'wmo_clients_per_1000/2024' }]);
  });

  it('an account of another gemeente sees nothing of this one', async () => {
    const o = await loginAs('anders');
    expect(o.body.user.gemeente.code).toBe('9002');
    const body = await (await get('/api/indicators/wmo_clients_per_1000/values?periodType=year', o.cookie)).json() as { rows: unknown[] };
    expect(body.rows).toEqual([]);
    const areas = await (await get('/api/areas?level=wijk', o.cookie)).json() as { features: unknown[] };
    expect(areas.features).toEqual([]);
    const persons = await (await get('/api/indicators/wmo_clients_per_1000/persons?period=2024', o.cookie)).json() as { persons: unknown[] };
    expect(persons.persons).toEqual([]);
  });

  it('needs the CSRF token and a same-origin request to log out', async () => {
    const { cookie, csrf } = await loginAs('beleid');
    const noToken = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(noToken.status).toBe(403);
    const crossSite = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(crossSite.status).toBe(403);
    const ok = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf } });
    expect(ok.status).toBe(204);
    expect((await get('/api/auth/session', cookie)).status).toBe(401);
  });

  it('gives clear errors for unknown indicators and bad periods', async () => {
    const { cookie } = await loginAs('beleid');
    const unknown = await get('/api/indicators/nope/values', cookie);
    expect(unknown.status).toBe(404);
    const bad = await get('/api/indicators/wmo_clients_per_1000/values?period=2024-Q9', cookie);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/geen periode/);
  });

  it('serves an OpenAPI description', async () => {
    const doc = await (await get('/api/openapi.json')).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/indicators/{id}/values');
  });
});
