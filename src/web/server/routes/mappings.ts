import crypto from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Koers } from '../../../app/koers.js';
import { InputError } from '../../../ingest/errors.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import type { Mapping, MappingInfo, MappingPreview } from './api-types.js';
import { cleanFileName, isUuid, requireImporter, requireSession, type ApiEnv } from './context.js';
import { defaultMapping, previewRows, readHeaders, TABULAR_SOURCES } from '../../../ingest/tabular/index.js';
import { parseMapping, requireTabularSource, type TabularMapping } from './tabular.js';

const body = z.object({
  name: z.string().trim().min(1).max(100),
  source: z.string().min(1).max(64),
  definition: z.unknown(),
});
const iso = (d: Date | string) => new Date(d).toISOString();
const PREVIEW_ROWS = 20;

/** When a mapping names its source too, it must be the same as the one it is saved under. */
function checkSourceOf(definition: unknown, source: string): void {
  const own = definition && typeof definition === 'object' && 'source' in definition ? (definition as { source: unknown }).source : undefined;
  if (own !== undefined && own !== source) throw badRequest(`De koppeling is gemaakt voor bron "${String(own)}", niet voor "${source}".`);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** Tabular sources (what Koers can read besides iWmo/iJw) and the gemeente's saved column mappings. */
export function mappingRoutes(koers: Koers) {
  const { db } = koers;
  const app = new Hono<ApiEnv>();

  app.get('/api/sources', (c) => {
    requireSession(c);
    return c.json({ sources: TABULAR_SOURCES });
  });

  const columns = ['mapping_id', 'name', 'source', 'definition', 'updated_by', 'updated_at'] as const;
  const out = (r: { mapping_id: string; name: string; source: string; definition: unknown; updated_by: string | null; updated_at: Date | string }): MappingInfo => ({
    id: r.mapping_id, name: r.name, source: r.source, definition: r.definition as Mapping, updatedBy: r.updated_by, updatedAt: iso(r.updated_at),
  });

  app.get('/api/mappings', async (c) => {
    const s = requireImporter(c);
    let q = db.selectFrom('import_mapping').select(columns).where('gemeente_code', '=', s.scope.gemeenteCode);
    const source = c.req.query('source');
    if (source) q = q.where('source', '=', source);
    return c.json({ mappings: (await q.orderBy('source').orderBy('name').execute()).map(out) });
  });

  app.get('/api/mappings/:id', async (c) => {
    const s = requireImporter(c);
    const id = c.req.param('id');
    const row = isUuid(id) ? await db.selectFrom('import_mapping').select(columns).where('gemeente_code', '=', s.scope.gemeenteCode).where('mapping_id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw notFound('Deze koppeling bestaat niet (meer).');
    return c.json(out(row));
  });

  const readBody = async (c: Parameters<typeof requireImporter>[0]) => {
    const parsed = body.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest('Geef een naam (1 tot 100 tekens), een bron en de koppeling (definition).');
    requireTabularSource(parsed.data.source);
    checkSourceOf(parsed.data.definition, parsed.data.source);
    return { ...parsed.data, definition: parseMapping(parsed.data.definition) };
  };
  const nameTaken = (name: string) => new ApiError(400, 'name_taken', `Er is al een koppeling met de naam "${name}" voor deze bron. Kies een andere naam.`);

  app.post('/api/mappings', async (c) => {
    const s = requireImporter(c);
    const b = await readBody(c);
    try {
      const row = await db.insertInto('import_mapping').values({
        gemeente_code: s.scope.gemeenteCode, mapping_id: crypto.randomUUID(), name: b.name, source: b.source, definition: JSON.stringify(b.definition), updated_by: s.scope.username,
      }).returning(columns).executeTakeFirstOrThrow();
      return c.json(out(row), 201);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(b.name);
      throw e;
    }
  });

  app.put('/api/mappings/:id', async (c) => {
    const s = requireImporter(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Deze koppeling bestaat niet (meer).');
    const b = await readBody(c);
    try {
      const row = await db.updateTable('import_mapping').set({ name: b.name, source: b.source, definition: JSON.stringify(b.definition), updated_by: s.scope.username, updated_at: new Date() })
        .where('gemeente_code', '=', s.scope.gemeenteCode).where('mapping_id', '=', id).returning(columns).executeTakeFirst();
      if (!row) throw notFound('Deze koppeling bestaat niet (meer).');
      return c.json(out(row));
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(b.name);
      throw e;
    }
  });

  app.delete('/api/mappings/:id', async (c) => {
    const s = requireImporter(c);
    const id = c.req.param('id');
    const res = isUuid(id) ? await db.deleteFrom('import_mapping').where('gemeente_code', '=', s.scope.gemeenteCode).where('mapping_id', '=', id).executeTakeFirst() : null;
    if (!res || Number(res.numDeletedRows) === 0) throw notFound('Deze koppeling bestaat niet (meer).');
    return c.body(null, 204);
  });

  /**
   * Reads a sample file with a mapping (or, without one, the default mapping for its headers) and
   * returns its headers and the first rows as they will be imported, with the problems per field.
   */
  app.post('/api/mappings/preview', async (c) => {
    requireImporter(c);
    let form: Record<string, unknown>;
    try { form = await c.req.parseBody(); } catch { throw badRequest('Stuur het voorbeeldbestand als multipart/form-data (veld "file").'); }
    const file = form.file;
    if (!(file instanceof File)) throw badRequest('Kies een voorbeeldbestand (veld "file").');
    const source = typeof form.source === 'string' ? form.source : '';
    requireTabularSource(source);
    let mapping: TabularMapping | null = null;
    if (typeof form.mapping === 'string' && form.mapping.trim()) {
      let json: unknown;
      try { json = JSON.parse(form.mapping); } catch { throw badRequest('De koppeling (veld "mapping") is geen geldige JSON.'); }
      checkSourceOf(json, source);
      mapping = parseMapping(json);
    }
    const name = cleanFileName(file.name, 'voorbeeld');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const limit = Math.min(100, Math.max(1, Number(form.limit) || PREVIEW_ROWS));
    try {
      const head = await readHeaders(bytes, name, { sheet: mapping?.sheet, delimiter: mapping?.delimiter, headerRow: mapping?.headerRow });
      const used = mapping ?? defaultMapping(source, head.headers);
      const preview = await previewRows(bytes, name, used, limit);
      return c.json({ fileName: name, source, headers: preview.headers, sheets: head.sheets ?? null, mapping: used, rows: preview.rows } satisfies MappingPreview);
    } catch (e) {
      if (e instanceof InputError) throw badRequest(`Het voorbeeldbestand kan niet gelezen worden${e.location ? ` (${e.location})` : ''}: ${e.reason}`);
      throw e;
    }
  });

  return app;
}
