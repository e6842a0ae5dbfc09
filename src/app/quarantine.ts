import { sql, type Db } from '../db/index.js';
import { defaultMapping, findSource, importTabular, type TabularSource, type TargetColumn } from '../ingest/tabular/index.js';
import type { Pseudonymizer } from '../privacy/index.js';
import type { ComputeStats } from '../indicators/index.js';

/**
 * Fixing a quarantined tabular record in place: read it (pseudonymised, as the tabular importer
 * kept it), correct fields, and re-import it through the same source definition and checks as a
 * file import (a one-record table in the source's Koers format through the normal tabular
 * importer, for the same gemeente).
 *
 * The person: quarantine keeps no BSN or client number, only the pseudonym they gave
 * (`record.persoon`). A re-import hands that pseudonym to the importer (pseudonymisedPerson), so
 * the corrected record is about the same person; the pseudonym is read from the stored record on
 * the server, never taken from the request. When the record has no person (its BSN failed the
 * elfproef, or both were empty) the user types a BSN or client number, which is pseudonymised on
 * the way in like in a file and is never stored, logged or sent back.
 */

/** Columns that quarantine never keeps (direct identifiers); the person is the pseudonym instead. */
const NOT_KEPT = new Set(['bsn', 'clientnummer', 'huisnummer']);
const PSEUDONYM = /^[0-9a-f]{64}$/;
const MAX_VALUE = 500;

export interface QuarantineField {
  name: string;
  type: TargetColumn['type'];
  required: boolean;
  /** Dutch, from the source definition. */
  description: string;
  codes?: Record<string, string>;
  /** As kept in quarantine (text as read from the file, after the mapping's value map). */
  value: string | null;
  /** Why this field was refused, when it was. */
  problem: string | null;
}

export interface QuarantineRecordDetail {
  id: string;
  importId: string | null;
  fileName: string;
  source: string;
  sourceLabel: string | null;
  location: string | null;
  field: string | null;
  reason: string;
  status: 'open' | 'resolved' | 'ignored';
  resolvedImportId: string | null;
  /** Whether the record can be corrected and re-imported here, and if not, why (Dutch). */
  editable: boolean;
  notEditable: string | null;
  /**
   * none: the source is not about persons; pseudonym: the record keeps its (pseudonymised)
   * person; missing: no person could be read, so a BSN or client number must be given.
   */
  person: 'none' | 'pseudonym' | 'missing';
  fields: QuarantineField[];
  /** Problems that name no field of the record (e.g. the person). */
  otherProblems: string[];
}

export interface ReimportInput {
  /** Corrected values per target column; absent columns keep their quarantined value, '' or null empties one. */
  values: Record<string, string | null>;
  /** Only when person is 'missing': the person's BSN, or the gemeente's own client number. */
  bsn?: string | null;
  clientnummer?: string | null;
}

export type ReimportResult =
  | { outcome: 'imported'; importId: string; changed: string[] }
  | { outcome: 'rejected'; changed: string[]; reason: string; problems: { field: string | null; reason: string }[] };

/** A request that can not be carried out as asked (Dutch message for the user). */
export class QuarantineRequestError extends Error {
  constructor(public readonly code: 'not_editable' | 'not_open' | 'invalid', message: string) { super(message); }
}

export interface QuarantineDeps {
  db: Db;
  pseudonymizer: Pseudonymizer;
  /** As Koers.refresh: `touched` restricts the recompute to the indicators that read those tables. */
  refresh(affected: Map<string, string | null>, facts?: undefined, touched?: Map<string, string[]>): Promise<ComputeStats[]>;
}

interface Row {
  quarantine_id: string; gemeente_code: string | null; import_id: string | null; file_name: string; source: string; location: string | null;
  field: string | null; reason: string; record: unknown; status: 'open' | 'resolved' | 'ignored'; resolved_import_id: string | null;
}

async function load(db: Db, gemeente: string, id: string): Promise<Row | null> {
  const row = await db.selectFrom('quarantine_record')
    .select(['quarantine_id', 'gemeente_code', 'import_id', 'file_name', 'source', 'location', 'field', 'reason', 'record', 'status', 'resolved_import_id'])
    .where('gemeente_code', '=', gemeente).where('quarantine_id', '=', id).executeTakeFirst();
  return row ?? null;
}

