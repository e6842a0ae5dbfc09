import { parse } from 'csv-parse/sync';
import { sql, type Db } from '../db/index.js';
import { isIsoDate } from '../model/dates.js';
import { InputError } from './errors.js';

/**
 * Reference sources in Koers' own documented formats (docs/formats.md): wijk boundaries
 * (CBS GeoJSON), population, postcode → wijk, and contracts with products. Each file is one
 * transaction: it is stored whole or not at all, and a bad row is reported with its line.
 */
export type ReferenceSource = 'wijken' | 'bevolking' | 'postcodes' | 'contracten';

export const CSV_COLUMNS: Record<Exclude<ReferenceSource, 'wijken'>, string[]> = {
  bevolking: ['jaar', 'gemeente', 'wijk', 'leeftijd', 'geslacht', 'inwoners'],
  postcodes: ['gemeente', 'postcode', 'wijk'],
  contracten: ['gemeente', 'contract', 'agb', 'aanbieder', 'wet', 'uitvoeringsvariant', 'toewijzingsvariant', 'ingangsdatum', 'einddatum', 'productcode', 'productcategorie', 'productnaam', 'tarief_cent', 'eenheid'],
};

/** Guesses the source of a file from its name and first line. */
export function detectReferenceSource(name: string, head: string): ReferenceSource | null {
  if (/\.(geo)?json$/i.test(name) && /"FeatureCollection"/.test(head)) return 'wijken';
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.toLowerCase();
  const cols = firstLine.split(/[;,]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  for (const [source, expected] of Object.entries(CSV_COLUMNS)) {
    if (expected.every((c) => cols.includes(c))) return source as ReferenceSource;
  }
  return null;
}

interface Row { line: number; get(col: string): string }

function readCsv(text: string, source: Exclude<ReferenceSource, 'wijken'>): Row[] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { delimiter, info: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new InputError(`CSV kan niet gelezen worden: ${err.message}`, err.lines ? `regel ${err.lines}` : null);
  }
  if (!records.length) throw new InputError('het bestand is leeg');
  const header = records[0]!.record.map((c) => c.toLowerCase());
  const missing = CSV_COLUMNS[source].filter((c) => !header.includes(c));
  if (missing.length) throw new InputError(`kolom(men) ontbreken: ${missing.join(', ')} (verwacht: ${CSV_COLUMNS[source].join(', ')})`, 'regel 1');
  const index = new Map(header.map((c, i) => [c, i]));
  return records.slice(1).map((r) => ({ line: r.info.lines, get: (col: string) => r.record[index.get(col)!] ?? '' }));
}

function int(row: Row, col: string, min: number, max: number): number {
  const v = row.get(col);
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new InputError(`${col} "${v}" is geen geheel getal van ${min} tot ${max}`, `regel ${row.line}, kolom ${col}`);
  return Number(v);
}

function gemeenteOf(row: Row, expected: string): string {
  const g = row.get('gemeente').replace(/^GM/i, '');
  if (g !== expected) throw new InputError(`gemeente "${row.get('gemeente')}" hoort niet bij deze import (verwacht ${expected})`, `regel ${row.line}, kolom gemeente`);
  return g;
}

async function ensureGemeente(db: Db, code: string): Promise<void> {
  const g = await db.selectFrom('gemeente').select('gemeente_code').where('gemeente_code', '=', code).executeTakeFirst();
  if (!g) throw new InputError(`gemeente ${code} is niet geregistreerd in Koers. Registreer haar eerst met: koers gemeenten add ${code} "<naam>"`);
}

/** Finds the gemeente a reference file is about (first data row), for files that carry it. */
function firstGemeente(text: string, source: Exclude<ReferenceSource, 'wijken'>): string {
  const rows = readCsv(text, source);
  if (!rows.length) throw new InputError('het bestand heeft geen gegevensregels');
  return rows[0]!.get('gemeente').replace(/^GM/i, '');
}

