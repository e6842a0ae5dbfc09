import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file } from '../../helpers/fixtures.js';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { msg301, msg305, msg307, msg323, msg325, type Client, type PrestatieInput } from '../../helpers/messages.js';
import type { Dimension } from '../../../src/indicators/definition.js';
import { listFindings } from '../../../src/quality/index.js';
import { BSNS, cell, csv, expectCell, header, importAll, NOORD, openTestdam, ZUID } from './helpers.js';

/**
 * Money from the message traffic — declaraties (323), the gemeente's answers (325), toewijzingen (301)
 * with their allocated amounts, and trajectories (305/307) — hand-computed for utilisation_pct,
 * declaration_rejected_pct, declarations_without_allocation_pct, cost_per_client and cost_per_success.
 *
 * Counting conventions for amounts (indicators.md, docs/formats.md `declaratie_current`):
 * - a prestatie is a debet line; a credit line is no prestatie of its own but cancels the debet it
 *   names in VorigReferentieNummer, unless the gemeente rejected the credit (then the debet stands);
 * - only rejected prestaties come back in a 325; every other line of an answered declaratie is granted;
 *   a line without an answer yet is "ingediend" and stands for 0;
 * - the amount that stands (toegekend) is counted in the period of the prestatie's ProductPeriode begin;
 *   prestaties are counted (rejected, without allocation) in the period of the 323's Dagtekening;
 * - a prestatie has a valid toewijzing when a (not removed) toewijzing with its ToewijzingNummer covers
 *   the whole ProductPeriode;
 * - the allocated amount is amount per day × the days of P the toewijzing is valid, so a toewijzing
 *   over a year boundary is split between the years.
 *
 * Contracts: aanbieder A 99000001 inspanningsgericht (02A01 at € 50 per hour), B 99000002 outputgericht,
 * both from 2024-01-01. All Wmo. Persons (wijk from the 301 postcode): P0 Noord, P1 Zuid, P2 Noord,
 * P3 Zuid, P4 Noord.
 *
 * Toewijzingen and their amount per day (cpd):
 *   1001 P0 A 02  2024-01-01 … 2024-06-30  4 h/week × 5000 ct   cpd 20000/7 (Q1 91 days = 13 weeks → 260 000; H1 182 days → 520 000)
 *   1002 P2 A 02  ingang 2024-01-15, then removed with RedenWijziging 13 → never existed
 *   1003 P3 A 02  2024-01-01 … 2024-03-31  7 h/week              cpd 5000 (Q1 91 days → 455 000)
 *   1005 P4 A 02  2024-01-10 … 2024-03-31  7 h/week              cpd 5000 (82 days → 410 000)
 *   2001 P1 B 01  2024-12-01 … 2025-01-31  Budget 62 000 ct      cpd 62000/62 = 1000 (December 31 000, January 31 000)
 *
 * Trajectories: P0 2024-01-08 … 2024-06-28 reden 19 (volgens plan); P3 2024-01-01 … 2024-03-31 reden 19;
 * P4 2024-01-10 … 2024-02-29 reden 21 (uitval); P1 2024-12-01 … 2025-01-31 reden 19.
 *
 * Prestaties (debet lines; ct; "ingediend" = Dagtekening of the 323):
 *   ref   person nr    ProductPeriode            amount  323 dated    outcome                         stands  valid toewijzing
 *   A-4   P0     1001  2023-12-01 … 2023-12-31    40 000  2024-02-06   granted                          40 000  no: before 1001's ingang
 *   A-1   P0     1001  2024-01-08 … 2024-01-31    80 000  2024-02-05   granted                          80 000  yes
 *   A-2   P3     1003  2024-01-01 … 2024-01-31   155 000  2024-02-05   granted, then credited by A-6         0  yes
 *   A-3   P2     1002  2024-01-15 … 2024-01-31    20 000  2024-02-05   rejected (9384)                       0  no: 1002 was removed
 *   A-9   P4     1005  2024-01-01 … 2024-01-31   110 000  2024-02-05   granted                         110 000  no: 1005 starts 2024-01-10
 *   A-5   P0     1001  2024-02-01 … 2024-02-29    80 000  2024-03-05   granted                          80 000  yes
 *   A-7   P3     1003  2024-01-01 … 2024-01-31   150 000  2024-03-05   granted (the corrected January)  150 000  yes
 *   A-8   P3     1003  2024-02-01 … 2024-02-29   145 000  2024-03-05   granted                         145 000  yes
 *   A-10  P4     1005  2024-02-01 … 2024-02-29    40 000  2024-03-05   granted                          40 000  yes
 *   A-11  P4     1005  2024-03-01 … 2024-03-31    40 000  2024-04-03   no answer yet                         0  yes
 *   B-1   P1     2001  2024-12-01 … 2024-12-31    30 000  2025-01-06   granted; credit B-3 rejected     30 000  yes
 *   B-2   P1     2001  2025-01-01 … 2025-01-31    31 000  2025-02-05   granted                          31 000  yes
 *   B-4   P1     2001  2025-02-01 … 2025-02-28    31 000  2025-03-05   rejected (9308)                       0  no: after 2001's einddatum
 * Credit lines: A-6 (2024-03-05) credits A-2 (granted), B-3 (2025-02-05) credits B-1 (rejected by the gemeente).
 */
