/**
 * Streaming readers for tabular files: CSV (UTF-8, ',' or ';', detected from the header line) with
 * our own tokenizer (csv-tokenizer.ts), and XLSX (first or named sheet) with exceljs' streaming reader. Memory does not grow
 * with the file: rows are yielded one by one and the caller writes them in batches.
 */
import { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import type { RawValue } from './values.js';
import { guardXlsx } from './xlsx-guard.js';

export interface Row { line: number; cells: RawValue[] }

export interface OpenedTable {
  kind: 'csv' | 'xlsx';
  headers: string[];
  /** XLSX: the sheet names in workbook order. */
  sheets?: string[];
  delimiter?: ',' | ';';
  /** The data rows after the header (rows with only empty cells are skipped). */
  rows: AsyncGenerator<Row>;
  /** Stops reading (closes the underlying stream). */
  close(): void;
}

export interface ReadOptions { sheet?: string; delimiter?: ',' | ';'; headerRow?: number }

/** Whatever a caller has: bytes, a stream, or a function that opens one. */
export type TableInput = Uint8Array | NodeJS.ReadableStream | (() => NodeJS.ReadableStream);

export function isXlsxName(fileName: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(fileName);
}

function toStream(input: TableInput): Readable {
  if (input instanceof Uint8Array) return Readable.from([Buffer.from(input.buffer, input.byteOffset, input.byteLength)], { objectMode: false });
  const s = typeof input === 'function' ? input() : input;
  return s instanceof Readable ? s : Readable.from(s as AsyncIterable<Buffer>);
}

export async function openTable(input: TableInput, fileName: string, opts: ReadOptions = {}): Promise<OpenedTable> {
  if (/\.xls$/i.test(fileName)) throw new InputError('het oude Excel-formaat (.xls) wordt niet ondersteund: sla het bestand op als .xlsx of als CSV (UTF-8)');
  // XLSX is a zip: refuse zip bombs before exceljs inflates anything (xlsx-guard.ts).
  if (!isXlsxName(fileName)) return openCsv(toStream(input), opts);
  const checked = await guardXlsx(input);
  return openXlsx(toStream(checked.input), checked.workbookXml, opts);
}

// ------------------------------------------------------------------ CSV

/** Offset of the first byte that breaks UTF-8 (or -1). Only used to say where the problem is. */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const n = b < 0x80 ? 0 : (b & 0xe0) === 0xc0 && b >= 0xc2 ? 1 : (b & 0xf0) === 0xe0 ? 2 : (b & 0xf8) === 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= buf.length) return -1; // cut at the chunk end: continues in the next chunk
      if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

function countNewlines(buf: Buffer, end = buf.length): number {
  let n = 0;
  let i = buf.indexOf(10);
  while (i >= 0 && i < end) { n++; i = buf.indexOf(10, i + 1); }
  return n;
}

const NOT_UTF8 = 'het bestand is geen UTF-8 (bijvoorbeeld ë of € kunnen niet gelezen worden): sla het op als "CSV UTF-8"';

/** Decodes UTF-8 chunks strictly; refuses UTF-16, binary and Excel files with a clear reason. */
async function* decodeUtf8(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let lines = 0;
  let pending: Buffer | null = null; // last chunk, kept so a decoding error can be located
  for await (const chunk of stream) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (first && buf.length) {
      first = false;
      if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) throw new InputError('het bestand is UTF-16: sla het op als "CSV UTF-8"');
      if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) throw new InputError('dit is een Excel- of zip-bestand, geen CSV: geef het de extensie .xlsx');
      if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) throw new InputError('het oude Excel-formaat (.xls) wordt niet ondersteund: sla het bestand op als .xlsx of als CSV (UTF-8)');
      if (buf.subarray(0, 4096).includes(0)) throw new InputError('het bestand bevat nul-tekens: het is geen tekstbestand in UTF-8 (misschien UTF-16 of binair)');
    }
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      const at = firstInvalidUtf8(buf);
      const line = lines + 1 + (at >= 0 ? countNewlines(buf, at) : 0);
      throw new InputError(NOT_UTF8, `regel ${line}`);
    }
    lines += countNewlines(buf);
    pending = buf;
    if (text) yield text;
  }
  try {
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch {
    throw new InputError(NOT_UTF8, `regel ${lines + (pending ? 1 : 0)}`);
  }
}