export async function importReference(db: Db, source: ReferenceSource, text: string, gemeenteHint?: string): Promise<{ gemeente: string; rows: number }> {
  if (source === 'wijken') return importWijken(db, text, gemeenteHint);
  const gemeente = gemeenteHint ?? firstGemeente(text, source);
  await ensureGemeente(db, gemeente);
  const rows = readCsv(text, source);
  if (source === 'bevolking') {
    const cols = { year: [] as number[], area: [] as string[], age: [] as number[], sex: [] as string[], n: [] as number[] };
    const known = new Set((await db.selectFrom('area').select('area_code').where('gemeente_code', '=', gemeente).execute()).map((a) => a.area_code));
    for (const r of rows) {
      gemeenteOf(r, gemeente);
      const wijk = r.get('wijk');
      if (!known.has(wijk)) throw new InputError(`wijk "${wijk}" is onbekend; importeer eerst de wijkgrenzen`, `regel ${r.line}, kolom wijk`);
      const sex = r.get('geslacht').toUpperCase();
      if (!['M', 'V', 'O'].includes(sex)) throw new InputError(`geslacht "${r.get('geslacht')}" moet M, V of O zijn`, `regel ${r.line}, kolom geslacht`);
      cols.year.push(int(r, 'jaar', 1900, 2200)); cols.area.push(wijk); cols.age.push(int(r, 'leeftijd', 0, 120)); cols.sex.push(sex); cols.n.push(int(r, 'inwoners', 0, 10_000_000));
    }
    await db.transaction().execute(async (trx) => {
      const years = [...new Set(cols.year)];
      await sql`delete from population where gemeente_code = ${gemeente} and year = any(${years}::int[])`.execute(trx);
      await sql`insert into population (gemeente_code, year, area_code, age, sex, inhabitants)
        select ${gemeente}, * from unnest(${cols.year}::int[], ${cols.area}::text[], ${cols.age}::int[], ${cols.sex}::text[], ${cols.n}::int[])
        on conflict (gemeente_code, year, area_code, age, sex) do update set inhabitants = excluded.inhabitants`.execute(trx);
    });
    return { gemeente, rows: rows.length };
  }
  if (source === 'postcodes') {
    const pcs: string[] = []; const areas: string[] = [];
    for (const r of rows) {
      gemeenteOf(r, gemeente);
      const pc = r.get('postcode').replace(/\s+/g, '').toUpperCase();
      if (!/^\d{4}[A-Z]{2}$/.test(pc)) throw new InputError(`postcode "${r.get('postcode')}" is geen postcode (1234AB)`, `regel ${r.line}, kolom postcode`);
      pcs.push(pc); areas.push(r.get('wijk'));
    }
    await db.transaction().execute(async (trx) => {
      await sql`insert into postcode_area (gemeente_code, postcode, area_code) select ${gemeente}, * from unnest(${pcs}::text[], ${areas}::text[])
        on conflict (gemeente_code, postcode) do update set area_code = excluded.area_code`.execute(trx);
    });
    return { gemeente, rows: rows.length };
  }
  // contracten
  const contracts = new Map<string, { agb: string; naam: string; wet: string; uv: string; tv: string | null; from: string; to: string | null }>();
  const products: { contract: string; code: string; law: string; cat: string; name: string; tariff: number | null; unit: string | null }[] = [];
  for (const r of rows) {
    gemeenteOf(r, gemeente);
    const at = (col: string) => `regel ${r.line}, kolom ${col}`;
    const agb = r.get('agb');
    if (!/^\d{8}$/.test(agb)) throw new InputError(`AGB-code "${agb}" moet 8 cijfers zijn`, at('agb'));
    const wet = r.get('wet');
    if (!['wmo', 'jeugd'].includes(wet)) throw new InputError(`wet "${wet}" moet wmo of jeugd zijn`, at('wet'));
    const uv = r.get('uitvoeringsvariant');
    if (!['inspanningsgericht', 'outputgericht', 'taakgericht'].includes(uv)) throw new InputError(`uitvoeringsvariant "${uv}" is onbekend`, at('uitvoeringsvariant'));
    const tv = r.get('toewijzingsvariant') || null;
    if (tv && !['specifiek', 'aspecifiek', 'generiek'].includes(tv)) throw new InputError(`toewijzingsvariant "${tv}" is onbekend`, at('toewijzingsvariant'));
    const from = r.get('ingangsdatum'); const to = r.get('einddatum') || null;
    if (!isIsoDate(from)) throw new InputError(`ingangsdatum "${from}" is geen datum (JJJJ-MM-DD)`, at('ingangsdatum'));
    if (to && !isIsoDate(to)) throw new InputError(`einddatum "${to}" is geen datum (JJJJ-MM-DD)`, at('einddatum'));
    const contract = r.get('contract');
    if (!contract) throw new InputError('contract is leeg', at('contract'));
    contracts.set(contract, { agb, naam: r.get('aanbieder') || `Aanbieder ${agb}`, wet, uv, tv, from, to });
    const tariff = r.get('tarief_cent');
    products.push({ contract, code: r.get('productcode'), law: wet, cat: r.get('productcategorie'), name: r.get('productnaam'), tariff: tariff ? int(r, 'tarief_cent', 0, 1e9) : null, unit: r.get('eenheid') || null });
  }
  await db.transaction().execute(async (trx) => {
    for (const [code, c] of contracts) {
      await trx.insertInto('aanbieder').values({ gemeente_code: gemeente, agb_code: c.agb, name: c.naam }).onConflict((oc) => oc.columns(['gemeente_code', 'agb_code']).doUpdateSet({ name: c.naam })).execute();
      await trx.insertInto('contract').values({ gemeente_code: gemeente, contract_code: code, agb_code: c.agb, law: c.wet, uitvoeringsvariant: c.uv, toewijzingsvariant: c.tv, valid_from: c.from, valid_to: c.to })
        .onConflict((oc) => oc.columns(['gemeente_code', 'contract_code']).doUpdateSet({ agb_code: c.agb, law: c.wet, uitvoeringsvariant: c.uv, toewijzingsvariant: c.tv, valid_from: c.from, valid_to: c.to })).execute();
    }
    for (const p of products) {
      await trx.insertInto('product').values({ gemeente_code: gemeente, contract_code: p.contract, product_code: p.code, law: p.law, category_code: p.cat, name: p.name, tariff_cents: p.tariff, unit: p.unit })
        .onConflict((oc) => oc.columns(['gemeente_code', 'contract_code', 'product_code']).doUpdateSet({ law: p.law, category_code: p.cat, name: p.name, tariff_cents: p.tariff, unit: p.unit })).execute();
    }
  }).catch((e) => {
    if (/product_category/.test((e as Error).message)) throw new InputError(`onbekende productcategorie voor de wet: ${(e as Error).message}`);
    throw e;
  });
  return { gemeente, rows: rows.length };
}