const AS_OF = '2025-03-31';
const A = '99000001';
const B = '99000002';
const P = [0, 1, 2, 3, 4].map((i): Client => ({ bsn: BSNS[i]!, postcode: i % 2 ? '9001BB' : '9001AA' }));
const ha = (id: string, dag: string) => header('iwmo', id, dag, A);
const hb = (id: string, dag: string) => header('iwmo', id, dag, B);

const CONTRACTS = csv('contracten.csv', 'gemeente,contract,agb,aanbieder,wet,uitvoeringsvariant,toewijzingsvariant,ingangsdatum,einddatum,productcode,productcategorie,productnaam,tarief_cent,eenheid,taakveld', [
  ['9001', 'CA', A, 'Zorg A', 'wmo', 'inspanningsgericht', 'specifiek', '2024-01-01', '', '02A01', '02', 'Begeleiding', 5000, '04', '6.71'],
  ['9001', 'CB', B, 'Zorg B', 'wmo', 'outputgericht', 'specifiek', '2024-01-01', '', '01A01', '01', 'Hulp bij het huishouden', 3000, '04', '6.71'],
]);

const pr = (ref: string, nr: string, begin: string, eind: string, bedrag: number, extra: Partial<PrestatieInput> = {}): PrestatieInput =>
  ({ ref, nr, cat: nr.startsWith('2') ? '01' : '02', begin, eind, volume: 1, tarief: bedrag, bedrag, ...extra });
const A4 = pr('A-4', '1001', '2023-12-01', '2023-12-31', 40000);
const A1 = pr('A-1', '1001', '2024-01-08', '2024-01-31', 80000);
const A2 = pr('A-2', '1003', '2024-01-01', '2024-01-31', 155000);
const A3 = pr('A-3', '1002', '2024-01-15', '2024-01-31', 20000);
const A9 = pr('A-9', '1005', '2024-01-01', '2024-01-31', 110000);
const A5 = pr('A-5', '1001', '2024-02-01', '2024-02-29', 80000);
const A6 = pr('A-6', '1003', '2024-01-01', '2024-01-31', 155000, { vorig: 'A-2', dc: 'C' });
const A7 = pr('A-7', '1003', '2024-01-01', '2024-01-31', 150000);
const A8 = pr('A-8', '1003', '2024-02-01', '2024-02-29', 145000);
const A10 = pr('A-10', '1005', '2024-02-01', '2024-02-29', 40000);
const A11 = pr('A-11', '1005', '2024-03-01', '2024-03-31', 40000);
const B1 = pr('B-1', '2001', '2024-12-01', '2024-12-31', 30000);
const B2 = pr('B-2', '2001', '2025-01-01', '2025-01-31', 31000);
const B3 = pr('B-3', '2001', '2024-12-01', '2024-12-31', 30000, { vorig: 'B-1', dc: 'C' });
const B4 = pr('B-4', '2001', '2025-02-01', '2025-02-28', 31000);

