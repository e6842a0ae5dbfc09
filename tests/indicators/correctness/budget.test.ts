import { afterAll, beforeAll, describe, it } from 'vitest';
import { ENGINES, type TestKoers } from '../../helpers/koers.js';
import { csv, expectCell, importAll, openTestdam } from './helpers.js';

/**
 * budget_realisation_pct, hand-computed: realisatie + verplichtingen from 1 January up to and including
 * the last month of P / the begroting of the year (the amended begroting where there is one), per
 * taakveld and per law. Amounts in the file are euro; the engine counts eurocent (× 100).
 *
 * begroting.csv (euro):
 *   2023 6.71 wmo    begroting            100 000
 *   2024 6.71 wmo    begroting            120 000   replaced by the amended begroting below
 *   2024 6.71 wmo    begroting_gewijzigd  150 000
 *   2024 6.72 jeugd  begroting            200 000   (no amendment: the primitive begroting counts)
 *   2024 6.81 wmo    begroting             40 000
 *   → begroting 2024 = 150 000 + 200 000 + 40 000 = 390 000 (wmo 190 000, jeugd 200 000)
 *
 * Spending (euro), per month unless marked:
 *   2023-12 6.71 realisatie 10 000       the previous year: counts for 2023, never in 2024's year-to-date
 *   2024-01 6.71 realisatie 10 000
 *   2024-02 6.71 realisatie 12 000
 *   2024-02 6.72 realisatie 40 000
 *   2024-03 6.71 realisatie 14 000
 *   2024-03 6.71 verplichting 6 000      committed, not paid yet: counts as well
 *   2024-04 6.71 realisatie −2 000       a credit (a correction of an earlier payment) lowers the total
 *   2024    6.81 realisatie 30 000       a year total without a month: counts only for the year itself
 */
const AS_OF = '2024-12-31';
const BUDGET = csv('begroting.csv', 'jaar,maand,taakveld,productcode,wet,soort,bedrag', [
  [2023, '', '6.71', '', 'wmo', 'begroting', '100000'],
  [2024, '', '6.71', '', 'wmo', 'begroting', '120000'],
  [2024, '', '6.71', '', 'wmo', 'begroting_gewijzigd', '150000'],
  [2024, '', '6.72', '', 'jeugd', 'begroting', '200000'],
  [2024, '', '6.81', '', 'wmo', 'begroting', '40000'],
  [2023, 12, '6.71', '', 'wmo', 'realisatie', '10000'],
  [2024, 1, '6.71', '', 'wmo', 'realisatie', '10000'],
  [2024, 2, '6.71', '', 'wmo', 'realisatie', '12000'],
  [2024, 2, '6.72', '', 'jeugd', 'realisatie', '40000'],
  [2024, 3, '6.71', '', 'wmo', 'realisatie', '14000'],
  [2024, 3, '6.71', '', 'wmo', 'verplichting', '6000'],
  [2024, 4, '6.71', '', 'wmo', 'realisatie', '-2000'],
  [2024, '', '6.81', '', 'wmo', 'realisatie', '30000'],
]);
const ct = (euro: number) => euro * 100;

describe.each(ENGINES)('budget realisation, hand-computed, on %s', (engine) => {
  let k: TestKoers;
  beforeAll(async () => {
    k = await openTestdam(engine, AS_OF);
    await importAll(k, [BUDGET], AS_OF);
  });
  afterAll(async () => { await k?.cleanup(); });

  it('year to date against the begroting of the year, the amended one where there is one', async () => {
    // January: 6.71 10 000 / 390 000 = 2.56 %; December 2023 does not count in 2024.
    await expectCell(k, 'budget_realisation_pct', '2024-01', { n: ct(10000), d: ct(390000), v: 2.56 });
    // Q1 (to the end of March): 6.71 10 000 + 12 000 + 14 000 + 6 000 (verplichting) = 42 000, 6.72 40 000 → 82 000
    // / 390 000 = 21.03 %. 6.81's year total has no month and does not count in a quarter.
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: ct(82000), d: ct(390000), v: 21.03 });
    // Q2: the April credit of −2 000 → 80 000 / 390 000 = 20.51 %.
    await expectCell(k, 'budget_realisation_pct', '2024-Q2', { n: ct(80000), d: ct(390000), v: 20.51 });
    // The year: 6.71 40 000 + 6.72 40 000 + 6.81 30 000 (year total) = 110 000 / 390 000 = 28.21 %.
    await expectCell(k, 'budget_realisation_pct', '2024', { n: ct(110000), d: ct(390000), v: 28.21 });
    // 2023: December's 10 000 against 2023's own begroting of 100 000.
    await expectCell(k, 'budget_realisation_pct', '2023', { n: ct(10000), d: ct(100000), v: 10 });
  });

  it('per taakveld and per law', async () => {
    // 6.71 against its amended begroting (150 000, not the primitive 120 000): Q1 42 000 → 28 %; Q2 40 000 → 26.67 %.
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: ct(42000), d: ct(150000), v: 28 }, 'taakveld', '6.71');
    await expectCell(k, 'budget_realisation_pct', '2024-Q2', { n: ct(40000), d: ct(150000), v: 26.67 }, 'taakveld', '6.71');
    // 6.72 against its primitive begroting: 40 000 / 200 000 = 20 %.
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: ct(40000), d: ct(200000), v: 20 }, 'taakveld', '6.72');
    // 6.81 has only a year total: nothing year-to-date in Q1 (0 %), 30 000 / 40 000 = 75 % for the year.
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: 0, d: ct(40000), v: 0 }, 'taakveld', '6.81');
    await expectCell(k, 'budget_realisation_pct', '2024', { n: ct(30000), d: ct(40000), v: 75 }, 'taakveld', '6.81');
    // Per law in Q1: wmo 42 000 / (150 000 + 40 000) = 22.11 %; jeugd 40 000 / 200 000 = 20 %.
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: ct(42000), d: ct(190000), v: 22.11 }, 'wet', 'wmo');
    await expectCell(k, 'budget_realisation_pct', '2024-Q1', { n: ct(40000), d: ct(200000), v: 20 }, 'wet', 'jeugd');
  });
});
