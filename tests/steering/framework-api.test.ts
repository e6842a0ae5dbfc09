import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { sql } from '../../src/db/index.js';
import { invalidateResults } from '../../src/indicators/index.js';
import { createApp } from '../../src/web/server/app.js';
import { parseExportCsv } from '../../src/web/server/routes/export.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

interface Version { version: number; status: string; adoptedOn: string | null; inForceFrom: string | null; inForceTo: string | null; decisionRef: string | null }
interface Node { nodeId: string; parentId: string | null; kind: string; title: string; position: number; indicators: { indicatorId: string; measureKind: string; attentionMargin: number | null }[]; budget: string[] }
interface Detail extends Version { title: string; vision: string; principles: string[]; nodes: Node[] }
interface StatusNode { nodeId: string; title: string; status: string; explanation: string; indicators: { indicatorId: string; value: number | null; suppressed: boolean; target: number | null; status: string; explanation: string }[]; budget: { taakveld: string; begroting: number | null; realisatie: number | null }[] }

describe.each(ENGINES)('beleidskader API on %s', (engine) => {
  let k: TestKoers;
  let app: ReturnType<typeof createApp>;
  const who: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await addGemeente(k.db, '9002', 'Anderdorp');
    for (const role of ['beleid', 'analist', 'raad', 'beheerder'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    await addUser(k.db, { gemeenteCode: '9002', username: 'anders', password: PW, role: 'beleid' });
    // Stored yearly results (as the engine writes them): one large enough to show to everyone, one
    // too small for anyone but an analist (numerator 3 < 10), and budget lines for taakveld 6.1.
    const result = (id: string, period: string, numerator: number, denominator: number) => sql`
      insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9001', ${id}, 1, 'year', ${period}, '9001', '', '{}', ${numerator}, ${denominator}, ${(numerator / denominator) * 100}, 'final', now())`.execute(k.db);
    await result('segment_vulnerable_pct', '2025', 300, 6000); // 5 %
    await result('segment_self_reliant_pct', '2025', 4700, 6000); // 78.33 %
    await result('zrm_progress_pct', '2025', 3, 40); // 7.5 %, suppressed for the raad
    for (const [kind, month, cents] of [['begroting', 0, 120_000_000], ['realisatie', 1, 10_000_000], ['realisatie', 2, 11_000_000]] as const) {
      await sql`insert into budget_line (gemeente_code, year, month, taakveld, product_code, kind, law, amount_cents) values ('9001', 2025, ${month}, '6.1', '', ${kind}, 'wmo', ${cents})`.execute(k.db);
    }
    invalidateResults(k.db, '9001');
    app = createApp(k, { demoHint: null });
    for (const u of ['beleid', 'analist', 'raad', 'beheerder', 'anders']) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username: u, password: PW }) });
      expect(res.status).toBe(200);
      who[u] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    }
  });
  afterAll(async () => { await k?.cleanup(); });

  const call = async (method: string, path: string, user: string | null, body?: unknown) => {
    const u = user ? who[user]! : null;
    const res = await app.request(path, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...(u ? { cookie: u.cookie, 'x-csrf-token': u.csrf } : {}) },
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };

  let fid = '';
  let v1: Detail;

  it('creates a framework from the template (beleid only) and hides the concept from the raad', async () => {
    expect((await call('GET', '/api/frameworks', null)).status).toBe(401);
    const t = await call('GET', '/api/frameworks/templates', 'beleid');
    expect(t.body.templates.map((x: { id: string }) => x.id)).toContain('sociaal-domein');
    expect(t.body.taakvelden).toEqual(['6.1']);
    expect((await call('POST', '/api/frameworks', 'raad', { templateId: 'sociaal-domein' })).status).toBe(403);
    expect((await call('POST', '/api/frameworks', 'analist', { templateId: 'sociaal-domein' })).status).toBe(403);
    const bad = await call('POST', '/api/frameworks', 'beleid', { templateId: 'bestaat-niet' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Sjabloon "bestaat-niet" bestaat niet.');
    const created = await call('POST', '/api/frameworks', 'beleid', { templateId: 'sociaal-domein' });
    expect(created.status).toBe(201);
    fid = created.body.frameworkId;
    v1 = (await call('GET', `/api/frameworks/${fid}/versions/1`, 'beleid')).body;
    expect(v1.status).toBe('concept');
    expect(v1.nodes.filter((n) => n.kind === 'theme').map((n) => n.title)).toContain('Iedereen doet mee naar vermogen');
    expect(v1.nodes.flatMap((n) => n.indicators.map((i) => i.indicatorId))).toContain('segment_vulnerable_pct');
    // Parents come before their children.
    const seen = new Set<string>();
    for (const n of v1.nodes) { if (n.parentId) expect(seen.has(n.parentId)).toBe(true); seen.add(n.nodeId); }
    expect((await call('GET', '/api/frameworks', 'raad')).body.frameworks).toEqual([]);
    expect((await call('GET', `/api/frameworks/${fid}/versions/1`, 'raad')).status).toBe(403);
    expect((await call('GET', `/api/frameworks/${fid}`, 'raad')).status).toBe(404);
  });

  it('edits a concept: texts, nodes (add, rename, move, remove), indicators and budget, with Dutch errors', async () => {
    const base = `/api/frameworks/${fid}/versions/1`;
    expect((await call('PUT', base, 'beleid', { vision: 'Iedereen telt mee.', principles: ['Eigen kracht eerst.'] })).status).toBe(200);
    expect((await call('PUT', base, 'beleid', { title: '' })).body.error.message).toBe('Vul een titel in.');
    const theme = v1.nodes.find((n) => n.title === 'Eigen kracht en samenredzaamheid')!;
    const wrong = await call('POST', `${base}/nodes`, 'beleid', { parentId: null, kind: 'doel', title: 'Los doel' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('Een doel hoort onder een maatschappelijk effect of onder een thema.');
    const added = await call('POST', `${base}/nodes`, 'beleid', { parentId: theme.nodeId, kind: 'effect', title: 'Meer mantelzorgers houden het vol' });
    expect(added.status).toBe(201);
    const nid = added.body.nodeId as string;
    expect((await call('PUT', `${base}/nodes/${nid}`, 'beleid', { title: 'Mantelzorgers houden het vol', position: 0 })).status).toBe(200);
    const ind = await call('PUT', `${base}/nodes/${nid}/indicators`, 'beleid', { indicators: [{ indicatorId: 'zrm_progress_pct', measureKind: 'better_off', attentionMargin: 2 }] });
    expect(ind.status).toBe(200);
    expect((await call('PUT', `${base}/nodes/${nid}/indicators`, 'beleid', { indicators: [{ indicatorId: 'verzonnen', measureKind: 'better_off' }] })).body.error.message).toContain('bestaat niet');
    expect((await call('PUT', `${base}/nodes/${nid}/budget`, 'beleid', { taakvelden: ['6.1'] })).status).toBe(200);
    expect((await call('PUT', `${base}/nodes/${nid}/budget`, 'beleid', { taakvelden: ['zes'] })).body.error.message).toBe('Een taakveld schrijf je als 6.1 of 6.71.');
    // A node cannot move under its own child.
    const child = await call('POST', `${base}/nodes`, 'beleid', { parentId: nid, kind: 'doel', title: 'Respijtzorg' });
    const loop = await call('PUT', `${base}/nodes/${nid}`, 'beleid', { parentId: child.body.nodeId });
    expect(loop.status).toBe(400);
    const d: Detail = (await call('GET', base, 'beleid')).body;
    expect(d.vision).toBe('Iedereen telt mee.');
    const n = d.nodes.find((x) => x.nodeId === nid)!;
    expect(n).toMatchObject({ title: 'Mantelzorgers houden het vol', position: 0, budget: ['6.1'], indicators: [{ indicatorId: 'zrm_progress_pct', measureKind: 'better_off', attentionMargin: 2 }] });
    expect(d.nodes.filter((x) => x.parentId === theme.nodeId).map((x) => x.position).sort()).toEqual([0, 1]);
    // Remove a whole theme with its subtree.
    const gone = v1.nodes.find((x) => x.title === 'Elke inwoner is uniek')!;
    const removed = await call('DELETE', `${base}/nodes/${gone.nodeId}`, 'beleid');
    expect(removed.body.removed).toBe(3);
    // The raad and another gemeente cannot write or read it.
    expect((await call('PUT', base, 'raad', { title: 'x' })).status).toBe(403);
    expect((await call('POST', `${base}/nodes`, 'raad', { parentId: null, kind: 'theme', title: 'x' })).status).toBe(403);
    expect((await call('DELETE', `${base}/nodes/${nid}`, 'raad')).status).toBe(403);
    expect((await call('POST', `${base}/adopt`, 'raad', { adoptedOn: '2025-01-01' })).status).toBe(403);
    expect((await call('GET', base, 'anders')).status).toBe(404);
    expect((await call('PUT', base, 'anders', { title: 'Overgenomen' })).status).toBe(404);
    expect((await call('POST', `/api/frameworks/${fid}/new-version`, 'anders')).status).toBe(404);
    expect((await call('GET', '/api/frameworks', 'anders')).body.frameworks).toEqual([]);
    expect((await call('GET', base, 'beleid')).body.title).toBe('Beleidskader sociaal domein');
  });

  it('adopts: frozen afterwards, visible to the raad, and a new version keeps the node ids', async () => {
    const base = `/api/frameworks/${fid}/versions/1`;
    expect((await call('POST', `${base}/adopt`, 'beleid', { adoptedOn: '2025-02-30' })).body.error.message).toBe('Dit is geen bestaande datum.');
    const adopted = await call('POST', `${base}/adopt`, 'beleid', { adoptedOn: '2025-01-30', decisionRef: 'RB 2025/04', inForceFrom: '2025-01-01' });
    expect(adopted.status).toBe(200);
    expect(adopted.body.versions[0]).toMatchObject({ version: 1, status: 'vastgesteld', adoptedOn: '2025-01-30', decisionRef: 'RB 2025/04', inForceFrom: '2025-01-01', inForceTo: null });
    const frozen = await call('PUT', base, 'beleid', { title: 'Nog iets' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toContain('Maak een nieuwe versie');
    expect((await call('GET', '/api/frameworks', 'raad')).body.frameworks[0].versions.map((v: Version) => v.status)).toEqual(['vastgesteld']);
    const nv = await call('POST', `/api/frameworks/${fid}/new-version`, 'beleid');
    expect(nv.status).toBe(201);
    expect(nv.body.version).toBe(2);
    expect((await call('POST', `/api/frameworks/${fid}/new-version`, 'beleid')).status).toBe(409);
    const one: Detail = (await call('GET', base, 'beleid')).body;
    const two: Detail = (await call('GET', `/api/frameworks/${fid}/versions/2`, 'beleid')).body;
    expect(two.status).toBe('concept');
    expect(two.nodes).toEqual(one.nodes);
    // The raad does not see the new concept.
    expect((await call('GET', `/api/frameworks/${fid}`, 'raad')).body.versions.map((v: Version) => v.version)).toEqual([1]);
    expect((await call('GET', `/api/frameworks/${fid}/versions/2`, 'raad')).status).toBe(403);
  });

  it('adopting version 2 ends version 1 the day before; at most one version is vastgesteld; withdraw ends it', async () => {
    const early = await call('POST', `/api/frameworks/${fid}/versions/2/adopt`, 'beleid', { adoptedOn: '2024-12-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe('Versie 1 geldt vanaf 2025-01-01. De nieuwe versie moet later ingaan.');
    const ok = await call('POST', `/api/frameworks/${fid}/versions/2/adopt`, 'beleid', { adoptedOn: '2026-01-29', inForceFrom: '2026-01-01' });
    expect(ok.body.versions.map((v: Version) => [v.version, v.status, v.inForceFrom, v.inForceTo])).toEqual([[1, 'vervallen', '2025-01-01', '2025-12-31'], [2, 'vastgesteld', '2026-01-01', null]]);
    const adoptedRows = await k.db.selectFrom('framework_version').select('version').where('framework_id', '=', fid).where('status', '=', 'vastgesteld').execute();
    expect(adoptedRows).toHaveLength(1);
    expect((await call('POST', `/api/frameworks/${fid}/versions/1/withdraw`, 'beleid', {})).status).toBe(409);
    expect((await call('POST', `/api/frameworks/${fid}/versions/2/withdraw`, 'beleid', { on: '2025-06-01' })).status).toBe(400);
    const w = await call('POST', `/api/frameworks/${fid}/versions/2/withdraw`, 'beleid', { on: '2026-06-30' });
    expect(w.body.versions[1]).toMatchObject({ status: 'vervallen', inForceTo: '2026-06-30' });
    // A new concept after withdrawal, then discarded again.
    expect((await call('POST', `/api/frameworks/${fid}/new-version`, 'beleid')).body.version).toBe(3);
    // In-force periods never overlap, also not with a withdrawn version.
    const overlap = await call('POST', `/api/frameworks/${fid}/versions/3/adopt`, 'beleid', { adoptedOn: '2026-05-01' });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.message).toBe('Versie 2 gold tot en met 2026-06-30. De nieuwe versie moet daarna ingaan.');
    expect((await call('DELETE', `/api/frameworks/${fid}/versions/3`, 'beleid')).body).toEqual({ frameworkRemoved: false });
    expect((await call('DELETE', `/api/frameworks/${fid}/versions/2`, 'beleid')).status).toBe(409);
  });

  it('keeps the history of every change, also in the audit log; the raad sees only adoptions and withdrawals', async () => {
    const h = (await call('GET', `/api/frameworks/${fid}/history`, 'beleid')).body.history as { entity: string; change: string; changedBy: string }[];
    const changes = new Set(h.map((x) => `${x.entity}:${x.change}`));
    for (const c of ['framework:created', 'framework_version:changed', 'node:created', 'node:changed', 'node:deleted', 'framework_version:adopted', 'framework_version:new_version', 'framework_version:withdrawn', 'framework_version:deleted']) expect(changes).toContain(c);
    expect(h.every((x) => x.changedBy === 'beleid')).toBe(true);
    const raad = (await call('GET', `/api/frameworks/${fid}/history`, 'raad')).body.history as { change: string }[];
    expect(raad.length).toBeGreaterThan(0);
    expect(new Set(raad.map((x) => x.change))).toEqual(new Set(['adopted', 'withdrawn']));
    const audit = await k.db.selectFrom('audit_log').select(['object']).where('action', '=', 'steering_change').where('gemeente_code', '=', '9001').execute();
    expect(audit.length).toBe(h.length);
    expect((await call('GET', `/api/frameworks/${fid}/history`, 'anders')).status).toBe(404);
  });

  it('shows the status view: judged against the targets, suppressed figures are "geen gegevens" for the raad', async () => {
    // Targets through the monitor's own target API (indicator_target, not duplicated).
    for (const [id, target] of [['segment_vulnerable_pct', 4.8], ['segment_self_reliant_pct', 90], ['zrm_progress_pct', 5]] as const) {
      expect((await call('PUT', `/api/indicators/${id}/targets`, 'beleid', { targets: [{ year: 2025, target }] })).status).toBe(200);
    }
    const view = async (user: string) => (await call('GET', `/api/frameworks/${fid}/status?version=1`, user)).body as { year: number; status: string; nodes: StatusNode[] };
    const ind = (v: { nodes: StatusNode[] }, id: string) => v.nodes.flatMap((n) => n.indicators).find((i) => i.indicatorId === id)!;
    const beleid = await view('beleid');
    expect(beleid.year).toBe(2025);
    expect(ind(beleid, 'segment_vulnerable_pct')).toMatchObject({ value: 5, target: 4.8, status: 'aandacht' });
    expect(ind(beleid, 'segment_self_reliant_pct')).toMatchObject({ value: 78.33, target: 90, status: 'niet_op_koers' });
    expect(ind(beleid, 'segment_at_risk_pct').status).toBe('context');
    expect(ind(beleid, 'zrm_progress_pct')).toMatchObject({ suppressed: true, value: null, status: 'geen_gegevens' });
    const analist = await view('analist');
    expect(ind(analist, 'zrm_progress_pct')).toMatchObject({ value: 7.5, status: 'op_koers' });
    const raad = await view('raad');
    expect(ind(raad, 'zrm_progress_pct')).toMatchObject({ suppressed: true, value: null, status: 'geen_gegevens' });
    expect(JSON.stringify(raad)).not.toContain('7.5');
    // Roll-up: the 80/15/5 effect is niet op koers because of one child; the theme above it too.
    const effect = beleid.nodes.find((n) => n.title.startsWith('De meeste inwoners redden zich'))!;
    expect(effect.status).toBe('niet_op_koers');
    expect(beleid.nodes.find((n) => n.title === 'Eigen kracht en samenredzaamheid')!.status).toBe('niet_op_koers');
    expect(beleid.status).toBe('niet_op_koers');
    // Wat mag het kosten: the linked taakveld's begroting and realisatie for the year.
    const mantel = beleid.nodes.find((n) => n.title === 'Mantelzorgers houden het vol')!;
    expect(mantel.budget).toEqual([{ taakveld: '6.1', begroting: 1_200_000, realisatie: 210_000, verplichting: null }]);
    // Wat gaan we daarvoor doen: actions linked to the goal (written by the actions module) are listed.
    const actionId = '00000000-0000-4000-8000-0000000000a1';
    await k.db.insertInto('steering_action').values({ gemeente_code: '9001', action_id: actionId, title: 'Respijtzorg uitbreiden', owner: 'Team Wmo', due_date: '2026-03-01', updated_by: 'beleid' }).execute();
    await k.db.insertInto('steering_action_link').values({ gemeente_code: '9001', action_id: actionId, link_id: '00000000-0000-4000-8000-0000000000b1', framework_id: fid, node_id: mantel.nodeId }).execute();
    const withAction = (await view('raad')).nodes.find((n) => n.nodeId === mantel.nodeId) as unknown as { actions: { title: string; status: string; dueDate: string }[] };
    expect(withAction.actions).toEqual([{ actionId, title: 'Respijtzorg uitbreiden', owner: 'Team Wmo', status: 'gepland', dueDate: '2026-03-01' }]);
    expect((await call('GET', `/api/frameworks/${fid}/status`, 'anders')).status).toBe(404);
    // Raad by default sees the adopted-then-withdrawn history; no concept is offered.
    expect((await call('GET', `/api/frameworks/${fid}/status?version=3`, 'raad')).status).toBe(404);
    expect((await call('GET', `/api/frameworks/${fid}/status?year=twintig`, 'raad')).status).toBe(400);
  });

  it('judges a wijk on its own figures, against the wijk target or else the gemeente target', async () => {
    await sql`insert into area (gemeente_code, area_code, level, parent_code, name) values ('9001', 'WK900101', 'wijk', '9001', 'Centrum')`.execute(k.db);
    await sql`insert into indicator_result (gemeente_code, indicator_id, version, period_type, period, area_code, breakdown_key, breakdown, numerator, denominator, value, status, computed_at)
      values ('9001', 'segment_vulnerable_pct', 1, 'year', '2025', 'WK900101', 'wijk=WK900101', '{"wijk":"WK900101"}', 60, 1000, 6, 'final', now())`.execute(k.db);
    invalidateResults(k.db, '9001');
    type AreaView = { area: { code: string; name: string } | null; nodes: StatusNode[] };
    const ind = (v: AreaView, id: string) => v.nodes.flatMap((n) => n.indicators).find((i) => i.indicatorId === id)!;
    const wijk = async () => (await call('GET', `/api/frameworks/${fid}/status?version=1&area=WK900101`, 'raad')).body as AreaView;
    // Without a wijk target: the wijk's 6 % against the gemeente's 4.8 %.
    let v = await wijk();
    expect(v.area).toEqual({ code: 'WK900101', name: 'Centrum' });
    expect(ind(v, 'segment_vulnerable_pct')).toMatchObject({ value: 6, target: 4.8, status: 'niet_op_koers' });
    // No wijk figure stored: geen gegevens (never the gemeente's figure).
    expect(ind(v, 'segment_self_reliant_pct')).toMatchObject({ value: null, status: 'geen_gegevens' });
    // With the wijk's own target (set through the monitor's target API, next to the gemeente's).
    expect((await call('PUT', '/api/indicators/segment_vulnerable_pct/targets', 'beleid', { targets: [{ year: 2025, target: 4.8 }, { year: 2025, area: 'WK900101', target: 6.5 }] })).status).toBe(200);
    v = await wijk();
    expect(ind(v, 'segment_vulnerable_pct')).toMatchObject({ value: 6, target: 6.5, status: 'op_koers' });
    // The gemeente view is unchanged, and a wijk of another gemeente or a bad code is refused.
    const all = (await call('GET', `/api/frameworks/${fid}/status?version=1`, 'raad')).body as AreaView;
    expect(all.area).toBeNull();
    expect(ind(all, 'segment_vulnerable_pct')).toMatchObject({ value: 5, target: 4.8 });
    expect((await call('GET', `/api/frameworks/${fid}/status?version=1&area=WK999999`, 'raad')).status).toBe(404);
    expect((await call('GET', `/api/frameworks/${fid}/status?version=1&area=${encodeURIComponent("x'; drop")}`, 'raad')).status).toBe(400);
    const csv = parseExportCsv(await (await app.request(`/api/frameworks/${fid}/status/export?version=1&area=WK900101&format=csv`, { headers: { cookie: who.raad!.cookie } })).text());
    expect(csv.find((r) => r.indicator === 'segment_vulnerable_pct')).toMatchObject({ waarde: '6', streefwaarde: '6,5', stand: 'Op koers' });
  });

  it('exports the status table exactly as the raad sees it (CSV and XLSX), audited, without the hidden figure', async () => {
    const get = (user: string, q: string) => app.request(`/api/frameworks/${fid}/status/export?version=1${q}`, { headers: { cookie: who[user]!.cookie } });
    const res = await get('raad', '&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseExportCsv(await res.text());
    const row = (id: string) => rows.find((r) => r.indicator === id)!;
    expect(row('segment_vulnerable_pct')).toMatchObject({ waarde: '5', streefwaarde: '4,8', stand: 'Aandacht', suppressed: 'false' });
    expect(row('zrm_progress_pct')).toMatchObject({ waarde: '', stand: 'Geen gegevens', suppressed: 'true' });
    // Every goal of the tree is in the file, also those without indicators.
    const view = (await call('GET', `/api/frameworks/${fid}/status?version=1`, 'raad')).body as { nodes: StatusNode[] };
    expect(new Set(rows.map((r) => r.doel))).toEqual(new Set(view.nodes.map((n) => n.title)));
    const analist = parseExportCsv(await (await get('analist', '&format=csv')).text());
    expect(analist.find((r) => r.indicator === 'zrm_progress_pct')).toMatchObject({ waarde: '7,5', suppressed: 'false' });
    const xlsx = await get('raad', '&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await get('raad', '&format=pdf')).status).toBe(400);
    expect((await app.request(`/api/frameworks/${fid}/status/export?version=1`, { headers: { cookie: who.anders!.cookie } })).status).toBe(404);
    const logged = await k.db.selectFrom('audit_log').select(['username', 'object']).where('action', '=', 'steering_export').execute();
    expect(logged).toEqual(expect.arrayContaining([{ username: 'raad', object: `framework_status:${fid}/1` }, { username: 'analist', object: `framework_status:${fid}/1` }]));
  });
});