function messages() {
  const toew = (h: ReturnType<typeof ha>, who: number, p: Parameters<typeof msg301>[2]) => msg301(h, P[who]!, p);
  return [
    file('t1001.xml', toew(ha('T1001', '2023-12-20'), 0, [{ nr: '1001', cat: '02', tdatum: '2023-12-20', ingang: '2024-01-01', eind: '2024-06-30', volume: 4, eenheid: '04', frequentie: '2' }])),
    file('t1002.xml', toew(ha('T1002', '2024-01-10'), 2, [{ nr: '1002', cat: '02', tdatum: '2024-01-10', ingang: '2024-01-15', volume: 2, eenheid: '04', frequentie: '2' }])),
    file('t1002-13.xml', toew(ha('T1002b', '2024-01-12'), 2, [{ nr: '1002', cat: '02', tdatum: '2024-01-12', ingang: '2024-01-15', eind: '2024-01-15', reden: '13', volume: 2, eenheid: '04', frequentie: '2' }])),
    file('t1003.xml', toew(ha('T1003', '2023-12-20'), 3, [{ nr: '1003', cat: '02', tdatum: '2023-12-20', ingang: '2024-01-01', eind: '2024-03-31', volume: 7, eenheid: '04', frequentie: '2' }])),
    file('t1005.xml', toew(ha('T1005', '2024-01-05'), 4, [{ nr: '1005', cat: '02', tdatum: '2024-01-05', ingang: '2024-01-10', eind: '2024-03-31', volume: 7, eenheid: '04', frequentie: '2' }])),
    file('t2001.xml', toew(hb('T2001', '2024-11-25'), 1, [{ nr: '2001', cat: '01', tdatum: '2024-11-25', ingang: '2024-12-01', eind: '2025-01-31', budget: 62000 }])),
    // Starts and stops.
    file('s1001.xml', msg305(ha('S1001', '2024-01-09'), P[0]!, [{ nr: '1001', cat: '02', ingang: '2024-01-01', begin: '2024-01-08' }])),
    file('e1001.xml', msg307(ha('E1001', '2024-07-01'), P[0]!, [{ nr: '1001', cat: '02', ingang: '2024-01-01', begin: '2024-01-08', eind: '2024-06-28', reden: '19' }])),
    file('s1003.xml', msg305(ha('S1003', '2024-01-03'), P[3]!, [{ nr: '1003', cat: '02', ingang: '2024-01-01', begin: '2024-01-01' }])),
    file('e1003.xml', msg307(ha('E1003', '2024-04-02'), P[3]!, [{ nr: '1003', cat: '02', ingang: '2024-01-01', begin: '2024-01-01', eind: '2024-03-31', reden: '19' }])),
    file('s1005.xml', msg305(ha('S1005', '2024-01-11'), P[4]!, [{ nr: '1005', cat: '02', ingang: '2024-01-10', begin: '2024-01-10' }])),
    file('e1005.xml', msg307(ha('E1005', '2024-03-04'), P[4]!, [{ nr: '1005', cat: '02', ingang: '2024-01-10', begin: '2024-01-10', eind: '2024-02-29', reden: '21' }])),
    file('s2001.xml', msg305(hb('S2001', '2024-12-02'), P[1]!, [{ nr: '2001', cat: '01', ingang: '2024-12-01', begin: '2024-12-01' }])),
    file('e2001.xml', msg307(hb('E2001', '2025-02-03'), P[1]!, [{ nr: '2001', cat: '01', ingang: '2024-12-01', begin: '2024-12-01', eind: '2025-01-31', reden: '19' }])),
    // Aanbieder A: December 2023 (late, outside the toewijzing), January, February (with the correction of A-2), March.
    file('da0.xml', msg323(ha('DA0', '2024-02-06'), { nummer: 'A-2023-12', begin: '2023-12-01', eind: '2023-12-31', clienten: [{ bsn: P[0]!.bsn, prestaties: [A4] }] })),
    file('ra0.xml', msg325(ha('RA0', '2024-02-13'), { declId: 'DA0', declDag: '2024-02-06', antwoord: { nummer: 'A-2023-12', ingediend: 40000, toegekend: 40000, codes: ['8001'] } })),
    file('da1.xml', msg323(ha('DA1', '2024-02-05'), { nummer: 'A-2024-01', begin: '2024-01-01', eind: '2024-01-31', clienten: [
      { bsn: P[0]!.bsn, prestaties: [A1] }, { bsn: P[3]!.bsn, prestaties: [A2] }, { bsn: P[2]!.bsn, prestaties: [A3] }, { bsn: P[4]!.bsn, prestaties: [A9] }] })),
    file('ra1.xml', msg325(ha('RA1', '2024-02-12'), { declId: 'DA1', declDag: '2024-02-05', antwoord: { nummer: 'A-2024-01', ingediend: 365000, toegekend: 345000,
      clienten: [{ bsn: P[2]!.bsn, prestaties: [{ ...A3, codes: ['9384'] }] }] } })),
    file('da2.xml', msg323(ha('DA2', '2024-03-05'), { nummer: 'A-2024-02', begin: '2024-02-01', eind: '2024-02-29', clienten: [
      { bsn: P[0]!.bsn, prestaties: [A5] }, { bsn: P[3]!.bsn, prestaties: [A6, A7, A8] }, { bsn: P[4]!.bsn, prestaties: [A10] }] })),
    file('ra2.xml', msg325(ha('RA2', '2024-03-11'), { declId: 'DA2', declDag: '2024-03-05', antwoord: { nummer: 'A-2024-02', ingediend: 260000, toegekend: 260000, codes: ['8001'] } })),
    file('da3.xml', msg323(ha('DA3', '2024-04-03'), { nummer: 'A-2024-03', begin: '2024-03-01', eind: '2024-03-31', clienten: [{ bsn: P[4]!.bsn, prestaties: [A11] }] })),
    // Aanbieder B: December 2024, January 2025 with a credit of December that the gemeente rejects, February 2025.
    file('db1.xml', msg323(hb('DB1', '2025-01-06'), { nummer: 'B-2024-12', begin: '2024-12-01', eind: '2024-12-31', clienten: [{ bsn: P[1]!.bsn, prestaties: [B1] }] })),
    file('rb1.xml', msg325(hb('RB1', '2025-01-13'), { declId: 'DB1', declDag: '2025-01-06', antwoord: { nummer: 'B-2024-12', ingediend: 30000, toegekend: 30000, codes: ['8001'] } })),
    file('db2.xml', msg323(hb('DB2', '2025-02-05'), { nummer: 'B-2025-01', begin: '2025-01-01', eind: '2025-01-31', clienten: [{ bsn: P[1]!.bsn, prestaties: [B2, B3] }] })),
    file('rb2.xml', msg325(hb('RB2', '2025-02-12'), { declId: 'DB2', declDag: '2025-02-05', antwoord: { nummer: 'B-2025-01', ingediend: 1000, toegekend: 31000,
      clienten: [{ bsn: P[1]!.bsn, prestaties: [{ ...B3, codes: ['9321'] }] }] } })),
    file('db3.xml', msg323(hb('DB3', '2025-03-05'), { nummer: 'B-2025-02', begin: '2025-02-01', eind: '2025-02-28', clienten: [{ bsn: P[1]!.bsn, prestaties: [B4] }] })),
    file('rb3.xml', msg325(hb('RB3', '2025-03-12'), { declId: 'DB3', declDag: '2025-03-05', antwoord: { nummer: 'B-2025-02', ingediend: 31000, toegekend: 0,
      clienten: [{ bsn: P[1]!.bsn, prestaties: [{ ...B4, codes: ['9308'] }] }] } })),
    file('last.xml', msg301(ha('LAST', AS_OF), { bsn: BSNS[9]!, postcode: '9001AA' }, [{ nr: '1099', cat: '02', tdatum: AS_OF, ingang: '2025-05-01' }])),
  ];
}

