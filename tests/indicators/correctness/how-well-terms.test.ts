import { afterAll, beforeAll, describe, it } from 'vitest';
import { file } from '../../helpers/fixtures.js';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { msg301, msg305, msg307, msg315, msg317, msg319, type Client } from '../../helpers/messages.js';
import { BSNS, csv, expectCell, header, importAll, openTestdam } from './helpers.js';

/**
 * How well did we do it — legal and agreed terms: Wmo melding → besluit (8 weeks), 315 answered
 * within 5 werkdagen, 317 granted, toewijzing started within 42 days, schuldhulp first conversation
 * (4 weeks / 3 werkdagen), 307 quality. Werkdagen follow the Algemene termijnenwet (weekends and
 * feestdagen do not count). 2024-01-01 is a Monday.
 */
const AS_OF = '2024-07-31';
const A = '99000001';
const c = (i: number): Client => ({ bsn: BSNS[i]!, postcode: i % 2 ? '9001BB' : '9001AA' });
const h = (id: string, dag: string) => header('iwmo', id, dag, A);

function messages() {
  return [
    // 315 requests received Monday 2024-01-08 (V1–V3) and 2024-03-28 (V4).
    file('v1-315.xml', msg315(h('V1', '2024-01-08'), c(0), [{ ref: 'VOT-1', cat: '02', ingang: '2024-01-15' }])),
    file('v2-315.xml', msg315(h('V2', '2024-01-08'), c(1), [{ ref: 'VOT-2', cat: '02', ingang: '2024-01-20' }])),
    file('v3-315.xml', msg315(h('V3', '2024-01-08'), c(2), [{ ref: 'VOT-3', cat: '02', ingang: '2024-01-20' }])),
    file('v4-315.xml', msg315(h('V4', '2024-03-28'), c(3), [{ ref: 'VOT-4', cat: '02', ingang: '2024-04-01' }])),
    // V1 answered by a 301 on Monday 01-15 (5 werkdagen); V2 by a 301 on Tuesday 01-16 (6); V3 by a 319 (afwijzing) on 01-10.
    file('v1-301.xml', msg301(h('T401', '2024-01-15'), c(0), [{ nr: '401', ref: 'VOT-1', cat: '02', tdatum: '2024-01-15', ingang: '2024-01-15' }])),
    file('v2-301.xml', msg301(h('T402', '2024-01-16'), c(1), [{ nr: '402', ref: 'VOT-2', cat: '02', tdatum: '2024-01-16', ingang: '2024-01-20' }])),
    file('v3-319.xml', msg319(h('A3', '2024-01-10'), { ref: 'VOT-3', antwoord: '1', reden: '2' })),
    // 317 change requests received 2024-02-01: W1 granted by a 301 (nr 403) on 02-05, W2 refused by a 319.
    file('w1-317.xml', msg317(h('W1', '2024-02-01'), BSNS[4]!, { ref: 'VOW-1', ongewijzigd: ['390'], nieuw: [{ cat: '02', ingang: '2024-02-15' }] })),
    file('w2-317.xml', msg317(h('W2', '2024-02-01'), BSNS[5]!, { ref: 'VOW-2', ongewijzigd: ['391'], nieuw: [{ cat: '02', ingang: '2024-02-15' }] })),
    file('w1-301.xml', msg301(h('T403', '2024-02-05'), c(4), [{ nr: '403', ref: 'VOW-1', cat: '02', tdatum: '2024-02-05', ingang: '2024-02-15' }])),
    file('w2-319.xml', msg319(h('A5', '2024-02-06'), { ref: 'VOW-2', antwoord: '1', reden: '2' })),
    // A toewijzing (404, ingang 2024-02-01) removed with RedenWijziging 13, and one (405, ingang 2024-03-01) that starts at once.
    file('r404-301.xml', msg301(h('T404', '2024-01-25'), c(6), [{ nr: '404', cat: '02', tdatum: '2024-01-25', ingang: '2024-02-01' }])),
    file('r404-301b.xml', msg301(h('T404b', '2024-01-30'), c(6), [{ nr: '404', cat: '02', tdatum: '2024-01-30', ingang: '2024-02-01', eind: '2024-02-01', reden: '13' }])),
    file('t405-301.xml', msg301(h('T405', '2024-02-25'), c(7), [{ nr: '405', cat: '02', tdatum: '2024-02-25', ingang: '2024-03-01' }])),
    // Starts: 401 on 2024-02-20 (36 days after its ingangsdatum), 403 on 2024-04-05 (50 days), 405 on 2024-03-01; 402 never.
    file('s401.xml', msg305(h('S401', '2024-02-21'), c(0), [{ nr: '401', cat: '02', ingang: '2024-01-15', begin: '2024-02-20' }])),
    file('s403.xml', msg305(h('S403', '2024-04-08'), c(4), [{ nr: '403', cat: '02', ingang: '2024-02-15', begin: '2024-04-05' }])),
    file('s405.xml', msg305(h('S405', '2024-03-04'), c(7), [{ nr: '405', cat: '02', ingang: '2024-03-01', begin: '2024-03-01' }])),
    // Stops in July: 401 ends Friday 06-28, 307 on Friday 07-05 (5 werkdagen, reden 19) → good; 403 ends 06-28, 307
    // on Monday 07-08 (6 werkdagen) → late; 405 ends 07-01, 307 on 07-02 with reden 36 (administrative) → not substantive.
    file('e401.xml', msg307(h('E401', '2024-07-05'), c(0), [{ nr: '401', cat: '02', ingang: '2024-01-15', begin: '2024-02-20', eind: '2024-06-28', reden: '19' }])),
    file('e403.xml', msg307(h('E403', '2024-07-08'), c(4), [{ nr: '403', cat: '02', ingang: '2024-02-15', begin: '2024-04-05', eind: '2024-06-28', reden: '19' }])),
    file('e405.xml', msg307(h('E405', '2024-07-02'), c(7), [{ nr: '405', cat: '02', ingang: '2024-03-01', begin: '2024-03-01', eind: '2024-07-01', reden: '36' }])),
    file('last.xml', msg301(h('LAST', AS_OF), c(8), [{ nr: '499', cat: '01', tdatum: AS_OF, ingang: '2024-09-01' }])),
  ];
}