/** Counts a character outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

async function openCsv(stream: Readable, opts: ReadOptions): Promise<OpenedTable> {
  const headerRow = opts.headerRow ?? 1;
  const decoded = decodeUtf8(stream);
  // Peek until the header line is complete, to choose the delimiter.
  const head: string[] = [];
  let headText = '';
  for (;;) {
    const next = await decoded.next();
    if (next.done) break;
    head.push(next.value);
    headText += next.value;
    if (countNewlines(Buffer.from(headText)) >= headerRow || headText.length > 1_000_000) break;
  }
  if (!headText.replace(/^\uFEFF/, '').trim()) { stream.destroy(); throw new InputError('het bestand is leeg'); }
  const headerLine = (headText.replace(/^\uFEFF/, '').split(/\r?\n/)[headerRow - 1] ?? '');
  if (!headerLine.trim()) { stream.destroy(); throw new InputError(`de kopregel (regel ${headerRow}) is leeg`, `regel ${headerRow}`); }
  const semi = countOutsideQuotes(headerLine, ';');
  const comma = countOutsideQuotes(headerLine, ',');
  const tabs = countOutsideQuotes(headerLine, '\t');
  let delimiter: ',' | ';';
  if (opts.delimiter) {
    delimiter = opts.delimiter;
    const other = delimiter === ';' ? ',' : ';';
    if ((delimiter === ';' ? semi : comma) === 0 && (delimiter === ';' ? comma : semi) > 0) {
      stream.destroy();
      throw new InputError(`het scheidingsteken in de kopregel is "${other}", niet "${delimiter}" zoals de koppeling zegt`, `regel ${headerRow}`);
    }
  } else {
    if (semi === 0 && comma === 0 && tabs > 0) { stream.destroy(); throw new InputError('het bestand gebruikt tabs als scheidingsteken: sla het op als CSV met ; of ,', `regel ${headerRow}`); }
    delimiter = semi > comma ? ';' : ',';
  }

  const tokenizer = new CsvTokenizer(delimiter, headerRow - 1);
  const wrap = (e: unknown): InputError => (e instanceof InputError ? e : new InputError(`het bestand kan niet gelezen worden: ${(e as Error).message}`));
  // Records in the order read; `chunks` feeds the tokenizer (the peeked head first).
  const chunks = (async function* () { yield* head; yield* decoded; })();
  let pending: CsvRecord[] = [];
  let at = 0;
  let ended = false;
  const nextRecord = async (): Promise<CsvRecord | null> => {
    while (at >= pending.length) {
      if (ended) return null;
      let next: IteratorResult<string>;
      try { next = await chunks.next(); } catch (e) { throw wrap(e); }
      pending = next.done ? tokenizer.push('', true) : tokenizer.push(next.value);
      at = 0;
      if (next.done) ended = true;
    }
    return pending[at++]!;
  };
  const close = () => { ended = true; pending = []; stream.destroy(); };

  let first: CsvRecord | null;
  try { first = await nextRecord(); } catch (e) { close(); throw wrap(e); }
  if (!first) { close(); throw new InputError('het bestand is leeg'); }
  const headers = first.cells.map((h) => h.trim());

  async function* rows(): AsyncGenerator<Row> {
    for (;;) {
      const r = await nextRecord();
      if (!r) break;
      const cells = r.cells;
      if (cells.every((c) => c === '' || !c.trim())) continue;
      yield r;
    }
  }
  return { kind: 'csv', headers, delimiter, rows: rows(), close };
}

// ------------------------------------------------------------------ XLSX

type CellValue = null | undefined | string | number | boolean | Date
  | { richText: { text: string }[] } | { formula?: string; sharedFormula?: string; result?: unknown } | { text: string; hyperlink: string } | { error: string };

function cellToRaw(v: CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellToRaw((v as { result?: CellValue }).result ?? null);
  if ('text' in v) return v.text;
  if ('error' in v) return v.error;
  return String(v);
}

interface SheetReader { name?: string; [Symbol.asyncIterator](): AsyncIterator<{ number: number; values: CellValue[] }> }
/** exceljs 4.4's own parser of xl/workbook.xml (it sets the sheet names); not in its typings. */
interface WorkbookPartParser { _parseWorkbook(entry: Readable): Promise<void> }

