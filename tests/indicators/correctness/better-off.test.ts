import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { BSNS, cell, csv, expectCell, importAll, openTestdam } from './helpers.js';

/**
 * Is anyone better off — the indicators fed by the gemeente's own registrations (ZRM, GAS plan
 * goals, outcome records, cliëntervaring) and the Participatiewet benefits, each from a hand-built
 * CSV in the Koers format imported through the normal import path.
 */
const AS_OF = '2025-05-15';
const A = '99000001', B = '99000002';

// ZRM, long format. Domains: financien F, huisvesting H, werk_opleiding W, tijdsbesteding T, sociaal_netwerk S.
const zrmRows: (string | number)[][] = [];
const zrm = (p: number, datum: string, moment: string, scores: Record<string, number>) => {
  for (const [domein, score] of Object.entries(scores)) zrmRows.push([BSNS[p]!, '', datum, moment, '2017', domein, score, `PL${p}`]);
};
// Z0 (P0): intake 2023-11-01, evaluatie 2024-02-01 with F up, nothing down → progress.
zrm(0, '2023-11-01', 'intake', { financien: 2, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 2 });
zrm(0, '2024-02-01', 'evaluatie', { financien: 3, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 2 });
// Z1 (P1): intake 2024-01-10; 2024-02-10 F up; LATEST 2024-03-20 F up but H down → no progress (the latest counts).
zrm(1, '2024-01-10', 'intake', { financien: 2, huisvesting: 2, sociaal_netwerk: 2, werk_opleiding: 2 });
zrm(1, '2024-02-10', 'evaluatie', { financien: 3, huisvesting: 2, sociaal_netwerk: 2, werk_opleiding: 2 });
zrm(1, '2024-03-20', 'evaluatie', { financien: 3, huisvesting: 1, sociaal_netwerk: 2, werk_opleiding: 2 });
// Z2 (P2): a single assessment → in no denominator of progress.
zrm(2, '2024-03-01', 'intake', { financien: 1, huisvesting: 1, sociaal_netwerk: 1, werk_opleiding: 1 });
// Z3 (P3): intake 2023-06-01; uitstroom 2024-03-15: F up, W down (3→2) → no progress; basisvoorwaarden F4 H3 S3 and
// T3 (werk OR tijdsbesteding ≥ 3) → met.
zrm(3, '2023-06-01', 'intake', { financien: 3, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 3 });
zrm(3, '2024-03-15', 'uitstroom', { financien: 4, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 2, tijdsbesteding: 3 });
// Z4 (P4): intake 2023-09-01; uitstroom 2024-02-01 all ≥ 3 (met); a LATER uitstroom 2024-03-25 with F2 (not met).
zrm(4, '2023-09-01', 'intake', { financien: 2, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 3 });
zrm(4, '2024-02-01', 'uitstroom', { financien: 3, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 3 });
zrm(4, '2024-03-25', 'uitstroom', { financien: 2, huisvesting: 3, sociaal_netwerk: 3, werk_opleiding: 3 });
const ZRM = csv('zrm.csv', 'bsn,clientnummer,datum,moment,versie,domein,score,plannummer', zrmRows);

// GAS plan goals. Plan G1 (P0, team Noordteam): 0 (w1), −1 (w2), +2 (w1); plan G2 (P1, team Zuidteam): −2 (w1) and a
// goal not yet evaluated; plan G3 (P3): +1 evaluated in Q2.
const GOALS = csv('plandoelen.csv', 'plannummer,doelnummer,bsn,clientnummer,leefgebied,startdatum,evaluatiedatum,gas_score,gewicht,team', [
  ['G1', '1', BSNS[0], '', 'financien', '2023-11-01', '2024-02-15', 0, 1, 'Noordteam'],
  ['G1', '2', BSNS[0], '', 'huisvesting', '2023-11-01', '2024-02-15', -1, 2, 'Noordteam'],
  ['G1', '3', BSNS[0], '', 'sociaal_netwerk', '2023-11-01', '2024-02-15', 2, 1, 'Noordteam'],
  ['G2', '1', BSNS[1], '', 'financien', '2024-01-10', '2024-03-10', -2, 1, 'Zuidteam'],
  ['G2', '2', BSNS[1], '', 'huisvesting', '2024-01-10', '', '', 1, 'Zuidteam'],
  ['G3', '1', BSNS[3], '', 'financien', '2023-06-01', '2024-05-01', 1, 1, 'Noordteam'],
]);

