import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Db } from '../db/index.js';
import { InputError, otherGemeenteReason } from '../ingest/errors.js';
import { collectInputs, readZip, type InputFile } from '../ingest/inputs.js';
import type { FileResult, ImportOptions, MessageImporter } from '../ingest/messages-import.js';
import { importAreas, isAreasFile } from '../ingest/reference.js';
import { defaultMapping, detectSource, findSource, importTabular, normaliseGemeente, TABULAR_SOURCES, type ImportTabularArgs, type Mapping, type TabularImportResult } from '../ingest/tabular/index.js';
import { openTable } from '../ingest/tabular/readers.js';
import type { Pseudonymizer } from '../privacy/index.js';
import type { ComputeStats } from '../indicators/index.js';

/**
 * The one import entry of Koers, used by the CLI (`koers import`), the API (`POST /api/imports`)
 * and the web upload alike. It recognises every file (iWmo/iJw messages, also in StUF envelopes;
 * wijk/buurt GeoJSON; tables in a Koers format) or reads all files as one tabular source through
 * a mapping, imports areas and tables first (postcodes before messages, so messages find their
 * wijk), then messages, and refreshes the indicators of the gemeenten it touched.
 *
 * A gemeente restriction (`onlyGemeente`) makes every file the restricted gemeente's: a file that
 * says it is about another gemeente (a message header, an area code, a table's gemeente column or
 * mapping constant) is refused per file with the reason and never imported, and tables get the
 * restricted gemeente. The API and the web set it to the caller's gemeente; `koers import
 * --gemeente G` sets it on the command line.
 */
export interface ImportRequest extends ImportOptions {
  /** Read every file as this tabular source (with a mapping, or the Koers column names) instead of recognising each file. */
  tabular?: TabularRequest | null;
  /** Recorded on the import runs (API feeds). */
  tokenId?: string | null;
  /** Rows read so far in a tabular file (for progress on a terminal). */
  onRows?: (fileName: string, rows: number) => void;
}

export interface TabularRequest {
  source: string;
  /** Absent: the default mapping for each file's header (columns named as in the Koers format). */
  mapping?: Mapping | null;
  sheet?: string;
  delimiter?: ',' | ';';
}

/** One file's outcome; tabular files also say how many rows were read and quarantined. */
export type ImportFileOutcome = FileResult & { rows?: number; quarantined?: number };

export interface FullImportSummary {
  /** The first run of importIds. */
  importId: string;
  /**
   * The import runs: one for areas, tables and files of an unknown format (when there are areas or
   * tables), one for messages (when there are messages or files that could not be opened).
   */
  importIds: string[];
  /** In order: files of an unknown format, areas, tables, then messages. */
  files: ImportFileOutcome[];
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Accepted messages. */
  messages: number;
  /** Per gemeente the earliest date whose figures may have changed (null: every period). */
  affected: Map<string, string | null>;
  seconds: number;
  /** Areas and tabular files that were imported, in the order they were imported. */
  reference: { name: string; source: string; gemeente: string; rows: number }[];
  tabular: TabularImportResult[];
  /** Tabular records put in quarantine (their files were accepted). */
  quarantined: number;
  indicators: ComputeStats[];
}

export interface ImportDeps {
  db: Db;
  pseudonymizer: Pseudonymizer;
  importer: MessageImporter;
  /**
   * `facts`: per gemeente, facts that changed from an earlier date than `affected` says (fact id → date).
   * `touched`: per gemeente, the only tables that changed (a tabular import's TabularImportResult.touched):
   * only the indicators that read them are recomputed. A gemeente not in it: every indicator.
   */
  refresh(affected: Map<string, string | null>, facts?: Map<string, Record<string, string>>, touched?: Map<string, string[]>): Promise<ComputeStats[]>;
}

/** The earlier of a gemeente's affected date so far (none yet: `d`) and `d`; null (every period) wins. */
const earlier = (affected: Map<string, string | null>, g: string, d: string | null): string | null => {
  if (!affected.has(g)) return d;
  const a = affected.get(g)!;
  return a === null || d === null ? null : a < d ? a : d;
};

/** Import order: areas first, then tabular sources in TABULAR_SOURCES order (postcodes before persons). */
const SOURCE_ORDER = ['wijken', ...TABULAR_SOURCES.map((s) => s.id)];
const TABLE_FILE = /\.(csv|txt|xlsx|xlsm|xls)$/i;
const JSON_FILE = /\.(geojson|json)$/i;

