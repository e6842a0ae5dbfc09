import crypto from 'node:crypto';
import { analyzeGrown, readKeyCatalog, sql, type Db } from '../db/index.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { rebuildTrajectories, toewijzingChanges } from '../model/store.js';
import type { Pseudonymizer } from '../privacy/pseudonym.js';
import type { InputFile } from './inputs.js';
import type { XsdCatalog } from './istandaarden/xml.js';
import { inThreadPreparer, workerPreparer } from './message-preparer.js';
import { type FileResult, type PrepareContext, type PreparedMessage } from './messages-prepare.js';
import { otherSourceTables, PERSON_RETURNING, PERSON_TABLES, personChangeScope, PersonChanges, personChangesOf, RESIDENCE_RETURNING } from './person-changes.js';
import { areaOfAddress } from './places.js';

export type { FileResult } from './messages-prepare.js';

export interface ImportSummary {
  importId: string;
  files: FileResult[];
  accepted: number;
  rejected: number;
  duplicates: number;
  messages: number;
  /**
   * Per gemeente the earliest date whose figures may have changed; null: every period (a person's
   * birth date or sex changed, or a person with earlier rows got their first address: see PersonChanges).
   */
  affected: Map<string, string | null>;
  /** Per gemeente, facts whose figures changed from an earlier date than `affected` (fact id → date). */
  affectedFacts: Map<string, Record<string, string>>;
  /**
   * Per gemeente in `affected`, the tables whose change an indicator can see (see PersonChanges):
   * the message tables, and the tables of other sources that hold rows of a person whose
   * attributes or residence the messages changed.
   */
  touched: Map<string, string[]>;
  seconds: number;
}

export interface ImportOptions {
  source: 'cli' | 'api' | 'web' | 'demo' | 'test';
  username?: string | null;
  onProgress?: (done: number, total: number) => void;
  /** Date up to which data is known (default today); see buildTrajectories. */
  asOf?: string;
  /** Test hook: called inside the transaction of each batch/file; throwing simulates a failure half-way. */
  faultInjection?: (stage: 'after-records', fileNames: string[]) => void;
  /** Files per batch (default BATCH_FILES). */
  batchSize?: number;
  /** Bytes of files after which a batch ends (default BATCH_BYTES); a test hook, like batchSize. */
  batchBytes?: number;
  /**
   * Gemeente restriction: a message whose header names another gemeente (sender or receiver) is
   * refused with the reason (otherGemeenteReason), never imported. Set by the composition root.
   */
  onlyGemeente?: string | null;
  /** Prepare the files in a worker thread (default: when there are at least WORKER_MIN_FILES). */
  prepareInWorker?: boolean;
}

export interface MessageImporterDeps {
  db: Db;
  pseudonymizer: Pseudonymizer;
  xsd: XsdCatalog | null;
}

/** Rows for one fact table, in the column order of its spec in TABLES. */
type Row = unknown[];
/** A prepared file with its place in the import's results. */
type Prepared = PreparedMessage & { seq: number };

/**
 * Column specs of the fact tables (name, PostgreSQL type). A `text[]` column is passed as
 * comma-joined text (retour codes never contain a comma) because unnest flattens 2-D arrays.
 */
