import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KoersConfig } from '../config/index.js';
import { migrate, openDatabase, type DatabaseHandle, type Db } from '../db/index.js';
import { recomputeGemeente, type ComputeStats } from '../indicators/index.js';
import { InputError } from '../ingest/errors.js';
import { collectInputs, type InputFile } from '../ingest/inputs.js';
import { MessageImporter, type FileResult, type ImportOptions, type ImportSummary } from '../ingest/messages-import.js';
import { importAreas, isAreasFile } from '../ingest/reference.js';
import { defaultMapping, detectSource, findSource, importTabular, normaliseGemeente, TABULAR_SOURCES, type ImportTabularArgs, type Mapping, type TabularImportResult } from '../ingest/tabular/index.js';
import { openTable } from '../ingest/tabular/readers.js';
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
  /**
   * Imports one tabular file through a mapping (streamed) and refreshes the gemeente's indicators.
   * Without a gemeente: the file's gemeente column, else the only registered gemeente.
   */
  importTabular(args: TabularArgs): Promise<TabularImportResult>;
  refresh(affected: Map<string, string | null>): Promise<ComputeStats[]>;
  close(): Promise<void>;
}

/** A tabular file for Koers.importTabular: with a mapping, or with only a source (columns named as in the Koers format). */
export type TabularArgs = Omit<ImportTabularArgs, 'gemeente' | 'mapping'> & { gemeente?: string } & ({ mapping: Mapping } | { source: string; mapping?: undefined; sheet?: string });

export interface FullImportSummary extends ImportSummary {
  /** Areas (GeoJSON) and tabular files in a Koers format, in the order they were imported. */
  reference: { name: string; source: string; gemeente: string; rows: number }[];
  tabular: TabularImportResult[];
  /** Tabular records put in quarantine (their files were accepted). */
  quarantined: number;
  indicators: ComputeStats[];
}

export interface OpenKoersOptions {
  /** For tests: use this PostgreSQL schema (isolation on a shared server). */
  schema?: string;
  /** For tests: in-memory embedded database. */
  inMemory?: boolean;
}

/** Import order: areas first, then tabular sources in TABULAR_SOURCES order (postcodes before persons), then messages. */
const SOURCE_ORDER = ['wijken', ...TABULAR_SOURCES.map((s) => s.id)];

/** A file on disk is streamed; anything else (zip entry, upload) is read into memory. */
function tabularInput(f: InputFile): ImportTabularArgs['file'] {
  if (!f.name.includes('!') && path.isAbsolute(f.name) && fs.existsSync(f.name) && fs.statSync(f.name).isFile()) return { name: f.name, stream: () => fs.createReadStream(f.name, { highWaterMark: 1 << 20 }) };
  return f;
}

function tableStream(file: ImportTabularArgs['file']): Promise<Buffer> | (() => NodeJS.ReadableStream) {
  return 'stream' in file ? () => file.stream() : file.read();
}

