import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { importTabular } from '../../src/ingest/tabular/index.js';
import { createApp } from '../../src/web/server/app.js';
import { referenceFiles } from '../helpers/fixtures.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';
const BSN = ['999900006', '111222333', '123456782'];
const BAD_BSN = '123456789';

interface Detail {
  id: string; status: string; editable: boolean; notEditable: string | null; person: string; resolvedImportId: string | null; reason: string;
  fields: { name: string; value: string | null; problem: string | null; required: boolean }[]; otherProblems: string[];
}
type Answer = { outcome: 'imported'; importId: string; changed: string[]; record: Detail } | { outcome: 'rejected'; reason: string; changed: string[]; problems: { field: string | null; reason: string }[]; record: Detail };

/**
 * Correcting a quarantined tabular record and importing it again (src/app/quarantine.ts) through
 * the API: same checks as a file, same person (the pseudonym kept in quarantine), resolved with a
 * link to the new import, nothing stored when it is refused again, audited, role- and gemeente-checked.
 */
describe.each(ENGINES)('quarantine re-import on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  let s: { cookie: string; csrf: string };
  const entries: Record<string, string> = {};

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const get = (path: string, who = s) => app.request(path, { headers: { cookie: who.cookie } });
  const reimport = (id: string, body: unknown, who = s) =>
    app.request(`/api/quarantine/${id}/reimport`, { method: 'POST', headers: { cookie: who.cookie, origin: ORIGIN, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const runs = async () => Number((await k.db.selectFrom('import_run').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    await k.importFiles(referenceFiles(), { source: 'test' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'analist', password: PW, role: 'analist' });
    await addUser(k.db, { gemeenteCode: '9001', username: 'beleid', password: PW, role: 'beleid' });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'beheerder' });
    app = createApp(k, { demoHint: null });
    s = await loginAs('analist');
    const csv = ['bsn;regeling;startdatum;einddatum;postcode', `${BSN[0]};bijstand;2024-01-01;;9001AA`, `${BSN[1]};bijstand;2024-13-01;;9001BB`, `${BAD_BSN};bijstand;2024-03-01;;9001AA`].join('\n');
    const fd = new FormData();
    fd.append('files', new File([csv], 'uitkeringen.csv'));
    const up = await app.request('/api/imports?source=benefits', { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf }, body: fd });
    expect(((await up.json()) as { files: { quarantined: number }[] }).files[0]!.quarantined).toBe(2);
    const q = await (await get('/api/quarantine?source=benefits')).json() as { records: { id: string; location: string; hasRecord: boolean }[] };
    for (const r of q.records) { expect(r.hasRecord).toBe(true); entries[r.location] = r.id; }
    expect(Object.keys(entries).sort()).toEqual(['regel 3', 'regel 4']);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('shows a quarantined record as fields with the reason at the field, and never a BSN', async () => {
    const res = await get(`/api/quarantine/${entries['regel 3']}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const b of [...BSN, BAD_BSN]) expect(text).not.toContain(b);
    const d = JSON.parse(text) as Detail;
    expect(d).toMatchObject({ status: 'open', editable: true, person: 'pseudonym' });
    expect(d.fields.map((f) => f.name)).not.toContain('bsn');
    expect(d.fields.map((f) => f.name)).not.toContain('persoon');
    expect(d.fields.find((f) => f.name === 'startdatum')).toMatchObject({ value: '2024-13-01', problem: expect.stringMatching(/datum/) });
    expect(d.fields.find((f) => f.name === 'regeling')).toMatchObject({ value: 'bijstand', problem: null });
    // The pseudonym itself is not sent either.
    const stored = await k.db.selectFrom('quarantine_record').select('record').where('quarantine_id', '=', d.id).executeTakeFirstOrThrow();
    expect(text).not.toContain((stored.record as { persoon: string }).persoon);

    const bad = await get(`/api/quarantine/${entries['regel 4']}`);
    expect(((await bad.json()) as Detail).person).toBe('missing');
  });

  it('checks the role and the gemeente', async () => {
    const b = await loginAs('beleid');
    expect((await get(`/api/quarantine/${entries['regel 3']}`, b)).status).toBe(403);
    expect((await reimport(entries['regel 3']!, { values: { startdatum: '2024-01-15' } }, b)).status).toBe(403);
    const o = await loginAs('anders');
    expect((await get(`/api/quarantine/${entries['regel 3']}`, o)).status).toBe(404);
    expect((await reimport(entries['regel 3']!, { values: { startdatum: '2024-01-15' } }, o)).status).toBe(404);
    // Without the CSRF header.
    expect((await app.request(`/api/quarantine/${entries['regel 3']}/reimport`, { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{"values":{}}' })).status).toBe(403);
  });

  it('refuses a correction that is still wrong with the new reason, stores nothing and keeps the entry open', async () => {
    const before = await runs();
    const res = await reimport(entries['regel 3']!, { values: { startdatum: '2024-02-30' } });
    expect(res.status).toBe(200);
    const a = await res.json() as Answer;
    expect(a.outcome).toBe('rejected');
    if (a.outcome !== 'rejected') return;
    expect(a.changed).toEqual(['startdatum']);
    expect(a.problems).toEqual([{ field: 'startdatum', reason: expect.stringMatching(/datum/) }]);
    expect(a.record).toMatchObject({ status: 'open', editable: true });
    expect(await runs()).toBe(before);
    expect(await k.db.selectFrom('benefit_spell').select('start_date').where('person_id', '=', k.pseudonymizer.person('9001', BSN[1]!)).execute()).toEqual([]);
    // Unknown fields, a BSN for a record that keeps its person, and bad bodies are refused.
    expect((await reimport(entries['regel 3']!, { values: { schoenmaat: '42' } })).status).toBe(400);
    expect((await reimport(entries['regel 3']!, { values: {}, bsn: BSN[2] })).status).toBe(400);
    expect((await reimport(entries['regel 3']!, { waarden: {} })).status).toBe(400);
  });

  it('imports the corrected record for the same person, resolves the entry with a link to the new import, and audits it', async () => {
    const res = await reimport(entries['regel 3']!, { values: { startdatum: '2024-01-15', einddatum: '2024-06-30' } });
    const a = await res.json() as Answer;
    expect(a.outcome).toBe('imported');
    if (a.outcome !== 'imported') return;
    expect(a.changed.sort()).toEqual(['einddatum', 'startdatum']);
    expect(a.record).toMatchObject({ status: 'resolved', editable: false, resolvedImportId: a.importId });
    const spell = await k.db.selectFrom('benefit_spell').select(['person_id', 'end_date', 'import_id']).where('gemeente_code', '=', '9001').where('start_date', '=', '2024-01-15').executeTakeFirstOrThrow();
    expect(spell).toMatchObject({ person_id: k.pseudonymizer.person('9001', BSN[1]!), end_date: '2024-06-30', import_id: a.importId });
    const run = await k.db.selectFrom('import_run').select(['username', 'source', 'files_accepted']).where('import_id', '=', a.importId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ username: 'analist', source: 'web', files_accepted: 1 });
    const list = await (await get('/api/quarantine?status=resolved')).json() as { records: { id: string; resolvedBy: string; resolvedImportId: string }[] };
    expect(list.records).toEqual([expect.objectContaining({ id: entries['regel 3'], resolvedBy: 'analist', resolvedImportId: a.importId })]);
    // The run shows in the history of the gemeente.
    expect((await get(`/api/imports/${a.importId}`)).status).toBe(200);

    const audits = await k.db.selectFrom('audit_log').select(['username', 'details']).where('action', '=', 'quarantine_reimport').where('object', '=', entries['regel 3']!).orderBy('at').execute();
    expect(audits.map((x) => (x.details as { outcome: string }).outcome)).toEqual(['rejected', 'imported']);
    expect(audits[1]!.details).toMatchObject({ status: 'resolved', importId: a.importId, changed: expect.arrayContaining(['startdatum']) });
    expect(JSON.stringify(audits)).not.toContain('2024-01-15'); // names of fields, not their values

    const again = await reimport(entries['regel 3']!, { values: {} });
    expect(again.status).toBe(409);
  });

  it('a record without a valid person needs a BSN, which is pseudonymised and never kept or logged', async () => {
    const id = entries['regel 4']!;
    const none = await reimport(id, { values: {} });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/BSN of het cliëntnummer/);
    const wrong = await (await reimport(id, { values: {}, bsn: BAD_BSN })).json() as Answer;
    expect(wrong.outcome).toBe('rejected');
    expect(JSON.stringify(wrong)).not.toContain(BAD_BSN);
    const ok = await (await reimport(id, { values: {}, bsn: BSN[2] })).json() as Answer;
    expect(ok.outcome).toBe('imported');
    const spell = await k.db.selectFrom('benefit_spell').select('person_id').where('start_date', '=', '2024-03-01').executeTakeFirstOrThrow();
    expect(spell.person_id).toBe(k.pseudonymizer.person('9001', BSN[2]!));
    const audits = JSON.stringify(await k.db.selectFrom('audit_log').selectAll().execute());
    expect(audits).not.toContain(BSN[2]);
    expect(audits).not.toContain(BAD_BSN);
    const q = JSON.stringify(await k.db.selectFrom('quarantine_record').selectAll().execute());
    expect(q).not.toContain(BSN[2]);
  });

  it('a whole-file error can not be corrected here', async () => {
    const fd = new FormData();
    fd.append('files', new File(['bsn;regeling\n'], 'leeg.csv'));
    await app.request('/api/imports?source=benefits', { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf }, body: fd });
    const q = await (await get('/api/quarantine?source=benefits')).json() as { records: { id: string; fileName: string; hasRecord: boolean }[] };
    const whole = q.records.find((r) => r.fileName === 'leeg.csv')!;
    expect(whole.hasRecord).toBe(false);
    const d = await (await get(`/api/quarantine/${whole.id}`)).json() as Detail;
    expect(d).toMatchObject({ editable: false, fields: [] });
    expect(d.notEditable).toMatch(/heel bestand/);
    expect((await reimport(whole.id, { values: {} })).status).toBe(409);
  });

  it('the importer accepts a given person only as a pseudonym', async () => {
    const r = await importTabular({ db: k.db, pseudonymizer: k.pseudonymizer }, {
      gemeente: '9001', file: { name: 'x.csv', read: async () => Buffer.from('regeling,startdatum\nbijstand,2024-05-01\n') },
      mapping: { source: 'benefits', columns: { regeling: { column: 'regeling' }, startdatum: { column: 'startdatum' } } }, pseudonymisedPerson: BSN[0], origin: 'test',
    });
    expect(r.fileError?.reason).toMatch(/pseudoniem/);
    expect(await k.db.selectFrom('benefit_spell').select('start_date').where('start_date', '=', '2024-05-01').execute()).toEqual([]);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/quarantine/{id}']!.get).toBeTruthy();
    expect(doc.paths['/api/quarantine/{id}/reimport']!.post).toBeTruthy();
  });
});