const TABLES = {
  toewijzing_record: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['law', 'text'], ['toewijzing_nummer', 'text'], ['person_id', 'text'], ['agb_code', 'text'],
    ['category_code', 'text'], ['product_code', 'text'], ['toewijzingsdatum', 'date'], ['toewijzingstijd', 'time'], ['ingangsdatum', 'date'], ['einddatum', 'date'],
    ['reden_wijziging', 'text'], ['volume', 'int'], ['eenheid', 'text'], ['frequentie', 'text'], ['budget_cents', 'bigint'], ['referentie_aanbieder', 'text'], ['dagtekening', 'date']],
  delivery_record: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['kind', 'text'], ['law', 'text'], ['toewijzing_nummer', 'text'], ['person_id', 'text'], ['agb_code', 'text'],
    ['category_code', 'text'], ['product_code', 'text'], ['toewijzing_ingangsdatum', 'date'], ['begindatum', 'date'], ['einddatum', 'date'], ['reden_beeindiging', 'text'],
    ['status_aanlevering', 'text'], ['dagtekening', 'date'], ['identificatie', 'text']],
  request_record: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['law', 'text'], ['referentie_aanbieder', 'text'], ['person_id', 'text'], ['agb_code', 'text'],
    ['beschikking_nummer', 'text'], ['category_code', 'text'], ['product_code', 'text'], ['beschikking_ingangsdatum', 'date'], ['toewijzing_ingangsdatum', 'date'],
    ['toewijzing_einddatum', 'date'], ['volume', 'int'], ['eenheid', 'text'], ['frequentie', 'text'], ['budget_cents', 'bigint'], ['verwijzer_type', 'text'], ['raamcontract', 'boolean'],
    ['ontvangstdatum', 'date'], ['dagtekening', 'date'], ['identificatie', 'text']],
  change_request: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['law', 'text'], ['referentie_aanbieder', 'text'], ['person_id', 'text'], ['agb_code', 'text'], ['reden_verzoek', 'text'],
    ['ontvangstdatum', 'date'], ['dagtekening', 'date'], ['identificatie', 'text']],
  change_request_product: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['kind', 'text'], ['toewijzing_nummer', 'text'], ['category_code', 'text'], ['product_code', 'text'],
    ['gewenste_ingangsdatum', 'date'], ['einddatum', 'date'], ['volume', 'int'], ['eenheid', 'text'], ['frequentie', 'text'], ['budget_cents', 'bigint']],
  request_answer: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['law', 'text'], ['agb_code', 'text'], ['referentie_aanbieder', 'text'], ['verzoek_antwoord', 'text'], ['reden_afwijzing', 'text'],
    ['woonplaats_gemeente', 'text'], ['dagtekening', 'date'], ['identificatie', 'text']],
  declaratie_record: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['law', 'text'], ['agb_code', 'text'], ['declaratie_nummer', 'text'], ['periode_begin', 'date'], ['periode_eind', 'date'],
    ['declaratie_dagtekening', 'date'], ['totaal_cents', 'bigint'], ['debet_credit', 'text'], ['dagtekening', 'date'], ['identificatie', 'text']],
  prestatie_record: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['law', 'text'], ['agb_code', 'text'], ['person_id', 'text'], ['declaratie_nummer', 'text'],
    ['referentie_nummer', 'text'], ['vorig_referentie_nummer', 'text'], ['toewijzing_nummer', 'text'], ['category_code', 'text'], ['product_code', 'text'], ['periode_begin', 'date'],
    ['periode_eind', 'date'], ['geleverd_volume', 'bigint'], ['eenheid', 'text'], ['product_tarief_cents', 'bigint'], ['ingediend_cents', 'bigint'], ['debet_credit', 'text'],
    ['dagtekening', 'date'], ['identificatie', 'text']],
  declaratie_antwoord: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['law', 'text'], ['agb_code', 'text'], ['declaratie_identificatie', 'text'], ['declaratie_dagtekening', 'date'],
    ['declaratie_nummer', 'text'], ['header_codes', 'text[]'], ['antwoord_codes', 'text[]'], ['totaal_ingediend_cents', 'bigint'], ['totaal_ingediend_dc', 'text'],
    ['totaal_toegekend_cents', 'bigint'], ['totaal_toegekend_dc', 'text'], ['akkoord', 'boolean'], ['dagtekening', 'date'], ['identificatie', 'text']],
  prestatie_antwoord: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['law', 'text'], ['agb_code', 'text'], ['person_id', 'text'], ['referentie_nummer', 'text'],
    ['vorig_referentie_nummer', 'text'], ['toewijzing_nummer', 'text'], ['category_code', 'text'], ['product_code', 'text'], ['periode_begin', 'date'], ['periode_eind', 'date'],
    ['geleverd_volume', 'bigint'], ['eenheid', 'text'], ['product_tarief_cents', 'bigint'], ['ingediend_cents', 'bigint'], ['debet_credit', 'text'], ['retour_codes', 'text[]'],
    ['client_codes', 'text[]'], ['afgewezen', 'boolean']],
  retour_message: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['law', 'text'], ['message_type', 'text'], ['answers_type', 'text'], ['agb_code', 'text'], ['answered_identificatie', 'text'],
    ['answered_dagtekening', 'date'], ['identificatie', 'text'], ['dagtekening', 'date'], ['person_id', 'text'], ['header_codes', 'text[]'], ['client_codes', 'text[]'], ['akkoord', 'boolean']],
  retour_item: [['gemeente_code', 'text'], ['message_id', 'uuid'], ['seq', 'int'], ['level', 'text'], ['item_key', 'text'], ['retour_codes', 'text[]'], ['akkoord', 'boolean']],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;