/**
 * As expectCell, for an allocated amount (amount per day × days, in floating point): numerator and
 * denominator compared in whole cents, so 260 000.00000000003 is 260 000.
 */
async function expectAmounts(k: TestKoers, id: string, period: string, want: { n: number; d: number; v: number | null }, by?: Dimension, key?: string) {
  const c = await cell(k, id, period, by, key);
  expect(c, `${id} ${period}${by ? ` ${by}=${key}` : ''} has no stored cell`).toBeDefined();
  const cents = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  expect({ n: cents(c!.numerator), d: cents(c!.denominator), v: c!.value }, `${id} ${period}${by ? ` ${by}=${key}` : ''}`).toEqual(want);
}

describe.each(ENGINES)('declaraties and cost, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, [CONTRACTS, ...messages()], AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('declaration_rejected_pct: debet prestaties by the Dagtekening of their 323, rejected in a 325', async () => {
    // February 2024: DA1 (A-1, A-2, A-3, A-9) and DA0 (A-4) → 5, of which A-3 rejected → 1 / 5 = 20 %.
    await expectCell(k, 'declaration_rejected_pct', '2024-02', { n: 1, d: 5, v: 20 });
    // March: DA2 has the debets A-5, A-7, A-8, A-10; the credit A-6 is no prestatie of its own → 0 / 4.
    await expectCell(k, 'declaration_rejected_pct', '2024-03', { n: 0, d: 4, v: 0 });
    // Q1: 9 prestaties, 1 rejected → 11.11 %. The year adds A-11 (April, not answered yet: not rejected) → 1 / 10.
    await expectCell(k, 'declaration_rejected_pct', '2024-Q1', { n: 1, d: 9, v: 11.11 });
    await expectCell(k, 'declaration_rejected_pct', '2024', { n: 1, d: 10, v: 10 });
    // 2025-Q1: B-1 (January), B-2 (February; its credit B-3 was rejected but is no prestatie), B-4 rejected (March) → 1 / 3.
    await expectCell(k, 'declaration_rejected_pct', '2025-Q1', { n: 1, d: 3, v: 33.33 });
    await expectCell(k, 'declaration_rejected_pct', '2025-Q1', { n: 1, d: 3, v: 33.33 }, 'aanbieder', B);
    await expectCell(k, 'declaration_rejected_pct', '2025-Q1', { n: 1, d: 3, v: 33.33 }, 'uitvoeringsvariant', 'outputgericht');
  });

  it('declarations_without_allocation_pct: no (not removed) toewijzing with that number covering the ProductPeriode', async () => {
    // February 2024 (5 prestaties): A-3 (toewijzing 1002 removed with 13), A-4 (December 2023, before 1001's ingang) and
    // A-9 (January 1–31 while 1005 starts on the 10th: only partly covered) → 3 / 5 = 60 %.
    await expectCell(k, 'declarations_without_allocation_pct', '2024-02', { n: 3, d: 5, v: 60 });
    // March: A-5, A-7, A-8, A-10 all within their toewijzing → 0 / 4. Q1 → 3 / 9; the year (with A-11, covered) → 3 / 10.
    await expectCell(k, 'declarations_without_allocation_pct', '2024-03', { n: 0, d: 4, v: 0 });
    await expectCell(k, 'declarations_without_allocation_pct', '2024-Q1', { n: 3, d: 9, v: 33.33 });
    await expectCell(k, 'declarations_without_allocation_pct', '2024', { n: 3, d: 10, v: 30 });
    // 2025-Q1: B-4 (February 2025, after 2001's einddatum 2025-01-31) → 1 / 3, whatever the gemeente answered.
    await expectCell(k, 'declarations_without_allocation_pct', '2025-Q1', { n: 1, d: 3, v: 33.33 });
  });

  it('utilisation_pct: amount that stands, by ProductPeriode begin / amount allocated for the days of P', async () => {
    // Q1 2024 numerator (January and February ProductPeriode): A-1 80 000 + A-2 0 (credited) + A-3 0 (rejected) + A-7 150 000
    // + A-9 110 000 + A-5 80 000 + A-8 145 000 + A-10 40 000 = 605 000; A-11 (March) has no answer yet → 0.
    // Denominator: 1001 260 000 + 1003 455 000 + 1005 410 000 = 1 125 000 (1002 was removed) → 53.78 %.
    await expectAmounts(k, 'utilisation_pct', '2024-Q1', { n: 605000, d: 1125000, v: 53.78 });
    // January: 1001 31 days × 20 000/7 = 88 571.43, 1003 31 × 5 000 = 155 000, 1005 22 days (from the 10th) × 5 000 = 110 000
    // → 353 571.43, stored in whole cents as 353 571; A-1 80 000 + A-7 150 000 + A-9 110 000 = 340 000 → 96.16 %.
    await expectCell(k, 'utilisation_pct', '2024-01', { n: 340000, d: 353571, v: 96.16 });
    // Q2: 1001 April–June (91 days) 260 000 allocated, nothing declared → 0 %.
    await expectAmounts(k, 'utilisation_pct', '2024-Q2', { n: 0, d: 260000, v: 0 });
    // December 2024: 2001's budget, 31 of its 62 days → 31 000; B-1 stands (the credit B-3 was rejected) → 30 000 / 31 000.
    await expectAmounts(k, 'utilisation_pct', '2024-12', { n: 30000, d: 31000, v: 96.77 });
    // The year 2024: 605 000 + 30 000 / 520 000 (1001, 182 days) + 455 000 + 410 000 + 31 000 = 635 000 / 1 416 000 = 44.84 %.
    // A-4 (December 2023) counts in no 2024 period, and A's contract (inspanningsgericht) starts only in 2024.
    await expectAmounts(k, 'utilisation_pct', '2024', { n: 635000, d: 1416000, v: 44.84 });
    await expectAmounts(k, 'utilisation_pct', '2024', { n: 605000, d: 1385000, v: 43.68 }, 'aanbieder', A);
    await expectAmounts(k, 'utilisation_pct', '2024', { n: 30000, d: 31000, v: 96.77 }, 'uitvoeringsvariant', 'outputgericht');
    // 2025: the other half of 2001 (January, 31 000) against B-2 31 000; B-4 (February) was rejected → 100 %.
    await expectAmounts(k, 'utilisation_pct', '2025-Q1', { n: 31000, d: 31000, v: 100 });
  });

  it('cost_per_client: amount that stands / persons with granted prestaties, by ProductPeriode begin', async () => {
    // Q1 2024: 605 000 ct (see utilisation) for P0, P3 and P4. P2's only prestatie (A-3) was rejected: nothing was paid
    // for P2, so P2 is no client with costs → 605 000 / 3 persons × 0.01 = € 2 016.67.
    await expectCell(k, 'cost_per_client', '2024-Q1', { n: 605000, d: 3, v: 2016.67 });
    // January: A-1 80 000 (P0) + A-7 150 000 (P3; A-2 credited) + A-9 110 000 (P4) = 340 000 / 3 = € 1 133.33.
    await expectCell(k, 'cost_per_client', '2024-01', { n: 340000, d: 3, v: 1133.33 });
    // March: only A-11 (P4), not answered yet → nothing stands and no client with costs yet: 0 / 0, no value.
    await expectCell(k, 'cost_per_client', '2024-03', { n: 0, d: 0, v: null });
    // Per wijk in Q1: Noord P0 (80 000 + 80 000) and P4 (110 000 + 40 000) → 310 000 / 2 = € 1 550; Zuid P3 295 000 / 1.
    await expectCell(k, 'cost_per_client', '2024-Q1', { n: 310000, d: 2, v: 1550 }, 'wijk', NOORD);
    await expectCell(k, 'cost_per_client', '2024-Q1', { n: 295000, d: 1, v: 2950 }, 'wijk', ZUID);
    // December 2023: A-4 was granted although no toewijzing covered it; what was paid is a cost → 40 000 / 1 = € 400.
    await expectCell(k, 'cost_per_client', '2023-12', { n: 40000, d: 1, v: 400 });
    // Split over the year boundary by ProductPeriode: 2024-12 B-1 € 300; 2025-Q1 B-2 € 310 (B-4 rejected).
    await expectCell(k, 'cost_per_client', '2024-12', { n: 30000, d: 1, v: 300 });
    await expectCell(k, 'cost_per_client', '2025-Q1', { n: 31000, d: 1, v: 310 });
  });

  it('cost_per_success: amount that stands for the trajectory\'s dates, trajectories ended volgens plan in P', async () => {
    // Q1 2024: P3's trajectory (2024-01-01 … 03-31, reden 19): A-2 0 (credited) + A-7 150 000 + A-8 145 000 = 295 000 → € 2 950.
    // P4's (reden 21, uitval) is no success.
    await expectCell(k, 'cost_per_success', '2024-Q1', { n: 295000, d: 1, v: 2950 });
    // Q2: P0's (2024-01-08 … 06-28, reden 19): A-1 + A-5 = 160 000; A-4 (December 2023) lies before the start → € 1 600.
    await expectCell(k, 'cost_per_success', '2024-Q2', { n: 160000, d: 1, v: 1600 });
    // The year 2024: (295 000 + 160 000) / 2 = € 2 275.
    await expectCell(k, 'cost_per_success', '2024', { n: 455000, d: 2, v: 2275 });
    // 2025: P1's trajectory over the year boundary (2024-12-01 … 2025-01-31) ends in 2025 and takes its December
    // cost along: B-1 30 000 + B-2 31 000 = 61 000 → € 610.
    await expectCell(k, 'cost_per_success', '2025', { n: 61000, d: 1, v: 610 });
    await expectCell(k, 'cost_per_success', '2025-Q1', { n: 61000, d: 1, v: 610 }, 'wijk', ZUID);
  });
});

