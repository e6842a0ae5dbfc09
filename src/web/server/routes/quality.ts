import type { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../../db/index.js';
import { audit, type SessionInfo } from '../../../auth/index.js';
import { findRule, listFindings, qualitySummary, setFindingStatus } from '../../../quality/index.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { clientIp, requireSession, type ApiEnv } from './context.js';

/** Who may see data quality, and who may set a finding's follow-up status. */
const VIEWERS = new Set(['beheerder', 'analist', 'beleid', 'controller', 'contractmanager', 'aanbieder']);
const EDITORS = new Set(['beheerder', 'analist', 'contractmanager']);

function requireViewer(s: SessionInfo) {
  if (!VIEWERS.has(s.scope.role)) throw forbidden('Met jouw rol kun je de datakwaliteit niet bekijken.');
}

/** An aanbieder account sees only its own AGB code. */
async function ownAgb(db: Db, s: SessionInfo): Promise<string | null> {
  if (s.scope.role !== 'aanbieder') return null;
  const u = await db.selectFrom('app_user').select('agb_code').where('user_id', '=', s.scope.userId).executeTakeFirst();
  if (!u?.agb_code) throw forbidden('Dit aanbiedersaccount is niet aan een AGB-code gekoppeld.');
  return u.agb_code;
}

const findingsQuery = z.object({
  rule: z.string().optional(),
  agb: z.string().regex(/^\d{8}$/).optional(),
  status: z.enum(['open', 'resolved', 'ignored']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function registerQualityRoutes(app: Hono<ApiEnv>, db: Db) {
  app.get('/api/quality/summary', async (c) => {
    const s = requireSession(c);
    requireViewer(s);
    const summary = await qualitySummary(db, s.scope.gemeenteCode);
    const agb = await ownAgb(db, s);
    if (agb) summary.aanbieders = summary.aanbieders.filter((a) => a.agb === agb);
    return c.json(summary);
  });

  app.get('/api/quality/findings', async (c) => {
    const s = requireSession(c);
    requireViewer(s);
    const q = findingsQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('Ongeldige filter: rule, agb (8 cijfers), status (open, resolved, ignored), limit en offset.');
    if (q.data.rule && !findRule(q.data.rule)) throw badRequest(`Onbekende regel "${q.data.rule}".`);
    const agb = (await ownAgb(db, s)) ?? q.data.agb;
    return c.json(await listFindings(db, s.scope.gemeenteCode, { ...q.data, agb }));
  });

  const statusBody = z.object({ status: z.enum(['open', 'resolved', 'ignored']) });
  app.post('/api/quality/findings/:id/status', async (c) => {
    const s = requireSession(c);
    if (!EDITORS.has(s.scope.role)) throw forbidden('Alleen beheerders, analisten en contractmanagers kunnen een bevinding afhandelen.');
    const body = statusBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) throw badRequest('Geef een status: open, resolved of ignored.');
    if (!(await setFindingStatus(db, s.scope.gemeenteCode, c.req.param('id'), body.data.status, s.scope.username))) throw notFound('Deze bevinding bestaat niet (meer).');
    await audit(db, { gemeenteCode: s.scope.gemeenteCode, userId: s.scope.userId, username: s.scope.username, action: 'finding_status', object: c.req.param('id'), details: { status: body.data.status }, ip: clientIp(c) });
    return c.body(null, 204);
  });
}