export type FactTable = keyof typeof TABLES;
/**
 * Every table a message import writes to besides its own bookkeeping (import_run, import_file,
 * quarantine_record): read by analyzeGrown, and what the import tells the indicators changed
 * (ImportSummary.touched). A test imports messages and checks that no other table changed.
 */
export const STORED_TABLES: readonly string[] = ['received_message', ...Object.keys(TABLES), 'person', 'person_residence', 'aanbieder', 'trajectory', 'allocation_without_start', 'delivery_link'];
/** Insert order: parents before children (change_request → change_request_product, …). */
const TABLE_ORDER = Object.keys(TABLES) as FactTable[];

/**
 * Files per batch (one transaction, one INSERT per table). Larger batches mean fewer statements and
 * fewer rebuilds of a person touched by several files. Single runs on the demo (126 620 messages,
 * XSD on, one machine): 2 000 in 61 s, 1 000 in 65–75 s, 500 in 76 s, 4 000 in 60 s.
 */
const BATCH_FILES = 2000;
/** A batch also ends once its files hold this many bytes (a 323 declaratie can be megabytes), so memory stays bounded. */
const BATCH_BYTES = 64 * 1024 * 1024;
/**
 * Imports of at least this many files prepare them in a worker thread (message-preparer.ts); below
 * it, starting the worker (loading the modules and libxml2) costs more than it saves.
 */
const WORKER_MIN_FILES = 500;

/**
 * Imports iWmo/iJw messages (bare or in a StUF GGk envelope). Every file is atomic: either all of it
 * is stored (message, records, rebuilt trajectories) or nothing is. For speed, files are applied in
 * batches inside one transaction, and the next batch is read and checked while the database applies
 * the current one; if a batch fails, its files are retried one by one so only the bad file is
 * rejected. Re-importing a file that was already accepted changes nothing (it is reported as duplicate).
 */
/**
 * How a batch's foreign keys are checked. PostgreSQL checks a foreign key with a query and a row
 * lock per inserted row; for a first load of the demo that was about 6 of 60 database-seconds. Every key of the message tables is known to hold by the way
 * a batch is built, or is cheap to check for the whole batch at once:
 *  - gemeente, law and import_run: the batch's few values are looked up and locked FOR KEY SHARE
 *    once, as each per-row check would lock them;
 *  - a record's message (gemeente_code, message_id → received_message): only messages inserted by
 *    this same statement get records, checked in memory before the insert;
 *  - a child record's parent in the same message (change_request_product → change_request, …):
 *    checked in memory against the parent rows of the batch.
 * So where the session may set session_replication_role (a superuser, as the embedded database's,
 * or a role granted SET on it) and the catalog holds exactly such keys and no triggers, the inserts
 * of received_message and the records run in replica mode (no triggers) with those checks instead.
 * Anything else in the catalog, e.g. a key a later migration adds, keeps the per-row checks.
 * Persons, residences, aanbieders and trajectories keep theirs always.
 */
export interface KeyPlan {
  skip: boolean;
  /** Per record table with a parent other than received_message: that parent. */
  parents: Map<string, string>;
}

export async function planKeys(db: Kysely<Database>): Promise<KeyPlan> {
  const tables = ['received_message', ...TABLE_ORDER];
  const catalog = await readKeyCatalog(db, [...tables, 'gemeente', 'law', 'import_run']);
  // A referenced table counts only as the one this session sees under that name.
  const visible = (name: string) => catalog.tables.get(name)?.found === true;
  const parents = new Map<string, string>();
  const records = new Set<string>(TABLE_ORDER);
  const same = (a: string[], b: string[]) => a.join() === b.join();
  const fks = tables.flatMap((child) => (catalog.tables.get(child)?.foreignKeys ?? []).map((fk) => ({ ...fk, child, parent: visible(fk.ref) ? fk.ref : null })));
  const covered = fks.every((fk) => {
    if (fk.parent === 'gemeente' && same(fk.cols, ['gemeente_code']) && same(fk.refcols, ['gemeente_code'])) return true;
    if (fk.child === 'received_message') return (fk.parent === 'law' && same(fk.cols, ['law']) && same(fk.refcols, ['law']))
      || (fk.parent === 'import_run' && same(fk.cols, ['import_id']) && same(fk.refcols, ['import_id']));
    if (!records.has(fk.child) || !same(fk.cols, ['gemeente_code', 'message_id']) || !same(fk.refcols, ['gemeente_code', 'message_id'])) return false;
    if (fk.parent === 'received_message') return true;
    // A parent among the records, inserted earlier in TABLE_ORDER.
    if (!fk.parent || !records.has(fk.parent) || TABLE_ORDER.indexOf(fk.parent as FactTable) >= TABLE_ORDER.indexOf(fk.child as FactTable) || parents.has(fk.child)) return false;
    parents.set(fk.child, fk.parent);
    return true;
  });
  const triggers = tables.some((t) => catalog.tables.get(t)?.triggers);
  return { skip: catalog.maySkipTriggers && !triggers && covered, parents };
}

