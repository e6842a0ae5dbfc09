import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { wrapInStuf } from '../../src/ingest/stuf.js';
import { ENGINES, SHARED, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { craftedSet, msg323, msg325, type Header, type PrestatieInput } from '../helpers/messages.js';

const AS_OF = '2025-06-30';
const BSN = '999900006';
const BSN2 = '111222333';
const BSNS = [BSN, BSN2, '123456782'];

/** Every table and view the message import writes or derives, as sorted row hashes. */
async function snapshot(k: TestKoers) {
  const tables = ['received_message', 'toewijzing_record', 'delivery_record', 'request_record', 'change_request', 'change_request_product', 'request_answer', 'declaratie_record',
    'prestatie_record', 'declaratie_antwoord', 'prestatie_antwoord', 'retour_message', 'retour_item', 'person', 'person_residence', 'trajectory', 'allocation_without_start',
    'declaratie_current', 'verzoek_status'];
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = (await sql<{ r: string }>`select md5(x::text) as r from ${sql.table(t)} x order by 1`.execute(k.db)).rows.map((r) => r.r);
  return out;
}

describe.each(ENGINES)('every message type in the store on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine);
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('stores each type in its table and derives request status, retours and declaraties', async () => {
    const files = (['iwmo', 'ijw'] as const).flatMap((std) => Object.entries(craftedSet(std)).map(([t, xml]) => file(`${std}-${t}.xml`, xml)));
    const s = await k.importFiles(files, { source: 'test', asOf: AS_OF });
    expect(s.files.filter((f) => f.status !== 'accepted')).toEqual([]);
    expect(s.accepted).toBe(28);

    const req = await k.db.selectFrom('request_record').select(['law', 'referentie_aanbieder', 'agb_code', 'category_code', 'toewijzing_ingangsdatum', 'toewijzing_einddatum', 'volume', 'eenheid', 'frequentie', 'verwijzer_type', 'ontvangstdatum']).orderBy('law').execute();
    expect(req).toEqual([
      { law: 'jeugd', referentie_aanbieder: 'VOT-1', agb_code: '99000001', category_code: '45', toewijzing_ingangsdatum: '2024-01-08', toewijzing_einddatum: '2024-12-31', volume: 3, eenheid: '04', frequentie: '2', verwijzer_type: '02', ontvangstdatum: '2024-01-02' },
      { law: 'wmo', referentie_aanbieder: 'VOT-1', agb_code: '99000001', category_code: '02', toewijzing_ingangsdatum: '2024-01-08', toewijzing_einddatum: '2024-12-31', volume: 3, eenheid: '04', frequentie: '2', verwijzer_type: '01', ontvangstdatum: '2024-01-02' },
    ]);
    const vow = await k.db.selectFrom('change_request').innerJoin('change_request_product as p', (j) => j.onRef('p.gemeente_code', '=', 'change_request.gemeente_code').onRef('p.message_id', '=', 'change_request.message_id'))
      .select(['change_request.law', 'reden_verzoek', 'p.kind', 'p.toewijzing_nummer', 'p.gewenste_ingangsdatum', 'p.volume', 'p.budget_cents']).where('change_request.law', '=', 'wmo').orderBy('p.seq').execute();
    expect(vow).toEqual([
      { law: 'wmo', reden_verzoek: '2', kind: 'te_wijzigen', toewijzing_nummer: '5001', gewenste_ingangsdatum: '2024-03-01', volume: 5, budget_cents: null },
      { law: 'wmo', reden_verzoek: '2', kind: 'nieuw', toewijzing_nummer: null, gewenste_ingangsdatum: '2024-04-01', volume: null, budget_cents: 100000 },
    ]);
    const status = await k.db.selectFrom('verzoek_status').select(['law', 'referentie_aanbieder', 'soort', 'ontvangstdatum', 'toegewezen_op', 'afgewezen_op', 'reden_afwijzing', 'eerste_antwoord_op', 'uitkomst']).where('law', '=', 'wmo').orderBy('referentie_aanbieder').execute();
    expect(status).toEqual([
      // The 315 was answered by the 301 that names its ReferentieAanbieder.
      { law: 'wmo', referentie_aanbieder: 'VOT-1', soort: '315', ontvangstdatum: '2024-01-02', toegewezen_op: '2024-01-05', afgewezen_op: null, reden_afwijzing: null, eerste_antwoord_op: '2024-01-05', uitkomst: 'toegewezen' },
      // The 317 was refused by the 319.
      { law: 'wmo', referentie_aanbieder: 'VOW-1', soort: '317', ontvangstdatum: '2024-03-01', toegewezen_op: null, afgewezen_op: '2024-03-04', reden_afwijzing: '2', eerste_antwoord_op: '2024-03-04', uitkomst: 'afgewezen' },
    ]);
    const decl = await k.db.selectFrom('declaratie_current').select(['law', 'referentie_nummer', 'toewijzing_nummer', 'periode_begin', 'ingediend_cents', 'status', 'toegekend_cents', 'retour_codes', 'beantwoord_op']).orderBy('law').execute();
    expect(decl).toEqual([
      { law: 'jeugd', referentie_nummer: 'P1', toewijzing_nummer: '5001', periode_begin: '2024-01-08', ingediend_cents: 50000, status: 'afgewezen', toegekend_cents: 0, retour_codes: ['9321'], beantwoord_op: '2024-02-10' },
      { law: 'wmo', referentie_nummer: 'P1', toewijzing_nummer: '5001', periode_begin: '2024-01-08', ingediend_cents: 50000, status: 'afgewezen', toegekend_cents: 0, retour_codes: ['9321'], beantwoord_op: '2024-02-10' },
    ]);
    const retour = await k.db.selectFrom('retour_message').select(['message_type', 'answers_type', 'answered_identificatie', 'answered_dagtekening', 'identificatie', 'dagtekening', 'akkoord']).where('law', '=', 'wmo').orderBy('message_type').execute();
    expect(retour).toEqual([
      { message_type: '302', answers_type: '301', answered_identificatie: 'T1', answered_dagtekening: '2024-01-05', identificatie: 'RT1', dagtekening: '2024-01-06', akkoord: true },
      { message_type: '306', answers_type: '305', answered_identificatie: 'S1', answered_dagtekening: '2024-01-10', identificatie: 'RT2', dagtekening: '2024-01-11', akkoord: true },
      { message_type: '308', answers_type: '307', answered_identificatie: 'E1', answered_dagtekening: '2024-06-03', identificatie: 'RT3', dagtekening: '2024-06-04', akkoord: false },
      { message_type: '316', answers_type: '315', answered_identificatie: 'V1', answered_dagtekening: '2024-01-02', identificatie: 'RT4', dagtekening: '2024-01-03', akkoord: true },
      { message_type: '318', answers_type: '317', answered_identificatie: 'W1', answered_dagtekening: '2024-03-01', identificatie: 'RT5', dagtekening: '2024-03-02', akkoord: false },
      { message_type: '320', answers_type: '319', answered_identificatie: 'A1', answered_dagtekening: '2024-03-04', identificatie: 'RT6', dagtekening: '2024-03-05', akkoord: true },
    ]);
    const items = await sql<{ level: string; item_key: string; retour_codes: string[] }>`select i.level, i.item_key, i.retour_codes from retour_item i join retour_message m using (gemeente_code, message_id)
      where m.law = 'wmo' and m.message_type = '308'`.execute(k.db);
    expect(items.rows).toEqual([{ level: 'StopProduct', item_key: '5001|2024-01-09', retour_codes: ['9069'] }]);
    // received_message describes the retour itself: its own identification, the aanbieder as sender.
    const rm = await k.db.selectFrom('received_message').select(['afzender', 'ontvanger', 'identificatie', 'dagtekening']).where('law', '=', 'wmo').where('message_type', '=', '302').execute();
    expect(rm).toEqual([{ afzender: '99000001', ontvanger: '9001', identificatie: 'RT1', dagtekening: '2024-01-06' }]);
    const br = await k.db.selectFrom('bericht_retour').select(['message_type', 'identificatie', 'dagtekening', 'retour_op', 'retour_akkoord']).where('law', '=', 'wmo').orderBy('message_type').execute();
    expect(br).toEqual([
      { message_type: '301', identificatie: 'T1', dagtekening: '2024-01-05', retour_op: '2024-01-06', retour_akkoord: true },
      { message_type: '305', identificatie: 'S1', dagtekening: '2024-01-10', retour_op: '2024-01-11', retour_akkoord: true },
      { message_type: '307', identificatie: 'E1', dagtekening: '2024-06-03', retour_op: '2024-06-04', retour_akkoord: false },
      { message_type: '315', identificatie: 'V1', dagtekening: '2024-01-02', retour_op: '2024-01-03', retour_akkoord: true },
      { message_type: '317', identificatie: 'W1', dagtekening: '2024-03-01', retour_op: '2024-03-02', retour_akkoord: false },
      { message_type: '319', identificatie: 'A1', dagtekening: '2024-03-04', retour_op: '2024-03-05', retour_akkoord: true },
      { message_type: '323', identificatie: 'D1', dagtekening: '2024-02-05', retour_op: '2024-02-10', retour_akkoord: true },
    ]);
    // Trajectories still come from 301/305/307 only (retours do not add starts or stops).
    const t = await k.db.selectFrom('trajectory').select(['law', 'start_date', 'end_date', 'end_reason']).orderBy('law').execute();
    expect(t).toEqual([
      { law: 'jeugd', start_date: '2024-01-09', end_date: '2024-05-31', end_reason: '31' },
      { law: 'wmo', start_date: '2024-01-09', end_date: '2024-05-31', end_reason: '19' },
    ]);
  });

  it('a StUF envelope is unwrapped transparently; the same message bare is a duplicate', async () => {
    const h: Header = { std: 'iwmo', gemeente: '9001', agb: '99000002', id: 'STUF1', dag: '2024-05-02' };
    const p: PrestatieInput = { ref: 'SP1', nr: '6001', cat: '02', begin: '2024-04-01', eind: '2024-04-30', volume: 2, tarief: 6000, bedrag: 12000 };
    const m = msg323(h, { nummer: 'DS1', begin: '2024-04-01', eind: '2024-04-30', clienten: [{ bsn: BSN2, prestaties: [p] }] });
    const env = wrapInStuf(m, { functie: 'WMO323', zender: '99000002', ontvanger: '9001' });
    const s = await k.importFiles([file('ggk-envelop-323.xml', env)], { source: 'test', asOf: AS_OF });
    expect(s.files).toEqual([expect.objectContaining({ name: 'ggk-envelop-323.xml', status: 'accepted', messageType: 'WMO323', gemeente: '9001' })]);
    // A declaratie changes the figures from the first declared period on.
    expect(s.affected.get('9001')).toBe('2024-04-01');
    const again = await k.importFiles([file('bare-323.xml', m)], { source: 'test', asOf: AS_OF });
    expect(again.files[0]).toMatchObject({ name: 'bare-323.xml', status: 'duplicate' });
    const bad = await k.importFiles([file('ggk-wrong.xml', wrapInStuf(m, { functie: 'WMO325', zender: '99000002', ontvanger: '9001' }))], { source: 'test', asOf: AS_OF });
    expect(bad.files[0]).toMatchObject({ name: 'ggk-wrong.xml', status: 'rejected', reason: expect.stringMatching(/StUF:functie "WMO325" past niet/) });
    const q = await k.db.selectFrom('quarantine_record').select(['file_name', 'reason']).where('import_id', '=', bad.importId).execute();
    expect(q).toEqual([{ file_name: 'ggk-wrong.xml', reason: expect.stringMatching(/StUF:functie/) }]);
  });

  it('re-importing the same files changes nothing', async () => {
    const before = await snapshot(k);
    const files = (['iwmo', 'ijw'] as const).flatMap((std) => Object.entries(craftedSet(std)).map(([t, xml]) => file(`again-${std}-${t}.xml`, xml)));
    const again = await k.importFiles(files, { source: 'test', asOf: AS_OF });
    expect(again.duplicates).toBe(28);
    expect(await snapshot(k)).toEqual(before);
  });

  it('a failure half-way through a declaratie leaves the store exactly as it was', async () => {
    const before = await snapshot(k);
    const h: Header = { std: 'iwmo', gemeente: '9001', agb: '99000002', id: 'CRASH1', dag: '2024-06-05' };
    const f = file('crash-323.xml', msg323(h, { nummer: 'DC1', begin: '2024-05-01', eind: '2024-05-31', clienten: [{ bsn: BSN2, prestaties: [{ ref: 'CP1', nr: '6001', cat: '02', begin: '2024-05-01', eind: '2024-05-31', volume: 2, bedrag: 12000 }] }] }));
    const s = await k.importFiles([f], { source: 'test', asOf: AS_OF, faultInjection: () => { throw new Error('simulated crash'); } });
    expect(s.files[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/simulated crash/) });
    expect(await snapshot(k)).toEqual(before);
  });

  it('never stores a BSN anywhere', async () => {
    const tables = (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(k.db)).rows.map((r) => r.t);
    for (const t of tables) {
      const hits = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)} x where x::text ~ ${BSNS.join('|')}`.execute(k.db);
      expect(hits.rows[0]!.n, `table ${t}`).toBe(0);
    }
  });
});

describe.each(ENGINES)('declaraties: debet, credit and answers on %s', (engine) => {
  let k: TestKoers;
  const h = (id: string, dag: string): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });
  const p = (ref: string, bedrag: number, extra: Partial<PrestatieInput> = {}): PrestatieInput => ({ ref, nr: '100', cat: '02', begin: '2024-01-01', eind: '2024-01-31', volume: bedrag / 1000, tarief: 1000, bedrag, ...extra });
  const d = (id: string, dag: string, prestaties: PrestatieInput[], bsn = BSN) => file(`${id}.xml`, msg323(h(id, dag), { nummer: id, begin: '2024-01-01', eind: '2024-01-31', clienten: [{ bsn, prestaties }] }));
  const current = () => k.db.selectFrom('declaratie_current').select(['referentie_nummer', 'status', 'toegekend_cents', 'credit_referentie_nummer']).orderBy('referentie_nummer').execute();
  const total = async () => Number((await sql<{ s: number | null }>`select sum(toegekend_cents) as s from declaratie_current where gemeente_code = '9001'`.execute(k.db)).rows[0]!.s ?? 0);

  beforeAll(async () => {
    k = await openTestKoers(engine);
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('follows submissions, partial rejection, credits and a technical rejection (worked out by hand)', async () => {
    const files = [
      // D1: three debet prestaties; the answer rejects only P2.
      d('D1', '2024-02-05', [p('P1', 50000), p('P2', 30000), p('P3', 20000)]),
      file('R1.xml', msg325(h('R1', '2024-02-10'), { declId: 'D1', declDag: '2024-02-05', antwoord: { nummer: 'D1', ingediend: 100000, toegekend: 70000, clienten: [{ bsn: BSN, prestaties: [{ ...p('P2', 30000), codes: ['9321'] }] }] } })),
      // D2: P1 credited (C1 names it in VorigReferentieNummer) and declared again as P4; no answer yet.
      d('D2', '2024-03-05', [p('C1', 50000, { vorig: 'P1', dc: 'C' }), p('P4', 45000)]),
      // D3: the answer rejects the whole message technically (header 0001, no DeclaratieAntwoord).
      d('D3', '2024-04-05', [p('P5', 10000)]),
      file('R3.xml', msg325(h('R3', '2024-04-08'), { declId: 'D3', declDag: '2024-04-05', headerCodes: ['0001'], antwoord: null })),
      // D4: a credit of P3 that the gemeente rejects (8017): P3 stands.
      d('D4', '2024-05-05', [p('C2', 20000, { vorig: 'P3', dc: 'C' })]),
      file('R4.xml', msg325(h('R4', '2024-05-08'), { declId: 'D4', declDag: '2024-05-05', antwoord: { nummer: 'D4', ingediend: -20000, toegekend: 0, clienten: [{ bsn: BSN, prestaties: [{ ...p('C2', 20000, { vorig: 'P3', dc: 'C' }), codes: ['8017'] }] }] } })),
    ];
    const s = await k.importer.importFiles(files, { source: 'test', asOf: AS_OF });
    expect(s.files.filter((f) => f.status !== 'accepted')).toEqual([]);
    expect(await current()).toEqual([
      { referentie_nummer: 'P1', status: 'gecrediteerd', toegekend_cents: 0, credit_referentie_nummer: 'C1' },
      { referentie_nummer: 'P2', status: 'afgewezen', toegekend_cents: 0, credit_referentie_nummer: null },
      { referentie_nummer: 'P3', status: 'toegekend', toegekend_cents: 20000, credit_referentie_nummer: null },
      { referentie_nummer: 'P4', status: 'ingediend', toegekend_cents: 0, credit_referentie_nummer: null },
      { referentie_nummer: 'P5', status: 'afgewezen', toegekend_cents: 0, credit_referentie_nummer: null },
    ]);
    expect(await total()).toBe(20000);
    // The answer on D2 grants everything: P4 now stands, P1 stays credited.
    await k.importer.importFiles([file('R2.xml', msg325(h('R2', '2024-03-10'), { declId: 'D2', declDag: '2024-03-05', antwoord: { nummer: 'D2', ingediend: -5000, toegekend: -5000, codes: ['8001'] } }))], { source: 'test', asOf: AS_OF });
    expect((await current()).find((r) => r.referentie_nummer === 'P4')).toMatchObject({ status: 'toegekend', toegekend_cents: 45000 });
    expect(await total()).toBe(65000);
  });

  it('a debet declared twice with the same ReferentieNummer counts once (the first, TR314)', async () => {
    await k.importer.importFiles([d('D5', '2024-06-05', [p('P6', 7000)], BSN2), d('D6', '2024-07-05', [p('P6', 9000)], BSN2)], { source: 'test', asOf: AS_OF });
    expect((await current()).filter((r) => r.referentie_nummer === 'P6')).toEqual([{ referentie_nummer: 'P6', status: 'ingediend', toegekend_cents: 0, credit_referentie_nummer: null }]);
    const row = await k.db.selectFrom('declaratie_current').select(['ingediend_cents', 'declaratie_nummer']).where('referentie_nummer', '=', 'P6').execute();
    expect(row).toEqual([{ ingediend_cents: 7000, declaratie_nummer: 'D5' }]);
  });
});

describe.each(ENGINES)('the official iJw examples end to end on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine);
    await addGemeente(k.db, '0384', 'Voorbeeld A');
    await addGemeente(k.db, '0363', 'Voorbeeld B');
  });
  afterAll(async () => { await k?.cleanup(); });

  it('imports every voorbeeldbericht (XSD on) and derives what the messages say', async () => {
    const dir = path.join(SHARED, 'data/istandaarden-ijw-3.2/voorbeeldberichten');
    const s = await k.importPaths([dir], { source: 'test', asOf: AS_OF });
    expect(s.files.filter((f) => f.status !== 'accepted')).toEqual([]);
    expect(s.accepted).toBe(14);
    // 315 requests answered by the 301 that names them; the 317 refused by the 319 (woonplaatsbeginsel).
    const v = await k.db.selectFrom('verzoek_status').select(['gemeente_code', 'agb_code', 'referentie_aanbieder', 'soort', 'ontvangstdatum', 'toegewezen_op', 'afgewezen_op', 'reden_afwijzing', 'uitkomst']).orderBy('referentie_aanbieder').execute();
    expect(v).toEqual([
      { gemeente_code: '0384', agb_code: '42420001', referentie_aanbieder: '40A12341234', soort: '315', ontvangstdatum: '2023-07-15', toegewezen_op: '2026-04-01', afgewezen_op: null, reden_afwijzing: null, uitkomst: 'toegewezen' },
      { gemeente_code: '0384', agb_code: '42420001', referentie_aanbieder: '40A12341235', soort: '315', ontvangstdatum: '2023-07-15', toegewezen_op: '2026-04-01', afgewezen_op: null, reden_afwijzing: null, uitkomst: 'toegewezen' },
      { gemeente_code: '0384', agb_code: '65656055', referentie_aanbieder: '9003', soort: '317', ontvangstdatum: '2026-01-02', toegewezen_op: null, afgewezen_op: '2026-04-01', reden_afwijzing: '8', uitkomst: 'afgewezen' },
    ]);
    // The 325 answers DeclaratieIdentificatie 765432198 (both example 323s use it) and returns only
    // credit lines as rejected, so every debet of JW323 stands; the example credits name other debets
    // (RN000, RN005–RN007) than the ones declared, so they cancel nothing. RN004 was declared twice:
    // the first line (April) counts.
    const d = await k.db.selectFrom('declaratie_current').select(['referentie_nummer', 'periode_begin', 'ingediend_cents', 'status', 'toegekend_cents']).where('gemeente_code', '=', '0384').orderBy('referentie_nummer').execute();
    expect(d).toEqual([
      { referentie_nummer: 'RN001', periode_begin: '2026-04-01', ingediend_cents: 5000, status: 'toegekend', toegekend_cents: 5000 },
      { referentie_nummer: 'RN002', periode_begin: '2026-04-01', ingediend_cents: 24000, status: 'toegekend', toegekend_cents: 24000 },
      { referentie_nummer: 'RN003', periode_begin: '2026-04-01', ingediend_cents: 5000, status: 'toegekend', toegekend_cents: 5000 },
      { referentie_nummer: 'RN004', periode_begin: '2026-04-01', ingediend_cents: 24000, status: 'toegekend', toegekend_cents: 24000 },
    ]);
    const credits = await k.db.selectFrom('prestatie_antwoord').select(['referentie_nummer', 'debet_credit', 'retour_codes', 'afgewezen']).orderBy('referentie_nummer').execute();
    expect(credits).toEqual([
      { referentie_nummer: 'RN001', debet_credit: 'C', retour_codes: ['0611'], afgewezen: true },
      { referentie_nummer: 'RN002', debet_credit: 'C', retour_codes: ['9339', '9340', '9341'], afgewezen: true },
      { referentie_nummer: 'RN003', debet_credit: 'C', retour_codes: ['9307'], afgewezen: true },
    ]);
    // 305/307 went to gemeente 0363, the 301 to 0384: a trajectory in 0363 (the two products merge), waiting toewijzingen in 0384.
    const t = await k.db.selectFrom('trajectory').select(['gemeente_code', 'law', 'category_code', 'start_date', 'end_date', 'end_reason']).execute();
    expect(t).toEqual([{ gemeente_code: '0363', law: 'jeugd', category_code: '55', start_date: '2026-04-03', end_date: '2026-07-17', end_reason: '31' }]);
    const w = await k.db.selectFrom('allocation_without_start').select(['gemeente_code', 'toewijzing_nummer']).orderBy('toewijzing_nummer').execute();
    expect(w).toEqual([{ gemeente_code: '0384', toewijzing_nummer: '300201' }, { gemeente_code: '0384', toewijzing_nummer: '300202' }]);
    const r = await k.db.selectFrom('bericht_retour').select(['gemeente_code', 'message_type', 'dagtekening', 'retour_op', 'retour_akkoord']).orderBy('gemeente_code').orderBy('message_type').orderBy('dagtekening').execute();
    expect(r).toEqual([
      { gemeente_code: '0363', message_type: '305', dagtekening: '2026-04-15', retour_op: '2023-07-26', retour_akkoord: false },
      { gemeente_code: '0363', message_type: '307', dagtekening: '2026-07-20', retour_op: '2023-07-21', retour_akkoord: true },
      { gemeente_code: '0384', message_type: '301', dagtekening: '2026-04-01', retour_op: '2023-07-16', retour_akkoord: false },
      { gemeente_code: '0384', message_type: '315', dagtekening: '2023-07-15', retour_op: '2023-07-16', retour_akkoord: false },
      { gemeente_code: '0384', message_type: '317', dagtekening: '2026-01-02', retour_op: null, retour_akkoord: null },
      { gemeente_code: '0384', message_type: '319', dagtekening: '2026-04-01', retour_op: '2023-04-04', retour_akkoord: false },
      { gemeente_code: '0384', message_type: '323', dagtekening: '2023-05-06', retour_op: '2023-05-07', retour_akkoord: true },
      { gemeente_code: '0384', message_type: '323', dagtekening: '2026-05-06', retour_op: '2023-05-07', retour_akkoord: true },
    ]);
    const tables = (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(k.db)).rows.map((x) => x.t);
    for (const table of tables) {
      const hits = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} x where x::text ~ '999900006|999900018'`.execute(k.db);
      expect(hits.rows[0]!.n, `table ${table}`).toBe(0);
    }
  });
});
