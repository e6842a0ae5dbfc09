import { addressKey } from '../../model/address.js';
/**
 * The tabular importer: streams a CSV/XLSX file through a mapping into the store. One transaction
 * per file (batches inside it): a bad record goes to quarantine_record and does not block the rest;
 * a file whose format makes it meaningless (unreadable, wrong delimiter or encoding, missing
 * required columns) is refused whole, and a failure half-way (database error) leaves the store as
 * it was. Persons get the same pseudonym as in the messages; person attributes (birth year, sex,
 * wijk via postcode) update person/person_residence like the message importer does.
 */
import crypto from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import { sql, type Db } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import type { Pseudonymizer } from '../../privacy/pseudonym.js';
import { InputError } from '../errors.js';
import { otherSourceTables, personChangeScope } from '../person-changes.js';
import { houseNumberOf } from '../places.js';
import { compileMapping, mapRecord, type CompiledMapping, type FieldError } from './mapping.js';
import { openTable, type OpenedTable, type TableInput } from './readers.js';
import { findSource } from './sources.js';
import type { Mapping, PreviewRow, TabularImportResult } from './types.js';
import { maskBsn, type RawValue, type Value } from './values.js';
import { keyIndexes, rowKey, Stage } from './stage.js';
import { isErrors, WRITERS, type TableRow, type WriteContext } from './writers.js';

export type TabularFile = { name: string; stream(): NodeJS.ReadableStream } | { name: string; read(): Promise<Buffer> };

export interface ImportTabularArgs {
  gemeente: string;
  file: TabularFile;
  mapping: Mapping;
  /** Adds the file to this import run (created when it does not exist yet). */
  importId?: string;
  username?: string | null;
  onProgress?: (rows: number) => void;
  /** Where the import came from, recorded on a new import run: cli | api | web | demo | test (default 'api'). */
  origin?: string;
  /** Rows per batch (default 5 000: small batches are not promoted to the old generation of the JS heap, so the process stays smaller at the same speed). */
  batchSize?: number;
  /** Rows staged before they are merged into the store (default 500 000; see stage.ts). */
  mergeEvery?: number;
  /** Read batches that may wait for the database while the file is read on (default 4). */
  pipeline?: number;
  /** Test hook: called in the transaction after each written batch; throwing simulates a crash half-way. */
  faultInjection?: (batch: number) => void;
  /**
   * Only for re-importing one quarantined record (src/app/quarantine.ts): the person every row is
   * about, as the pseudonym this importer kept in the quarantine. It never comes from a file or a
   * request, and anything but a pseudonym (64 hex characters) is refused, so no BSN can reach the
   * store this way. The table then has no bsn or clientnummer column.
   */
  pseudonymisedPerson?: string;
}

export interface ImportTabularDeps { db: Db; pseudonymizer: Pseudonymizer }

const BATCH = 5_000;
const PIPELINE = 4;
const QUARANTINE_BATCH = 1000;

/** '363', 'GM0363' → '0363'. */
export function normaliseGemeente(code: string): string {
  const c = code.trim().replace(/^GM/i, '');
  return /^\d{1,4}$/.test(c) ? c.padStart(4, '0') : c;
}

interface Batch {
  rows: TableRow[][];
  persons: Map<string, [number | null, string | null]>;
  residences: Map<string, [string, string, string, string | null, number | null]>; // person, date, postcode, household key, house number (digits)
  quarantine: { location: string; field: string | null; reason: string; record: unknown }[];
}
const newBatch = (): Batch => ({ rows: [], persons: new Map(), residences: new Map(), quarantine: [] });

type Pseudonyms = Pick<Pseudonymizer, 'person' | 'client' | 'household'>;

/**
 * The pseudonyms of one file, remembered so a person or address that recurs (exports are mostly
 * sorted by person; households share an address) is hashed once. Bounded: emptied when full, so
 * memory does not grow with the file. Lives only while the file is read.
 */
export class PseudonymCache implements Pseudonyms {
  private readonly maps = { person: new Map<string, string>(), client: new Map<string, string>(), household: new Map<string, string>() };
  constructor(private readonly p: Pseudonymizer, private readonly limit = 50_000) {}
  private get(kind: 'person' | 'client' | 'household', gemeente: string, value: string): string {
    const map = this.maps[kind];
    const key = `${gemeente}|${value}`;
    let hit = map.get(key);
    if (hit === undefined) {
      hit = this.p[kind](gemeente, value);
      if (map.size >= this.limit) map.clear();
      map.set(key, hit);
    }
    return hit;
  }
  person(gemeente: string, bsn: string): string { return this.get('person', gemeente, bsn); }
  client(gemeente: string, clientNumber: string): string { return this.get('client', gemeente, clientNumber); }
  household(gemeente: string, address: string): string { return this.get('household', gemeente, address); }
}

