import fs from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/ingest/errors.js';
import { openTable } from '../../src/ingest/tabular/readers.js';
import { checkXlsxZip, guardXlsx, XLSX_LIMITS } from '../../src/ingest/tabular/xlsx-guard.js';
import { makeZip } from '../web/zip.js';
import { xlsx } from './fixtures.js';

async function refused(p: Promise<unknown>): Promise<InputError> {
  try { await p; } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected a refusal');
}

/** A workbook-shaped zip whose sheet is `sheetBytes` of one repeated byte (compresses ~1000×). */
function bombWorkbook(sheetBytes: number): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', content: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', content: '<?xml version="1.0"?><workbook/>' },
    { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(sheetBytes, 0x20) },
  ]);
}

/** Rewrites the uncompressed size of every large entry (local and central headers) to `size`: a zip that lies. */
function lie(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.readUInt32LE(i + 22) > 1_000_000) out.writeUInt32LE(size, i + 22);
    else if (sig === 0x02014b50 && out.readUInt32LE(i + 24) > 1_000_000) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

describe('XLSX zip-bomb limits', () => {
  it('reads a normal workbook as before (from bytes and from a stream)', async () => {
    const book = await xlsx({ Blad1: [['a', 'b'], [1, 2]] });
    const t = await openTable(book, 'f.xlsx');
    expect(t.headers).toEqual(['a', 'b']);
    t.close();
    const s = await openTable(() => Readable.from([book]), 'f.xlsx');
    const rows = [];
    for await (const r of s.rows) rows.push(r.cells);
    expect(rows).toEqual([[1, 2]]);
  });

  it('refuses a part whose compression ratio is beyond the limit, with a clear Dutch reason', async () => {
    const bomb = bombWorkbook(64 * 1024 * 1024); // 64 MB of spaces in ~64 kB
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const e = await refused(openTable(bomb, 'bom.xlsx'));
    expect(e.reason).toMatch(/^het Excel-bestand lijkt een zip-bom: xl\/worksheets\/sheet1\.xml pakt uit van \d+ kB tot 64 MB \(meer dan 200 keer zo groot\); Koers leest het niet$/);
    expect(e.location).toBe('onderdeel xl/worksheets/sheet1.xml');
    expect(Date.now() - started).toBeLessThan(5000); // judged from the directory, nothing inflated
  });

  it('refuses a part that unpacks to more than its header says (a lying zip), also when streamed', async () => {
    const liar = lie(bombWorkbook(8 * 1024 * 1024), 1000);
    const e = await refused(openTable(liar, 'leugen.xlsx'));
    expect(e.reason).toMatch(/zip-bom: .* pakt uit tot meer dan de 1000 bytes die het bestand opgeeft/);
    const before = fs.readdirSync(process.env.TMPDIR ?? '/tmp').filter((f) => f.startsWith('koers-xlsx-')).length;
    const s = await refused(openTable(() => Readable.from([liar]), 'leugen.xlsx'));
    expect(s.reason).toMatch(/zip-bom/);
    // The temporary copy of the streamed workbook is removed.
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(process.env.TMPDIR ?? '/tmp').filter((f) => f.startsWith('koers-xlsx-')).length).toBeLessThanOrEqual(before);
  });

  it('refuses a workbook that unpacks to more than the total limit, and too many parts', async () => {
    const book = await xlsx({ Blad1: [['a'], ...Array.from({ length: 2000 }, (_, i) => [`waarde ${i}`])] });
    const total = await refused(checkXlsxZip(book, { ...XLSX_LIMITS, maxTotalBytes: 20_000 }));
    expect(total.reason).toMatch(/^het Excel-bestand is uitgepakt groter dan 0 MB; Koers leest het niet/);
    const parts = await refused(checkXlsxZip(book, { ...XLSX_LIMITS, maxEntries: 3 }));
    expect(parts.reason).toBe('het Excel-bestand bevat meer dan 3 onderdelen; Koers leest het niet');
    expect((await guardXlsx(book)).input).toBe(book);
  });

  it('refuses something that is not a zip at all', async () => {
    const e = await refused(openTable(Buffer.from('dit is geen excel'), 'f.xlsx'));
    expect(e.reason).toMatch(/^het Excel-bestand kan niet gelezen worden: het is geen geldig \.xlsx-bestand/);
  });
});
