import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/ingest/errors.js';
import { previewRows, readHeaders } from '../../src/ingest/tabular/index.js';
import { openTable } from '../../src/ingest/tabular/readers.js';
import yauzl from 'yauzl';
import { xlsx } from './fixtures.js';
import { makeZip } from '../web/zip.js';

/** The parts of a zip, in stored order. */
function unzipAll(buf: Buffer): Promise<{ name: string; content: Buffer }[]> {
  return new Promise((resolve, reject) => yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
    if (err || !zip) { reject(err); return; }
    const out: { name: string; content: Buffer }[] = [];
    zip.on('end', () => resolve(out));
    zip.on('entry', (e: yauzl.Entry) => {
      if (e.fileName.endsWith('/')) { zip.readEntry(); return; }
      zip.openReadStream(e, (er, s) => {
        if (er || !s) { reject(er); return; }
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => { out.push({ name: e.fileName, content: Buffer.concat(chunks) }); zip.readEntry(); });
      });
    });
    zip.readEntry();
  }));
}

async function rows(text: string | Buffer, opts: Parameters<typeof openTable>[2] = {}, name = 'f.csv') {
  const t = await openTable(typeof text === 'string' ? Buffer.from(text) : text, name, opts);
  const out: { line: number; cells: unknown[] }[] = [];
  for await (const r of t.rows) out.push(r);
  return { headers: t.headers, delimiter: t.delimiter, sheets: t.sheets, rows: out };
}

async function refused(p: Promise<unknown>): Promise<InputError> {
  try { await p; } catch (e) { if (e instanceof InputError) return e; throw e; }
  throw new Error('expected a refusal');
}

describe('CSV reader', () => {
  it('detects ; and , from the header, strips a BOM, skips empty lines, keeps quoted values', async () => {
    const semi = await rows('\uFEFFa;b;c\n1;"x;y";3\n\n;;\n4;5;6\n');
    expect(semi).toMatchObject({ headers: ['a', 'b', 'c'], delimiter: ';', rows: [{ line: 2, cells: ['1', 'x;y', '3'] }, { line: 5, cells: ['4', '5', '6'] }] });
    const comma = await rows('a,b\r\n"1,5",2\r\n');
    expect(comma).toMatchObject({ delimiter: ',', rows: [{ line: 2, cells: ['1,5', '2'] }] });
    // A multi-line quoted value; the line is where the record ends.
    expect((await rows('a,b\n"x\ny",2\n3,4\n')).rows.map((r) => r.line)).toEqual([3, 4]);
  });
  it('starts at a later header row', async () => {
    const r = await rows('Export uit systeem X\nDatum: 1-1-2025\nbsn;regeling\n999900006;bijstand\n', { headerRow: 3 });
    expect(r).toMatchObject({ headers: ['bsn', 'regeling'], rows: [{ line: 4, cells: ['999900006', 'bijstand'] }] });
  });
  it('refuses files it cannot read, saying why and where', async () => {
    expect((await refused(rows(''))).reason).toMatch(/leeg/);
    expect((await refused(rows('\n\n'))).reason).toMatch(/leeg/);
    expect((await refused(rows(Buffer.from([0xff, 0xfe, 0x61, 0x00])))).reason).toMatch(/UTF-16/);
    const latin1 = await refused(rows(Buffer.concat([Buffer.from('naam;plaats\nJan;Utrecht\nZo'), Buffer.from([0xeb]), Buffer.from(';Delft\n')])));
    expect(latin1).toMatchObject({ reason: expect.stringMatching(/geen UTF-8/), location: 'regel 3' });
    expect((await refused(rows('a\tb\tc\n1\t2\t3\n'))).reason).toMatch(/tabs/);
    expect((await refused(rows('a,b,c\n1,2,3\n', { delimiter: ';' })))).toMatchObject({ reason: expect.stringMatching(/scheidingsteken in de kopregel is ","/), location: 'regel 1' });
    expect((await refused(rows('a,b\n"1,2\n3,4\n'))).reason).toMatch(/aanhalingsteken/);
    expect((await refused(rows(Buffer.from('PK\u0003\u0004rest')))).reason).toMatch(/\.xlsx/);
    expect((await refused(rows('x', {}, 'oud.xls'))).reason).toMatch(/\.xls\)/);
  });
  it('reads headers without reading the whole file', async () => {
    expect(await readHeaders(Buffer.from('a;b\n1;2\n'), 'x.csv')).toEqual({ headers: ['a', 'b'] });
  });
});

