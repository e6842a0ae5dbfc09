import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGemeente } from '../../src/app/koers.js';
import { listFindings, qualitySummary, recomputeQuality, setFindingStatus } from '../../src/quality/index.js';
import { addUser } from '../../src/auth/index.js';
import { createApp } from '../../src/web/server/app.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import { msg301, msg305, msg307, msg323, type Header } from '../helpers/messages.js';

const h = (id: string, dag: string, agb = '99000001'): Header => ({ std: 'iwmo', gemeente: '9001', agb, id, dag });
const AS_OF = '2025-06-30';

describe.each(ENGINES)('data-quality rules on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
    await k.importFiles([
      ...referenceFiles(),
      // On time: start Thursday 2024-03-28, message 2024-04-05 = 4 werkdagen later (Good Friday and Easter Monday do not count).
      file('a301.xml', msg301(h('T1', '2024-03-01'), { bsn: '999900006', postcode: '9001AA' }, [{ nr: '1', cat: '02', tdatum: '2024-03-01', ingang: '2024-03-01' }])),
      file('a305.xml', msg305(h('S1', '2024-04-05'), { bsn: '999900006' }, [{ nr: '1', cat: '02', ingang: '2024-03-01', begin: '2024-03-28' }])),
      // Late: start 2024-06-03, message 2024-06-11 = 6 werkdagen later; and a toewijzing that never started.
      file('b301.xml', msg301(h('T2', '2024-05-01'), { bsn: '111222333', postcode: '9001ZZ' }, [{ nr: '2', cat: '01', tdatum: '2024-05-01', ingang: '2024-05-01' }, { nr: '3', cat: '07', tdatum: '2024-05-01', ingang: '2024-05-01' }])),
      file('b305.xml', msg305(h('S2', '2024-06-11'), { bsn: '111222333' }, [{ nr: '2', cat: '01', ingang: '2024-05-01', begin: '2024-06-03' }])),
      // A stop without a start, from another aanbieder.
      file('c307.xml', msg307(h('E3', '2024-07-01', '99000002'), { bsn: '123456782' }, [{ nr: '9', cat: '02', ingang: '2024-01-01', begin: '2024-01-02', eind: '2024-06-28', reden: '19' }])),
      // Declarations: one inside toewijzing 1 (fine), one for an unknown toewijzing, one before toewijzing 1 began.
      file('d323.xml', msg323(h('D1', '2024-05-06'), { nummer: 'DEC1', begin: '2024-04-01', eind: '2024-04-30', clienten: [{ bsn: '999900006', prestaties: [
        { ref: 'P1', nr: '1', cat: '02', begin: '2024-04-01', eind: '2024-04-30', volume: 10, tarief: 5000, bedrag: 50000 },
        { ref: 'P2', nr: '77', cat: '02', begin: '2024-04-01', eind: '2024-04-30', volume: 1, tarief: 5000, bedrag: 5000 },
        { ref: 'P3', nr: '1', cat: '02', begin: '2024-02-01', eind: '2024-02-29', volume: 1, tarief: 5000, bedrag: 5000 },
      ] }] })),
      // Only partly covered: begins before toewijzing 1's ingangsdatum (2024-03-01), ends inside it (TR307).
      file('e323.xml', msg323(h('D2', '2024-04-06'), { nummer: 'DEC2', begin: '2024-02-15', eind: '2024-03-15', clienten: [{ bsn: '999900006', prestaties: [
        { ref: 'P4', nr: '1', cat: '02', begin: '2024-02-15', eind: '2024-03-15', volume: 1, tarief: 5000, bedrag: 5000 },
      ] }] })),
    ], { source: 'test', asOf: AS_OF });
    await recomputeQuality(k.db, '9001', AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('finds exactly the breaches in the data', async () => {
    const all = await listFindings(k.db, '9001', {});
    const byRule = all.rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.rule]: (m[r.rule] ?? 0) + 1 }), {});
    expect(byRule).toEqual({ start_te_laat: 1, toewijzing_zonder_start: 1, stop_zonder_start: 1, persoon_buiten_gemeente: 1, declaratie_zonder_toewijzing: 3 });
    const decl = all.rows.filter((r) => r.rule === 'declaratie_zonder_toewijzing').map((r) => r.detail.referentie).sort();
    expect(decl).toEqual(['P2', 'P3', 'P4']);
    const late = all.rows.find((r) => r.rule === 'start_te_laat')!;
    expect(late.detail).toMatchObject({ toewijzingNummer: '2', werkdagen: 6 });
    expect(JSON.stringify(all.rows)).not.toMatch(/999900006|111222333|123456782/);
  });

  it('keeps a user-set status across recomputation and marks findings gone when the data is fixed', async () => {
    const late = (await listFindings(k.db, '9001', { rule: 'start_te_laat' })).rows[0]!;
    expect(await setFindingStatus(k.db, '9001', late.id, 'ignored', 'tester')).toBe(true);
    await recomputeQuality(k.db, '9001', AS_OF);
    expect((await listFindings(k.db, '9001', { rule: 'start_te_laat' })).rows[0]!.status).toBe('ignored');
    // The missing start arrives: the finding disappears from the list.
    await k.importFiles([file('b305b.xml', msg305(h('S3', '2024-05-10'), { bsn: '111222333' }, [{ nr: '3', cat: '07', ingang: '2024-05-01', begin: '2024-05-06' }]))], { source: 'test', asOf: AS_OF });
    await recomputeQuality(k.db, '9001', AS_OF);
    expect((await listFindings(k.db, '9001', { rule: 'toewijzing_zonder_start' })).total).toBe(0);
  });

  it('summarises timeliness per aanbieder', async () => {
    const s = await qualitySummary(k.db, '9001');
    const a = s.aanbieders.find((x) => x.agb === '99000001')!;
    expect(a.startsOnTimePct).toBeCloseTo(66.7, 1); // 2 of 3 starts within 5 werkdagen
    expect(s.rules.find((r) => r.id === 'stop_zonder_start')!.open).toBe(1);
  });

  it('serves the summary and the follow-up list by role over the API', async () => {
    const pw = 'een-lang-wachtwoord';
    for (const role of ['beleid', 'analist', 'raad']) await addUser(k.db, { gemeenteCode: '9001', username: `q-${role}`, password: pw, role });
    const app = createApp(k, {});
    const login = async (u: string) => {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: u, password: pw }) });
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const beleid = await login('q-beleid');
    const summary = await app.request('/api/quality/summary', { headers: { cookie: beleid.cookie } });
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as { rules: unknown[] }).rules.length).toBeGreaterThan(5);
    const raad = await login('q-raad');
    expect((await app.request('/api/quality/summary', { headers: { cookie: raad.cookie } })).status).toBe(403);
    const list = (await (await app.request('/api/quality/findings?rule=stop_zonder_start', { headers: { cookie: beleid.cookie } })).json()) as { rows: { id: string }[] };
    const id = list.rows[0]!.id;
    const post = (who: { cookie: string; csrf: string }) => app.request(`/api/quality/findings/${id}/status`, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, origin: 'http://localhost', 'content-type': 'application/json' }, body: JSON.stringify({ status: 'resolved' }) });
    expect((await post(beleid)).status).toBe(403);
    expect((await post(await login('q-analist'))).status).toBe(204);
    const audits = await k.db.selectFrom('audit_log').select(['action', 'username', 'object']).where('action', '=', 'finding_status').execute();
    expect(audits).toEqual([{ action: 'finding_status', username: 'q-analist', object: id }]);
  });
});
