import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { XsdCatalog } from '../../src/ingest/istandaarden/xml.js';
import { readMessage } from '../../src/ingest/istandaarden/messages.js';
import { listFindings, recomputeQuality } from '../../src/quality/index.js';
import { ENGINES, XSD_DIR, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { msg301, msg305, msg307, retourOf, type Header, type Std } from '../helpers/messages.js';

/** 305/307 without ToewijzingNummer (taakgericht variant, allowed by the 3.2 XSD; keyed by Product + Begindatum, IV096). */
const AS_OF = '2025-06-30';
const BSN = '999900006';
const h = (id: string, dag: string, std: Std = 'iwmo', agb = '99000001'): Header => ({ std, gemeente: '9001', agb, id, dag });
const catalog = new XsdCatalog(XSD_DIR);

const toewijzing = (std: Std = 'iwmo') => msg301(h('T1', '2024-01-05', std), { bsn: BSN }, [{ nr: '7001', cat: std === 'iwmo' ? '02' : '45', tdatum: '2024-01-05', ingang: '2024-01-08', eind: '2024-12-31' }]);
const start = (std: Std = 'iwmo', o: { id?: string; begin?: string; agb?: string } = {}) =>
  msg305(h(o.id ?? 'S1', '2024-01-12', std, o.agb), { bsn: BSN }, [{ nr: null, cat: std === 'iwmo' ? '02' : '45', ingang: null, begin: o.begin ?? '2024-01-10' }]);
const stop = (std: Std = 'iwmo') => msg307(h('E1', '2024-07-03', std), { bsn: BSN }, [{ nr: null, cat: std === 'iwmo' ? '02' : '45', ingang: null, begin: '2024-01-10', eind: '2024-06-30', reden: std === 'iwmo' ? '19' : '02' }]);

describe('reading 305/307 without ToewijzingNummer', () => {
  it.each(['iwmo', 'ijw'] as const)('%s: the crafted messages are valid against the official XSD and read with a null ToewijzingNummer', (std) => {
    for (const [type, xml] of [['305', start(std)], ['307', stop(std)]] as const) {
      const m = readMessage(Buffer.from(xml), { xsd: (s, b) => catalog.validatorFor(s, b) });
      expect(m.type).toBe(type);
      const p = (m as Extract<typeof m, { type: '305' | '307' }>).producten[0]!;
      expect(p).toMatchObject({ toewijzingNummer: null, categorie: std === 'iwmo' ? '02' : '45', productcode: std === 'iwmo' ? '02A01' : '45A01', toewijzingIngangsdatum: null, begindatum: '2024-01-10' });
    }
  });

  it('a start without ToewijzingNummer and without Product (generiek) is valid and read too', () => {
    const xml = msg305(h('S9', '2024-01-12'), { bsn: BSN }, [{ nr: null, cat: null, ingang: null, begin: '2024-01-10' }]);
    const m = readMessage(Buffer.from(xml), { xsd: (s, b) => catalog.validatorFor(s, b) });
    expect(m).toMatchObject({ type: '305', producten: [{ toewijzingNummer: null, categorie: null, productcode: null }] });
  });

  it('an empty ToewijzingNummer element is still refused with its place', () => {
    const xml = start().replace('<wmo305:Product>', '<wmo305:ToewijzingNummer></wmo305:ToewijzingNummer><wmo305:Product>');
    expect(() => readMessage(Buffer.from(xml))).toThrow(/ToewijzingNummer.*(leeg|empty)|leeg.*ToewijzingNummer/);
  });

  it('a retour on a taakgericht start names the delivery by product and begindatum', () => {
    const r = readMessage(Buffer.from(retourOf(start(), { id: 'R1', dag: '2024-01-13', items: { StartProduct: ['0200'] } })), { xsd: (s, b) => catalog.validatorFor(s, b) });
    expect(r).toMatchObject({ type: '306', retour: { items: [{ level: 'StartProduct', key: '02|02A01|2024-01-10' }] } });
  });
});

describe.each(ENGINES)('305/307 without ToewijzingNummer in the store on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine);
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });

  const trajectories = async () => (await sql<{ law: string; category_code: string; start_date: string; end_date: string | null; end_reason: string | null; toewijzing_nummers: string[] }>`
    select law, category_code, start_date::text, end_date::text, end_reason, toewijzing_nummers from trajectory where gemeente_code = '9001' order by law, start_date`.execute(k.db)).rows;

  it('is stored and linked to the toewijzing for the same product and aanbieder, whatever the order of arrival', async () => {
    // The start and stop come before the toewijzing they belong to: stored, not linked yet, not refused.
    const first = await k.importFiles([file('s.xml', start()), file('e.xml', stop())], { source: 'test', asOf: AS_OF });
    expect(first.files.map((f) => f.status)).toEqual(['accepted', 'accepted']);
    expect(await trajectories()).toEqual([]);
    const links = await sql<{ toewijzing_nummer: string | null; reason: string | null }>`select toewijzing_nummer, reason from delivery_link where gemeente_code = '9001'`.execute(k.db);
    expect(links.rows).toEqual([
      { toewijzing_nummer: null, reason: 'geen toewijzing van deze aanbieder voor product 02/02A01' },
      { toewijzing_nummer: null, reason: 'geen toewijzing van deze aanbieder voor product 02/02A01' },
    ]);
    await recomputeQuality(k.db, '9001', AS_OF);
    const open = await listFindings(k.db, '9001', { rule: 'levering_zonder_toewijzing' });
    expect(open.total).toBe(2);
    expect(open.rows[0]!.detail).toMatchObject({ categorie: '02', productcode: '02A01', begindatum: '2024-01-10', reden: 'geen toewijzing van deze aanbieder voor product 02/02A01' });
    expect((await listFindings(k.db, '9001', { rule: 'stop_zonder_start' })).total).toBe(0); // the stop has its start (same product + Begindatum)

    // The toewijzing arrives: the same trajectory as in-order arrival, and the findings are gone.
    const second = await k.importFiles([file('t.xml', toewijzing())], { source: 'test', asOf: AS_OF });
    expect(second.accepted).toBe(1);
    expect(await trajectories()).toEqual([{ law: 'wmo', category_code: '02', start_date: '2024-01-10', end_date: '2024-06-30', end_reason: '19', toewijzing_nummers: ['7001'] }]);
    const linked = await sql<{ toewijzing_nummer: string | null }>`select toewijzing_nummer from delivery_link where gemeente_code = '9001'`.execute(k.db);
    expect(linked.rows.map((r) => r.toewijzing_nummer)).toEqual(['7001', '7001']);
    expect(await k.db.selectFrom('allocation_without_start').selectAll().execute()).toEqual([]);
    await recomputeQuality(k.db, '9001', AS_OF);
    expect((await listFindings(k.db, '9001', { rule: 'levering_zonder_toewijzing' })).total).toBe(0);

    // Re-importing changes nothing.
    const again = await k.importFiles([file('s.xml', start()), file('e.xml', stop()), file('t.xml', toewijzing())], { source: 'test', asOf: AS_OF });
    expect(again.duplicates).toBe(3);
  });

  it('a start that fits no toewijzing (other aanbieder, or outside the period) is kept as a finding with its reason, the file is accepted', async () => {
    const s = await k.importFiles([
      file('other-agb.xml', start('iwmo', { id: 'S2', agb: '99000002' })),
      file('late.xml', start('iwmo', { id: 'S3', begin: '2025-02-03' })),
    ], { source: 'test', asOf: AS_OF });
    expect(s.files.map((f) => [f.status, f.reason])).toEqual([['accepted', null], ['accepted', null]]);
    await recomputeQuality(k.db, '9001', AS_OF);
    const reasons = (await listFindings(k.db, '9001', { rule: 'levering_zonder_toewijzing' })).rows.map((r) => r.detail.reden).sort();
    expect(reasons).toEqual([
      'geen toewijzing van deze aanbieder voor product 02/02A01',
      'wel een toewijzing van deze aanbieder voor product 02/02A01, maar geen die loopt op de begindatum 2025-02-03',
    ]);
    // The linked trajectory is unchanged.
    expect((await trajectories()).map((t) => t.toewijzing_nummers)).toEqual([['7001']]);
  });
});
