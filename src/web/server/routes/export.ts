import ExcelJS from 'exceljs';
import type { IndicatorDefinition } from '../../../indicators/index.js';
import { DIMENSION_LABELS, type Dimension } from '../../../indicators/definition.js';
import type { ResultRow } from '../../../indicators/results.js';

/**
 * Exports of exactly what the indicator page shows: the disclosed rows of the values endpoint for
 * the same periodType, by and period, in the same order.
 *
 * CSV for Dutch Excel: Excel with Dutch regional settings splits a double-clicked .csv on the list
 * separator `;` and reads `12,5` (decimal comma) as a number; with `,` and `12.5` it puts every row
 * in one column or turns values into dates. So: UTF-8 with a byte-order mark (else Excel reads
 * the file as Windows-1252 and mangles "cliënten"), `;` between fields, a decimal comma, CRLF line
 * ends, and fields quoted only when needed (RFC 4180 otherwise). No `sep=;` line: with it Excel
 * ignores the BOM. Suppressed values are empty cells with suppressed=true.
 */
export const EXPORT_COLUMNS = ['id', 'version', 'period', 'gemeente', 'area', 'areaName', 'breakdown', 'numerator', 'denominator', 'value', 'unit', 'status', 'suppressed'] as const;

/** `wijk=WK900100`; several dimensions joined with `&` (URL query style, no `;` or `,` inside). */
export function breakdownText(b: Record<string, string>): string {
  return Object.entries(b).map(([k, v]) => `${k}=${v}`).join('&');
}

const decimal = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

function csvField(s: string): string {
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsToCsv(rows: readonly ResultRow[]): string {
  const line = (r: ResultRow) => [
    r.id, String(r.version), r.period, r.gemeente, r.area, r.areaName, breakdownText(r.breakdown),
    decimal(r.numerator), decimal(r.denominator), decimal(r.value), r.unit, r.status, String(r.suppressed),
  ].map(csvField).join(';');
  return '\uFEFF' + [EXPORT_COLUMNS.join(';'), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}

/** Parses what rowsToCsv wrote (for tests and round trips): header → objects with string values. */
export function parseExportCsv(text: string): Record<string, string>[] {
  const body = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '', record: string[] = [], quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { record.push(field); field = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { record.push(field); records.push(record); record = []; field = ''; }
    else field += ch;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  const [header, ...data] = records;
  return data.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

export interface ExportMeta { indicator: IndicatorDefinition; gemeenteName: string; periodType: string; by: Dimension | null; period: string | null; profile: string; exportedBy: string }

/** An XLSX workbook: sheet "Cijfers" with the rows (numbers as numbers), sheet "Toelichting" with what they are. */
export async function rowsToXlsx(rows: readonly ResultRow[], meta: ExportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Koers';
  wb.created = new Date();
  const ws = wb.addWorksheet('Cijfers', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'areaName' || c === 'breakdown' ? 28 : c === 'id' ? 30 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      id: r.id, version: r.version, period: r.period, gemeente: r.gemeente, area: r.area, areaName: r.areaName, breakdown: breakdownText(r.breakdown),
      numerator: r.numerator, denominator: r.denominator, value: r.value, unit: r.unit, status: r.status, suppressed: r.suppressed,
    });
  }
  const d = meta.indicator;
  const info = wb.addWorksheet('Toelichting');
  info.columns = [{ header: 'Onderdeel', key: 'k', width: 24 }, { header: 'Toelichting', key: 'v', width: 100 }];
  info.getRow(1).font = { bold: true };
  const lines: [string, string][] = [
    ['Indicator', `${d.name} (${d.id}, versie ${d.version})`],
    ['Gemeente', meta.gemeenteName],
    ['Omschrijving', d.description],
    ['Teller', d.definition.numerator],
    ['Noemer', d.definition.denominator],
    ['Factor', String(d.definition.factor)],
    ['Eenheid', d.unit],
    ['Periode', `${meta.periodType}${meta.period ? `, ${meta.period}` : ', alle perioden'}`],
    ['Uitsplitsing', meta.by ? DIMENSION_LABELS[meta.by] : 'geen (hele gemeente)'],
    ['Bron', d.source],
    ['Privacy', meta.profile === 'none'
      ? 'Onafgeronde aantallen (rol analist). Niet verder verspreiden.'
      : 'Aantallen afgerond op 5 (strikt profiel: op 100); cijfers van minder dan 10 en cijfers waaruit die terug te rekenen zijn, zijn weggelaten (suppressed = true).'],
    ['Status', 'provisional = voorlopig (kan nog veranderen), final = definitief.'],
    ['Geëxporteerd', `${new Date().toISOString()} door ${meta.exportedBy}`],
  ];
  for (const [k, v] of lines) info.addRow({ k, v });
  info.getColumn('v').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
