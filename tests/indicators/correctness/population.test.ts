import { afterAll, beforeAll, describe, it } from 'vitest';
import { file } from '../../helpers/fixtures.js';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { msg301, msg305, type Client, type Std } from '../../helpers/messages.js';
import { BSNS, csv, expectCell, header, importAll, openTestdam } from './helpers.js';

/**
 * Population results and segments: reach per 1 000 / 10 000, the BBV youth percentages with age
 * bands at period boundaries, households with stacked provisions, and the 80/15/5 segments.
 *
 * Persons (address = postcode + huisnummer; Noord 9001AA, Zuid 9001BB):
 *  Y0 9001AA-1  Wmo 01 from 2024-01-10, open. MOVES to 9001BB-1 (Zuid) by a 301 dated 2024-07-01.
 *  Y1 9001AA-1  born 2006-12-15 (18 on 2024-12-15), Jeugd 45 from 2024-02-01, open. Same household as Y0 until Y0 moves.
 *  Y2 9001BB-5  born 2012-04-10, Jeugd 48 (jeugdbescherming) from 2024-03-01.
 *  Y3 9001AA-7  born 2012-06-01 (12 on 2024-06-01), Jeugd 47 (jeugdreclassering) from 2024-01-15.
 *  Y4 9001BB-5  bijstand from 2023-01-01 and schuldhulp from 2024-02-01 (two laws → vulnerable). Household of Y2.
 *  Y5 9001AA-20 Wmo 15 beschermd wonen from 2023-06-01 (residential → vulnerable).
 *  Y6 9001AA-30 Wmo 02 (A) and Wmo 01 (B) from 2024-01-05; ZRM 2024-02-01 financiën 2 (→ vulnerable).
 *  Y7 9001BB-40 Wmo 02 from 2024-01-05; ZRM 2024-02-01 all ≥ 3 (→ not vulnerable: "at risk").
 */
const AS_OF = '2025-02-15';
const A = '99000001', B = '99000002';
const P = [20, 21, 22, 23, 24, 25, 26, 27].map((i) => BSNS[i % BSNS.length]!);
const BIRTH = ['1950-01-01', '2006-12-15', '2012-04-10', '2012-06-01', '1985-01-01', '1970-01-01', '1960-01-01', '1955-01-01'];
const ADDR: [string, string][] = [['9001AA', '1'], ['9001AA', '1'], ['9001BB', '5'], ['9001AA', '7'], ['9001BB', '5'], ['9001AA', '20'], ['9001AA', '30'], ['9001BB', '40']];
const who = (y: number, addr = ADDR[y]!): Client => ({ bsn: P[y]!, geboortedatum: BIRTH[y], postcode: addr[0], huisnummer: addr[1] });
let n = 0;
const care = (y: number, std: Std, agb: string, nr: string, cat: string, start: string, tdatum = start) => [
  file(`y${y}-301-${++n}.xml`, msg301(header(std, `T${n}`, tdatum, agb), who(y), [{ nr, cat, tdatum, ingang: start }])),
  file(`y${y}-305-${++n}.xml`, msg305(header(std, `S${n}`, start, agb), who(y), [{ nr, cat, ingang: start, begin: start }])),
];

function dataset() {
  return [
    ...care(0, 'iwmo', A, '300', '01', '2024-01-10'),
    // Y0's new address arrives with a 301 (administratieve correctie of the same toewijzing) dated 2024-07-01.
    file('y0-move.xml', msg301(header('iwmo', 'MOVE', '2024-07-01', A), who(0, ['9001BB', '1']), [{ nr: '300', cat: '01', tdatum: '2024-07-01', ingang: '2024-01-10', reden: '14' }])),
    ...care(1, 'ijw', A, '310', '45', '2024-02-01'),
    ...care(2, 'ijw', A, '320', '48', '2024-03-01'),
    ...care(3, 'ijw', A, '330', '47', '2024-01-15'),
    ...care(5, 'iwmo', A, '350', '15', '2023-06-01'),
    ...care(6, 'iwmo', A, '360', '02', '2024-01-05'),
    ...care(6, 'iwmo', B, '361', '01', '2024-01-05'),
    ...care(7, 'iwmo', A, '370', '02', '2024-01-05'),
    // The latest message: data until 2025-02-15.
    file('late.xml', msg301(header('iwmo', 'LAST', AS_OF, A), who(7), [{ nr: '371', cat: '01', tdatum: AS_OF, ingang: '2025-03-01' }])),
    csv('uitkeringen.csv', 'bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,regeling,startdatum,einddatum,reden_einde,huishouden,kinderen',
      [[P[4], '', 1985, 'V', '9001BB', '5', 'bijstand', '2023-01-01', '', '', 'alleenstaande_ouder', 1]]),
    csv('schuldhulp.csv', 'zaaknummer,bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,aanmelddatum,eerste_gesprek,dreiging,vroegsignalering,einddatum,reden_einde,team',
      [['SH1', P[4], '', 1985, 'V', '9001BB', '5', '2024-02-01', '2024-02-10', 'geen', 'nee', '', '', 'Zuidteam']]),
    csv('zrm.csv', 'bsn,clientnummer,datum,moment,versie,domein,score,plannummer', [
      ...['financien:2', 'huisvesting:4', 'sociaal_netwerk:3', 'werk_opleiding:3'].map((x) => [P[6], '', '2024-02-01', 'intake', '2017', x.split(':')[0], x.split(':')[1], 'Z6']),
      ...['financien:3', 'huisvesting:4', 'sociaal_netwerk:3', 'werk_opleiding:3'].map((x) => [P[7], '', '2024-02-01', 'intake', '2017', x.split(':')[0], x.split(':')[1], 'Z7']),
    ]),
  ];
}