export class MessageImporter {
  constructor(private readonly deps: MessageImporterDeps) {}
  private keyPlan: Promise<KeyPlan> | null = null;
  /**
   * The key plan, read from the catalog once per importer, outside the batches' transactions (a
   * failed catalog query must not abort one); where it cannot be read, the per-row checks stay.
   */
  private keys(): Promise<KeyPlan> {
    return (this.keyPlan ??= planKeys(this.deps.db).catch(() => ({ skip: false, parents: new Map<string, string>() })));
  }

  async importFiles(inputs: InputFile[], opts: ImportOptions, preRejected: FileResult[] = []): Promise<ImportSummary> {
    const started = Date.now();
    const { db } = this.deps;
    const importId = crypto.randomUUID();
    const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    const gemeenten = new Set((await db.selectFrom('gemeente').select('gemeente_code').execute()).map((r) => r.gemeente_code));
    await db.insertInto('import_run').values({ import_id: importId, source: opts.source, username: opts.username ?? null, gemeente_code: null, started_at: new Date(), finished_at: null, files_total: inputs.length + preRejected.length, files_accepted: 0, files_rejected: 0, files_duplicate: 0 }).execute();

    const results: FileResult[] = [...preRejected];
    const affected = new Map<string, string>();
    const affectedFacts = new Map<string, Record<string, string>>();
    const changedPersons = new Map<string, PersonChanges>();
    const seenInRun = new Set<string>();
    const batchSize = opts.batchSize ?? BATCH_FILES;
    const batchBytes = opts.batchBytes ?? BATCH_BYTES;
    const total = inputs.length;
    let done = 0;

    const context: PrepareContext = { gemeenten, only: opts.onlyGemeente ?? null, xsd: this.deps.xsd, pseudonymizer: this.deps.pseudonymizer };
    const inWorker = opts.prepareInWorker ?? inputs.length >= WORKER_MIN_FILES;
    const preparer = inWorker ? await workerPreparer(inputs, context) : inThreadPreparer(inputs, context);
    let cursor = 0;
    /** Reads and checks the next batch: up to batchSize files, and no more once they hold batchBytes. */
    const prepareBatch = async (): Promise<{ prepared: Prepared[]; files: number }> => {
      const prepared: Prepared[] = [];
      const first = cursor;
      let bytesInBatch = 0;
      while (cursor < inputs.length && cursor - first < batchSize && bytesInBatch < batchBytes) {
        const input = inputs[cursor++]!;
        const r = await preparer.next();
        if ('error' in r) { results.push(r.error); continue; }
        bytesInBatch += r.bytes;
        const seq = results.length;
        if (seenInRun.has(`${r.gemeente}:${r.sha256}`)) {
          results.push({ name: input.name, status: 'duplicate', messageType: bericht(r), gemeente: r.gemeente, location: null, reason: 'zelfde bestand staat al eerder in deze import' });
          continue;
        }
        seenInRun.add(`${r.gemeente}:${r.sha256}`);
        results.push({ name: input.name, status: 'accepted', messageType: bericht(r), gemeente: r.gemeente, location: null, reason: null });
        prepared.push({ ...r, seq });
      }
      return { prepared, files: cursor - first };
    };

    const plan = await this.keys();
    /** The next batch, started early; its error, if any, is seen where it is awaited. */
    const startBatch = () => { const p = prepareBatch(); p.catch(() => {}); return p; };
    let next: Promise<{ prepared: Prepared[]; files: number }> | null = inputs.length ? startBatch() : null;
    try {
      while (next) {
        const { prepared, files } = await next;
        // Read and check the next batch while this one is applied.
        next = cursor < inputs.length ? startBatch() : null;
        let outcome: Map<number, 'accepted' | 'duplicate'>;
        try {
          // The embedded database runs no autovacuum: keep the statistics, and with them the session's
          // cached foreign-key plans, in step with tables that were still small when last analysed.
          await analyzeGrown(db, STORED_TABLES, { share: 3, belowPages: 128 });
          outcome = await db.transaction().execute((trx) => this.apply(trx, plan, prepared, importId, asOf, affected, opts, affectedFacts, changedPersons));
        } catch {
          // Isolate the culprit: apply the batch's files one by one.
          outcome = new Map();
          for (const p of prepared) {
            const localAffected = new Map<string, string>();
            try {
              const one = await db.transaction().execute((trx) => this.apply(trx, plan, [p], importId, asOf, localAffected, opts, affectedFacts, changedPersons));
              for (const [k, v] of one) outcome.set(k, v);
              for (const [g, d] of localAffected) if (!affected.has(g) || d < affected.get(g)!) affected.set(g, d);
            } catch (err) {
              const res = results[p.seq]!;
              res.status = 'rejected';
              res.reason = `kon niet worden opgeslagen: ${(err as Error).message}`;
            }
          }
        }
        for (const [seq, status] of outcome) {
          const res = results[seq]!;
          if (status === 'duplicate') { res.status = 'duplicate'; res.reason = 'dit bericht was al geïmporteerd; er is niets veranderd'; }
        }
        done += files;
        opts.onProgress?.(done, total);
      }
    } finally {
      await preparer.close();
    }

    const counts = { accepted: 0, rejected: 0, duplicate: 0 };
    for (const r of results) counts[r.status]++;
    await db.transaction().execute(async (trx) => {
      const chunk = 2000;
      for (let i = 0; i < results.length; i += 20_000) {
        const part = results.slice(i, i + 20_000);
        await sql`insert into import_file (import_id, file_seq, file_name, gemeente_code, status, message_type, sha256, error_location, error_reason, source)
          select ${importId}::uuid, f.seq, f.name, f.g, f.status, f.type, null, f.loc, f.reason, f.source
            from unnest(${part.map((_, j) => i + j)}::int[], ${part.map((r) => r.name)}::text[], ${part.map((r) => r.gemeente)}::text[], ${part.map((r) => r.status)}::text[],
                        ${part.map((r) => r.messageType)}::text[], ${part.map((r) => r.location)}::text[], ${part.map((r) => r.reason)}::text[],
                        ${part.map((r) => r.source ?? 'istandaarden')}::text[]) as f(seq, name, g, status, type, loc, reason, source)`.execute(trx);
      }
      // Every rejected file goes to quarantine with its location and reason (never its content: it may hold a BSN).
      const rejected = results.filter((r) => r.status === 'rejected');
      for (let i = 0; i < rejected.length; i += chunk) {
        await trx.insertInto('quarantine_record').values(rejected.slice(i, i + chunk).map((r) => ({
          quarantine_id: crypto.randomUUID(), gemeente_code: r.gemeente, import_id: importId, file_name: r.name, source: r.source ?? 'istandaarden',
          location: r.location, field: null, reason: r.reason ?? 'onbekende fout', record: null,
        }))).execute();
      }
      const onlyGemeente = new Set(results.map((r) => r.gemeente).filter(Boolean));
      await trx.updateTable('import_run').set({ finished_at: new Date(), files_accepted: counts.accepted, files_rejected: counts.rejected, files_duplicate: counts.duplicate, gemeente_code: onlyGemeente.size === 1 ? [...onlyGemeente][0]! : null }).where('import_id', '=', importId).execute();
    });
    const touched = new Map<string, string[]>();
    const affectedFrom = new Map<string, string | null>(affected);
    const others = changedPersons.size ? await otherSourceTables(db, STORED_TABLES) : [];
    for (const g of affected.keys()) {
      const c = changedPersons.get(g);
      const scope = c ? await personChangeScope(db, g, c, others) : null;
      touched.set(g, [...STORED_TABLES.filter((t) => !PERSON_TABLES.has(t)), ...(scope?.tables ?? [])]);
      if (scope?.everyPeriod) affectedFrom.set(g, null);
    }
    return { importId, files: results, accepted: counts.accepted, rejected: counts.rejected, duplicates: counts.duplicate, messages: counts.accepted, affected: affectedFrom, affectedFacts, touched, seconds: (Date.now() - started) / 1000 };
  }