/** Fills the person-related parts of a record; returns the pseudonym or an error. */
function personOf(values: Record<string, Value>, gemeente: string, p: Pseudonyms, errors: FieldError[], given: string | null): string | null {
  if (given) return given;
  if (typeof values.bsn === 'string') return p.person(gemeente, values.bsn);
  if (errors.some((e) => e.field === 'bsn')) return null;
  if (typeof values.clientnummer === 'string' && values.clientnummer.trim()) return p.client(gemeente, values.clientnummer);
  errors.push({ field: values.bsn === undefined ? 'clientnummer' : 'bsn', reason: 'bsn of clientnummer is verplicht maar leeg' });
  return null;
}

/** The record as it is kept in quarantine: BSN and client number replaced by the pseudonym, no house number. */
function quarantineRecord(texts: Record<string, string | null>, personId: string | null, personGiven = false): Record<string, string | null> {
  const { bsn: _b, clientnummer: _c, huisnummer: _h, ...rest } = texts;
  return personGiven || 'bsn' in texts || 'clientnummer' in texts ? { ...rest, persoon: personId } : rest;
}

function hashing(stream: NodeJS.ReadableStream, hash: crypto.Hash): Readable {
  const pass = new PassThrough({ highWaterMark: 1 << 20 });
  pass.on('data', (c: Buffer) => hash.update(c));
  (stream as Readable).on('error', (e) => pass.destroy(e));
  (stream as Readable).pipe(pass);
  return pass;
}

async function loadContext(db: Db | Transaction<Database>, gemeente: string, importId: string): Promise<WriteContext> {
  const areas = await db.selectFrom('area').select(['area_code', 'level']).where('gemeente_code', '=', gemeente).execute();
  const cats = await sql<{ k: string }>`select law || '|' || category_code as k from product_category`.execute(db);
  return { gemeente, importId, areas: new Map(areas.map((a) => [a.area_code, a.level])), categories: new Set(cats.rows.map((r) => r.k)) };
}

/** A CSV row must have as many fields as the header (trailing empty fields are fine). */
function widthOk(cells: RawValue[], width: number): boolean {
  return cells.length === width || (cells.length > width && cells.slice(width).every((c) => !String(c ?? '').trim()));
}

/** Processes one row into a batch (accepted rows) or quarantine. */
class RowProcessor {
  constructor(private readonly cm: CompiledMapping, private readonly ctx: WriteContext, private readonly pseudonymizer: Pseudonyms, private readonly csvWidth: number | null, private readonly givenPerson: string | null = null) {}

  process(line: number, cells: RawValue[], batch: Batch): boolean {
    const { cm, ctx } = this;
    const location = `regel ${line}`;
    if (this.csvWidth !== null && !widthOk(cells, this.csvWidth)) {
      batch.quarantine.push({ location, field: null, reason: `de regel heeft ${cells.length} velden, de kopregel ${this.csvWidth}: klopt het scheidingsteken, of staat er een ; of , in een waarde zonder aanhalingstekens?`, record: null });
      return false;
    }
    const m = mapRecord(cm, cells);
    const errors = m.errors;
    const source = cm.source;
    let personId: string | null = null;
    if (source.personLevel) personId = personOf(m.values, ctx.gemeente, this.pseudonymizer, errors, this.givenPerson);
    const g = m.values.gemeente;
    if (typeof g === 'string' && normaliseGemeente(g) !== ctx.gemeente) errors.push({ field: 'gemeente', reason: `gemeente ${g} hoort niet bij deze import (verwacht ${ctx.gemeente})` });
    let rows: TableRow[] | null = null;
    if (!errors.length) {
      const r = WRITERS[source.id]!.rows(m.values, personId, ctx);
      if (isErrors(r)) errors.push(...r);
      else rows = r;
    }
    if (errors.length || !rows) {
      batch.quarantine.push({ location, field: errors[0]?.field ?? null, reason: errors.map((e) => `${e.field}: ${e.reason}`).join('; '), record: quarantineRecord(m.texts, personId, this.givenPerson !== null) });
      return false;
    }
    batch.rows.push(rows);
    if (personId) {
      const by = typeof m.values.geboortejaar === 'number' ? m.values.geboortejaar : null;
      const sex = typeof m.values.geslacht === 'string' ? m.values.geslacht : null;
      const prev = batch.persons.get(personId);
      batch.persons.set(personId, [by ?? prev?.[0] ?? null, sex ?? prev?.[1] ?? null]);
      const dateCol = WRITERS[source.id]!.residenceDate;
      const pc = m.values.postcode;
      if (dateCol && typeof pc === 'string' && typeof m.values[dateCol] === 'string') {
        const date = m.values[dateCol] as string;
        const nr = typeof m.values.huisnummer === 'string' ? m.values.huisnummer : null;
        const key = `${personId}|${date}`;
        // The last row wins, but a household key stays when a later row has no house number (stage.ts).
        const household = nr ? this.pseudonymizer.household(ctx.gemeente, addressKey(pc, nr)) : (batch.residences.get(key)?.[3] ?? null);
        batch.residences.set(key, [personId, date, pc, household, houseNumberOf(nr)]);
      }
    }
    return true;
  }
}

