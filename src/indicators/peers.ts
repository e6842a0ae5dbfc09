/**
 * Comparisons with peers (issue 4): the gemeente's own disclosed figure beside the official CBS
 * figures (imported through the tabular source cbs_reference into peer_reference, the
 * importing gemeente's own copy) for Nederland, its province, the gemeenten of its size class and the peers it
 * chose, and its own official CBS figure with the difference explained in plain Dutch.
 */
import { sql, type Db } from '../db/index.js';
import { CBS_MEASURES, NETHERLANDS, gemeentenInSizeClass, regionByCode, sizeClassLabel, sizeClassOf, type Region } from '../model/regions.js';
import { CBS_PROVINCES } from '../model/cbs-regions.js';
import type { IndicatorDefinition } from './catalogue.js';
import type { DisclosureProfile } from './disclosure.js';
import { readResults } from './results.js';

export const NO_REFERENCE_TEXT = 'Geen gegevens: importeer CBS-cijfers (bron cbs_reference).';

export type ComparisonKind = 'eigen' | 'cbs_eigen' | 'land' | 'provincie' | 'grootteklasse_gemiddelde' | 'grootteklasse_mediaan' | 'peer';

export interface ComparisonRow {
  kind: ComparisonKind;
  code: string | null;
  label: string;
  value: number | null;
  /** Gemeenten the average or median is over (size class only). */
  count?: number;
  provisional?: boolean;
  suppressed?: boolean;
  source: 'koers' | 'cbs';
  /** The bron of the imported figure (CBS unless the file said otherwise, e.g. the demo's made-up figures). */
  sourceName?: string;
}

export interface PeerComparison {
  indicator: string;
  unit: string;
  period: string;
  periods: string[];
  comparable: boolean;
  hasReference: boolean;
  message: string | null;
  gemeente: { code: string; name: string; province: { code: string; name: string } | null; sizeClass: { id: string; label: string } | null };
  rows: ComparisonRow[];
  /** Own figure against the official CBS figure for the same gemeente and period. */
  official: { own: number | null; cbs: number; difference: number | null; relative: number | null; explanation: string[] } | null;
}

/** Province and inhabitants of a gemeente: the code table, else gemeente_region (a gemeente outside the CBS indeling). */
export async function gemeenteRegion(db: Db, gemeente: string): Promise<Region> {
  const code = `GM${gemeente}`;
  const own = await db.selectFrom('gemeente_region').select(['province_code', 'inhabitants']).where('gemeente_code', '=', gemeente).executeTakeFirst();
  const known = regionByCode(code);
  const name = (await db.selectFrom('gemeente').select('name').where('gemeente_code', '=', gemeente).executeTakeFirst())?.name ?? known?.name ?? code;
  if (own) return { code, kind: 'gemeente', name, province: own.province_code, inhabitants: own.inhabitants ?? known?.inhabitants ?? null };
  return { code, kind: 'gemeente', name, province: known?.province ?? null, inhabitants: known?.inhabitants ?? null };
}

export async function readPeers(db: Db, gemeente: string): Promise<{ code: string; name: string }[]> {
  const rows = await db.selectFrom('peer_choice').select(['peer_code']).where('gemeente_code', '=', gemeente).orderBy('position').orderBy('peer_code').execute();
  return rows.map((r) => ({ code: r.peer_code, name: regionByCode(r.peer_code)?.name ?? r.peer_code }));
}