const TOEGANG = csv('toegang.csv', 'zaaknummer,bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,wet,melddatum,aanvraagdatum,besluitdatum,besluit,productcategorie,team', [
  ['Z1', BSNS[10], '', 1950, 'V', '9001AA', '1', 'wmo', '2024-01-02', '2024-02-10', '2024-02-27', 'toegekend', '02', 'Noordteam'], // 56 days: in term
  ['Z2', BSNS[11], '', 1950, 'V', '9001AA', '2', 'wmo', '2024-01-02', '2024-02-10', '2024-02-28', 'afgewezen', '02', 'Noordteam'], // 57 days: late
  ['Z3', BSNS[12], '', 1950, 'M', '9001BB', '3', 'wmo', '2024-02-01', '2024-02-05', '2024-02-11', 'deels_toegekend', '01', 'Zuidteam'], // 10 days
  ['Z4', BSNS[13], '', 1950, 'M', '9001BB', '4', 'wmo', '2024-01-15', '', '2024-03-01', 'ingetrokken', '02', 'Zuidteam'], // withdrawn: no besluit
  ['Z5', BSNS[14], '', 2015, 'M', '9001BB', '5', 'jeugd', '2024-01-10', '', '2024-03-30', 'toegekend', '45', 'Zuidteam'], // Jeugd
  ['Z6', BSNS[15], '', 1950, 'V', '9001AA', '6', 'wmo', '2024-03-01', '', '', '', '02', 'Noordteam'], // no besluit yet
]);

const SCHULDHULP = csv('schuldhulp.csv', 'zaaknummer,bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,aanmelddatum,eerste_gesprek,dreiging,vroegsignalering,einddatum,reden_einde,team', [
  ['S1', BSNS[10], '', 1980, 'V', '9001AA', '1', '2024-01-08', '2024-02-05', 'geen', 'nee', '', '', 'Noordteam'], // 28 days: in time
  ['S2', BSNS[11], '', 1980, 'V', '9001AA', '2', '2024-01-08', '2024-02-06', 'geen', 'nee', '', '', 'Noordteam'], // 29 days: late
  ['S3', BSNS[12], '', 1980, 'M', '9001BB', '3', '2024-01-12', '2024-01-17', 'huisuitzetting', 'nee', '', '', 'Zuidteam'], // Fri → Wed: 3 werkdagen
  ['S4', BSNS[13], '', 1980, 'M', '9001BB', '4', '2024-01-12', '2024-01-18', 'afsluiting_energie', 'ja', '', '', 'Zuidteam'], // Fri → Thu: 4 werkdagen
  ['S5', BSNS[14], '', 1980, 'M', '9001BB', '5', '2024-03-25', '', 'geen', 'nee', '', '', 'Zuidteam'], // no conversation (yet)
  ['S6', BSNS[15], '', 1980, 'V', '9001AA', '6', '2024-07-01', '2024-07-02', 'geen', 'nee', '', '', 'Noordteam'], // the latest date
]);