const recordOf = (r: Row): Record<string, string | null> | null => {
  const rec = typeof r.record === 'string' ? (JSON.parse(r.record) as unknown) : r.record;
  return rec && typeof rec === 'object' && !Array.isArray(rec) ? (rec as Record<string, string | null>) : null;
};

const editableColumns = (source: TabularSource) => source.columns.filter((c) => !NOT_KEPT.has(c.name));

/**
 * Splits an importer reason ("startdatum: is geen datum; regeling: onbekende code") into problems
 * per field of the source; what names no field stays whole.
 */
export function splitReason(reason: string, source: TabularSource): { field: string | null; reason: string }[] {
  const names = source.columns.map((c) => c.name).join('|');
  const parts = reason.split(new RegExp(`; (?=(?:${names}): )`));
  return parts.map((p) => {
    const m = new RegExp(`^(${names}): ([\\s\\S]*)$`).exec(p);
    return m ? { field: m[1]!, reason: m[2]! } : { field: null, reason: p };
  });
}

function personState(source: TabularSource, rec: Record<string, string | null>): QuarantineRecordDetail['person'] {
  if (!source.personLevel) return 'none';
  return typeof rec.persoon === 'string' && PSEUDONYM.test(rec.persoon) ? 'pseudonym' : 'missing';
}

/** One quarantine entry of the gemeente with its fields (never a BSN: quarantine keeps none); null when not found. */
export async function quarantineDetail(db: Db, gemeente: string, id: string): Promise<QuarantineRecordDetail | null> {
  const r = await load(db, gemeente, id);
  if (!r) return null;
  const source = findSource(r.source) ?? null;
  const rec = recordOf(r);
  let notEditable: string | null = null;
  if (!source || !rec) notEditable = 'Dit is een fout in een heel bestand, niet in één regel. Verbeter het bestand bij de bron en lees het opnieuw in.';
  else if (r.status !== 'open') notEditable = 'Deze melding is al afgehandeld.';
  const problems = source ? splitReason(r.reason, source) : [{ field: null, reason: r.reason }];
  const fields: QuarantineField[] = source && rec ? editableColumns(source).map((c) => ({
    name: c.name, type: c.type, required: c.required, description: c.description, ...(c.codes ? { codes: c.codes } : {}),
    value: rec[c.name] ?? null,
    problem: problems.filter((p) => p.field === c.name).map((p) => p.reason).join('; ') || null,
  })) : [];
  const shown = new Set(fields.map((f) => f.name));
  return {
    id: r.quarantine_id, importId: r.import_id, fileName: r.file_name, source: r.source, sourceLabel: source?.label ?? null, location: r.location, field: r.field,
    reason: r.reason, status: r.status, resolvedImportId: r.resolved_import_id, editable: notEditable === null, notEditable,
    person: source && rec ? personState(source, rec) : 'none', fields,
    otherProblems: problems.filter((p) => !p.field || !shown.has(p.field)).map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)),
  };
}

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

/**
 * Re-imports a corrected quarantined record for the gemeente it was quarantined in. On success the
 * entry is resolved with a link to the new import and the gemeente's figures are refreshed; on
 * failure nothing is stored (the attempt's run is removed again), the entry stays open and the new
 * reasons are returned. Throws QuarantineRequestError for requests that can not be carried out;
 * returns null when the entry does not exist in this gemeente.
 */