/**
 * A toewijzing covers a prestatie only when it is the declaring aanbieder's own and for the declared
 * product (indicators.md: "no valid toewijzing for that product and period"). All prestaties cover
 * January 2024 and are declared on 2024-02-05; every toewijzing runs through 2024.
 *   3001 P0 A  02 / 02A01   specifiek
 *   3002 P1 A  02 / —       aspecifiek: any product of categorie 02
 *   3003 P2 A  —            generiek: any product
 *   3004 P3 A  02 / —       ingang 2024-01-10, then withdrawn with RedenWijziging 01 and einddatum = ingangsdatum:
 *                           never valid (as one removed with 13)
 *   ref  person nr    declared by  product         valid
 *   C-1  P0     3001  A            02 / 02A01      yes
 *   C-2  P0     3001  A            02 / 02A02      no: other product
 *   C-3  P0     3001  A            01 / 01A01      no: other categorie
 *   C-4  P1     3002  A            02 / 02A05      yes
 *   C-5  P1     3002  A            01 / 01A01      no: other categorie
 *   C-6  P2     3003  A            07 / 07A01      yes
 *   C-7  P3     3004  A            02 / 02A01      no: 3004 was withdrawn (its only day is 2024-01-10, as C-7's period)
 *   D-1  P0     3001  B            02 / 02A01      no: A's toewijzing
 * February 2024: 5 of 8 without a valid toewijzing (62.5 %); aanbieder A 4 / 7 (C-2, C-3, C-5, C-7), B 1 / 1.
 */