export async function openKoers(config: KoersConfig, opts: OpenKoersOptions = {}): Promise<Koers> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: opts.inMemory ? null : config.dataDir, schema: opts.schema });
  try {
    await migrate(handle.db);
    await ensureCalendar(handle.db);
  } catch (e) {
    await handle.close(); // otherwise the embedded database worker keeps the process alive
    throw e;
  }
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

  /** The gemeente of a tabular file: given, else its gemeente column (first row), else the only registered one. */
  async function gemeenteFor(file: ImportTabularArgs['file'], given: string | undefined, sheet?: string): Promise<string | null> {
    if (given) return normaliseGemeente(given);
    try {
      const t = await openTable(await tableStream(file), file.name, { sheet });
      const idx = t.headers.findIndex((h) => h.trim().toLowerCase() === 'gemeente');
      let found: string | null = null;
      if (idx >= 0) for await (const r of t.rows) { found = String(r.cells[idx] ?? '').trim() || null; break; }
      t.close();
      if (found) return normaliseGemeente(found);
    } catch { /* importTabular reports an unreadable file */ }
    const all = await db.selectFrom('gemeente').select('gemeente_code').execute();
    return all.length === 1 ? all[0]!.gemeente_code : null;
  }

  async function runTabular(args: TabularArgs): Promise<TabularImportResult> {
    let mapping: Mapping;
    if (args.mapping) mapping = args.mapping;
    else {
      const sheet = args.sheet;
      let headers: string[] = [];
      try { headers = await openTable(await tableStream(args.file), args.file.name, { sheet }).then((t) => { t.close(); return t.headers; }); } catch { /* importTabular reports it */ }
      const source = findSource(args.source);
      mapping = { ...(source ? defaultMapping(source.id, headers) : { source: args.source, columns: {} }), ...(sheet ? { sheet } : {}) };
    }
    // An unknown gemeente ('') is refused by importTabular with the reason.
    const gemeente = await gemeenteFor(args.file, args.gemeente, mapping.sheet);
    return importTabular({ db, pseudonymizer }, { ...args, mapping, gemeente: gemeente ?? '' });
  }

  async function importFiles(files: InputFile[], o: ImportOptions, preRejected: FileResult[] = []): Promise<FullImportSummary> {
    // Areas and tabular files in a Koers format (recognised by their header) go first, in
    // dependency order; everything else is a message.
    const reference: FullImportSummary['reference'] = [];
    const tabular: TabularImportResult[] = [];
    const refRejected: FileResult[] = [];
    const refAccepted: FileResult[] = [];
    const tabRejected: FileResult[] = []; // recorded by importTabular itself
    const messages: InputFile[] = [];
    const refs: { file: InputFile; source: string }[] = [];
    for (const f of files) {
      if (/\.(geojson|json)$/i.test(f.name)) {
        const head = (await f.read()).subarray(0, 4096).toString('utf8');
        if (isAreasFile(f.name, head)) refs.push({ file: f, source: 'wijken' });
        else if (!/gemeente\.json$/.test(f.name)) refRejected.push({ name: f.name, status: 'rejected', messageType: null, gemeente: null, location: null, reason: 'onbekend bestandsformaat: JSON-bestanden moeten een GeoJSON FeatureCollection met wijken of buurten zijn' });
      } else if (/\.(csv|txt|xlsx|xlsm|xls)$/i.test(f.name)) {
        let source: string | null = null;
        let reason = 'onbekend bestandsformaat: de kolommen passen bij geen enkele Koers-bron (zie docs/formats.md); gebruik een koppeling: koers import --source <bron> --mapping <koppeling.json>';
        try {
          const t = await openTable(await tableStream(tabularInput(f)), f.name);
          t.close();
          source = detectSource(t.headers);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          reason = e.reason;
        }
        if (source) refs.push({ file: f, source });
        else refRejected.push({ name: f.name, status: 'rejected', messageType: null, gemeente: null, location: 'regel 1', reason });
      } else messages.push(f);
    }
    refs.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source));
    const affected = new Map<string, string | null>();
    const importId = crypto.randomUUID();
    for (const r of refs) {
      if (r.source === 'wijken') {
        try {
          const res = await importAreas(db, (await r.file.read()).toString('utf8'));
          reference.push({ name: r.file.name, source: r.source, gemeente: res.gemeente, rows: res.rows });
          refAccepted.push({ name: r.file.name, source: r.source, status: 'accepted', messageType: r.source, gemeente: res.gemeente, location: null, reason: null });
          affected.set(res.gemeente, null); // areas change every period
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          refRejected.push({ name: r.file.name, source: r.source, status: 'rejected', messageType: r.source, gemeente: null, location: e.location, reason: e.reason });
        }
        continue;
      }
      const file = tabularInput(r.file);
      const headers = await openTable(await tableStream(file), file.name).then((t) => { t.close(); return t.headers; });
      const res = await runTabular({ file, mapping: defaultMapping(r.source, headers), importId, username: o.username ?? null, origin: o.source });
      tabular.push(res);
      if (res.fileError) {
        tabRejected.push({ name: r.file.name, source: r.source, status: 'rejected', messageType: r.source, gemeente: res.gemeente || null, location: res.fileError.location, reason: res.fileError.reason });
        continue;
      }
      reference.push({ name: r.file.name, source: r.source, gemeente: res.gemeente, rows: res.accepted });
      refAccepted.push({ name: r.file.name, source: r.source, status: 'accepted', messageType: r.source, gemeente: res.gemeente, location: null, reason: res.quarantined ? `${res.quarantined} van de ${res.rows} regels staan in quarantaine` : null });
      affected.set(res.gemeente, null);
    }
    const summary = await importer.importFiles(messages, o, [...preRejected, ...refRejected]);
    for (const [g, d] of summary.affected) if (!affected.has(g)) affected.set(g, d);
    const indicators = await refresh(affected);
    summary.accepted += refAccepted.length;
    summary.rejected += tabRejected.length;
    const quarantined = tabular.reduce((n, t) => n + (t.fileError ? 0 : t.quarantined), 0);
    return { ...summary, files: [...refAccepted, ...tabRejected, ...summary.files], reference, tabular, quarantined, indicators };
  }

  return {
    config, handle, db, importer, refresh, importFiles,
    async importTabular(args) {
      const r = await runTabular(args);
      if (!r.fileError) await refresh(new Map([[r.gemeente, null]]));
      return r;
    },
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
