import { type Db } from '../db/index.js';
import { InputError } from './errors.js';

/**
 * Areas: CBS wijk and buurt boundaries as GeoJSON (docs/formats.md). The CSV reference sources
 * (population, postcodes, contracts) are tabular sources now (src/ingest/tabular). A GeoJSON file
 * is stored whole or not at all.
 */

/** Whether a file looks like a GeoJSON FeatureCollection (by name and first bytes). */
export function isAreasFile(name: string, head: string): boolean {
  return /\.(geo)?json$/i.test(name) && /"FeatureCollection"/.test(head);
}

interface AreaRow { code: string; name: string; level: 'wijk' | 'buurt'; parent: string | null; gm: string; geometry: unknown }

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/**
 * Reads the CBS property names of the wijk- en buurtkaart in its variants: wijkcode/wijknaam,
 * buurtcode/buurtnaam, statcode/statnaam (PDOK), WK_CODE/WK_NAAM, BU_CODE/BU_NAAM (older kaarten);
 * gemeentecode or GM_CODE. The level follows from the code (WK… or BU…).
 */
function readFeature(f: { properties?: Record<string, unknown> | null; geometry?: { type?: string } | null }, i: number): AreaRow {
  const p = f.properties ?? {};
  const buurt = str(p.buurtcode ?? p.BU_CODE);
  const stat = str(p.statcode);
  const code = buurt || (stat.startsWith('BU') ? stat : '') || str(p.wijkcode ?? p.WK_CODE) || stat;
  const isBuurt = code.startsWith('BU');
  const name = isBuurt ? str(p.buurtnaam ?? p.BU_NAAM ?? p.statnaam) : str(p.wijknaam ?? p.WK_NAAM ?? p.statnaam);
  const at = `feature ${i + 1}${code ? ` (${code})` : ''}`;
  if (isBuurt ? !/^BU\d{8}$/.test(code) : !/^WK\d{6}$/.test(code)) throw new InputError(`"${code}" is geen CBS-wijkcode (WK + 6 cijfers) of -buurtcode (BU + 8 cijfers)`, at);
  if (!name) throw new InputError(isBuurt ? 'buurtnaam ontbreekt' : 'wijknaam ontbreekt', at);
  if (!f.geometry || !['Polygon', 'MultiPolygon'].includes(f.geometry.type ?? '')) throw new InputError('geometrie moet Polygon of MultiPolygon zijn', at);
  const gm = str(p.gemeentecode ?? p.GM_CODE).replace(/^GM/i, '') || code.slice(2, 6);
  const wijk = isBuurt ? (str(p.wijkcode ?? p.WK_CODE) || `WK${code.slice(2, 8)}`) : null;
  if (wijk && wijk !== `WK${code.slice(2, 8)}`) throw new InputError(`buurt ${code} ligt volgens haar code niet in wijk ${wijk}`, at);
  return { code, name, level: isBuurt ? 'buurt' : 'wijk', parent: wijk, gm, geometry: f.geometry };
}

/** Imports wijken and/or buurten of one gemeente; returns the gemeente and the number of areas. */
export async function importAreas(db: Db, text: string, gemeenteHint?: string): Promise<{ gemeente: string; rows: number }> {
  let fc: { type?: string; features?: unknown };
  try { fc = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof fc; } catch (e) { throw new InputError(`geen geldige JSON: ${(e as Error).message}`); }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError('verwacht een GeoJSON FeatureCollection');
  const rows = (fc.features as Parameters<typeof readFeature>[0][]).map(readFeature);
  if (!rows.length) throw new InputError('de FeatureCollection heeft geen wijken of buurten');
  const gemeente = gemeenteHint ?? rows[0]!.gm;
  const g = await db.selectFrom('gemeente').select('gemeente_code').where('gemeente_code', '=', gemeente).executeTakeFirst();
  if (!g) throw new InputError(`gemeente ${gemeente} is niet geregistreerd in Koers. Registreer haar eerst met: koers gemeenten add ${gemeente} "<naam>"`);
  for (const r of rows) if (r.gm !== gemeente) throw new InputError(`${r.level} ${r.code} hoort bij gemeente ${r.gm}, niet bij ${gemeente}`);
  await db.transaction().execute(async (trx) => {
    // Buurten may come in the same file as their wijken, or after them.
    const known = new Set((await trx.selectFrom('area').select('area_code').where('gemeente_code', '=', gemeente).where('level', '=', 'wijk').execute()).map((a) => a.area_code));
    for (const r of rows) if (r.level === 'wijk') known.add(r.code);
    for (const r of rows) {
      if (r.level === 'buurt' && !known.has(r.parent!)) throw new InputError(`wijk ${r.parent} van buurt ${r.code} is onbekend; importeer eerst de wijken`);
      const parent = r.level === 'wijk' ? `GM${gemeente}` : r.parent!;
      const geometry = JSON.stringify(r.geometry);
      await trx.insertInto('area').values({ gemeente_code: gemeente, area_code: r.code, level: r.level, parent_code: parent, name: r.name, geometry })
        .onConflict((oc) => oc.columns(['gemeente_code', 'area_code']).doUpdateSet({ name: r.name, geometry, level: r.level, parent_code: parent })).execute();
    }
  });
  return { gemeente, rows: rows.length };
}
