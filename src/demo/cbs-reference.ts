/**
 * The demo's CBS reference file (cbs-referentie.csv, tabular source cbs_reference): figures to
 * compare Koersdam with, in the wide form of a CBS StatLine download ("CSV met puntkomma").
 * Every figure is MADE UP (deterministic from the region code, measure and year, in a plausible
 * range) and says so in the bron column: not copied from the CBS. Regions: Nederland, the
 * province Utrecht (Koersdam, a fictional gemeente, is placed there in the demo), Koersdam itself
 * (GM9001, a fictional "official" figure to show the own-vs-CBS difference) and the gemeenten of
 * Koersdam's size class (50 000 to 100 000 inhabitants), so the comparison page has every row.
 */
import { gemeentenInSizeClass } from '../model/regions.js';

export const DEMO_PROVINCE = 'PV26';
export const DEMO_SIZE_CLASS = '50000-100000';
const SOURCE = 'Koers-demo (verzonnen cijfers, niet van het CBS)';

/** Plausible ranges per measure (made up, round numbers). */
const RANGES: [string, string, number, number, number][] = [
  ['wmo_clients_per_1000', 'Wmo-cliënten per 1 000 inwoners', 45, 72, 1],
  ['bbv_youth_jeugdhulp_pct', 'Jongeren met jeugdhulp (%)', 8, 13.5, 1],
  ['bbv_bijstand_per_10000', 'Personen met bijstand per 10 000 inwoners', 140, 380, 0],
];

/** A number in [0, 1) from a string (FNV-1a), so the file is the same on every run. */
function unit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h / 2 ** 32;
}

export function cbsReferenceCsv(asOf: string): string {
  const last = Number(asOf.slice(0, 4)) - 1;
  const years = [last - 3, last - 2, last - 1, last];
  const regions: [string, string][] = [['NL01', 'Nederland'], [DEMO_PROVINCE, 'Utrecht (PV)'], ['GM9001', 'Koersdam'], ...gemeentenInSizeClass(DEMO_SIZE_CLASS).map((g) => [g.code, g.name] as [string, string])];
  const lines = [['RegioS_code', "Regio's", 'Perioden', ...RANGES.map((r) => r[1]), 'Bron'].map((h) => `"${h}"`).join(';')];
  for (const [code, name] of regions) {
    for (const year of years) {
      const values = RANGES.map(([id, , lo, hi, decimals]) => {
        // The newest year of a few gemeenten is unknown ("."), as in real StatLine tables.
        if (code.startsWith('GM') && code !== 'GM9001' && year === last && unit(`${code}|missing|${id}`) < 0.1) return '.';
        const base = lo + (hi - lo) * (code.startsWith('GM') ? unit(`${code}|${id}`) : code === 'NL01' ? 0.5 : 0.42);
        const trend = (year - years[0]!) * (hi - lo) * 0.01;
        return (base + trend).toFixed(decimals).replace('.', ',');
      });
      lines.push([code, name, String(year), ...values, SOURCE].map((v) => `"${v}"`).join(';'));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
