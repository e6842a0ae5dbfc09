import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { file } from '../../helpers/fixtures.js';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { msg301, msg305, msg307, type Client, type Levering, type Std, type Toegewezen } from '../../helpers/messages.js';
import { BSNS, csv, expectCell, header, importAll, openTestdam } from './helpers.js';

/**
 * Trajectory-based indicators (how much, how well, is anyone better off) on one hand-built
 * message set that exercises the counting rules of domain.md §4: merges, temporary stops, a
 * removed toewijzing, a late stop, administrative end reasons, adjacent vs gapped repeat use,
 * follow-up maturity, a toewijzing changed after the start.
 *
 * Aanbieders: A = 99000001, B = 99000002. Wmo unless stated. Wijk: Noord = 9001AA, Zuid = 9001BB.
 * The trajectories the builder must make (T = trajectory):
 *
 *  P0 Noord  T0   wmo 02 A 2023-11-01 → 2024-02-20 r19   MERGE: toewijzing 100 (stop 2024-01-31 r36) and the adjacent
 *                                                         toewijzing 101 (start 2024-02-01) are one trajectory
 *  P1 Noord  T1   wmo 01 A 2024-01-10 → open             TEMPORARY STOP: 307 r20 on 2024-03-15, new 305 on 2024-04-20;
 *                                                         toewijzing 110 changed (verlenging, r04) on 2024-03-01
 *  P2 Zuid   T2   wmo 01 A 2024-01-15 → 2024-06-30 (no reden)  307 r20 and no new 305: ends when the toewijzing ends;
 *                                                         toewijzing sent 2024-01-20, after the start (retroactive)
 *  P3 Zuid   —    REMOVED: toewijzing 130 started, then withdrawn with RedenWijziging 13 → never existed
 *  P4 Zuid   T4   wmo 02 B 2023-06-01 → 2024-03-31 r21   LATE STOP: the 307 arrives 2024-07-10
 *  P5 Noord  T5a  wmo 07 A 2022-01-01 → 2023-03-31 r19
 *            T5b  wmo 07 A 2024-05-01 → open             GAPPED repeat use (13 months later)
 *  P6 Zuid   T6a  wmo 07 A 2023-05-01 → 2024-03-31 r38   ADMINISTRATIVE end (overstap)
 *            T6b  wmo 07 B 2024-04-01 → open             ADJACENT: no repeat use, no instroom
 *  P7 Noord  T7a  wmo 02 A 2023-08-01 → 2024-01-31 r19
 *            T7b  wmo 02 A 2024-02-02 → open             one free day (02-01) in between: not merged, repeat use
 *  P8 Zuid   T8   wmo 01 B 2023-09-01 → 2024-02-10 r02   overlijden: no outcome denominator
 *  P9 Noord  T9   wmo 02 B 2023-10-01 → 2024-03-20 r39   uitstroom ander domein; a bijstand benefit from 2024-04-01
 *  P10 Zuid  T10a wmo 02 A 2023-12-01 → 2024-02-15 r19
 *            T10b wmo 01 B 2023-12-01 → open             the person keeps Wmo help after T10a ends
 *  P11 Noord T11a jeugd 45 A 2023-09-01 → 2024-03-10 r31 (Jeugd: 31 = volgens plan)
 *            T11b jeugd 45 A 2024-11-01 → open           new start within 12 months
 *  P12 Zuid  —    a toewijzing dated 2025-05-15: the latest message (data until 2025-05-15)
 */
const AS_OF = '2025-05-15';
const A = '99000001', B = '99000002';
const PC = ['9001AA', '9001AA', '9001BB', '9001BB', '9001BB', '9001AA', '9001BB', '9001AA', '9001BB', '9001AA', '9001BB', '9001AA', '9001BB'];
const who = (p: number): Client => ({ bsn: BSNS[p]!, postcode: PC[p], geboortedatum: p === 11 ? '2012-06-01' : '1960-03-03' });

