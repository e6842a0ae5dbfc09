import { expect } from 'vitest';
import { addGemeente } from '../../../src/app/koers.js';
import { findIndicator, readResults } from '../../../src/indicators/index.js';
import type { Dimension } from '../../../src/indicators/definition.js';
import type { InputFile } from '../../../src/ingest/inputs.js';
import { file, WIJKEN_GEOJSON, POSTCODES_CSV } from '../../helpers/fixtures.js';
import { openTestKoers, type TestKoers } from '../../helpers/koers.js';
import type { Header, Std } from '../../helpers/messages.js';

/**
 * Shared set-up of the hand-computed correctness tests: gemeente 9001 "Testdam" with two wijken
 * (Noord WK900100 = postcode 9001AA, Zuid WK900101 = postcode 9001BB) and a small population with
 * chosen ages, the same on 1 January 2024 and 2025:
 *
 *   wijk   age sex inhabitants
 *   Noord   10  M    50
 *   Noord   17  V    50
 *   Noord   40  M   200
 *   Noord   70  V   300      Noord total 600
 *   Zuid     5  M   100
 *   Zuid    20  V   100
 *   Zuid    45  M   200      Zuid total 400
 *
 * Totals: all 1 000; 0–17: 200 (Noord 100, Zuid 100); 12–22: 150 (17 V 50 + 20 V 100);
 * 18+: 800 (Noord 500, Zuid 300).
 */
export const G = '9001';
export const NOORD = 'WK900100';
export const ZUID = 'WK900101';
export const BEVOLKING = ['jaar,gemeente,wijk,leeftijd,geslacht,inwoners',
  ...[2024, 2025].flatMap((y) => [
    `${y},9001,${NOORD},10,M,50`, `${y},9001,${NOORD},17,V,50`, `${y},9001,${NOORD},40,M,200`, `${y},9001,${NOORD},70,V,300`,
    `${y},9001,${ZUID},5,M,100`, `${y},9001,${ZUID},20,V,100`, `${y},9001,${ZUID},45,M,200`,
  ])].join('\n') + '\n';

/** Valid test BSNs (elfproef), one per hand-computed person. */
export const BSNS = ['999900006', '111222333', '123456782', '100000010', '999999990', '100000022', '100000034', '100000046', '100000058', '100000071',
  '100000083', '100000095', '100000101', '100000113', '100000125', '100000137', '100000149', '100000150', '100000162', '100000174'];

export const header = (std: Std, id: string, dag: string, agb = '99000001'): Header => ({ std, gemeente: G, agb, id, dag });

export const csv = (name: string, head: string, rows: (string | number | null | undefined)[][]): InputFile =>
  file(name, [head, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))).join(','))].join('\n') + '\n');

/** Opens Koers on the engine, registers Testdam and imports the wijken, postcodes and population. */
export async function openTestdam(engine: 'pglite' | 'postgres', asOf: string): Promise<TestKoers> {
  const k = await openTestKoers(engine, { xsd: false });
  await addGemeente(k.db, G, 'Testdam');
  const ref = await k.importFiles([file('wijken.geojson', WIJKEN_GEOJSON), file('postcodes.csv', POSTCODES_CSV), file('bevolking.csv', BEVOLKING)], { source: 'test', asOf });
  expect(ref.rejected).toBe(0);
  return k;
}

/** Imports a hand-built dataset through the normal import path and checks every file and record was accepted. */
export async function importAll(k: TestKoers, files: InputFile[], asOf: string): Promise<void> {
  const s = await k.importFiles(files, { source: 'test', asOf });
  const bad = s.files.filter((f) => f.status !== 'accepted');
  expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
  expect(s.rejected).toBe(0);
}

export interface Cell { numerator: number | null; denominator: number | null; value: number | null; status: string; area: string; breakdown: Record<string, string> }

/** One stored cell, unsuppressed (the analyst's view): the gemeente total or a breakdown cell (`by` + the wijk code or value). */
export async function cell(k: TestKoers, id: string, period: string, by?: Dimension, key?: string): Promise<Cell | undefined> {
  const d = findIndicator(id);
  if (!d) throw new Error(`unknown indicator ${id}`);
  const periodType = /^\d{4}$/.test(period) ? 'year' : /-H\d$/.test(period) ? 'halfyear' : /-Q\d$/.test(period) ? 'quarter' : 'month';
  const rows = await readResults(k.db, d, { gemeente: G, periodType, period, by: by ?? null, profile: 'none' });
  const r = by ? rows.find((x) => (by === 'wijk' ? x.area === key : x.breakdown[by] === key)) : rows[0];
  return r && { numerator: r.numerator, denominator: r.denominator, value: r.value, status: r.status, area: r.area, breakdown: r.breakdown };
}

/** Asserts numerator, denominator and value (rounded to 2 decimals as readResults does) and optionally the status. */
export async function expectCell(k: TestKoers, id: string, period: string, want: { n: number | null; d: number | null; v: number | null; status?: 'provisional' | 'final' }, by?: Dimension, key?: string) {
  const c = await cell(k, id, period, by, key);
  expect(c, `${id} ${period}${by ? ` ${by}=${key}` : ''} has no stored cell`).toBeDefined();
  const got = { n: c!.numerator, d: c!.denominator, v: c!.value, ...(want.status ? { status: c!.status } : {}) };
  expect(got, `${id} ${period}${by ? ` ${by}=${key}` : ''}`).toEqual(want);
}