describe.each(ENGINES)('legal terms, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, [TOEGANG, SCHULDHULP, ...messages()], AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('wmo_decision_in_term_pct and wmo_decision_days_median (besluiten in P)', async () => {
    // Wmo besluiten in Q1: Z1 (56 days), Z2 (57), Z3 (10). Z4 was withdrawn (ingetrokken: no beschikking), Z5 is
    // Jeugd, Z6 has no besluit. In term (≤ 56 days): Z1, Z3 → 2 / 3 = 66.67 %. Median of 10, 56, 57 = 56.
    await expectCell(k, 'wmo_decision_in_term_pct', '2024-Q1', { n: 2, d: 3, v: 66.67 });
    await expectCell(k, 'wmo_decision_days_median', '2024-Q1', { n: 56, d: 3, v: 56 });
    // Noordteam: Z1, Z2 → 1 / 2 = 50 %; median (56 + 57) / 2 = 56.5.
    await expectCell(k, 'wmo_decision_in_term_pct', '2024-Q1', { n: 1, d: 2, v: 50 }, 'team', 'Noordteam');
    await expectCell(k, 'wmo_decision_days_median', '2024-Q1', { n: 56.5, d: 2, v: 56.5 }, 'team', 'Noordteam');
  });

  it('vot_answered_in_time_pct: 315 answered by 301 or 319 within 5 werkdagen', async () => {
    // Q1 requests: V1 (301 after 5 werkdagen ✓), V2 (301 after 6 ✗), V3 (319 after 2 ✓), V4 (no answer ✗) → 2 / 4.
    await expectCell(k, 'vot_answered_in_time_pct', '2024-Q1', { n: 2, d: 4, v: 50, status: 'final' });
    await expectCell(k, 'vot_answered_in_time_pct', '2024-01', { n: 2, d: 3, v: 66.67 });
  });

  it('change_requests_granted_pct: 317 followed by a 301', async () => {
    // W1 granted (301 nr 403 names VOW-1), W2 refused (319) → 1 / 2.
    await expectCell(k, 'change_requests_granted_pct', '2024-Q1', { n: 1, d: 2, v: 50 });
  });

  it('allocations_not_started_pct: no 305 within 42 days of the ingangsdatum (removed toewijzingen never existed)', async () => {
    // Toewijzingen with ingangsdatum in Q1: 401 (started after 36 days ✓), 402 (never started ✗), 403 (started after
    // 50 days ✗), 405 (started at once ✓); 404 was removed (13). Not started within 42 days: 402, 403 → 2 / 4 = 50 %.
    // Final: 2024-03-31 + 42 days and all of Q2 lie before the latest message (2024-07-31).
    await expectCell(k, 'allocations_not_started_pct', '2024-Q1', { n: 2, d: 4, v: 50, status: 'final' });
    // Q1 per month: January 401, 402 → 1 / 2; February 403 → 1 / 1; March 405 → 0 / 1.
    await expectCell(k, 'allocations_not_started_pct', '2024-01', { n: 1, d: 2, v: 50 });
    await expectCell(k, 'allocations_not_started_pct', '2024-03', { n: 0, d: 1, v: 0 });
  });

  it('debt_help_in_time_pct: first conversation within 4 weeks, or 3 werkdagen when eviction or cut-off threatens', async () => {
    // Q1 aanmeldingen: S1 ✓ (28 days), S2 ✗ (29), S3 ✓ (threat, 3 werkdagen), S4 ✗ (threat, 4 werkdagen), S5 ✗
    // (no conversation) → 2 / 5 = 40 %. Final: Q1 + 28 days and Q2 lie before the latest date (2024-07-02).
    await expectCell(k, 'debt_help_in_time_pct', '2024-Q1', { n: 2, d: 5, v: 40, status: 'final' });
    await expectCell(k, 'debt_help_in_time_pct', '2024-Q1', { n: 1, d: 3, v: 33.33 }, 'team', 'Zuidteam');
    // Q3: S6 ✓ but the 28 days after Q3 have not passed → provisional.
    await expectCell(k, 'debt_help_in_time_pct', '2024-Q3', { n: 1, d: 1, v: 100, status: 'provisional' });
  });

  it('message_quality_pct: 307 with a substantive reden, received ≤ 5 werkdagen after the einddatum', async () => {
    // 307s dated in Q3: E401 (19, 5 werkdagen ✓), E403 (19, 6 werkdagen ✗), E405 (36 administrative ✗) → 1 / 3.
    await expectCell(k, 'message_quality_pct', '2024-Q3', { n: 1, d: 3, v: 33.33 });
  });
});
