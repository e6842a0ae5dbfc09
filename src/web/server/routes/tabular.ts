import type { Koers } from '../../../app/koers.js';
import type { Db } from '../../../db/index.js';
import { InputError } from '../../../ingest/errors.js';
import { mappingSchema, normaliseGemeente, previewRows, TABULAR_SOURCES, type Mapping, type TabularSource } from '../../../ingest/tabular/index.js';
import { loadOrCreateKey, Pseudonymizer } from '../../../privacy/index.js';
import { badRequest, notFound } from '../errors.js';

/** Helpers for the API's use of the tabular module (src/ingest/tabular). */
export type TabularMapping = Mapping;

export function requireTabularSource(id: string): TabularSource {
  const s = TABULAR_SOURCES.find((x) => x.id === id);
  if (!s) throw badRequest(`Onbekende bron "${id}". Kies een van: ${TABULAR_SOURCES.map((x) => x.id).join(', ')}.`);
  return s;
}

/** A zod error as one Dutch sentence for the user. */
export function mappingProblem(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || 'koppeling'}: ${i.message}`);
  return `De koppeling klopt niet (${first.join('; ')}).`;
}

export function parseMapping(definition: unknown): Mapping {
  const parsed = mappingSchema.safeParse(definition);
  if (!parsed.success) throw badRequest(mappingProblem(parsed.error));
  return parsed.data;
}

/** A saved mapping of the caller's gemeente (never another gemeente's). */
export async function loadMapping(db: Db, gemeente: string, mappingId: string): Promise<{ source: string; name: string; mapping: Mapping }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(mappingId)) throw notFound('Deze koppeling bestaat niet.');
  const row = await db.selectFrom('import_mapping').select(['source', 'name', 'definition']).where('gemeente_code', '=', gemeente).where('mapping_id', '=', mappingId).executeTakeFirst();
  if (!row) throw notFound('Deze koppeling bestaat niet (meer).');
  return { source: row.source, name: row.name, mapping: parseMapping(row.definition) };
}

const pseudonymizers = new WeakMap<Koers, Pseudonymizer>();
/** The same key file as the message importer, so a person gets the same pseudonym from every source. */
export function pseudonymizerOf(koers: Koers): Pseudonymizer {
  let p = pseudonymizers.get(koers);
  if (!p) { p = new Pseudonymizer(loadOrCreateKey(koers.config.keyFile)); pseudonymizers.set(koers, p); }
  return p;
}

/**
 * The gemeente a tabular file says it is about: a constant in the mapping, or the gemeente column
 * of its first data row; null when it does not say (then it is the importing gemeente's).
 */
export async function tabularFileGemeente(bytes: Uint8Array, fileName: string, mapping: Mapping): Promise<string | null> {
  const m = mapping.columns.gemeente;
  if (!m) return null;
  if ('constant' in m) return m.constant.trim() ? normaliseGemeente(m.constant) : null;
  try {
    const { rows } = await previewRows(bytes, fileName, mapping, 1);
    const g = rows[0]?.values.gemeente;
    return typeof g === 'string' && g.trim() ? normaliseGemeente(g) : null;
  } catch (e) {
    if (e instanceof InputError) return null; // unreadable: the importer rejects it with the reason
    throw e;
  }
}