const rejected = (name: string, reason: string, o: Partial<FileResult> = {}): FileResult =>
  ({ name, status: 'rejected', messageType: null, gemeente: null, location: null, reason, ...o });

/** A file on disk is streamed (tables may be gigabytes); anything else (zip entry, upload) is read into memory. */
export function tabularInput(f: InputFile): ImportTabularArgs['file'] {
  if (!f.name.includes('!') && path.isAbsolute(f.name) && fs.existsSync(f.name) && fs.statSync(f.name).isFile()) return { name: f.name, stream: () => fs.createReadStream(f.name, { highWaterMark: 1 << 20 }) };
  return f;
}

const tableInput = (file: ImportTabularArgs['file']): Promise<Buffer> | (() => NodeJS.ReadableStream) => ('stream' in file ? () => file.stream() : file.read());

async function headersOf(file: ImportTabularArgs['file'], opts: { sheet?: string; delimiter?: ',' | ';'; headerRow?: number } = {}): Promise<string[] | null> {
  try {
    const t = await openTable(await tableInput(file), file.name, opts);
    t.close();
    return t.headers;
  } catch (e) {
    if (e instanceof InputError) return null; // the importer says why the file can not be read
    throw e;
  }
}

/**
 * The gemeente a tabular file says it is about: a constant in the mapping, or the gemeente column
 * of its first data row (through the mapping's value map); null when it does not say. Streams: only
 * the first row is read.
 */
export async function declaredGemeente(file: ImportTabularArgs['file'], mapping: Mapping): Promise<string | null> {
  const m = mapping.columns.gemeente;
  if (!m) return null;
  if ('constant' in m) return m.constant.trim() ? normaliseGemeente(m.constant) : null;
  try {
    const t = await openTable(await tableInput(file), file.name, { sheet: mapping.sheet, delimiter: mapping.delimiter, headerRow: mapping.headerRow });
    try {
      let idx = t.headers.indexOf(m.column);
      if (idx < 0) idx = t.headers.findIndex((h) => h.trim().toLowerCase() === m.column.trim().toLowerCase());
      if (idx < 0) return null;
      for await (const row of t.rows) {
        let v = String(row.cells[idx] ?? '').trim();
        if (m.map) v = (m.map[v] ?? Object.entries(m.map).find(([k]) => k.trim().toLowerCase() === v.toLowerCase())?.[1] ?? v).trim();
        return v ? normaliseGemeente(v) : null;
      }
      return null;
    } finally {
      t.close();
    }
  } catch (e) {
    if (e instanceof InputError) return null; // unreadable: the importer rejects it with the reason
    throw e;
  }
}

/** The gemeenten a GeoJSON file's areas say they belong to (gemeentecode, else from the area codes). */
export function areaGemeenten(text: string): string[] {
  try {
    const fc = JSON.parse(text.replace(/^\uFEFF/, '')) as { features?: { properties?: Record<string, unknown> | null }[] };
    const found = new Set<string>();
    for (const f of fc.features ?? []) {
      const p = f.properties ?? {};
      const gm = String(p.gemeentecode ?? p.GM_CODE ?? '').trim().replace(/^GM/i, '');
      if (gm) found.add(gm);
      for (const code of [p.buurtcode, p.BU_CODE, p.statcode, p.wijkcode, p.WK_CODE]) {
        const c = String(code ?? '');
        if (/^(WK|BU)\d{6}/.test(c)) found.add(c.slice(2, 6));
      }
    }
    return [...found];
  } catch {
    return []; // unreadable: the area importer rejects it with the reason
  }
}

/** Uploaded files (multipart parts or a raw body): zips are expanded; a zip that can not be opened is a rejected file. */
export async function expandUploads(uploads: { name: string; bytes: Buffer }[]): Promise<{ files: InputFile[]; unreadable: FileResult[] }> {
  const files: InputFile[] = [];
  const unreadable: FileResult[] = [];
  for (const u of uploads) {
    const isZip = /\.zip$/i.test(u.name) || (u.bytes.length > 4 && u.bytes.readUInt32LE(0) === 0x04034b50);
    if (isZip) {
      try { files.push(...(await readZip(u.name, u.bytes))); } catch (e) {
        unreadable.push(rejected(u.name, e instanceof InputError ? e.reason : `zip-bestand kan niet gelezen worden: ${(e as Error).message}`));
      }
    } else {
      const bytes = u.bytes;
      files.push({ name: u.name, read: async () => bytes });
    }
  }
  return { files, unreadable };
}

