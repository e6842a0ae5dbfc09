/**
 * CBS regions and periods as they appear in StatLine exports (pure functions, no I/O):
 * region codes and names (Nederland NL01, provinces PV20–PV31, the 342 gemeenten of the project
 * code table cbs-regions.ts), CBS period codes, and the inhabitants size classes used to find
 * similar gemeenten.
 */
import { CBS_GEMEENTEN, CBS_PROVINCES } from './cbs-regions.js';

export type RegionKind = 'gemeente' | 'provincie' | 'land';
export interface Region { code: string; kind: RegionKind; name: string; province: string | null; inhabitants: number | null }

/** CBS gemeentegrootteklassen (inhabitants), as used in StatLine. */
export const SIZE_CLASSES = [
  { id: 'lt5000', label: 'minder dan 5 000 inwoners', max: 4_999 },
  { id: '5000-10000', label: '5 000 tot 10 000 inwoners', max: 9_999 },
  { id: '10000-20000', label: '10 000 tot 20 000 inwoners', max: 19_999 },
  { id: '20000-50000', label: '20 000 tot 50 000 inwoners', max: 49_999 },
  { id: '50000-100000', label: '50 000 tot 100 000 inwoners', max: 99_999 },
  { id: '100000-150000', label: '100 000 tot 150 000 inwoners', max: 149_999 },
  { id: '150000-250000', label: '150 000 tot 250 000 inwoners', max: 249_999 },
  { id: 'ge250000', label: '250 000 inwoners of meer', max: Infinity },
] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number]['id'];

export function sizeClassOf(inhabitants: number): SizeClass {
  return SIZE_CLASSES.find((c) => inhabitants <= c.max)!.id;
}
export const sizeClassLabel = (id: string) => SIZE_CLASSES.find((c) => c.id === id)?.label ?? id;

export const NETHERLANDS: Region = { code: 'NL01', kind: 'land', name: 'Nederland', province: null, inhabitants: null };

const BY_CODE = new Map<string, Region>([
  ['NL01', NETHERLANDS],
  ...Object.entries(CBS_PROVINCES).map(([code, name]) => [code, { code, kind: 'provincie', name, province: null, inhabitants: null }] as [string, Region]),
  ...CBS_GEMEENTEN.map(([code, name, province, inhabitants]) => [code, { code, kind: 'gemeente', name, province, inhabitants }] as [string, Region]),
]);

/** The region of a CBS code (NL01, PV27, GM0363), or undefined when Koers does not know it. */
export function regionByCode(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/** Every gemeente of the code table in the given size class (by the 2023 population). */
export function gemeentenInSizeClass(sizeClass: string): Region[] {
  return [...BY_CODE.values()].filter((r) => r.kind === 'gemeente' && r.inhabitants !== null && sizeClassOf(r.inhabitants) === sizeClass);
}

export function allGemeenten(): Region[] {
  return [...BY_CODE.values()].filter((r) => r.kind === 'gemeente');
}

/** Lower case, no diacritics, single spaces, no dots. */
const nameKey = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();

const GEMEENTE_NAMES = new Map<string, string>();
const PROVINCE_NAMES = new Map<string, string>();
for (const [code, name] of CBS_GEMEENTEN) {
  GEMEENTE_NAMES.set(nameKey(name), code);
  // "Hengelo (O.)" is also found as "Hengelo (O)" (dots dropped by nameKey) and, when unique, as "Hengelo".
  const bare = nameKey(name.replace(/\s*\([^)]*\)\s*$/, ''));
  if (bare !== nameKey(name) && !CBS_GEMEENTEN.some(([c, n]) => c !== code && nameKey(n.replace(/\s*\([^)]*\)\s*$/, '')) === bare)) GEMEENTE_NAMES.set(bare, code);
}
for (const [code, name] of Object.entries(CBS_PROVINCES)) PROVINCE_NAMES.set(nameKey(name), code);
PROVINCE_NAMES.set('friesland', 'PV21');

export type ResolvedRegion = { ok: true; region: Region } | { ok: false; reason: string };

