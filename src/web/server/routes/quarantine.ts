import { Hono } from 'hono';
import type { Koers } from '../../../app/koers.js';
import { audit } from '../../../auth/index.js';
import { badRequest, notFound } from '../errors.js';
import type { QuarantineChange, QuarantineList } from './api-types.js';
import { clientIp, isUuid, paging, requireImporter, type ApiContext, type ApiEnv } from './context.js';

const STATUSES = ['open', 'resolved', 'ignored'] as const;
type Status = (typeof STATUSES)[number];
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
      q.select(['quarantine_id', 'import_id', 'file_name', 'source', 'location', 'field', 'reason', 'status', 'created_at', 'resolved_at', 'resolved_by', (eb) => eb('record', 'is not', null).as('has_record')])
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
        status: r.status, createdAt: iso(r.created_at), resolvedAt: iso(r.resolved_at), resolvedBy: r.resolved_by, hasRecord: Boolean(r.has_record),
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
  app.post('/api/quarantine/:id/resolve', setStatus('resolved'));
  app.post('/api/quarantine/:id/ignore', setStatus('ignored'));

  return app;
}
