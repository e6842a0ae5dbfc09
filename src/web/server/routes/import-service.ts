import crypto from 'node:crypto';
import path from 'node:path';
import type { Koers } from '../../../app/koers.js';
import { audit } from '../../../auth/index.js';
import { sql, type Db } from '../../../db/index.js';
import { InputError } from '../../../ingest/errors.js';
import { readZip, type InputFile } from '../../../ingest/inputs.js';
import { readMessage } from '../../../ingest/istandaarden/messages.js';
import type { FileResult } from '../../../ingest/messages-import.js';
import { importAreas, isAreasFile } from '../../../ingest/reference.js';
import { defaultMapping, detectSource, importTabular, readHeaders, type Mapping, type TabularSource } from '../../../ingest/tabular/index.js';
import { badRequest } from '../errors.js';
import type { ImportFileResult, ImportSummary } from './api-types.js';
import type { ImportCaller } from './context.js';
import { loadMapping, pseudonymizerOf, requireTabularSource, tabularFileGemeente } from './tabular.js';

/** One uploaded file as it arrived (multipart part or raw body). */
export interface Upload { name: string; bytes: Buffer }

export interface UploadOptions {
  /** A tabular source (with an optional saved mapping); absent = recognise every file by itself. */
  tabular?: { source: string; mappingId: string | null } | null;
  ip?: string | null;
}

