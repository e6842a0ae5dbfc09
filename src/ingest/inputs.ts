import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { InputError } from './errors.js';

/** One input file (on disk, inside a zip, or uploaded), read lazily. */
export interface InputFile {
  name: string;
  /** The file on disk, when it is one (another thread may then read it itself). */
  path?: string;
  read(): Promise<Buffer>;
}

export const ZIP_LIMITS = { maxEntries: 200_000, maxEntryBytes: 20 * 1024 * 1024, maxTotalBytes: 4 * 1024 ** 3, maxRatio: 200 };

/** A file or archive that could not even be opened; reported like a rejected file. */
export interface UnreadableInput { name: string; error: InputError }

/**
 * Expands paths (files, folders recursively, .zip archives) into input files in a stable order.
 * Archives are checked against entry count, entry size, total size and compression ratio.
 */
export async function collectInputs(paths: string[], onUnreadable: (u: UnreadableInput) => void): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try { stat = fs.statSync(p); } catch { onUnreadable({ name: p, error: new InputError('bestand of map bestaat niet') }); continue; }
    if (stat.isDirectory()) {
      const files: string[] = [];
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const full = path.join(d, e.name);
          if (e.isDirectory()) walk(full);
          else if (e.isFile() && !e.name.startsWith('.')) files.push(full);
        }
      };
      walk(p);
      for (const f of await collectInputs(files, onUnreadable)) out.push(f); // no spread: a folder can hold >100 000 files
    } else if (p.toLowerCase().endsWith('.zip')) {
      try { for (const f of await readZip(p, fs.readFileSync(p))) out.push(f); } catch (e) { onUnreadable({ name: p, error: e instanceof InputError ? e : new InputError(`zip-bestand kan niet gelezen worden: ${(e as Error).message}`) }); }
    } else {
      // A synchronous read is much cheaper in CPU for many small message files (measured 9 µs vs 55–70 µs).
      out.push({ name: p, path: p, read: async () => fs.readFileSync(p) });
    }
  }
  return out;
}

/** Reads a zip archive from memory into input files (entries are decompressed eagerly, within limits). */
export async function readZip(name: string, buffer: Buffer): Promise<InputFile[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z!))));
  const files: InputFile[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (/\/$/.test(entry.fileName) || entry.fileName.split('/').some((s) => s.startsWith('.') || s === '__MACOSX')) { zip.readEntry(); return; }
      if (files.length >= ZIP_LIMITS.maxEntries) { reject(new InputError(`zip bevat meer dan ${ZIP_LIMITS.maxEntries} bestanden`)); zip.close(); return; }
      if (entry.uncompressedSize > ZIP_LIMITS.maxEntryBytes) { reject(new InputError(`${entry.fileName} is uitgepakt groter dan ${ZIP_LIMITS.maxEntryBytes / 1024 / 1024} MB`)); zip.close(); return; }
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > ZIP_LIMITS.maxRatio && entry.uncompressedSize > 1024 * 1024) {
        reject(new InputError(`${entry.fileName} heeft een verdachte compressieverhouding (zip-bom?)`)); zip.close(); return;
      }
      total += entry.uncompressedSize;
      if (total > ZIP_LIMITS.maxTotalBytes) { reject(new InputError('zip is uitgepakt te groot')); zip.close(); return; }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) { reject(err); return; }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          const data = Buffer.concat(chunks);
          files.push({ name: `${name}!${entry.fileName}`, read: async () => data });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return files;
}
