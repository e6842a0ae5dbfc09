import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import { badRequest } from './errors.js';

/**
 * Export of a table exactly as a page shows it, as CSV for Dutch Excel or as XLSX. Shared by the
 * pages that are not indicator rows (pyramid, beleidskader status, actions); indicator rows have
 * their own columns contract in routes/export.ts.
 *
 * CSV for Dutch Excel (see routes/export.ts for why): UTF-8 with BOM, `;` between fields, decimal
 * comma, CRLF, fields quoted only when needed. XLSX: sheet "Cijfers" with numbers as numbers and a
 * sheet "Toelichting" that says what the figures are and who exported them.
 */
export type Cell = string | number | boolean | null;
export interface ExportTable { columns: string[]; rows: Cell[][] }

export function tableToCsv(t: ExportTable): string {
  const field = (v: Cell) => {
    const s = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : String(v);
    return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [t.columns.join(';'), ...t.rows.map((r) => r.map(field).join(';'))].map((l) => `${l}\r\n`).join('');
}

export async function tableToXlsx(t: ExportTable, meta: [string, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Koers';
  const ws = wb.addWorksheet('Cijfers', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ header: c, key: c, width: 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  const info = wb.addWorksheet('Toelichting');
  info.columns = [{ header: 'Onderdeel', key: 'k', width: 24 }, { header: 'Toelichting', key: 'v', width: 100 }];
  info.getRow(1).font = { bold: true };
  for (const [k, v] of meta) info.addRow({ k, v });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The `format` query parameter of an export: csv (default) or xlsx. */
export function exportFormat(c: Context): 'csv' | 'xlsx' {
  const format = c.req.query('format') ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw badRequest('Kies format=csv of format=xlsx.');
  return format;
}

/** A file name safe for Content-Disposition: letters, digits, `_` and `-` only. */
export const exportFileName = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join('_').replace(/[^A-Za-z0-9_-]/g, '-');

/** Sends the table as an attachment in the chosen format. */
export async function sendTable(c: Context, t: ExportTable, opts: { name: string; format: 'csv' | 'xlsx'; meta: [string, string][] }): Promise<Response> {
  if (opts.format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=UTF-8');
    c.header('Content-Disposition', `attachment; filename="${opts.name}.csv"`);
    return c.body(tableToCsv(t));
  }
  const buf = await tableToXlsx(t, opts.meta);
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="${opts.name}.xlsx"`);
  return c.body(new Uint8Array(buf));
}