describe('XLSX reader', () => {
  it('reads a workbook that stores its sheet names (xl/workbook.xml) after the worksheets', async () => {
    // Shared strings and relations first, then the worksheets, xl/workbook.xml last: exceljs's streaming
    // reader then meets the worksheets before it knows the sheets (exceljs#3064) and used to fail with
    // "Cannot read properties of undefined (reading 'sheets')".
    const parts = await unzipAll(await xlsx({ Toelichting: [['Uitleg']], Uitkeringen: [['BSN', 'Bedrag'], ['999900006', 12]] }));
    const rank = (n: string) => (n === 'xl/workbook.xml' ? 3 : n.startsWith('xl/worksheets/') ? 2 : 1);
    const book = makeZip([...parts].sort((a, b) => rank(a.name) - rank(b.name)));
    const r = await rows(book, { sheet: 'Uitkeringen' }, 'u.xlsx');
    expect(r.sheets).toEqual(['Toelichting', 'Uitkeringen']);
    expect(r.headers).toEqual(['BSN', 'Bedrag']);
    expect(r.rows).toEqual([{ line: 2, cells: ['999900006', 12] }]);
  });

  it('reads the first sheet or a named one, with dates, numbers and a later header row', async () => {
    const book = await xlsx({
      Toelichting: [['Dit blad is uitleg']],
      Uitkeringen: [['Export 2025'], ['BSN', 'Begin', 'Bedrag', 'Actief'], [999900006, new Date(Date.UTC(2024, 1, 1)), 12.5, true], [], ['111222333', '01-03-2024', '1.000,00', false]],
    });
    expect(await readHeaders(book, 'u.xlsx')).toEqual({ headers: ['Dit blad is uitleg'], sheets: ['Toelichting', 'Uitkeringen'] });
    const r = await rows(book, { sheet: 'Uitkeringen', headerRow: 2 }, 'u.xlsx');
    expect(r.headers).toEqual(['BSN', 'Begin', 'Bedrag', 'Actief']);
    expect(r.rows).toEqual([
      { line: 3, cells: [999900006, new Date(Date.UTC(2024, 1, 1)), 12.5, true] },
      { line: 5, cells: ['111222333', '01-03-2024', '1.000,00', false] },
    ]);
    expect((await refused(rows(book, { sheet: 'Bestaat niet' }, 'u.xlsx'))).reason).toMatch(/werkblad "Bestaat niet" bestaat niet \(wel: "Toelichting", "Uitkeringen"\)/);
  });
  it('refuses a broken or empty workbook', async () => {
    expect((await refused(rows(Buffer.from('geen zip'), {}, 'kapot.xlsx'))).reason).toMatch(/Excel-bestand kan niet gelezen worden/);
    expect((await refused(rows(await xlsx({ Leeg: [] }), {}, 'leeg.xlsx'))).reason).toMatch(/leeg/);
  });
});

describe('previewRows', () => {
  it('shows parsed values with masked BSNs and per-row errors, also for columns not mapped yet', async () => {
    const csv = 'BSN;Soort;Begin\n999900006;bijstand;01-02-2024\n123456789;iets;31-02-2024\n';
    const p = await previewRows(Buffer.from(csv), 'x.csv', { source: 'benefits', dateFormat: 'DD-MM-YYYY', columns: { bsn: { column: 'BSN' }, regeling: { column: 'Soort' }, startdatum: { column: 'Begin' } } });
    expect(p.headers).toEqual(['BSN', 'Soort', 'Begin']);
    expect(p.rows[0]).toEqual({ line: 2, values: { bsn: '•••••••06', regeling: 'bijstand', startdatum: '2024-02-01' }, errors: [] });
    expect(p.rows[1]!.values.bsn).toBe('•••••••89');
    expect(p.rows[1]!.errors.map((e) => e.field)).toEqual(['bsn', 'regeling', 'startdatum']);
    expect(JSON.stringify(p)).not.toContain('123456789');
    const partial = await previewRows(Buffer.from(csv), 'x.csv', { source: 'benefits', columns: { bsn: { column: 'BSN' } } }, 1);
    expect(partial.rows).toHaveLength(1);
    expect(partial.rows[0]!.errors).toEqual([{ field: 'regeling', reason: 'is verplicht maar niet gekoppeld' }, { field: 'startdatum', reason: 'is verplicht maar niet gekoppeld' }]);
  });
});