// Outcome records. O1: P0's Wmo trajectory at A judged by the cliënt (ja) AND the aanbieder (nee) — one trajectory;
// O2: P1 jeugd at A, aanbieder nee; O3: P3 Wmo at B, aanbieder ja.
const OUTCOMES = csv('uitkomsten.csv', 'bsn,clientnummer,wet,agb,productcategorie,toewijzingnummer,einddatum,zonder_hulp_verder,doelen_bereikt,tevreden,informant', [
  [BSNS[0], '', 'wmo', A, '02', '', '2024-02-20', 'ja', 'ja', 'ja', 'client'],
  [BSNS[0], '', 'wmo', A, '02', '', '2024-02-20', 'nee', 'deels', '', 'aanbieder'],
  [BSNS[1], '', 'jeugd', A, '45', '', '2024-03-10', 'nee', 'nee', '', 'aanbieder'],
  [BSNS[3], '', 'wmo', B, '02', '', '2024-03-31', 'ja', 'ja', '', 'aanbieder'],
]);

// Cliëntervaring 2024: Wmo QoL 150 of 200 agree; Wmo toegang (other theme) 180 of 200; Jeugd QoL 60 of 100.
const EXPERIENCE = csv('clientervaring.csv', 'jaar,wet,vraagnummer,vraag,thema,respondenten,eens,neutraal,oneens', [
  [2024, 'wmo', '9', 'De ondersteuning verbetert mijn kwaliteit van leven', 'kwaliteit_van_leven', 200, 150, 30, 20],
  [2024, 'wmo', '1', 'Ik wist waar ik moest zijn', 'toegang', 200, 180, 10, 10],
  [2024, 'jeugd', '9', 'Door de hulp gaat het beter met mijn kind', 'kwaliteit_van_leven', 100, 60, 20, 20],
]);

// Participatiewet benefits (X = person index 10…15). Noord = 9001AA, Zuid = 9001BB.
const BENEFITS = csv('uitkeringen.csv', 'bsn,clientnummer,geboortejaar,geslacht,postcode,huisnummer,regeling,startdatum,einddatum,reden_einde,huishouden,kinderen', [
  [BSNS[10], '', 1980, 'V', '9001AA', '10', 'bijstand', '2018-05-01', '', '', 'paar_met_kinderen', 2], // B1 long-term, 2 children
  [BSNS[11], '', 1985, 'V', '9001BB', '11', 'bijstand', '2019-12-31', '', '', 'alleenstaande_ouder', 1], // B2 exactly 5 years on 2024-12-31
  [BSNS[12], '', 1990, 'M', '9001AA', '12', 'bijstand', '2023-01-01', '2024-06-30', 'werk', 'alleenstaand', 0], // B3 to work
  [BSNS[13], '', 1995, 'M', '9001BB', '13', 'bijstand', '2024-02-01', '2024-09-30', 'werk', 'alleenstaand', 0], // B4 starts and ends in 2024
  [BSNS[14], '', 1960, 'M', '9001AA', '14', 'ioaw', '2020-01-01', '', '', 'alleenstaand', 0], // B5 IOAW, not bijstand
  [BSNS[15], '', 1970, 'V', '9001BB', '15', 'bijstand', '2022-01-01', '2024-03-31', 'verhuizing', 'alleenstaand', 0], // B6 moved away
]);

