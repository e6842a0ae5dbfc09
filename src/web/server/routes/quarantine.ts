import { Hono } from 'hono';
import { z } from 'zod';
import type { Koers } from '../../../app/koers.js';
import { QuarantineRequestError, quarantineDetail, reimportQuarantined } from '../../../app/quarantine.js';
import { audit } from '../../../auth/index.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import type { QuarantineChange, QuarantineList, QuarantineRecordDetail, ReimportAnswer } from './api-types.js';
import { clientIp, isUuid, paging, requireImporter, type ApiContext, type ApiEnv } from './context.js';

const STATUSES = ['open', 'resolved', 'ignored'] as const;
type Status = (typeof STATUSES)[number];
const reimportBody = z.object({
  values: z.record(z.string(), z.string().max(500).nullable()),
  bsn: z.string().max(100).nullable().optional(),
  clientnummer: z.string().max(100).nullable().optional(),
}).strict();
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Quarantine: rejected files and records of the caller's gemeente, with where and why. The
 * (pseudonymised) record itself is not sent: only whether there is one.
 */
export function quarantineRoutes(koers: Koers) {
  const { db } = koers;
  const app = new Hono<ApiEnv>();

  app.get('/api/quarantine', async (c) => {
    const s = requireImporter(c);
    const g = s.scope.gemeenteCode;
    const status = c.req.query('status') || 'open';
    if (status !== 'all' && !(STATUSES as readonly string[]).includes(status)) throw badRequest('status moet open, resolved, ignored of all zijn.');
    const source = c.req.query('source') || null;
    const { page, pageSize, offset } = paging(c, 50);
    let q = db.selectFrom('quarantine_record').where('gemeente_code', '=', g);
    if (status !== 'all') q = q.where('status', '=', status as Status);
    if (source) q = q.where('source', '=', source);
    const [rows, count, facets] = await Promise.all([
      q.select(['quarantine_id', 'import_id', 'file_name', 'source', 'location', 'field', 'reason', 'status', 'created_at', 'resolved_at', 'resolved_by', 'resolved_import_id', (eb) => eb('record', 'is not', null).as('has_record')])
        .orderBy('created_at', 'desc').orderBy('quarantine_id').limit(pageSize).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('quarantine_record').where('gemeente_code', '=', g).select(['source', 'status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['source', 'status']).execute(),
    ]);
    const counts: Record<Status, number> = { open: 0, resolved: 0, ignored: 0 };
    for (const f of facets) if (!source || f.source === source) counts[f.status] += Number(f.n);
    return c.json({
      page, pageSize, total: Number(count.n), status: status as QuarantineList['status'], source,
      sources: [...new Set(facets.map((f) => f.source))].sort(),
      counts,
      records: rows.map((r) => ({
        id: r.quarantine_id, importId: r.import_id, fileName: r.file_name, source: r.source, location: r.location, field: r.field, reason: r.reason,
        status: r.status, createdAt: iso(r.created_at), resolvedAt: iso(r.resolved_at), resolvedBy: r.resolved_by, resolvedImportId: r.resolved_import_id, hasRecord: Boolean(r.has_record),
      })),
    } satisfies QuarantineList);
  });

  const setStatus = (to: Exclude<Status, 'open'>) => async (c: ApiContext) => {
    const s = requireImporter(c);
    const id = c.req.param('id') ?? '';
    if (!isUuid(id)) throw notFound('Deze melding bestaat niet.');
    const row = await db.updateTable('quarantine_record').set({ status: to, resolved_at: new Date(), resolved_by: s.scope.username })
      .where('gemeente_code', '=', s.scope.gemeenteCode).where('quarantine_id', '=', id)
      .returning(['quarantine_id', 'status', 'resolved_at', 'resolved_by']).executeTakeFirst();
    if (!row) throw notFound('Deze melding bestaat niet, of hoort niet bij jouw gemeente.');
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'quarantine_status', object: id, details: { status: to }, ip: clientIp(c) });
    return c.json({ id: row.quarantine_id, status: row.status, resolvedAt: iso(row.resolved_at), resolvedBy: row.resolved_by } satisfies QuarantineChange);
  };
  /** One entry with its (pseudonymised) record as fields, for correcting it. Quarantine keeps no BSN. */
  app.get('/api/quarantine/:id', async (c) => {
    const s = requireImporter(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Deze melding bestaat niet.');
    const detail = await quarantineDetail(db, s.scope.gemeenteCode, id);
    if (!detail) throw notFound('Deze melding bestaat niet, of hoort niet bij jouw gemeente.');
    return c.json(detail satisfies QuarantineRecordDetail);
  });

  /**
   * Re-imports a corrected tabular record through the normal tabular importer for the caller's
   * gemeente (src/app/quarantine.ts). Imported: the entry is resolved with a link to the new
   * import; refused: nothing is stored and the new reasons are returned. Audited either way
   * (which fields changed, never their values).
   */
  app.post('/api/quarantine/:id/reimport', async (c) => {
    const s = requireImporter(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Deze melding bestaat niet.');
    const parsed = reimportBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest('Stuur de verbeterde velden als JSON: { "values": { "veld": "waarde" } }.');
    let result;
    try {
      result = await reimportQuarantined({ db, pseudonymizer: koers.pseudonymizer, refresh: koers.refresh }, { gemeente: s.scope.gemeenteCode, username: s.scope.username }, id, parsed.data);
    } catch (e) {
      if (e instanceof QuarantineRequestError) throw new ApiError(e.code === 'invalid' ? 400 : 409, e.code, e.message);
      throw e;
    }
    if (!result) throw notFound('Deze melding bestaat niet, of hoort niet bij jouw gemeente.');
    await audit(db, {
      gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'quarantine_reimport', object: id, ip: clientIp(c),
      details: result.outcome === 'imported'
        ? { outcome: 'imported', status: 'resolved', importId: result.importId, changed: result.changed }
        : { outcome: 'rejected', changed: result.changed, reason: result.reason },
    });
    const detail = await quarantineDetail(db, s.scope.gemeenteCode, id);
    return c.json({ ...result, record: detail! } satisfies ReimportAnswer);
  });

  app.post('/api/quarantine/:id/resolve', setStatus('resolved'));
  app.post('/api/quarantine/:id/ignore', setStatus('ignored'));

  return app;
}