interface Dated { dag: string; f: ReturnType<typeof file> }
let seq = 0;
const t301 = (p: number, std: Std, agb: string, dag: string, items: Toegewezen[]): Dated => ({ dag, f: file(`p${p}-301-${++seq}.xml`, msg301(header(std, `T${seq}`, dag, agb), who(p), items)) });
const s305 = (p: number, std: Std, agb: string, dag: string, items: Levering[]): Dated => ({ dag, f: file(`p${p}-305-${++seq}.xml`, msg305(header(std, `S${seq}`, dag, agb), who(p), items)) });
const s307 = (p: number, std: Std, agb: string, dag: string, items: Levering[]): Dated => ({ dag, f: file(`p${p}-307-${++seq}.xml`, msg307(header(std, `E${seq}`, dag, agb), who(p), items)) });

function messages(): Dated[] {
  return [
    // P0: two toewijzingen, adjacent deliveries → one trajectory 2023-11-01 … 2024-02-20, reden 19.
    t301(0, 'iwmo', A, '2023-10-25', [{ nr: '100', cat: '02', tdatum: '2023-10-25', ingang: '2023-11-01', eind: '2024-01-31' }]),
    s305(0, 'iwmo', A, '2023-11-03', [{ nr: '100', cat: '02', ingang: '2023-11-01', begin: '2023-11-01' }]),
    s307(0, 'iwmo', A, '2024-02-02', [{ nr: '100', cat: '02', ingang: '2023-11-01', begin: '2023-11-01', eind: '2024-01-31', reden: '36' }]),
    t301(0, 'iwmo', A, '2024-01-25', [{ nr: '101', cat: '02', tdatum: '2024-01-25', ingang: '2024-02-01', eind: '2024-07-31' }]),
    s305(0, 'iwmo', A, '2024-02-02', [{ nr: '101', cat: '02', ingang: '2024-02-01', begin: '2024-02-01' }]),
    s307(0, 'iwmo', A, '2024-02-22', [{ nr: '101', cat: '02', ingang: '2024-02-01', begin: '2024-02-01', eind: '2024-02-20', reden: '19' }]),
    // P1: temporary stop and resumption; the toewijzing gets a new version (verlenging) on 2024-03-01.
    t301(1, 'iwmo', A, '2024-01-03', [{ nr: '110', cat: '01', tdatum: '2024-01-03', ingang: '2024-01-01', eind: '2024-06-30' }]),
    s305(1, 'iwmo', A, '2024-01-12', [{ nr: '110', cat: '01', ingang: '2024-01-01', begin: '2024-01-10' }]),
    t301(1, 'iwmo', A, '2024-03-01', [{ nr: '110', cat: '01', tdatum: '2024-03-01', ingang: '2024-01-01', reden: '04' }]),
    s307(1, 'iwmo', A, '2024-03-18', [{ nr: '110', cat: '01', ingang: '2024-01-01', begin: '2024-01-10', eind: '2024-03-15', reden: '20' }]),
    s305(1, 'iwmo', A, '2024-04-22', [{ nr: '110', cat: '01', ingang: '2024-01-01', begin: '2024-04-20' }]),
    // P2: temporary stop, never resumed: ends with the toewijzing on 2024-06-30 (no reden). Toewijzing sent after the start.
    t301(2, 'iwmo', A, '2024-01-20', [{ nr: '120', cat: '01', tdatum: '2024-01-20', ingang: '2024-01-01', eind: '2024-06-30' }]),
    s305(2, 'iwmo', A, '2024-01-22', [{ nr: '120', cat: '01', ingang: '2024-01-01', begin: '2024-01-15' }]),
    s307(2, 'iwmo', A, '2024-03-04', [{ nr: '120', cat: '01', ingang: '2024-01-01', begin: '2024-01-15', eind: '2024-02-29', reden: '20' }]),
    // P3: started, then the toewijzing is removed (13) → nothing counts.
    t301(3, 'iwmo', A, '2024-01-28', [{ nr: '130', cat: '02', tdatum: '2024-01-28', ingang: '2024-02-01' }]),
    s305(3, 'iwmo', A, '2024-02-03', [{ nr: '130', cat: '02', ingang: '2024-02-01', begin: '2024-02-01' }]),
    t301(3, 'iwmo', A, '2024-02-10', [{ nr: '130', cat: '02', tdatum: '2024-02-10', ingang: '2024-02-01', eind: '2024-02-01', reden: '13' }]),
    // P4: the stop (einddatum 2024-03-31, uitval door cliënt) is sent late, on 2024-07-10.
    t301(4, 'iwmo', B, '2023-05-25', [{ nr: '140', cat: '02', tdatum: '2023-05-25', ingang: '2023-06-01' }]),
    s305(4, 'iwmo', B, '2023-06-02', [{ nr: '140', cat: '02', ingang: '2023-06-01', begin: '2023-06-01' }]),
    s307(4, 'iwmo', B, '2024-07-10', [{ nr: '140', cat: '02', ingang: '2023-06-01', begin: '2023-06-01', eind: '2024-03-31', reden: '21' }]),
    // P5: two trajectories 13 months apart.
    t301(5, 'iwmo', A, '2021-12-20', [{ nr: '150', cat: '07', tdatum: '2021-12-20', ingang: '2022-01-01' }]),
    s305(5, 'iwmo', A, '2022-01-03', [{ nr: '150', cat: '07', ingang: '2022-01-01', begin: '2022-01-01' }]),
    s307(5, 'iwmo', A, '2023-04-03', [{ nr: '150', cat: '07', ingang: '2022-01-01', begin: '2022-01-01', eind: '2023-03-31', reden: '19' }]),
    t301(5, 'iwmo', A, '2024-04-20', [{ nr: '151', cat: '07', tdatum: '2024-04-20', ingang: '2024-05-01' }]),
    s305(5, 'iwmo', A, '2024-05-03', [{ nr: '151', cat: '07', ingang: '2024-05-01', begin: '2024-05-01' }]),
    // P6: overstap A → B, adjacent.
    t301(6, 'iwmo', A, '2023-04-25', [{ nr: '160', cat: '07', tdatum: '2023-04-25', ingang: '2023-05-01' }]),
    s305(6, 'iwmo', A, '2023-05-02', [{ nr: '160', cat: '07', ingang: '2023-05-01', begin: '2023-05-01' }]),
    s307(6, 'iwmo', A, '2024-04-02', [{ nr: '160', cat: '07', ingang: '2023-05-01', begin: '2023-05-01', eind: '2024-03-31', reden: '38' }]),
    t301(6, 'iwmo', B, '2024-03-25', [{ nr: '161', cat: '07', tdatum: '2024-03-25', ingang: '2024-04-01' }]),
    s305(6, 'iwmo', B, '2024-04-03', [{ nr: '161', cat: '07', ingang: '2024-04-01', begin: '2024-04-01' }]),
    // P7: ended 2024-01-31, restarted 2024-02-02 (one free day).
    t301(7, 'iwmo', A, '2023-07-25', [{ nr: '170', cat: '02', tdatum: '2023-07-25', ingang: '2023-08-01' }]),
    s305(7, 'iwmo', A, '2023-08-02', [{ nr: '170', cat: '02', ingang: '2023-08-01', begin: '2023-08-01' }]),
    s307(7, 'iwmo', A, '2024-02-01', [{ nr: '170', cat: '02', ingang: '2023-08-01', begin: '2023-08-01', eind: '2024-01-31', reden: '19' }]),
    t301(7, 'iwmo', A, '2024-01-20', [{ nr: '171', cat: '02', tdatum: '2024-01-20', ingang: '2024-02-02' }]),
    s305(7, 'iwmo', A, '2024-02-05', [{ nr: '171', cat: '02', ingang: '2024-02-02', begin: '2024-02-02' }]),
    // P8: overlijden.
    t301(8, 'iwmo', B, '2023-08-25', [{ nr: '180', cat: '01', tdatum: '2023-08-25', ingang: '2023-09-01' }]),
    s305(8, 'iwmo', B, '2023-09-04', [{ nr: '180', cat: '01', ingang: '2023-09-01', begin: '2023-09-01' }]),
    s307(8, 'iwmo', B, '2024-02-12', [{ nr: '180', cat: '01', ingang: '2023-09-01', begin: '2023-09-01', eind: '2024-02-10', reden: '02' }]),
    // P9: uitstroom naar ander domein.
    t301(9, 'iwmo', B, '2023-09-25', [{ nr: '190', cat: '02', tdatum: '2023-09-25', ingang: '2023-10-01' }]),
    s305(9, 'iwmo', B, '2023-10-02', [{ nr: '190', cat: '02', ingang: '2023-10-01', begin: '2023-10-01' }]),
    s307(9, 'iwmo', B, '2024-03-21', [{ nr: '190', cat: '02', ingang: '2023-10-01', begin: '2023-10-01', eind: '2024-03-20', reden: '39' }]),
    // P10: begeleiding ends, hulp bij het huishouden (other aanbieder) goes on.
    t301(10, 'iwmo', A, '2023-11-25', [{ nr: '200', cat: '02', tdatum: '2023-11-25', ingang: '2023-12-01' }]),
    s305(10, 'iwmo', A, '2023-12-04', [{ nr: '200', cat: '02', ingang: '2023-12-01', begin: '2023-12-01' }]),
    s307(10, 'iwmo', A, '2024-02-16', [{ nr: '200', cat: '02', ingang: '2023-12-01', begin: '2023-12-01', eind: '2024-02-15', reden: '19' }]),
    t301(10, 'iwmo', B, '2023-11-25', [{ nr: '201', cat: '01', tdatum: '2023-11-25', ingang: '2023-12-01' }]),
    s305(10, 'iwmo', B, '2023-12-04', [{ nr: '201', cat: '01', ingang: '2023-12-01', begin: '2023-12-01' }]),
    // P11: jeugd, volgens plan (31), new start 2024-11-01.
    t301(11, 'ijw', A, '2023-08-25', [{ nr: '210', cat: '45', tdatum: '2023-08-25', ingang: '2023-09-01' }]),
    s305(11, 'ijw', A, '2023-09-04', [{ nr: '210', cat: '45', ingang: '2023-09-01', begin: '2023-09-01' }]),
    s307(11, 'ijw', A, '2024-03-12', [{ nr: '210', cat: '45', ingang: '2023-09-01', begin: '2023-09-01', eind: '2024-03-10', reden: '31' }]),
    t301(11, 'ijw', A, '2024-10-20', [{ nr: '211', cat: '45', tdatum: '2024-10-20', ingang: '2024-11-01' }]),
    s305(11, 'ijw', A, '2024-11-04', [{ nr: '211', cat: '45', ingang: '2024-11-01', begin: '2024-11-01' }]),
    // P12: the latest message.
    t301(12, 'iwmo', A, AS_OF, [{ nr: '220', cat: '01', tdatum: AS_OF, ingang: '2025-06-01' }]),
  ];
}

