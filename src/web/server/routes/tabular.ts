import type { Db } from '../../../db/index.js';
import { mappingSchema, TABULAR_SOURCES, type Mapping, type TabularSource } from '../../../ingest/tabular/index.js';
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
