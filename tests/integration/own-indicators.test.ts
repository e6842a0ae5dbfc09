import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { addUser } from '../../src/auth/index.js';
import { createApp } from '../../src/web/server/app.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305 } from '../helpers/messages.js';
import { apiLogin } from '../helpers/api.js';

const PW = 'correct horse battery';
const ORIGIN = 'http://localhost';

/** Own indicator: Wmo clients with a start in the period, per 100 inhabitants (same engine, own definition). */
const OWN = {
  id: 'eigen_wmo_starts_pct',
  name: 'Wmo-starts per 100 inwoners',
  description: 'Hoeveel inwoners in de periode met Wmo-hulp begonnen, per 100 inwoners.',
  definition: { numerator: 'Personen met een Wmo-start in de periode.', denominator: 'Inwoners op 1 januari.' },
  unit: '%', polarity: 'context', group: 'how_much', factor: 100,
  periodTypes: ['year', 'quarter'], breakdowns: ['wijk'],
  numerator: { fact: 'trajectory', boundary: 'started', count: 'persons', where: [{ field: 'law', op: '=', value: 'wmo' }] },
  denominator: { population: {} },
};

describe.each(ENGINES)('own indicators on %s', (engine) => {
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
    await k.importFiles([...referenceFiles(), ...files], { source: 'test', asOf: '2025-01-01' });
    for (const role of ['beleid', 'analist', 'raad'] as const) await addUser(k.db, { gemeenteCode: '9001', username: role, password: PW, role });
    app = createApp(k, { demoHint: null });
  });
  afterAll(async () => { await k?.cleanup(); });

  const loginAs = (username: string) => apiLogin(app, username, PW, ORIGIN);
  const send = (method: string, path: string, who: { cookie: string; csrf: string }, body?: unknown) =>
    app.request(path, { method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: ORIGIN, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('previews, saves and computes an own indicator with the same engine; a change is a new version', async () => {
    const a = await loginAs('analist');
    const preview = await send('POST', '/api/own-indicators/preview', a, OWN);
    expect(preview.status).toBe(200);
    const p = await preview.json() as { rows: { period: string; breakdown: Record<string, string>; numerator: number; denominator: number }[] };
    // 12 persons started Wmo in 2024 (hand count above); inhabitants from the reference population.
    const total2024 = p.rows.find((r) => r.period === '2024' && !r.breakdown.wijk)!;
    expect(total2024.numerator).toBe(12);
    const saved = await send('PUT', `/api/own-indicators/${OWN.id}`, a, OWN);
    expect(saved.status).toBe(201);
    const values = await (await app.request(`/api/indicators/${OWN.id}/values?periodType=year&period=2024`, { headers: { cookie: a.cookie } })).json() as { rows: { numerator: number; denominator: number }[] };
    expect(values.rows[0]).toMatchObject({ numerator: 12, denominator: total2024.denominator });
    const list = await (await app.request('/api/indicators', { headers: { cookie: a.cookie } })).json() as { indicators: { id: string; version: number }[] };
    expect(list.indicators.find((d) => d.id === OWN.id)).toMatchObject({ version: 1 });
    // Own indicators are monitor indicators like the presets: overview, export.
    const overview = await (await app.request('/api/monitor/overview?periodType=year', { headers: { cookie: a.cookie } })).json() as { indicators: { id: string }[] };
    expect(JSON.stringify(overview)).toContain(OWN.id);
    const csv = await app.request(`/api/indicators/${OWN.id}/export?format=csv&periodType=year`, { headers: { cookie: a.cookie } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(OWN.id);
    expect((await send('PUT', `/api/own-indicators/${OWN.id}`, a, OWN)).status).toBe(200); // unchanged: no new version
    const v2 = await send('PUT', `/api/own-indicators/${OWN.id}`, a, { ...OWN, factor: 1000, unit: 'per 1 000' });
    expect(((await v2.json()) as { indicator: { version: number } }).indicator.version).toBe(2);
    const audits = await k.db.selectFrom('audit_log').select(['action', 'object']).where('action', '=', 'own_indicator_saved').execute();
    expect(audits.map((x) => x.object)).toEqual([`${OWN.id}/v1`, `${OWN.id}/v2`]);
  });

  it('explains what is wrong with a definition, in Dutch, and stores nothing', async () => {
    const b = await loginAs('beleid');
    const bad = await send('PUT', '/api/own-indicators/eigen_fout', b, { ...OWN, id: 'eigen_fout', numerator: { ...OWN.numerator, where: [{ field: 'bsn', op: '=', value: '1' }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/onbekend veld "bsn"/);
    const dims = await send('POST', '/api/own-indicators/preview', b, { ...OWN, breakdowns: ['taakveld'] });
    expect(((await dims.json()) as { error: { message: string } }).error.message).toMatch(/uitsplitsing "taakveld"/);
    const preset = await send('PUT', '/api/own-indicators/outflow_pct', b, { ...OWN, id: 'outflow_pct' });
    expect(preset.status).toBe(400);
    const n = await k.db.selectFrom('own_indicator' as never).select((eb) => eb.fn.countAll<number>().as('n')).where('indicator_id' as never, '=', 'eigen_fout' as never).executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it('offers the building blocks with Dutch labels, so the UI needs no lists of its own', async () => {
    const b = await loginAs('beleid');
    const res = await app.request('/api/own-indicators/building-blocks', { headers: { cookie: b.cookie } });
    expect(res.status).toBe(200);
    const blocks = await res.json() as {
      mayDefine: boolean;
      facts: { id: string; label: string; person: boolean; defaultDate: string | null; fields: { name: string; type: string; label: string }[]; dims: string[]; boundaries: string[] }[];
      boundaries: { id: string; label: string }[]; aggregates: { id: string; label: string }[]; dimensions: { id: string; label: string }[];
    };
    expect(blocks.mayDefine).toBe(true);
    const trajectory = blocks.facts.find((f) => f.id === 'trajectory')!;
    expect(trajectory).toMatchObject({ label: 'Trajecten (Wmo en Jeugdwet)', person: true });
    expect(trajectory.fields).toContainEqual({ name: 'law', type: 'text', label: 'Wet' });
    expect(trajectory.dims).toEqual(expect.arrayContaining(['wijk', 'wet', 'leeftijd']));
    expect(trajectory.boundaries).toEqual(expect.arrayContaining(['active', 'started', 'ended']));
    expect(trajectory.boundaries).not.toContain('per_period');
    expect(blocks.facts.find((f) => f.id === 'person_period')!.boundaries).toEqual(['per_period']);
    expect(blocks.boundaries.find((x) => x.id === 'started')!.label).toBe('Begonnen in de periode');
    expect(blocks.aggregates.map((a) => a.id)).toEqual(expect.arrayContaining(['persons', 'records', 'households', 'sum', 'median']));
    expect(blocks.dimensions.find((d) => d.id === 'wijk')!.label).toBe('Wijk');
    // Every offered fact with every offered boundary passes the server's own check.
    for (const f of blocks.facts) {
      for (const boundary of f.boundaries) {
        const def = { ...OWN, id: 'eigen_blocks_check', numerator: { fact: f.id, boundary, count: 'records', ...(boundary === 'event' && !f.defaultDate ? { date: f.fields.find((x) => x.type === 'date')!.name } : {}) }, breakdowns: [] };
        const r = await send('POST', '/api/own-indicators/preview?periodType=year', b, def);
        expect([200], `${f.id} / ${boundary}: ${r.status === 200 ? '' : await r.text()}`).toContain(r.status);
      }
    }
    const raad = await loginAs('raad');
    expect(((await (await app.request('/api/own-indicators/building-blocks', { headers: { cookie: raad.cookie } })).json()) as { mayDefine: boolean }).mayDefine).toBe(false);
    expect((await app.request('/api/own-indicators/building-blocks')).status).toBe(401);
  });

  it('returns the stored definition of an own indicator, to edit it again', async () => {
    const a = await loginAs('analist');
    const res = await app.request(`/api/own-indicators/${OWN.id}`, { headers: { cookie: a.cookie } });
    expect(res.status).toBe(200);
    const body = await res.json() as { input: Record<string, unknown> };
    expect(body.input).toMatchObject({ id: OWN.id, numerator: OWN.numerator, denominator: OWN.denominator, factor: 1000 });
    expect((await app.request('/api/own-indicators/eigen_bestaat_niet', { headers: { cookie: a.cookie } })).status).toBe(404);
  });

  it('a raadslid reads own indicators but may not define them', async () => {
    const r = await loginAs('raad');
    expect((await send('PUT', `/api/own-indicators/eigen_raad`, r, { ...OWN, id: 'eigen_raad' })).status).toBe(403);
    expect((await send('POST', '/api/own-indicators/preview', r, OWN)).status).toBe(403);
    expect((await app.request('/api/own-indicators', { headers: { cookie: r.cookie } })).status).toBe(200);
  });
});