/** Stages one batch (the file's records are merged into the store when the whole file is read) and stores its quarantine. */
async function writeBatch(trx: Transaction<Database>, ctx: WriteContext, sourceId: string, b: Batch, state: Map<string, unknown>, fileName: string, stage: Stage): Promise<void> {
  const writer = WRITERS[sourceId]!;
  const tables = writer.tables.map((spec, t) => {
    const keyIdx = keyIndexes(spec);
    const unique = new Map<string, unknown[]>();
    for (const r of b.rows) {
      const row = r[t];
      if (row) unique.set(rowKey(keyIdx, row), row);
    }
    return unique;
  });
  if (b.rows.length) await writer.beforeBatch?.(trx, ctx, b.rows, state);
  await stage.add({ persons: b.persons, residences: b.residences, tables });
  for (let i = 0; i < b.quarantine.length; i += QUARANTINE_BATCH) {
    const q = b.quarantine.slice(i, i + QUARANTINE_BATCH);
    await sql`insert into quarantine_record (quarantine_id, gemeente_code, import_id, file_name, source, location, field, reason, record)
      select x.id, ${ctx.gemeente}, ${ctx.importId}::uuid, ${fileName}, ${sourceId}, x.loc, x.field, x.reason, x.rec
        from unnest(${q.map(() => crypto.randomUUID())}::uuid[], ${q.map((x) => x.location)}::text[], ${q.map((x) => x.field)}::text[], ${q.map((x) => x.reason)}::text[],
                    ${q.map((x) => (x.record === null ? null : JSON.stringify(x.record)))}::jsonb[]) as x(id, loc, field, reason, rec)`.execute(trx);
  }
}

function openInput(file: TabularFile, hash: crypto.Hash): TableInput | Promise<TableInput> {
  if ('stream' in file) return () => hashing(file.stream(), hash);
  return file.read().then((buf) => { hash.update(buf); return buf; });
}