/** A safe display name: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string, fallback = 'upload'): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || fallback).slice(0, 200);
}

const isZip = (u: Upload) => /\.zip$/i.test(u.name) || (u.bytes.length > 4 && u.bytes.readUInt32LE(0) === 0x04034b50);
const TABLE_FILE = /\.(csv|txt|xlsx|xlsm|xls)$/i;
const JSON_FILE = /\.(geojson|json)$/i;

const rejected = (name: string, reason: string, o: Partial<FileResult> = {}): FileResult =>
  ({ name, status: 'rejected', messageType: null, gemeente: null, location: null, reason, ...o });

/** Expands zips into their files; a zip that can not be opened becomes a rejected file. */
export async function expandUploads(uploads: Upload[]): Promise<{ files: InputFile[]; unreadable: FileResult[] }> {
  const files: InputFile[] = [];
  const unreadable: FileResult[] = [];
  for (const u of uploads) {
    if (isZip(u)) {
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

const otherGemeente = (found: string, own: string) =>
  `dit bestand is van gemeente ${found}; je mag alleen bestanden van je eigen gemeente (${own}) inlezen. Het bestand is niet geïmporteerd.`;

/** Every gemeente code (4 digits) in a message header (sender or receiver); null when unreadable. */
function messageGemeenten(bytes: Buffer): { bericht: string; codes: string[] } | null {
  try {
    const msg = readMessage(bytes);
    return { bericht: msg.bericht, codes: [msg.header.afzender, msg.header.ontvanger].filter((c) => /^\d{4}$/.test(c)) };
  } catch {
    return null; // unreadable: the importer rejects it with its own reason and location
  }
}

/** The gemeenten a GeoJSON file's areas say they belong to (gemeentecode, else from the area code). */
function areaGemeenten(text: string): string[] {
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

/** The import run that holds an upload's areas and tables (messages get their own run from the message importer). */
class UploadRun {
  importId: string | null = null;
  constructor(private readonly db: Db, private readonly caller: ImportCaller) {}

  async id(): Promise<string> {
    if (this.importId) return this.importId;
    const importId = crypto.randomUUID();
    await this.db.insertInto('import_run').values({
      import_id: importId, source: this.caller.via, username: this.caller.username, gemeente_code: this.caller.gemeenteCode, owner_gemeente_code: this.caller.gemeenteCode,
      token_id: this.caller.tokenId, started_at: new Date(), finished_at: null, files_total: 0, files_accepted: 0, files_rejected: 0, files_duplicate: 0,
    }).execute();
    this.importId = importId;
    return importId;
  }

  /** Records a file the API handled itself (areas, refused or unknown files), with quarantine for a rejection. */
  async record(f: FileResult): Promise<void> {
    const importId = await this.id();
    const gemeente = this.caller.gemeenteCode;
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
}

interface TableJob { file: InputFile; source: TabularSource; mapping: Mapping | null }

/**
 * Runs an upload for the caller's gemeente. Every file is recognised by itself (iWmo/iJw messages,
 * wijk/buurt GeoJSON, tables in a Koers format), or all files are read as one tabular source with a
 * saved mapping. The gemeente is always the caller's: files that say they are about another
 * gemeente are refused per file and never imported. Areas and tables go first (postcodes before
 * messages, so messages find their wijk), then messages. Audited.
 */
export async function runUpload(koers: Koers, caller: ImportCaller, uploads: Upload[], opts: UploadOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const { db } = koers;
  const own = caller.gemeenteCode;

  let explicit: { source: TabularSource; mapping: Mapping | null } | null = null;
  if (opts.tabular) {
    const source = requireTabularSource(opts.tabular.source);
    let mapping: Mapping | null = null;
    if (opts.tabular.mappingId) {
      const saved = await loadMapping(db, own, opts.tabular.mappingId);
      if (saved.source !== source.id) throw badRequest(`Koppeling "${saved.name}" is voor tabel ${saved.source}, niet voor ${source.id}.`);
      mapping = saved.mapping;
    }
    explicit = { source, mapping };
  }

  const { files, unreadable } = await expandUploads(uploads);
  const run = new UploadRun(db, caller);
  const results: (FileResult & { rows?: number; quarantined?: number })[] = [];
  const messages: InputFile[] = [];
  const refusedMessages: FileResult[] = [];
  const areas: InputFile[] = [];
  const tables: TableJob[] = [];

  for (const f of files) {
    if (explicit) { tables.push({ file: f, ...explicit }); continue; }
    if (JSON_FILE.test(f.name)) {
      const head = (await f.read()).subarray(0, 4096).toString('utf8');
      if (isAreasFile(f.name, head)) areas.push(f);
      else results.push(rejected(f.name, 'onbekend bestandsformaat: JSON-bestanden moeten een GeoJSON FeatureCollection met wijken of buurten zijn'));
    } else if (TABLE_FILE.test(f.name)) {
      let source: TabularSource | null = null;
      let reason = 'onbekend bestandsformaat: de kolommen passen bij geen enkele tabel van Koers. Kies bij "Soort gegevens" de tabel en een koppeling (of ?source=…&mapping=…).';
      try {
        const id = detectSource((await readHeaders(await f.read(), f.name)).headers);
        source = id ? requireTabularSource(id) : null;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        reason = e.reason;
      }
      if (source) tables.push({ file: f, source, mapping: null });
      else results.push(rejected(f.name, reason, { location: 'regel 1' }));
    } else {
      const bytes = await f.read();
      const m = messageGemeenten(bytes);
      const foreign = m?.codes.find((c) => c !== own);
      if (m && foreign) refusedMessages.push(rejected(f.name, otherGemeente(foreign, own), { source: 'istandaarden', messageType: m.bericht, location: `${m.bericht}/Header` }));
      else messages.push({ name: f.name, read: async () => bytes });
    }
  }
  for (const r of results) await run.record(r); // unknown formats

  let refreshOwn = false;
  // 1. Wijk and buurt boundaries, for the caller's gemeente only.
  for (const f of areas) {
    const text = (await f.read()).toString('utf8');
    const foreign = areaGemeenten(text).find((g) => g !== own);
    let r: FileResult;
    if (foreign) r = rejected(f.name, otherGemeente(foreign, own), { source: 'wijken', messageType: 'wijken', location: 'feature 1' });
    else {
      try {
        const res = await importAreas(db, text, own);
        r = { name: f.name, source: 'wijken', status: 'accepted', messageType: 'wijken', gemeente: res.gemeente, location: null, reason: null };
        refreshOwn = true;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        r = rejected(f.name, e.reason, { source: 'wijken', messageType: 'wijken', location: e.location });
      }
    }
    await run.record(r);
    results.push(r);
  }

  // 2. Tables, through the saved mapping or the default one for their headers.
  for (const t of tables) {
    const bytes = await t.file.read();
    let mapping = t.mapping;
    if (!mapping) {
      mapping = { source: t.source.id, columns: {} };
      // An unreadable file keeps the empty mapping; the importer then says why it can not be read.
      try { mapping = defaultMapping(t.source.id, (await readHeaders(bytes, t.file.name)).headers); } catch (e) { if (!(e instanceof InputError)) throw e; }
    }
    const base = { name: t.file.name, source: t.source.id, messageType: t.source.id };
    const foreign = await tabularFileGemeente(bytes, t.file.name, mapping);
    if (foreign && foreign !== own) {
      const r = rejected(t.file.name, otherGemeente(foreign, own), { ...base, location: mapping.columns.gemeente && 'constant' in mapping.columns.gemeente ? 'koppeling, kolom gemeente' : 'regel 2, kolom gemeente' });
      await run.record(r);
      results.push(r);
      continue;
    }
    const res = await importTabular({ db, pseudonymizer: pseudonymizerOf(koers) }, {
      gemeente: own, file: { name: t.file.name, read: async () => bytes }, mapping, importId: await run.id(), username: caller.username, origin: caller.via,
    });
    if (res.fileError) results.push({ ...base, status: 'rejected', gemeente: own, location: res.fileError.location, reason: res.fileError.reason, rows: res.rows, quarantined: 0 });
    else {
      refreshOwn = true;
      results.push({ ...base, status: 'accepted', gemeente: own, location: null, reason: res.quarantined ? `${res.quarantined} van de ${res.rows} regels staan in quarantaine` : null, rows: res.rows, quarantined: res.quarantined });
    }
  }

  // 3. Messages (and zips that could not be opened), through the message importer.
  const importIds: string[] = run.importId ? [run.importId] : [];
  const affected = new Map<string, string | null>(refreshOwn ? [[own, null]] : []);
  const pre = [...unreadable, ...refusedMessages];
  if (messages.length || pre.length) {
    const s = await koers.importer.importFiles(messages, { source: caller.via, username: caller.username }, pre);
    importIds.push(s.importId);
    for (const [g, d] of s.affected) if (!affected.has(g)) affected.set(g, d);
    results.push(...s.files);
    await claimRun(db, s.importId, caller);
  }
  if (!importIds.length) importIds.push(await run.id()); // nothing at all: an empty run still shows in the history
  if (affected.size) await koers.refresh(affected);

  const counts = { accepted: 0, rejected: 0, duplicate: 0 };
  for (const r of results) counts[r.status]++;
  const summary: ImportSummary = {
    importId: importIds[0]!, importIds, accepted: counts.accepted, rejected: counts.rejected, duplicates: counts.duplicate,
    seconds: (Date.now() - started) / 1000, files: results.map(toResult),
  };
  await audit(db, {
    gemeenteCode: own, userId: caller.userId, username: caller.username, action: 'import', object: summary.importId, ip: opts.ip ?? null,
    details: { via: caller.via, tokenId: caller.tokenId, importIds, source: opts.tabular?.source ?? 'auto', mappingId: opts.tabular?.mappingId ?? null, files: results.length, accepted: counts.accepted, rejected: counts.rejected, duplicates: counts.duplicate },
  });
  return summary;
}

const toResult = (f: FileResult & { rows?: number; quarantined?: number }): ImportFileResult => ({
  name: f.name, source: f.source ?? null, status: f.status, messageType: f.messageType, gemeente: f.gemeente, location: f.location, reason: f.reason,
  ...(f.rows !== undefined ? { rows: f.rows } : {}), ...(f.quarantined !== undefined ? { quarantined: f.quarantined } : {}),
});

/**
 * Marks the message importer's run as the caller's, so history and quarantine show it to that
 * gemeente only: files that could not be read (no gemeente of their own) are the uploader's to fix.
 */
async function claimRun(db: Db, importId: string, caller: ImportCaller): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('import_run').set({ owner_gemeente_code: caller.gemeenteCode, token_id: caller.tokenId }).where('import_id', '=', importId).execute();
    await trx.updateTable('quarantine_record').set({ gemeente_code: caller.gemeenteCode }).where('import_id', '=', importId).where('gemeente_code', 'is', null).execute();
  });
}