async function openXlsx(stream: Readable, workbookXml: Buffer | null, opts: ReadOptions): Promise<OpenedTable> {
  const headerRow = opts.headerRow ?? 1;
  // Loaded on first use: exceljs is large and most imports are CSV.
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  // The streaming reader names the sheets from xl/workbook.xml when it reaches that part. A workbook
  // that stores it after its worksheets (exceljs itself does), or a stream pass that does not deliver
  // it in time, made it fail with "Cannot read properties of undefined (reading 'sheets')"
  // (exceljs#3064, intermittent). The part was read by the zip check already: parse it first.
  if (workbookXml) await (reader as unknown as WorkbookPartParser)._parseWorkbook(Readable.from([workbookXml]));
  const model = () => (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } }).model;
  const sheetIterator = (reader[Symbol.asyncIterator]() as AsyncIterator<SheetReader>);
  const fail = (e: unknown): InputError => (e instanceof InputError ? e : new InputError(`het Excel-bestand kan niet gelezen worden: ${(e as Error).message}`));

  let rowIterator: AsyncIterator<{ number: number; values: CellValue[] }> | null = null;
  let sheets: string[] = [];
  try {
    for (;;) {
      const next = await sheetIterator.next();
      if (next.done) break;
      sheets = (model()?.sheets ?? []).map((s) => s.name);
      const wanted = opts.sheet ?? sheets[0];
      if (wanted === undefined || next.value.name === wanted || (!opts.sheet && !sheets.length)) { rowIterator = next.value[Symbol.asyncIterator](); break; }
    }
  } catch (e) { stream.destroy(); throw fail(e); }
  if (!rowIterator) {
    stream.destroy();
    if (opts.sheet) throw new InputError(`het werkblad "${opts.sheet}" bestaat niet (wel: ${sheets.map((s) => `"${s}"`).join(', ') || 'geen'})`);
    throw new InputError('het Excel-bestand heeft geen werkblad');
  }
  const it = rowIterator;
  const toCells = (values: CellValue[]): RawValue[] => {
    const out: RawValue[] = [];
    for (let i = 1; i < values.length; i++) out.push(cellToRaw(values[i]));
    return out;
  };
  let headers: string[] | null = null;
  let firstData: { number: number; values: CellValue[] } | null = null;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      if (r.value.number < headerRow) continue;
      if (r.value.number === headerRow) { headers = toCells(r.value.values).map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim())); continue; }
      firstData = r.value;
      break;
    }
  } catch (e) { stream.destroy(); throw fail(e); }
  if (!headers) { stream.destroy(); throw new InputError(headerRow === 1 ? 'het werkblad is leeg' : `de kopregel (regel ${headerRow}) is leeg`); }
  const width = headers.length;

  async function* rows(): AsyncGenerator<Row> {
    let r = firstData;
    while (r) {
      const cells = toCells(r.values);
      if (cells.some((c) => c !== null && !(typeof c === 'string' && !c.trim()))) {
        while (cells.length < width) cells.push(null);
        yield { line: r.number, cells };
      }
      let next: IteratorResult<{ number: number; values: CellValue[] }>;
      try { next = await it.next(); } catch (e) { throw fail(e); }
      r = next.done ? null : next.value;
    }
  }
  return { kind: 'xlsx', headers, sheets, rows: rows(), close: () => stream.destroy() };
}
