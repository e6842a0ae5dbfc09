import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { sql } from '../../src/db/index.js';
import { frameworkScoreData, todayInNl } from '../../src/steering/curve/index.js';
import { seedDemoCurve } from '../../src/steering/curve/demo.js';
import { createApp } from '../../src/web/server/app.js';
import { parseExportCsv } from '../../src/web/server/routes/export.js';
import { referenceFiles } from '../helpers/fixtures.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { apiLogin } from '../helpers/api.js';

/**
 * Turn the curve and actions through the HTTP API on both engines: notes (upsert, history with a
 * readable diff, conflicts), actions (CRUD, links, filters, overdue, history), role checks (raad
 * and aanbieder read but may not write), gemeente isolation, and the scores of a small framework
 * whose expected values are worked out by hand below.
 *
 * Indicator values are written straight into indicator_result (the engine is tested elsewhere);
 * years are relative to the current year Y so "current data" and "target this year" hold whenever
 * the test runs.
 */
const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';
const Y = Number(todayInNl().slice(0, 4));

describe.each(ENGINES)('turn the curve and actions API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  const fw = crypto.randomUUID();
  const concept = crypto.randomUUID();
  const nodeA = crypto.randomUUID();
  const nodeB = crypto.randomUUID();
  const conceptNode = crypto.randomUUID();
  const users: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    const s = await k.importFiles(referenceFiles(), { source: 'test', asOf: `${Y}-01-01` });
    expect(s.files.filter((f) => f.status !== 'accepted')).toEqual([]);
    for (const role of ['beleid', 'analist', 'raad', 'beheerder', 'aanbieder'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'beleid' });

    // Yearly gemeente values (numerator/denominator = value %); wmo Y-1 has numerator 5: suppressed for all but analist.
    const results: [string, number, number, number][] = [
      ['step_down_pct', Y - 3, 20, 100], ['step_down_pct', Y - 2, 22, 100], ['step_down_pct', Y - 1, 25, 100],
      ['dropout_pct', Y - 3, 10, 100], ['dropout_pct', Y - 2, 12, 100],
      ['wmo_clients_per_1000', Y - 2, 30, 1000], ['wmo_clients_per_1000', Y - 1, 5, 1000],
    ];
    for (const [id, year, num, den] of results) {
      const value = id === 'wmo_clients_per_1000' ? (num / den) * 1000 : (num / den) * 100;
      await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, numerator, denominator, value, status)
                values ('9001', ${id}, 1, 'year', ${String(year)}, 'GM9001', ${num}, ${den}, ${value}, 'final')`.execute(k.db);
    }
    // As the engine would leave it: these three have data (the reference-only import marked them "geen gegevens").
    await sql`delete from indicator_state where gemeente_code = '9001' and indicator_id in ('step_down_pct', 'dropout_pct', 'wmo_clients_per_1000')`.execute(k.db);
    for (const id of ['step_down_pct', 'dropout_pct', 'wmo_clients_per_1000']) await sql`insert into indicator_state (gemeente_code, indicator_id, version, status) values ('9001', ${id}, 1, 'ok')`.execute(k.db);
    for (const [id, year, target] of [['step_down_pct', Y, 30], ['dropout_pct', Y - 1, 8], ['wmo_clients_per_1000', Y, 25]] as const) {
      await k.db.insertInto('indicator_target').values({ gemeente_code: '9001', target_id: crypto.randomUUID(), indicator_id: id, year, area_code: null, target, baseline: null, note: null, set_by: 'test' }).execute();
    }
    // An adopted framework (goal A with step_down and dropout, goal B with wmo, goal attainment and step_down again) and a concept one.
    await k.db.insertInto('framework').values([{ gemeente_code: '9001', framework_id: fw, created_by: 'test' }, { gemeente_code: '9001', framework_id: concept, created_by: 'test' }]).execute();
    await k.db.insertInto('framework_version').values([
      { gemeente_code: '9001', framework_id: fw, version: 1, status: 'vastgesteld', title: 'Iedereen doet mee', adopted_on: `${Y - 1}-12-15`, in_force_from: `${Y}-01-01`, updated_by: 'test' },
      { gemeente_code: '9001', framework_id: concept, version: 1, status: 'concept', title: 'Werkversie jeugd', updated_by: 'test' },
    ]).execute();
    await k.db.insertInto('framework_node').values([
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeA, parent_id: null, kind: 'doel', title: 'Meer mensen redden het zelf' },
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeB, parent_id: null, kind: 'doel', title: 'Iedereen doet mee' },
      { gemeente_code: '9001', framework_id: concept, version: 1, node_id: conceptNode, parent_id: null, kind: 'doel', title: 'Concept-doel' },
    ]).execute();
    await k.db.insertInto('framework_indicator').values([
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeA, indicator_id: 'step_down_pct', measure_kind: 'better_off' },
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeA, indicator_id: 'dropout_pct', measure_kind: 'how_well' },
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeB, indicator_id: 'wmo_clients_per_1000', measure_kind: 'population' },
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeB, indicator_id: 'goal_attainment_pct', measure_kind: 'better_off' },
      { gemeente_code: '9001', framework_id: fw, version: 1, node_id: nodeB, indicator_id: 'step_down_pct', measure_kind: 'better_off' },
    ]).execute();

    app = createApp(k, { demoHint: null });
    for (const u of ['beleid', 'analist', 'raad', 'beheerder', 'aanbieder', 'anders']) users[u] = await loginAs(u);
  });
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const get = async (path: string, who = 'beleid') => {
    const res = await app.request(path, { headers: { cookie: users[who]!.cookie } });
    return { status: res.status, body: await res.json() as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const send = async (method: 'PUT' | 'POST' | 'PATCH', path: string, body: unknown, who = 'beleid', csrf = true) => {
    const u = users[who]!;
    const res = await app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: u.cookie, ...(csrf ? { 'x-csrf-token': u.csrf } : {}) } });
    return { status: res.status, body: await res.json() as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  const NOTE = `/api/indicators/step_down_pct/notes`;
  const notePeriod = String(Y - 1);

  it('notes: beleid writes one current note per indicator × period × wijk; changes are history with a per-field diff', async () => {
    expect((await app.request(NOTE)).status).toBe(401);
    expect((await get(`${NOTE}?periodType=year&period=${notePeriod}`)).body).toEqual({ indicator: 'step_down_pct', notes: [], mayEdit: true });

    const created = await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'Meer mensen stromen af naar lichtere hulp.', partners: 'Wijkteam Noord' });
    expect(created.status).toBe(201);
    expect(created.body.change).toBe('created');
    expect(created.body.note).toMatchObject({ indicatorId: 'step_down_pct', periodType: 'year', period: notePeriod, area: null, story: 'Meer mensen stromen af naar lichtere hulp.', helps: '', partners: 'Wijkteam Noord', writtenBy: 'beleid' });

    // Same text again: nothing written.
    const same = await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'Meer mensen stromen af naar lichtere hulp.', partners: 'Wijkteam Noord' });
    expect(same.status).toBe(200);
    expect(same.body.change).toBe('unchanged');

    // A change from a stale copy is refused; from the current one it is saved.
    const stale = await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'x', expectedWrittenAt: '2000-01-01T00:00:00.000Z' }, 'beheerder');
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/intussen aangepast/);
    const changed = await send('PUT', NOTE, {
      periodType: 'year', period: notePeriod, story: 'Meer mensen stromen af naar lichtere hulp.', helps: 'Het nieuwe afschalingsgesprek', partners: '', expectedWrittenAt: created.body.note.writtenAt,
    }, 'beheerder');
    expect(changed.status).toBe(200);
    expect(changed.body.change).toBe('changed');
    expect(changed.body.note.writtenBy).toBe('beheerder');

    // A wijk note is a separate note for the same period.
    const wijk = await send('PUT', NOTE, { periodType: 'year', period: notePeriod, area: 'WK900100', story: 'In Noord gaat het sneller.' });
    expect(wijk.status).toBe(201);
    expect((await get(`${NOTE}?periodType=year&period=${notePeriod}`)).body.notes.map((n: { area: string | null }) => n.area)).toEqual([null]);
    expect((await get(`${NOTE}?periodType=year&period=${notePeriod}&area=WK900100`)).body.notes.map((n: { story: string }) => n.story)).toEqual(['In Noord gaat het sneller.']);

    const history = await get(`${NOTE}/history?periodType=year&period=${notePeriod}`, 'raad');
    expect(history.status).toBe(200);
    expect(history.body.history.map((h: { change: string; changedBy: string }) => [h.change, h.changedBy])).toEqual([['changed', 'beheerder'], ['created', 'beleid']]);
    expect(history.body.history[0].fields).toEqual([
      { field: 'helps', label: 'Wat helpt', before: null, after: 'Het nieuwe afschalingsgesprek' },
      { field: 'partners', label: 'Partners', before: 'Wijkteam Noord', after: null },
    ]);
    expect(history.body.history[1].fields.map((f: { label: string }) => f.label)).toEqual(['Het verhaal achter de curve', 'Partners']);
    // Audited in the same transaction.
    const audited = await k.db.selectFrom('audit_log').select(['username', 'object']).where('action', '=', 'steering_change').where('object', 'like', 'note:%').execute();
    expect(audited.length).toBe(3);
  });

  it('notes: validation with Dutch messages; raad and aanbieder read but may not write; gemeente isolation', async () => {
    const bad = async (body: unknown, message: RegExp, path = NOTE) => {
      const r = await send('PUT', path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    };
    await bad({ periodType: 'year', story: 'x' }, /periode/);
    await bad({ periodType: 'year', period: '2024-Q1', story: 'x' }, /past niet/);
    await bad({ periodType: 'week', period: '2024', story: 'x' }, /periode-soort/);
    await bad({ periodType: 'year', period: '2024', story: '' }, /minstens één veld/);
    await bad({ periodType: 'year', period: '2024', story: 'x'.repeat(8001) }, /hoogstens 8000 tekens/);
    await bad({ periodType: 'year', period: '2024', area: 'WK999999', story: 'x' }, /bestaat niet/);
    await bad({ periodType: 'year', period: '2024', area: 'WK900100', story: 'x' }, /geen cijfers per wijk/, '/api/indicators/utilisation_pct/notes');
    await bad('nonsense', /Stuur/);
    expect((await send('PUT', '/api/indicators/nope/notes', { period: '2024', story: 'x' })).status).toBe(404);

    for (const role of ['raad', 'aanbieder', 'analist']) {
      const r = await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'mag niet' }, role);
      expect(r.status, role).toBe(403);
      expect(r.body.error.message).toMatch(/beleidsadviseurs en beheerders/);
      const read = await get(`${NOTE}?periodType=year&period=${notePeriod}`, role);
      expect(read.body.notes[0].story).toBe('Meer mensen stromen af naar lichtere hulp.');
      expect(read.body.mayEdit).toBe(false);
    }
    expect((await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'zonder csrf' }, 'beleid', false)).status).toBe(403);
    // Another gemeente sees none of it and writes its own, separate note.
    expect((await get(`${NOTE}?periodType=year&period=${notePeriod}`, 'anders')).body.notes).toEqual([]);
    expect((await get(`${NOTE}/history?periodType=year&period=${notePeriod}`, 'anders')).body.history).toEqual([]);
    expect((await send('PUT', NOTE, { periodType: 'year', period: notePeriod, story: 'Anderdorp' }, 'anders')).status).toBe(201);
    expect((await get(`${NOTE}?periodType=year&period=${notePeriod}`)).body.notes.map((n: { story: string }) => n.story)).toEqual(['Meer mensen stromen af naar lichtere hulp.']);
  });

  it('turn-the-curve view: baseline, forecast from the values up to the period, targets and the note', async () => {
    const r = await get(`/api/indicators/step_down_pct/curve?periodType=year&period=${Y - 1}`, 'raad');
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: { period: string; value: number }) => [x.period, x.value])).toEqual([[String(Y - 3), 20], [String(Y - 2), 22], [String(Y - 1), 25]]);
    // x = 0, 1, 2; y = 20, 22, 25: slope 2.5, intercept 19.8333; next: 19.8333 + 2.5 × 3 = 27.33.
    expect(r.body.forecast.points[0]).toMatchObject({ period: String(Y), value: 27.33 });
    expect(r.body.targets).toEqual([{ year: Y, target: 30, baseline: null }]);
    expect(r.body.note.story).toBe('Meer mensen stromen af naar lichtere hulp.');
    expect(r.body.mayEdit).toBe(false);
    // For an earlier period the forecast uses only the values up to it (two: too few).
    expect((await get(`/api/indicators/step_down_pct/curve?periodType=year&period=${Y - 2}`)).body.forecast).toBeNull();
    // Suppressed for the raad, exact for an analist.
    const wmo = async (who: string) => (await get('/api/indicators/wmo_clients_per_1000/curve?periodType=year', who)).body;
    expect((await wmo('raad')).rows.at(-1)).toMatchObject({ period: String(Y - 1), value: null, suppressed: true });
    expect((await wmo('raad')).period).toBe(String(Y - 2));
    expect((await wmo('analist')).rows.at(-1)).toMatchObject({ value: 5, suppressed: false });
  });

  let actionId = '';
  it('actions: create with links, list with filters, close, history; overdue in the list', async () => {
    const created = await send('POST', '/api/actions', {
      title: 'Afschalingsgesprek invoeren', owner: 'Team Toegang', status: 'bezig', startDate: `${Y - 1}-01-01`, dueDate: `${Y - 1}-06-30`,
      description: 'Elke indicatie na een jaar bespreken.', links: [{ frameworkId: fw, nodeId: nodeA }, { indicatorId: 'step_down_pct' }],
    });
    expect(created.status).toBe(201);
    const a = created.body.action;
    actionId = a.actionId;
    expect(a).toMatchObject({ title: 'Afschalingsgesprek invoeren', owner: 'Team Toegang', status: 'bezig', doneOn: null, overdue: true });
    expect(a.daysOverdue).toBeGreaterThan(100);
    expect(a.links.map((l: { label: string }) => l.label)).toEqual(['Doel: Meer mensen redden het zelf (Iedereen doet mee)', 'Indicator: Afgeschaald naar lichtere hulp']);

    const other = await send('POST', '/api/actions', { title: 'Signaleringsoverleg', owner: 'Wijkteam Noord', dueDate: `${Y + 1}-01-31`, links: [{ indicatorId: 'dropout_pct' }] });
    expect(other.status).toBe(201);
    expect(other.body.action).toMatchObject({ status: 'gepland', overdue: false });

    const ids = async (q: string) => (await get(`/api/actions${q}`, 'raad')).body.actions.map((x: { title: string }) => x.title);
    expect(await ids('')).toEqual(['Afschalingsgesprek invoeren', 'Signaleringsoverleg']); // overdue first
    expect(await ids('?overdue=true')).toEqual(['Afschalingsgesprek invoeren']);
    expect(await ids('?status=gepland')).toEqual(['Signaleringsoverleg']);
    expect(await ids('?owner=Team%20Toegang')).toEqual(['Afschalingsgesprek invoeren']);
    expect(await ids('?indicator=dropout_pct')).toEqual(['Signaleringsoverleg']);
    expect(await ids(`?framework=${fw}&node=${nodeA}`)).toEqual(['Afschalingsgesprek invoeren']);
    expect((await get('/api/actions', 'raad')).body).toMatchObject({ owners: ['Team Toegang', 'Wijkteam Noord'], mayEdit: false });
    expect((await get('/api/actions?status=klaar')).status).toBe(400);

    // Close it: the done date defaults to today; it is no longer overdue.
    const closed = await send('PATCH', `/api/actions/${actionId}`, { status: 'afgerond', expectedUpdatedAt: a.updatedAt });
    expect(closed.status).toBe(200);
    expect(closed.body.action).toMatchObject({ status: 'afgerond', doneOn: todayInNl(), overdue: false });
    expect((await send('PATCH', `/api/actions/${actionId}`, { owner: 'x', expectedUpdatedAt: a.updatedAt })).status).toBe(409);
    expect((await send('PATCH', `/api/actions/${actionId}`, { status: 'afgerond' })).body.change).toBe('unchanged');
    const relinked = await send('PATCH', `/api/actions/${actionId}`, { links: [{ indicatorId: 'step_down_pct' }] }, 'beheerder');
    expect(relinked.body.action.links.map((l: { indicatorId: string | null }) => l.indicatorId)).toEqual(['step_down_pct']);

    const h = await get(`/api/actions/${actionId}/history`, 'aanbieder');
    expect(h.status).toBe(200);
    expect(h.body.history.map((x: { change: string; changedBy: string }) => [x.change, x.changedBy])).toEqual([['changed', 'beheerder'], ['changed', 'beleid'], ['created', 'beleid']]);
    expect(h.body.history[1].fields).toEqual([
      { field: 'status', label: 'Status', before: 'Bezig', after: 'Afgerond' },
      { field: 'doneOn', label: 'Datum klaar', before: null, after: todayInNl() },
    ]);
    expect(h.body.history[0].fields).toEqual([{ field: 'links', label: 'Gekoppeld aan', before: 'Doel: Meer mensen redden het zelf (Iedereen doet mee), Indicator: Afgeschaald naar lichtere hulp', after: 'Indicator: Afgeschaald naar lichtere hulp' }]);
    // Reopening clears the done date.
    expect((await send('PATCH', `/api/actions/${actionId}`, { status: 'bezig' })).body.action).toMatchObject({ status: 'bezig', doneOn: null, overdue: true });

    // The export holds the list for the same filters, as the page shows it; audited.
    const file = async (q: string) => {
      const res = await app.request(`/api/actions/export?${q}`, { headers: { cookie: users.raad!.cookie } });
      expect(res.status).toBe(200);
      return parseExportCsv(await res.text());
    };
    expect((await file('format=csv')).map((r) => [r.titel, r.te_laat])).toEqual([['Afschalingsgesprek invoeren', 'true'], ['Signaleringsoverleg', 'false']]);
    const overdueOnly = await file('format=csv&overdue=true');
    expect(overdueOnly).toHaveLength(1);
    expect(overdueOnly[0]).toMatchObject({ titel: 'Afschalingsgesprek invoeren', eigenaar: 'Team Toegang', status: 'bezig', deadline: `${Y - 1}-06-30`, gekoppeld_aan: 'Indicator: Afgeschaald naar lichtere hulp' });
    expect((await app.request('/api/actions/export?format=csv&status=klaar', { headers: { cookie: users.raad!.cookie } })).status).toBe(400);
    const xlsx = await app.request('/api/actions/export?format=xlsx', { headers: { cookie: users.raad!.cookie } });
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect(await k.db.selectFrom('audit_log').select('object').where('action', '=', 'steering_export').where('username', '=', 'raad').execute()).toHaveLength(3);
  });

  it('actions: validation, 403 for raad/aanbieder writes, gemeente isolation', async () => {
    const bad = async (method: 'POST' | 'PATCH', path: string, body: unknown, message: RegExp) => {
      const r = await send(method, path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(message);
    };
    await bad('POST', '/api/actions', { owner: 'x' }, /titel/);
    await bad('POST', '/api/actions', { title: 'x', owner: ' ' }, /eigenaar/);
    await bad('POST', '/api/actions', { title: 'x', owner: 'y', status: 'klaar' }, /gepland, bezig, afgerond of gestopt/);
    await bad('POST', '/api/actions', { title: 'x', owner: 'y', dueDate: '2026-02-30' }, /geen geldige datum/);
    await bad('POST', '/api/actions', { title: 'x', owner: 'y', startDate: '2026-03-01', dueDate: '2026-02-01' }, /streefdatum ligt voor de startdatum/);
    await bad('POST', '/api/actions', { title: 'x', owner: 'y', links: [{ indicatorId: 'nope' }] }, /bestaat niet/);
    await bad('POST', '/api/actions', { title: 'x', owner: 'y', links: [{ frameworkId: fw, nodeId: crypto.randomUUID() }] }, /doel bestaat niet/);
    await bad('PATCH', `/api/actions/${actionId}`, { dueDate: 'morgen' }, /geen geldige datum/);
    for (const role of ['raad', 'aanbieder', 'analist']) {
      expect((await send('POST', '/api/actions', { title: 'x', owner: 'y' }, role)).status, role).toBe(403);
      expect((await send('PATCH', `/api/actions/${actionId}`, { title: 'x' }, role)).status, role).toBe(403);
    }
    // A goal of a concept framework: named for beleid, not for the raad (in the action and in its history).
    const c = await send('POST', '/api/actions', { title: 'Concept-actie', owner: 'Team Jeugd', links: [{ frameworkId: concept, nodeId: conceptNode }] });
    expect(c.status).toBe(201);
    expect(c.body.action.links[0].label).toBe('Doel: Concept-doel (Werkversie jeugd)');
    const asRaad = await get(`/api/actions/${c.body.action.actionId}`, 'raad');
    expect(asRaad.body.action.links[0].label).toBe('Doel in een beleidskader dat nog niet is vastgesteld');
    const raadHistory = await get(`/api/actions/${c.body.action.actionId}/history`, 'raad');
    expect(raadHistory.body.history[0].fields.find((f: { field: string }) => f.field === 'links').after).toBe('Doel in een beleidskader dat nog niet is vastgesteld');
    expect((await get(`/api/actions/${c.body.action.actionId}/history`)).body.history[0].fields.find((f: { field: string }) => f.field === 'links').after).toBe('Doel: Concept-doel (Werkversie jeugd)');
    // Anderdorp cannot see, change or link to Testdam's actions and goals.
    expect((await get('/api/actions', 'anders')).body.actions).toEqual([]);
    expect((await get(`/api/actions/${actionId}`, 'anders')).status).toBe(404);
    expect((await get(`/api/actions/${actionId}/history`, 'anders')).status).toBe(404);
    expect((await send('PATCH', `/api/actions/${actionId}`, { title: 'overgenomen' }, 'anders')).status).toBe(404);
    expect((await send('POST', '/api/actions', { title: 'x', owner: 'y', links: [{ frameworkId: fw, nodeId: nodeA }] }, 'anders')).status).toBe(400);
    expect((await get(`/api/actions/${actionId}`)).body.action.title).toBe('Afschalingsgesprek invoeren');
    expect((await get('/api/actions/not-a-uuid')).status).toBe(404);
  });

  it('OpenAPI documents every endpoint of turn the curve and actions', async () => {
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    const methods = (p: string) => Object.keys(doc.paths[p] ?? {}).sort();
    expect(methods('/api/indicators/{id}/notes')).toEqual(['get', 'put']);
    expect(methods('/api/indicators/{id}/notes/history')).toEqual(['get']);
    expect(methods('/api/indicators/{id}/curve')).toEqual(['get']);
    expect(methods('/api/actions')).toEqual(['get', 'post']);
    expect(methods('/api/actions/export')).toEqual(['get']);
    expect(methods('/api/actions/{id}')).toEqual(['get', 'patch']);
    expect(methods('/api/actions/{id}/history')).toEqual(['get']);
    expect(methods('/api/frameworks/{id}/scores')).toEqual(['get']);
    for (const p of ['/api/steering/frameworks', '/api/steering/goals', '/api/steering/stale-notes']) expect(methods(p)).toEqual(['get']);
    for (const name of ['Note', 'NoteInput', 'HistoryItem', 'Action', 'ActionInput', 'ActionLink', 'FrameworkScores']) expect(doc.components.schemas[name], name).toBeDefined();
  });

  it('scores of the adopted framework, exact, as each role may see them; concepts hidden from the raad', async () => {
    // Per indicator (Y = this year):            data  note  forecast  target  direction
    //   step_down_pct  Y-3 20, Y-2 22, Y-1 25     ✓     ✓      ✓        ✓     better (25 > 22, up)
    //   dropout_pct    Y-3 10, Y-2 12             ✗     ✗      ✗        ✗     worse  (12 > 10, down)
    //   wmo_clients    Y-2 30, Y-1 (suppressed)   ✗     ✗      ✗        ✓     context: not judged
    //   goal_attainment  no data                  ✗     ✗      ✗        ✗     too few values
    // step_down_pct is under two goals but counts once. Engagement (1+1+1+2)/16; performance 1 of 2.
    const r = await get(`/api/frameworks/${fw}/scores`, 'raad');
    expect(r.status).toBe(200);
    expect(r.body.framework).toMatchObject({ frameworkId: fw, status: 'vastgesteld', version: 1, title: 'Iedereen doet mee' });
    const e = r.body.scores.engagement;
    expect([e.currentData.count, e.currentNote.count, e.forecast.count, e.target.count, e.currentData.of]).toEqual([1, 1, 1, 2, 4]);
    expect(e.total).toBe(5 / 16);
    expect(r.body.scores.performance).toEqual({ better: 1, judged: 2, noDirection: 1, tooFewValues: 1, share: 0.5 });
    expect(r.body.scores.indicators.map((i: { indicatorId: string; noteState: string }) => [i.indicatorId, i.noteState])).toEqual([
      ['dropout_pct', 'missing'], ['goal_attainment_pct', 'no_data'], ['step_down_pct', 'current'], ['wmo_clients_per_1000', 'missing'],
    ]);
    // An analist sees wmo Y-1 (5): current data, still no note.
    const analist = (await get(`/api/frameworks/${fw}/scores`, 'analist')).body.scores.engagement;
    expect([analist.currentData.count, analist.total]).toEqual([2, 6 / 16]);
    // The concept framework: beleid sees its (empty) scores, the raad does not know it.
    expect((await get(`/api/frameworks/${concept}/scores`)).body.scores.engagement.total).toBeNull();
    expect((await get(`/api/frameworks/${concept}/scores`, 'raad')).status).toBe(404);
    expect((await get('/api/steering/frameworks', 'raad')).body.frameworks.map((f: { title: string }) => f.title)).toEqual(['Iedereen doet mee']);
    expect((await get('/api/steering/frameworks')).body.frameworks.map((f: { title: string }) => f.title)).toEqual(['Iedereen doet mee', 'Werkversie jeugd']);
    expect((await get(`/api/frameworks/${fw}/scores`, 'anders')).status).toBe(404);

    // A note for dropout's older period is "outdated"; the data function agrees with the API.
    expect((await send('PUT', '/api/indicators/dropout_pct/notes', { periodType: 'year', period: String(Y - 3), story: 'Meer uitval door wachtlijsten.' })).status).toBe(201);
    const staleBody = (await get('/api/steering/stale-notes', 'raad')).body;
    expect(staleBody.adoptedFrameworks).toBe(1); // the concept does not count
    const stale = staleBody.stale;
    expect(stale.map((s: { indicatorId: string; state: string; latestPeriod: string; newestNotePeriod: string | null }) => [s.indicatorId, s.state, s.latestPeriod, s.newestNotePeriod])).toEqual([
      ['dropout_pct', 'outdated', String(Y - 2), String(Y - 3)],
      ['wmo_clients_per_1000', 'missing', String(Y - 2), null],
    ]);
    const beleid = { userId: 'x', username: 'beleid', role: 'beleid' as const, gemeenteCode: '9001' };
    const data = await frameworkScoreData(k.db, beleid, fw, `${Y}-06-01`);
    expect(data!.scores.indicators.find((i) => i.indicatorId === 'dropout_pct')!.noteState).toBe('outdated');
  });

  it('demo seed: notes for the indicators with figures and three actions, through the normal write path', async () => {
    // Usable (≥ 2 published yearly values, tree order): dropout_pct and step_down_pct; wmo has one published value.
    expect(await seedDemoCurve(k.db, '9001', fw)).toEqual({ notes: 2, actions: 3 });
    const dropout = (await get(`/api/indicators/dropout_pct/notes?periodType=year&period=${Y - 2}`)).body.notes;
    expect(dropout[0].story).toMatch(/^Het cijfer beweegt/);
    expect((await get('/api/steering/stale-notes')).body.stale.map((x: { indicatorId: string }) => x.indicatorId)).toEqual(['wmo_clients_per_1000']);
    const titles = (await get('/api/actions')).body.actions.map((a: { title: string; status: string; overdue: boolean }) => [a.title, a.status]);
    expect(titles).toEqual(expect.arrayContaining([['Vast aanspreekpunt per wijk aanstellen', 'bezig'], ['Afschalen na een jaar in alle wijken', 'gepland'], ['Wachttijden in de contracten', 'afgerond']]));
    const history = await k.db.selectFrom('steering_history').select('entity').where('gemeente_code', '=', '9001').where('changed_by', '=', 'beleid').where('entity', '=', 'action').execute();
    expect(history.length).toBeGreaterThanOrEqual(3);
  });
});