export async function reimportQuarantined(deps: QuarantineDeps, who: { gemeente: string; username: string }, id: string, input: ReimportInput): Promise<ReimportResult | null> {
  const { db } = deps;
  const r = await load(db, who.gemeente, id);
  if (!r) return null;
  const source = findSource(r.source);
  const rec = recordOf(r);
  if (!source || !rec) throw new QuarantineRequestError('not_editable', 'Dit is een fout in een heel bestand, niet in één regel: verbeter het bestand bij de bron en lees het opnieuw in.');
  if (r.status !== 'open') throw new QuarantineRequestError('not_open', 'Deze melding is al afgehandeld en kan niet meer opnieuw worden ingelezen.');

  const columns = editableColumns(source);
  const values: Record<string, string | null> = {};
  for (const c of columns) values[c.name] = rec[c.name] ?? null;
  const changed: string[] = [];
  for (const [name, raw] of Object.entries(input.values ?? {})) {
    if (!columns.some((c) => c.name === name)) throw new QuarantineRequestError('invalid', `Bron ${source.id} heeft geen veld "${name}" dat hier verbeterd kan worden.`);
    if (raw !== null && typeof raw !== 'string') throw new QuarantineRequestError('invalid', `Het veld "${name}" moet tekst zijn.`);
    const v = raw === null ? null : raw.trim() || null;
    if (v !== null && (v.length > MAX_VALUE || /[\r\n]/.test(v))) throw new QuarantineRequestError('invalid', `Het veld "${name}" is te lang of bestaat uit meer regels.`);
    if (v !== values[name]) changed.push(name);
    values[name] = v;
  }

  // The person: the kept pseudonym, or (only when there is none) a BSN or client number given now.
  const person = personState(source, rec);
  const bsn = input.bsn?.trim() || null;
  const client = input.clientnummer?.trim() || null;
  const extra: Record<string, string> = {};
  if (person === 'missing') {
    if (!bsn && !client) throw new QuarantineRequestError('invalid', 'Vul het BSN of het cliëntnummer in: deze regel had geen geldige persoon.');
    if (bsn) extra.bsn = bsn;
    else extra.clientnummer = client!;
    if ((bsn ?? client)!.length > 100) throw new QuarantineRequestError('invalid', 'Het BSN of cliëntnummer is te lang.');
    changed.push(bsn ? 'bsn' : 'clientnummer');
  } else if (bsn || client) {
    throw new QuarantineRequestError('invalid', 'De persoon van deze regel blijft dezelfde: een BSN of cliëntnummer kan hier niet worden veranderd.');
  }

  // A one-record table in the source's Koers format.
  // Every column is in it (empty when there is no value), so an emptied required field is named as such.
  const cells = Object.entries({ ...extra, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])) });
  const table = `${cells.map(([k]) => k).join(',')}\n${cells.map(([, v]) => csvCell(v)).join(',')}\n`;
  const mapping = { ...defaultMapping(source.id, cells.map(([k]) => k)), delimiter: ',' as const };
  const res = await importTabular({ db, pseudonymizer: deps.pseudonymizer }, {
    gemeente: who.gemeente, file: { name: `${r.file_name} (${r.location ?? 'regel'}, verbeterd)`, read: async () => Buffer.from(table, 'utf8') },
    mapping, username: who.username, origin: 'web', ...(person === 'pseudonym' ? { pseudonymisedPerson: rec.persoon! } : {}),
  });

  if (!res.fileError && res.accepted === 1) {
    await db.updateTable('quarantine_record').set({ status: 'resolved', resolved_at: new Date(), resolved_by: who.username, resolved_import_id: res.importId })
      .where('quarantine_id', '=', id).where('status', '=', 'open').execute();
    await deps.refresh(new Map([[who.gemeente, res.touchedFrom]]), undefined, res.touched ? new Map([[who.gemeente, res.touched]]) : undefined);
    return { outcome: 'imported', importId: res.importId, changed };
  }

  // Refused again: read the new reason, then remove the attempt (nothing of it was stored).
  const again = await db.selectFrom('quarantine_record').select(['reason']).where('import_id', '=', res.importId).executeTakeFirst();
  const reason = res.fileError?.reason ?? again?.reason ?? 'de regel is opnieuw geweigerd';
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('quarantine_record').where('import_id', '=', res.importId).execute();
    await trx.deleteFrom('import_file').where('import_id', '=', res.importId).execute();
    await sql`delete from import_run where import_id = ${res.importId}::uuid`.execute(trx);
  });
  return { outcome: 'rejected', changed, reason, problems: splitReason(reason, source) };
}
