import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/index.js';
import { addGemeente } from '../../src/app/koers.js';
import { wrapInStuf } from '../../src/ingest/stuf.js';
import { ENGINES, openTestKoers, type TestKoers } from '../helpers/koers.js';
import { file } from '../helpers/fixtures.js';
import { msg301, msg305, msg307, msg315, msg317, msg319, msg323, msg325, retourOf, type Header, type PrestatieInput } from '../helpers/messages.js';

/**
 * Order independence, duplicates and corrections: a set of messages with temporary stops, a
 * correction (RedenWijziging 14), a removal (13), a withdrawn start (status 3), requests and answers,
 * debet, credit and 325 answers, retours and a duplicate, imported in any order and any split into
 * deliveries, gives the same trajectories, request status and declaratie_current as in order.
 */
const AS_OF = '2025-06-30';
const A = '999900006';
const B = '111222333';
const h = (id: string, dag: string): Header => ({ std: 'iwmo', gemeente: '9001', agb: '99000001', id, dag });

function messageSet() {
  const t1 = msg301(h('T1', '2024-01-10'), { bsn: A }, [{ nr: '100', ref: 'VOT-A', cat: '02', tdatum: '2024-01-10', ttijd: '09:00:00', ingang: '2024-01-15', eind: '2024-12-31', volume: 4, eenheid: '04', frequentie: '2' }]);
  const s1 = msg305(h('S1', '2024-01-16'), { bsn: A }, [{ nr: '100', cat: '02', ingang: '2024-01-15', begin: '2024-01-15' }]);
  const pa1: PrestatieInput = { ref: 'PA1', nr: '100', cat: '02', begin: '2024-01-15', eind: '2024-01-31', volume: 8, tarief: 5000, bedrag: 40000 };
  const pa2: PrestatieInput = { ...pa1, ref: 'PA2', volume: 6, bedrag: 30000 };
  const d1 = msg323(h('D1', '2024-02-05'), { nummer: 'DA1', begin: '2024-01-01', eind: '2024-01-31', clienten: [{ bsn: A, prestaties: [pa1] }] });
  return [
    // Person A: request, "in onderzoek", toewijzing that answers it, then shortened by an administrative correction (14).
    file('v1-315.xml', msg315(h('V1', '2024-01-02'), { bsn: A }, [{ ref: 'VOT-A', cat: '02', code: '02A01', ingang: '2024-01-08', volume: 4 }])),
    file('a1-319.xml', msg319(h('A1', '2024-01-04'), { ref: 'VOT-A', antwoord: '2' })),
    file('t1-301.xml', t1),
    file('t2-301.xml', msg301(h('T2', '2024-03-01'), { bsn: A }, [{ nr: '100', ref: 'VOT-A', cat: '02', tdatum: '2024-03-01', ttijd: '09:00:00', ingang: '2024-01-15', eind: '2024-06-30', reden: '14', volume: 4, eenheid: '04', frequentie: '2' }])),
    // Delivery with a temporary stop (20) and a restart, then the definitive end.
    file('s1-305.xml', s1),
    file('e1-307.xml', msg307(h('E1', '2024-02-20'), { bsn: A }, [{ nr: '100', cat: '02', ingang: '2024-01-15', begin: '2024-01-15', eind: '2024-02-10', reden: '20' }])),
    file('s2-305.xml', msg305(h('S2', '2024-03-05'), { bsn: A }, [{ nr: '100', cat: '02', ingang: '2024-01-15', begin: '2024-03-01' }])),
    file('e2-307.xml', msg307(h('E2', '2024-07-02'), { bsn: A }, [{ nr: '100', cat: '02', ingang: '2024-01-15', begin: '2024-03-01', eind: '2024-06-30', reden: '19' }])),
    // Declaraties: PA1 granted, then credited (CA1) and declared again as PA2, which is rejected.
    file('d1-323.xml', d1),
    file('r1-325.xml', msg325(h('R1', '2024-02-12'), { declId: 'D1', declDag: '2024-02-05', antwoord: { nummer: 'DA1', ingediend: 40000, toegekend: 40000, codes: ['8001'] } })),
    file('d2-323.xml', msg323(h('D2', '2024-03-05'), { nummer: 'DA2', begin: '2024-02-01', eind: '2024-02-29', clienten: [{ bsn: A, prestaties: [{ ...pa1, ref: 'CA1', vorig: 'PA1', dc: 'C' }, pa2] }] })),
    file('r2-325.xml', msg325(h('R2', '2024-03-12'), { declId: 'D2', declDag: '2024-03-05', antwoord: { nummer: 'DA2', ingediend: -10000, toegekend: -40000, clienten: [{ bsn: A, prestaties: [{ ...pa2, codes: ['9307'] }] }] } })),
    // Retours, one with an objection.
    file('t1-302.xml', retourOf(t1, { id: 'RT1', dag: '2024-01-11' })),
    file('s1-306.xml', retourOf(s1, { id: 'RT2', dag: '2024-01-17', items: { StartProduct: ['9019'] } })),
    // The same start again under another name, and wrapped in a StUF envelope: duplicates.
    file('s1-copy.xml', s1),
    file('s1-ggk.xml', wrapInStuf(s1, { functie: 'WMO305', zender: '99000001', ontvanger: '9001' })),
    // Person B: a toewijzing removed with 13 (never existed), a start that is withdrawn (status 3), a refused VOW.
    file('t3-301.xml', msg301(h('T3', '2024-02-01'), { bsn: B, postcode: '9001BB' }, [{ nr: '200', cat: '07', tdatum: '2024-02-01', ingang: '2024-02-05' }])),
    file('s3-305.xml', msg305(h('S3', '2024-02-06'), { bsn: B }, [{ nr: '200', cat: '07', ingang: '2024-02-05', begin: '2024-02-05' }])),
    file('s4-305.xml', msg305(h('S4', '2024-02-08'), { bsn: B }, [{ nr: '200', cat: '07', ingang: '2024-02-05', begin: '2024-02-05', status: '3' }])),
    file('w1-317.xml', msg317(h('W1', '2024-02-07'), B, { ref: 'VOW-B', ongewijzigd: ['200'], nieuw: [{ cat: '07', code: '07A02', ingang: '2024-03-01' }] })),
    file('a2-319.xml', msg319(h('A2', '2024-02-09'), { ref: 'VOW-B', antwoord: '1', reden: '4' })),
    file('t4-301.xml', msg301(h('T4', '2024-02-10'), { bsn: B, postcode: '9001BB' }, [{ nr: '200', cat: '07', tdatum: '2024-02-10', ingang: '2024-02-05', eind: '2024-02-05', reden: '13' }])),
  ];
}