describe.each(ENGINES)('better-off indicators, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, [ZRM, GOALS, OUTCOMES, EXPERIENCE, BENEFITS], AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('zrm_progress_pct: the latest assessment in P against the first, ≥ 1 domain up and none down', async () => {
    // Latest assessment in 2024-Q1 with an earlier one: Z0 (02-01: F up), Z1 (03-20: F up, H down), Z3 (03-15: F up,
    // W down), Z4 (03-25: equal to the intake). Z2 has one assessment only. Progress: Z0 → 1 / 4 = 25 %.
    // (Z1's earlier 02-10 assessment was up-only: it must not count, the latest one decides.)
    await expectCell(k, 'zrm_progress_pct', '2024-Q1', { n: 1, d: 4, v: 25 });
    // February alone: Z0 (02-01, up), Z1 (02-10, up only), Z4 (02-01, F 2→3 up) → 3 / 3.
    await expectCell(k, 'zrm_progress_pct', '2024-02', { n: 3, d: 3, v: 100 });
  });

  it('basic_conditions_met_pct: the latest uitstroom assessment in P with the basisvoorwaarden ≥ 3', async () => {
    // Uitstroom in Q1: Z3 (03-15: F4 H3 S3, W2 but T3 → met) and Z4 (latest uitstroom 03-25: F2 → not met; its
    // earlier 02-01 uitstroom was met but is not the latest). 1 / 2 = 50 %.
    await expectCell(k, 'basic_conditions_met_pct', '2024-Q1', { n: 1, d: 2, v: 50 });
    // February: Z4's 02-01 uitstroom is the latest in that month → 1 / 1.
    await expectCell(k, 'basic_conditions_met_pct', '2024-02', { n: 1, d: 1, v: 100 });
  });

  it('goal_attainment_pct and goal_attainment_t_score (Kiresuk–Sherman, ρ = 0.3)', async () => {
    // Goals evaluated in Q1: G1 0 ✓, −1 ✗, +2 ✓; G2 −2 ✗ (G2's second goal is not evaluated) → 2 / 4 = 50 %.
    await expectCell(k, 'goal_attainment_pct', '2024-Q1', { n: 2, d: 4, v: 50 });
    await expectCell(k, 'goal_attainment_pct', '2024-Q1', { n: 2, d: 3, v: 66.67 }, 'team', 'Noordteam');
    // T-scores: G1 Σwx = 0 − 2 + 2 = 0 → T = 50 (unweighted it would be 54.6); G2 Σwx = −2, √(0.7·1 + 0.3·1) = 1
    // → T = 30. Mean of 2 plans = 40.
    await expectCell(k, 'goal_attainment_t_score', '2024-Q1', { n: 80, d: 2, v: 40 });
    await expectCell(k, 'goal_attainment_t_score', '2024-Q2', { n: 60, d: 1, v: 60 }); // G3: +1 → 50 + 10·1/1
  });

  it('continues_without_help_pct: one outcome per ended trajectory, the cliënt’s own judgement first', async () => {
    // Trajectories ended in Q1 with an outcome: P0/wmo/A (cliënt ja — the aanbieder's nee does not count twice),
    // P1/jeugd/A (nee), P3/wmo/B (ja) → 2 / 3 = 66.67 %. Wmo 2 / 2, Jeugd 0 / 1.
    await expectCell(k, 'continues_without_help_pct', '2024-Q1', { n: 2, d: 3, v: 66.67 });
    await expectCell(k, 'continues_without_help_pct', '2024-Q1', { n: 2, d: 2, v: 100 }, 'wet', 'wmo');
    await expectCell(k, 'continues_without_help_pct', '2024-Q1', { n: 0, d: 1, v: 0 }, 'wet', 'jeugd');
  });

  it('experienced_effect_pct: respondents agreeing on the quality-of-life questions', async () => {
    // (150 + 60) / (200 + 100) = 70 %; the toegang question is another theme. Wmo alone 150 / 200 = 75 %.
    await expectCell(k, 'experienced_effect_pct', '2024', { n: 210, d: 300, v: 70 });
    await expectCell(k, 'experienced_effect_pct', '2024', { n: 150, d: 200, v: 75 }, 'wet', 'wmo');
  });

  it('bijstand_exit_to_work_pct: ended because of work in P / bijstand running on the first day', async () => {
    // 2024: ended with werk: B3 (06-30) and B4 (09-30, started in 2024) = 2. Running on 2024-01-01: B1, B2, B3, B6 = 4
    // (B5 is IOAW, B4 starts later). 2 / 4 = 50 %.
    await expectCell(k, 'bijstand_exit_to_work_pct', '2024', { n: 2, d: 4, v: 50 });
    // Q1: none ended with werk (B6 ended 03-31 verhuizing) → 0 / 4.
    await expectCell(k, 'bijstand_exit_to_work_pct', '2024-Q1', { n: 0, d: 4, v: 0 });
  });

  it('bijstand_long_term_pct: running on the last day of P, started more than 5 years before', async () => {
    // Running on 2024-12-31: B1 (2018-05-01 → yes) and B2 (2019-12-31: exactly 5 years, not more → no) → 1 / 2.
    await expectCell(k, 'bijstand_long_term_pct', '2024', { n: 1, d: 2, v: 50 });
    // The benefits source's latest date is 2024-09-30 (B4's end): no 2025 figures are made from it.
    expect(await cell(k, 'bijstand_long_term_pct', '2025-Q1')).toBeUndefined();
  });

  it('bbv_bijstand_per_10000 and bbv_children_benefit_household_pct on the last day of P', async () => {
    // 2024-12-31: B1, B2 running → 2 / 800 inhabitants 18+ × 10 000 = 25.
    await expectCell(k, 'bbv_bijstand_per_10000', '2024', { n: 2, d: 800, v: 25 });
    // 2024-03-31: B1, B2, B3, B4 and B6 (ends that day, still running on it) → 5 / 800 × 10 000 = 62.5.
    await expectCell(k, 'bbv_bijstand_per_10000', '2024-Q1', { n: 5, d: 800, v: 62.5 });
    // Children in bijstand households on 2024-12-31: B1 2 + B2 1 = 3 / 200 inhabitants 0–17 = 1.5 %;
    // Noord (B1) 2 / 100 = 2 %, Zuid (B2) 1 / 100 = 1 %.
    await expectCell(k, 'bbv_children_benefit_household_pct', '2024', { n: 3, d: 200, v: 1.5 });
    await expectCell(k, 'bbv_children_benefit_household_pct', '2024', { n: 2, d: 100, v: 2 }, 'wijk', 'WK900100');
    await expectCell(k, 'bbv_children_benefit_household_pct', '2024', { n: 1, d: 100, v: 1 }, 'wijk', 'WK900101');
  });
});