describe.each(ENGINES)('declarations_without_allocation_pct: aanbieder and product must match, on %s', (engine) => {
  let k: TestKoers;
  const AS_OF2 = '2024-06-30';
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF2);
    const toew = (id: string, who: number, nr: string, cat: string | null, code?: string | null) =>
      file(`${id}.xml`, msg301(ha(id, '2023-12-20'), P[who]!, [{ nr, cat, code, tdatum: '2023-12-20', ingang: '2024-01-01', eind: '2024-12-31', volume: 2, eenheid: '04', frequentie: '2' }]));
    const c = (ref: string, nr: string, cat: string, code: string) => pr(ref, nr, '2024-01-01', '2024-01-31', 10000, { cat, code });
    await importAll(k, [
      CONTRACTS,
      toew('T3001', 0, '3001', '02', '02A01'), toew('T3002', 1, '3002', '02', null), toew('T3003', 2, '3003', null),
      file('T3004.xml', msg301(ha('T3004', '2024-01-05'), P[3]!, [{ nr: '3004', cat: '02', tdatum: '2024-01-05', ingang: '2024-01-10', volume: 2, eenheid: '04', frequentie: '2' }])),
      file('T3004b.xml', msg301(ha('T3004b', '2024-01-08'), P[3]!, [{ nr: '3004', cat: '02', tdatum: '2024-01-08', ingang: '2024-01-10', eind: '2024-01-10', reden: '01', volume: 2, eenheid: '04', frequentie: '2' }])),
      file('dc1.xml', msg323(ha('DC1', '2024-02-05'), { nummer: 'A-2024-01', begin: '2024-01-01', eind: '2024-01-31', clienten: [
        { bsn: P[0]!.bsn, prestaties: [c('C-1', '3001', '02', '02A01'), c('C-2', '3001', '02', '02A02'), c('C-3', '3001', '01', '01A01')] },
        { bsn: P[1]!.bsn, prestaties: [c('C-4', '3002', '02', '02A05'), c('C-5', '3002', '01', '01A01')] },
        { bsn: P[2]!.bsn, prestaties: [c('C-6', '3003', '07', '07A01')] },
        { bsn: P[3]!.bsn, prestaties: [pr('C-7', '3004', '2024-01-10', '2024-01-10', 10000, { cat: '02', code: '02A01' })] }] })),
      file('dd1.xml', msg323(hb('DD1', '2024-02-05'), { nummer: 'B-2024-01', begin: '2024-01-01', eind: '2024-01-31', clienten: [
        { bsn: P[0]!.bsn, prestaties: [c('D-1', '3001', '02', '02A01')] }] })),
      file('last.xml', msg301(ha('LAST', AS_OF2), { bsn: BSNS[9]!, postcode: '9001AA' }, [{ nr: '1099', cat: '02', tdatum: AS_OF2, ingang: '2024-08-01' }])),
    ], AS_OF2);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('counts a prestatie on another aanbieder\'s toewijzing, for another product or on a withdrawn toewijzing as without a valid toewijzing', async () => {
    await expectCell(k, 'declarations_without_allocation_pct', '2024-02', { n: 5, d: 8, v: 62.5 });
    await expectCell(k, 'declarations_without_allocation_pct', '2024-02', { n: 4, d: 7, v: 57.14 }, 'aanbieder', A);
    await expectCell(k, 'declarations_without_allocation_pct', '2024-02', { n: 1, d: 1, v: 100 }, 'aanbieder', B);
  });

  it('the data-quality rule finds the same prestaties', async () => {
    const found = await listFindings(k.db, '9001', { rule: 'declaratie_zonder_toewijzing' });
    expect(found.rows.map((r) => r.detail.referentie).sort()).toEqual(['C-2', 'C-3', 'C-5', 'C-7', 'D-1']);
  });
});