  /** Applies prepared files in the current transaction; returns per file seq whether it was new. */
  private async apply(trx: Transaction<Database>, plan: KeyPlan, files: Prepared[], importId: string, asOf: string, affected: Map<string, string>, opts: ImportOptions, affectedFacts = new Map<string, Record<string, string>>(), changedPersons = new Map<string, PersonChanges>()): Promise<Map<number, 'accepted' | 'duplicate'>> {
    const outcome = new Map<number, 'accepted' | 'duplicate'>();
    if (!files.length) return outcome;
    const col = <T>(f: (p: Prepared) => T) => files.map(f);
    if (plan.skip) {
      // The set-based form of the keys of received_message (see planKeys).
      const gemeenten = [...new Set(col((f) => f.gemeente))];
      const laws = [...new Set(col((f) => f.received.law))];
      const found = (await sql<{ g: number; l: number; i: number }>`
        select (select count(*)::int from (select 1 from gemeente where gemeente_code = any(${gemeenten}::text[]) for key share) x) as g,
               (select count(*)::int from (select 1 from law where law = any(${laws}::text[]) for key share) x) as l,
               (select count(*)::int from (select 1 from import_run where import_id = ${importId}::uuid for key share) x) as i`.execute(trx)).rows[0]!;
      if (found.g !== gemeenten.length || found.l !== laws.length || found.i !== 1) throw new Error(`onbekende gemeente, wet of import (${gemeenten.join(', ')}; ${laws.join(', ')})`);
      await sql`set local session_replication_role = replica`.execute(trx);
    }
    // The payloads are JSON texts already: passed as one JSON array, they need no escaping into an array literal.
    const inserted = await sql<{ message_id: string }>`
      insert into received_message (gemeente_code, message_id, sha256, standard, law, message_type, berichtcode, afzender, ontvanger, identificatie, dagtekening, import_id, source_name, byte_size, payload)
      select m.gemeente, m.id, m.sha, m.standard, m.law, m.type, m.code, m.afzender, m.ontvanger, m.identificatie, m.dagtekening, ${importId}::uuid, m.name, m.bytes, p.payload
        from unnest(${col((f) => f.gemeente)}::text[], ${col((f) => f.messageId)}::uuid[], ${col((f) => f.sha256)}::text[], ${col((f) => f.received.standard)}::text[],
                    ${col((f) => f.received.law)}::text[], ${col((f) => f.received.type)}::text[], ${col((f) => f.received.berichtcode)}::int[],
                    ${col((f) => f.received.afzender)}::text[], ${col((f) => f.received.ontvanger)}::text[], ${col((f) => f.received.identificatie)}::text[],
                    ${col((f) => f.received.dagtekening)}::date[], ${col((f) => f.name)}::text[], ${col((f) => f.bytes)}::int[]) with ordinality
          as m(gemeente, id, sha, standard, law, type, code, afzender, ontvanger, identificatie, dagtekening, name, bytes, n)
        join json_array_elements(${`[${col((f) => f.received.payload).join(',')}]`}::json) with ordinality as p(payload, n) using (n)
      on conflict (gemeente_code, sha256) do nothing
      returning message_id::text as message_id`.execute(trx);
    const newIds = new Set(inserted.rows.map((r) => r.message_id));
    const fresh: Prepared[] = [];
    for (const f of files) {
      const isNew = newIds.has(f.messageId);
      outcome.set(f.seq, isNew ? 'accepted' : 'duplicate');
      if (isNew) fresh.push(f);
    }
    if (!fresh.length) return outcome;

    // Records: one INSERT per table for the whole batch.
    const parentTables = new Set(plan.parents.values());
    const batchKeys = new Map<string, Set<string>>([['received_message', new Set(fresh.map((f) => `${f.gemeente}|${f.messageId}`))]]);
    for (const table of TABLE_ORDER) {
      const rows = fresh.flatMap((f) => f.rows[table] ?? []);
      if (!rows.length) continue;
      if (plan.skip) {
        // The set-based form of the record's key to its message or its parent record (see planKeys).
        const parent = plan.parents.get(table) ?? 'received_message';
        const keys = batchKeys.get(parent) ?? new Set<string>();
        const orphan = rows.find((r) => !keys.has(`${r[0]}|${r[1]}`));
        if (orphan) throw new Error(`${table}: bericht ${String(orphan[1])} heeft geen ${parent}`);
        if (parentTables.has(table)) batchKeys.set(table, new Set(rows.map((r) => `${r[0]}|${r[1]}`)));
      }
      await insertRows(trx, table, rows);
    }
    if (plan.skip) await sql`set local session_replication_role = origin`.execute(trx);

    // Persons (latest known attributes) and where they live.
    const persons = new Map<string, { g: string; p: Prepared['persons'][number] }>();
    // Per attribute the last value given, as when the files came in one by one (the upsert keeps a
    // stored value that a file leaves empty): a later file without a birth year keeps an earlier one's.
    for (const f of fresh) for (const p of f.persons) {
      const key = `${f.gemeente}|${p.personId}`;
      const prev = persons.get(key)?.p;
      persons.set(key, { g: f.gemeente, p: prev ? { personId: p.personId, birthYear: p.birthYear ?? prev.birthYear, birthMonth: p.birthMonth ?? prev.birthMonth, sex: p.sex ?? prev.sex } : p });
    }
    const pv = [...persons.values()];
    // Most files name a person already stored with the same attributes. The filter leaves those rows
    // alone (neither locked nor given a new row version), so a batch writes only persons that are new
    // or changed.
    if (pv.length) {
      const changed = await sql<{ g: string; p: string; fresh: boolean }>`insert into person (gemeente_code, person_id, birth_year, birth_month, sex)
        select u.* from unnest(${pv.map((x) => x.g)}::text[], ${pv.map((x) => x.p.personId)}::text[], ${pv.map((x) => x.p.birthYear)}::int[],
                               ${pv.map((x) => x.p.birthMonth)}::int[], ${pv.map((x) => x.p.sex)}::text[]) as u(g, p, y, m, s)
         where not exists (select 1 from person x where x.gemeente_code = u.g::char(4) and x.person_id = u.p
                             and (coalesce(u.y, x.birth_year), coalesce(u.m, x.birth_month), coalesce(u.s, x.sex)) is not distinct from (x.birth_year, x.birth_month, x.sex))
        on conflict (gemeente_code, person_id) do update set birth_year = coalesce(excluded.birth_year, person.birth_year),
          birth_month = coalesce(excluded.birth_month, person.birth_month), sex = coalesce(excluded.sex, person.sex), updated_at = now()
        returning gemeente_code::text as g, ${PERSON_RETURNING}`.execute(trx);
      for (const r of changed.rows) personChangesOf(changedPersons, r.g).notePersons([r]);
    }
    const residences = new Map<string, { g: string; r: NonNullable<Prepared['residence']> }>();
    for (const f of fresh) if (f.residence) {
      const key = `${f.gemeente}|${f.residence.personId}|${f.residence.validFrom}`;
      const prev = residences.get(key);
      if (!prev || prev.r.identificatie < f.residence.identificatie) residences.set(key, { g: f.gemeente, r: f.residence });
    }
    const rv = [...residences.values()];
    // As with persons, a residence stored with the same wijk and household gets no new row version.
    if (rv.length) {
      // The casts keep the postcode_area primary key usable (char(4)/char(6) = text would compare as text).
      const changed = await sql<{ g: string; p: string; first: boolean; from: string }>`insert into person_residence (gemeente_code, person_id, valid_from, area_code, household_key)
        select r.g, r.p, r.d, ${areaOfAddress(sql`r.g`, sql`r.pc`, sql`r.nr`)}, r.h
          from unnest(${rv.map((x) => x.g)}::text[], ${rv.map((x) => x.r.personId)}::text[], ${rv.map((x) => x.r.validFrom)}::date[],
                      ${rv.map((x) => x.r.postcode)}::text[], ${rv.map((x) => x.r.householdKey)}::text[], ${rv.map((x) => x.r.huisnummer)}::int[]) as r(g, p, d, pc, h, nr)
        on conflict (gemeente_code, person_id, valid_from) do update set area_code = excluded.area_code, household_key = excluded.household_key
        where (excluded.area_code, excluded.household_key) is distinct from (person_residence.area_code, person_residence.household_key)
        returning gemeente_code::text as g, ${RESIDENCE_RETURNING}`.execute(trx);
      for (const r of changed.rows) personChangesOf(changedPersons, r.g).noteResidences([r]);
    }
    const aanbieders = new Map<string, [string, string]>();
    for (const f of fresh) aanbieders.set(`${f.gemeente}|${f.agb}`, [f.gemeente, f.agb]);
    const av = [...aanbieders.values()];
    await sql`insert into aanbieder (gemeente_code, agb_code, name)
      select g, a, 'Aanbieder ' || a from unnest(${av.map((x) => x[0])}::text[], ${av.map((x) => x[1])}::text[]) as x(g, a)
      on conflict do nothing`.execute(trx);
    opts.faultInjection?.('after-records', files.map((f) => f.name));

    // Rebuild the trajectories of every person these files touched, and collect the affected dates.
    const byGemeente = new Map<string, { persons: Set<string>; dates: string[]; trajectoryDag: string | null; refs: Set<string>; decls: Set<string> }>();
    for (const f of fresh) {
      let e = byGemeente.get(f.gemeente);
      if (!e) byGemeente.set(f.gemeente, (e = { persons: new Set(), dates: [], trajectoryDag: null, refs: new Set(), decls: new Set() }));
      for (const p of f.trajectoryPersons) e.persons.add(p);
      if (f.earliest) e.dates.push(f.earliest);
      if (f.trajectoryDagtekening && (!e.trajectoryDag || f.trajectoryDagtekening < e.trajectoryDag)) e.trajectoryDag = f.trajectoryDagtekening;
      for (const r of f.answeredRefs) e.refs.add(`${f.received.law}|${f.agb}|${r}`);
      if (f.answeredDeclaratie) e.decls.add(`${f.received.law}|${f.agb}|${f.answeredDeclaratie}`);
    }
    for (const [g, e] of byGemeente) {
      const dates = [...e.dates];
      const facts = affectedFacts.get(g) ?? affectedFacts.set(g, {}).get(g)!;
      const noteFact = (fact: string, d: string) => { if (!facts[fact] || d < facts[fact]!) facts[fact] = d; };
      if (e.persons.size) {
        const columns: Record<string, string> = {};
        const earliest = await rebuildTrajectories(trx, g, [...e.persons], asOf, columns);
        for (const [c, d] of Object.entries(columns)) noteFact(c, d);
        const d = earliest ?? e.trajectoryDag;
        if (d) dates.push(d);
      }
      // An answer (301 naming a ReferentieAanbieder, 319) changes the figures of the month its request was received.
      if (e.refs.size) {
        const keys = [...e.refs].map((k) => k.split('|'));
        const r = await sql<{ d: string | null }>`select min(v.ontvangstdatum)::text as d from (
            select ontvangstdatum, law, agb_code, referentie_aanbieder from request_record where gemeente_code = ${g}
            union all select ontvangstdatum, law, agb_code, referentie_aanbieder from change_request where gemeente_code = ${g}) v
          join unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[], ${keys.map((k) => k[2])}::text[]) as k(law, agb, ref)
            on v.law = k.law and v.agb_code = k.agb::char(8) and v.referentie_aanbieder = k.ref`.execute(trx);
        if (r.rows[0]?.d) dates.push(r.rows[0].d);
      }
      // A 325 changes the figures of the periods its declaratie covered.
      if (e.decls.size) {
        const keys = [...e.decls].map((k) => k.split('|'));
        // A lookup per answered declaratie through prestatie_record_ident, whatever the statistics say.
        const r = await sql<{ d: string | null }>`select min(p.d)::text as d
          from unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[], ${keys.map((k) => k[2])}::text[]) as k(law, agb, ident)
          cross join lateral (select min(p.periode_begin) as d from prestatie_record p
                               where p.gemeente_code = ${g} and p.law = k.law and p.agb_code = k.agb::char(8) and p.identificatie = k.ident) p`.execute(trx);
        if (r.rows[0]?.d) dates.push(r.rows[0].d);
      }
      // New toewijzing versions: per fact (a verlenging moves allocated money from its old end, not from its ingangsdatum).
      const toew = fresh.filter((f) => f.gemeente === g && f.received.type === '301');
      const keys = toew.flatMap((f) => (f.rows.toewijzing_record ?? []).map((r) => ({ law: String(r[3]), nummer: String(r[4]) })));
      if (keys.length) for (const [fact, d] of Object.entries(await toewijzingChanges(trx, g, keys, toew.map((f) => f.messageId)))) noteFact(fact, d);
      const min = dates.reduce<string | null>((m, d) => (!m || d < m ? d : m), null);
      const prev = affected.get(g);
      if (min && (!prev || min < prev)) affected.set(g, min);
    }
    return outcome;
  }
}

function bericht(p: PreparedMessage): string {
  return `${p.received.standard === 'iwmo' ? 'WMO' : 'JW'}${p.received.type}`;
}

async function insertRows(trx: Transaction<Database>, table: FactTable, rows: Row[]): Promise<void> {
  const cols = TABLES[table];
  const params = cols.map(([, type], i) => {
    const values = rows.map((r) => (type === 'text[]' ? (r[i] as string[]).join(',') : r[i]));
    return sql`${values}::${sql.raw(type === 'text[]' ? 'text' : type)}[]`;
  });
  const selects = cols.map(([, type], i) => sql.raw(type === 'text[]' ? `string_to_array(c${i}, ',')` : `c${i}`));
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map(([n]) => sql.ref(n)))})
    select ${sql.join(selects)} from unnest(${sql.join(params)}) as u(${sql.raw(cols.map((_, i) => `c${i}`).join(', '))})`.execute(trx);
}