async function importWijken(db: Db, text: string, gemeenteHint?: string): Promise<{ gemeente: string; rows: number }> {
  let fc: { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { type?: string } }[] };
  try { fc = JSON.parse(text.replace(/^\uFEFF/, '')); } catch (e) { throw new InputError(`geen geldige JSON: ${(e as Error).message}`); }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError('verwacht een GeoJSON FeatureCollection');
  const rows = fc.features.map((f, i) => {
    const p = f.properties ?? {};
    // Either CBS naming: wijkcode/wijknaam/gemeentecode, or statcode/statnaam (CBS wijk- en buurtkaart).
    const code = String(p.wijkcode ?? p.statcode ?? p.WK_CODE ?? '');
    const name = String(p.wijknaam ?? p.statnaam ?? p.WK_NAAM ?? '');
    const gm = String(p.gemeentecode ?? p.GM_CODE ?? (code.startsWith('WK') ? `GM${code.slice(2, 6)}` : '')).replace(/^GM/i, '');
    if (!/^WK\d{6}$/.test(code)) throw new InputError(`wijkcode "${code}" is geen CBS-wijkcode (WK + 6 cijfers)`, `feature ${i + 1}`);
    if (!name) throw new InputError('wijknaam ontbreekt', `feature ${i + 1}`);
    if (!f.geometry || !['Polygon', 'MultiPolygon'].includes(f.geometry.type ?? '')) throw new InputError('geometrie moet Polygon of MultiPolygon zijn', `feature ${i + 1} (${code})`);
    return { code, name, gm, geometry: f.geometry };
  });
  if (!rows.length) throw new InputError('de FeatureCollection heeft geen wijken');
  const gemeente = gemeenteHint ?? rows[0]!.gm;
  await ensureGemeente(db, gemeente);
  for (const r of rows) if (r.gm !== gemeente) throw new InputError(`wijk ${r.code} hoort bij gemeente ${r.gm}, niet bij ${gemeente}`);
  await db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx.insertInto('area').values({ gemeente_code: gemeente, area_code: r.code, level: 'wijk', parent_code: `GM${gemeente}`, name: r.name, geometry: JSON.stringify(r.geometry) })
        .onConflict((oc) => oc.columns(['gemeente_code', 'area_code']).doUpdateSet({ name: r.name, geometry: JSON.stringify(r.geometry), level: 'wijk', parent_code: `GM${gemeente}` })).execute();
    }
  });
  return { gemeente, rows: rows.length };
}