export async function replacePeers(db: Db, gemeente: string, codes: string[], setBy: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('peer_choice').where('gemeente_code', '=', gemeente).execute();
    if (codes.length) await trx.insertInto('peer_choice').values(codes.map((c, i) => ({ gemeente_code: gemeente, peer_code: c, position: i, set_by: setBy }))).execute();
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;
const nl = (x: number) => String(round(x)).replace('.', ',');

/** Why the own figure and the CBS figure differ, in plain Dutch (B1). */
export function explainDifference(own: number, cbs: number, opts: { ownProvisional: boolean; cbsProvisional: boolean; unit: string }): string[] {
  const diff = own - cbs;
  const rel = cbs !== 0 ? Math.abs(diff / cbs) * 100 : null;
  const unit = opts.unit === '%' ? ' procentpunt' : '';
  const lines: string[] = [];
  if (Math.abs(diff) < 1e-9) lines.push('Het eigen cijfer is gelijk aan het cijfer van het CBS.');
  else lines.push(`Het eigen cijfer is ${nl(Math.abs(diff))}${unit} ${diff > 0 ? 'hoger' : 'lager'} dan het cijfer van het CBS${rel !== null ? ` (${nl(rel)}% ${rel < 2 ? ': een klein verschil' : 'verschil'})` : ''}.`);
  lines.push(`Tijd: het CBS telt met definitieve gegevens, die het pas maanden na de periode krijgt. Koers rekent met de berichten en bestanden die nu binnen zijn${opts.ownProvisional ? '; het eigen cijfer is nog voorlopig en kan nog veranderen' : ''}.${opts.cbsProvisional ? ' Ook het CBS-cijfer is nog voorlopig.' : ''}`);
  lines.push('Definitie: het CBS voegt trajecten samen per hulpvorm en aanbieder en telt iedere persoon één keer per periode. Koers volgt dezelfde telregels, maar kleine verschillen in het samenvoegen en in het aantal inwoners (de noemer, ander peilmoment) geven een ander cijfer.');
  lines.push('Registratie: het CBS krijgt de gegevens van gemeenten en aanbieders via eigen leveringen. Wat ontbreekt, later is gecorrigeerd of anders is vastgelegd, telt daar anders mee dan in Koers.');
  return lines;
}

const periodTypeOf = (key: string) => (/^\d{4}$/.test(key) ? 'year' : /-H/.test(key) ? 'halfyear' : /-Q/.test(key) ? 'quarter' : 'month');

export async function comparePeers(db: Db, d: IndicatorDefinition, q: { gemeente: string; period: string | null; profile: DisclosureProfile }): Promise<PeerComparison> {
  const region = await gemeenteRegion(db, q.gemeente);
  const province = region.province ? { code: region.province, name: CBS_PROVINCES[region.province] ?? region.province } : null;
  const sizeClass = region.inhabitants !== null ? sizeClassOf(region.inhabitants) : null;
  const comparable = Object.hasOwn(CBS_MEASURES, d.id);
  const periods = (await sql<{ period: string }>`select distinct period from peer_reference where gemeente_code = ${q.gemeente} and indicator_id = ${d.id} order by period desc`.execute(db)).rows.map((r) => r.period);
  const period = q.period ?? periods.find((p) => /^\d{4}$/.test(p)) ?? periods[0] ?? String(new Date().getFullYear() - 1);
  const base: PeerComparison = {
    indicator: d.id, unit: d.unit, period, periods, comparable, hasReference: periods.length > 0, message: null,
    gemeente: { code: region.code, name: region.name, province, sizeClass: sizeClass ? { id: sizeClass, label: sizeClassLabel(sizeClass) } : null },
    rows: [], official: null,
  };
  const ownRow = (await readResults(db, d, { gemeente: q.gemeente, periodType: periodTypeOf(period), period, by: null, profile: q.profile }))[0];
  const own: ComparisonRow = { kind: 'eigen', code: region.code, label: `${region.name} (eigen cijfer Koers)`, value: ownRow?.value ?? null, provisional: ownRow ? ownRow.status === 'provisional' : undefined, suppressed: ownRow?.suppressed ?? false, source: 'koers' };
  base.rows.push(own);
  if (!periods.length) {
    base.message = comparable ? NO_REFERENCE_TEXT : `Het CBS publiceert voor deze indicator geen vergelijkbaar cijfer. ${NO_REFERENCE_TEXT}`;
    return base;
  }

  const peers = await readPeers(db, q.gemeente);
  const similar = sizeClass ? gemeentenInSizeClass(sizeClass).filter((g) => g.code !== region.code) : [];
  const codes = [...new Set([region.code, NETHERLANDS.code, ...(province ? [province.code] : []), ...peers.map((p) => p.code), ...similar.map((g) => g.code)])];
  const ref = (await sql<{ region_code: string; value: number; provisional: boolean; source: string }>`
    select region_code, value, provisional, source from peer_reference where gemeente_code = ${q.gemeente} and indicator_id = ${d.id} and period = ${period} and region_code = any(${codes}::text[])`.execute(db)).rows;
  const byCode = new Map(ref.map((r) => [r.region_code, r]));
  const cbs = (kind: ComparisonKind, code: string, label: string): ComparisonRow => {
    const r = byCode.get(code);
    return { kind, code, label, value: r ? round(Number(r.value)) : null, provisional: r?.provisional ?? undefined, source: 'cbs', ...(r ? { sourceName: r.source } : {}) };
  };
  const official = byCode.get(region.code);
  if (official) base.rows.push(cbs('cbs_eigen', region.code, `${region.name} (CBS)`));
  base.rows.push(cbs('land', NETHERLANDS.code, 'Nederland'));
  if (province) base.rows.push(cbs('provincie', province.code, `Provincie ${province.name}`));
  if (sizeClass) {
    const found = similar.flatMap((g) => { const r = byCode.get(g.code); return r ? [r] : []; });
    const values = found.map((r) => Number(r.value));
    const names = [...new Set(found.map((r) => r.source))];
    const label = `gemeenten met ${sizeClassLabel(sizeClass)}`;
    base.rows.push({ kind: 'grootteklasse_gemiddelde', code: null, label: `Gemiddelde ${label}`, value: values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null, count: values.length, source: 'cbs', ...(names.length ? { sourceName: names.join(', ') } : {}) });
    base.rows.push({ kind: 'grootteklasse_mediaan', code: null, label: `Mediaan ${label}`, value: values.length ? round(median(values)) : null, count: values.length, source: 'cbs', ...(names.length ? { sourceName: names.join(', ') } : {}) });
  }
  for (const p of peers) base.rows.push(cbs('peer', p.code, p.name));

  if (official) {
    const cbsValue = round(Number(official.value));
    const ownValue = own.suppressed ? null : own.value;
    base.official = {
      own: ownValue, cbs: cbsValue,
      difference: ownValue === null ? null : round(ownValue - cbsValue),
      relative: ownValue === null || cbsValue === 0 ? null : round(((ownValue - cbsValue) / cbsValue) * 100),
      explanation: ownValue === null
        ? [own.suppressed ? 'Het eigen cijfer is afgeschermd (kleine aantallen), dus Koers laat geen verschil zien.' : 'Koers heeft voor deze periode geen eigen cijfer, dus er is geen verschil te berekenen.']
        : explainDifference(ownValue, cbsValue, { ownProvisional: own.provisional === true, cbsProvisional: official.provisional, unit: d.unit }),
    };
  }
  if (!base.rows.some((r) => r.source === 'cbs' && r.value !== null)) base.message = `Geen CBS-cijfers voor ${period}. Er zijn CBS-cijfers voor: ${periods.slice(0, 8).join(', ')}.`;
  return base;
}
