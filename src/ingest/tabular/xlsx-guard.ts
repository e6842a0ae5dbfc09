/**
 * Zip-bomb guard for XLSX workbooks (an XLSX file is a zip of XML parts). Before exceljs sees a
 * workbook, its central directory is checked against the same kind of limits as uploaded .zip
 * archives (ingest/inputs.ts ZIP_LIMITS: number of entries, size unpacked, compression ratio), and
 * every part is inflated once with yauzl's size validation, so a part that unpacks to more than its
 * directory says (a lying header) is caught too — with a clear Dutch error, never a crash or a hang.
 * A stream is spooled to a temporary file first (a zip's directory is at its end); the checked
 * bytes are then streamed to the reader from there, so memory does not grow with the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { InputError } from '../errors.js';
import { ZIP_LIMITS } from '../inputs.js';

export const XLSX_LIMITS = {
  /** Parts in one workbook (a real one has tens to a few thousand). */
  maxEntries: 10_000,
  /** Everything unpacked together. */
  maxTotalBytes: 2 * 1024 ** 3,
  /** Unpacked / packed per part, as for zip archives; only judged for parts above ratioMinBytes. */
  maxRatio: ZIP_LIMITS.maxRatio,
  ratioMinBytes: 1024 * 1024,
};
export type XlsxLimits = typeof XLSX_LIMITS;

const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('nl-NL')} MB`;

function openZip(source: Buffer | string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, z?: yauzl.ZipFile) => (err ? reject(err) : resolve(z!));
    if (typeof source === 'string') yauzl.open(source, { lazyEntries: true, validateEntrySizes: true, autoClose: true }, cb);
    else yauzl.fromBuffer(source, { lazyEntries: true, validateEntrySizes: true }, cb);
  });
}

/** The part that names the sheets; kept from the check pass for the reader (see readers.ts openXlsx). */
export const WORKBOOK_PART = 'xl/workbook.xml';

/**
 * Checks the workbook's zip structure and the unpacked size of every part. Throws InputError.
 * Returns the bytes of xl/workbook.xml (null when there is none), read in the same pass.
 */
export async function checkXlsxZip(source: Buffer | string, limits: XlsxLimits = XLSX_LIMITS): Promise<{ workbookXml: Buffer | null }> {
  const workbookChunks: Buffer[] = [];
  let hasWorkbook = false;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (e) {
    throw new InputError(`het Excel-bestand kan niet gelezen worden: het is geen geldig .xlsx-bestand (${(e as Error).message})`);
  }
  let entries = 0;
  let declared = 0;
  let actual = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => { zip.close(); reject(e); };
      zip.on('error', (e: Error) => fail(e instanceof InputError ? e : new InputError(`het Excel-bestand kan niet gelezen worden: ${e.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const part = entry.fileName;
        const at = `onderdeel ${part}`;
        if (++entries > limits.maxEntries) { fail(new InputError(`het Excel-bestand bevat meer dan ${limits.maxEntries.toLocaleString('nl-NL')} onderdelen; Koers leest het niet`)); return; }
        if (/\/$/.test(part)) { zip.readEntry(); return; }
        declared += entry.uncompressedSize;
        if (declared > limits.maxTotalBytes) {
          fail(new InputError(`het Excel-bestand is uitgepakt groter dan ${mb(limits.maxTotalBytes)}; Koers leest het niet. Lever zo'n groot bestand aan als CSV`, at));
          return;
        }
        if (entry.uncompressedSize > limits.ratioMinBytes && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
          fail(new InputError(`het Excel-bestand lijkt een zip-bom: ${part} pakt uit van ${Math.ceil(entry.compressedSize / 1024)} kB tot ${mb(entry.uncompressedSize)} (meer dan ${limits.maxRatio} keer zo groot); Koers leest het niet`, at));
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) { fail(new InputError(`het Excel-bestand kan niet gelezen worden: ${err?.message ?? 'onbekende fout'}`, at)); return; }
          const keep = part === WORKBOOK_PART;
          if (keep) hasWorkbook = true;
          stream.on('data', (c: Buffer) => {
            if (keep) workbookChunks.push(c);
            actual += c.length;
            if (actual > limits.maxTotalBytes) {
              stream.destroy();
              fail(new InputError(`het Excel-bestand is uitgepakt groter dan ${mb(limits.maxTotalBytes)}; Koers leest het niet. Lever zo'n groot bestand aan als CSV`, at));
            }
          });
          stream.on('error', (e: Error) => {
            // yauzl: "too many bytes in the stream" when a part unpacks to more than its header says.
            const lie = /too many bytes|expected .* bytes/i.test(e.message);
            fail(new InputError(lie
              ? `het Excel-bestand lijkt een zip-bom: ${part} pakt uit tot meer dan de ${entry.uncompressedSize} bytes die het bestand opgeeft; Koers leest het niet`
              : `het Excel-bestand kan niet gelezen worden: ${e.message}`, at));
          });
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!entries) throw new InputError('het Excel-bestand is leeg (geen onderdelen in het .xlsx-bestand)');
  return { workbookXml: hasWorkbook ? Buffer.concat(workbookChunks) : null };
}

/**
 * Returns the workbook bytes to read, after the zip-bomb check: the same bytes when given bytes,
 * else a stream from a checked temporary copy (removed when the stream closes); and the bytes of
 * xl/workbook.xml.
 */
export async function guardXlsx(input: Uint8Array | NodeJS.ReadableStream | (() => NodeJS.ReadableStream), limits: XlsxLimits = XLSX_LIMITS): Promise<{ input: Uint8Array | (() => NodeJS.ReadableStream); workbookXml: Buffer | null }> {
  if (input instanceof Uint8Array) {
    const { workbookXml } = await checkXlsxZip(Buffer.from(input.buffer, input.byteOffset, input.byteLength), limits);
    return { input, workbookXml };
  }
  const stream = typeof input === 'function' ? input() : input;
  const tmp = path.join(os.tmpdir(), `koers-xlsx-${crypto.randomUUID()}.xlsx`);
  const remove = () => fs.rm(tmp, { force: true }, () => undefined);
  let workbookXml: Buffer | null = null;
  try {
    await pipeline(stream instanceof Readable ? stream : Readable.from(stream as AsyncIterable<Buffer>), fs.createWriteStream(tmp, { mode: 0o600 }));
    ({ workbookXml } = await checkXlsxZip(tmp, limits));
  } catch (e) {
    remove();
    if (e instanceof InputError) throw e;
    throw new InputError(`het Excel-bestand kan niet gelezen worden: ${(e as Error).message}`);
  }
  let opened = false;
  return {
    workbookXml,
    input: () => {
      if (opened) throw new Error('the checked workbook can be read once');
      opened = true;
      const s = fs.createReadStream(tmp);
      s.on('close', remove);
      return s;
    },
  };
}
