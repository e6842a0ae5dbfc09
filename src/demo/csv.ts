/**
 * CSV and JSON files of the demo gemeente: UTF-8, comma-separated, header row, no BOM, LF line
 * ends. Formats are the importer's contract (see index.ts).
 */
import { AANBIEDERS, GEMEENTE_CODE } from './catalog.js';
import { taakveldOf, type Row } from './sources.js';
import type { ContractRow, DemoModel, PopulationRow, PostcodeRow } from './types.js';

export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function bevolkingCsv(rows: readonly PopulationRow[]): string {
  return toCsv(
    ['jaar', 'gemeente', 'wijk', 'leeftijd', 'geslacht', 'inwoners'],
    rows.map((r) => [r.jaar, GEMEENTE_CODE, r.wijk, r.leeftijd, r.geslacht, r.inwoners]),
  );
}

export function postcodesCsv(rows: readonly PostcodeRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.postcode < b.postcode ? -1 : a.postcode > b.postcode ? 1 : 0));
  return toCsv(['gemeente', 'postcode', 'wijk'], sorted.map((r) => [GEMEENTE_CODE, r.postcode, r.wijk]));
}

export const CONTRACT_COLUMNS = [
  'gemeente', 'contract', 'agb', 'aanbieder', 'wet', 'uitvoeringsvariant', 'toewijzingsvariant', 'ingangsdatum', 'einddatum',
  'productcode', 'productcategorie', 'productnaam', 'tarief_cent', 'eenheid', 'taakveld',
] as const;

/** One row per contracted product of every aanbieder. */
export function contractRows(): ContractRow[] {
  const rows: ContractRow[] = [];
  for (const a of AANBIEDERS) {
    for (const p of a.products) {
      rows.push({
        gemeente: GEMEENTE_CODE,
        contract: a.contract,
        agb: a.agb,
        aanbieder: a.naam,
        wet: a.law,
        uitvoeringsvariant: a.uitvoeringsvariant,
        toewijzingsvariant: a.toewijzingsvariant,
        ingangsdatum: a.ingangsdatum,
        einddatum: a.einddatum ?? '',
        productcode: p.code,
        productcategorie: p.categorie,
        productnaam: p.naam,
        tarief_cent: p.tariefCent,
        eenheid: p.eenheid,
        taakveld: a.uitvoeringsvariant === 'taakgericht' ? (p.categorie === '09' ? '6.1' : '6.2') : taakveldOf(p.categorie),
      });
    }
  }
  return rows;
}

export function contractenCsv(rows: readonly ContractRow[]): string {
  return toCsv(CONTRACT_COLUMNS, rows.map((r) => CONTRACT_COLUMNS.map((c) => r[c])));
}

export function gemeenteJson(model: DemoModel): string {
  return `${JSON.stringify({ code: model.gemeente.code, name: model.gemeente.name, asOf: model.options.asOf, seed: model.options.seed })}\n`;
}

export function wijkenGeojson(model: DemoModel): string {
  const features = model.wijken.map((w) =>
    JSON.stringify({
      type: 'Feature',
      properties: { wijkcode: w.code, wijknaam: w.name, gemeentecode: model.gemeente.cbsCode },
      geometry: w.geometry,
    }),
  );
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

/** A tabular source in its Koers format: the given header, one line per row (missing = empty). */
export function sourceCsv(header: readonly string[], rows: readonly Row[]): string {
  return toCsv(header, rows.map((r) => header.map((h) => r[h] ?? '')));
}