async function state(k: TestKoers) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc queries, compared whole
  const q = async (query: ReturnType<typeof sql>) => (await query.execute(k.db)).rows as Record<string, any>[];
  return {
    trajectory: await q(sql`select person_id, law, category_code, agb_code, start_date, end_date, end_reason, end_source, toewijzing_nummers from trajectory order by 1, 2, 3, 4, 5`),
    notStarted: await q(sql`select person_id, law, toewijzing_nummer, ingangsdatum, einddatum from allocation_without_start order by 2, 3`),
    declaraties: await q(sql`select * from declaratie_current order by law, agb_code, referentie_nummer`),
    verzoeken: await q(sql`select * from verzoek_status order by law, agb_code, referentie_aanbieder`),
    retours: await q(sql`select law, message_type, identificatie, dagtekening, retour_op, retour_akkoord from bericht_retour order by 2, 3, 4`),
    facts: await q(sql`select (select count(*) from received_message) as messages, (select count(*) from delivery_record) as deliveries, (select count(*) from prestatie_record) as prestaties`),
  };
}

describe.each(ENGINES)('order independence on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestKoers(engine, { xsd: false });
    await addGemeente(k.db, '9001', 'Testdam');
  });
  afterAll(async () => { await k?.cleanup(); });
  const reset = () => sql`truncate table received_message, person, allocation_without_start, aanbieder cascade`.execute(k.db);

  let reference: Awaited<ReturnType<typeof state>>;
  it('in order: the results worked out by hand', async () => {
    await reset();
    const s = await k.importer.importFiles(messageSet(), { source: 'test', asOf: AS_OF });
    expect(s.files.filter((f) => f.status === 'rejected')).toEqual([]);
    expect(s.files.filter((f) => f.status === 'duplicate').map((f) => f.name)).toEqual(['s1-copy.xml', 's1-ggk.xml']);
    reference = await state(k);
    // A: one trajectory through the temporary stop, ended by the 307 on the corrected einddatum.
    expect(reference.trajectory).toEqual([expect.objectContaining({ law: 'wmo', category_code: '02', start_date: '2024-01-15', end_date: '2024-06-30', end_reason: '19', end_source: '307', toewijzing_nummers: ['100'] })]);
    // B: the toewijzing never existed, so it is neither a trajectory nor waiting to start.
    expect(reference.notStarted).toEqual([]);
    expect(reference.verzoeken.map((v) => [v.referentie_aanbieder, v.soort, v.ontvangstdatum, v.in_onderzoek_op, v.toegewezen_op, v.afgewezen_op, v.eerste_antwoord_op, v.definitief_antwoord_op, v.uitkomst])).toEqual([
      ['VOT-A', '315', '2024-01-02', '2024-01-04', '2024-01-10', null, '2024-01-04', '2024-01-10', 'toegewezen'],
      ['VOW-B', '317', '2024-02-07', null, null, '2024-02-09', '2024-02-09', '2024-02-09', 'afgewezen'],
    ]);
    expect(reference.declaraties.map((d) => [d.referentie_nummer, d.status, Number(d.toegekend_cents), d.credit_referentie_nummer])).toEqual([
      ['PA1', 'gecrediteerd', 0, 'CA1'],
      ['PA2', 'afgewezen', 0, null],
    ]);
    expect(reference.retours.filter((r) => r.retour_op !== null).map((r) => [r.message_type, r.identificatie, r.retour_op, r.retour_akkoord])).toEqual([
      ['301', 'T1', '2024-01-11', true],
      ['305', 'S1', '2024-01-17', false],
      ['323', 'D1', '2024-02-12', true],
      ['323', 'D2', '2024-03-12', true],
    ]);
  });

  it('any order, any split into deliveries and batches, gives the same result', async () => {
    const files = messageSet();
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 10 }),
        async (perm, sizes) => {
          await reset();
          let i = 0;
          for (let c = 0; i < perm.length; c++) {
            const size = sizes[c % sizes.length]!;
            await k.importer.importFiles(perm.slice(i, i + size), { source: 'test', asOf: AS_OF, batchSize: 1 + (size % 3) });
            i += size;
          }
          expect(await state(k)).toEqual(reference);
        },
      ),
      { numRuns: engine === 'pglite' ? 8 : 5 },
    );
  });

  it('importing everything twice changes nothing', async () => {
    await k.importer.importFiles(messageSet().reverse(), { source: 'test', asOf: AS_OF });
    expect(await state(k)).toEqual(reference);
  });
});