/** The import run that holds an import's areas, tables and files of an unknown format (messages get their own run). */
class ReferenceRun {
  importId: string | null = null;
  private readonly gemeenten = new Set<string>();
  constructor(private readonly db: Db, private readonly req: ImportRequest) {}

  async id(): Promise<string> {
    if (this.importId) return this.importId;
    const importId = crypto.randomUUID();
    const only = this.req.onlyGemeente ?? null;
    await this.db.insertInto('import_run').values({
      import_id: importId, source: this.req.source, username: this.req.username ?? null, gemeente_code: only, owner_gemeente_code: only,
      token_id: this.req.tokenId ?? null, started_at: new Date(), finished_at: null, files_total: 0, files_accepted: 0, files_rejected: 0, files_duplicate: 0,
    }).execute();
    this.importId = importId;
    return importId;
  }

  /** A file that the tabular importer recorded itself. */
  noteGemeente(g: string | null): void { if (g) this.gemeenten.add(g); }

  /** Records a file handled here (areas, refused or unknown files), with quarantine for a rejection. */
  async record(f: FileResult): Promise<void> {
    const importId = await this.id();
    this.noteGemeente(f.gemeente);
    const gemeente = this.req.onlyGemeente ?? f.gemeente;
    await this.db.transaction().execute(async (trx) => {
      await sql`select 1 from import_run where import_id = ${importId}::uuid for update`.execute(trx);
      const seq = await sql<{ n: number }>`select coalesce(max(file_seq) + 1, 0) as n from import_file where import_id = ${importId}::uuid`.execute(trx);
      await trx.insertInto('import_file').values({
        import_id: importId, file_seq: seq.rows[0]!.n, file_name: f.name, gemeente_code: f.gemeente, source: f.source ?? null, status: f.status,
        message_type: f.messageType, sha256: null, error_location: f.location, error_reason: f.reason,
      }).execute();
      if (f.status === 'rejected') {
        await trx.insertInto('quarantine_record').values({
          quarantine_id: crypto.randomUUID(), gemeente_code: gemeente, import_id: importId, file_name: f.name, source: f.source ?? 'onbekend',
          location: f.location, field: null, reason: f.reason ?? 'onbekende fout', record: null,
        }).execute();
      }
      await sql`update import_run set finished_at = now(), files_total = files_total + 1,
          files_accepted = files_accepted + ${f.status === 'accepted' ? 1 : 0}, files_rejected = files_rejected + ${f.status === 'rejected' ? 1 : 0},
          files_duplicate = files_duplicate + ${f.status === 'duplicate' ? 1 : 0}
        where import_id = ${importId}::uuid`.execute(trx);
    });
  }

  /** The run's gemeente: the restricted one, else the only gemeente its files were about. */
  async finish(): Promise<void> {
    if (!this.importId || this.req.onlyGemeente) return;
    const g = this.gemeenten.size === 1 ? [...this.gemeenten][0]! : null;
    await this.db.updateTable('import_run').set({ gemeente_code: g }).where('import_id', '=', this.importId).execute();
  }
}

interface TableJob { file: InputFile; source: string; mapping: Mapping | null }