/** P9 gets a bijstand benefit from 2024-04-01, 12 days after the Wmo end (step_down_pct counts it as follow-up help). */
const BENEFITS = csv('uitkeringen.csv', 'bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,regeling,startdatum,einddatum,reden_einde,huishouden,kinderen',
  [[BSNS[9], '', 1960, 'V', '9001AA', '1', 'bijstand', '2024-04-01', '', '', 'alleenstaand', 0]]);

describe.each(ENGINES)('trajectory indicators, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  const all = messages();
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    // Step 1: what had arrived by 2024-04-30 (the late stop of P4 not yet).
    await importAll(k, all.filter((m) => m.dag <= '2024-04-30').map((m) => m.f), AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('before the late stop arrives: outflow 2024-Q1 without it, provisional', async () => {
    // Ended in Q1 so far: T0, T6a, T7a, T8, T9, T10a, T11a = 7 (T4's stop has not arrived: it is still running).
    // Active on 2024-01-01: T0, T4, T6a, T7a, T8, T9, T10a, T10b, T11a = 9 (T1, T2 start later; T3 never existed).
    // Data until 2024-04-30: the period after Q1 (Q2) is not complete → provisional.
    await expectCell(k, 'outflow_pct', '2024-Q1', { n: 7, d: 9, v: 77.78, status: 'provisional' });
  });

  describe('after all data (until 2025-05-15)', () => {
    beforeAll(async () => {
      await importAll(k, [...all.filter((m) => m.dag > '2024-04-30').map((m) => m.f), BENEFITS], AS_OF);
    });

    it('builds the trajectories by the counting rules', async () => {
      const rows = await k.db.selectFrom('trajectory').select(['person_id', 'law', 'category_code', 'agb_code', 'start_date', 'end_date', 'end_reason']).orderBy(['start_date', 'law', 'category_code']).execute();
      expect(rows.map((r) => [r.law, r.category_code, r.agb_code, r.start_date, r.end_date, r.end_reason])).toEqual([
        ['wmo', '07', A, '2022-01-01', '2023-03-31', '19'], // T5a
        ['wmo', '07', A, '2023-05-01', '2024-03-31', '38'], // T6a
        ['wmo', '02', B, '2023-06-01', '2024-03-31', '21'], // T4
        ['wmo', '02', A, '2023-08-01', '2024-01-31', '19'], // T7a
        ['jeugd', '45', A, '2023-09-01', '2024-03-10', '31'], // T11a
        ['wmo', '01', B, '2023-09-01', '2024-02-10', '02'], // T8
        ['wmo', '02', B, '2023-10-01', '2024-03-20', '39'], // T9
        ['wmo', '02', A, '2023-11-01', '2024-02-20', '19'], // T0 (merged)
        ['wmo', '01', B, '2023-12-01', null, null], // T10b
        ['wmo', '02', A, '2023-12-01', '2024-02-15', '19'], // T10a
        ['wmo', '01', A, '2024-01-10', null, null], // T1 (temporary stop)
        ['wmo', '01', A, '2024-01-15', '2024-06-30', null], // T2 (toewijzing ended)
        ['wmo', '02', A, '2024-02-02', null, null], // T7b
        ['wmo', '07', B, '2024-04-01', null, null], // T6b
        ['wmo', '07', A, '2024-05-01', null, null], // T5b
        ['jeugd', '45', A, '2024-11-01', null, null], // T11b
      ]);
    });

    // ------------------------------------------------------------------ how much
    it('outflow_pct: definitive ends in P / active on the first day (the late stop now counts)', async () => {
      // Q1 2024 ended: T0 (merged: ONE end, not the r36 stop of toewijzing 100), T4 (late stop), T6a (38 is a definitive
      // end of that trajectory), T7a, T8 (02), T9, T10a, T11a = 8. T1's r20 stop is no end (it resumed).
      // Active on 2024-01-01: 9 (as before). 8 / 9 = 88.89 %; data has arrived for Q2 → final.
      await expectCell(k, 'outflow_pct', '2024-Q1', { n: 8, d: 9, v: 88.89, status: 'final' });
      // Per law: Wmo 7 / 8 = 87.5; Jeugd T11a 1 / 1 = 100.
      await expectCell(k, 'outflow_pct', '2024-Q1', { n: 7, d: 8, v: 87.5 }, 'wet', 'wmo');
      await expectCell(k, 'outflow_pct', '2024-Q1', { n: 1, d: 1, v: 100 }, 'wet', 'jeugd');
      // Q2: ended T2 (toewijzing einddatum 2024-06-30, no 305 after the r20 stop) = 1. Active on 2024-04-01:
      // T1 (started 01-10, temporarily stopped but not ended), T2, T7b, T10b, T6b (starts that day) = 5 → 20 %.
      await expectCell(k, 'outflow_pct', '2024-Q2', { n: 1, d: 5, v: 20 });
    });

    it('starts_per_1000: instroom (no same law + categorie in the 90 days before) per 1 000 inhabitants', async () => {
      // Starts in 2024: T1 (new), T2 (new), T7b (T7a ended 2 days before → no), T6b (T6a, same 07, ended the day
      // before → no), T5b (T5a ended 13 months before → yes), T11b (T11a ended 2024-03-10, > 90 days before
      // 2024-11-01 → yes). T3 was removed. Instroom 2024 = 4 → 4 / 1 000 × 1 000 = 4.
      await expectCell(k, 'starts_per_1000', '2024', { n: 4, d: 1000, v: 4 });
      // Q1: T1 (P1 Noord) and T2 (P2 Zuid): Noord 1 / 600 × 1 000 = 1.67; Zuid 1 / 400 × 1 000 = 2.5.
      await expectCell(k, 'starts_per_1000', '2024-Q1', { n: 2, d: 1000, v: 2 });
      await expectCell(k, 'starts_per_1000', '2024-Q1', { n: 1, d: 600, v: 1.67 }, 'wijk', 'WK900100');
      await expectCell(k, 'starts_per_1000', '2024-Q1', { n: 1, d: 400, v: 2.5 }, 'wijk', 'WK900101');
    });

    it('step_down_pct: no other maatwerk, benefit or schuldhulp within 30 days after the end', async () => {
      // Outcome ends in Q1 (without 02, 36–38): T0, T4, T7a, T9, T10a, T11a = 6 (T6a r38 and T8 r02 left out).
      // Stepped down: T0 yes; T4 yes; T7a no (T7b 2 days later); T9 no (bijstand from 2024-04-01, 12 days after);
      // T10a no (T10b goes on); T11a yes (next jeugd only in November). 3 / 6 = 50 %.
      // Final: 30 days after Q1 have passed and Q2 data has arrived.
      await expectCell(k, 'step_down_pct', '2024-Q1', { n: 3, d: 6, v: 50, status: 'final' });
      await expectCell(k, 'step_down_pct', '2024-Q1', { n: 2, d: 5, v: 40 }, 'wet', 'wmo');
    });

    // ------------------------------------------------------------------ how well
    it('trajectory_days_median: start → definitive end, trajectories ended in P', async () => {
      // Ended in Q1 (all 8, reasons do not matter): T0 111 (2023-11-01 → 2024-02-20, merged), T4 304, T6a 335, T7a 183,
      // T8 162, T9 171, T10a 76, T11a 191. Sorted 76 111 162 171 | 183 191 304 335 → median (171 + 183) / 2 = 177.
      await expectCell(k, 'trajectory_days_median', '2024-Q1', { n: 177, d: 8, v: 177 });
    });

    it('wait_to_start_days_median: first toewijzingsdatum → first 305, trajectories started in P', async () => {
      // Started in Q1: T1 toewijzing first sent 2024-01-03 (the 2024-03-01 verlenging is a later version and does not
      // move the toewijzingsdatum of the start) → 7 days; T2 toewijzing sent 2024-01-20, after the start on 01-15
      // (retroactive) → 0 days (nobody waited); T7b 2024-01-20 → 2024-02-02 = 13. Median of 0, 7, 13 = 7.
      await expectCell(k, 'wait_to_start_days_median', '2024-Q1', { n: 7, d: 3, v: 7 });
      // Categorie 01 (hulp bij het huishouden): T1 7 and T2 0 → 3.5.
      await expectCell(k, 'wait_to_start_days_median', '2024-Q1', { n: 3.5, d: 2, v: 3.5 }, 'productcategorie', '01');
    });

    // ------------------------------------------------------------------ better off
    it('ended_as_planned_pct / dropout_pct / exit_other_domain_pct on the outcome denominator', async () => {
      // Outcome denominator Q1 = 6 (T0, T4, T7a, T9, T10a, T11a); overlijden (T8) and overstap (T6a) excluded.
      // Volgens plan: T0, T7a, T10a (Wmo 19) and T11a (Jeugd 31) = 4 → 66.67 %.
      await expectCell(k, 'ended_as_planned_pct', '2024-Q1', { n: 4, d: 6, v: 66.67, status: 'final' });
      await expectCell(k, 'ended_as_planned_pct', '2024-Q1', { n: 3, d: 5, v: 60 }, 'wet', 'wmo');
      await expectCell(k, 'ended_as_planned_pct', '2024-Q1', { n: 1, d: 1, v: 100 }, 'wet', 'jeugd');
      // Per aanbieder: A has T0, T7a, T10a, T11a (all volgens plan) = 4 / 4; B has T4 (21), T9 (39) = 0 / 2.
      await expectCell(k, 'ended_as_planned_pct', '2024-Q1', { n: 4, d: 4, v: 100 }, 'aanbieder', A);
      await expectCell(k, 'ended_as_planned_pct', '2024-Q1', { n: 0, d: 2, v: 0 }, 'aanbieder', B);
      // Uitval: T4 (21, the late stop) = 1 / 6.
      await expectCell(k, 'dropout_pct', '2024-Q1', { n: 1, d: 6, v: 16.67 });
      // Ander domein: T9 (39) = 1 / 6.
      await expectCell(k, 'exit_other_domain_pct', '2024-Q1', { n: 1, d: 6, v: 16.67 });
      // Q2: only T2 ended (toewijzing einddatum, no reden → class onbekend, still an outcome end): 0 / 1.
      await expectCell(k, 'ended_as_planned_pct', '2024-Q2', { n: 0, d: 1, v: 0 });
    });

    it('no_new_start_12m_pct: persons leaving help in a law, no new start in that law within 12 months', async () => {
      // Persons with an outcome end in Q1: P0, P4, P7, P9, P10, P11. P10 does not leave Wmo help (T10b goes on), so
      // P10 is not in the denominator → 5. No new start in the same law within 12 months: P0 yes, P4 yes, P7 no
      // (T7b), P9 yes (the bijstand benefit is another law), P11 no (T11b on 2024-11-01). 3 / 5 = 60 %.
      // Final: 2024-03-31 + 12 months < 2025-05-15.
      await expectCell(k, 'no_new_start_12m_pct', '2024-Q1', { n: 3, d: 5, v: 60, status: 'final' });
      await expectCell(k, 'no_new_start_12m_pct', '2024-Q1', { n: 0, d: 1, v: 0 }, 'wet', 'jeugd');
      // Q2: P2 (T2 ended 2024-06-30, nothing after) = 1 / 1; the 12 months have not passed → provisional.
      await expectCell(k, 'no_new_start_12m_pct', '2024-Q2', { n: 1, d: 1, v: 100, status: 'provisional' });
      // 2023-Q1: P5 (T5a ended 2023-03-31; T5b starts 2024-05-01, more than 12 months later) = 1 / 1.
      await expectCell(k, 'no_new_start_12m_pct', '2023-Q1', { n: 1, d: 1, v: 100, status: 'final' });
    });

    it('repeat_use_at_start_pct: starts after earlier help in the same law (5 years), not adjacent', async () => {
      // Starts 2024: T1, T2, T7b, T6b, T5b, T11b = 6. Repeat: T7b (T7a ended 2024-01-31, one free day before
      // 2024-02-02), T5b (T5a ended 2023-03-31), T11b (T11a ended 2024-03-10). Not: T6b (T6a ended the day before:
      // adjacent), T1, T2 (no earlier help). 3 / 6 = 50 %.
      await expectCell(k, 'repeat_use_at_start_pct', '2024', { n: 3, d: 6, v: 50 });
      // Q1: T1, T2, T7b → 1 / 3. Q2: T6b (adjacent), T5b (gapped) → 1 / 2.
      await expectCell(k, 'repeat_use_at_start_pct', '2024-Q1', { n: 1, d: 3, v: 33.33 });
      await expectCell(k, 'repeat_use_at_start_pct', '2024-Q2', { n: 1, d: 2, v: 50 });
      await expectCell(k, 'repeat_use_at_start_pct', '2024', { n: 1, d: 1, v: 100 }, 'wet', 'jeugd');
    });
  });
});