export async function importTabular(deps: ImportTabularDeps, args: ImportTabularArgs): Promise<TabularImportResult> {
  const started = performance.now();
  const { db, pseudonymizer } = deps;
  const importId = args.importId ?? crypto.randomUUID();
  const gemeente = normaliseGemeente(args.gemeente);
  const sourceId = findSource(args.mapping.source)?.id ?? args.mapping.source;
  const result: TabularImportResult = { importId, source: sourceId, gemeente, rows: 0, accepted: 0, quarantined: 0, seconds: 0, fileError: null, touched: null, touchedFrom: null };

  await sql`insert into import_run (import_id, source, username, gemeente_code, files_total, files_accepted, files_rejected, files_duplicate)
    values (${importId}::uuid, ${args.origin ?? 'api'}, ${args.username ?? null}, ${/^\d{4}$/.test(gemeente) ? gemeente : null}, 0, 0, 0, 0)
    on conflict (import_id) do nothing`.execute(db);

  const hash = crypto.createHash('sha256');
  let table: OpenedTable | null = null;
  try {
    if (!gemeente) throw new InputError('de gemeente is niet bekend: geef haar op (bijvoorbeeld koers import --gemeente 0363) of zet een kolom gemeente in het bestand');
    const known = /^\d{4}$/.test(gemeente) && (await db.selectFrom('gemeente').select('gemeente_code').where('gemeente_code', '=', gemeente).executeTakeFirst());
    if (!known) throw new InputError(`gemeente ${args.gemeente} is niet geregistreerd in Koers. Registreer haar eerst met: koers gemeenten add ${gemeente} "<naam>"`);
    if (!findSource(args.mapping.source)) throw new InputError(`onbekende bron "${args.mapping.source}"`);
    table = await openTable(await openInput(args.file, hash), args.file.name, { sheet: args.mapping.sheet, delimiter: args.mapping.delimiter, headerRow: args.mapping.headerRow });
    const given = args.pseudonymisedPerson ?? null;
    const cm = compileMapping(args.mapping, table.headers, { personGiven: given !== null });
    if (given !== null && (!/^[0-9a-f]{64}$/.test(given) || cm.mapped.has('bsn') || cm.mapped.has('clientnummer'))) throw new InputError('de persoon van een opnieuw ingelezen regel moet een pseudoniem zijn, zonder kolom bsn of clientnummer');
    const ctx = await loadContext(db, gemeente, importId);
    const processor = new RowProcessor(cm, ctx, new PseudonymCache(pseudonymizer), table.kind === 'csv' ? table.headers.length : null, cm.source.personLevel ? given : null);
    const opened = table;
    const batchSize = args.batchSize ?? BATCH;
    await db.transaction().execute(async (trx) => {
      const state = new Map<string, unknown>();
      const stage = new Stage(trx, ctx, WRITERS[cm.source.id]!, cm.source.personLevel, args.mergeEvery);
      let batch = newBatch();
      // Batches are written one after another on the file's connection, while reading goes on: up
      // to `ahead` read batches wait for the database (so the file is read while the database
      // merges a chunk), and no more (so memory does not grow with the file). A failed write
      // skips the ones chained after it and ends the loop at the next flush.
      const ahead = Math.max(1, args.pipeline ?? PIPELINE);
      const queued: Promise<void>[] = [];
      let tail: Promise<void> = Promise.resolve();
      let batches = 0;
      const flush = async () => {
        const b = batch;
        batch = newBatch();
        const n = ++batches;
        tail = tail.then(() => writeBatch(trx, ctx, cm.source.id, b, state, args.file.name, stage)).then(() => args.faultInjection?.(n));
        tail.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
        queued.push(tail);
        while (queued.length > ahead) await queued.shift();
      };
      for await (const row of opened.rows) {
        result.rows++;
        if (processor.process(row.line, row.cells, batch)) result.accepted++;
        else result.quarantined++;
        if (batch.rows.length >= batchSize || batch.quarantine.length >= batchSize) {
          await flush();
          args.onProgress?.(result.rows);
        }
      }
      if (result.rows === 0) throw new InputError('het bestand heeft alleen een kopregel en geen gegevens');
      await flush();
      await tail;
      await stage.merge();
      const own = [...new Set(WRITERS[cm.source.id]!.tables.map((t) => t.table))];
      // The persons it wrote: other sources' tables holding their rows, from an address's date or every period (person-changes.ts).
      const persons = stage.persons.changed.size ? await personChangeScope(trx, gemeente, stage.persons, await otherSourceTables(trx, own)) : null;
      result.touched = [...own, ...(persons?.tables ?? [])];
      // A source's own delete (population replaces whole years): any period.
      const earliest = stage.earliest === null ? null : [stage.earliest, stage.persons.earliest].filter((d): d is string => d !== undefined).sort()[0];
      result.touchedFrom = persons?.everyPeriod || WRITERS[cm.source.id]!.beforeBatch ? null : earliest === undefined ? '9999-12-31' : earliest;
      args.onProgress?.(result.rows);
    });
  } catch (e) {
    table?.close();
    result.accepted = 0;
    result.quarantined = 0;
    result.touched = null;
    result.touchedFrom = null;
    result.fileError = e instanceof InputError
      ? { location: e.location, reason: e.reason }
      : { location: null, reason: `kon niet worden opgeslagen: ${(e as Error).message}` };
  }
  result.seconds = (performance.now() - started) / 1000;
  await recordFile(db, args, result, sourceId, hash.digest('hex'));
  return result;
}

