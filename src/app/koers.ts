import fs from 'node:fs';
import path from 'node:path';
import type { KoersConfig } from '../config/index.js';
import { migrate, openDatabase, type DatabaseHandle, type Db } from '../db/index.js';
import { neverComputed, recomputeGemeente, type ComputeStats } from '../indicators/index.js';
import { recomputeSegments } from '../steering/segments/index.js';
import type { InputFile } from '../ingest/inputs.js';
import { MessageImporter, type FileResult } from '../ingest/messages-import.js';
import { defaultMapping, findSource, importTabular, normaliseGemeente, type ImportTabularArgs, type Mapping, type TabularImportResult } from '../ingest/tabular/index.js';
import { openTable } from '../ingest/tabular/readers.js';
import { XsdCatalog } from '../ingest/istandaarden/xml.js';
import { addGemeente, catchUpTrajectories, listGemeenten } from '../model/store.js';
import { ensureCalendar, recomputeQuality } from '../quality/index.js';
import { loadOrCreateKey, Pseudonymizer } from '../privacy/index.js';
import { declaredGemeente, importFiles, importPaths, type FullImportSummary, type ImportRequest } from './imports.js';

export type { FullImportSummary, ImportFileOutcome, ImportRequest, TabularRequest } from './imports.js';

/**
 * The composition root: opens the database, applies migrations, wires ingest → trajectory store →
 * indicators. The web server and the CLI both use this; nothing below knows about them.
 */
export interface Koers {
  config: KoersConfig;
  handle: DatabaseHandle;
  db: Db;
  importer: MessageImporter;
  /** The key the importers pseudonymise with (one per installation; per-gemeente keys are derived). */
  pseudonymizer: Pseudonymizer;
  /**
   * The import entry for the CLI, the API and the web: files, folders and zips (messages, areas,
   * tables), optionally restricted to one gemeente (`onlyGemeente`) or read as one tabular source
   * (`tabular`); refreshes the indicators. See src/app/imports.ts.
   */
  importPaths(paths: string[], req: ImportRequest): Promise<FullImportSummary>;
  /** Same, for files in memory (uploads); `unreadable` are uploads that could not be opened (a broken zip). */
  importFiles(files: InputFile[], req: ImportRequest, unreadable?: FileResult[]): Promise<FullImportSummary>;
  /**
   * One tabular file for a known gemeente, streamed through a mapping, then the gemeente's
   * indicators are refreshed. A building block (tests, the quarantine re-import); users' imports go
   * through importPaths/importFiles. Without a gemeente: the file's gemeente column, else the only
   * registered gemeente.
   */
  importTabular(args: TabularArgs): Promise<TabularImportResult>;
  /**
   * `facts`: per gemeente, facts that changed from an earlier date than `affected` says (fact id → date).
   * `touched`: per gemeente, the only tables that changed (a tabular import's TabularImportResult.touched):
   * only the indicators that read them are recomputed. A gemeente not in it: every indicator.
   */
  refresh(affected: Map<string, string | null>, facts?: Map<string, Record<string, string>>, touched?: Map<string, string[]>): Promise<ComputeStats[]>;
  /**
   * Brings trajectories up to date with the passing of time (toewijzingen that ended without a
   * start) and recomputes what that changed. The server runs it at start and every hour.
   */
  catchUp(today?: string): Promise<ComputeStats[]>;
  /**
   * Calls `listener` with the gemeenten whose indicators were just recomputed in this process (after
   * an import, a re-import from quarantine or a catch-up). The server uses it to build the monitor
   * overview before the first user asks for it. Returns a function that removes the listener.
   */
  onRefreshed(listener: (gemeenten: string[]) => void): () => void;
  close(): Promise<void>;
}

/** A tabular file for Koers.importTabular: with a mapping, or with only a source (columns named as in the Koers format). */
export type TabularArgs = Omit<ImportTabularArgs, 'gemeente' | 'mapping'> & { gemeente?: string } & ({ mapping: Mapping } | { source: string; mapping?: undefined; sheet?: string });

export interface OpenKoersOptions {
  /** For tests: use this PostgreSQL schema (isolation on a shared server). */
  schema?: string;
  /** For tests: in-memory embedded database. */
  inMemory?: boolean;
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

  const listeners = new Set<(gemeenten: string[]) => void>();
  const announce = (gemeenten: string[]) => {
    // A listener's failure is its own: it never fails the import or catch-up that announced.
    if (gemeenten.length) for (const l of listeners) try { l(gemeenten); } catch { /* see above */ }
  };

  async function refresh(affected: Map<string, string | null>, facts?: Map<string, Record<string, string>>, touched?: Map<string, string[]>): Promise<ComputeStats[]> {
    const stats: ComputeStats[] = [];
    for (const [g, from] of affected) {
      stats.push(await recomputeGemeente(db, g, from, { factFrom: facts?.get(g), tables: touched?.get(g) }));
      // Pyramid flows, draagkracht and stapeling (docs/segments.md), unless the import changed none of their tables.
      await recomputeSegments(db, g, from, { tables: touched?.get(g) });
      await recomputeQuality(db, g);
    }
    announce([...affected.keys()]);
    return stats;
  }

  async function runTabular(args: TabularArgs): Promise<TabularImportResult> {
    let mapping: Mapping;
    if (args.mapping) mapping = args.mapping;
    else {
      const sheet = args.sheet;
      let headers: string[] = [];
      const input = 'stream' in args.file ? args.file.stream.bind(args.file) : await args.file.read();
      try { headers = await openTable(input, args.file.name, { sheet }).then((t) => { t.close(); return t.headers; }); } catch { /* importTabular reports it */ }
      const source = findSource(args.source);
      mapping = { ...(source ? defaultMapping(source.id, headers) : { source: args.source, columns: {} }), ...(sheet ? { sheet } : {}) };
    }
    // Given, else the file's gemeente column, else the only registered gemeente; '' is refused by importTabular with the reason.
    let gemeente = args.gemeente ? normaliseGemeente(args.gemeente) : await declaredGemeente(args.file, mapping);
    if (!gemeente) {
      const all = await db.selectFrom('gemeente').select('gemeente_code').limit(2).execute();
      gemeente = all.length === 1 ? all[0]!.gemeente_code : '';
    }
    return importTabular({ db, pseudonymizer }, { ...args, mapping, gemeente });
  }

  const deps = { db, pseudonymizer, importer, refresh };

  return {
    config, handle, db, importer, pseudonymizer, refresh,
    async catchUp(today = new Date().toISOString().slice(0, 10)) {
      const affected = new Map<string, string | null>();
      const stats: ComputeStats[] = [];
      for (const g of await listGemeenten(db)) {
        const earliest = await catchUpTrajectories(db, g[0], today);
        if (earliest) affected.set(g[0], earliest);
        // A definition version never computed here (new with an upgrade): all its periods, now.
        else {
          const missing = await neverComputed(db, g[0]);
          if (missing.length) {
            stats.push(await recomputeGemeente(db, g[0], null, { only: missing }));
            announce([g[0]]);
          }
        }
      }
      return affected.size ? [...stats, ...(await refresh(affected))] : stats;
    },
    importFiles: (files, req, unreadable) => importFiles(deps, files, req, unreadable),
    importPaths: (paths, req) => importPaths(deps, paths, req),
    async importTabular(args) {
      const r = await runTabular(args);
      if (!r.fileError) await refresh(new Map([[r.gemeente, r.touchedFrom]]), undefined, r.touched ? new Map([[r.gemeente, r.touched]]) : undefined);
      return r;
    },
    onRefreshed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