/**
 * A region as StatLine writes it: a code (GM0363, 0363, PV27, NL01, NL00) or a name ("Amsterdam",
 * "Nederland", "Utrecht (PV)", "Utrecht (gemeente)", "Bergen (NH.)", "Fryslân"). A bare name that
 * is both a gemeente and a province (Groningen, Utrecht) is the gemeente, as in StatLine, which
 * marks the province "(PV)". Codes of gemeenten outside the code table (a fictional or new
 * gemeente) are accepted as gemeente.
 */
export function resolveRegion(raw: string): ResolvedRegion {
  const s = raw.trim();
  const code = s.toUpperCase().replace(/\s+/g, '');
  let m: RegExpExecArray | null;
  if (/^NL0[01]$/.test(code) || nameKey(s) === 'nederland') return { ok: true, region: NETHERLANDS };
  if ((m = /^PV(\d{2})$/.exec(code))) {
    const r = BY_CODE.get(`PV${m[1]}`);
    return r ? { ok: true, region: r } : { ok: false, reason: `provinciecode "${s}" bestaat niet (PV20–PV31)` };
  }
  if ((m = /^(?:GM)?(\d{1,4})$/.exec(code))) {
    const gm = `GM${m[1]!.padStart(4, '0')}`;
    return { ok: true, region: BY_CODE.get(gm) ?? { code: gm, kind: 'gemeente', name: gm, province: null, inhabitants: null } };
  }
  const key = nameKey(s);
  if ((m = /^(.*?)\s*\((pv|provincie)\)$/.exec(key))) {
    const pv = PROVINCE_NAMES.get(m[1]!);
    return pv ? { ok: true, region: BY_CODE.get(pv)! } : { ok: false, reason: `provincie "${s}" is onbekend` };
  }
  const asGemeente = key.replace(/\s*\((gemeente|gem)\)$/, '');
  const gm = GEMEENTE_NAMES.get(asGemeente) ?? GEMEENTE_NAMES.get(key);
  if (gm) return { ok: true, region: BY_CODE.get(gm)! };
  const pv = PROVINCE_NAMES.get(key);
  if (pv) return { ok: true, region: BY_CODE.get(pv)! };
  return { ok: false, reason: `regio "${s}" is onbekend: gebruik de CBS-code (GM0363, PV27 of NL01) of de gemeentenaam van de CBS-indeling 2026` };
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A CBS period as a Koers period key (2024, 2024-H1, 2024-Q1, 2024-03): the codes of the CBS open
 * data (2024JJ00, 2024HJ01, 2024KW01, 2024MM03), the StatLine labels ("2024", "2024 1e halfjaar",
 * "2024 2e kwartaal", "2024 maart"), with a trailing "*" or "(voorlopig)" for provisional figures
 * (`provisional`), and Koers keys themselves. Null when it is not a period.
 */
export function parseCbsPeriod(raw: string): { key: string; provisional: boolean } | null {
  let s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let provisional = false;
  const marked = /\s*(\*+|\((voorlopig|voorlopige cijfers|nader voorlopig)\)|voorlopig)$/.exec(s);
  if (marked) { provisional = true; s = s.slice(0, marked.index).trim(); }
  let m: RegExpExecArray | null;
  const year = (y: string) => { const n = Number(y); return n >= 1900 && n <= 2100; };
  const ok = (key: string) => ({ key, provisional });
  if ((m = /^(\d{4})(?:jj00)?$/.exec(s)) && year(m[1]!)) return ok(m[1]!);
  if ((m = /^(\d{4})(?:hj0?|-h)([12])$/.exec(s)) && year(m[1]!)) return ok(`${m[1]}-H${m[2]}`);
  if ((m = /^(\d{4})(?:kw0?|-q)([1-4])$/.exec(s)) && year(m[1]!)) return ok(`${m[1]}-Q${m[2]}`);
  if ((m = /^(\d{4})(?:mm|-)(0[1-9]|1[0-2])$/.exec(s)) && year(m[1]!)) return ok(`${m[1]}-${m[2]}`);
  if ((m = /^(\d{4}) ([12])e halfjaar$/.exec(s)) && year(m[1]!)) return ok(`${m[1]}-H${m[2]}`);
  if ((m = /^(\d{4}) ([1-4])e kwartaal$/.exec(s)) && year(m[1]!)) return ok(`${m[1]}-Q${m[2]}`);
  if ((m = /^(\d{4}) ([a-z]+)$/.exec(s)) && year(m[1]!) && MONTHS.includes(m[2]!)) return ok(`${m[1]}-${pad2(MONTHS.indexOf(m[2]!) + 1)}`);
  return null;
}

/** A StatLine value: a number (Dutch or English decimals); ".", "x", "-", "?" or empty = unknown (null), never 0. */
export function parseCbsValue(raw: string | number | null | undefined): { ok: true; value: number | null } | { ok: false } {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  const s = raw.trim().replace(/\s+/g, '');
  if (s === '' || /^(\.|x|-|\?|…|\.\.)$/i.test(s)) return { ok: true, value: null };
  let t = s;
  if (t.includes(',') && t.includes('.')) t = t.lastIndexOf(',') > t.lastIndexOf('.') ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  else if (t.includes(',')) t = t.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false };
  return { ok: true, value: Number(t) };
}