async function recordFile(db: Db, args: ImportTabularArgs, r: TabularImportResult, sourceId: string, sha256: string): Promise<void> {
  const gemeente = /^\d{4}$/.test(r.gemeente) ? r.gemeente : null;
  await db.transaction().execute(async (trx) => {
    // Serialise concurrent files of one run on the sequence number.
    await sql`select 1 from import_run where import_id = ${r.importId}::uuid for update`.execute(trx);
    const seq = await sql<{ n: number }>`select coalesce(max(file_seq) + 1, 0) as n from import_file where import_id = ${r.importId}::uuid`.execute(trx);
    const rejected = r.fileError !== null;
    await trx.insertInto('import_file').values({
      import_id: r.importId, file_seq: seq.rows[0]!.n, file_name: args.file.name, gemeente_code: gemeente, source: sourceId, status: rejected ? 'rejected' : 'accepted',
      message_type: sourceId, sha256, error_location: r.fileError?.location ?? null, error_reason: r.fileError?.reason ?? (r.quarantined ? `${r.quarantined} regel(s) in quarantaine` : null),
      rows_total: r.rows, rows_accepted: r.accepted, rows_quarantined: r.quarantined,
    }).execute();
    if (rejected) {
      await trx.insertInto('quarantine_record').values({
        quarantine_id: crypto.randomUUID(), gemeente_code: gemeente, import_id: r.importId, file_name: args.file.name, source: sourceId,
        location: r.fileError!.location, field: null, reason: r.fileError!.reason, record: null,
      }).execute();
    }
    await sql`update import_run set finished_at = now(), files_total = files_total + 1,
        files_accepted = files_accepted + ${rejected ? 0 : 1}, files_rejected = files_rejected + ${rejected ? 1 : 0},
        gemeente_code = case when gemeente_code = ${gemeente} then gemeente_code else null end
      where import_id = ${r.importId}::uuid`.execute(trx);
  });
}

// ------------------------------------------------------------------ headers and preview

export async function readHeaders(bytes: Uint8Array, fileName: string, opts: { sheet?: string; delimiter?: ',' | ';'; headerRow?: number } = {}): Promise<{ headers: string[]; sheets?: string[] }> {
  const t = await openTable(bytes, fileName, opts);
  t.close();
  return t.kind === 'xlsx' ? { headers: t.headers, sheets: t.sheets } : { headers: t.headers };
}

/**
 * The first rows of a file through a mapping, parsed and checked per column and record (rules that
 * need the database, such as known wijken, are not checked). A required column that is not mapped
 * yet, or a mapped column that is not in the file, shows as an error on every row. BSNs are masked.
 */
export async function previewRows(bytes: Uint8Array, fileName: string, mapping: Mapping, limit = 20): Promise<{ rows: PreviewRow[]; headers: string[] }> {
  const t = await openTable(bytes, fileName, { sheet: mapping.sheet, delimiter: mapping.delimiter, headerRow: mapping.headerRow });
  try {
    const cm = compileMapping(mapping, t.headers, { lenient: true });
    const source = cm.source;
    const ctx: WriteContext = { gemeente: '', importId: '', areas: null, categories: null };
    const rows: PreviewRow[] = [];
    if (limit <= 0) return { rows, headers: t.headers };
    for await (const row of t.rows) {
      const m = mapRecord(cm, row.cells);
      const errors = [...cm.problems, ...m.errors];
      if (t.kind === 'csv' && !widthOk(row.cells, t.headers.length)) errors.push({ field: '', reason: `de regel heeft ${row.cells.length} velden, de kopregel ${t.headers.length}` });
      if (source.personLevel && m.values.bsn == null && !m.values.clientnummer && !m.errors.some((e) => e.field === 'bsn')) errors.push({ field: 'bsn', reason: 'bsn of clientnummer is verplicht maar leeg' });
      if (!errors.length) {
        const r = WRITERS[source.id]!.rows(m.values, source.personLevel ? 'preview' : null, ctx);
        if (isErrors(r)) errors.push(...r);
      }
      const values: PreviewRow['values'] = {};
      for (const c of cm.columns) {
        const name = c.column.name;
        const v = m.errors.some((e) => e.field === name) ? m.texts[name] ?? null : m.values[name] ?? null;
        values[name] = c.column.type === 'bsn' && v !== null ? maskBsn(String(v)) : v;
      }
      rows.push({ line: row.line, values, errors });
      if (rows.length >= limit) break;
    }
    return { rows, headers: t.headers };
  } finally {
    t.close();
  }
}