describe.each(ENGINES)('population indicators and segments, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, dataset(), AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('wmo_clients_per_1000 / bbv_wmo_clients_per_10000: persons, wijk on the last day of P (a move changes the wijk)', async () => {
    // Wmo clients in Q1: Y0, Y5, Y6 (two Wmo trajectories, one person), Y7 = 4 → 4 / 1 000 × 1 000 = 4; × 10 000 = 40.
    await expectCell(k, 'wmo_clients_per_1000', '2024-Q1', { n: 4, d: 1000, v: 4, status: 'final' });
    await expectCell(k, 'bbv_wmo_clients_per_10000', '2024-Q1', { n: 4, d: 1000, v: 40 });
    // Q1 per wijk (address on 2024-03-31): Noord Y0, Y5, Y6 = 3 / 600 × 1 000 = 5; Zuid Y7 = 1 / 400 → 2.5.
    await expectCell(k, 'wmo_clients_per_1000', '2024-Q1', { n: 3, d: 600, v: 5 }, 'wijk', 'WK900100');
    await expectCell(k, 'wmo_clients_per_1000', '2024-Q1', { n: 1, d: 400, v: 2.5 }, 'wijk', 'WK900101');
    // Q3 (Y0 lives in Zuid from 2024-07-01): Noord Y5, Y6 = 2 / 600 → 3.33; Zuid Y0, Y7 = 2 / 400 → 5.
    await expectCell(k, 'wmo_clients_per_1000', '2024-Q3', { n: 2, d: 600, v: 3.33 }, 'wijk', 'WK900100');
    await expectCell(k, 'wmo_clients_per_1000', '2024-Q3', { n: 2, d: 400, v: 5 }, 'wijk', 'WK900101');
    // Year 2024: counted once, in the wijk of 2024-12-31 (Zuid) — never in both.
    await expectCell(k, 'wmo_clients_per_1000', '2024', { n: 2, d: 600, v: 3.33 }, 'wijk', 'WK900100');
    await expectCell(k, 'wmo_clients_per_1000', '2024', { n: 2, d: 400, v: 5 }, 'wijk', 'WK900101');
  });

  it('BBV youth percentages: age on the last day of P (age bands at period boundaries)', async () => {
    // Jeugdhulp (not 47/48), 0–17: Q1 Y1 (17 on 2024-03-31) → 1 / 200 = 0.5 %; Noord 1 / 100 = 1 %.
    await expectCell(k, 'bbv_youth_jeugdhulp_pct', '2024-Q1', { n: 1, d: 200, v: 0.5 });
    await expectCell(k, 'bbv_youth_jeugdhulp_pct', '2024-Q1', { n: 1, d: 100, v: 1 }, 'wijk', 'WK900100');
    // Year 2024: Y1 is 18 on 2024-12-31 → no longer 0–17: 0 / 200. Q4 likewise; Q3 (17 on 09-30) still counts.
    await expectCell(k, 'bbv_youth_jeugdhulp_pct', '2024', { n: 0, d: 200, v: 0 });
    await expectCell(k, 'bbv_youth_jeugdhulp_pct', '2024-Q3', { n: 1, d: 200, v: 0.5 });
    // Jeugdbescherming (48), 0–17: Y2 (11, then 12) → 1 / 200 in Q1 and in the year.
    await expectCell(k, 'bbv_youth_jeugdbescherming_pct', '2024-Q1', { n: 1, d: 200, v: 0.5 });
    await expectCell(k, 'bbv_youth_jeugdbescherming_pct', '2024', { n: 1, d: 200, v: 0.5 });
    // Jeugdreclassering (47), 12–22: Y3 is 11 on 2024-03-31 → 0 / 150 in Q1; 12 on 2024-12-31 → 1 / 150 = 0.67 %.
    await expectCell(k, 'bbv_youth_jeugdreclassering_pct', '2024-Q1', { n: 0, d: 150, v: 0 });
    await expectCell(k, 'bbv_youth_jeugdreclassering_pct', '2024', { n: 1, d: 150, v: 0.67 });
    // Leeftijd breakdown: the 12–17 band of Q3 (Y3 turned 12 in June) holds Y3 → 1 / 50 (the 17-year-olds of Noord).
    await expectCell(k, 'bbv_youth_jeugdreclassering_pct', '2024-Q3', { n: 1, d: 50, v: 2 }, 'leeftijd', '12-17');
  });

  // Messages and tabular files derive one household key from the address (src/model/address.ts).
  it('households_multiple_provisions_pct / households_multiple_laws_pct (same address on the last day)', async () => {
    // Q1 households with a provision: 9001AA-1 (Y0 Wmo + Y1 Jeugd: 2 provisions, 2 laws), 9001BB-5 (Y2 Jeugd 48 + Y4
    // bijstand + schuldhulp: 3 provisions; Wmo/Jeugd/Pwet laws: Jeugd, Pwet = 2), 9001AA-7 (1), 9001AA-20 (1),
    // 9001AA-30 (Y6: 2 Wmo provisions, 1 law), 9001BB-40 (1) = 6.
    // ≥ 2 provisions: AA-1, BB-5, AA-30 = 3 / 6 = 50 %. ≥ 2 laws: AA-1, BB-5 = 2 / 6 = 33.33 %.
    await expectCell(k, 'households_multiple_provisions_pct', '2024-Q1', { n: 3, d: 6, v: 50 });
    await expectCell(k, 'households_multiple_laws_pct', '2024-Q1', { n: 2, d: 6, v: 33.33 });
    // Q3: Y0 lives at 9001BB-1 → AA-1 has only Y1. Households: AA-1, BB-1, BB-5, AA-7, AA-20, AA-30, BB-40 = 7;
    // ≥ 2 provisions: BB-5, AA-30 = 2 → 28.57 %; ≥ 2 laws: BB-5 → 14.29 %.
    await expectCell(k, 'households_multiple_provisions_pct', '2024-Q3', { n: 2, d: 7, v: 28.57 });
    await expectCell(k, 'households_multiple_laws_pct', '2024-Q3', { n: 1, d: 7, v: 14.29 });
    // Q1 Noord: AA-1, AA-7, AA-20, AA-30 → ≥ 2 provisions AA-1, AA-30 = 2 / 4.
    await expectCell(k, 'households_multiple_provisions_pct', '2024-Q1', { n: 2, d: 4, v: 50 }, 'wijk', 'WK900100');
  });

  it('segments: self-reliant (80), at risk (15), vulnerable (5)', async () => {
    // Q1 persons with a provision: Y0–Y7 = 8. Vulnerable: Y4 (Pwet + schuldhulp), Y5 (beschermd wonen), Y6 (ZRM
    // financiën 2) = 3. At risk: Y0, Y1, Y2, Y3, Y7 = 5. Self-reliant: (1 000 − 8) / 1 000 = 99.2 %.
    await expectCell(k, 'segment_self_reliant_pct', '2024-Q1', { n: 992, d: 1000, v: 99.2 });
    await expectCell(k, 'segment_at_risk_pct', '2024-Q1', { n: 5, d: 1000, v: 0.5 });
    await expectCell(k, 'segment_vulnerable_pct', '2024-Q1', { n: 3, d: 1000, v: 0.3 });
    // Per wijk on 2024-03-31: Noord Y0, Y1, Y3, Y5, Y6 (vulnerable Y5, Y6); Zuid Y2, Y4, Y7 (vulnerable Y4).
    await expectCell(k, 'segment_self_reliant_pct', '2024-Q1', { n: 595, d: 600, v: 99.17 }, 'wijk', 'WK900100');
    await expectCell(k, 'segment_vulnerable_pct', '2024-Q1', { n: 2, d: 600, v: 0.33 }, 'wijk', 'WK900100');
    await expectCell(k, 'segment_vulnerable_pct', '2024-Q1', { n: 1, d: 400, v: 0.25 }, 'wijk', 'WK900101');
    await expectCell(k, 'segment_at_risk_pct', '2024-Q1', { n: 2, d: 400, v: 0.5 }, 'wijk', 'WK900101');
  });
});
