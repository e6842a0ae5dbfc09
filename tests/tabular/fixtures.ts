import ExcelJS from 'exceljs';
import { addGemeente } from '../../src/app/koers.js';
import { file, referenceFiles } from '../helpers/fixtures.js';
import type { TestKoers } from '../helpers/koers.js';

/** An XLSX workbook in memory: sheet name → rows (null/undefined = empty cell, [] = empty row). */
export async function xlsx(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        const cell = row.getCell(j + 1);
        cell.value = v as ExcelJS.CellValue;
        if (v instanceof Date) cell.numFmt = 'dd-mm-yyyy';
      });
      row.commit();
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Gemeente 9001 with two wijken (Noord WK900100: 9001AA, Zuid WK900101: 9001BB) and population. */
export async function setupGemeente(k: TestKoers): Promise<void> {
  await addGemeente(k.db, '9001', 'Testdam');
  const r = await k.importFiles(referenceFiles(), { source: 'test' });
  if (r.rejected) throw new Error(JSON.stringify(r.files));
}

export const csvFile = (name: string, text: string) => file(name, text);

/** Valid test BSNs (elfproef). */
export const BSN = ['999900006', '111222333', '123456782', '100000010', '999999990'] as const;