/** Imports files (see ImportRequest); `unreadable` are inputs that could not even be opened. */
export async function importFiles(deps: ImportDeps, files: InputFile[], req: ImportRequest, unreadable: FileResult[] = []): Promise<FullImportSummary> {
  const started = Date.now();
  const { db } = deps;
  const only = req.onlyGemeente ? normaliseGemeente(req.onlyGemeente) : null;
  const o: ImportRequest = { ...req, onlyGemeente: only };
  if (req.tabular && !findSource(req.tabular.source)) throw new InputError(`onbekende bron "${req.tabular.source}"; kies uit: ${TABULAR_SOURCES.map((s) => s.id).join(', ')}`);

  const unknown: FileResult[] = [];
  const areas: InputFile[] = [];
  const tables: TableJob[] = [];
  const messages: InputFile[] = [];
  for (const f of files) {
    if (req.tabular) { tables.push({ file: f, source: findSource(req.tabular.source)!.id, mapping: req.tabular.mapping ?? null }); continue; }
    if (JSON_FILE.test(f.name)) {
      const head = (await f.read()).subarray(0, 4096).toString('utf8');
      if (isAreasFile(f.name, head)) areas.push(f);
      else if (!/(^|[/\\!])gemeente\.json$/.test(f.name)) unknown.push(rejected(f.name, 'onbekend bestandsformaat: JSON-bestanden moeten een GeoJSON FeatureCollection met wijken of buurten zijn'));
    } else if (TABLE_FILE.test(f.name)) {
      let source: string | null = null;
      let reason = 'onbekend bestandsformaat: de kolommen passen bij geen enkele Koers-tabel (zie docs/formats.md). Kies de soort gegevens en een koppeling (in Koers bij "Soort gegevens", met de API ?source=…&mapping=…, op de opdrachtregel --source en --mapping).';
      try {
        const t = await openTable(await tableInput(tabularInput(f)), f.name);
        t.close();
        source = detectSource(t.headers);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        reason = e.reason;
      }
      if (source) tables.push({ file: f, source, mapping: null });
      else unknown.push(rejected(f.name, reason, { location: 'regel 1' }));
    } else messages.push(f);
  }
  tables.sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source));

  const run = new ReferenceRun(db, o);
  const results: ImportFileOutcome[] = [];
  const reference: FullImportSummary['reference'] = [];
  const tabular: TabularImportResult[] = [];
  const affected = new Map<string, string | null>();
  // Per gemeente, the tables its tabular files changed; null: something changed that every indicator may read.
  const touched = new Map<string, string[] | null>();
  // Files of an unknown format belong with the areas and tables when there are any, else with the messages.
  const hasReference = areas.length > 0 || tables.length > 0;
  if (hasReference) for (const r of unknown) { await run.record(r); results.push(r); }

  // 1. Wijk and buurt boundaries.
  for (const f of areas) {
    const text = (await f.read()).toString('utf8');
    const foreign = only ? areaGemeenten(text).find((g) => g !== only) : undefined;
    let r: FileResult;
    if (foreign) r = rejected(f.name, otherGemeenteReason(foreign, only!), { source: 'wijken', messageType: 'wijken', location: 'feature 1' });
    else {
      try {
        const res = await importAreas(db, text, only ?? undefined);
        r = { name: f.name, source: 'wijken', status: 'accepted', messageType: 'wijken', gemeente: res.gemeente, location: null, reason: null };
        reference.push({ name: f.name, source: 'wijken', gemeente: res.gemeente, rows: res.rows });
        affected.set(res.gemeente, null); // areas change every period
        touched.set(res.gemeente, null);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        r = rejected(f.name, e.reason, { source: 'wijken', messageType: 'wijken', location: e.location });
      }
    }
    await run.record(r);
    results.push(r);
  }

  // 2. Tables, through the given mapping or the default one for their header.
  for (const t of tables) {
    const file = tabularInput(t.file);
    const opts: Partial<TabularRequest> = req.tabular ?? {};
    let mapping = t.mapping;
    if (!mapping) {
      const headers = await headersOf(file, { sheet: opts.sheet, delimiter: opts.delimiter });
      // An unreadable file keeps an empty mapping; the importer then says why it can not be read.
      mapping = { ...(headers ? defaultMapping(t.source, headers) : { source: t.source, columns: {} }), ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.delimiter ? { delimiter: opts.delimiter } : {}) };
    } else if (opts.delimiter || opts.sheet) {
      mapping = { ...mapping, ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.delimiter ? { delimiter: opts.delimiter } : {}) };
    }
    const base = { name: t.file.name, source: t.source, messageType: t.source };
    const declared = await declaredGemeente(file, mapping);
    if (only && declared && declared !== only) {
      const r = rejected(t.file.name, otherGemeenteReason(declared, only), { ...base, location: 'constant' in (mapping.columns.gemeente ?? {}) ? 'koppeling, kolom gemeente' : 'regel 2, kolom gemeente' });
      await run.record(r);
      results.push(r);
      continue;
    }
    // Without a restriction: the file's own gemeente, else the only registered one; '' is refused by the importer with the reason.
    const gemeente = only ?? declared ?? (await onlyRegisteredGemeente(db)) ?? '';
    const res = await importTabular({ db, pseudonymizer: deps.pseudonymizer }, {
      gemeente, file, mapping, importId: await run.id(), username: req.username ?? null, origin: req.source,
      onProgress: req.onRows ? (n) => req.onRows!(t.file.name, n) : undefined,
    });
    tabular.push(res);
    run.noteGemeente(/^\d{4}$/.test(res.gemeente) ? res.gemeente : null);
    if (res.fileError) {
      results.push({ ...base, status: 'rejected', gemeente: res.gemeente || null, location: res.fileError.location, reason: res.fileError.reason, rows: res.rows, quarantined: 0 });
      continue;
    }
    reference.push({ name: t.file.name, source: t.source, gemeente: res.gemeente, rows: res.accepted });
    results.push({ ...base, status: 'accepted', gemeente: res.gemeente, location: null, reason: res.quarantined ? `${res.quarantined} van de ${res.rows} regels staan in quarantaine` : null, rows: res.rows, quarantined: res.quarantined });
    affected.set(res.gemeente, earlier(affected, res.gemeente, res.touchedFrom));
    // What the tables of this gemeente's files changed, unless something else changed everything.
    const had = touched.get(res.gemeente);
    touched.set(res.gemeente, had === null || !res.touched ? null : [...(had ?? []), ...res.touched]);
  }
  await run.finish();

  // 3. Messages (and inputs that could not be opened), through the message importer.
  const importIds: string[] = run.importId ? [run.importId] : [];
  const pre = [...unreadable, ...(hasReference ? [] : unknown)];
  let messageCount = 0;
  let affectedFacts: Map<string, Record<string, string>> | undefined;
  if (messages.length || pre.length) {
    const s = await deps.importer.importFiles(messages, o, pre);
    importIds.push(s.importId);
    messageCount = s.messages;
    for (const [g, d] of s.affected) {
      affected.set(g, earlier(affected, g, d));
      // Messages: the indicators reading what they changed (ImportSummary.touched), from the date they touched.
      const had = touched.get(g);
      const mine = s.touched.get(g);
      touched.set(g, had === null || !mine ? null : [...new Set([...(had ?? []), ...mine])]);
    }
    affectedFacts = s.affectedFacts;
    for (const f of s.files) results.push(f); // no spread: a run can hold >100 000 files
    if (only) await claimRun(db, s.importId, only, req.tokenId ?? null);
  }
  if (!importIds.length) importIds.push(await run.id()); // nothing at all: an empty run still shows in the history

  const onlyTables = new Map([...touched].filter((e): e is [string, string[]] => e[1] !== null));
  const indicators = affected.size ? await deps.refresh(affected, affectedFacts, onlyTables) : [];
  const counts = { accepted: 0, rejected: 0, duplicate: 0 };
  for (const r of results) counts[r.status]++;
  return {
    importId: importIds[0]!, importIds, files: results, accepted: counts.accepted, rejected: counts.rejected, duplicates: counts.duplicate,
    messages: messageCount, affected, seconds: (Date.now() - started) / 1000, reference, tabular,
    quarantined: tabular.reduce((n, t) => n + (t.fileError ? 0 : t.quarantined), 0), indicators,
  };
}

/** Files, folders and zips on disk (the CLI). */
export async function importPaths(deps: ImportDeps, paths: string[], req: ImportRequest): Promise<FullImportSummary> {
  const unreadable: FileResult[] = [];
  const files = await collectInputs(paths, (u) => unreadable.push(rejected(u.name, u.error.reason, { location: u.error.location })));
  return importFiles(deps, files, req, unreadable);
}

async function onlyRegisteredGemeente(db: Db): Promise<string | null> {
  const all = await db.selectFrom('gemeente').select('gemeente_code').limit(2).execute();
  return all.length === 1 ? all[0]!.gemeente_code : null;
}

/**
 * Marks the message importer's run as the restricted gemeente's, so history and quarantine show
 * it to that gemeente only: files that could not be read (no gemeente of their own) are the
 * importer's to fix.
 */
async function claimRun(db: Db, importId: string, gemeente: string, tokenId: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('import_run').set({ owner_gemeente_code: gemeente, token_id: tokenId }).where('import_id', '=', importId).execute();
    await trx.updateTable('quarantine_record').set({ gemeente_code: gemeente }).where('import_id', '=', importId).where('gemeente_code', 'is', null).execute();
  });
}
