import fs from 'node:fs';
import path from 'node:path';
import type { KoersConfig } from '../config/index.js';
import { migrate, openDatabase, type DatabaseHandle, type Db } from '../db/index.js';
import { recomputeGemeente, type ComputeStats } from '../indicators/index.js';
import { InputError } from '../ingest/errors.js';
import { collectInputs, type InputFile } from '../ingest/inputs.js';
import { MessageImporter, type FileResult, type ImportOptions, type ImportSummary } from '../ingest/messages-import.js';
import { detectReferenceSource, importReference, type ReferenceSource } from '../ingest/reference.js';
import { XsdCatalog } from '../ingest/istandaarden/xml.js';
import { addGemeente } from '../model/store.js';
import { ensureCalendar, recomputeQuality } from '../quality/index.js';
import { loadOrCreateKey, Pseudonymizer } from '../privacy/index.js';

/**
 * The composition root: opens the database, applies migrations, wires ingest → trajectory store →
 * indicators. The web server and the CLI both use this; nothing below knows about them.
 */
export interface Koers {
  config: KoersConfig;
  handle: DatabaseHandle;
  db: Db;
  importer: MessageImporter;
  /** Imports files, folders and zips (messages and reference files) and refreshes indicators. */
  importPaths(paths: string[], opts: ImportOptions): Promise<FullImportSummary>;
  /** Same, for in-memory files (uploads). */
  importFiles(files: InputFile[], opts: ImportOptions, preRejected?: FileResult[]): Promise<FullImportSummary>;
  refresh(affected: Map<string, string | null>): Promise<ComputeStats[]>;
  close(): Promise<void>;
}

export interface FullImportSummary extends ImportSummary {
  reference: { name: string; source: ReferenceSource; gemeente: string; rows: number }[];
  indicators: ComputeStats[];
}

export interface OpenKoersOptions {
  /** For tests: use this PostgreSQL schema (isolation on a shared server). */
  schema?: string;
  /** For tests: in-memory embedded database. */
  inMemory?: boolean;
}

const REFERENCE_ORDER: ReferenceSource[] = ['wijken', 'postcodes', 'bevolking', 'contracten'];

export async function openKoers(config: KoersConfig, opts: OpenKoersOptions = {}): Promise<Koers> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: opts.inMemory ? null : config.dataDir, schema: opts.schema });
  await migrate(handle.db);
  await ensureCalendar(handle.db);
  const pseudonymizer = new Pseudonymizer(loadOrCreateKey(config.keyFile));
  const xsd = config.xsdDir ? new XsdCatalog(config.xsdDir) : null;
  const db = handle.db;
  const importer = new MessageImporter({ db, pseudonymizer, xsd });

  async function refresh(affected: Map<string, string | null>): Promise<ComputeStats[]> {
    const stats: ComputeStats[] = [];
    for (const [g, from] of affected) {
      stats.push(await recomputeGemeente(db, g, from));
      await recomputeQuality(db, g);
    }
    return stats;
  }

  async function importFiles(files: InputFile[], o: ImportOptions, preRejected: FileResult[] = []): Promise<FullImportSummary> {
    // Reference files (areas, population, postcodes, contracts) go first, in dependency order.
    const reference: FullImportSummary['reference'] = [];
    const refRejected: FileResult[] = [];
    const messages: InputFile[] = [];
    const refs: { file: InputFile; source: ReferenceSource; text: string }[] = [];
    for (const f of files) {
      if (/\.(csv|geojson|json)$/i.test(f.name)) {
        const text = (await f.read()).toString('utf8');
        const source = detectReferenceSource(f.name, text.slice(0, 4096));
        if (!source) {
          if (!/gemeente\.json$/.test(f.name)) refRejected.push({ name: f.name, status: 'rejected', messageType: null, gemeente: null, location: 'regel 1', reason: 'onbekend bestandsformaat: de kolommen passen bij geen enkele Koers-bron (zie docs/formats.md)' });
          continue;
        }
        refs.push({ file: f, source, text });
      } else messages.push(f);
    }
    refs.sort((a, b) => REFERENCE_ORDER.indexOf(a.source) - REFERENCE_ORDER.indexOf(b.source));
    const affected = new Map<string, string | null>();
    for (const r of refs) {
      try {
        const res = await importReference(db, r.source, r.text);
        reference.push({ name: r.file.name, source: r.source, gemeente: res.gemeente, rows: res.rows });
        affected.set(res.gemeente, null); // population or areas change every period
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        refRejected.push({ name: r.file.name, source: r.source, status: 'rejected', messageType: r.source, gemeente: null, location: e.location, reason: e.reason });
      }
    }
    const summary = await importer.importFiles(messages, o, [...preRejected, ...refRejected]);
    for (const [g, d] of summary.affected) if (!affected.has(g)) affected.set(g, d);
    const indicators = await refresh(affected);
    summary.accepted += reference.length;
    return { ...summary, files: [...reference.map((r) => ({ name: r.name, source: r.source, status: 'accepted' as const, messageType: r.source, gemeente: r.gemeente, location: null, reason: null })), ...summary.files], reference, indicators };
  }

  return {
    config, handle, db, importer, refresh, importFiles,
    async importPaths(paths, o) {
      const unreadable: FileResult[] = [];
      const files = await collectInputs(paths, (u) => unreadable.push({ name: u.name, status: 'rejected', messageType: null, gemeente: null, location: u.error.location, reason: u.error.reason }));
      return importFiles(files, o, unreadable);
    },
    close: () => handle.close(),
  };
}

export { addGemeente };

/** Reads gemeente.json of a demo folder. */
export function readDemoGemeente(dir: string): { code: string; name: string } {
  const file = path.join(dir, 'gemeente.json');
  const g = JSON.parse(fs.readFileSync(file, 'utf8')) as { code: string; name: string };
  return { code: g.code, name: g.name };
}
