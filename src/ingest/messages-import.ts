import crypto from 'node:crypto';
import { sql, type Db } from '../db/index.js';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { rebuildTrajectories } from '../model/store.js';
import type { Pseudonymizer } from '../privacy/pseudonym.js';
import { InputError } from './errors.js';
import type { InputFile } from './inputs.js';
import { readMessage, type ParsedMessage } from './istandaarden/messages.js';
import type { XsdCatalog } from './istandaarden/xml.js';

export interface FileResult {
  name: string;
  /** 'istandaarden' for messages, else the reference or tabular source. */
  source?: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  messageType: string | null;
  gemeente: string | null;
  location: string | null;
  reason: string | null;
}

export interface ImportSummary {
  importId: string;
  files: FileResult[];
  accepted: number;
  rejected: number;
  duplicates: number;
  messages: number;
  /** Per gemeente the earliest date whose figures may have changed. */
  affected: Map<string, string>;
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
  batchSize?: number;
}

export interface MessageImporterDeps {
  db: Db;
  pseudonymizer: Pseudonymizer;
  xsd: XsdCatalog | null;
}

interface Prepared {
  seq: number;
  name: string;
  sha256: string;
  bytes: number;
  gemeente: string;
  msg: ParsedMessage;
  personId: string;
  householdKey: string | null;
}

/**
 * Imports iWmo/iJw messages. Every file is atomic: either all of it is stored (message, records,
 * rebuilt trajectories) or nothing is. For speed, files are applied in batches inside one
 * transaction; if a batch fails, its files are retried one by one so only the bad file is rejected.
 * Re-importing a file that was already accepted changes nothing (it is reported as duplicate).
 */
export class MessageImporter {
  constructor(private readonly deps: MessageImporterDeps) {}

