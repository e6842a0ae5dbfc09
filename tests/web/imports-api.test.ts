import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { createApp } from '../../src/web/server/app.js';
import { createApiToken, revokeApiToken } from '../../src/auth/api-tokens.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';
import { makeZip } from './zip.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';
const BSNS = ['111222333', '123456782', '100000010', '999900006', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071', '100000083', '100000095'];
let seq = 0;
/** A fresh 301 of a gemeente (unique content, so never a duplicate unless sent twice). */
const m301 = (gemeente: string, bsn = BSNS[seq % BSNS.length]!) => {
  seq++;
  return msg301({ std: 'iwmo', gemeente, agb: '99000001', id: `W${seq}`, dag: '2024-02-01' }, { bsn, postcode: `${gemeente}AA` }, [{ nr: `${500 + seq}`, cat: '01', tdatum: '2024-02-01', ingang: '2024-02-01' }]);
};

interface Summary { importId: string; importIds: string[]; accepted: number; rejected: number; duplicates: number; files: { name: string; source: string | null; status: string; messageType: string | null; gemeente: string | null; location: string | null; reason: string | null }[] }
interface ErrorBody { error: { code: string; message: string } }

describe.each(ENGINES)('import API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  let tokenA: string;
  let tokenB: string;
  let revoked: string;

  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    await k.importFiles(referenceFiles(), { source: 'test', asOf: '2025-01-01' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'beheerder', password: PW, role: 'beheerder' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'analist', password: PW, role: 'analist' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'beleid', password: PW, role: 'beleid' });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'beheerder' });
    tokenA = (await createApiToken(k.db, { gemeenteCode: '9001', name: 'feed' })).token;
    tokenB = (await createApiToken(k.db, { gemeenteCode: '9002', name: 'feed-anderdorp' })).token;
    const r = await createApiToken(k.db, { gemeenteCode: '9001', name: 'old-feed' });
    revoked = r.token;
    expect(await revokeApiToken(k.db, r.info.tokenId)).toBe(1);
    app = createApp(k, { demoHint: null });
  });
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const form = (files: { name: string; content: string | Buffer }[]) => {
    const fd = new FormData();
    for (const f of files) fd.append('files', new File([new Uint8Array(typeof f.content === 'string' ? Buffer.from(f.content) : f.content)], f.name));
    return fd;
  };
  const uploadAs = (s: { cookie: string; csrf?: string }, files: { name: string; content: string | Buffer }[], query = '') =>
    app.request(`/api/imports${query}`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, ...(s.csrf ? { 'x-csrf-token': s.csrf } : {}) }, body: form(files) });
  const get = (path: string, headers: Record<string, string>) => app.request(path, { headers });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('imports an upload by session with the CSRF token, and refuses it without', async () => {
    const s = await loginAs('beheerder');
    const files = [{ name: 'a.xml', content: m301('9001') }, { name: 'b.xml', content: m301('9001') }];
    const noCsrf = await uploadAs({ cookie: s.cookie }, files);
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as ErrorBody).error.code).toBe('csrf');
    const crossSite = await app.request('/api/imports', { method: 'POST', headers: { cookie: s.cookie, origin: 'https://evil.example', 'x-csrf-token': s.csrf }, body: form(files) });
    expect(crossSite.status).toBe(403);

    const res = await uploadAs(s, files);
    expect(res.status).toBe(200);
    const body = await res.json() as Summary;
    expect(body).toMatchObject({ accepted: 2, rejected: 0, duplicates: 0 });
    expect(body.files.map((f) => [f.name, f.status, f.messageType, f.gemeente])).toEqual([['a.xml', 'accepted', 'WMO301', '9001'], ['b.xml', 'accepted', 'WMO301', '9001']]);
    const run = await k.db.selectFrom('import_run').selectAll().where('import_id', '=', body.importId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ source: 'web', username: 'beheerder', owner_gemeente_code: '9001', files_accepted: 2 });
    const audits = await k.db.selectFrom('audit_log').select(['username', 'gemeente_code', 'details']).where('action', '=', 'import').where('object', '=', body.importId).execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ username: 'beheerder', gemeente_code: '9001' });
    expect(audits[0]!.details).toMatchObject({ via: 'web', accepted: 2, rejected: 0 });

    // Sent again: nothing changes, both are reported as duplicates.
    const again = await (await uploadAs(s, files)).json() as Summary;
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('refuses roles that may not import, and callers without a session or token', async () => {
    const b = await loginAs('beleid');
    const res = await uploadAs(b, [{ name: 'a.xml', content: m301('9001') }]);
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/beheerders en analisten/);
    expect((await get('/api/imports', { cookie: b.cookie })).status).toBe(403);
    expect((await get('/api/quarantine', { cookie: b.cookie })).status).toBe(403);
    expect((await get('/api/mappings', { cookie: b.cookie })).status).toBe(403);
    expect((await app.request('/api/imports', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: m301('9001') })).status).toBe(401);
    expect((await get('/api/imports', {})).status).toBe(401);
    // An analist may import.
    const a = await loginAs('analist');
    expect((await uploadAs(a, [{ name: 'c.xml', content: m301('9001') }])).status).toBe(200);
  });

  it('accepts an API token for feeds (raw body or multipart, no browser origin needed) and refuses revoked or unknown tokens', async () => {
    const raw = await app.request('/api/imports?name=feed-1.xml', { method: 'POST', headers: { ...bearer(tokenA), 'content-type': 'application/xml' }, body: m301('9001') });
    expect(raw.status).toBe(200);
    const body = await raw.json() as Summary;
    expect(body.files).toEqual([expect.objectContaining({ name: 'feed-1.xml', status: 'accepted', gemeente: '9001' })]);
    const run = await k.db.selectFrom('import_run').selectAll().where('import_id', '=', body.importId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ source: 'api', username: 'token:feed', owner_gemeente_code: '9001' });
    expect(run.token_id).toBeTruthy();
    const used = await k.db.selectFrom('api_token').select('last_used_at').where('name', '=', 'feed').executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();

    const multi = await app.request('/api/imports', { method: 'POST', headers: bearer(tokenA), body: form([{ name: 'feed-2.xml', content: m301('9001') }]) });
    expect(multi.status).toBe(200);
    expect(((await multi.json()) as Summary).accepted).toBe(1);

    for (const t of [revoked, 'koers_not-a-real-token', 'something-else']) {
      const res = await app.request('/api/imports?name=x.xml', { method: 'POST', headers: { ...bearer(t), 'content-type': 'application/xml' }, body: m301('9001') });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_token');
    }
    // A token only opens the import endpoints.
    expect((await get('/api/quarantine', bearer(tokenA))).status).toBe(401);
    expect((await get('/api/indicators', bearer(tokenA))).status).toBe(401);
  });

  it('rejects files of another gemeente per file with a clear reason and imports the rest', async () => {
    const before = await k.db.selectFrom('received_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // A token of Anderdorp sends a Testdam message: refused, nothing stored for either gemeente.
    const cross = await (await app.request('/api/imports?name=wrong.xml', { method: 'POST', headers: { ...bearer(tokenB), 'content-type': 'application/xml' }, body: m301('9001') })).json() as Summary;
    expect(cross).toMatchObject({ accepted: 0, rejected: 1 });
    expect(cross.files[0]!.reason).toMatch(/gemeente 9001.*eigen gemeente \(9002\)/);

    // A Testdam user uploads a zip with Testdam and Anderdorp files, and an Anderdorp postcode file.
    const s = await loginAs('beheerder');
    const zip = makeZip([
      { name: 'in/ok.xml', content: m301('9001') },
      { name: 'in/other.xml', content: m301('9002') },
      { name: 'in/postcodes-anderdorp.csv', content: 'gemeente,postcode,wijk\n9002,9002AA,WK900200\n' },
      { name: 'in/broken.xml', content: '<niet-goed' },
    ]);
    const res = await uploadAs(s, [{ name: 'mixed.zip', content: zip }]);
    expect(res.status).toBe(200);
    const body = await res.json() as Summary;
    expect(body).toMatchObject({ accepted: 1, rejected: 3 });
    const byName = Object.fromEntries(body.files.map((f) => [f.name, f]));
    expect(byName['mixed.zip!in/ok.xml']).toMatchObject({ status: 'accepted', gemeente: '9001' });
    expect(byName['mixed.zip!in/other.xml']).toMatchObject({ status: 'rejected', messageType: 'WMO301' });
    expect(byName['mixed.zip!in/other.xml']!.reason).toMatch(/gemeente 9002/);
    expect(byName['mixed.zip!in/postcodes-anderdorp.csv']).toMatchObject({ status: 'rejected', source: 'postcodes' });
    expect(byName['mixed.zip!in/postcodes-anderdorp.csv']!.reason).toMatch(/gemeente 9002/);
    expect(byName['mixed.zip!in/broken.xml']).toMatchObject({ status: 'rejected' });

    const after = await k.db.selectFrom('received_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    expect(await k.db.selectFrom('received_message').select('message_id').where('gemeente_code', '=', '9002').execute()).toEqual([]);
    expect(await k.db.selectFrom('postcode_area').select('postcode').where('gemeente_code', '=', '9002').execute()).toEqual([]);

    // A zip that is no zip is one rejected file.
    const bad = await (await uploadAs(s, [{ name: 'kapot.zip', content: 'PK\u0003\u0004 geen zip' }])).json() as Summary;
    expect(bad.files).toEqual([expect.objectContaining({ name: 'kapot.zip', status: 'rejected' })]);
  });

  it('imports areas and tables of the own gemeente first, then messages (two runs), and records every file', async () => {
    const s = await loginAs('beheerder');
    // A postcode table without a gemeente column: on a server with several gemeenten it is the uploader's.
    const res = await (await uploadAs(s, [{ name: 'postcodes.csv', content: 'postcode,wijk\n9001CC,WK900100\n' }, { name: 'x.xml', content: m301('9001') }, { name: 'notities.csv', content: 'a,b\n1,2\n' }])).json() as Summary;
    expect(res).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.importIds).toHaveLength(2);
    expect(res.files.map((f) => [f.name, f.status, f.source])).toEqual([['notities.csv', 'rejected', null], ['postcodes.csv', 'accepted', 'postcodes'], ['x.xml', 'accepted', null]]);
    expect(res.files[0]!.reason).toMatch(/onbekend bestandsformaat/);
    expect(await k.db.selectFrom('postcode_area').select('area_code').where('gemeente_code', '=', '9001').where('postcode', '=', '9001CC').execute()).toEqual([{ area_code: 'WK900100' }]);
    type Detail = { import: { files: number; accepted: number; rejected: number }; files: { name: string; status: string; source: string }[] };
    const first = await (await get(`/api/imports/${res.importIds[0]}`, { cookie: s.cookie })).json() as Detail;
    expect(first.import).toMatchObject({ files: 2, accepted: 1, rejected: 1 });
    expect(first.files.map((f) => [f.name, f.status])).toEqual([['notities.csv', 'rejected'], ['postcodes.csv', 'accepted']]);
    const second = await (await get(`/api/imports/${res.importIds[1]}`, { cookie: s.cookie })).json() as Detail;
    expect(second.files.map((f) => [f.name, f.status])).toEqual([['x.xml', 'accepted']]);

    // Wijken of another gemeente are refused whole.
    const geo = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { wijkcode: 'WK900200', wijknaam: 'Elders', gemeentecode: 'GM9002' }, geometry: { type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] } }] });
    const areas = await (await uploadAs(s, [{ name: 'wijken.geojson', content: geo }])).json() as Summary;
    expect(areas.files).toEqual([expect.objectContaining({ name: 'wijken.geojson', status: 'rejected', source: 'wijken' })]);
    expect(areas.files[0]!.reason).toMatch(/gemeente 9002/);
    expect(await k.db.selectFrom('area').select('area_code').where('gemeente_code', '=', '9002').where('level', '=', 'wijk').execute()).toEqual([]);
  });

  it('lists the import history newest first, for the own gemeente only, with per-file detail', async () => {
    const s = await loginAs('beheerder');
    const list = await (await get('/api/imports?pageSize=100', { cookie: s.cookie })).json() as { total: number; imports: { importId: string; startedAt: string; via: string; username: string; files: number; rejected: number }[] };
    expect(list.total).toBeGreaterThanOrEqual(9);
    const times = list.imports.map((i) => i.startedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(list.imports.some((i) => i.username === 'token:feed-anderdorp')).toBe(false);
    expect(list.imports.some((i) => i.username === 'token:feed' && i.via === 'api')).toBe(true);

    const paged = await (await get('/api/imports?page=2&pageSize=2', { cookie: s.cookie })).json() as { page: number; imports: { importId: string }[] };
    expect(paged.page).toBe(2);
    expect(paged.imports.map((i) => i.importId)).toEqual(list.imports.slice(2, 4).map((i) => i.importId));

    // The mixed zip: its messages run (ok, other, broken).
    const mixed = list.imports.find((i) => i.files === 3 && i.rejected === 2)!;
    expect(mixed).toBeTruthy();
    const detail = await (await get(`/api/imports/${mixed.importId}`, { cookie: s.cookie })).json() as { import: { quarantineOpen: number }; total: number; files: { name: string; status: string; reason: string | null; location: string | null }[] };
    expect(detail.total).toBe(3);
    expect(detail.import.quarantineOpen).toBe(2);
    const rejectedOnly = await (await get(`/api/imports/${mixed.importId}?status=rejected`, { cookie: s.cookie })).json() as { files: { status: string; name: string }[] };
    expect(rejectedOnly.files.map((f) => f.name).sort()).toEqual(['mixed.zip!in/broken.xml', 'mixed.zip!in/other.xml']);

    // The feed can read back its own gemeente's runs; Anderdorp sees neither the list entry nor the detail.
    expect((await get(`/api/imports/${mixed.importId}`, bearer(tokenA))).status).toBe(200);
    const o = await loginAs('anders');
    expect((await get(`/api/imports/${mixed.importId}`, { cookie: o.cookie })).status).toBe(404);
    const theirs = await (await get('/api/imports', { cookie: o.cookie })).json() as { imports: { username: string }[] };
    expect(theirs.imports.map((i) => i.username)).toEqual(['token:feed-anderdorp']);
    expect((await get('/api/imports/not-a-uuid', { cookie: s.cookie })).status).toBe(404);
  });

  it('shows the quarantine of the own gemeente and records who solved or ignored an entry', async () => {
    const s = await loginAs('beheerder');
    type Q = { total: number; sources: string[]; counts: Record<string, number>; records: { id: string; fileName: string; source: string; location: string | null; reason: string; status: string; resolvedBy: string | null; resolvedAt: string | null }[] };
    const open = await (await get('/api/quarantine?status=open', { cookie: s.cookie })).json() as Q;
    const names = open.records.map((r) => r.fileName);
    expect(names).toEqual(expect.arrayContaining(['mixed.zip!in/other.xml', 'mixed.zip!in/postcodes-anderdorp.csv', 'mixed.zip!in/broken.xml', 'kapot.zip']));
    expect(names).not.toContain('wrong.xml'); // Anderdorp's token run: Anderdorp's quarantine
    expect(open.sources).toEqual(expect.arrayContaining(['istandaarden', 'postcodes']));
    expect(open.counts.open).toBe(open.total);
    const other = open.records.find((r) => r.fileName === 'mixed.zip!in/other.xml')!;
    expect(other.reason).toMatch(/gemeente 9002/);
    expect(other.location).toBe('WMO301/Header');

    const o = await loginAs('anders');
    const theirs = await (await get('/api/quarantine', { cookie: o.cookie })).json() as Q;
    expect(theirs.records.map((r) => r.fileName)).toEqual(['wrong.xml']);
    const notTheirs = await app.request(`/api/quarantine/${other.id}/resolve`, { method: 'POST', headers: { cookie: o.cookie, origin: ORIGIN, 'x-csrf-token': o.csrf } });
    expect(notTheirs.status).toBe(404);

    expect((await app.request(`/api/quarantine/${other.id}/resolve`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN } })).status).toBe(403);
    const resolved = await app.request(`/api/quarantine/${other.id}/resolve`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf } });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ id: other.id, status: 'resolved', resolvedBy: 'beheerder' });
    const broken = open.records.find((r) => r.fileName === 'mixed.zip!in/broken.xml')!;
    const ignored = await app.request(`/api/quarantine/${broken.id}/ignore`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf } });
    expect(await ignored.json()).toMatchObject({ status: 'ignored', resolvedBy: 'beheerder' });

    const openNow = await (await get('/api/quarantine', { cookie: s.cookie })).json() as Q;
    expect(openNow.records.map((r) => r.id)).not.toContain(other.id);
    expect(openNow.counts).toMatchObject({ open: open.total - 2, resolved: 1, ignored: 1 });
    const done = await (await get('/api/quarantine?status=resolved', { cookie: s.cookie })).json() as Q;
    expect(done.records).toEqual([expect.objectContaining({ id: other.id, status: 'resolved', resolvedBy: 'beheerder' })]);
    expect(done.records[0]!.resolvedAt).toBeTruthy();
    const bySource = await (await get('/api/quarantine?status=all&source=postcodes', { cookie: s.cookie })).json() as Q;
    expect(bySource.records.map((r) => r.source)).toEqual(['postcodes']);
    expect((await get('/api/quarantine?status=weg', { cookie: s.cookie })).status).toBe(400);
  });

  it('allows large uploads on the import route only', async () => {
    const s = await loginAs('beheerder');
    const big = Buffer.alloc(1.5 * 1024 * 1024, 'a');
    const res = await uploadAs(s, [{ name: 'groot.xml', content: big }]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Summary).files[0]!.status).toBe('rejected');
    const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username: 'beheerder', password: big.toString() }) });
    expect(login.status).toBe(413);
    const huge = await app.request('/api/imports?name=x.xml', { method: 'POST', headers: { ...bearer(tokenA), 'content-type': 'application/xml', 'content-length': String(201 * 1024 * 1024) }, body: 'x' });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.message).toMatch(/200 MB/);
    const empty = await uploadAs(s, []);
    expect(empty.status).toBe(400);
    const wrongType = await app.request('/api/imports', { method: 'POST', headers: { ...bearer(tokenA), 'content-type': 'application/pdf' }, body: 'x' });
    expect(wrongType.status).toBe(400);
  });

  it('serves tabular sources and saved mappings (CRUD, preview) and imports a table through a saved mapping', async () => {
    const s = await loginAs('beheerder');
    const h = { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
    const sources = await (await get('/api/sources', { cookie: s.cookie })).json() as { sources: { id: string; label: string; columns: { name: string; required: boolean }[] }[] };
    const postcodes = sources.sources.find((x) => x.id === 'postcodes')!;
    expect(postcodes.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['postcode', 'wijk']));

    const sample = 'PC;Wijkcode\n9001 DD;WK900100\n9001EE;WK999999\nXX;WK900101\n';
    const preview = async (mapping: unknown) => {
      const fd = new FormData();
      fd.append('file', new File([sample], 'eigen-export.csv'));
      fd.append('source', 'postcodes');
      if (mapping) fd.append('mapping', JSON.stringify(mapping));
      return app.request('/api/mappings/preview', { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf }, body: fd });
    };
    // Without a mapping: the headers and the default mapping (nothing matches these names).
    const first = await (await preview(null)).json() as { headers: string[]; mapping: { columns: Record<string, unknown> } };
    expect(first.headers).toEqual(['PC', 'Wijkcode']);
    expect(first.mapping.columns).toEqual({});
    const definition = { source: 'postcodes', delimiter: ';', columns: { postcode: { column: 'PC' }, wijk: { column: 'Wijkcode' } } };
    const p = await preview(definition);
    expect(p.status).toBe(200);
    const rows = (await p.json() as { rows: { line: number; values: Record<string, unknown>; errors: { field: string }[] }[] }).rows;
    expect(rows.map((r) => r.values.postcode)).toEqual(['9001DD', '9001EE', 'XX']);
    expect(rows[2]!.errors.map((e) => e.field)).toEqual(['postcode']);

    const created = await app.request('/api/mappings', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Eigen systeem', source: 'postcodes', definition }) });
    expect(created.status).toBe(201);
    const m = await created.json() as { id: string; name: string; updatedBy: string; definition: unknown };
    expect(m).toMatchObject({ name: 'Eigen systeem', updatedBy: 'beheerder', definition });
    const dup = await app.request('/api/mappings', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Eigen systeem', source: 'postcodes', definition }) });
    expect(((await dup.json()) as ErrorBody).error.code).toBe('name_taken');
    const invalid = await app.request('/api/mappings', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Fout', source: 'postcodes', definition: { source: 'postcodes', columns: { nietbestaand: { column: 'x' } } } }) });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorBody).error.message).toMatch(/nietbestaand/);
    const otherSource = await app.request('/api/mappings', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Fout', source: 'population', definition }) });
    expect(otherSource.status).toBe(400);
    const put = await app.request(`/api/mappings/${m.id}`, { method: 'PUT', headers: h, body: JSON.stringify({ name: 'Eigen systeem (postcodes)', source: 'postcodes', definition }) });
    expect(((await put.json()) as { name: string }).name).toBe('Eigen systeem (postcodes)');
    const list = await (await get('/api/mappings?source=postcodes', { cookie: s.cookie })).json() as { mappings: { id: string }[] };
    expect(list.mappings.map((x) => x.id)).toEqual([m.id]);
    const o = await loginAs('anders');
    expect((await get(`/api/mappings/${m.id}`, { cookie: o.cookie })).status).toBe(404);
    expect(((await (await get('/api/mappings', { cookie: o.cookie })).json()) as { mappings: unknown[] }).mappings).toEqual([]);

    // Import through the saved mapping: bad rows go to quarantine with their field, the rest is stored.
    const up = await app.request(`/api/imports?source=postcodes&mapping=${m.id}`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf }, body: form([{ name: 'eigen-export.csv', content: sample }]) });
    expect(up.status).toBe(200);
    const sum = await up.json() as Summary & { files: { rows?: number; quarantined?: number }[] };
    expect(sum).toMatchObject({ accepted: 1, rejected: 0 });
    expect(sum.files[0]).toMatchObject({ name: 'eigen-export.csv', status: 'accepted', source: 'postcodes', rows: 3, quarantined: 2 });
    expect(await k.db.selectFrom('postcode_area').select('postcode').where('gemeente_code', '=', '9001').where('postcode', '=', '9001DD').execute()).toHaveLength(1);
    const q = await (await get('/api/quarantine?source=postcodes', { cookie: s.cookie })).json() as { records: { fileName: string; location: string; field: string | null }[] };
    expect(q.records.filter((r) => r.fileName === 'eigen-export.csv').map((r) => r.location).sort()).toEqual(['regel 3', 'regel 4']);
    // Anderdorp can not use Testdam's mapping.
    const theirs = await app.request(`/api/imports?source=postcodes&mapping=${m.id}`, { method: 'POST', headers: bearer(tokenB), body: form([{ name: 'x.csv', content: sample }]) });
    expect(theirs.status).toBe(404);
    // A mapping that says the file is another gemeente's: refused whole.
    const foreign = await app.request('/api/mappings', { method: 'POST', headers: h, body: JSON.stringify({ name: 'Elders', source: 'postcodes', definition: { ...definition, columns: { ...definition.columns, gemeente: { constant: '9002' } } } }) });
    const foreignId = ((await foreign.json()) as { id: string }).id;
    const refused = await (await app.request(`/api/imports?source=postcodes&mapping=${foreignId}`, { method: 'POST', headers: bearer(tokenA), body: form([{ name: 'elders.csv', content: sample }]) })).json() as Summary;
    expect(refused.files[0]).toMatchObject({ status: 'rejected' });
    expect(refused.files[0]!.reason).toMatch(/gemeente 9002/);
    expect((await app.request(`/api/imports?source=population&mapping=${m.id}`, { method: 'POST', headers: bearer(tokenA), body: form([{ name: 'x.csv', content: sample }]) })).status).toBe(400);

    const del = await app.request(`/api/mappings/${m.id}`, { method: 'DELETE', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf } });
    expect(del.status).toBe(204);
    expect((await get(`/api/mappings/${m.id}`, { cookie: s.cookie })).status).toBe(404);
  });

  it('documents the import API in OpenAPI, with the bearer token scheme', async () => {
    const doc = await (await get('/api/openapi.json', {})).json() as { paths: Record<string, Record<string, { security?: unknown[] }>>; components: { securitySchemes: Record<string, { type: string; scheme?: string }> } };
    for (const p of ['/api/imports', '/api/imports/{id}', '/api/quarantine', '/api/quarantine/{id}/resolve', '/api/quarantine/{id}/ignore', '/api/sources', '/api/mappings', '/api/mappings/{id}', '/api/mappings/preview']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/imports']!.post!.security).toContainEqual({ bearer: [] });
  });
});