/**
 * The CBS StatLine subjects Koers can compare with, by Koers indicator id: the label and the header
 * names StatLine exports use for them (GMSD: Gemeentelijke Monitor Sociaal Domein; BBV:
 * beleidsindicatoren waarstaatjegemeente.nl).
 */
export const CBS_MEASURES: Readonly<Record<string, { label: string; aliases: string[] }>> = {
  wmo_clients_per_1000: { label: 'Wmo-cliënten per 1 000 inwoners', aliases: ['Wmo-cliënten per 1 000 inwoners', 'Wmo-cliënten per 1000 inwoners', 'Wmo-cliënten per 1.000 inwoners', 'Personen met Wmo-voorziening per 1 000 inwoners'] },
  bbv_wmo_clients_per_10000: { label: 'Cliënten met een maatwerkarrangement Wmo per 10 000 inwoners', aliases: ['Wmo-cliënten per 10 000 inwoners', 'Wmo-cliënten per 10.000 inwoners', 'Cliënten met een maatwerkarrangement Wmo per 10 000 inwoners', 'Cliënten met een maatwerkarrangement (Wmo) per 10.000 inwoners', 'Maatwerkarrangementen Wmo per 10 000 inwoners'] },
  bbv_youth_jeugdhulp_pct: { label: 'Jongeren met jeugdhulp (%)', aliases: ['Jongeren met jeugdhulp (%)', 'Jongeren met jeugdhulp', '% jongeren met jeugdhulp', 'Jongeren met jeugdhulp in procenten van alle jongeren tot 18 jaar', 'Jongeren met jeugdhulp (% van jongeren tot 18 jaar)'] },
  bbv_youth_jeugdbescherming_pct: { label: 'Jongeren met jeugdbescherming (%)', aliases: ['Jongeren met jeugdbescherming (%)', 'Jongeren met jeugdbescherming', '% jongeren met jeugdbescherming', 'Jongeren met een jeugdbeschermingsmaatregel (%)'] },
  bbv_youth_jeugdreclassering_pct: { label: 'Jongeren met jeugdreclassering (%)', aliases: ['Jongeren met jeugdreclassering (%)', 'Jongeren met jeugdreclassering', '% jongeren met jeugdreclassering', 'Jongeren (12-22 jaar) met jeugdreclassering (%)'] },
  bbv_bijstand_per_10000: { label: 'Personen met bijstand per 10 000 inwoners', aliases: ['Personen met bijstand per 10 000 inwoners', 'Personen met bijstand per 10.000 inwoners', 'Personen met een bijstandsuitkering per 10 000 inwoners', 'Personen met een bijstandsuitkering (per 10.000 inwoners 18 jaar en ouder)'] },
  bbv_children_benefit_household_pct: { label: 'Kinderen in een gezin met een bijstandsuitkering (%)', aliases: ['Kinderen in uitkeringsgezin (%)', 'Kinderen in een uitkeringsgezin (%)', 'Kinderen in een gezin met een bijstandsuitkering (%)'] },
};