  async importFiles(inputs: InputFile[], opts: ImportOptions, preRejected: FileResult[] = []): Promise<ImportSummary> {
    const started = Date.now();
    const { db } = this.deps;
    const importId = crypto.randomUUID();
    const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
    const gemeenten = new Set((await db.selectFrom('gemeente').select('gemeente_code').execute()).map((r) => r.gemeente_code));
    await db.insertInto('import_run').values({ import_id: importId, source: opts.source, username: opts.username ?? null, gemeente_code: null, started_at: new Date(), finished_at: null, files_total: inputs.length + preRejected.length, files_accepted: 0, files_rejected: 0, files_duplicate: 0 }).execute();

    const results: FileResult[] = [...preRejected];
    const affected = new Map<string, string>();
    const seenInRun = new Set<string>();
    const batchSize = opts.batchSize ?? 500;
    const total = inputs.length;
    let done = 0;
    for (let i = 0; i < inputs.length; i += batchSize) {
      const batch = inputs.slice(i, i + batchSize);
      const prepared: Prepared[] = [];
      for (const input of batch) {
        const seq = results.length;
        const r = await this.prepare(input, seq, gemeenten);
        if ('error' in r) { results.push(r.error); continue; }
        if (seenInRun.has(`${r.gemeente}:${r.sha256}`)) {
          results.push({ name: input.name, status: 'duplicate', messageType: r.msg.bericht, gemeente: r.gemeente, location: null, reason: 'zelfde bestand staat al eerder in deze import' });
          continue;
        }
        seenInRun.add(`${r.gemeente}:${r.sha256}`);
        results.push({ name: input.name, status: 'accepted', messageType: r.msg.bericht, gemeente: r.gemeente, location: null, reason: null });
        prepared.push(r);
      }
      let outcome: Map<number, 'accepted' | 'duplicate'>;
      try {
        outcome = await db.transaction().execute((trx) => this.apply(trx, prepared, importId, asOf, affected, opts));
      } catch {
        // Isolate the culprit: apply the batch's files one by one.
        outcome = new Map();
        for (const p of prepared) {
          const localAffected = new Map<string, string>();
          try {
            const one = await db.transaction().execute((trx) => this.apply(trx, [p], importId, asOf, localAffected, opts));
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
      done += batch.length;
      opts.onProgress?.(done, total);
    }

    const counts = { accepted: 0, rejected: 0, duplicate: 0 };
    for (const r of results) counts[r.status]++;
    await db.transaction().execute(async (trx) => {
      const chunk = 2000;
      for (let i = 0; i < results.length; i += chunk) {
        const part = results.slice(i, i + chunk);
        await trx.insertInto('import_file').values(part.map((r, j) => ({
          import_id: importId, file_seq: i + j, file_name: r.name, gemeente_code: r.gemeente, status: r.status, message_type: r.messageType, sha256: null, error_location: r.location, error_reason: r.reason,
          source: r.source ?? 'istandaarden',
        }))).execute();
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
    return { importId, files: results, accepted: counts.accepted, rejected: counts.rejected, duplicates: counts.duplicate, messages: counts.accepted, affected, seconds: (Date.now() - started) / 1000 };
  }

  private async prepare(input: InputFile, seq: number, gemeenten: Set<string>): Promise<Prepared | { error: FileResult }> {
    const reject = (reason: string, location: string | null = null, messageType: string | null = null, gemeente: string | null = null) =>
      ({ error: { name: input.name, status: 'rejected' as const, messageType, gemeente, location, reason } });
    let bytes: Buffer;
    try { bytes = await input.read(); } catch (e) { return reject(`kan het bestand niet lezen: ${(e as Error).message}`); }
    let msg: ParsedMessage;
    try {
      msg = readMessage(bytes, { xsd: this.deps.xsd ? (s, b) => this.deps.xsd!.validatorFor(s, b) : null });
    } catch (e) {
      if (e instanceof InputError) return reject(e.reason, e.location);
      return reject(`onverwachte fout bij lezen: ${(e as Error).message}`);
    }
    const gemeente = msg.type === '301' ? msg.header.afzender : msg.header.ontvanger;
    if (!gemeenten.has(gemeente)) {
      return reject(`gemeente ${gemeente} is niet geregistreerd in Koers. Registreer haar eerst met: koers gemeenten add ${gemeente} "<naam>"`, `${msg.bericht}/Header/${msg.type === '301' ? 'Afzender' : 'Ontvanger'}`, msg.bericht, gemeente);
    }
    const personId = this.deps.pseudonymizer.person(gemeente, msg.client.bsn);
    const a = msg.client.adres;
    const householdKey = a ? this.deps.pseudonymizer.household(gemeente, `${a.postcode}|${a.huisnummer}|${a.huisletter}|${a.toevoeging}`) : null;
    return { seq, name: input.name, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, gemeente, msg, personId, householdKey };
  }

  /** Applies prepared files in the current transaction; returns per file seq whether it was new. */
  private async apply(trx: Transaction<Database>, files: Prepared[], importId: string, asOf: string, affected: Map<string, string>, opts: ImportOptions): Promise<Map<number, 'accepted' | 'duplicate'>> {
    const outcome = new Map<number, 'accepted' | 'duplicate'>();
    if (!files.length) return outcome;
    const ids = files.map(() => crypto.randomUUID());
    const inserted = await sql<{ message_id: string }>`
      insert into received_message (gemeente_code, message_id, sha256, standard, law, message_type, berichtcode, afzender, ontvanger, identificatie, dagtekening, import_id, source_name, byte_size, payload)
      select m.gemeente, m.id, m.sha, m.standard, m.law, m.type, m.code, m.afzender, m.ontvanger, m.identificatie, m.dagtekening, ${importId}::uuid, m.name, m.bytes, m.payload
        from unnest(${files.map((f) => f.gemeente)}::text[], ${ids}::uuid[], ${files.map((f) => f.sha256)}::text[], ${files.map((f) => f.msg.standard)}::text[],
                    ${files.map((f) => f.msg.law)}::text[], ${files.map((f) => f.msg.type)}::text[], ${files.map((f) => f.msg.header.berichtcode)}::int[],
                    ${files.map((f) => f.msg.header.afzender)}::text[], ${files.map((f) => f.msg.header.ontvanger)}::text[], ${files.map((f) => f.msg.header.identificatie)}::text[],
                    ${files.map((f) => f.msg.header.dagtekening)}::date[], ${files.map((f) => f.name)}::text[], ${files.map((f) => f.bytes)}::int[],
                    ${files.map((f) => JSON.stringify(minimisedPayload(f)))}::jsonb[])
          as m(gemeente, id, sha, standard, law, type, code, afzender, ontvanger, identificatie, dagtekening, name, bytes, payload)
      on conflict (gemeente_code, sha256) do nothing
      returning message_id::text as message_id`.execute(trx);
    const newIds = new Set(inserted.rows.map((r) => r.message_id));
    const fresh: { f: Prepared; id: string }[] = [];
    files.forEach((f, i) => {
      const isNew = newIds.has(ids[i]!);
      outcome.set(f.seq, isNew ? 'accepted' : 'duplicate');
      if (isNew) fresh.push({ f, id: ids[i]! });
    });
    if (!fresh.length) return outcome;

    // Persons (latest known attributes) and where they live.
    const persons = new Map<string, Prepared>();
    for (const { f } of fresh) persons.set(`${f.gemeente}|${f.personId}`, f);
    const pv = [...persons.values()];
    await sql`insert into person (gemeente_code, person_id, birth_year, birth_month, sex)
      select * from unnest(${pv.map((p) => p.gemeente)}::text[], ${pv.map((p) => p.personId)}::text[], ${pv.map((p) => p.msg.client.geboortejaar)}::int[],
                           ${pv.map((p) => p.msg.client.geboortemaand)}::int[], ${pv.map((p) => p.msg.client.geslacht)}::text[])
      on conflict (gemeente_code, person_id) do update set birth_year = coalesce(excluded.birth_year, person.birth_year),
        birth_month = coalesce(excluded.birth_month, person.birth_month), sex = coalesce(excluded.sex, person.sex), updated_at = now()`.execute(trx);
    const residences = new Map<string, Prepared>();
    for (const { f } of fresh) if (f.msg.client.adres) {
      const key = `${f.gemeente}|${f.personId}|${f.msg.header.dagtekening}`;
      const prev = residences.get(key);
      if (!prev || prev.msg.header.identificatie < f.msg.header.identificatie) residences.set(key, f);
    }
    const rv = [...residences.values()];
    if (rv.length) {
      await sql`insert into person_residence (gemeente_code, person_id, valid_from, area_code, household_key)
        select r.g, r.p, r.d, (select pa.area_code from postcode_area pa where pa.gemeente_code = r.g and pa.postcode = r.pc), r.h
          from unnest(${rv.map((r) => r.gemeente)}::text[], ${rv.map((r) => r.personId)}::text[], ${rv.map((r) => r.msg.header.dagtekening)}::date[],
                      ${rv.map((r) => r.msg.client.adres!.postcode)}::text[], ${rv.map((r) => r.householdKey)}::text[]) as r(g, p, d, pc, h)
        on conflict (gemeente_code, person_id, valid_from) do update set area_code = excluded.area_code, household_key = excluded.household_key`.execute(trx);
    }

    // Facts: one row per ToegewezenProduct / StartProduct / StopProduct.
    const t = { g: [] as string[], id: [] as string[], seq: [] as number[], law: [] as string[], nr: [] as string[], p: [] as string[], agb: [] as string[], cat: [] as (string | null)[], code: [] as (string | null)[], tdatum: [] as string[], ttijd: [] as string[], ingang: [] as string[], eind: [] as (string | null)[], rw: [] as (string | null)[], vol: [] as (number | null)[], eenh: [] as (string | null)[], freq: [] as (string | null)[], budget: [] as (number | null)[], ref: [] as (string | null)[], dag: [] as string[] };
    const d = { g: [] as string[], id: [] as string[], seq: [] as number[], kind: [] as string[], law: [] as string[], nr: [] as string[], p: [] as string[], agb: [] as string[], cat: [] as (string | null)[], code: [] as (string | null)[], ting: [] as (string | null)[], begin: [] as string[], eind: [] as (string | null)[], reden: [] as (string | null)[], status: [] as string[], dag: [] as string[], ident: [] as string[] };
    const aanbieders = new Map<string, [string, string]>();
    for (const { f, id } of fresh) {
      const m = f.msg;
      const agb = m.type === '301' ? m.header.ontvanger : m.header.afzender;
      aanbieders.set(`${f.gemeente}|${agb}`, [f.gemeente, agb]);
      if (m.type === '301') {
        m.producten.forEach((p, i) => {
          t.g.push(f.gemeente); t.id.push(id); t.seq.push(i); t.law.push(m.law); t.nr.push(p.toewijzingNummer); t.p.push(f.personId); t.agb.push(agb);
          t.cat.push(p.categorie); t.code.push(p.productcode); t.tdatum.push(p.toewijzingsdatum); t.ttijd.push(p.toewijzingstijd); t.ingang.push(p.ingangsdatum);
          t.eind.push(p.einddatum); t.rw.push(p.redenWijziging); t.vol.push(p.volume); t.eenh.push(p.eenheid); t.freq.push(p.frequentie); t.budget.push(p.budget);
          t.ref.push(p.referentieAanbieder); t.dag.push(m.header.dagtekening);
        });
      } else {
        m.producten.forEach((p, i) => {
          d.g.push(f.gemeente); d.id.push(id); d.seq.push(i); d.kind.push(m.type === '305' ? 'start' : 'stop'); d.law.push(m.law); d.nr.push(p.toewijzingNummer);
          d.p.push(f.personId); d.agb.push(agb); d.cat.push(p.categorie); d.code.push(p.productcode); d.ting.push(p.toewijzingIngangsdatum); d.begin.push(p.begindatum);
          d.eind.push(p.einddatum); d.reden.push(p.redenBeeindiging); d.status.push(p.statusAanlevering); d.dag.push(m.header.dagtekening); d.ident.push(m.header.identificatie);
        });
      }
    }
    const av = [...aanbieders.values()];
    await sql`insert into aanbieder (gemeente_code, agb_code, name)
      select g, a, 'Aanbieder ' || a from unnest(${av.map((x) => x[0])}::text[], ${av.map((x) => x[1])}::text[]) as x(g, a)
      on conflict do nothing`.execute(trx);
    if (t.g.length) {
      await sql`insert into toewijzing_record (gemeente_code, message_id, seq, law, toewijzing_nummer, person_id, agb_code, category_code, product_code, toewijzingsdatum,
          toewijzingstijd, ingangsdatum, einddatum, reden_wijziging, volume, eenheid, frequentie, budget_cents, referentie_aanbieder, dagtekening)
        select * from unnest(${t.g}::text[], ${t.id}::uuid[], ${t.seq}::int[], ${t.law}::text[], ${t.nr}::text[], ${t.p}::text[], ${t.agb}::text[], ${t.cat}::text[],
          ${t.code}::text[], ${t.tdatum}::date[], ${t.ttijd}::time[], ${t.ingang}::date[], ${t.eind}::date[], ${t.rw}::text[], ${t.vol}::int[], ${t.eenh}::text[],
          ${t.freq}::text[], ${t.budget}::bigint[], ${t.ref}::text[], ${t.dag}::date[])`.execute(trx);
    }
    if (d.g.length) {
      await sql`insert into delivery_record (gemeente_code, message_id, seq, kind, law, toewijzing_nummer, person_id, agb_code, category_code, product_code,
          toewijzing_ingangsdatum, begindatum, einddatum, reden_beeindiging, status_aanlevering, dagtekening, identificatie)
        select * from unnest(${d.g}::text[], ${d.id}::uuid[], ${d.seq}::int[], ${d.kind}::text[], ${d.law}::text[], ${d.nr}::text[], ${d.p}::text[], ${d.agb}::text[],
          ${d.cat}::text[], ${d.code}::text[], ${d.ting}::date[], ${d.begin}::date[], ${d.eind}::date[], ${d.reden}::text[], ${d.status}::text[], ${d.dag}::date[], ${d.ident}::text[])`.execute(trx);
    }
    opts.faultInjection?.('after-records', files.map((f) => f.name));

    // Rebuild the trajectories of every person these files touched.
    const byGemeente = new Map<string, Set<string>>();
    for (const { f } of fresh) (byGemeente.get(f.gemeente) ?? byGemeente.set(f.gemeente, new Set()).get(f.gemeente)!).add(f.personId);
    for (const [g, ids2] of byGemeente) {
      const earliest = await rebuildTrajectories(trx, g, [...ids2], asOf);
      const prev = affected.get(g);
      if (earliest && (!prev || earliest < prev)) affected.set(g, earliest);
      else if (!prev) affected.set(g, fresh.reduce((min, x) => (x.f.msg.header.dagtekening < min ? x.f.msg.header.dagtekening : min), '9999-12-31'));
    }
    return outcome;
  }
}

/** What Koers keeps of a message (domain.md §5 data minimisation): no BSN, names, addresses or free text. */
function minimisedPayload(f: Prepared): unknown {
  const m = f.msg;
  return {
    bericht: m.bericht,
    person: f.personId,
    client: { geboortejaar: m.client.geboortejaar, geslacht: m.client.geslacht, huishouden: f.householdKey },
    producten: m.producten,
  };
}
